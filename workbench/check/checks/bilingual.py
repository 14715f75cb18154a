"""Checks over aligned pairs and memory units: numbers, missing or untranslated
targets, one source translated several ways, one target with several sources."""
from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

import regex

from ...model import Segment
from ...text.normalize import match_key
from .. import langdata
from ..context import CheckContext, Pair
from ..draft import Draft
from ..registry import check

#: A number in a match key (digits already ASCII): 1,234.5; codes such as A05 are not numbers,
#: but an Arabic clitic may precede one (و26), and an English ordinal ending follow it (21st).
_NUMBER = regex.compile(r"(?<![\p{Latin}\d])(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?(?:st|nd|rd|th)?(?![\p{Latin}\d])")
_TOKEN = regex.compile(r"\p{L}+|\d+")
#: A number written onto Latin letters (ACE2, DPP4), which a translation may write apart (أيه سي إي 2).
_GLUED = regex.compile(r"(?<=\p{Latin})\d+(?![\p{L}\d])")


def _fold(word: str) -> str:
    return match_key(word).text.strip().lower()


@dataclass(frozen=True)
class _Ambiguous:
    """When a word that is also an ordinary word stands as a number (``data/numbers.toml``)."""

    before: frozenset[str]
    after: frozenset[str]
    not_before_prefix: tuple[str, ...]
    not_after: frozenset[str]
    not_repeated: bool


@dataclass(frozen=True)
class _NumberWords:
    """The number words, scale words and ambiguous words of ``data/numbers.toml``, folded to match keys."""

    scales: dict[str, int]
    scale_re: regex.Pattern[str]
    values: dict[str, int]
    ambiguous: dict[str, _Ambiguous]


@cache
def _number_words() -> _NumberWords:
    data = langdata.load("numbers")
    scales = {_fold(w): int(n) for w, n in data["scales"].items()}
    scale_re = regex.compile(r"\s*(" + "|".join(map(regex.escape, sorted(scales, key=len, reverse=True))) + r")\b", regex.I)
    values = {_fold(w): int(n) for n, ws in data["words"].items() for w in ws}
    nouns = {lang: frozenset(map(_fold, ws)) for lang, ws in data["nouns"].items()}
    ambiguous = {_fold(w): _Ambiguous(
        before=frozenset(map(_fold, rule.get("before", []))) | nouns.get(rule.get("nouns", ""), frozenset()),
        after=frozenset(map(_fold, rule.get("after", []))) | nouns.get(rule.get("nouns_after", ""), frozenset()),
        not_before_prefix=tuple(map(_fold, rule.get("not_before_prefix", []))),
        not_after=frozenset(map(_fold, rule.get("not_after", []))),
        not_repeated=bool(rule.get("not_repeated", False))) for w, rule in data["ambiguous"].items()}
    return _NumberWords(scales, scale_re, values, ambiguous)


def numbers(ctx: CheckContext, text: str) -> Counter[float]:
    """The numbers of ``text``, whatever the digit script and separators (``٢٠١٩``, ``۲۰۱۹``, ``2019``, ``٫``, ``٬``)."""
    return Counter(value for value, _, _ in _numbers_in(ctx.key(text).text))


def _numbers_in(key: str) -> Iterator[tuple[float, int, int]]:
    """The numbers of a match key with their spans in it (a scale word included)."""
    nw = _number_words()
    for m in _NUMBER.finditer(key):
        value = float(m.group(1).replace(",", "") + ("." + m.group(2) if m.group(2) else ""))
        scale = nw.scale_re.match(key, m.end())
        yield value * (nw.scales.get(scale.group(1).lower(), 1) if scale else 1), m.start(), scale.end() if scale else m.end()


def _number_span(ctx: CheckContext, segments: Sequence[Segment], wanted: list[float]) -> tuple[int, int] | None:
    """The document span of the first number of ``segments`` among ``wanted``."""
    if not wanted:
        return None
    for seg in segments:
        key = ctx.key(seg.text)
        for value, start, end in _numbers_in(key.text):
            if value in wanted:
                s, e = key.span(start, end)
                return seg.start + s, seg.start + e
    return None


def _bare(word: str, values: Mapping[str, int]) -> str:
    """``word`` without a و or ب clitic when only the bare word is a number word."""
    return word[1:] if word not in values and word[:1] in "وب" and word[1:] in values else word


def _is_number(tokens: list[str], i: int, nw: _NumberWords) -> bool:
    """Whether the number word ``tokens[i]`` stands as a number in its sentence."""
    word = tokens[i]
    rule = nw.ambiguous.get(word)
    if rule is None:
        return True
    prev = tokens[i - 1] if i > 0 else ""
    nxt = tokens[i + 1] if i + 1 < len(tokens) else ""
    if prev in rule.not_after or any(nxt.startswith(p) for p in rule.not_before_prefix):
        return False

    def numeric(j: int, step: int) -> bool:
        if 0 <= j < len(tokens) and tokens[j] == "و":
            j += step
        if not 0 <= j < len(tokens):
            return False
        t = tokens[j]
        return t.isdigit() or t in nw.scales or (t in nw.values and t not in nw.ambiguous)

    if numeric(i - 1, -1) or numeric(i + 1, 1):
        return True
    if rule.not_repeated and tokens.count(word) > 1:
        return False
    return (not rule.before and not rule.after) or nxt in rule.before or prev in rule.after


def _as_words(ctx: CheckContext, text: str) -> set[int]:
    """The values of the number words of ``text`` that stand as numbers there."""
    nw = _number_words()
    tokens = [_bare(t, nw.values) for t in _TOKEN.findall(ctx.key(text).text.lower())]
    return {nw.values[t] for i, t in enumerate(tokens) if t in nw.values and _is_number(tokens, i, nw)}


def _glued(ctx: CheckContext, text: str) -> Counter[float]:
    """The numbers of ``text`` written onto Latin letters (``ACE2``: 2)."""
    return Counter(float(m.group()) for m in _GLUED.finditer(ctx.key(text).text))


def _show(n: float) -> str:
    return str(int(n)) if n == int(n) else str(n)


@check("number-mismatch", "error", profiles=("minimal",))
def number_mismatch(ctx: CheckContext, settings: Mapping[str, Any]) -> Iterator[Draft]:
    """Numbers differ between source and translation.

    The numbers of a source segment and its translation compared as values,
    whatever the digit script and separators (``٢٠١٩``, ``۲۰۱۹`` and ``2019``;
    ``٫`` and ``٬``; ``100 ألف`` and ``100,000``). A number the other side
    writes as a word (``السادس``, ``six``) is not a mismatch, nor one the
    other side writes onto Latin letters (``ACE2``, ``أيه سي إي 2``).
    """
    for pair in ctx.pairs:
        if not pair.src_segments or not pair.tgt_segments:
            continue
        src, tgt = numbers(ctx, pair.src_text), numbers(ctx, pair.tgt_text)
        if src == tgt:
            continue
        missing = [n for n in (src - tgt - _glued(ctx, pair.tgt_text)) if n not in _as_words(ctx, pair.tgt_text)]
        extra = [n for n in (tgt - src - _glued(ctx, pair.src_text)) if n not in _as_words(ctx, pair.src_text)]
        if not missing and not extra:
            continue
        parts = ([f"source has {', '.join(map(_show, missing))} not in the translation"] if missing else []) + \
                ([f"translation has {', '.join(map(_show, extra))} not in the source"] if extra else [])
        seg = pair.tgt_segments[0]
        yield Draft(pair.tgt.id, seg.start, pair.tgt_segments[-1].end, "; ".join(parts),
                    involved=(pair.src_text, pair.tgt_text),
                    places=tuple((pair.src.id, s.start, s.end) for s in pair.src_segments), pair=pair,
                    source_span=_number_span(ctx, pair.src_segments, missing),
                    target_span=_number_span(ctx, pair.tgt_segments, extra))


@check("untranslated", "error", profiles=("minimal",), min_words=3)
def untranslated(ctx: CheckContext, settings: Mapping[str, Any]) -> Iterator[Draft]:
    """Source sentence left untranslated, or target equal to its source.

    A source segment the alignment paired with nothing, and a target whose
    match key equals its source's (at least ``min_words`` words, so that
    names and codes kept as they are do not count).
    """
    for pair in ctx.pairs:
        if pair.src_segments and not pair.tgt_segments:
            for seg in pair.src_segments:
                yield Draft(pair.src.id, seg.start, seg.end, f"no translation in {pair.tgt.id}", pair=pair,
                            source_span=(seg.start, seg.end))
        elif pair.src_segments and pair.tgt_segments:
            s, t = ctx.key(pair.src_text).text.strip(), ctx.key(pair.tgt_text).text.strip()
            if not t:
                yield Draft(pair.tgt.id, pair.tgt_segments[0].start, pair.tgt_segments[-1].end, "empty translation",
                            pair=pair)
            elif s == t and len(regex.findall(r"\p{L}+", s)) >= settings["min_words"]:
                yield Draft(pair.tgt.id, pair.tgt_segments[0].start, pair.tgt_segments[-1].end,
                            "translation is the same as the source", places=((pair.src.id, pair.src_segments[0].start,
                                                                               pair.src_segments[-1].end),), pair=pair)


@check("inconsistent-translation", "warning", profiles=("terminology",))
def inconsistent_translation(ctx: CheckContext, settings: Mapping[str, Any]) -> Iterator[Draft]:
    """One source translated differently, or one translation of different sources.

    Segments compared by match key (so that hamza, yeh, digits, ZWNJ and
    direction marks do not make a difference), over the aligned pairs of the
    corpus and the units of the translation memory.
    """
    pairs = [p for p in ctx.pairs if p.src_segments and p.tgt_segments]
    by_src: dict[tuple[str, str], dict[str, list[Pair | str]]] = defaultdict(lambda: defaultdict(list))
    by_tgt: dict[tuple[str, str], dict[str, list[Pair | str]]] = defaultdict(lambda: defaultdict(list))
    for p in pairs:
        s, t = ctx.key(p.src_text).text.strip(), ctx.key(p.tgt_text).text.strip()
        by_src[(p.src.lang, s)][t].append(p)
        by_tgt[(p.tgt.lang, t)][s].append(p)
    for u in ctx.memory:
        s, t = ctx.key(u.src).text.strip(), ctx.key(u.tgt).text.strip()
        if (u.src_lang, s) in by_src:
            by_src[(u.src_lang, s)][t].append(f"memory {u.origin}: {u.tgt}")
        if (u.tgt_lang, t) in by_tgt:
            by_tgt[(u.tgt_lang, t)][s].append(f"memory {u.origin}: {u.src}")
    yield from _report(by_src, "source", "this source segment is translated {n} ways")
    yield from _report(by_tgt, "target", "this translation renders {n} different sources")


def _report(groups: Mapping[tuple[str, str], Mapping[str, list[Pair | str]]], side: str, what: str) -> Iterator[Draft]:
    for variants in groups.values():
        if len(variants) < 2:
            continue
        located = [(v, p) for v, ps in variants.items() for p in ps if isinstance(p, Pair)]
        others = [(v, p) for v, ps in variants.items() for p in ps if isinstance(p, str)]
        involved = tuple(dict.fromkeys((p.tgt_text if side == "source" else p.src_text) for _, p in located)) + \
            tuple(p for _, p in others)
        renderings = tuple((next((p.tgt_text if side == "source" else p.src_text) if isinstance(p, Pair) else p
                                 for p in ps), len(ps)) for ps in variants.values())
        for _, p in located:
            doc, segs = (p.src, p.src_segments) if side == "source" else (p.tgt, p.tgt_segments)
            yield Draft(doc.id, segs[0].start, segs[-1].end, what.format(n=len(variants)),
                        involved=involved, pair=p, renderings=renderings,
                        places=tuple((q.tgt.id if side == "source" else q.src.id,
                                      (q.tgt_segments if side == "source" else q.src_segments)[0].start,
                                      (q.tgt_segments if side == "source" else q.src_segments)[-1].end)
                                     for _, q in located if q is not p))
