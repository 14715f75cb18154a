"""Checks over aligned pairs and memory units: numbers, missing or untranslated
targets, one source translated several ways, one target with several sources."""
from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterator, Mapping
from typing import Any

import regex

from ..context import CheckContext, Pair
from ..draft import Draft
from ..registry import check

#: A number in a match key (digits already ASCII): 1,234.5; codes such as A05 are not numbers,
#: but an Arabic clitic may precede one (و26), and an English ordinal ending follow it (21st).
_NUMBER = regex.compile(r"(?<![\p{Latin}\d])(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?(?:st|nd|rd|th)?(?![\p{Latin}\d])")
_SCALE_WORD = regex.compile(r"\s*(ألف|آلاف|الف|مليون|ملايين|مليار|هزار|ميليون|میلیون|ميليارد|میلیارد|thousand|million|billion)\b",
                            regex.I)
_SCALES = {"ألف": 1000, "آلاف": 1000, "الف": 1000, "هزار": 1000, "thousand": 1000, "مليون": 10**6, "ملايين": 10**6,
           "ميليون": 10**6, "میلیون": 10**6, "million": 10**6, "مليار": 10**9, "ميليارد": 10**9, "میلیارد": 10**9,
           "billion": 10**9}
#: Small numbers written as words (cardinal and ordinal), which a translation may give in digits.
_WORDS = {
    1: ("one", "first", "واحد", "الأول", "أول", "يک", "یک", "اول", "نخست"),
    2: ("two", "second", "اثنين", "اثنان", "عامين", "الثاني", "دو", "دوم"),
    3: ("three", "third", "ثلاث", "ثلاثة", "الثالث", "الثلاثة", "سه", "سوم"),
    4: ("four", "fourth", "أربع", "أربعة", "الرابع", "چهار", "چهارم"),
    5: ("five", "fifth", "خمس", "خمسة", "الخامس", "پنج", "پنجم"),
    6: ("six", "sixth", "ست", "ستة", "السادس", "الست", "شش", "ششم"),
    7: ("seven", "seventh", "سبع", "سبعة", "السابع", "هفت", "هفتم"),
    8: ("eight", "eighth", "ثماني", "ثمانية", "الثامن", "الثماني", "هشت", "هشتم"),
    9: ("nine", "ninth", "تسع", "تسعة", "التاسع", "نه", "نهم"),
    10: ("ten", "tenth", "عشر", "عشرة", "العاشر", "ده", "دهم", "decade", "عقد", "دهه"),
    100: ("hundred", "hundreds", "مئات", "مائة", "صد"),
}
_WORD_VALUE = {w: n for n, ws in _WORDS.items() for w in ws}


def numbers(ctx: CheckContext, text: str) -> Counter[float]:
    """The numbers of ``text``, whatever the digit script and separators (``٢٠١٩``, ``۲۰۱۹``, ``2019``, ``٫``, ``٬``)."""
    key = ctx.key(text).text
    out: Counter[float] = Counter()
    for m in _NUMBER.finditer(key):
        value = float(m.group(1).replace(",", "") + ("." + m.group(2) if m.group(2) else ""))
        scale = _SCALE_WORD.match(key, m.end())
        out[value * (_SCALES.get(scale.group(1).lower(), 1) if scale else 1)] += 1
    return out


def _as_words(ctx: CheckContext, text: str) -> set[int]:
    return {_WORD_VALUE[w] for w in regex.findall(r"\p{L}+", ctx.key(text).text.lower()) if w in _WORD_VALUE} | {
        _WORD_VALUE[w[1:]] for w in regex.findall(r"\p{L}+", ctx.key(text).text) if w[:1] in "وب" and w[1:] in _WORD_VALUE}


def _show(n: float) -> str:
    return str(int(n)) if n == int(n) else str(n)


@check("number-mismatch", "error", profiles=("minimal",))
def number_mismatch(ctx: CheckContext, settings: Mapping[str, Any]) -> Iterator[Draft]:
    """Numbers differ between source and translation.

    The numbers of a source segment and its translation compared as values,
    whatever the digit script and separators (``٢٠١٩``, ``۲۰۱۹`` and ``2019``;
    ``٫`` and ``٬``; ``100 ألف`` and ``100,000``). A number the other side
    writes as a word (``السادس``, ``six``) is not a mismatch.
    """
    for pair in ctx.pairs:
        if not pair.src_segments or not pair.tgt_segments:
            continue
        src, tgt = numbers(ctx, pair.src_text), numbers(ctx, pair.tgt_text)
        if src == tgt:
            continue
        missing = [n for n in (src - tgt) if n not in _as_words(ctx, pair.tgt_text)]
        extra = [n for n in (tgt - src) if n not in _as_words(ctx, pair.src_text)]
        if not missing and not extra:
            continue
        parts = ([f"source has {', '.join(map(_show, missing))} not in the translation"] if missing else []) + \
                ([f"translation has {', '.join(map(_show, extra))} not in the source"] if extra else [])
        seg = pair.tgt_segments[0]
        yield Draft(pair.tgt.id, seg.start, pair.tgt_segments[-1].end, "; ".join(parts),
                    involved=(pair.src_text, pair.tgt_text),
                    places=tuple((pair.src.id, s.start, s.end) for s in pair.src_segments))


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
                yield Draft(pair.src.id, seg.start, seg.end, f"no translation in {pair.tgt.id}")
        elif pair.src_segments and pair.tgt_segments:
            s, t = ctx.key(pair.src_text).text.strip(), ctx.key(pair.tgt_text).text.strip()
            if not t:
                yield Draft(pair.tgt.id, pair.tgt_segments[0].start, pair.tgt_segments[-1].end, "empty translation")
            elif s == t and len(regex.findall(r"\p{L}+", s)) >= settings["min_words"]:
                yield Draft(pair.tgt.id, pair.tgt_segments[0].start, pair.tgt_segments[-1].end,
                            "translation is the same as the source", places=((pair.src.id, pair.src_segments[0].start,
                                                                               pair.src_segments[-1].end),))


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
        for _, p in located:
            doc, segs = (p.src, p.src_segments) if side == "source" else (p.tgt, p.tgt_segments)
            yield Draft(doc.id, segs[0].start, segs[-1].end, what.format(n=len(variants)),
                        involved=involved,
                        places=tuple((q.tgt.id if side == "source" else q.src.id,
                                      (q.tgt_segments if side == "source" else q.src_segments)[0].start,
                                      (q.tgt_segments if side == "source" else q.src_segments)[-1].end)
                                     for _, q in located if q is not p))
