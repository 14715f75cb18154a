"""Name variants: one named thing called by several wordings, with or without a glossary entry."""
from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterator, Mapping
from typing import Any

from ...model import Term, TermHit, TermStatus
from ..context import CheckContext
from ..draft import Draft
from ..hits import doc_hits
from ..names import Mention, NameCluster, Settings, counts, name_clusters
from ..registry import check
from ..words import ctx_words


@check("name-variant", "warning", profiles=("terminology",), max_slot=3, min_shared=3)
def name_variants(ctx: CheckContext, settings: Mapping[str, Any]) -> Iterator[Draft]:
    """Named thing called by several wordings.

    A treaty, body, office, event or outlet called by wordings that share
    the words around one part and differ in that part (at most ``max_slot``
    words: another preposition, a synonym, an inserted or left-out word),
    with at least ``min_shared`` content words in common and a head word of
    a name (``workbench/check/data/names.toml``); in English the shared
    words are capitalised. Glossary terms count as wordings, so a wording
    close to a term is reported with the glossary's preferred form; without
    one, the most frequent wording is proposed. Nicknames given earlier
    (“known as …”, «المعروفة باسم …», in parentheses after the full title)
    and wordings in quotation marks are listed as accepted, never reported.
    Wordings that are all terms of one glossary concept are left to
    ``variant-cluster`` and ``deprecated-term``. Wordings that differ at an
    end are found too: a short form used before its full name in a document
    (سازمان ملل, then سازمان ملل متحد; reported even when the glossary admits
    it), a last word replaced by one of the same Arabic root, head group or
    synonym set (اللجنة الخاصة/المخصصة), another head word of the same group
    before the same words (کنوانسیون/پیمان …), a Latin name beside its
    transcription (VietnamPlus/فيتنام بلس), an English name in lower case
    (Member States/member states, unless a glossary term).
    """
    st = Settings(max_slot=settings["max_slot"], min_shared=settings["min_shared"])
    for lang in ctx.languages:
        docs = ctx.by_lang(lang)
        terms: dict[str, tuple[str, Term]] = {}
        if ctx.glossary is not None:
            for concept in ctx.glossary:
                for term in concept.terms_in(lang):
                    terms.setdefault(term.text, (concept.id, term))
        hits = {doc.id: _by_start(doc_hits(ctx, doc, nested=True)) for doc in docs}
        taken: list[tuple[str, int, int]] = []
        clusters = sorted(name_clusters(docs, lang, terms, st, ctx_words(ctx, lang)), key=_priority)
        for c in clusters:
            draft = _draft(ctx, c, terms, hits, taken)
            if draft is not None:
                yield draft


def _by_start(hits: list[TermHit]) -> tuple[list[TermHit], list[int]]:
    ordered = sorted(hits, key=lambda h: h.start)
    return ordered, [h.start for h in ordered]


def _priority(c: NameCluster) -> tuple[int, int, int]:
    """Widest frames first, then the most used; smaller clusters inside them are not repeated."""
    return (-(len(c.frame[0]) + len(c.frame[1])), -sum(len(ms) for ms in c.mentions.values()),
            min((m.doc, m.start) for ms in c.mentions.values() for m in ms)[1] if c.mentions else 0)


def _covered(m: Mention, hits: list[TermHit], starts: list[int]) -> str | None:
    """The concept of a glossary hit holding the whole mention (hits by start)."""
    for h in hits[max(0, bisect_right(starts, m.start) - 64):bisect_right(starts, m.start)]:
        if h.start <= m.start and m.end <= h.end:
            return h.concept
    return None


def _to_term_end(ctx: CheckContext, c: NameCluster, hits: Mapping[str, tuple[list[TermHit], list[int]]]) -> None:
    """Carry each mention on to the end of a glossary term its last words begin: the
    shared words after the differing part stop at the second content word, which may
    cut a name (``… بشأن اتفاقية الأمم`` of ``الأمم المتحدة``)."""
    for ms in c.mentions.values():
        for m in ms:
            ordered, starts = hits[m.doc]
            first = _word_start(ctx.documents[m.doc].text, m.start)
            inside = ordered[bisect_left(starts, first):bisect_left(starts, m.end)]
            m.end = max([m.end, *(h.end for h in inside if h.end > m.end)])


def _draft(ctx: CheckContext, c: NameCluster, terms: Mapping[str, tuple[str, Term]],
           hits: Mapping[str, tuple[list[TermHit], list[int]]], taken: list[tuple[str, int, int]]) -> Draft | None:
    open_ = [m for ms in c.mentions.values() for m in ms if not m.accepted]
    if not open_ or all(any(d == m.doc and s <= m.slot_start and m.slot_end <= e for d, s, e in taken) for m in open_):
        return None
    concepts = {_covered(m, *hits[m.doc]) for m in open_}
    if c.kind == "case" and concepts - {None}:
        return None  # a glossary term in lower case: target-term-case reports it
    if len(concepts) == 1 and None not in concepts and c.kind != "short":
        return None  # one glossary concept: variant-cluster and deprecated-term speak for it
    # (a short form used before its full name is reported even when the glossary admits it)
    _to_term_end(ctx, c, hits)
    used = counts(c)
    open_wordings = [w for w in c.mentions if any(not m.accepted for m in c.mentions[w])]
    gloss = {w: terms[t] for w, t in c.glossary.items() if t in terms}
    if len(open_wordings) < 2 and not (gloss and any(w not in gloss for w in open_wordings)):
        return None
    keep, why = _keep(c, gloss, used)
    change = sorted((m for w in open_wordings if w != keep for m in c.mentions[w] if not m.accepted),
                    key=lambda m: (m.doc, m.start))
    if not change:
        return None
    first = change[0]
    taken.extend((m.doc, m.start, m.end) for ms in c.mentions.values() for m in ms)
    surfaces = {w: _surface(ctx, ms[0]) for w, ms in c.mentions.items()}
    parts = []
    order = sorted(c.mentions, key=lambda w: (w != keep, -used[w], min((m.doc, m.start) for m in c.mentions[w])))
    for w in order:
        accepted = {m.accepted for m in c.mentions[w] if m.accepted}
        note = f", {len([m for m in c.mentions[w] if m.accepted])} accepted: {'; '.join(sorted(accepted))}" if accepted else ""
        parts.append(f"“{surfaces[w]}” ×{used[w]}{note} ({_part(ctx, c.mentions[w][0])})")
    for w, (cid, term) in gloss.items():
        if w not in c.mentions:
            parts.append(f"glossary “{term.text}” [{cid}, {term.status.value}]")
    keep_text = surfaces.get(keep) or (gloss[keep][1].text if keep in gloss else "")
    if keep in gloss:
        keep_text = _preferred(ctx, gloss[keep]) or keep_text
    message = (f"one name in {len(c.wordings())} wordings (the part that differs after each): {', '.join(parts)}; "
               f"keep “{keep_text}” ({why})")
    return Draft(first.doc, _word_start(ctx.documents[first.doc].text, first.start), first.end, message, suggestion=keep_text,
                 involved=tuple(dict.fromkeys([keep_text, *(surfaces[w] for w in c.mentions)])),
                 places=tuple(sorted((m.doc, _word_start(ctx.documents[m.doc].text, m.start), m.end)
                                     for ms in c.mentions.values() for m in ms)),
                 renderings=tuple((surfaces[w], used[w]) for w in order), term=keep_text)


def _keep(c: NameCluster, gloss: Mapping[tuple[str, ...], tuple[str, Term]],
          used: Mapping[tuple[str, ...], int]) -> tuple[tuple[str, ...], str]:
    """The wording to keep and why: the full name of a short form, the glossary's best,
    else the most used, else the first."""
    if c.kind == "short":
        return next(w for w in c.mentions if w), "the full name, used in the same document"
    allowed = sorted((t.status.rank, w) for w, (_, t) in gloss.items())
    if allowed:
        rank, w = allowed[0]
        status = next(s for s in TermStatus if s.rank == rank)
        return w, f"glossary, {status.value}"
    # a tie goes to the fuller wording, then to the one used first
    ranked = sorted(c.mentions, key=lambda w: (-used[w], not w, min((m.doc, m.start) for m in c.mentions[w])))
    if len(ranked) > 1 and used[ranked[0]] == used[ranked[1]]:
        return ranked[0], "equally frequent; used first"
    return ranked[0], "most frequent"


def _preferred(ctx: CheckContext, entry: tuple[str, Term]) -> str:
    """The preferred term of the concept of a glossary term, in the term's language."""
    if ctx.glossary is None:
        return ""
    cid, term = entry
    best = ctx.glossary[cid].terms_in(term.lang)
    return best[0].text if best and best[0].status.rank <= TermStatus.ADMITTED.rank else ""


def _surface(ctx: CheckContext, m: Mention) -> str:
    text = ctx.documents[m.doc].text
    return text[_word_start(text, m.start):m.end]


def _part(ctx: CheckContext, m: Mention) -> str:
    """The part of a wording that differs from the others, quoted (“—” when left out)."""
    text = ctx.documents[m.doc].text
    if m.slot_end <= m.slot_start:
        return "“—”"
    return f"“{text[max(_word_start(text, m.start), _word_start(text, m.slot_start)):m.slot_end]}”"


def _word_start(text: str, i: int) -> int:
    """``i`` moved back to the start of its word (over clitics set aside)."""
    while i > 0 and text[i - 1].isalpha():
        i -= 1
    return i
