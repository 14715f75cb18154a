"""One-shot conversions between memory formats, or between glossary formats, without a store.

Memories stream: TUs go from the format's registered reader
(:func:`~workbench.formats.registry.memory_reader`) to its writer
(:func:`~workbench.formats.registry.memory_writer`) as they are read, and the
output is written atomically, so a file that turns out malformed halfway
leaves no output. TMX to TMX keeps the header (props, notes, unknown
elements) as well as every TU. Glossaries are read whole, ids made valid for
TBX, and written by :func:`~workbench.glossary.store.save_glossary`.
"""
from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from itertools import chain
from pathlib import Path
from typing import Literal

from .errors import InputError, WorkbenchError
from .fileio import plain_name
from .formats.issues import ReadLog
from .formats.memory import ReadOptions, WriteOptions, Written
from .formats.registry import (
    FORMATS,
    memory_formats,
    memory_reader,
    memory_writer,
    sniff,
)
from .glossary.exchange import import_glossary
from .glossary.store import FORMATS as GLOSSARY_FORMATS
from .glossary.store import READ_FORMATS as GLOSSARY_READ_FORMATS
from .glossary.store import SUFFIXES as GLOSSARY_SUFFIXES
from .model import TU
from .tm.report import ImportReport

Kind = Literal["memory", "glossary"]
#: Memory formats a conversion reads and writes.
MEMORY_FORMATS = tuple(f for f in memory_formats("reads") if f in memory_formats("writes"))
#: Every format name ``--from``/``--to`` take (``csv`` is both a memory and a glossary format).
ALL_FORMATS = tuple(dict.fromkeys((*MEMORY_FORMATS, *GLOSSARY_FORMATS)))
#: And the formats read only (``xlsx``, a spreadsheet: a memory or a glossary, as the output says).
INPUT_FORMATS = tuple(dict.fromkeys((*ALL_FORMATS, *memory_formats("reads"), *GLOSSARY_READ_FORMATS)))
#: Registry names of glossary formats (the registry's ``glossary-tab`` is the glossary ``tab``).
_GLOSSARY_NAMES = {"tbx": "tbx", "glossary-tab": "tab"}
#: The first line of a glossary CSV names these columns.
_GLOSSARY_CSV_COLUMNS = {"concept", "lang", "term"}


@dataclass(frozen=True, slots=True)
class Plan:
    """What a conversion does: the kind of file and the formats in and out."""

    kind: Kind
    source: str
    target: str


@dataclass(slots=True)
class GlossaryReport:
    """What a glossary conversion did: concepts written, ids renamed (old, new), warnings."""

    path: str
    concepts: int
    renamed: tuple[tuple[str, str], ...]
    warnings: tuple[str, ...]


def _kinds(name: str | None, reading: bool = False) -> set[Kind]:
    """What a format holds: memory, glossary or both (``csv``); ``reading``: as an input,
    so the formats read only count too (``xlsx``)."""
    kinds: set[Kind] = set()
    if name in (memory_formats("reads") if reading else MEMORY_FORMATS):
        kinds.add("memory")
    if name in (GLOSSARY_READ_FORMATS if reading else GLOSSARY_FORMATS):
        kinds.add("glossary")
    return kinds


def _sniffed(path: Path) -> tuple[str | None, bool]:
    """The input's format by content, else extension, as a convert format name, and whether
    a table (CSV, a spreadsheet) is a glossary by its header."""
    name = sniff(path)
    name = _GLOSSARY_NAMES.get(name or "", name)
    return name, name in ("csv", "xlsx") and _glossary_table(_first_row(path, name))


def _first_row(path: Path, name: str) -> list[str]:
    if name == "xlsx":
        from .formats.sheet import xlsx_rows

        try:
            return next((row for _, row in xlsx_rows(path) if any(row)), [])
        except WorkbenchError:  # said when it is read
            return []
    from .formats.glossary_csv import delimiter_of

    try:
        with path.open(encoding="utf-8-sig", errors="replace") as fh:
            first = fh.readline()
    except OSError:
        return []
    return [c.strip().strip('"') for c in first.split(delimiter_of(first))]


def _glossary_table(row: list[str]) -> bool:
    """Whether a table's first row is a glossary's: the columns concept, lang, term, or a
    column per language that is no bitext's header (three languages, a definition...)."""
    from .formats.glossary_wide import columns
    from .formats.tabular import header_of

    cells = [c.strip() for c in row]
    while cells and not cells[-1]:
        cells.pop()
    return _GLOSSARY_CSV_COLUMNS <= {c.lower() for c in cells} or (
        bool(cells) and columns(cells) is not None and header_of(cells) is None)


def _by_extension(path: Path) -> set[tuple[Kind, str]]:
    suffix = plain_name(path).suffix.lower()
    found: set[tuple[Kind, str]] = {("memory", f.name) for f in FORMATS.values()
                                    if f.name in MEMORY_FORMATS and suffix in f.extensions}
    if suffix in GLOSSARY_SUFFIXES:
        found.add(("glossary", GLOSSARY_SUFFIXES[suffix]))
    return found


def plan(source: str | Path, target: str | Path, *, from_format: str | None = None,
         to_format: str | None = None) -> Plan:
    """The conversion of ``source`` to ``target``: formats given, else the input's
    sniffed (:func:`~workbench.formats.registry.sniff`) and the output's by its
    extension; memory or glossary, as both formats allow (``csv`` and ``xlsx`` are
    either: a glossary's first row names the columns concept, lang, term, or has a
    column per language and is no bitext's header). An InputError when the formats cannot be told or do not meet."""
    src = Path(source)
    name, glossary_table = (from_format, False) if from_format else _sniffed(src)
    ins = {(k, name) for k in _kinds(name, reading=True)} if name else set()
    if glossary_table:
        ins = {("glossary", str(name))}
    if not ins:
        what = f"{FORMATS[name].description}, " if name in FORMATS else ""
        raise InputError(f"{what}not a format convert reads ({', '.join(INPUT_FORMATS)}); say which with --from",
                         path=source)
    outs = {(k, to_format) for k in _kinds(to_format)} if to_format else _by_extension(Path(target))
    if not outs:
        raise InputError(f"cannot tell the output format from the name: say which with --to "
                         f"({', '.join(ALL_FORMATS)})", path=target)
    for kind in ("memory", "glossary"):
        i = next((n for k, n in sorted(ins) if k == kind), None)
        o = next((n for k, n in sorted(outs) if k == kind), None)
        if i and o:
            return Plan(kind, i, o)
    have = ", ".join(sorted(f"{n} ({k})" for k, n in ins))
    want = ", ".join(sorted(f"{n} ({k})" for k, n in outs))
    raise InputError(f"cannot convert {have} to {want}: memories convert to memory formats "
                     f"({', '.join(MEMORY_FORMATS)}), glossaries to glossary formats ({', '.join(GLOSSARY_FORMATS)})",
                     path=source)


def convert_memory(source: str | Path, target: str | Path, source_format: str, target_format: str, *,
                   src_lang: str | None = None, tgt_lang: str | None = None, keep_fuzzy: bool = False,
                   header: bool | None = None, version: str | None = None, strict: bool = False) -> ImportReport:
    """Stream the TUs of ``source`` (for ``moses``, STEM.SRC or its STEM, with STEM.TGT) into ``target``.

    The report is an import's (:class:`~workbench.tm.report.ImportReport`),
    ``stored`` counting the TUs written. The languages of a bilingual output
    are ``src_lang`` and ``tgt_lang``, else those of the first TU (its
    ``srclang``, else its first variant's, as the source).
    """
    path: str | Path = source
    pair: str | Path | None = None
    if source_format == "moses":
        if not (src_lang and tgt_lang):
            raise WorkbenchError("a Moses input needs --src-lang and --tgt-lang (STEM.SRC and STEM.TGT are read)")
        stem = str(source).removesuffix(f".{src_lang}")
        path, pair = f"{stem}.{src_lang}", f"{stem}.{tgt_lang}"
    for p in (path, pair):
        if p is not None and not Path(p).is_file():
            raise InputError("no such file", path=p)
    log = ReadLog(str(source), strict=strict)
    reader = memory_reader(source_format)
    tus = iter(reader(path, log, ReadOptions(src_lang, tgt_lang, pair, keep_fuzzy, header)))
    first = next(tus, None)
    if first is None:
        raise InputError(f"no translation units: {log.read} read, {log.skipped} skipped", path=source)
    bilingual = FORMATS[target_format].bilingual
    langs = _languages(first, src_lang, tgt_lang, bilingual)
    options = WriteOptions(langs[0], langs[1], version)
    units: Iterable[TU] = chain((first,), tus)
    paired = _Paired(units, *langs, source) if bilingual else None
    if source_format == target_format == "tmx":
        written = Written(_tmx_to_tmx(path, target, units, options), (str(target),))
    else:
        written = memory_writer(target_format)(target, paired or units, options)
    if paired is not None and paired.unpaired:
        log.add("info", "not-in-pair", f"{paired.unpaired} TU(s) without both {langs[0]} and {langs[1]} left out")
    if written.note:
        log.add("info", "dropped", written.note)
    return ImportReport(str(source), source_format, log, stored=written.count, merged=written.dropped)


class _Paired:
    """The TUs of a bilingual output, as they come, counting those without both ``src`` and
    ``tgt`` (which its writer leaves out); at their end, an :class:`InputError` if none holds
    both (the output would be empty: the languages asked for are not the file's)."""

    def __init__(self, units: Iterable[TU], src: str, tgt: str, source: str | Path) -> None:
        self.units, self.src, self.tgt, self.source = units, src, tgt, source
        self.unpaired = 0

    def __iter__(self) -> Iterator[TU]:
        found: Counter[str] = Counter()
        paired = 0
        for tu in self.units:
            if tu.variant(self.src) is not None and tu.variant(self.tgt) is not None:
                paired += 1
            else:
                self.unpaired += 1
                found.update(t.lang for t in tu.tuvs)
            yield tu
        if not paired:
            held = ", ".join(lang for lang, _ in found.most_common(6))
            raise InputError(f"no translation unit holds both {self.src} and {self.tgt} (the file holds {held}): "
                             "say which with --src-lang and --tgt-lang", path=self.source)


def _languages(first: TU, src: str | None, tgt: str | None, bilingual: bool) -> tuple[str, str]:
    langs = list(dict.fromkeys(t.lang for t in first.tuvs))
    declared = first.attr("srclang")
    src = src or (declared if declared not in (None, "*all*") else None) or (langs[0] if langs else None)
    if tgt is None:
        tgt = next((lang for lang in langs if src is None or first.variant(src) is not first.variant(lang)), None)
    if bilingual and not (src and tgt):
        raise WorkbenchError("this output holds two languages: give --src-lang and --tgt-lang")
    return src or "", tgt or ""


def _tmx_to_tmx(path: str | Path, target: str | Path, units: Iterable[TU], options: WriteOptions) -> int:
    """TMX to TMX under the input's own header (kept whole, as an export of it would)."""
    from .formats.tmx import TmxReader, header_for_export, write_tmx

    with TmxReader(path, ReadLog(str(path))) as head:
        base = head.header
    return write_tmx(target, units, header_for_export(base, base.attr("srclang") or options.src_lang or "*all*"))


def convert_glossary(source: str | Path, target: str | Path, source_format: str, target_format: str, *,
                     src_lang: str | None = None, tgt_lang: str | None = None,
                     lang_map: Mapping[str, str] | None = None, strict: bool = False) -> GlossaryReport:
    """Read the glossary ``source`` as ``wb glossary import`` does (languages renamed
    by ``lang_map``) and write it as ``wb glossary export`` does (ids valid for TBX,
    renamed and reported)."""
    from .glossary.exchange import export_glossary
    from .glossary.store import save_glossary

    langs = (src_lang, tgt_lang) if src_lang and tgt_lang else None
    if "tab" in (source_format, target_format) and langs is None:
        raise WorkbenchError("the tab layout holds two languages: give --src-lang and --tgt-lang")
    read = import_glossary(source, fmt=source_format, langs=langs, lang_map=lang_map, strict=strict)
    if not read.concepts:
        raise InputError("no concepts", path=source)
    out = export_glossary(read.concepts, target_format, strict=strict)
    save_glossary(out.concepts, target, target_format, langs=langs)
    return GlossaryReport(str(source), len(out.concepts), read.renamed + out.renamed, read.warnings + out.warnings)

