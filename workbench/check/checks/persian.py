"""Persian orthography: words written closed up that need a zero-width non-joiner."""
from __future__ import annotations

import tomllib
from collections.abc import Iterator, Mapping
from functools import cache
from importlib.resources import files
from typing import Any

import regex

from ...model import lang_key
from ..context import CheckContext
from ..draft import Draft
from ..registry import check

ZWNJ = "\u200c"
#: Letters that do not join the next one: after them a ZWNJ changes nothing visible.
_NON_JOINING = frozenset("اآأإدذرزژوؤةءۀ")
_WORD = regex.compile(r"[\p{L}\p{M}\u200c]+")
_PERSIAN = regex.compile(r"[\p{Arabic}\u200c]+")


@cache
def _rules() -> dict[str, list[str]]:
    text = files("workbench.check").joinpath("data/fa_zwnj.toml").read_text(encoding="utf-8")
    return {k: list(v) for k, v in tomllib.loads(text).items()}


@cache
def _verbs() -> frozenset[str]:
    r = _rules()
    return frozenset(p + s + e for p in r["verb_prefixes"] for s in r["verb_stems"] for e in r["verb_endings"])


@cache
def _participles() -> frozenset[str]:
    """Past participles, affirmative and negative (``کرده``, ``نکرده``)."""
    return frozenset(n + s + "ه" for n in ("", "ن") for s in _rules()["past_stems"])


def _perfect(word: str) -> str | None:
    """A perfect form with its ZWNJs (``کردهاند`` -> ``کرده‌اند``), or ``None``."""
    r = _rules()
    for prefix in ("", *sorted(r["verb_prefixes"], key=len, reverse=True)):
        if not word.startswith(prefix):
            continue
        rest = word[len(prefix):]
        for ending in r["perfect_endings"]:
            if rest.endswith(ending) and rest[:-len(ending)] in _participles():
                return (prefix + ZWNJ if prefix else "") + rest[:-len(ending)] + ZWNJ + ending
    return None


def zwnj_fix(word: str, known: frozenset[str] = frozenset()) -> str | None:
    """The word with the ZWNJs it needs, or ``None`` (``میکند`` -> ``می‌کند``).

    ``known`` holds words seen elsewhere; they settle whether ``...های`` is a
    plural (``آژانس‌های``) or ``ه`` + ``ای`` (``زمینه‌ای``): when neither reading
    is attested, the word is left alone, and so is a word with letters of
    another script (``CoVها``: no letter joins across scripts).
    """
    if ZWNJ in word or word in _rules()["not_split"] or not _PERSIAN.fullmatch(word):
        return None
    fixed = _fix(word, known)
    return fixed if fixed != word else None


def _fix(word: str, known: frozenset[str]) -> str:
    r = _rules()
    perfect = _perfect(word)
    if perfect:
        return perfect
    if word in _verbs():
        prefix: str = next(p for p in sorted(r["verb_prefixes"], key=len, reverse=True) if word.startswith(p))
        return prefix + ZWNJ + word[len(prefix):]
    if word.endswith("های") and not word[:-3].endswith("ه"):
        plural, heh = word[:-3], word[:-2]
        if heh in known and plural not in known:
            return _fix(heh, known) + ZWNJ + "ای"
        if plural not in known and _fix(plural, known) == plural:
            return word
    for part in sorted({*r["suffixes"], *r["compound_parts"]}, key=len, reverse=True):
        stem = word[:-len(part)]
        if word.endswith(part) and len(stem) >= 2:
            return _fix(stem, known) + ("" if stem[-1] in _NON_JOINING else ZWNJ) + part
    return word


@cache
def _spaced() -> regex.Pattern[str]:
    """A word, one space, a compound's second part (``نشان دهنده``)."""
    parts = "|".join(sorted(map(regex.escape, _rules()["spaced_parts"]), key=len, reverse=True))
    return regex.compile(rf"(?<![\p{{L}}\p{{M}}\u200c])([\p{{Arabic}}\u200c]+) ({parts})(?![\p{{L}}\p{{M}}\u200c])")


def spaced_fix(first: str, part: str) -> str | None:
    """``first`` and a compound's second ``part`` written as one word, or ``None``
    when ``first`` is a word after which ``part`` stands alone."""
    if first in _rules()["not_compound_before"]:
        return None
    return first + ("" if first[-1] in _NON_JOINING else ZWNJ) + part


def _glossary_words(ctx: CheckContext, lang: str) -> frozenset[str]:
    """The words of the glossary's terms in ``lang``."""
    if ctx.glossary is None:
        return frozenset()
    return frozenset(w for c in ctx.glossary for t in c.terms_in(lang) for w in t.text.split())


@check("zwnj", "warning")
def zwnj(ctx: CheckContext, settings: Mapping[str, Any]) -> Iterator[Draft]:
    """Persian word closed up where a ZWNJ is needed.

    Verb forms with ``می``/``نمی`` (``میکند`` → ``می‌کند``), perfect forms
    (``کردهاند`` → ``کرده‌اند``), plural and other
    suffixes after a joining letter (``آژانسهای`` → ``آژانس‌های``), compounds
    (``بینالمللی`` → ``بین‌المللی``), the glossary's words written with a
    ZWNJ, and a compound's second part written after a space
    (``نشان دهنده`` → ``نشان‌دهنده``), each with the fix. Rules in ``workbench/check/data/fa_zwnj.toml``.
    """
    for doc in ctx.documents.values():
        if lang_key(doc.lang) != "fa":
            continue
        glossary = _glossary_words(ctx, doc.lang)
        closed = {w.replace(ZWNJ, ""): w for w in glossary if ZWNJ in w}
        words = {m.group() for s in doc.translatable for m in _WORD.finditer(s.text)}
        vocab = frozenset(words | {w[:-2] for w in words if w.endswith("ها")}
                          | {p for w in glossary for p in w.split(ZWNJ)})
        for seg in doc.translatable:
            for m in _WORD.finditer(seg.text):
                word = m.group()
                fix = closed.get(word) or zwnj_fix(word, vocab)
                if fix:
                    yield Draft(doc.id, seg.start + m.start(), seg.start + m.end(),
                                f"“{word}” needs a ZWNJ: {fix}", suggestion=fix)
            for m in _spaced().finditer(seg.text):
                fix = spaced_fix(m.group(1), m.group(2))
                if fix:
                    yield Draft(doc.id, seg.start + m.start(), seg.start + m.end(),
                                f"“{m.group()}” is one word: {fix}", suggestion=fix)
