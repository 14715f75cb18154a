"""Terminology against the glossary: deprecated and forbidden terms, key terms
missing from the translation."""
from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

import regex

from ...model import Concept, Term, TermStatus
from ..context import CheckContext
from ..draft import Draft
from ..hits import doc_hits, segment_hits
from ..keys import loose

_WORD = regex.compile(r"[\p{L}\p{M}\p{N}]+")
from ..registry import check


def replacement(concept: Concept, term: Term, ctx: CheckContext) -> Term | None:
    """The term to use instead of ``term``: an allowed one spelled alike, else the preferred one."""
    allowed = [t for t in concept.terms_in(term.lang) if t.status.rank <= TermStatus.ADMITTED.rank]
    same = [t for t in allowed if _words(ctx, t.text) == _words(ctx, term.text)]
    return (same or allowed)[0] if allowed else None


def _words(ctx: CheckContext, text: str) -> list[str]:
    """The words of ``text`` under the variant key (punctuation left out)."""
    words: list[str] = _WORD.findall(loose(ctx.key(text).text))
    return words


@check("deprecated-term", "warning", profiles=("terminology", "minimal"))
def deprecated_terms(ctx: CheckContext, settings: Mapping[str, Any]) -> Iterator[Draft]:
    """Deprecated or forbidden glossary term used.

    Every occurrence of a term the glossary marks ``deprecated`` (a warning) or
    ``forbidden`` (an error), in any language, with the allowed term to use
    and the glossary's note.
    """
    if ctx.glossary is None:
        return
    for doc in ctx.documents.values():
        for hit in doc_hits(ctx, doc):
            if hit.status not in (TermStatus.DEPRECATED, TermStatus.FORBIDDEN):
                continue
            concept = ctx.glossary[hit.concept]
            term = next(t for t in concept.terms_in(hit.lang) if t.text == hit.term)
            better = replacement(concept, term, ctx)
            core_start = hit.start + len(hit.prefix)
            note = f" ({term.note})" if term.note else ""
            yield Draft(doc.id, core_start, hit.end - len(hit.suffix) if hit.suffix else hit.end,
                        f"{hit.status.value} term “{hit.term}” [{hit.concept}]{note}",
                        suggestion=better.text if better else "",
                        involved=(hit.term, *([better.text] if better else [])),
                        severity="error" if hit.status is TermStatus.FORBIDDEN else None)


@check("term-mismatch", "warning", profiles=("terminology",), min_words=2)
def term_mismatch(ctx: CheckContext, settings: Mapping[str, Any]) -> Iterator[Draft]:
    """Key term not carried over into the translation.

    A preferred glossary term of at least ``min_words`` words found in a
    source segment, whose concept has none of its terms in the aligned target
    segment, and whose target terms do not even have half of their words
    there (a paraphrase such as "the ceremony for the signing" is not
    reported). The finding points at the source term and suggests the
    target's preferred term. Deprecated source terms are left to
    ``deprecated-term``.
    """
    if ctx.glossary is None:
        return
    for pair in ctx.pairs:
        if not pair.src_segments or not pair.tgt_segments:
            continue
        found = {h.concept for h in segment_hits(ctx, pair.tgt, pair.tgt_segments, nested=True)}
        reported: set[str] = set()
        for hit in segment_hits(ctx, pair.src, pair.src_segments):
            if (hit.concept in found or hit.concept in reported
                    or hit.status is not TermStatus.PREFERRED or len(_words(ctx, hit.term)) < settings["min_words"]):
                continue
            concept = ctx.glossary[hit.concept]
            wanted = concept.terms_in(pair.tgt.lang)
            if not wanted or any(_paraphrased(ctx, t.text, pair.tgt_text) for t in wanted):
                continue
            reported.add(hit.concept)
            tgt_line = pair.tgt.place(pair.tgt_segments[0].start, pair.tgt_segments[0].start)[1]
            yield Draft(pair.src.id, hit.start + len(hit.prefix), hit.end,
                        f"“{hit.term}” [{hit.concept}] has no counterpart in the translation "
                        f"({pair.tgt.id}, line {tgt_line})",
                        suggestion=wanted[0].text, involved=(hit.term, pair.tgt_text),
                        places=tuple((pair.tgt.id, s.start, s.end) for s in pair.tgt_segments))


def _paraphrased(ctx: CheckContext, term: str, text: str) -> bool:
    """Are at least half of the words of ``term`` (three letters or more) in ``text``?"""
    words = [w for w in _words(ctx, term) if len(w) > 2]
    have = set(_words(ctx, text))
    return bool(words) and 2 * sum(w in have for w in words) >= len(words)
