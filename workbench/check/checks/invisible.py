"""Stray direction marks and other invisible format characters.

Every other check reads text through keys that drop these characters, so they
never cause a finding by themselves; this check reports the ones that do
nothing or harm: a mark between two letters of the same direction, a mark
repeated, embedding and isolate controls left open or closed twice, zero-width
spaces, word joiners, soft hyphens, a byte-order mark inside the text, and a
ZWNJ outside Persian or not between two letters.
"""
from __future__ import annotations

import unicodedata
from collections.abc import Iterator, Mapping
from typing import Any

from ...model import lang_key
from ..context import CheckContext, Document
from ..draft import Draft
from ..registry import check

_MARKS = {"\u200e": "LRM", "\u200f": "RLM", "\u061c": "ALM"}
_OPENERS = {"\u202a": "LRE", "\u202b": "RLE", "\u202d": "LRO", "\u202e": "RLO", "\u2066": "LRI", "\u2067": "RLI",
            "\u2068": "FSI"}
_CLOSERS = {"\u202c": "PDF", "\u2069": "PDI"}
_ALWAYS = {"\u200b": "ZERO WIDTH SPACE", "\u2060": "WORD JOINER", "\u00ad": "SOFT HYPHEN", "\ufeff": "BYTE ORDER MARK"}
_INVISIBLE = {**_MARKS, **_OPENERS, **_CLOSERS, **_ALWAYS, "\u200c": "ZWNJ", "\u200d": "ZWJ"}


def _strong(ch: str) -> str:
    """``L``, ``R`` or ``""`` (neutral, weak or nothing)."""
    c = unicodedata.bidirectional(ch) if ch else ""
    return "R" if c in ("R", "AL") else "L" if c == "L" else ""


def _neighbours(text: str, i: int) -> tuple[str, str]:
    """The visible characters before and after ``text[i]``, skipping invisible ones."""
    b = i - 1
    while b >= 0 and text[b] in _INVISIBLE:
        b -= 1
    a = i + 1
    while a < len(text) and text[a] in _INVISIBLE:
        a += 1
    return (text[b] if b >= 0 else ""), (text[a] if a < len(text) else "")


def stray(text: str, lang: str) -> Iterator[tuple[int, str]]:
    """``(offset, why)`` of every stray invisible character of ``text``."""
    persian = lang_key(lang) == "fa"
    open_: list[int] = []
    for i, ch in enumerate(text):
        name = _INVISIBLE.get(ch)
        if name is None:
            continue
        before, after = _neighbours(text, i)
        if ch in _ALWAYS and not (ch == "\ufeff" and i == 0):
            yield i, f"{name} (U+{ord(ch):04X}) in the text"
        elif ch in _MARKS:
            if i and text[i - 1] == ch:
                yield i, f"{name} repeated"
            elif _strong(before) and _strong(before) == _strong(after):
                yield i, f"{name} between two letters of the same direction does nothing"
        elif ch in _OPENERS:
            open_.append(i)
        elif ch in _CLOSERS:
            if open_:
                open_.pop()
            else:
                yield i, f"{name} closes nothing"
        elif ch == "\u200c" and not (persian and before.isalpha() and after.isalpha()):
            yield i, "ZWNJ " + ("outside Persian text" if not persian else "not between two letters")
        elif ch == "\u200d" and not (before.isalpha() and after.isalpha()):
            yield i, "ZWJ not between two letters"
    for i in open_:
        yield i, f"{_OPENERS[text[i]]} left open"


def _lines(doc: Document) -> Iterator[tuple[int, str]]:
    start = 0
    for line in doc.text.split("\n"):
        yield start, line
        start += len(line) + 1


@check("invisible-char", "info")
def invisible_chars(ctx: CheckContext, settings: Mapping[str, Any]) -> Iterator[Draft]:
    """Stray direction mark or invisible character.

    Direction marks (LRM, RLM, ALM) that sit between two letters of one
    direction or are repeated, embeddings and isolates left open or closed
    twice, zero-width spaces, word joiners, soft hyphens, a byte-order mark
    inside the text, ZWNJ outside Persian or not between letters.
    """
    for doc in ctx.documents.values():
        if not any(ch in doc.text for ch in _INVISIBLE):
            continue
        for offset, line in _lines(doc):
            for i, why in stray(line, doc.lang):
                yield Draft(doc.id, offset + i, offset + i + 1, why, suggestion="")
