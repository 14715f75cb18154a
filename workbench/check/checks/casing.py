"""Capitals in languages that have them: a glossary term of several
capitalized words written in lower case ("member states" for "Member
State"), and a word the documents write capitalized after "the" to refer to
one thing ("the Convention") but in lower case elsewhere ("the convention")."""
from __future__ import annotations

from bisect import bisect_right
from collections import defaultdict
from collections.abc import Iterator, Mapping
from functools import cache
from typing import Any

import regex

from ...model import SegmentKind, TermHit, lang_key
from ..context import CheckContext, Document
from ..draft import Draft
from ..hits import doc_hits
from ..langdata import for_language
from ..registry import check
from ..stems import is_name

#: Quotations, whose capitals are the quoted title's own.
_QUOTED = regex.compile(r"“[^”]*”|\"[^\"]*\"")


def _lowered(term: str, surface: str) -> bool:
    """Does ``surface`` write in lower case a capital that ``term``, of several words, has?
    (A one-word term such as "Ambassador" is a common noun in lower case.)"""
    words_t, words_s = term.split(), surface.split()
    return len(words_t) > 1 and len(words_t) == len(words_s) and any(
        a[:1].isupper() and b[:1].islower() for a, b in zip(words_t, words_s, strict=True))


@check("target-term-case", "warning", profiles=("terminology",))
def target_term_case(ctx: CheckContext, settings: Mapping[str, Any]) -> Iterator[Draft]:
    """Glossary term written in lower case where the glossary capitalizes it.

    A glossary term of two or more words, some capitalized (``Member State``,
    ``General Assembly``), written in lower case in a document ("member
    states"), in any language with capitals. Capitals the glossary does not
    have (a title in title case, the start of a sentence) are not reported.
    A term whose capitals spell an abbreviation the glossary has in that
    language ("Severe Acute Respiratory Syndrome", SARS) is left out: the
    capitals show the letters, and the disease's name is a common noun.
    One finding per term and document, listing every such occurrence.
    """
    if ctx.glossary is None:
        return
    acronyms = {(lang_key(t.lang), t.text) for c in ctx.glossary for t in c.terms if _acronym(t.text)}
    for doc in ctx.documents.values():
        lowered: dict[tuple[str, str], list[TermHit]] = defaultdict(list)
        for h in doc_hits(ctx, doc):
            if (lang_key(doc.lang), _initials(h.term)) in acronyms:
                continue
            if "case" in h.folds and _lowered(h.term, h.surface[len(h.prefix):len(h.surface) - len(h.suffix)]):
                lowered[(h.concept, h.term)].append(h)
        for (cid, term), hits in lowered.items():
            first = hits[0]
            surface = first.surface[len(first.prefix):]
            yield Draft(doc.id, first.start + len(first.prefix), first.end,
                        f"“{surface}” ×{len(hits)} in lower case; the glossary writes “{term}” [{cid}]",
                        suggestion=_recase(surface, term), involved=(term,),
                        places=tuple((doc.id, h.start + len(h.prefix), h.end) for h in hits))


def _acronym(text: str) -> bool:
    """Is ``text`` an abbreviation in capitals (SARS, UN)?"""
    return len(text) >= 2 and text.isalpha() and text.isupper()


def _initials(term: str) -> str:
    """The initials of the capitalized words of ``term`` ("Severe Acute Respiratory Syndrome": SARS)."""
    return "".join(w[0] for w in term.split() if w[:1].isupper())


def _recase(surface: str, term: str) -> str:
    """``surface`` with the capitals of ``term`` (word by word)."""
    return " ".join(s[:1].upper() + s[1:] if t[:1].isupper() else s
                    for s, t in zip(surface.split(), term.split(), strict=False))


@cache
def _pattern(lang: str) -> regex.Pattern[str] | None:
    """A determiner and the word after it, in ``lang`` (None without casing data)."""
    determiners = for_language("casing", lang).get("determiners")
    if not determiners:
        return None
    det = "|".join(regex.escape(d) for d in determiners)
    return regex.compile(rf"(?<!\p{{L}})(?:{det})\s+(\p{{L}}[\p{{Ll}}-]+)(?!\p{{L}})", regex.I)


def _names(ctx: CheckContext, doc: Document) -> list[tuple[int, int]]:
    """Spans of the glossary's names in ``doc``, sorted (non-nested hits do not overlap)."""
    if ctx.glossary is None:
        return []
    return sorted((h.start, h.end) for h in doc_hits(ctx, doc) if is_name(ctx.glossary[h.concept]))


@check("case-variant", "warning", profiles=("terminology",), min_capitalized=2)
def case_variant(ctx: CheckContext, settings: Mapping[str, Any]) -> Iterator[Draft]:
    """Word capitalized for one thing in most places, in lower case in others.

    In the documents of a language with capitals, a word written after a
    determiner (``data/casing/<lang>.toml``: "the", "this"...) capitalized in
    the middle of a sentence at least ``min_capitalized`` times and more
    often than in lower case ("the Convention"), and in lower case after a
    determiner elsewhere ("the convention"): one finding per word, at the
    first lower-case place, listing them all. Quotations, headings (often in
    title case) and names the glossary knows are left out.
    """
    by_lang: dict[str, list[tuple[str, str, int, int]]] = defaultdict(list)
    for doc in ctx.documents.values():
        pattern = _pattern(lang_key(doc.lang))
        if pattern is None:
            continue
        names: list[tuple[int, int]] | None = None
        for seg in doc.translatable:
            if seg.kind is SegmentKind.HEADING:
                continue  # headings may be in title case
            quoted = [m.span() for m in _QUOTED.finditer(seg.text)]
            for m in pattern.finditer(seg.text):
                s, e = m.span(1)
                if any(a <= s < b for a, b in quoted):
                    continue
                if m.group(1)[:1].isupper():
                    if names is None:
                        names = _names(ctx, doc)
                    i = bisect_right(names, (seg.start + s, len(doc.text))) - 1
                    if i >= 0 and names[i][0] <= seg.start + s < names[i][1]:
                        continue
                by_lang[doc.lang].append((m.group(1), doc.id, seg.start + s, seg.start + e))
    for found in by_lang.values():
        words: dict[str, list[tuple[str, str, int, int]]] = defaultdict(list)
        for w in found:
            words[w[0].lower()].append(w)
        for uses in words.values():
            upper = [u for u in uses if u[0][:1].isupper()]
            lower = [u for u in uses if u[0][:1].islower()]
            if len(upper) < settings["min_capitalized"] or not lower or len(upper) <= len(lower):
                continue
            _, doc_id, start, end = lower[0]
            cap = upper[0][0]
            yield Draft(doc_id, start, end, f"“{lower[0][0]}” ×{len(lower)} in lower case; “{cap}” ×{len(upper)} "
                        "elsewhere for the same reference", suggestion=cap, involved=(cap, lower[0][0]),
                        places=tuple((d, s, e) for _, d, s, e in lower))
