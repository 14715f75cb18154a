"""Two-column bitext: TSV (tab-separated, backslash escapes) and CSV (RFC 4180).

Column 1 is the source, column 2 the target. A first row of two known
languages (``ar<TAB>en``) or column names (``source<TAB>target``) is a
header (:func:`header_of`); language tags name the columns. TSV
escapes ``\\``, tab, line feed and carriage return as ``\\\\``, ``\\t``,
``\\n``, ``\\r`` so any text survives a round trip; CSV quotes instead.
Only plain text is kept: inline markup, props and notes are not.
"""
from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO, Literal

from ..errors import InputError, LanguageTagError
from ..model import TU, TUV
from ..text.langtag import parse_tag, same_language
from ..fileio import atomic_output
from .issues import ReadLog
from .plaintext import iter_lines, open_document

Dialect = Literal["tsv", "csv"]
_UNESCAPE = {"\\": "\\", "t": "\t", "n": "\n", "r": "\r"}
#: Header cells that name a column, not its language (compared case-folded, ``_`` and ``-`` as spaces).
HEADER_WORDS = frozenset({"source", "target", "src", "tgt", "trg", "translation", "original", "source text",
                          "target text", "source language", "target language"})
#: Valid tags that name no language: undetermined, multiple, missing, no linguistic content.
_NO_LANGUAGE = frozenset({"und", "mul", "mis", "zxx"})


def dialect_of(path: str | Path) -> Dialect:
    """``csv`` for ``*.csv``, else ``tsv``."""
    return "csv" if Path(path).suffix.lower() == ".csv" else "tsv"


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
    with open_document(path) as fh:
        lines = iter_lines(fh, str(path))
        if dialect == "tsv":
            for line in lines:
                yield line.number, [unescape(c) for c in line.text.split("\t")]
        else:
            text = (line.text + "\n" for line in lines)
            reader = csv.reader(text)
            try:
                for row in reader:
                    yield reader.line_num, row
            except csv.Error as exc:
                raise InputError(f"malformed CSV: {exc}", path=path, line=reader.line_num) from None


def _language(cell: str) -> str | None:
    """The tag of a cell naming a known language: a valid BCP 47 tag, neither
    private use nor und/mul/mis/zxx."""
    try:
        tag = parse_tag(cell)
    except LanguageTagError:
        return None
    first = tag.split("-", 1)[0].lower()
    private = first == "x" or (len(first) == 3 and "qaa" <= first <= "qtz")
    return None if private or first in _NO_LANGUAGE else tag


def header_of(row: list[str]) -> tuple[str | None, str | None] | None:
    """What a first row names if it is a header, else None: two cells, each a
    column name (:data:`HEADER_WORDS`, giving None) or a known language (its
    tag), not twice the same tag (``ar<TAB>en``, ``source<TAB>target``)."""
    if len(row) != 2:
        return None
    names: list[str | None] = []
    for cell in row:
        if " ".join(cell.replace("_", " ").replace("-", " ").split()).casefold() in HEADER_WORDS:
            names.append(None)
            continue
        tag = _language(cell)
        if tag is None:
            return None
        names.append(tag)
    src, tgt = names
    return None if src is not None and tgt is not None and src.lower() == tgt.lower() else (src, tgt)


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
                 untranslated: bool = False) -> Iterator[TU]:
    """The rows of a two-column file as TUs (streaming; rows with a source and
    no target too when ``untranslated``).

    The first row is a header when ``header`` is true, data when it is false,
    and, when it is None, a header if :func:`header_of` reads it as one (logged
    as ``info``). A header's language tags name the columns; languages given
    too must be the same (``ar`` and ``ar-SA`` are), and are used.
    """
    log = log or ReadLog(str(path))
    rows = _rows(path, dialect or dialect_of(path))
    src = parse_tag(src_lang) if src_lang else None
    tgt = parse_tag(tgt_lang) if tgt_lang else None
    first = True
    for number, row in rows:
        if first:
            first = False
            head = header_of(row) if header is not False else None
            if header or head is not None:
                src, tgt = _languages(head or (None, None), src, tgt, path, number)
                how = "(--header)" if header else "(detected; --no-header reads it as data)"
                log.add("info", "header", f"first row {' | '.join(row)!r} read as a header {how}", number)
                continue
        if src is None or tgt is None:
            raise InputError("no languages: give --src-lang and --tgt-lang, or a first row such as 'ar<TAB>en'",
                             path=path, line=number)
        log.read += 1
        if len(row) != 2:
            log.skipped += 1
            log.add("skipped", "columns", f"{len(row)} columns, not 2", number)
            continue
        log.unit_line = number
        if not row[0].strip() or not row[1].strip() and not untranslated:
            log.skipped += 1
            log.add("skipped", "empty-segment", "empty source or target", number)
            continue
        yield TU((TUV.plain(src, row[0]), TUV.plain(tgt, row[1])), (("srclang", src),))


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
