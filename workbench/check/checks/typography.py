"""Checks on the text of each document: repeated words, unbalanced quotes and
brackets, spacing. They read a key without invisible format characters, so a
direction mark never causes a finding by itself."""
from __future__ import annotations

from collections.abc import Iterator, Mapping
from functools import cache
from typing import Any

import regex

from ...formats.plaintext import lines_of
from ...model import lang_key
from ..context import VISIBLE, CheckContext, Document
from ..draft import Draft
from ..langdata import for_language
from ..registry import check

_WORD = regex.compile(r"[\p{L}\p{M}\u200c]+")
#: A word, then the same word again, after a space or after the conjunction و ("الفاعلة والفاعلة").
_REPEAT = regex.compile(r"(?<![\p{L}\p{M}])([\p{L}\p{M}\u200c]{2,})(\s+(?:و\s?)?)(\1)(?![\p{L}\p{M}])", regex.I)
_PAIRS = {"(": ")", "[": "]", "{": "}", "«": "»", "“": "”", "‹": "›"}
_OPENS_WORD = regex.compile(r"[\p{L}\p{N}]")
_SPACE_BEFORE = regex.compile(r"(?<=\S)[ \t]+([)\]}»”،,.;:؛؟?!](?!\d))")
_DOUBLE = regex.compile(r"(?<=\S)[ \t]{2,}(?=\S)")


def _lines(doc: Document) -> Iterator[tuple[int, str]]:
    """Offset and text of every line that holds a translatable segment."""
    starts = {s.line for s in doc.translatable}
    for line in lines_of(doc.text):
        if line.number in starts:
            yield line.offset, line.text


@cache
def _quotes(lang: str) -> dict[str, str]:
    """The language's own quotation marks, opening to closing (Arabic ” … “), from
    ``data/typography/<lang>.toml``."""
    return {a: b for a, b in for_language("typography", lang).get("quotes", ())}


def _unbalanced(text: str, quotes: Mapping[str, str] | None = None) -> list[tuple[int, str]]:
    """Positions (in ``text``) of brackets and quotes without their partner; with the
    language's own ``quotes``, by whichever order of the marks leaves fewer."""
    bad = _unpaired(text, _PAIRS)
    if quotes and bad:
        own = {k: v for k, v in _PAIRS.items() if not {k, v} & {*quotes, *quotes.values()}} | dict(quotes)
        bad = min(bad, _unpaired(text, own), key=len)
    return bad


def _unpaired(text: str, pairs: Mapping[str, str]) -> list[tuple[int, str]]:
    closers = {v: k for k, v in pairs.items()}
    stack: list[tuple[int, str]] = []
    bad: list[tuple[int, str]] = []
    for i, ch in enumerate(text):
        if ch in pairs:
            stack.append((i, ch))
        elif ch in closers:
            if stack and stack[-1][1] == closers[ch]:
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
    (``الفاعلة والفاعلة``), compared by match key. Not a repetition the
    language's grammar makes (English "had had", "all right right now"), nor a
    letter in an abbreviation spelled out (دي بي بي for DPP); lists in
    ``workbench/check/data/repeats/<lang>.toml``.
    """
    for doc in ctx.documents.values():
        grammatical, letters = _repeats(lang_key(doc.lang))
        for seg in doc.translatable:
            key = ctx.key(seg.text)
            for m in _REPEAT.finditer(key.text):
                if _allowed(key.text, m, grammatical, letters):
                    continue
                s, e = key.span(m.start(), m.end())
                yield Draft(doc.id, seg.start + s, seg.start + e, f"“{seg.text[s:e]}”: word repeated",
                            suggestion=seg.text[slice(*key.span(m.start(1), m.end(1)))])


@cache
def _repeats(lang: str) -> tuple[tuple[tuple[str, ...], ...], frozenset[str]]:
    """The grammatical repetitions (as word tuples) and the names of Latin letters of ``lang``."""
    table = for_language("repeats", lang)
    return (tuple(tuple(p.lower().split()) for p in table.get("grammatical", ())),
            frozenset(table.get("letter_names", ())))


def _allowed(text: str, m: regex.Match[str], grammatical: tuple[tuple[str, ...], ...],
             letters: frozenset[str]) -> bool:
    """Is the repetition ``m`` one the grammar makes, or a letter of a spelled abbreviation
    (a run of three letter names or more)?"""
    before = [w.lower() for w in _WORD.findall(text, max(0, m.start() - 60), m.start())]
    words = (*before, m.group(1).lower(), m.group(3).lower())
    if any(words[-len(g):] == g for g in grammatical):
        return True
    if m.group(1) not in letters:
        return False
    after = _WORD.match(text, m.end() + 1) if m.end() < len(text) and text[m.end()] == " " else None
    return bool(before) and before[-1] in letters and text[m.start() - 1:m.start()] == " " \
        or after is not None and after.group() in letters


@check("unbalanced", "warning")
def unbalanced(ctx: CheckContext, settings: Mapping[str, Any]) -> Iterator[Draft]:
    """Unbalanced quotes or brackets.

    A bracket or a quotation mark (``()``, ``[]``, ``«»``, ``“”``, ``"``)
    without its partner in the same paragraph. Arabic also quotes ``” … “``
    (as CLDR gives its marks).
    """
    for doc in ctx.documents.values():
        quotes = _quotes(lang_key(doc.lang))
        for offset, text in _lines(doc):
            key = VISIBLE.key(text)
            for i, ch in _unbalanced(key.text, quotes):
                s, e = key.span(i, i + 1)
                yield Draft(doc.id, offset + s, offset + e, f"“{ch}” has no partner in this paragraph")


@check("spacing", "info")
def spacing(ctx: CheckContext, settings: Mapping[str, Any]) -> Iterator[Draft]:
    """Double space, or space before punctuation.

    Two or more spaces between words, and a space before a closing bracket or
    punctuation mark (``هانوي )``). Invisible characters between spaces are
    not counted; nor is a space before a mark that opens a quotation in the
    language (Arabic ``”`` before a word).
    """
    for doc in ctx.documents.values():
        quotes = _quotes(lang_key(doc.lang))
        for offset, text in _lines(doc):
            key = VISIBLE.key(text)
            for m in _DOUBLE.finditer(key.text):
                s, e = key.span(m.start(), m.end())
                yield Draft(doc.id, offset + s, offset + e, "double space", suggestion=" ")
            for m in _SPACE_BEFORE.finditer(key.text):
                if m.group(1) in quotes and _OPENS_WORD.match(key.text, m.end()):
                    continue
                s, e = key.span(m.start(), m.end())
                yield Draft(doc.id, offset + s, offset + e, f"space before “{m.group(1)}”: remove it")
