"""The glossary as CSV, for people who edit it in a spreadsheet.

One row per term, UTF-8 with or without BOM (or UTF-16 with BOM, as
spreadsheets save "Unicode text", or UTF-32 with BOM), a header row naming
the columns. A control character that XML cannot hold (NUL, say), which
the TBX twin could not carry, is an error with its line and column. Commas
separate the columns; a header with semicolons or tabs and no comma (what
spreadsheets write in many locales) is read with that separator.
Required columns, in this order when written::

    concept,lang,term,status,part_of_speech,note

``status`` is ``preferred``, ``admitted``, ``deprecated`` or ``forbidden``
(any case; empty reads as ``admitted``). Optional columns, written after
those: ``context`` (an example sentence for the term) and the concept-level
``subject_field``, ``definition``, ``concept_note``, ``source``, which are
written on the first row of each concept and may be given on any of its rows
(two different values for one concept are an error). Rows of one concept
need not be adjacent. Unknown columns are an error, so a typo is not lost.
A cell a spreadsheet would run as a formula (``=``, ``+``, ``-``, ``@``...) is
written with a leading apostrophe, which reading takes off again
(:func:`~workbench.safeout.guard`, :func:`~workbench.safeout.unguard`).
"""
from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO

from ..errors import FormatError
from ..fileio import atomic_open
from ..model import Concept, Term, TermStatus
from ..safeout import GuardedWriter, unguard
from . import glossary_wide as wide
from .issues import ReadLog
from .plaintext import read_table_text
from .termbase import LocatedConcept
from .xmlguard import XML_INVALID

REQUIRED = ("concept", "lang", "term", "status", "part_of_speech", "note")
OPTIONAL = ("context", "subject_field", "definition", "concept_note", "source")
COLUMNS = REQUIRED + OPTIONAL
_CONCEPT_FIELDS = {"subject_field": "subject_field", "definition": "definition",
                   "concept_note": "note", "source": "source"}


def read_glossary_csv(path: str | Path) -> Iterator[Concept]:
    """The concepts of a glossary CSV file, in order of first appearance."""
    for located in read_glossary_csv_located(path):
        yield located.concept


def read_glossary_csv_located(path: str | Path, log: ReadLog | None = None) -> list[LocatedConcept]:
    """Like :func:`read_glossary_csv`, with the line of each concept and term; a sheet with a
    column per language (:mod:`~workbench.formats.glossary_wide`) is read too, what it leaves
    out logged in ``log``."""
    name = str(path)
    text = read_table_text(path, "CSV file")
    return _parse(text, name, log)


def read_glossary_xlsx_located(path: str | Path, log: ReadLog | None = None) -> list[LocatedConcept]:
    """A spreadsheet's first worksheet (.xlsx, :func:`~workbench.formats.sheet.xlsx_rows`) read as
    the CSV is: this layout, or a column per language; rows numbered as the sheet numbers them."""
    from .sheet import xlsx_rows

    name = str(path)
    rows = xlsx_rows(path)
    first = next(rows, None)
    if first is None:
        raise FormatError("empty worksheet: no header row", path=name, line=1)
    return parse_rows(first[1], rows, name, log)


def delimiter_of(text: str) -> str:
    """``,`` unless the header row (``text``'s first line) has no comma but semicolons or tabs."""
    header = text.split("\n", 1)[0]
    if "," in header:
        return ","
    return max((";", "\t"), key=header.count) if (";" in header or "\t" in header) else ","


def _parse(text: str, name: str, log: ReadLog | None = None) -> list[LocatedConcept]:
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter_of(text), strict=True)  # a quote left open: cut short
    try:
        raw = next(reader)
    except StopIteration:
        raise FormatError("empty file: no header row", path=name, line=1) from None
    except csv.Error as exc:
        raise FormatError(f"bad CSV: {exc}", path=name, line=1) from None
    return parse_rows(raw, _rows(reader, name), name, log)


def parse_rows(raw: list[str], rows: Iterable[tuple[int, list[str]]], name: str,
               log: ReadLog | None = None) -> list[LocatedConcept]:
    """The concepts of a table given as its header row ``raw`` and its other ``rows`` (each with
    its line): the layout above, else a sheet with a column per language
    (:mod:`~workbench.formats.glossary_wide`); CSV and spreadsheets alike."""
    header = [h.strip().lower() for h in _xml_safe(raw, name, 1)]
    missing = [c for c in REQUIRED if c not in header]
    if missing and (layout := wide.columns(raw)) is not None:
        return wide.read_wide(raw, layout, rows, name, log)
    if missing:
        raise FormatError(f"missing column(s): {', '.join(missing)} (need {','.join(REQUIRED)}, or a column "
                          "per language: en,ar or English,Arabic)", path=name, line=1)
    unknown = [h for h in header if h not in COLUMNS]
    if unknown:
        raise FormatError(f"unknown column(s): {', '.join(unknown)}", path=name, line=1)
    col = {h: i for i, h in enumerate(header)}
    order: dict[str, int] = {}
    terms: dict[str, list[tuple[Term, int]]] = {}
    fields: dict[str, dict[str, str]] = {}
    for line, row in rows:
        if not any(cell.strip() for cell in row):
            continue
        if len(row) > len(header) and any(cell.strip() for cell in row[len(header):]):
            raise FormatError(f"{len(row)} cells, header has {len(header)}", path=name, line=line)
        rec = {h: (unguard(row[i].strip()) if i < len(row) else "") for h, i in col.items()}
        cid, lang, term = rec["concept"], rec["lang"], rec["term"]
        for key, value in (("concept", cid), ("lang", lang), ("term", term)):
            if not value:
                raise FormatError(f"empty {key}", path=name, line=line, column=col[key] + 1)
        status = _status(rec["status"], name, line, col["status"] + 1)
        order.setdefault(cid, line)
        terms.setdefault(cid, []).append(
            (Term(term, lang, status, rec["part_of_speech"], rec.get("context", ""), rec["note"]), line))
        got = fields.setdefault(cid, {})
        for column, attr in _CONCEPT_FIELDS.items():
            value = rec.get(column, "")
            if value and got.get(attr, value) != value:
                raise FormatError(f"concept {cid!r}: two different {column} values", path=name, line=line,
                                  column=col[column] + 1)
            if value:
                got[attr] = value
    out = []
    for cid, first in order.items():
        concept = Concept(cid, tuple(t for t, _ in terms[cid]), **fields[cid])
        line_of = {id(t): ln for t, ln in terms[cid]}
        out.append(LocatedConcept(concept, first, tuple(line_of.get(id(t)) for t in concept.terms)))
    return out


def _rows(reader: Iterator[list[str]], name: str) -> Iterator[tuple[int, list[str]]]:
    """The rows after the header, each with its line, checked for what XML cannot hold."""
    try:
        for row in reader:
            line = reader.line_num  # type: ignore[attr-defined]
            yield line, _xml_safe(row, name, line)
    except csv.Error as exc:
        raise FormatError(f"bad CSV: {exc}", path=name, line=reader.line_num) from None  # type: ignore[attr-defined]


def _xml_safe(row: list[str], name: str, line: int) -> list[str]:
    """``row``, unless a cell holds a character XML cannot hold (the error names its column)."""
    for column, cell in enumerate(row, 1):
        if bad := XML_INVALID.search(cell):
            raise FormatError(f"character U+{ord(bad[0]):04X} in column {column}: XML (so TBX) cannot hold it",
                              path=name, line=line, column=column)
    return row


def _status(value: str, name: str, line: int, column: int) -> TermStatus:
    if not value:
        return TermStatus.ADMITTED
    try:
        return TermStatus(value.lower())
    except ValueError:
        allowed = ", ".join(s.value for s in TermStatus)
        raise FormatError(f"bad status {value!r} (use {allowed})", path=name, line=line, column=column) from None


def write_glossary_csv(concepts: Iterable[Concept], target: str | Path | IO[str]) -> None:
    """Write the CSV layout (with BOM-less UTF-8, CRLF rows as spreadsheets expect)."""
    if isinstance(target, (str, Path)):
        with atomic_open(target, "w", encoding="utf-8") as fh:
            _write(concepts, fh)
    else:
        _write(concepts, target)


def _write(concepts: Iterable[Concept], fh: IO[str]) -> None:
    writer = GuardedWriter(fh, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for c in concepts:
        for i, t in enumerate(c.terms):
            head = (c.subject_field, c.definition, c.note, c.source) if i == 0 else ("", "", "", "")
            writer.writerow((c.id, t.lang, t.text, t.status.value, t.part_of_speech, t.note, t.context, *head))
