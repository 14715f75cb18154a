"""Checks on the files translators exchange (PO, TMX, XLIFF, TSV, CSV): their pairs as a check context.

Every file is read through its memory reader (:func:`~workbench.formats.registry.memory_reader`),
with fuzzy and untranslated units kept, since those are what a reviewer wants
to see. Each language of a file becomes one document (``sample.po#ar``) whose
segments are the file's units, and every unit with a source and a target is a
pair, so that the bilingual checks and the per-language consistency checks run
on them as on a project. :func:`relocate` then points each finding at the
file's unit: its line in the file when the reader says it (PO, tables, XLIFF),
else its number (the n-th TU), with the unit's id in the message.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from ..errors import InputError, LanguageTagError
from ..formats.issues import ReadLog
from ..formats.memory import ReadOptions
from ..formats.registry import FORMATS, memory_formats, memory_reader, sniff
from ..glossary import Glossary
from ..model import Finding, Place, Segment, SegmentKind, lang_key
from ..text.langtag import parse_tag
from .context import CheckContext, Document, Pair
from .runner import CheckRun

#: A line end, as :func:`~workbench.formats.plaintext.lines_of` splits lines.
_BREAK = re.compile(r"\r\n|\r|\n")
#: What ``wb check`` reads, for messages.
READS = ("wb check reads plain-text documents, or files of translation pairs alone ("
         + ", ".join(n.upper() for n in memory_formats("reads") if FORMATS[n].extensions) + ")")
#: How the readers name their options, and how ``wb check`` names them.
_OPTIONS = (("--src-lang", "--lang"), ("--tgt-lang", "--target-lang"))


def exchanged_format(path: Path) -> str | None:
    """The memory format ``path`` is in (``po``, ``tmx``...), ``None`` for a plain-text
    document; a format no memory reader reads (TBX, SRX) is an :class:`InputError`."""
    name = sniff(path, document=True)
    if name is None:
        return None
    fmt = FORMATS[name]
    if not fmt.reads:
        raise InputError(f"not a plain-text document but {fmt.description}; {READS}", path=path)
    return name


def mixed(pairs: Path, fmt: str, document: Path) -> InputError:
    """The error for a file of pairs (in format ``fmt``) given with documents."""
    return InputError(f"not a plain-text document but {FORMATS[fmt].description}; {READS}, not both "
                      f"({document} is a document)", path=pairs)


@dataclass(frozen=True, slots=True)
class Unit:
    """A unit of an exchanged file: its number (1-based, in file order), the line
    where it starts when the reader says, its id (``tuid``, XLIFF ``id``) and text per language."""

    file: str
    number: int
    line: int | None
    id: str
    source: str
    texts: tuple[tuple[str, str], ...]

    @property
    def position(self) -> int:
        """What a finding gives as its line: the unit's line in the file, else its number."""
        return self.line or self.number

    def where(self) -> str:
        """How a translator finds it: ``unit 7, id 'intro'``."""
        return f"unit {self.number}" + (f", id {self.id!r}" if self.id else "")

    def text(self, lang: str) -> str | None:
        """The text in ``lang`` (``None`` when the unit has none)."""
        return next((t for lg, t in self.texts if lg == lang), None)


@dataclass(slots=True)
class ExchangedContext:
    """A check context over exchanged files, and the unit behind each of its segments."""

    ctx: CheckContext
    #: Document id -> its units, by segment index.
    units: dict[str, list[Unit]] = field(default_factory=dict)
    _starts: dict[str, list[int]] = field(default_factory=dict)

    def directions(self) -> list[CheckContext]:
        """A context per language pair (``ar``-``en``, ``ar``-``fr`` of a multilingual
        TMX): its pairs, their documents and the memory's units in that pair."""
        by_pair: dict[tuple[str, str], list[Pair]] = {}
        for p in self.ctx.pairs:
            by_pair.setdefault((p.src.lang, p.tgt.lang), []).append(p)
        out = []
        for (src, tgt), pairs in by_pair.items():
            docs = {d.id: d for p in pairs for d in (p.src, p.tgt)}
            memory = [u for u in self.ctx.memory if (lang_key(u.src_lang), lang_key(u.tgt_lang)) ==
                      (lang_key(src), lang_key(tgt))]
            out.append(CheckContext(documents=docs, pairs=pairs, memory=memory, glossary=self.ctx.glossary))
        return out

    def segment_at(self, doc: str, offset: int) -> tuple[Segment, Unit] | None:
        """The segment of document ``doc`` holding ``offset``, and its unit."""
        d = self.ctx.documents.get(doc)
        if d is None:
            return None
        starts = self._starts.get(doc)
        if starts is None:
            starts = self._starts[doc] = [s.start for s in d.segments]
        i = bisect_right(starts, offset) - 1
        if i < 0 or offset > d.segments[i].end:
            return None
        return d.segments[i], self.units[doc][i]


def read_units(path: Path, fmt: str, src_lang: str | None = None, tgt_lang: str | None = None,
               pair: Path | None = None) -> list[Unit]:
    """The units of ``path`` (read as format ``fmt``; with the file ``pair`` of its
    translations, for a format whose languages are in two files), each with its source language first.

    ``src_lang`` and ``tgt_lang`` name the two sides of a bilingual file whatever
    it says (a PO or XLIFF file converted with the wrong languages); in a
    multilingual one (TMX) they choose the source, and the target checked."""
    try:
        src = parse_tag(src_lang) if src_lang else None
        tgt = parse_tag(tgt_lang) if tgt_lang else None
    except LanguageTagError as exc:
        raise InputError(str(exc)) from None
    bilingual = FORMATS[fmt].bilingual
    log = ReadLog(str(path))
    reader = memory_reader(fmt)(path, log, ReadOptions(src_lang=src, tgt_lang=tgt, pair=pair, keep_fuzzy=True,
                                                          untranslated=True))
    units: list[Unit] = []
    try:
        for tu in reader:
            if not tu.tuvs:
                continue
            source = _srclang(tu.attr("srclang")) or tu.tuvs[0].lang
            texts = [(v.lang, v.text) for v in tu.tuvs]
            if bilingual:
                texts = [((src or lg) if lg == source else (tgt or lg), t) for lg, t in texts]
            source = src or source
            first = next((i for i, (lg, _) in enumerate(texts) if lang_key(lg) == lang_key(source)), None)
            if first is None:
                continue  # no variant in the source language: nothing to check against
            source = texts[first][0]
            texts.insert(0, texts.pop(first))
            units.append(Unit(path.name, len(units) + 1, log.unit_line, tu.attr("tuid") or "", source, tuple(texts)))
    except InputError as exc:
        raise _renamed(exc) from None
    except LanguageTagError as exc:
        raise InputError(str(exc), path=path) from None
    if not any(len(u.texts) > 1 for u in units):
        skipped = next((i.message for i in log.issues if i.action == "skipped"), "")
        raise InputError("no translation pairs to check" + (f" (skipped: {skipped})" if skipped else ""), path=path)
    return units


def _srclang(tag: str | None) -> str | None:
    return tag if tag and tag.lower() != "*all*" else None


def _renamed(exc: InputError) -> InputError:
    """A reader's error with its option names changed to those of ``wb check``."""
    message = exc.message
    for theirs, ours in _OPTIONS:
        message = message.replace(theirs, ours)
    return type(exc)(message, exc.path, exc.line, exc.column)


def exchanged_context(paths: Sequence[Path], lang: str | None = None, target_lang: str | None = None,
                      glossary: Glossary | None = None, fmt: str | None = None) -> ExchangedContext:
    """The context of exchanged files (in format ``fmt``, else each in its own):
    per file, a document per language and a pair per unit and target language
    (only ``target_lang`` when given; a unit without text in a target language
    the file has is untranslated there). Files of a format that keeps each
    language in a file of its own (Moses) come two by two, source first, and
    each side's document is named after its file."""
    out = ExchangedContext(CheckContext(glossary=glossary))
    names: set[str] = set()
    for path, pair, kind in _files(paths, fmt):
        for p in (path, pair):
            if p is not None and p.stat().st_size == 0:
                raise InputError("empty file", path=p)
        units = read_units(path, kind, lang, target_lang, pair)
        if path.name in names:  # two files of one name: their paths tell them apart
            units = [replace(u, file=str(path)) for u in units]
        names.add(units[0].file)
        sides = {units[0].texts[0][0]: units[0].file, units[0].texts[1][0]: pair.name} if pair is not None else {}
        _add(out, units, target_lang, sides)
    return out


def _files(paths: Sequence[Path], fmt: str | None) -> list[tuple[Path, Path | None, str]]:
    """``(file, the file of its translations or None, format)`` of each file to read."""
    if fmt is None:
        kinds = [(p, exchanged_format(p)) for p in paths]
        missing = next((p for p, kind in kinds if kind is None), None)
        if missing is not None:
            raise InputError("not a file of translation pairs", path=missing)
        return [(p, None, kind) for p, kind in kinds if kind is not None]
    if not FORMATS[fmt].paired:
        return [(p, None, fmt) for p in paths]
    if len(paths) % 2:
        raise InputError(f"{fmt} files come two by two, source then target (corpus.ar corpus.en): "
                         "this one has no pair", path=paths[-1])
    return [(paths[i], paths[i + 1], fmt) for i in range(0, len(paths), 2)]


def _add(out: ExchangedContext, units: list[Unit], target_lang: str | None, doc_ids: Mapping[str, str]) -> None:
    """The documents and pairs of one file's ``units``; a side's document id is
    ``doc_ids[lang]``, else ``file#lang``."""
    file = units[0].file
    langs = list(dict.fromkeys(lg for u in units for lg, _ in u.texts))
    as_target = {lg for u in units for lg, _ in u.texts[1:]}
    targets = [lg for lg in langs if lg in as_target]
    if target_lang is not None:
        targets = [lg for lg in langs if lang_key(lg) == lang_key(target_lang)]
        if not targets:
            raise InputError(f"no {target_lang} text in the file (its languages: {', '.join(langs)})", path=file)
    sides = {lg: _Builder(doc_ids.get(lg, f"{file}#{lg}"), lg) for lg in langs}
    beads: list[tuple[str, Segment, str, Segment | None]] = []
    for u in units:
        if not u.texts[0][1].strip():
            continue
        s_seg = sides[u.source].add(u, u.texts[0][1])
        for tgt in targets:
            if lang_key(tgt) != lang_key(u.source):
                t = u.text(tgt)
                beads.append((u.source, s_seg, tgt, sides[tgt].add(u, t) if t and t.strip() else None))
    if not beads:
        raise InputError("no translation pairs to check (every unit's source is empty, or in its "
                         "target's language)", path=file)
    docs = {lg: b.document() for lg, b in sides.items() if b.segments or lg in targets}
    for lg, doc in docs.items():
        out.ctx.documents[doc.id] = doc
        out.units[doc.id] = sides[lg].units
    out.ctx.pairs += [Pair(docs[s], docs[t], (s_seg,), (t_seg,) if t_seg is not None else ())
                      for s, s_seg, t, t_seg in beads]


class _Builder:
    """A side's document, unit by unit, each on its own line: the unit's line in the
    file (else its number) where the units before it leave room, so that what a
    check says of a line (term-mismatch names the target's) points at the file."""

    def __init__(self, doc_id: str, lang: str) -> None:
        self.id, self.lang = doc_id, lang
        self.parts: list[str] = []
        self.segments: list[Segment] = []
        self.units: list[Unit] = []
        self.size = 0
        self.line = 1

    def add(self, unit: Unit, text: str) -> Segment:
        want = unit.position
        if self.parts:  # at least one line end between units; after a "\r" the first "\n" makes no new line
            joined = self.parts[-1].endswith("\r")
            line = max(want, self.line + (not joined))
            gap = line - self.line + joined
        else:
            line = want
            gap = want - 1
        self.parts.append("\n" * gap)
        self.size += gap
        self.line = line
        seg = Segment(self.id, len(self.segments), self.lang, self.size, self.size + len(text),
                      self.line, SegmentKind.SENTENCE, text)
        self.parts.append(text)
        self.size += len(text)
        self.line += len(_BREAK.findall(text))
        self.segments.append(seg)
        self.units.append(unit)
        return seg

    def document(self) -> Document:
        return Document(self.id, self.lang, "".join(self.parts), tuple(self.segments))


def merged(runs: Sequence[CheckRun], contexts: Sequence[CheckContext]) -> CheckRun:
    """One run from the runs of :meth:`ExchangedContext.directions`: a finding two
    runs make alike (on a source both pairs share) once; a different one with the
    same id gets its run's target language in its id."""
    findings: list[Finding] = []
    seen: dict[str, Finding] = {}
    for run, ctx in zip(runs, contexts, strict=True):
        target = ctx.pairs[0].tgt.lang
        for f in run.findings:
            before = seen.get(f.id)
            if before is not None and (before.message, before.start) == (f.message, f.start):
                continue
            if before is not None:
                f = replace(f, id=f"{f.id}-{target}")
            seen[f.id] = f
            findings.append(f)
    findings.sort(key=lambda f: (f.doc, f.start, f.end, f.check))
    first = runs[0]
    return CheckRun(findings, first.checks, first.profile, first.signature,
                    documents=len({d for c in contexts for d in c.documents}),
                    pairs=sum(len(c.pairs) for c in contexts))


def relocate(ex: ExchangedContext, findings: Iterable[Finding]) -> list[Finding]:
    """Findings pointed at the files' units: line (else unit number) and column in
    the unit, the unit named in the message; offsets stay those of the side's document."""
    out = []
    for f in findings:
        at = ex.segment_at(f.doc, f.start)
        if at is None:
            out.append(f)
            continue
        seg, unit = at
        out.append(replace(f, line=unit.position, column=f.start - seg.start + 1,
                           places=tuple(_place(ex, p) for p in f.places), message=f"{f.message} ({unit.where()})"))
    return out


def _place(ex: ExchangedContext, p: Place) -> Place:
    doc, _, _, start, end, surface = p
    at = ex.segment_at(doc, start)
    if at is None:
        return p
    seg, unit = at
    return (doc, unit.position, start - seg.start + 1, start, end, surface)
