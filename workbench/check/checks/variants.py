"""Variant clusters: one name or term written several ways across the corpus.

Three sources of clusters, each built on match keys, never on raw strings:

* glossary: one concept used in several wordings, spelled alike
  (``جنوب أفريقيا``/``جنوب إفريقيا``), or a name given two admitted wordings
  in one document and never its preferred one (a term and its plural are one
  wording); deprecated and forbidden wordings are listed but left to
  ``deprecated-term``, which reports each use with its replacement, and two
  admitted wordings of a term (not a name) in one document to ``synonym``;
* spelling: words that differ only by letters the variant key folds (hamza,
  the ``ج``/``غ`` of a transliterated -ng, yeh, teh marbuta...), grown into
  multi-word names token by token: runs of such words make one mention, and
  mentions with the same key sequence are one cluster
  (``دانج هوانج جيانج``/``دانغ هوانغ جيانغ``);
* agreement: a fixed phrase of two or more words written with and without a
  feminine ending (``وزيرة العدل الجنوب أفريقية``/``وزير العدل الجنوب أفريقي``).

Each cluster is one finding at the first occurrence to change, listing every
variant with its count and places, and the one to keep (the glossary's,
else the most frequent).
"""
from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

import regex

from ...model import Term, TermStatus, lang_key
from ..context import CheckContext, Document
from ..draft import Draft
from ..hits import core, doc_hits
from ..keys import TOKEN_KEY, gender, loose
from ..names import given_nicknames, stems
from ..registry import check
from ..stems import inflections, is_name
from ..words import Word, ctx_words, language_words, letters

#: Abbreviations (``UNODC``, ``A05``): an admitted short form beside a wording, not a second wording.
_ABBREVIATION = regex.compile(r"[A-Z][A-Z0-9]{1,7}")

__all__ = ["Cluster", "Word", "language_words", "variant_clusters"]


@dataclass(slots=True)
class Cluster:
    """Occurrences of one name or term, by written variant."""

    label: str
    places: dict[str, list[tuple[str, int, int]]] = field(default_factory=dict)
    keep: str = ""
    why: str = "most frequent"
    allowed: frozenset[str] = frozenset()
    #: Deprecated and forbidden terms: ``deprecated-term`` reports each use, with its replacement.
    reported: frozenset[str] = frozenset()

    def add(self, variant: str, doc: str, start: int, end: int) -> None:
        self.places.setdefault(variant, []).append((doc, start, end))

    def spans(self) -> set[tuple[str, int, int]]:
        return {p for ps in self.places.values() for p in ps}


# -- the three sources ---------------------------------------------------------------------------

def glossary_clusters(ctx: CheckContext, docs: list[Document]) -> list[Cluster]:
    """Concepts used in several wordings, one of them not allowed, none preferred, or spelled alike."""
    if ctx.glossary is None:
        return []
    by_concept: dict[str, Cluster] = {}
    for doc in docs:
        for hit in doc_hits(ctx, doc):
            c = by_concept.setdefault(hit.concept, Cluster(hit.concept))
            c.add(hit.term, doc.id, *core(hit))
    out = []
    for cid, cluster in by_concept.items():
        if len(cluster.places) < 2:
            continue
        terms = {t.text: t for t in ctx.glossary[cid].terms_in(docs[0].lang)}
        used = [terms[v] for v in cluster.places if v in terms]
        allowed = [t for t in terms.values() if t.status.rank <= TermStatus.ADMITTED.rank]
        bad = any(t not in allowed for t in used)
        alike = len({_vkey(ctx, t.text) for t in used}) < len(used)
        if not bad and not alike and _inflected(ctx, used, docs[0].lang):
            continue  # one admitted wording, singular and plural (جريمة إلكترونية, جرائم إلكترونية)
        if not allowed or not (bad or alike or all(t.status is not TermStatus.PREFERRED for t in used)):
            continue
        keep = allowed[0]  # terms_in lists the preferred terms first
        cluster.keep, cluster.why = keep.text, f"glossary, {keep.status.value}"
        cluster.allowed = frozenset(t.text for t in used if t in allowed
                                    and (t is keep or not alike or _vkey(ctx, t.text) != _vkey(ctx, keep.text)))
        if not bad and not alike and is_name(ctx.glossary[cid]) and _unsettled(cluster, used):
            cluster.allowed = frozenset()  # (two admitted wordings of a term in one document: ``synonym``'s)
            cluster.why += "; one document uses two admitted wordings and not this one"
        cluster.reported = frozenset(t.text for t in used if t not in allowed)
        out.append(cluster)
    return out


def _inflected(ctx: CheckContext, used: list[Term], lang: str) -> bool:
    """Are the wordings used all one term up to inflection (not two wordings)?"""
    keys = [ctx.key(t.text).text for t in used]
    return all(inflections(keys[0], k, lang_key(lang) == "ar") for k in keys[1:])


def _unsettled(cluster: Cluster, used: list[Term]) -> bool:
    """Does one document use two admitted wordings of a concept (not abbreviations such
    as ``UNODC``) and never its preferred term (``مشاورة إعلامية``, ``جلسة التشاور الإعلامي``)?"""
    if any(t.status is TermStatus.PREFERRED for t in used):
        return False
    words = {t.text for t in used if not _ABBREVIATION.fullmatch(t.text)}
    docs: dict[str, set[str]] = defaultdict(set)
    for variant, places in cluster.places.items():
        if variant in words:
            for doc, _, _ in places:
                docs[doc].add(variant)
    return any(len(v) > 1 for v in docs.values())


def _vkey(ctx: CheckContext, text: str) -> str:
    return loose(ctx.key(text).text)


def spelling_clusters(words: list[list[Word]], min_letters: int) -> list[Cluster]:
    """Multi-word names (and single words) spelled with folded letter variants."""
    forms: dict[str, set[str]] = defaultdict(set)
    for seg in words:
        for w in seg:
            if w.letters >= min_letters:
                forms[w.loose].add(w.light)
    variable = {k for k, v in forms.items() if len(v) > 1}
    mentions: dict[tuple[str, ...], Cluster] = {}
    for seg in words:
        run: list[Word] = []
        for w in seg:
            if w.loose in variable and w.letters >= min_letters:
                if run and w.start - run[-1].end > 2:
                    _mention(mentions, run)
                    run = []
                run.append(w)
            elif run:
                _mention(mentions, run)
                run = []
        if run:
            _mention(mentions, run)
    return [c for label, c in mentions.items() if len(c.places) > 1
            and (len(label) > 1 or letters(label[0]) > min_letters)]


def _mention(mentions: dict[tuple[str, ...], Cluster], run: list[Word]) -> None:
    label = tuple(w.loose for w in run)
    c = mentions.setdefault(label, Cluster(" ".join(label)))
    c.add(" ".join(w.light for w in run), run[0].doc, run[0].start, run[-1].end)


def agreement_clusters(words: list[list[Word]], max_words: int, min_letters: int, names: set[str]) -> list[Cluster]:
    """Fixed phrases of two or more words written with and without a feminine ending:
    a title whose noun and adjective both change (two words or more differ), or
    a title before a person's name (a word of ``names``)."""
    keys = {w.key for seg in words for w in seg}
    both = {k for k in keys if k.endswith("ة") and k[:-1] in keys}
    both |= {k[:-1] for k in both}
    groups: dict[tuple[str, ...], Cluster] = {}
    for seg in words:
        pivots = [i for i, w in enumerate(seg) if w.key in both]
        grams = {(i, n) for p in pivots for n in range(2, max_words + 1)
                 for i in range(max(0, p - n + 1), min(p, len(seg) - n) + 1)}
        for i, n in grams:
            gram = seg[i:i + n]
            if gram[0].letters < min_letters or gram[-1].letters < min_letters:
                continue
            gkey = tuple(gender(w.key) for w in gram)
            c = groups.setdefault(gkey, Cluster(" ".join(gkey)))
            c.add(" ".join(w.key for w in gram), gram[0].doc, gram[0].start, gram[-1].end)
    found = [c for c in groups.values() if len(c.places) > 1 and (_most_differing(c) > 1 or names & set(c.label.split()))]
    return _longest(found)


def _most_differing(c: Cluster) -> int:
    forms = [v.split() for v in c.places]
    return max(sum(a != b for a, b in zip(x, y)) for x in forms for y in forms)


def person_words(ctx: CheckContext, lang: str) -> set[str]:
    """Key forms of the words of the glossary's person names in ``lang``."""
    if ctx.glossary is None:
        return set()
    return {w for c in ctx.glossary if c.subject_field == "person" for t in c.terms_in(lang)
            for w in TOKEN_KEY.fold(t.text).split() if letters(w) > 2}


def _longest(clusters: list[Cluster]) -> list[Cluster]:
    """Leave out clusters whose every occurrence lies inside a longer cluster's."""
    clusters.sort(key=lambda c: -max(e - s for ps in c.places.values() for _, s, e in ps))
    kept: list[Cluster] = []
    covered: list[tuple[str, int, int]] = []
    for c in clusters:
        if all(any(d == d2 and s2 <= s and e <= e2 for d2, s2, e2 in covered) for d, s, e in c.spans()):
            continue
        kept.append(c)
        covered.extend(c.spans())
    return kept


def _inside(c: Cluster, taken: Iterable[tuple[str, int, int]]) -> bool:
    """Does every occurrence of ``c`` lie inside one already reported?"""
    spans = list(taken)
    return all(any(d == d2 and s2 <= s and e <= e2 for d2, s2, e2 in spans) for d, s, e in c.spans())


# -- the check -------------------------------------------------------------------------------------

@check("variant-cluster", "warning", profiles=("terminology",), min_letters=4, max_words=5)
def variant_clusters(ctx: CheckContext, settings: Mapping[str, Any]) -> Iterator[Draft]:
    """Name or term written several ways.

    One name or term written in several ways across the documents of a
    language: glossary concepts used in several wordings (spelled alike, or
    a name given two admitted wordings in one document and never its
    preferred one; deprecated terms are ``deprecated-term``'s), names whose words differ only by
    letters the variant key folds (hamza forms, ``ج``/``غ`` for one sound,
    yeh and teh marbuta variants), and fixed phrases written with and without
    a feminine ending. One finding per cluster, at the first occurrence to
    change; it lists every variant with its count and places and proposes the
    one to keep: the glossary's preferred term, else the most frequent.
    Words shorter than ``min_letters`` letters never make a spelling cluster;
    agreement clusters have at most ``max_words`` words.
    """
    for lang in ctx.languages:
        docs = ctx.by_lang(lang)
        words = ctx_words(ctx, lang)
        clusters = glossary_clusters(ctx, docs)
        taken = {p for c in clusters for p in c.spans()}
        agreement = agreement_clusters(words, settings["max_words"], settings["min_letters"] - 1, person_words(ctx, lang))
        for extra in (spelling_clusters(words, settings["min_letters"]), agreement):
            for c in extra:
                if not _inside(c, taken):
                    clusters.append(c)
                    taken |= c.spans()
        forms = _word_forms(agreement)
        nicknames = given_nicknames(docs, lang, words) if any(c.allowed for c in clusters) else set()
        for c in clusters:
            draft = _draft(ctx, c, forms, nicknames, lang)
            if draft is not None:
                yield draft


def _word_forms(clusters: list[Cluster]) -> Counter[str]:
    """How often each word form occurs in the agreement clusters: it settles a tie
    (``الوزيرة كوباي``/``الوزير كوباي`` once each, but ``وزيرة`` three times in all)."""
    out: Counter[str] = Counter()
    for c in clusters:
        for variant, places in c.places.items():
            for word in variant.split():
                out[word] += len(places)
    return out


def _draft(ctx: CheckContext, c: Cluster, forms: Counter[str], nicknames: set[tuple[str, ...]],
           lang: str) -> Draft | None:
    counts = Counter({v: len(ps) for v, ps in c.places.items()})
    if not c.keep:
        def rank(v: str) -> tuple[int, int, tuple[str, int, int]]:
            return -counts[v], -sum(forms[w] for w in v.split()), min(c.places[v])
        ranked = sorted(counts, key=rank)
        c.keep = ranked[0]
        if counts[ranked[0]] == counts[ranked[1]]:
            c.why = ("equally frequent; its word forms are more frequent elsewhere"
                     if rank(ranked[0])[1] != rank(ranked[1])[1] else "equally frequent; used first")
    change = sorted(p for v, ps in c.places.items() if v != c.keep and v not in c.allowed | c.reported for p in ps)
    if not change:
        return None
    doc, start, end = change[0]
    order = sorted(counts, key=lambda v: (v != c.keep, -counts[v], v))
    def label(v: str) -> str:
        if v not in c.allowed or v == c.keep:
            return ""
        return " (allowed: a name the text gives it)" if stems(v, lang) in nicknames else " (allowed)"

    listed = ", ".join(f"{_surface(ctx, c, v)} ×{counts[v]}{label(v)}" for v in order)
    keep = _surface(ctx, c, c.keep) if c.keep in c.places else c.keep
    return Draft(doc, start, end, f"{len(counts)} ways of writing one name or term: {listed}; keep “{keep}” ({c.why})",
                 suggestion=keep, involved=tuple(_surface(ctx, c, v) for v in order),
                 places=tuple(sorted(p for ps in c.places.values() for p in ps)),
                 renderings=tuple((_surface(ctx, c, v), counts[v]) for v in order), term=keep)


def _surface(ctx: CheckContext, c: Cluster, variant: str) -> str:
    """A variant as first written in the documents."""
    if variant not in c.places:
        return variant
    doc, s, e = min(c.places[variant])
    return ctx.documents[doc].text[s:e]
