"""The termbase in memory: load from TBX, CSV or the tab layout, save, and get matchers."""
from __future__ import annotations

import io
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import replace
from pathlib import Path
from typing import IO

from ..errors import FormatError, InputError, LanguageTagError
from ..fileio import ZIP_START, open_input, plain_name
from ..formats.glossary_csv import read_glossary_csv_located, read_glossary_xlsx_located, write_glossary_csv
from ..formats.glossary_tab import read_glossary_tab, write_glossary_tab
from ..formats.issues import ReadLog
from ..formats.tbx import read_tbx_located, write_tbx, write_tbx_v2
from ..formats.termbase import LocatedConcept
from ..formats.xmlguard import XML_INVALID
from ..model import Concept, lang_key
from ..text.langtag import parse_tag
from .matcher import TermMatcher

#: Glossary formats: ``tbx`` is TBX v3 (TBX-Basic, DCA), ``tbx-v2`` TBX-Basic in ``martif``,
#: ``tab`` the source/target/comment layout of OmegaT (it needs the two languages).
FORMATS = ("tbx", "tbx-v2", "csv", "tab")
#: Formats read too: ``xlsx``, a spreadsheet's first worksheet laid out as the CSV is.
READ_FORMATS = (*FORMATS, "xlsx")
#: The format of a glossary file by its extension.
SUFFIXES = {".tbx": "tbx", ".xml": "tbx", ".csv": "csv", ".tab": "tab", ".txt": "tab", ".utf8": "tab", ".xlsx": "xlsx"}
#: Formats the same reader reads (a TBX file says its version).
_READ_AS = {"tbx-v2": "tbx"}
Pair = tuple[str, str] | None


class Glossary:
    """An ordered collection of concepts, looked up by id."""

    def __init__(self, concepts: Iterable[Concept] = ()) -> None:
        self.concepts: tuple[Concept, ...] = tuple(concepts)
        self._by_id = {c.id: c for c in self.concepts}
        self._matchers: dict[tuple[str, tuple[str, ...]], TermMatcher] = {}

    def __len__(self) -> int:
        return len(self.concepts)

    def __iter__(self) -> Iterator[Concept]:
        return iter(self.concepts)

    def __getitem__(self, concept_id: str) -> Concept:
        return self._by_id[concept_id]

    def __contains__(self, concept_id: object) -> bool:
        return concept_id in self._by_id

    @property
    def languages(self) -> tuple[str, ...]:
        """Primary language subtags of the terms, in order of first appearance."""
        return tuple(dict.fromkeys(lang_key(lang) for c in self.concepts for lang in c.languages))

    def matcher(self, lang: str, folds_off: Sequence[str] = ()) -> TermMatcher:
        """The term matcher for text in ``lang`` (built once per language and folds)."""
        slot = (lang_key(lang), tuple(sorted(folds_off)))
        if slot not in self._matchers:
            self._matchers[slot] = TermMatcher(self.concepts, lang, folds_off)
        return self._matchers[slot]

    def with_concept(self, concept: Concept) -> Glossary:
        """A copy with ``concept`` added, or replacing the one with its id."""
        if concept.id in self._by_id:
            return Glossary(concept if c.id == concept.id else c for c in self.concepts)
        return Glossary((*self.concepts, concept))


def glossary_format(path: str | Path) -> str:
    """``tbx``, ``csv``, ``tab`` or ``xlsx``, from the file name (:data:`SUFFIXES`; that of
    ``terms.tbx.gz`` is ``.tbx``) or, failing that, its first bytes (XML, in UTF-8 or UTF-16:
    ``tbx``, which reads MultiTerm XML too; a zip archive: ``xlsx``; else ``csv``)."""
    suffix = plain_name(path).suffix.lower()
    if suffix in SUFFIXES:
        return SUFFIXES[suffix]
    try:
        fh = open_input(path, "glossary")
    except InputError:  # no such file: said below
        head = b""
    else:
        with fh:  # a damaged compressed file is its own error
            head = fh.read(512).lstrip(b"\xef\xbb\xbf \t\r\n")
    if head.removeprefix(b"\xff\xfe").removeprefix(b"\xfe\xff").lstrip(b"\0 \t\r\n").startswith(b"<"):
        return "tbx"  # XML, in UTF-16 too
    if head.startswith(ZIP_START):
        return "xlsx"  # a zip archive: a spreadsheet
    if head:
        return "csv"
    raise InputError("cannot tell the glossary format (use .tbx, .csv or .txt)", path=path)


def _read_tab(path: Path, langs: Pair) -> list[LocatedConcept]:
    if langs is None:
        raise InputError("a tab-separated glossary does not say its languages: give them "
                         "(--src-lang and --tgt-lang)", path=path)
    return read_glossary_tab(path, *langs)


_READERS: dict[str, Callable[[Path, Pair, ReadLog | None], list[LocatedConcept]]] = {
    "tbx": lambda path, _, log: list(read_tbx_located(path, log)),
    "csv": lambda path, _, log: read_glossary_csv_located(path, log),
    "xlsx": lambda path, _, log: read_glossary_xlsx_located(path, log),
    "tab": lambda path, langs, log: _read_tab(path, langs),
}


def read_located(path: str | Path, fmt: str | None = None, langs: Pair = None,
                 log: ReadLog | None = None) -> list[LocatedConcept]:
    """The concepts of a glossary (``fmt``: one of :data:`READ_FORMATS`, default from the file;
    ``langs``: source and target language of a ``tab`` file), with their line numbers,
    their terms' language tags in canonical form (``EN_us`` -> ``en-US``:
    :func:`~workbench.text.langtag.parse_tag`; a tag that is not BCP 47 is kept as
    written, for :func:`load_glossary` to refuse and
    :func:`~workbench.glossary.validate.validate_glossary` to report). What the TBX
    reader repairs, moves or skips (an entry without an id or terms, a status it does
    not know) is logged in ``log``."""
    p = Path(path)
    if not p.exists():
        raise InputError("no such file", path=p)
    fmt = fmt or glossary_format(p)
    if fmt not in READ_FORMATS:
        raise InputError(f"unknown glossary format {fmt!r} (use {', '.join(READ_FORMATS)})", path=p)
    entries = _READERS[_READ_AS.get(fmt, fmt)](p, langs, log)
    return [_canonical_tags(e) for e in entries]


def _canonical_tags(entry: LocatedConcept) -> LocatedConcept:
    c = entry.concept
    if all(_canonical(t.lang) == t.lang for t in c.terms):
        return entry
    terms = [(replace(t, lang=_canonical(t.lang)), line) for t, line in zip(c.terms, entry.term_lines)]
    concept = replace(c, terms=tuple(t for t, _ in terms))
    line_of = {id(t): line for t, line in terms}
    return LocatedConcept(concept, entry.line, tuple(line_of[id(t)] for t in concept.terms))


def _canonical(tag: str) -> str:
    try:
        return parse_tag(tag)
    except LanguageTagError:
        return tag


def load_glossary(*paths: str | Path) -> Glossary:
    """Load one or more TBX/CSV files into one :class:`Glossary`.

    A concept id met twice, or a term whose language is not a BCP 47 tag, is
    a FormatError (``wb glossary validate`` lists them all).
    """
    concepts: dict[str, Concept] = {}
    for path in paths:
        for located in read_located(path):
            cid = located.concept.id
            if cid in concepts:
                raise FormatError(f"duplicate concept id {cid!r}", path=path, line=located.line)
            for term, line in zip(located.concept.terms, located.term_lines):
                try:
                    parse_tag(term.lang)
                except LanguageTagError:
                    raise FormatError(f"bad language tag {term.lang!r} in concept {cid!r}", path=path,
                                      line=line) from None
            concepts[cid] = located.concept
    return Glossary(concepts.values())


def _write_csv(concepts: list[Concept], target: Path | IO[bytes], title: str, langs: Pair) -> None:
    if isinstance(target, Path):
        write_glossary_csv(concepts, target)
        return
    text = io.TextIOWrapper(target, encoding="utf-8", newline="")
    write_glossary_csv(concepts, text)
    text.detach()


def _write_tab(concepts: list[Concept], target: Path | IO[bytes], title: str, langs: Pair) -> None:
    if langs is None:
        raise InputError("the tab layout holds two languages: say which (source and target)", path=str(target))
    write_glossary_tab(concepts, target, *langs)


_WRITERS: dict[str, Callable[[list[Concept], Path | IO[bytes], str, Pair], None]] = {
    "tbx": lambda concepts, target, title, _: write_tbx(concepts, target, title=title),
    "tbx-v2": lambda concepts, target, title, _: write_tbx_v2(concepts, target, title=title),
    "csv": _write_csv,
    "tab": _write_tab,
}


def save_glossary(glossary: Iterable[Concept], path: str | Path | IO[bytes], fmt: str | None = None,
                  title: str = "", langs: Pair = None) -> None:
    """Write a glossary in ``fmt`` (one of :data:`FORMATS`; default from the file name) to
    a path, atomically, or to a binary stream; ``langs`` (source, target) for ``tab``.
    An InputError if a text holds a character XML cannot hold (TBX could not, nor so
    the CSV twin)."""
    concepts = list(glossary)
    where = path if isinstance(path, (str, Path)) else getattr(path, "name", "-")
    for c in concepts:
        for text in (c.id, c.subject_field, c.definition, c.note, c.source,
                     *(x for t in c.terms for x in (t.text, t.lang, t.part_of_speech, t.context, t.note))):
            if bad := XML_INVALID.search(text):
                raise InputError(f"concept {c.id!r}: character U+{ord(bad[0]):04X} in {text!r}: "
                                 "XML (so TBX) cannot hold it", path=where)
    if fmt is None:
        if not isinstance(path, (str, Path)):
            raise InputError("say which glossary format to write", path=where)
        fmt = glossary_format(path)
    if fmt not in _WRITERS:
        raise InputError(f"unknown glossary format {fmt!r} (use {', '.join(FORMATS)})", path=where)
    _WRITERS[fmt](concepts, Path(path) if isinstance(path, (str, Path)) else path, title, langs)


def glossary_files(folder: str | Path) -> list[Path]:
    """The glossaries of a project folder: its ``*.tbx`` files, else its ``*.csv`` files
    (a tab-separated file names no languages: import it with ``wb glossary import``)."""
    p = Path(folder)
    files = sorted(p.glob("*.tbx")) or sorted(p.glob("*.csv"))
    if not files:
        raise InputError("no .tbx or .csv glossary here", path=p)
    return files


def twin_path(path: str | Path) -> Path:
    """The CSV twin of a TBX file, or the TBX twin of a CSV file."""
    p = Path(path)
    return p.with_suffix(".csv" if p.suffix.lower() == ".tbx" else ".tbx")


def id_clashes(glossary: Glossary, dest: str | Path) -> dict[str, Path]:
    """Concept ids of ``glossary`` that the other glossaries of ``dest``'s
    folder already hold (with the file holding each): writing ``glossary``
    to ``dest`` would make that folder's glossary fail to load. A file there
    that does not read as a glossary (a memory's CSV in a folder of downloads)
    is no part of one."""
    target = Path(dest).resolve()
    try:
        files = glossary_files(target.parent)
    except InputError:  # no glossary there yet
        return {}
    clashes: dict[str, Path] = {}
    for path in (p for p in files if p.resolve() not in (target, twin_path(target).resolve())):
        try:
            held = [located.concept.id for located in read_located(path)]
        except (InputError, LanguageTagError):
            continue
        for cid in held:
            if cid in glossary:
                clashes.setdefault(cid, path)
    return clashes
