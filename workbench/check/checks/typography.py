"""Checks on the text of each document: repeated words, unbalanced quotes and
brackets, spacing. They read a key without invisible format characters, so a
direction mark never causes a finding by itself."""
from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

import regex

from ...formats.plaintext import lines_of
from ..context import VISIBLE, CheckContext, Document
from ..draft import Draft
from ..registry import check

_WORD = regex.compile(r"[\p{L}\p{M}\u200c]+")
#: A word, then the same word again, after a space or after the conjunction و ("الفاعلة والفاعلة").
_REPEAT = regex.compile(r"(?<![\p{L}\p{M}])([\p{L}\p{M}\u200c]{2,})(\s+(?:و\s?)?)(\1)(?![\p{L}\p{M}])", regex.I)
_PAIRS = {"(": ")", "[": "]", "{": "}", "«": "»", "“": "”", "‹": "›"}
_CLOSERS = {v: k for k, v in _PAIRS.items()}
_SPACE_BEFORE = regex.compile(r"(?<=\S)[ \t]+([)\]}»”،,.;:؛؟?!](?!\d))")
_DOUBLE = regex.compile(r"(?<=\S)[ \t]{2,}(?=\S)")


def _lines(doc: Document) -> Iterator[tuple[int, str]]:
    """Offset and text of every line that holds a translatable segment."""
    starts = {s.line for s in doc.translatable}
    for line in lines_of(doc.text):
        if line.number in starts:
            yield line.offset, line.text


def _unbalanced(text: str) -> list[tuple[int, str]]:
    """Positions (in ``text``) of brackets and quotes without their partner."""
    stack: list[tuple[int, str]] = []
    bad: list[tuple[int, str]] = []
    for i, ch in enumerate(text):
        if ch in _PAIRS:
            stack.append((i, ch))
        elif ch in _CLOSERS:
            if stack and stack[-1][1] == _CLOSERS[ch]:
                stack.pop()
            else:
                bad.append((i, ch))
    bad += stack
    straight = [i for i, ch in enumerate(text) if ch == '"']
    if len(straight) % 2:
        bad.append((straight[-1], '"'))
    return sorted(bad)


@check("repeated-word", "warning")
def repeated_word(ctx: CheckContext, settings: Mapping[str, Any]) -> Iterator[Draft]:
    """Word repeated.

    The same word twice in a row, also across the conjunction و
    (``الفاعلة والفاعلة``), compared by match key.
    """
    for doc in ctx.documents.values():
        for seg in doc.translatable:
            key = ctx.key(seg.text)
            for m in _REPEAT.finditer(key.text):
                s, e = key.span(m.start(), m.end())
                yield Draft(doc.id, seg.start + s, seg.start + e, f"“{seg.text[s:e]}”: word repeated",
                            suggestion=seg.text[slice(*key.span(m.start(1), m.end(1)))])


@check("unbalanced", "warning")
def unbalanced(ctx: CheckContext, settings: Mapping[str, Any]) -> Iterator[Draft]:
    """Unbalanced quotes or brackets.

    A bracket or a quotation mark (``()``, ``[]``, ``«»``, ``“”``, ``"``)
    without its partner in the same paragraph.
    """
    for doc in ctx.documents.values():
        for offset, text in _lines(doc):
            key = VISIBLE.key(text)
            for i, ch in _unbalanced(key.text):
                s, e = key.span(i, i + 1)
                yield Draft(doc.id, offset + s, offset + e, f"“{ch}” has no partner in this paragraph")


@check("spacing", "info")
def spacing(ctx: CheckContext, settings: Mapping[str, Any]) -> Iterator[Draft]:
    """Double space, or space before punctuation.

    Two or more spaces between words, and a space before a closing bracket or
    punctuation mark (``هانوي )``). Invisible characters between spaces are
    not counted.
    """
    for doc in ctx.documents.values():
        for offset, text in _lines(doc):
            key = VISIBLE.key(text)
            for m in _DOUBLE.finditer(key.text):
                s, e = key.span(m.start(), m.end())
                yield Draft(doc.id, offset + s, offset + e, "double space", suggestion=" ")
            for m in _SPACE_BEFORE.finditer(key.text):
                s, e = key.span(m.start(), m.end())
                yield Draft(doc.id, offset + s, offset + e, f"space before “{m.group(1)}”: remove it")
