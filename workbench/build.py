"""``wb build``: the project pipeline.

segment -> memory from the TMX brought in -> align (with the memory's learned
word list) -> memory with the aligned pairs, and ``tmx/<project>.<src>-<tgt>.tmx``
-> checks, into ``build/report.html`` and ``build/report.json``.

Every step writes into ``build/`` (and the TMX export into ``tmx/``)
atomically and is skipped when its inputs (content hashes and a settings
signature) did not change, so a second run is cheap and gives identical files.
The outputs depend on the project's files and settings alone: the store is
made again from them whenever another command has written to it since, or it
fails its checks. One build of a project runs at a time (``build/.lock``),
everything it writes lands inside the project, and it never replaces a file
it did not make.
"""
from __future__ import annotations

import hashlib
import json
import os
import re
import secrets
import sqlite3
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from . import __version__
from .align import AlignSettings, Lexicon
from .align.aligner import ALIGN_VERSION
from .align.seed import seed_digest
from .align.documents import DocumentAlignment, align_segments
from .align.memory import alignment_tus
from .check.pipeline import read_counts, report_inputs, report_paths, write_project_report
from .check.registry import CHECK_VERSION
from .errors import ConfigError, InputError
from .fileio import atomic_open, atomic_write_bytes, confined, destination, file_lock, make_dirs
from .formats.plaintext import read_text
from .formats.tmx import header_for_export, write_tmx
from .glossary import Glossary, TermMatcher, glossary_files, load_glossary
from .memories import export_name, imported_memories, same_but_dates
from .model import TU, Bead, Segment, SegmentKind
from .project import CONFIG_NAME, Project
from .segment import segment_file
from .segment.rules import RULES_VERSION, rules_digest
from .tm import Store, import_file
from .tm.codec import StoreDataError
from .tm.store import DamagedStoreError, is_store_file, remove_store_files
from .tm.engine import TMStore, is_url
from .tm.lexicon import stored_lexicon

Progress = Callable[[str], None]
#: The store's setting naming the build that made it (with ``memory/token`` in the manifest).
_MADE_BY = "made_by_build"
#: The store's setting holding the last variant id of the memories brought in: the aligner learns from those alone.
_IMPORTED_UPTO = "imported_upto"
#: What a damaged project store needs (see :class:`~workbench.tm.store.Store`).
_REMADE = "this build makes it again"
_TU_TAG = re.compile(rb"<tu[\s>]", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class DocSummary:
    """What segmentation made of one document."""

    lang: str
    name: str
    kinds: dict[str, int]
    redone: bool


@dataclass(frozen=True, slots=True)
class PairSummary:
    """What alignment made of one document and its translation."""

    src_lang: str
    tgt_lang: str
    name: str
    beads: dict[str, int]
    unsure: int
    redone: bool


@dataclass(slots=True)
class BuildReport:
    """The outcome of a build, for the CLI to render."""

    documents: list[DocSummary] = field(default_factory=list)
    pairs: list[PairSummary] = field(default_factory=list)
    memory: dict[str, int] = field(default_factory=dict)
    exports: list[Path] = field(default_factory=list)
    terms: dict[str, int] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    checks: dict[str, int] = field(default_factory=dict)

    @property
    def redone(self) -> int:
        return sum(d.redone for d in self.documents)


def _digest(parts: Iterable[bytes | str | Path]) -> str:
    h = hashlib.sha256()
    for part in parts:
        if isinstance(part, Path):
            with part.open("rb") as fh:
                for block in iter(lambda: fh.read(1 << 20), b""):
                    h.update(block)
        else:
            h.update(part.encode() if isinstance(part, str) else part)
        h.update(b"\0")
    return h.hexdigest()


class Manifest:
    """Content hashes of what was built, in ``build/manifest.json``."""

    def __init__(self, path: Path) -> None:
        self.path = path
        try:
            self.data: dict[str, str] = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            self.data = {}

    def fresh(self, key: str, digest: str, *outputs: Path) -> bool:
        return self.data.get(key) == digest and all(p.is_file() for p in outputs)

    def save(self) -> None:
        payload = json.dumps(self.data, indent=1, sort_keys=True, ensure_ascii=False) + "\n"
        atomic_write_bytes(self.path, payload.encode("utf-8"))


def project_documents(project: Project) -> Iterator[tuple[str, Path]]:
    """Every document of the project: sources, then the target language."""
    for lang in (*project.source_languages, project.target_language):
        for path in project.documents(lang):
            yield lang, path


def segments_path(project: Project, lang: str, name: str) -> Path:
    return project.build_dir / "segments" / lang / f"{Path(name).stem}.jsonl"


def load_segments(path: Path) -> list[Segment]:
    """Segments written by the segment step."""
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        d = json.loads(line)
        out.append(Segment(d["doc"], d["index"], d["lang"], d["start"], d["end"], d["line"], SegmentKind(d["kind"]), d["text"]))
    return out


def segment_step(project: Project, manifest: Manifest, progress: Progress | None = None) -> list[DocSummary]:
    """Segment every document into ``build/segments/<lang>/<name>.jsonl``."""
    out: list[DocSummary] = []
    extra_all = project.section("segment").get("boilerplate", {})
    for lang, path in project_documents(project):
        extra = tuple(extra_all.get(lang, ()))
        target = segments_path(project, lang, path.name)
        key = f"segments/{lang}/{path.name}"
        digest = _digest([f"{rules_digest(lang)}|{lang}|{'|'.join(extra)}|workbench:{__version__}", path])
        if progress:
            progress(f"segment {lang}/{path.name}")
        redone = not manifest.fresh(key, digest, target)
        if redone:
            make_dirs(target.parent)
            _, segments = segment_file(path, lang, extra, doc=f"{lang}/{path.name}")
            with atomic_open(target, "w", encoding="utf-8") as fh:
                for seg in segments:
                    fh.write(json.dumps(seg.as_dict(), ensure_ascii=False) + "\n")
            manifest.data[key] = digest
        kinds = Counter(s.kind.value for s in load_segments(target))
        out.append(DocSummary(lang, path.name, {k.value: kinds.get(k.value, 0) for k in SegmentKind}, redone))
    return out


def _write_alignment(path: Path, result: DocumentAlignment) -> None:
    with atomic_open(path, "w", encoding="utf-8") as fh:
        for bead in result.beads:
            src_text, tgt_text = result.texts(bead)
            fh.write(json.dumps({"src": list(bead.src), "tgt": list(bead.tgt), "score": bead.score,
                                 "unsure": result.unsure(bead), "src_text": src_text, "tgt_text": tgt_text},
                                ensure_ascii=False) + "\n")


def _read_alignment(path: Path, src: Sequence[Segment], tgt: Sequence[Segment], src_doc: str, tgt_doc: str,
                    src_lang: str, tgt_lang: str, threshold: float) -> DocumentAlignment:
    beads = [Bead(tuple(d["src"]), tuple(d["tgt"]), d["score"]) for d in map(json.loads, path.read_text(encoding="utf-8").splitlines())]
    return DocumentAlignment(src_doc, tgt_doc, src_lang, tgt_lang, src, tgt, beads, threshold)


def _made_by(path: Path) -> str | None:
    """The token of the build that made the store at ``path`` (read only), if it says."""
    try:
        db = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
        try:
            row = db.execute("SELECT value FROM setting WHERE key = ?", (_MADE_BY,)).fetchone()
        finally:
            db.close()
    except sqlite3.Error:
        return None
    return None if row is None else str(row[0])


def _check_replaceable(project: Project, manifest: Manifest) -> None:
    """Refuse to replace the file at the store's path unless the build made it:
    a store this project's build marked (``memory/token``), or any workbench
    store in ``build/`` (whatever its state); an empty file holds nothing to lose."""
    path = project.store
    if not path.exists():
        return
    if path.is_file() and (path.stat().st_size == 0 or is_store_file(path) and (
            path.resolve().is_relative_to(project.build_dir.resolve())
            or _made_by(path) == manifest.data.get("memory/token", ""))):
        return
    raise ConfigError(f"{project.root / CONFIG_NAME}: [paths] store: {path} is not a store this project's build "
                      "made, and wb build replaces its store: move the file away, or name another store")


def _new_store(project: Project, manifest: Manifest, imports: Sequence[Path], report: BuildReport,
               progress: Progress | None) -> Store:
    """A new store holding the memories brought in (the aligner learns its
    word lists from them, see :data:`_IMPORTED_UPTO`): made beside the
    project's store, then put in its place (which :func:`_check_replaceable`
    allows)."""
    path = project.store
    _check_replaceable(project, manifest)
    new = destination(path.with_name(f".{path.name}.new"))
    remove_store_files(new)
    token = secrets.token_hex(8)
    try:
        with Store(new) as store:
            for imported in imports:
                if progress:
                    progress(f"import {imported.name}")
                imp = import_file(store, imported)
                report.warnings += [f"{imported.name}: {i.message}" for i in imp.log.issues][:20]
            with store.transaction() as db:
                store.set_setting(_MADE_BY, token)
                store.set_setting(_IMPORTED_UPTO, str(db.execute("SELECT coalesce(max(id), 0) FROM tuv").fetchone()[0]))
            store.db.execute("PRAGMA journal_mode = DELETE")  # one file, whole, to move
        remove_store_files(path, main=False)
        os.replace(new, path)
    finally:
        remove_store_files(new)
    manifest.data["memory/token"] = token
    manifest.save()
    return Store(path, repair=_REMADE)


def _store_state(store: TMStore) -> str:
    """A digest of what any command writing the store's memory changes (its
    imports, a row each; the counts of TUs and variants) and of the build that
    made it. The word lists cached in it (:mod:`workbench.tm.lexicon`) are left out."""
    db = store.db
    rows = [*db.execute("SELECT id, name, imported FROM source ORDER BY id"),
            db.execute("SELECT (SELECT count(*) FROM tu), (SELECT count(*) FROM tuv)").fetchone(),
            store.setting(_MADE_BY)]
    return _digest([json.dumps(rows, ensure_ascii=False)])


def _built_store(project: Project, manifest: Manifest, store_digest: str, report: BuildReport) -> Store | None:
    """The store as the last build left it, if its imports did not change, no
    other command wrote to it since and it passes its checks
    (:meth:`~workbench.tm.store.Store.check`); else None (a damaged store is
    reported)."""
    if not manifest.fresh("memory/imports", store_digest, project.store):
        return None
    try:
        with Store(project.store, create=False, repair=_REMADE) as store:
            store.check()
            if _store_state(store) != manifest.data.get("memory/state"):
                return None
    except DamagedStoreError as exc:
        report.warnings.append(str(exc))
        return None
    return Store(project.store, repair=_REMADE)


def _publish(project: Project, manifest: Manifest, store: Store, progress: Progress | None) -> None:
    """The build's memory, whole, in the team's store ``[tm] store`` (a PostgreSQL URL): what it
    held replaced in one transaction (its readers see the old memory or the new one), unless it
    holds just that already. A store holding TUs this project's builds did not put there is
    refused: its memory would be lost."""
    from .tm.copying import copy_into
    from .tm.engine import open_store

    url = str(project.tm_store)
    state = _store_state(store)
    with open_store(url) as team, team.transaction():
        if _store_state(team) == state:
            return
        made_by = team.setting(_MADE_BY)
        ours = made_by is not None and made_by in (manifest.data.get("memory/published"), store.setting(_MADE_BY))
        if team.count() and not ours:
            raise ConfigError(f"{project.root / CONFIG_NAME}: [tm] store: {team.path} holds a memory this "
                              "project's build did not put there, and wb build replaces it: name another "
                              "database, or merge into it with wb tm copy --on-duplicate keep")
        if progress:
            progress(f"memory to {team.path}")
        copy_into(store, team, replace=True)
    manifest.data["memory/published"] = store.setting(_MADE_BY) or ""


def build(project: Project, progress: Progress | None = None) -> BuildReport:
    """Run the pipeline on ``project`` (one build of it at a time: another waits,
    see :func:`~workbench.fileio.file_lock`). A :class:`ConfigError` when the
    corpus is not there (:func:`_check_corpus`)."""
    with confined(project.root):
        make_dirs(project.build_dir)
        with file_lock(project.build_dir / ".lock", str(project.build_dir)):
            return _build(project, progress)


def _check_corpus(project: Project) -> None:
    """A corpus that is not there, or has no folder of a source language, is an
    error, not an empty build (a project may start with empty folders)."""
    where = f"{project.root / CONFIG_NAME}: [paths] corpus"
    if not project.corpus.is_dir():
        raise ConfigError(f"{where}: no folder {project.corpus}")
    if not any((project.corpus / lang).is_dir() for lang in project.source_languages):
        folders = " or ".join(f"{lang}/" for lang in project.source_languages)
        raise ConfigError(f"{where}: {project.corpus} has no folder {folders} (the documents of each source language)")


def _build(project: Project, progress: Progress | None) -> BuildReport:
    _check_corpus(project)
    manifest = Manifest(project.build_dir / "manifest.json")
    report = BuildReport()
    report.documents = segment_step(project, manifest, progress)
    settings = AlignSettings()
    tgt_lang = project.target_language
    langs = [(s, tgt_lang) for s in project.source_languages]
    imports = imported_memories(project)
    store_digest = _digest(["memory@3", f"workbench:{__version__}", str(project.store), *imports])
    destination(project.store)  # inside the project (a link may not lead out)
    built = _built_store(project, manifest, store_digest, report)
    fresh_imports = built is not None
    store = built or _new_store(project, manifest, imports, report, progress)
    if not fresh_imports:  # a new store: it needs the aligned pairs again
        manifest.data.pop("memory/aligned", None)
    manifest.data["memory/imports"] = store_digest
    glossary, glossary_digest = project_glossary(project)
    try:
        results: list[tuple[str, list[DocumentAlignment]]] = []
        for src_lang, _ in langs:
            lexicon = stored_lexicon(store, src_lang, tgt_lang, upto=int(store.setting(_IMPORTED_UPTO) or 0))
            terms = (glossary.matcher(src_lang, project.folds_off), glossary.matcher(tgt_lang, project.folds_off)) if glossary else None
            done: list[DocumentAlignment] = []
            for path in project.documents(src_lang):
                if not (project.corpus / tgt_lang / path.name).is_file():
                    report.warnings.append(f"{src_lang}/{path.name}: no translation in {tgt_lang}/")
                    continue
                if progress:
                    progress(f"align {src_lang}/{path.name}")
                done.append(_align_pair(project, manifest, report, src_lang, tgt_lang, path.name, lexicon, settings,
                                        terms, glossary_digest))
            results.append((src_lang, done))
        aligned = [_alignment_path(project, r.src_lang, r.tgt_lang, r.src_doc) for _, rs in results for r in rs]
        aligned_digest = _digest([store_digest, f"{RULES_VERSION}|{ALIGN_VERSION}|export@2", *aligned])
        report.exports = [export_name(project, s, tgt_lang) for s, _ in results]
        if not manifest.fresh("memory/aligned", aligned_digest, *report.exports, project.store):
            if fresh_imports:  # the store holds the previous build's pairs: start it again
                store.close()
                store = _new_store(project, manifest, imports, report, progress)
            for src_lang, done in results:
                tus = [tu for r in done for tu in alignment_tus(r, document=Path(r.src_doc).stem)]
                if progress:
                    progress(f"memory {src_lang}-{tgt_lang}")
                store.add_tus(tus, name=f"corpus {src_lang}-{tgt_lang}", format="alignment")
                make_dirs(project.tmx_dir)
                kept = _export(export_name(project, src_lang, tgt_lang), tus, src_lang)
                if kept:
                    report.warnings.append(kept)
            manifest.data["memory/aligned"] = aligned_digest
        report.memory = {"tus": store.count(), **store.languages()}
        manifest.data["memory/state"] = _store_state(store)
        if is_url(project.tm_store):
            _publish(project, manifest, store, progress)
        if glossary is not None:
            report.terms = terms_step(project, manifest, glossary, glossary_digest, progress)
        report.checks = _check_step(project, manifest, progress)
    except sqlite3.Error as exc:
        raise store.error(exc) from None
    except StoreDataError as exc:
        raise store.damaged(str(exc)) from None
    finally:
        store.close()
        manifest.save()
    return report


def terms_step(project: Project, manifest: Manifest, glossary: Glossary, glossary_digest: str,
               progress: Progress | None = None) -> dict[str, int]:
    """Every occurrence of every glossary term in the corpus, in ``build/terms.jsonl``;
    returns the number of hits per language."""
    out = project.build_dir / "terms.jsonl"
    docs = list(project_documents(project))
    digest = _digest([glossary_digest, *(p for _, p in docs), *(f"{lang}/{p.name}" for lang, p in docs)])
    if not manifest.fresh("terms", digest, out):
        if progress:
            progress("glossary scan")
        with atomic_open(out, "w", encoding="utf-8") as fh:
            for lang, path in docs:
                matcher = glossary.matcher(lang, project.folds_off)
                for record in matcher.records(read_text(path), f"{lang}/{path.name}"):
                    fh.write(json.dumps(record, ensure_ascii=False) + "\n")
        manifest.data["terms"] = digest
    counts: Counter[str] = Counter()
    for line in out.read_text(encoding="utf-8").splitlines():
        counts[json.loads(line)["lang"]] += 1
    return dict(sorted(counts.items()))


def _export(path: Path, tus: Sequence[TU], src_lang: str) -> str | None:
    """Write the project's TMX; an existing file that differs only in its
    dates is kept as it is, so a rebuild does not churn committed files, and
    so is one holding TUs when there are none to write (returns why)."""
    if not tus and _holds_tus(destination(path)):
        return (f"{path}: kept as it is: this build has no {src_lang} pairs to write there "
                "(delete the file if that is what you want)")
    tmp = destination(path.with_name(f".{path.name}.new"))
    try:
        write_tmx(tmp, tus, header_for_export(None, src_lang, settings=f"{RULES_VERSION}|{ALIGN_VERSION}"))
        if path.is_file() and same_but_dates(tmp, path):
            return None
        tmp.replace(destination(path))
    finally:
        tmp.unlink(missing_ok=True)
    return None


def _holds_tus(path: Path) -> bool:
    """Whether the file at ``path`` holds a TMX ``<tu>``."""
    if not path.is_file():
        return False
    with path.open("rb") as fh:
        return any(_TU_TAG.search(line) for line in fh)


def _alignment_path(project: Project, src_lang: str, tgt_lang: str, doc: str) -> Path:
    return project.build_dir / "align" / f"{src_lang}-{tgt_lang}" / f"{Path(doc).stem}.jsonl"


def project_glossary(project: Project) -> tuple[Glossary | None, str]:
    """The project's glossary (TBX files, else CSV) and a digest of its files."""
    if not project.glossary_dir.is_dir():
        return None, ""
    try:
        files = glossary_files(project.glossary_dir)
    except InputError:
        return None, ""
    glossary = load_glossary(*files)
    signature = glossary.matcher(project.source_languages[0], project.folds_off).signature
    return glossary, _digest([*files, "|".join(project.folds_off), signature])


def _align_pair(project: Project, manifest: Manifest, report: BuildReport, src_lang: str, tgt_lang: str, name: str,
                lexicon: Lexicon, settings: AlignSettings, terms: tuple[TermMatcher, TermMatcher] | None,
                glossary_digest: str) -> DocumentAlignment:
    s_path, t_path = segments_path(project, src_lang, name), segments_path(project, tgt_lang, name)
    src, tgt = load_segments(s_path), load_segments(t_path)
    out = _alignment_path(project, src_lang, tgt_lang, name)
    lex_sig = hashlib.sha256(json.dumps(sorted((k, sorted(v)) for k, v in lexicon.entries.items()), ensure_ascii=False).encode()).hexdigest()
    digest = _digest([ALIGN_VERSION, seed_digest(src_lang, tgt_lang), "beads:segment-index", repr(settings), lex_sig,
                      glossary_digest, s_path, t_path])
    key = f"align/{src_lang}-{tgt_lang}/{name}"
    redone = not manifest.fresh(key, digest, out)
    src_doc, tgt_doc = f"{src_lang}/{name}", f"{tgt_lang}/{name}"
    if redone:
        beads = align_segments(src, tgt, src_lang, tgt_lang, lexicon or None, settings, terms)
        result = DocumentAlignment(src_doc, tgt_doc, src_lang, tgt_lang, src, tgt, beads, settings.review_threshold)
        make_dirs(out.parent)
        _write_alignment(out, result)
        manifest.data[key] = digest
    else:
        result = _read_alignment(out, src, tgt, src_doc, tgt_doc, src_lang, tgt_lang, settings.review_threshold)
    kinds = Counter(b.kind for b in result.beads)
    report.pairs.append(PairSummary(src_lang, tgt_lang, name, dict(kinds), sum(result.unsure(b) for b in result.beads), redone))
    return result


def _check_step(project: Project, manifest: Manifest, progress: Progress | None) -> dict[str, int]:
    """Checks into ``build/report.html`` and ``build/report.json``; findings per severity."""
    digest = _digest([CHECK_VERSION, f"workbench:{__version__}", manifest.data.get("memory/aligned", ""),
                      *report_inputs(project)])
    if manifest.fresh("report", digest, *report_paths(project)):
        return read_counts(project)
    if progress:
        progress("check")
    counts = write_project_report(project)
    manifest.data["report"] = digest
    return counts
