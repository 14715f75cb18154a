"""Glossary hits in the documents of a check context, with document offsets."""
from __future__ import annotations

import sys
from bisect import bisect_left
from collections.abc import Sequence

from ..model import Segment, TermHit
from .context import CheckContext, Document


def doc_hits(ctx: CheckContext, doc: Document, nested: bool = False) -> list[TermHit]:
    """The glossary's hits in the translatable segments of ``doc``, by position
    (scanned once per document); hits inside a longer one only with ``nested``."""
    if ctx.glossary is None:
        return []
    hits = ctx.hits.get(doc.id)
    if hits is None:
        matcher = ctx.glossary.matcher(doc.lang, ctx.folds_off)
        hits = ctx.hits[doc.id] = [_moved(h, seg.start) for seg in doc.translatable for h in matcher.scan(seg.text)]
    return hits if nested else [h for h in hits if not h.nested]


def segment_hits(ctx: CheckContext, doc: Document, segments: Sequence[Segment], nested: bool = False) -> list[TermHit]:
    """The hits of ``doc`` inside ``segments`` (consecutive segments of it)."""
    if not segments:
        return []
    hits = doc_hits(ctx, doc, nested=True)
    starts = ctx.hit_starts.get(doc.id)
    if starts is None:
        starts = ctx.hit_starts[doc.id] = [h.start for h in hits]
    lo, hi = bisect_left(starts, segments[0].start), bisect_left(starts, segments[-1].end)
    return [h for h in hits[lo:hi] if nested or not h.nested]


def core(h: TermHit) -> tuple[int, int]:
    """A hit's span without the clitics and endings around its term. The Arabic
    article stays in, whether the glossary writes it or not: it belongs to the noun
    phrase as its next words' articles do (``والجرائم الإلكترونية`` -> ``الجرائم
    الإلكترونية``, not ``جرائم الإلكترونية``; ``للجنة`` whole, ل and ال being one)."""
    start = h.start + len(h.prefix)
    if h.prefix[-2:] in ("ال", "لل"):
        start -= 2
    elif h.prefix.endswith("ل") and h.term.startswith("ال"):
        start -= 1  # ل + اللجنة written للجنة: the matcher sets aside ل, the article's lam is in the stem
    return start, h.end - len(h.suffix)


def _moved(h: TermHit, offset: int) -> TermHit:
    """``h`` with its offsets shifted by ``offset``; its texts interned (a term's few
    surface forms recur, and every hit of a document is kept: ~90 bytes a hit)."""
    return TermHit(h.start + offset, h.end + offset, sys.intern(h.surface), h.concept, h.lang, h.term, h.status,
                   h.nested, sys.intern(h.prefix), sys.intern(h.suffix), h.folds)
