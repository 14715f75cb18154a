"""Bitext tables: TSV (tab-separated, backslash escapes), CSV (RFC 4180) and, read
only, a spreadsheet's first worksheet (.xlsx: :mod:`~workbench.formats.sheet`).

Column 1 is the source, column 2 the target. A first row of two known
languages (``ar<TAB>en``) or column names (``source<TAB>target``) is a
header (:func:`header_of`); language tags name the columns. A header of
more columns names where the source and target are, as translate-toolkit's
CSV does (``location,source,target``, with ``context``, ``fuzzy``,
``translator_comments``, ``developer_comments``): those columns are kept
as the props, notes and fuzzy mark a PO entry has. TSV
escapes ``\\``, tab, line feed and carriage return as ``\\\\``, ``\\t``,
``\\n``, ``\\r`` so any text survives a round trip; CSV quotes instead.
Only plain text is written: inline markup, props and notes are not.
"""
from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator
from pathlib import Path
from dataclasses import dataclass
from typing import IO, Literal

from ..errors import InputError, LanguageTagError
from ..model import CONTEXT_PROP, EXTRACTED_PROP, FUZZY_PROP, REFERENCE_PROP, Note, Prop, TU, TUV
from ..text.langtag import language_named, parse_tag, same_language
from ..fileio import atomic_output
from .issues import ReadLog
from .plaintext import iter_lines, open_document

Dialect = Literal["tsv", "csv", "xlsx"]
_UNESCAPE = {"\\": "\\", "t": "\t", "n": "\n", "r": "\r"}
#: Header cells that name the source or the target column, not its language
#: (compared case-folded, ``_`` and ``-`` as spaces).
SOURCE_WORDS = frozenset({"source", "src", "original", "source text", "source language", "msgid"})
TARGET_WORDS = frozenset({"target", "tgt", "trg", "translation", "target text", "target language", "msgstr"})
HEADER_WORDS = SOURCE_WORDS | TARGET_WORDS
#: Header cells of other columns that are read, and what they become: a prop
#: type, ``note`` or ``fuzzy`` (a true value marks the translation unchecked).
KEPT_WORDS = {"location": REFERENCE_PROP, "locations": REFERENCE_PROP, "context": CONTEXT_PROP,
              "msgctxt": CONTEXT_PROP, "developer comments": EXTRACTED_PROP, "translator comments": "note",
              "comment": "note", "comments": "note", "note": "note", "notes": "note", "fuzzy": "fuzzy"}
_TRUE = frozenset({"true", "1", "yes", "y", "fuzzy", "x"})
#: Column names in a header of more columns that are also language tags (Indonesian, Kei): names there.
_NOT_TAGS = frozenset({"id", "key"})
#: Valid tags that name no language: undetermined, multiple, missing, no linguistic content.
_NO_LANGUAGE = frozenset({"und", "mul", "mis", "zxx"})


def dialect_of(path: str | Path) -> Dialect:
    """``csv`` for ``*.csv``, ``xlsx`` for ``*.xlsx``, else ``tsv``."""
    suffix = Path(path).suffix.lower()
    return "csv" if suffix == ".csv" else "xlsx" if suffix == ".xlsx" else "tsv"


def unescape(cell: str) -> str:
    """Undo the TSV escapes (an unknown escape is kept as written)."""
    if "\\" not in cell:
        return cell
    out, i = [], 0
    while i < len(cell):
        ch = cell[i]
        if ch == "\\" and i + 1 < len(cell) and cell[i + 1] in _UNESCAPE:
            out.append(_UNESCAPE[cell[i + 1]])
            i += 2
        else:
            out.append(ch)
            i += 1
    return "".join(out)


def escape(cell: str) -> str:
    return cell.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")


def _rows(path: str | Path, dialect: Dialect) -> Iterator[tuple[int, list[str]]]:
    if dialect == "xlsx":  # a spreadsheet's first worksheet; a row with nothing in it is no row
        from .sheet import xlsx_rows

        yield from ((number, row) for number, row in xlsx_rows(path) if any(cell.strip() for cell in row))
        return
    with open_document(path) as fh:
        lines = iter_lines(fh, str(path))
        if dialect == "tsv":
            for line in lines:
                yield line.number, [unescape(c) for c in line.text.split("\t")]
        else:
            text = (line.text + "\n" for line in lines)
            reader = csv.reader(text, strict=True)  # strict: a quote left open (a file cut short) is an error
            try:
                for row in reader:
                    yield reader.line_num, row
            except csv.Error as exc:
                raise InputError(f"malformed CSV: {exc}", path=path, line=reader.line_num) from None


def _language(cell: str) -> str | None:
    """The tag of a cell naming a known language: a valid BCP 47 tag, neither
    private use nor und/mul/mis/zxx, or a language's name (``English``,
    ``Arabic``, ``فارسی``: :func:`~workbench.text.langtag.language_named`), as
    a spreadsheet's sheet heads its columns."""
    try:
        tag = parse_tag(cell)
    except LanguageTagError:
        named = language_named(cell) if len(cell.strip()) >= 3 else None
        if named is None:
            return None
        tag = named
    first = tag.split("-", 1)[0].lower()
    private = first == "x" or (len(first) == 3 and "qaa" <= first <= "qtz")
    return None if private or first in _NO_LANGUAGE else tag


@dataclass(frozen=True, slots=True)
class Columns:
    """What a header row names: the source and target columns, their
    languages where it gives them, the other columns read (column, what it
    becomes: see :data:`KEPT_WORDS`) and how many columns a row has."""

    source: int = 0
    target: int = 1
    src_lang: str | None = None
    tgt_lang: str | None = None
    kept: tuple[tuple[int, str], ...] = ()
    width: int = 2

    @property
    def languages(self) -> tuple[str | None, str | None]:
        return self.src_lang, self.tgt_lang


def _word(cell: str) -> str:
    return " ".join(cell.replace("_", " ").replace("-", " ").split()).casefold()


def header_of(row: list[str]) -> Columns | None:
    """What a first row names if it is a header, else None.

    Two cells: each a column name (:data:`HEADER_WORDS`) or a known language
    (its tag), not twice the same tag (``ar<TAB>en``, ``source<TAB>target``).
    More cells: one source and one target column, each named by a word or a
    language tag (the first tag is the source), as in translate-toolkit's
    ``location,source,target``; the columns of :data:`KEPT_WORDS` are read too,
    any others left out (where only tags name the pair, every other cell must
    be a known column name: ``id,en,ar``).
    """
    if len(row) == 2:
        names: list[str | None] = []
        for cell in row:
            if _word(cell) in HEADER_WORDS:
                names.append(None)
                continue
            tag = _language(cell)
            if tag is None:
                return None
            names.append(tag)
        src, tgt = names
        same = src is not None and tgt is not None and src.lower() == tgt.lower()
        return None if same else Columns(src_lang=src, tgt_lang=tgt)
    if len(row) < 3:
        return None
    words = [_word(cell) for cell in row]
    sources = [i for i, w in enumerate(words) if w in SOURCE_WORDS]
    targets = [i for i, w in enumerate(words) if w in TARGET_WORDS]
    tags = {i: tag for i, cell in enumerate(row)
            if i not in sources + targets and words[i] not in _NOT_TAGS and (tag := _language(cell))}
    if len(sources) > 1 or len(targets) > 1 or len(sources) + len(targets) + len(tags) != 2:
        return None
    source, target = (sources or [min(tags)])[0], (targets or [max(tags)])[0]
    named = set(KEPT_WORDS) | _NOT_TAGS
    others = [w for i, w in enumerate(words) if i not in (source, target)]
    if source == target or len(set(tags.values())) < len(tags) or (
            not sources + targets and not all(w in named for w in others)):
        return None
    kept = tuple((i, KEPT_WORDS[w]) for i, w in enumerate(words) if w in KEPT_WORDS)
    return Columns(source, target, tags.get(source), tags.get(target), kept, len(row))


def _extras(row: list[str], kept: tuple[tuple[int, str], ...]) -> tuple[tuple[Prop, ...], tuple[Note, ...], bool]:
    """The props, notes and fuzzy mark a row's kept columns give."""
    props: list[Prop] = []
    notes: list[Note] = []
    fuzzy = False
    for column, role in kept:
        value = row[column].strip()
        if not value:
            continue
        if role == "fuzzy":
            fuzzy = value.casefold() in _TRUE
        elif role == "note":
            notes.extend(Note(line) for line in value.splitlines() if line.strip())
        elif role == REFERENCE_PROP:
            props.extend(Prop(role, location) for location in value.split())
        else:
            props.append(Prop(role, value))
    return tuple(props), tuple(notes), fuzzy


def _languages(head: tuple[str | None, str | None], src: str | None, tgt: str | None,
               path: str | Path, line: int) -> tuple[str | None, str | None]:
    """The columns' languages: the options', else the header's; an error when they differ."""
    out = []
    for given, named, option in ((src, head[0], "--src-lang"), (tgt, head[1], "--tgt-lang")):
        if given is not None and named is not None and not same_language(given, named):
            raise InputError(f"the header row names {named!r} where {option} says {given!r}: fix one, or give "
                             "--no-header if the row is data", path=path, line=line)
        out.append(given or named)
    return out[0], out[1]


def read_tabular(path: str | Path, src_lang: str | None, tgt_lang: str | None, log: ReadLog | None = None,
                 dialect: Dialect | None = None, header: bool | None = None,
                 untranslated: bool = False, keep_fuzzy: bool = False) -> Iterator[TU]:
    """The rows of a bitext table as TUs (streaming; rows with a source and
    no target too when ``untranslated``; rows a ``fuzzy`` column marks only
    when ``keep_fuzzy``, then with the prop :data:`~workbench.model.FUZZY_PROP`).

    The first row is a header when ``header`` is true, data when it is false,
    and, when it is None, a header if :func:`header_of` reads it as one (logged
    as ``info``). A header's language tags name the columns; languages given
    too must be the same (``ar`` and ``ar-SA`` are), and are used.
    """
    log = log or ReadLog(str(path))
    rows = _rows(path, dialect or dialect_of(path))
    src = parse_tag(src_lang) if src_lang else None
    tgt = parse_tag(tgt_lang) if tgt_lang else None
    columns = Columns()
    first = True
    for number, row in rows:
        if first:
            first = False
            head = header_of(row) if header is not False else None
            if header or head is not None:
                columns = head or Columns()
                src, tgt = _languages(columns.languages, src, tgt, path, number)
                how = "(--header)" if header else "(detected; --no-header reads it as data)"
                log.add("info", "header", f"first row {' | '.join(row)!r} read as a header {how}", number)
                continue
        if src is None or tgt is None:
            raise InputError("no languages: give --src-lang and --tgt-lang, or a first row such as 'ar<TAB>en'",
                             path=path, line=number)
        log.read += 1
        if len(row) != columns.width:
            log.skipped += 1
            log.add("skipped", "columns", f"{len(row)} columns, not {columns.width}", number)
            continue
        log.unit_line = number
        source, target = row[columns.source], row[columns.target]
        if not source.strip() or not target.strip() and not untranslated:
            log.skipped += 1
            log.add("skipped", "empty-segment", "empty source or target", number)
            continue
        props, notes, fuzzy = _extras(row, columns.kept)
        if fuzzy and not keep_fuzzy:
            log.skipped += 1
            log.add("skipped", "fuzzy", "marked fuzzy: its translation is unchecked (--keep-fuzzy imports it, "
                    "marked)", number)
            continue
        marks = (Prop(FUZZY_PROP, "true"),) if fuzzy else ()
        yield TU((TUV.plain(src, source), TUV.plain(tgt, target)), (("srclang", src),), props + marks, notes)


def write_tabular(target: str | Path | IO[bytes], tus: Iterable[TU], src_lang: str, tgt_lang: str,
                  dialect: Dialect = "tsv", header: bool = True) -> int:
    """Write the ``src_lang``-``tgt_lang`` pairs of ``tus``, with a header row of the two tags."""
    count = 0
    with atomic_output(target) as raw:
        fh = io.TextIOWrapper(raw, encoding="utf-8", newline="")
        writer = csv.writer(fh, lineterminator="\n") if dialect == "csv" else None
        if header:
            fh.write(f"{src_lang}\t{tgt_lang}\n" if writer is None else f"{src_lang},{tgt_lang}\n")
        for tu in tus:
            src, tgt = tu.variant(src_lang), tu.variant(tgt_lang)
            if src is None or tgt is None:
                continue
            if writer is None:
                fh.write(f"{escape(src.text)}\t{escape(tgt.text)}\n")
            else:
                writer.writerow([src.text, tgt.text])
            count += 1
        fh.flush()
        fh.detach()
    return count
