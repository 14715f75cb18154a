"""Terminology against the glossary: deprecated and forbidden terms, key terms
missing from the translation."""
from __future__ import annotations

from collections.abc import Iterator, Mapping
from functools import lru_cache
from typing import Any

import regex

from ...glossary.affixes import article_left_out
from ...glossary.renderings import accepted_renderings
from ...model import Concept, Term, TermHit, TermStatus, lang_key
from ..context import CheckContext, Document
from ..draft import Draft
from ..hits import core, doc_hits, segment_hits
from ..keys import TOKEN_KEY, loose
from ..names import language, stem
from ..registry import check
from ..stems import is_name
from ..usage import in_compound, verb_use

_WORD = regex.compile(r"[\p{L}\p{M}\p{N}]+")
#: An English indefinite article just before a term.
_INDEFINITE_EN = regex.compile(r"(?i)(?<![\p{L}\p{N}])an?\s+$")


@lru_cache(maxsize=64)
def _function_words(lang: str) -> frozenset[str]:
    table = language(lang)
    return table.function if table is not None else frozenset()


def described(doc: Document, hit: TermHit, concept: Concept) -> bool:
    """Is a wording of a name used as an indefinite description, which names nothing
    ("to draft a convention on cybercrime", «وضع اتفاقية بشأن الجريمة»)? English: an
    article ``a``/``an`` before it; Arabic: its first word without the article and a
    preposition after it (``اتفاقية بشأن …``, not the construct ``اتفاقية الأمم …``,
    nor ``الاتفاقية بشأن …``, which names one), or a name given with the article
    found without it (``اتفاقية دولية`` for ``الاتفاقية الدولية``)."""
    if not is_name(concept):
        return False
    code = lang_key(hit.lang)
    if code == "en":
        return not hit.prefix and bool(_INDEFINITE_EN.search(doc.text, max(0, hit.start - 4), hit.start))
    if code == "ar" and article_left_out(hit.term, hit.prefix):
        return True
    words = hit.term.split()
    return (code == "ar" and len(words) > 1 and not words[0].startswith("ال") and "ال" not in hit.prefix
            and not hit.prefix.endswith("لل") and stem(TOKEN_KEY.fold(words[1]), code) in _function_words(code))


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
    and the glossary's note. A wording of a name used as an indefinite
    description ("a convention on cybercrime", «اتفاقية بشأن الجريمة
    الإلكترونية» without the article) names nothing and is not reported.
    """
    if ctx.glossary is None:
        return
    for doc in ctx.documents.values():
        for hit in doc_hits(ctx, doc):
            if hit.status not in (TermStatus.DEPRECATED, TermStatus.FORBIDDEN):
                continue
            concept = ctx.glossary[hit.concept]
            if described(doc, hit, concept):
                continue
            term = next(t for t in concept.terms_in(hit.lang) if t.text == hit.term)
            better = replacement(concept, term, ctx)
            note = f" ({term.note})" if term.note else ""
            yield Draft(doc.id, *core(hit),
                        f"{hit.status.value} term “{hit.term}” [{hit.concept}]{note}",
                        suggestion=better.text if better else "",
                        involved=(hit.term, *([better.text] if better else [])),
                        severity="error" if hit.status is TermStatus.FORBIDDEN else None, term=hit.term)


@check("term-mismatch", "warning", profiles=("terminology",), min_words=1)
def term_mismatch(ctx: CheckContext, settings: Mapping[str, Any]) -> Iterator[Draft]:
    """Key term not carried over into the translation.

    A preferred or admitted glossary term of at least ``min_words`` words
    (single words too by default) found in a source segment, whose concept
    has none of its terms in the aligned target segment, none of the
    renderings the term's note accepts (``Renderings in en: “ratification”
    (…); “adoption” (…)``), and no target term whose every word is there (by
    stem; an abbreviation the glossary knows stands for its words, UN for
    United Nations; a demonym for a name, Vietnamese for Viet Nam). A name
    (a concept whose English terms are capitalized) must be given whole: "UN
    Cybercrime Treaty" for the convention's title is reported with the
    preferred form; a common term may be paraphrased with half its words
    ("the ceremony for the signing"), and a short name may become a pronoun.
    The Arabic article, and one clitic, are set aside in that comparison (أعراض
    renders الأعراض). A source word that one concept has as written
    ("symptoms") is not also another's inflection ("symptom"). An English noun
    term is not expected where the word is plainly a verb ("people cough on
    me", "you're breathing"), part of a compound naming something else ("hay
    fever") or glued by a hyphen to another word ("MERS-CoV"). The finding
    points at the source term. Deprecated source terms are left to ``deprecated-term``.
    """
    if ctx.glossary is None:
        return
    for pair in ctx.pairs:
        if not pair.src_segments or not pair.tgt_segments:
            continue
        tgt_hits = segment_hits(ctx, pair.tgt, pair.tgt_segments, nested=True)
        found = {h.concept for h in tgt_hits}
        have = word_stems(ctx, pair.tgt_text).union(*(word_stems(ctx, t.text) for c in found
                                                       for t in ctx.glossary[c].terms_in(pair.tgt.lang)))
        reported: set[str] = set()
        src_hits = segment_hits(ctx, pair.src, pair.src_segments)
        # A word two concepts match, one as written ("symptoms"), one inflected ("symptom" + s): the exact one.
        exact = {(h.start, h.end) for h in src_hits if _as_written(ctx, h)}
        for hit in src_hits:
            if (hit.concept in found or hit.concept in reported or hit.status.rank > TermStatus.ADMITTED.rank
                    or len(_words(ctx, hit.term)) < settings["min_words"]
                    or (hit.start, hit.end) in exact and not _as_written(ctx, hit)):
                continue
            concept = ctx.glossary[hit.concept]
            wanted = concept.terms_in(pair.tgt.lang)
            term = next(t for t in concept.terms_in(hit.lang) if t.text == hit.term)
            name = is_name(concept)
            if name and _short_form(ctx, concept, term):
                continue  # a short name, which a translation may give as a pronoun
            if verb_use(pair.src.text, *core(hit), term) or in_compound(pair.src.text, *core(hit), hit.lang):
                continue  # "people cough on me", "hay fever", "MERS-CoV": not the term's sense
            accepted = accepted_renderings(concept, term, pair.tgt.lang)
            if not wanted or any(_all_words(ctx, t.text, have) for t in wanted) \
                    or any(_all_words(ctx, x, have) for r in accepted for x in r.texts) \
                    or not name and any(_paraphrased(ctx, t.text, pair.tgt_text) for t in wanted):
                continue
            reported.add(hit.concept)
            tgt_line = pair.tgt.place(pair.tgt_segments[0].start, pair.tgt_segments[0].start)[1]
            partial = [w for w in wanted[0].text.split()
                       if (ws := [x for x in _words(ctx, w) if len(x) > 2]) and all(_stem(x) in have for x in ws)]
            kept = f"; it keeps only “{' '.join(partial)}” of “{wanted[0].text}”" if partial else ""
            also = "; accepted: " + "; ".join(", ".join(r.texts) + (f" ({r.context})" if r.context else "")
                                            for r in accepted) if accepted else ""
            yield Draft(pair.src.id, core(hit)[0], hit.end,
                        f"“{hit.term}” [{hit.concept}] has no counterpart in the translation "
                        f"({pair.tgt.id}, line {tgt_line}){kept}{also}",
                        suggestion=wanted[0].text, involved=(hit.term, pair.tgt_text),
                        places=tuple((pair.tgt.id, s.start, s.end) for s in pair.tgt_segments),
                        pair=pair, source_span=(core(hit)[0], hit.end), term=hit.term)


def _as_written(ctx: CheckContext, hit: TermHit) -> bool:
    """Is the hit's surface its term as written (on the match key), with no clitic or ending?"""
    return ctx.key(hit.surface).text == ctx.key(hit.term).text


#: English endings set aside to compare words across inflection and derivation (ratify, ratified, ratification).
_EN_ENDINGS = ("ications", "ication", "ations", "ation", "ings", "ing", "ions", "ion", "ied", "ies", "ed", "es", "s", "y")
#: The Arabic article with the clitics before it, set aside on both sides: a translation that gives
#: the term without its article (أعراض for الأعراض, in a construct or indefinite) still renders it.
_AR_ARTICLE = regex.compile(r"^(?:[وف]?[بك]?ال|[وف]?لل)(?=\p{Arabic}{3})")
#: One clitic before a word of the text (لحمى, بالأعراض once the article is gone).
_AR_CLITIC = regex.compile(r"^[وف]?[بكل](?=\p{Arabic}{3})")
#: A possessive or object pronoun after a word of the text (استعدادها، أعراضك render الاستعداد،
#: الأعراض), or a feminine ending (داعمة renders الداعم), on the loose key (ك is ج there, ة is ه).
_AR_PRONOUN = regex.compile(r"(?<=\p{Arabic}{3})(?:هما|هم|هن|ها|جما|جم|جن|نا|ه|ج)$")
#: A verbal noun of the derived verb forms VII, VIII and X (انتشار، انتقال، استخدام): its
#: perfect (انتشر) renders it too, the translation giving the noun term as a verb.
_AR_MASDAR = regex.compile(r"^(ا\p{Arabic}{2,})ا(\p{Arabic})$")


@lru_cache(maxsize=1 << 16)
def _stem(word: str) -> str:
    """A key word without English endings (Arabic-script words: their variant key without the article)."""
    if not word.isascii():
        return str(_AR_ARTICLE.sub("", word))
    for _ in range(2):
        for e in _EN_ENDINGS:
            if word.endswith(e) and len(word) - len(e) >= 4:
                word = word[:-len(e)]
                break
    return word


def word_stems(ctx: CheckContext, text: str) -> frozenset[str]:
    """The stems of the words of ``text`` under the variant key."""
    return _stems_of(ctx.key(text).text)


@lru_cache(maxsize=1 << 16)
def _stems_of(key_text: str) -> frozenset[str]:
    stems = {_stem(w) for w in _WORD.findall(loose(key_text))}
    arabic = {_AR_CLITIC.sub("", w) for w in stems if not w.isascii()}
    return frozenset(stems | arabic | {_AR_PRONOUN.sub("", w) for w in arabic})


def _all_words(ctx: CheckContext, term: str, have: frozenset[str]) -> bool:
    """Are all the words of ``term`` (three letters or more) among the stems ``have``, or
    the start of one (a demonym: Viet Nam, Vietnamese; South Africa, South African)?"""
    words = [w for w in _words(ctx, term) if len(w) > 2] or _words(ctx, term)
    joined = "".join(words)
    return bool(words) and (all(_stem(w) in have or _starts(w, have) or _verb_of(w) in have for w in words)
                            or _starts(joined, have))


def _verb_of(word: str) -> str:
    """The perfect of an Arabic verbal noun of forms VII, VIII, X (الانتشار -> انتشر), else ``""``."""
    return _AR_MASDAR.sub(r"\1\2", _stem(word)) if not word.isascii() and _AR_MASDAR.match(_stem(word)) else ""


def _starts(word: str, have: frozenset[str]) -> bool:
    return len(word) >= 4 and any(h.startswith(word) for h in have)


def _short_form(ctx: CheckContext, concept: Concept, term: Term) -> bool:
    """Is ``term`` an allowed short form of its concept's preferred term (``مينه`` of ``لي شوان مينه``)?"""
    preferred = concept.terms_in(term.lang)[0]
    return preferred.text != term.text and set(_words(ctx, term.text)) < set(_words(ctx, preferred.text))


def _paraphrased(ctx: CheckContext, term: str, text: str) -> bool:
    """Are at least half of the words of ``term`` (three letters or more) in ``text``?"""
    words = [w for w in _words(ctx, term) if len(w) > 2]
    have = word_stems(ctx, text)
    return bool(words) and 2 * sum(_stem(w) in have for w in words) >= len(words)
