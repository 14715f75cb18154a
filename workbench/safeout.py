"""Output that people open: spreadsheet cells that cannot run as formulas, and
text whose control characters cannot take over a terminal or reorder a line.

Every CSV or TSV written for people goes through :class:`GuardedWriter`, and
every text for people through :func:`visible`. Exchange formats that other
tools read (``wb tm export``) are data and use neither (docs/formats.md).
"""
from __future__ import annotations

import csv
import json
import re
from collections.abc import Iterable
from typing import IO

#: A cell starting with one of these is a formula (or a command) to a spreadsheet.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n", "\uff1d", "\uff0b", "\uff0d", "\uff20")

#: What a terminal obeys or a bidi algorithm applies beyond the text itself: C0
#: controls but tab and line feed (and CR only before a line feed), DEL, C1,
#: bidi embeddings, overrides and isolates (U+202A-U+202E, U+2066-U+2069), and
#: lone surrogates (undecodable file names). ZWNJ, ZWJ, LRM, RLM and ALM are text.
_CONTROL = re.compile("\r(?!\n)|[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


def _guarded(text: str) -> bool:
    """Whether :func:`guard` prefixes ``text``: a formula, or what reads as an already guarded cell."""
    return text.startswith(FORMULA_START) or (text.startswith("'") and text[1:].startswith((*FORMULA_START, "'")))


def guard(text: str) -> str:
    """``text`` with a leading apostrophe when a spreadsheet would run it as a formula
    (and before an apostrophe that would read as a guard, so :func:`unguard` undoes it exactly)."""
    return "'" + text if _guarded(text) else text


def unguard(text: str) -> str:
    """The cell :func:`guard` was given: ``unguard(guard(x)) == x`` for every ``x``."""
    return text[1:] if text.startswith("'") and _guarded(text[1:]) else text


def visible(text: str) -> str:
    """``text`` with every character of :data:`_CONTROL` written as ``\\uXXXX``.

    Inside JSON text the result is the same data: those characters only occur
    inside strings there, where ``\\uXXXX`` is their escape.
    """
    return _CONTROL.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def json_text(data: object, indent: int | None = None) -> str:
    """``data`` as JSON in UTF-8 characters with nothing raw that a terminal obeys."""
    return visible(json.dumps(data, ensure_ascii=False, indent=indent))


class GuardedWriter:
    """A :func:`csv.writer` whose text cells are guarded (:func:`guard`); numbers are written as they are."""

    def __init__(self, fh: IO[str], delimiter: str = ",", lineterminator: str = "\n") -> None:
        self._writer = csv.writer(fh, delimiter=delimiter, lineterminator=lineterminator)

    def writerow(self, row: Iterable[object]) -> None:
        self._writer.writerow([guard(cell) if isinstance(cell, str) else cell for cell in row])

    def writerows(self, rows: Iterable[Iterable[object]]) -> None:
        for row in rows:
            self.writerow(row)
