"""Build a :class:`CheckContext` from a built project or from explicit files."""
from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path

from ..align.documents import align_documents
from ..errors import InputError, LanguageTagError
from ..formats.plaintext import read_text
from ..formats.registry import FORMATS, sniff
from ..glossary import Glossary, glossary_files, load_glossary
from ..model import Segment, SegmentKind, lang_key
from ..project import Project
from ..segment import rules_for, segment_file, segment_string
from ..text.langtag import parse_tag
from ..text.script import detect_language
from ..tm import Store
from ..tm.store import StoreError
from .context import CheckContext, Document, MemoryUnit, Pair
from .exchanged import READS

#: The TU property naming the corpus document a pair came from (see workbench.align.memory).
_PROP_DOCUMENT = "x-document"


def project_context(project: Project, glossary: Glossary | None = None, memory: Path | None = None,
                    use_glossary: bool = True) -> CheckContext:
    """The context of a built project: ``build/segments``, ``build/align``, the memory
    and the glossary. A missing build, memory or glossary is an :class:`InputError`."""
    ctx = CheckContext(folds_off=tuple(project.section("glossary").get("folds_off", ())))
    build = project.build_dir
    for lang in (*project.source_languages, project.target_language):
        for path in project.documents(lang):
            seg_file = build / "segments" / lang / f"{path.stem}.jsonl"
            doc_id = f"{lang}/{path.name}"
            ctx.documents[doc_id] = _document(doc_id, lang, path, seg_file)
    for src in project.source_languages:
        tgt = project.target_language
        for path in project.documents(src):
            a_file = build / "align" / f"{src}-{tgt}" / f"{path.stem}.jsonl"
            t_id = f"{tgt}/{path.name}"
            if t_id in ctx.documents and a_file.is_file():
                ctx.pairs += _pairs(ctx.documents[f"{src}/{path.name}"], ctx.documents[t_id], a_file)
    if use_glossary:
        ctx.glossary = glossary if glossary is not None else project_glossary(project)
    store = memory or project.store
    if not store.is_file():
        raise InputError("no translation memory (run wb build first, or give --tm)", path=store)
    ctx.memory = memory_units(store, set(Path(d).stem for d in ctx.documents), project.source_languages,
                              project.target_language)
    return ctx


def project_glossary(project: Project) -> Glossary | None:
    """The glossary in the project's glossary folder (``None`` without one)."""
    folder = project.glossary_dir
    if not folder.is_dir() or not any(folder.glob("*.tbx")) and not any(folder.glob("*.csv")):
        return None
    return load_glossary(*glossary_files(folder))


def _document(doc_id: str, lang: str, path: Path, seg_file: Path) -> Document:
    text = read_text(path)
    if not seg_file.is_file():
        raise InputError("not segmented yet (run wb build first)", path=path)
    segments = []
    for n, line in enumerate(seg_file.read_text(encoding="utf-8").splitlines(), start=1):
        try:
            d = json.loads(line)
            seg = Segment(doc_id, d["index"], lang, d["start"], d["end"], d["line"], SegmentKind(d["kind"]), d["text"])
        except (ValueError, KeyError) as exc:
            raise InputError(f"bad segment record: {exc}", path=seg_file, line=n) from None
        if text[seg.start:seg.end] != seg.text:
            raise InputError("changed since the last build (run wb build first)", path=path)
        segments.append(seg)
    return Document(doc_id, lang, text, tuple(segments))


def _pairs(src: Document, tgt: Document, a_file: Path) -> list[Pair]:
    s_at, t_at = _by_index(src), _by_index(tgt)
    out = []
    for n, line in enumerate(a_file.read_text(encoding="utf-8").splitlines(), start=1):
        try:
            d = json.loads(line)
            pair = Pair(src, tgt, tuple(s_at[i] for i in d["src"]), tuple(t_at[j] for j in d["tgt"]))
        except (ValueError, KeyError, TypeError) as exc:
            raise InputError(f"bad alignment record: {exc} (run wb build again)", path=a_file, line=n) from None
        if _checked(pair):
            out.append(pair)
    return out


def _by_index(doc: Document) -> dict[int, Segment]:
    """A document's segments by their index (the numbers alignment beads carry)."""
    return {s.index: s for s in doc.segments}


def memory_units(store_path: Path, corpus_docs: set[str], sources: Sequence[str], target: str) -> list[MemoryUnit]:
    """The memory's units in the project's language pairs that did not come from its corpus."""
    try:
        store = Store(store_path, create=False)
    except StoreError as exc:
        raise InputError(str(exc)) from None
    out = []
    with store:
        for src in sources:
            for tu in store.tus([src, target]):
                origin = next((p.value for p in tu.props if p.type == _PROP_DOCUMENT), "")
                if origin in corpus_docs:
                    continue
                s, t = tu.variant(src), tu.variant(target)
                if s is not None and t is not None:
                    out.append(MemoryUnit(src, target, s.text, t.text, tu.attr("tuid") or origin or store_path.name))
    return out


def files_context(paths: Sequence[Path], lang: str | None = None, target_lang: str = "en",
                  glossary: Glossary | None = None, memory: Path | None = None) -> CheckContext:
    """A context from explicit documents. A file's language is ``lang``, else its
    folder's name when that is a language tag, else detected; files with the same
    name in two languages are aligned (the one in ``target_lang`` is the translation).
    A file in a structured format (TMX, PO, XLIFF, TBX, CSV...) is an :class:`InputError`
    (:func:`.exchanged.exchanged_context` reads the files of pairs)."""
    for path in paths:
        fmt = sniff(path, document=True)
        if fmt is not None:
            raise InputError(f"not a plain-text document but {FORMATS[fmt].description}; {READS}", path=path)
    ctx = CheckContext(glossary=glossary)
    paths_by_name: dict[str, dict[str, Path]] = {}
    for path in paths:
        tag = lang or _folder_lang(path) or _detected(path)
        doc_id = f"{tag}/{path.name}"
        _, segments = segment_file(path, tag, doc=doc_id)
        ctx.documents[doc_id] = Document(doc_id, tag, read_text(path), tuple(segments))
        paths_by_name.setdefault(path.name, {})[tag] = path
    tgt_key = lang_key(target_lang)
    for name, by_lang in paths_by_name.items():
        targets = [t for t in by_lang if lang_key(t) == tgt_key]
        for src in (t for t in by_lang if lang_key(t) != tgt_key):
            for tgt in targets:
                result = align_documents(by_lang[src], by_lang[tgt], src, tgt, glossary=glossary)
                s_doc, t_doc = ctx.documents[f"{src}/{name}"], ctx.documents[f"{tgt}/{name}"]
                s_at, t_at = _by_index(s_doc), _by_index(t_doc)
                pairs = (Pair(s_doc, t_doc, tuple(s_at[i] for i in b.src), tuple(t_at[j] for j in b.tgt))
                         for b in result.beads)
                ctx.pairs += [p for p in pairs if _checked(p)]
    if memory is not None:
        langs = list(dict.fromkeys(d.lang for d in ctx.documents.values()))
        ctx.memory = memory_units(memory, set(), [x for x in langs if lang_key(x) != tgt_key], target_lang)
    return ctx


def _folder_lang(path: Path) -> str | None:
    try:
        return parse_tag(path.resolve().parent.name)
    except LanguageTagError:
        return None


def _detected(path: Path) -> str:
    found = detect_language(read_text(path)[:5000])
    if found is None:
        raise InputError("cannot tell the language (use --lang)", path=path)
    return found


def text_document(doc_id: str, lang: str, text: str) -> Document:
    """A document from an in-memory text, segmented with the rules of ``lang``."""
    return Document(doc_id, lang, text, tuple(segment_string(text, rules_for(lang), doc=doc_id, lang=lang)))


def _checked(pair: Pair) -> bool:
    """Whether checks look at a pair: not one of credits (or boilerplate)."""
    return all(s.kind.checked for s in (*pair.src_segments, *pair.tgt_segments))


def paired(src: Document, tgt: Document) -> list[Pair]:
    """Pairs of the n-th translatable segments of two documents (for texts aligned line by line)."""
    return [Pair(src, tgt, (s,), (t,)) for s, t in zip(src.translatable, tgt.translatable, strict=False)]
