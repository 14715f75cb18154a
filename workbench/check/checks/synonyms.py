"""One domain term called by two synonyms inside one document.

Two sources, both per document:

* the glossary: two allowed terms of one concept (a term, not a name) used in
  one document (``فضای سایبری``/``فضای مجازی``), when they are neither
  inflections of each other (``جريمة إلكترونية``/``جرائم إلكترونية``), nor a
  short form of the other, nor in another script;
* the language's synonym sets (``workbench/check/data/synonyms/<lang>.toml``):
  two members of one set next to the same word (``حفل التوقيع``/``مراسم
  التوقيع``; ``منع الجرائم``/``الوقاية من الجرائم``), or anywhere when both are
  phrases of two content words (``حيز النفاذ``/``حيز التنفيذ``).

Occurrences inside a name the glossary knows, or inside a deprecated term,
are left to the checks on names and terms.
"""
from __future__ import annotations

from bisect import bisect_right
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from functools import cache
from typing import Any

import regex

from ...model import TermHit, TermStatus, lang_key
from ...text.normalize import Key, match_key
from ..context import CheckContext, Document
from ..draft import Draft
from ..hits import core, doc_hits
from ..langdata import for_language
from ..registry import check
from ..stems import WORD, contained, inflections, is_name, skeleton

Span = tuple[str, int, int]
_SPLIT = regex.compile(r"[^\p{L}\p{M}\p{N}]+")


@dataclass(slots=True)
class Usage:
    """The wordings of one thing in one document, with their places; ``keep`` is the one to use."""

    what: str
    places: dict[str, list[Span]] = field(default_factory=dict)
    keep: str = ""
    why: str = ""

    def spans(self) -> list[Span]:
        return sorted(p for ps in self.places.values() for p in ps)


@dataclass(frozen=True)
class _Sets:
    forms: dict[str, list[tuple[int, int, int, int]]]  # a member's first word as written -> (set, member, words, prefix length), longest first
    rest: dict[tuple[int, int], tuple[str, ...]]  # (set, member) -> key words after the first
    glosses: tuple[str, ...]
    function: frozenset[str]


@cache
def _sets(lang: str) -> _Sets | None:
    data = for_language("synonyms", lang_key(lang))
    if not data.get("sets"):
        return None
    prefixes = ["", *(match_key(p).text.lower() for p in data.get("prefixes", ()))]
    suffixes = ["", *(match_key(s).text.lower() for s in data.get("suffixes", ()))]
    forms: dict[str, list[tuple[int, int, int, int]]] = defaultdict(list)
    rest: dict[tuple[int, int], tuple[str, ...]] = {}
    for i, entry in enumerate(data["sets"]):
        for j, member in enumerate(entry["words"]):
            words = WORD.findall(match_key(member).text.lower())
            head = words[0][2:] if words[0].startswith("ال") and len(words[0]) > 4 else words[0]
            stems = {head, head[:-1]} if head.endswith("ه") else {head}
            for stem in stems:
                for p in prefixes:
                    for s in suffixes:
                        own = head != words[0] and p.endswith("ال")  # the member's own article stays shown
                        forms[p + stem + s].append((i, j, len(words), len(p) - 2 if own else len(p)))
            rest[(i, j)] = tuple(words[1:])
    function = frozenset(match_key(w).text.lower() for w in data.get("function_words", ()))
    for found in forms.values():
        found.sort(key=lambda f: -f[2])
    return _Sets(dict(forms), rest, tuple(e.get("gloss", "") for e in data["sets"]), function)


def set_usages(doc: Document, skip: list[Span], keyed: Callable[[str], Key] = match_key) -> list[Usage]:
    """Members of one synonym set used next to the same word in ``doc`` (``keyed``: the match key function)."""
    sets = _sets(doc.lang)
    if sets is None:
        return []
    # (set) -> (side, neighbour skeleton) -> member -> spans
    seen: dict[int, dict[tuple[str, str], dict[int, list[Span]]]] = defaultdict(lambda: defaultdict(lambda: defaultdict(list)))
    surfaces: dict[tuple[int, int], str] = {}
    arabic = lang_key(doc.lang) == "ar"
    skip = sorted(skip)
    for seg in doc.translatable:
        key = keyed(seg.text)
        if sets.forms.keys().isdisjoint(_SPLIT.split(key.text.lower())):
            continue
        words = [(m.group().lower(), m.start(), m.end()) for m in WORD.finditer(key.text)]
        for i, (w, ks, _) in enumerate(words):
            hit = next((f for f in sets.forms.get(w, ()) if tuple(x[0] for x in words[i + 1:i + f[2]]) == sets.rest[f[:2]]),
                       None)
            if hit is None:
                continue
            n, member, length, clitic = hit
            s, e = key.span(ks + clitic, words[i + length - 1][2])
            span = (doc.id, seg.start + s, seg.start + e)
            j = bisect_right(skip, (span[0], span[1], 1 << 62)) - 1
            if j >= 0 and skip[j][1] <= span[1] and span[2] <= skip[j][2]:
                continue
            surfaces.setdefault((n, member), seg.text[s:e])
            if len([w for w in (words[i][0], *sets.rest[(n, member)]) if w not in sets.function]) > 1:
                seen[n][("phrase", "")][member].append(span)  # a phrase of two content words needs no context
            for side, j, step in (("before", i - 1, -1), ("after", i + length, 1)):
                while 0 <= j < len(words) and words[j][0] in sets.function:
                    j += step
                if 0 <= j < len(words) and words[j][0] not in sets.forms and len(skeleton(words[j][0], arabic)) >= 2:
                    seen[n][(side, skeleton(words[j][0], arabic))][member].append(span)
    out = []
    for n, contexts in seen.items():
        usage = Usage(f"“{sets.glosses[n]}”" if sets.glosses[n] else "one term")
        for by_member in contexts.values():
            if len(by_member) < 2:
                continue
            for member, spans in by_member.items():
                places = usage.places.setdefault(surfaces[(n, member)], [])
                places.extend(p for p in spans if p not in places)
        if len(usage.places) > 1:
            out.append(usage)
    return out


def glossary_usages(ctx: CheckContext, doc: Document, hits: list[TermHit]) -> list[Usage]:
    """Two allowed terms of one concept (a term, not a name) used in ``doc``, synonyms of each other."""
    assert ctx.glossary is not None
    by_concept: dict[str, dict[str, list[Span]]] = defaultdict(lambda: defaultdict(list))
    for h in hits:
        if h.status.rank <= TermStatus.ADMITTED.rank:
            by_concept[h.concept][h.term].append((doc.id, *core(h)))
    out = []
    for cid, by_term in by_concept.items():
        concept = ctx.glossary[cid]
        if len(by_term) < 2 or is_name(concept):
            continue
        terms = list(by_term)
        keys = {t: ctx.key(t).text for t in terms}
        arabic = lang_key(doc.lang) == "ar"
        apart = [(a, b) for i, a in enumerate(terms) for b in terms[i + 1:]
                 if not (inflections(keys[a], keys[b], arabic) or contained(keys[a], keys[b], arabic)
                         or keys[a].isascii() != keys[b].isascii())]
        if not apart:
            continue
        used = sorted({t for pair in apart for t in pair}, key=lambda t: min(by_term[t]))
        usage = Usage(f"[{cid}]", {t: by_term[t] for t in used})
        preferred = next((t.text for t in concept.terms_in(doc.lang) if t.status is TermStatus.PREFERRED), "")
        if preferred:  # used or not: the glossary settles which synonym to write
            usage.keep = preferred
            usage.why = "glossary, preferred" if preferred in usage.places else "glossary, preferred; not used here"
        out.append(usage)
    return out


@check("synonym", "warning", profiles=("terminology",))
def synonym(ctx: CheckContext, settings: Mapping[str, Any]) -> Iterator[Draft]:
    """Domain term called by two synonyms in one document.

    Per document: two allowed glossary terms of one concept that are
    synonyms (not inflections, short forms or another script of each other:
    ``فضای سایبری`` and ``فضای مجازی``), and two members of one of the
    language's synonym sets (``data/synonyms/<lang>.toml``) next to the same
    word (``حفل التوقيع`` and ``مراسم التوقيع``). Names the glossary knows
    and deprecated terms are left to ``variant-cluster`` and
    ``deprecated-term``. One finding per term and document, at the first
    occurrence to change, with every wording counted and the one to keep:
    the glossary's preferred term (even when the document uses only two
    admitted ones), else the most used.
    """
    for doc in ctx.documents.values():
        hits = doc_hits(ctx, doc) if ctx.glossary is not None else []
        skip = [(doc.id, h.start, h.end) for h in hits
                if h.status.rank > TermStatus.ADMITTED.rank or is_name(ctx.glossary[h.concept])] if ctx.glossary else []
        usages = glossary_usages(ctx, doc, hits) if ctx.glossary is not None else []
        taken = {p for u in usages for p in u.spans()}
        for u in set_usages(doc, skip, ctx.key):
            if not any(_overlaps(p, q) for p in u.spans() for q in taken):
                usages.append(u)
        for u in usages:
            draft = _draft(u)
            if draft is not None:
                yield draft


def _overlaps(a: Span, b: Span) -> bool:
    return a[0] == b[0] and a[1] < b[2] and b[1] < a[2]


def _draft(u: Usage) -> Draft | None:
    counts = Counter({w: len(ps) for w, ps in u.places.items()})
    if not u.keep:
        ranked = sorted(counts, key=lambda w: (-counts[w], min(u.places[w])))
        u.keep = ranked[0]
        u.why = "as many of each; the first used" if counts[ranked[0]] == counts[ranked[1]] else "the most used"
    change = sorted(p for w, ps in u.places.items() if w != u.keep for p in ps)
    if not change:
        return None
    doc, start, end = change[0]
    order = sorted(counts, key=lambda w: (w != u.keep, -counts[w], min(u.places[w])))
    listed = ", ".join(f"{w} ×{counts[w]}" for w in order)
    return Draft(doc, start, end, f"{len(counts)} synonyms for {u.what} in one document: {listed}; keep “{u.keep}” ({u.why})",
                 suggestion=u.keep, involved=tuple(order), places=tuple(u.spans()),
                 renderings=tuple((w, counts[w]) for w in order), term=u.what)
