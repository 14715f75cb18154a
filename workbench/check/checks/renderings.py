"""Consistency of the deliverable: how the translation renders the glossary's terms.

* One source term rendered two ways in the translation, across the aligned
  pairs of every document (``الفضاء الإلكتروني`` as "cyberspace" and "cyber
  domain"; ``اتفاقية هانوي`` as "Hanoi Convention" and "Cybercrime
  Convention"), unless the term's note accepts both for their contexts
  (Persian ``تصویب``: "ratification" and "adoption"), or one rendering is an
  abbreviation or a short form of the other.
* One translation term used for two source terms of different concepts
  ("signing ceremony" for ``حفل توقيع`` and for ``حفل افتتاح``).

Capitals (a term written "member states") are left to :mod:`.casing`.
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator, Mapping
from typing import Any

from ...glossary.renderings import accepted_renderings
from ...model import TermHit
from ..context import CheckContext, Pair
from ..draft import Draft
from ..hits import core, segment_hits
from ..registry import check
from ..stems import WORD, contained, is_name
from .glossary import word_stems


def _matched(ctx: CheckContext, pair: Pair) -> Iterator[tuple[TermHit, TermHit]]:
    """Source and target hits of one concept in a pair, matched in order when both
    sides have the same number of them."""
    src = segment_hits(ctx, pair.src, pair.src_segments)
    tgt = segment_hits(ctx, pair.tgt, pair.tgt_segments)
    by_concept: dict[str, tuple[list[TermHit], list[TermHit]]] = defaultdict(lambda: ([], []))
    for h in src:
        by_concept[h.concept][0].append(h)
    for h in tgt:
        if h.concept in by_concept:
            by_concept[h.concept][1].append(h)
    for s_hits, t_hits in by_concept.values():
        if len(s_hits) == len(t_hits):
            yield from zip(s_hits, t_hits, strict=True)


@check("inconsistent-rendering", "warning", profiles=("terminology",))
def inconsistent_rendering(ctx: CheckContext, settings: Mapping[str, Any]) -> Iterator[Draft]:
    """Source term rendered several ways in the translation.

    Over the aligned pairs of every document: a source glossary term whose
    translations use two of the target language's terms of its concept
    ("cyberspace" and "cyber domain"); a target term that renders, twice or
    more and in at least half the pairs whose target lacks only that concept,
    the source term of another concept while it renders its own elsewhere
    (names left out). Renderings the source term's note accepts for their contexts
    (``Renderings in en: “ratification” (…); “adoption” (…)``),
    abbreviations (UN, United Nations) and short forms of a longer rendering
    are not reported. One finding per source term, at the first target
    occurrence to change, with every rendering counted.
    """
    if ctx.glossary is None:
        return
    by_source: dict[tuple[str, str, str], dict[str, list[tuple[Pair, TermHit, TermHit]]]] = \
        defaultdict(lambda: defaultdict(list))
    for pair in ctx.pairs:
        if pair.src_segments and pair.tgt_segments:
            for s, t in _matched(ctx, pair):
                by_source[(pair.src.lang, s.concept, s.term)][t.term].append((pair, t, s))
    for (lang, cid, term_text), renders in by_source.items():
        if len(renders) < 2:
            continue
        concept = ctx.glossary[cid]
        term = next((t for t in concept.terms_in(lang) if t.text == term_text), None)
        labels = list(renders)
        accepted = accepted_renderings(concept, term, next(iter(renders.values()))[0][0].tgt.lang) if term else []
        if accepted and all(any(word_stems(ctx, label) >= word_stems(ctx, x) for r in accepted for x in r.texts)
                            for label in labels):
            continue
        labels = [x for x in labels if not any(_shorter(ctx, x, y) for y in labels if y != x)]
        if len(labels) < 2:
            continue
        counts = {x: len(renders[x]) for x in labels}
        preferred = concept.terms_in(next(iter(renders.values()))[0][0].tgt.lang)
        keep = next((t.text for t in preferred if t.text in counts), max(labels, key=lambda x: counts[x]))
        change = sorted((((p.tgt.id, core(h)), p, s) for x in labels if x != keep for p, h, s in renders[x]),
                        key=lambda c: c[0])
        order = sorted(labels, key=lambda x: (x != keep, -counts[x]))
        listed = ", ".join(f"“{x}” ×{counts[x]}" for x in order)
        (doc, (start, end)), first, source = change[0]
        yield Draft(doc, start, end, f"“{term_text}” [{cid}] is rendered {len(labels)} ways: {listed}; keep “{keep}”",
                    suggestion=keep, involved=(term_text, *labels),
                    places=tuple(sorted({(p.src.id, s.start, s.end) for x in labels for p, _, _ in renders[x]
                                         for s in p.src_segments[:1]} | {(d, *span) for (d, span), _, _ in change})),
                    pair=first, source_span=core(source), target_span=(start, end),
                    renderings=tuple((x, counts[x]) for x in order), term=term_text)
    yield from _crossed(ctx)


def _crossed(ctx: CheckContext) -> Iterator[Draft]:
    """A target term standing, in some pair, for the source term of another concept
    (the pair's source has no term of its concept, and one other term whose
    concept the target lacks), while elsewhere it renders its own: twice or
    more, and in at least half the pairs that lack only that concept (a
    frequent word that merely stands beside an untranslated term is no
    rendering of it). Names are left out: a translation may name what the
    source calls "the country"."""
    assert ctx.glossary is not None
    own: dict[tuple[str, str], int] = defaultdict(int)
    alone: dict[str, int] = defaultdict(int)  # pairs where a concept is the only one the target lacks
    crossed: dict[tuple[str, str, str], list[tuple[Pair, TermHit, TermHit]]] = defaultdict(list)
    for pair in ctx.pairs:
        if not pair.src_segments or not pair.tgt_segments:
            continue
        src = segment_hits(ctx, pair.src, pair.src_segments, nested=True)
        tgt = segment_hits(ctx, pair.tgt, pair.tgt_segments)
        s_concepts, t_concepts = {h.concept for h in src}, {h.concept for h in tgt}
        missing = [h for h in src if not h.nested and h.concept not in t_concepts
                   and ctx.glossary[h.concept].terms_in(pair.tgt.lang) and not is_name(ctx.glossary[h.concept])]
        if len({h.concept for h in missing}) == 1:
            alone[missing[0].concept] += 1
        for t in tgt:
            if is_name(ctx.glossary[t.concept]):
                continue
            if t.concept in s_concepts:
                own[(t.concept, t.term)] += 1
            elif len({h.concept for h in missing}) == 1:
                crossed[(t.concept, t.term, missing[0].concept)].append((pair, t, missing[0]))
    for (cid, term, other), found in crossed.items():
        if not own[(cid, term)] or len(found) < 2 or 2 * len(found) < alone[other]:
            continue  # once may be a loose alignment; twice is a habit, if in half the pairs that lack the other
        pair, t, s = found[0]
        yield Draft(pair.tgt.id, *core(t),
                    f"“{term}” [{cid}] renders “{s.term}” [{s.concept}] here ({len(found)}×), and its own "
                    f"concept's source terms elsewhere ({own[(cid, term)]}×): one target term for two source terms",
                    suggestion=next((x.text for x in ctx.glossary[s.concept].terms_in(pair.tgt.lang)), ""),
                    involved=(term, s.term),
                    places=tuple((p.src.id, h.start, h.end) for p, _, h in found),
                    pair=pair, source_span=core(s), target_span=core(t), term=term)


def _shorter(ctx: CheckContext, a: str, b: str) -> bool:
    """Is rendering ``a`` an abbreviation or a short form of ``b``?"""
    if a.isupper() and "".join(w[0] for w in b.split() if w[:1].isupper()) == a:
        return True
    ka, kb = ctx.key(a).text, ctx.key(b).text
    return ka != kb and len(WORD.findall(ka)) < len(WORD.findall(kb)) and contained(ka, kb)
