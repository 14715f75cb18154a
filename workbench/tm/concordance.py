"""Concordance: every TU whose source or target holds the words of a text, newest first.

The words are found on the match key (:mod:`workbench.text.normalize`), so
hamza, yeh and kaf forms, diacritics, ZWNJ and digit script do not hide
them, and clitics attached to them do not either (``لاتفاقية`` holds
``اتفاقية``): a variant holds a word when its key holds the word's key. By
default every word must be there, in any order; ``exact`` asks for the words
as one phrase. Candidates come from the fuzzy index's trigram lists
(:meth:`~workbench.tm.fuzzy.FuzzyIndex.holding`); they are checked newest
first (by the TU's change date, else its creation date, then its id, both
kept in the index: :meth:`~workbench.tm.fuzzy.FuzzyIndex.newest`), until
``limit`` TUs are found. Each occurrence is reported at its place in the
stored text.
"""
from __future__ import annotations

import heapq
from collections.abc import Iterator
from dataclasses import dataclass

from ..errors import InputError
from ..model import Span
from ..text.langtag import parse_tag
from ..text.normalize import Key
from .fuzzy import ODD_DATE, FuzzyIndex, code_date
from .store import Store

#: Candidates whose dates are read at once (from the store, when the index lacks one).
_BATCH = 500
#: Candidates whose texts are read at once, newest first, to be checked: first this many, then twice as many...
_FIRST = 32
#: ... up to this many.
_TEXTS = 256
#: Past this many candidates, the TUs are walked newest first instead of the candidates sorted.
MANY = 200_000
#: Up to this many candidates, their dates are read from the store unless the index's keys for them are read already.
FEW = 1000


@dataclass(frozen=True, slots=True)
class Occurrence:
    """A TU's variant holding the words at ``spans``, its TU's date, and its
    translation (another variant of the TU, if it has one)."""

    tu: int
    lang: str
    text: str
    spans: tuple[Span, ...]
    translation_lang: str | None = None
    translation: str | None = None
    date: str | None = None

    def as_dict(self) -> dict[str, object]:
        return {"tu": self.tu, "lang": self.lang, "text": self.text, "spans": [[s.start, s.end] for s in self.spans],
                "translation_lang": self.translation_lang, "translation": self.translation, "date": self.date}


def concordance(store: Store, text: str, lang: str | None = None, tgt: str | None = None, limit: int = 20,
                exact: bool = False, index: FuzzyIndex | None = None) -> list[Occurrence]:
    """Up to ``limit`` TUs, newest first, with a variant (in ``lang``, or any
    language) holding every word of ``text`` (``exact``: the words as one
    phrase), each with its translation in ``tgt`` (None: in any other language).
    ``index``: the store's :class:`~workbench.tm.fuzzy.FuzzyIndex`, for many searches."""
    index = index or FuzzyIndex(store)
    query = " ".join(index.fold(text).split())
    if not query:
        raise InputError("empty text: give the words to look for")
    words = [query] if exact else sorted(set(query.split()), key=lambda w: (-len(w), w))
    want = parse_tag(tgt) if tgt else None
    out: list[Occurrence] = []
    seen: set[int] = set()
    fold = index.norm.fast_fold()
    for tuv, tu_id, date, seg_text in _newest_first(store, index, words, parse_tag(lang) if lang else None):
        if tu_id in seen:
            continue
        if seg_text is not None and not _holds(fold(seg_text), words):
            continue
        found = index.pair(tuv, want)
        if found is None:
            continue
        _, seg_lang, seg_text, translation = found
        key = index.norm.key(seg_text)
        if not _holds(key.text, words):
            continue
        seen.add(tu_id)
        other_lang, other = translation or (None, None)
        out.append(Occurrence(tu_id, seg_lang, seg_text, _spans(key, words), other_lang, other, date))
        if len(out) >= limit:
            break
    return out


def _newest_first(store: Store, index: FuzzyIndex, words: list[str],
                  lang: str | None) -> Iterator[tuple[int, int, str | None, str | None]]:  # text None: gone
    """(variant id, TU id, TU date, the variant's text) of the candidates,
    newest TU first (then the higher TU id, then the variant).
    The candidates are ordered by the TU and date the index keeps of each
    (the store's dates where the index does not hold one, or for a few
    candidates whose keys are not read yet); very many (common words) are
    met walking the TUs newest first, until enough are found."""
    ids = index.holding(words, lang)
    if ids is None or len(ids) > MANY:
        yield from _walk(store, None if ids is None else set(ids), lang)
        return
    keys = index.newest(ids, read=len(ids) > FEW)
    if keys is None:  # few candidates: their dates read from the store rather than the index's keys
        yield from _by_stored_dates(store, ids)
        return
    heap = list(zip(keys, ids))  # newest first: the least
    heapq.heapify(heap)
    if heap and heap[0][0] >> 32 == 0:  # a date the index does not hold
        yield from _by_stored_dates(store, ids)
        return
    size = _FIRST
    dates: dict[int, str | None] = {}
    while heap:
        batch = [heapq.heappop(heap) for _ in range(min(size, len(heap)))]
        chunk = [tuv for _, tuv in batch]
        texts = dict(store.db.execute(f"SELECT id, text FROM tuv WHERE id IN ({','.join('?' * len(chunk))})", chunk))
        for key, tuv in batch:
            code = ODD_DATE - (key >> 32)
            date = dates[code] if code in dates else dates.setdefault(code, code_date(code))
            yield tuv, 0xFFFFFFFF - (key & 0xFFFFFFFF), date, texts.get(tuv)
        size = min(2 * size, _TEXTS)


def _walk(store: Store, wanted: set[int] | None, lang: str | None) -> Iterator[tuple[int, int, str | None, str | None]]:
    """The variants (of ``wanted``, or all; of ``lang``) walking the TUs newest first."""
    primary = lang.split("-", 1)[0].lower() if lang else None
    for tuv, tu_id, date, tuv_lang, text in store.newest_first():
        if (wanted is None or tuv in wanted) and (primary is None or tuv_lang.split("-", 1)[0].lower() == primary):
            yield tuv, tu_id, date, text


def _by_stored_dates(store: Store, ids: list[int]) -> Iterator[tuple[int, int, str | None, str | None]]:
    """The candidates ``ids`` sorted by the dates read from the store."""
    rows: list[tuple[str, int, int]] = []
    for i in range(0, len(ids), _BATCH):
        chunk = ids[i: i + _BATCH]
        rows += store.db.execute(
            f"SELECT coalesce(tu.changed, ''), tu.id, tuv.id FROM tuv JOIN tu ON tu.id = tuv.tu "
            f"WHERE tuv.id IN ({','.join('?' * len(chunk))})", chunk).fetchall()
    rows.sort(key=lambda row: (row[0], row[1], -row[2]), reverse=True)
    for i in range(0, len(rows), _TEXTS):
        batch = rows[i: i + _TEXTS]
        chunk = [tuv for _, _, tuv in batch]
        texts = dict(store.db.execute(f"SELECT id, text FROM tuv WHERE id IN ({','.join('?' * len(chunk))})", chunk))
        for date, tu_id, tuv in batch:
            yield tuv, tu_id, date or None, texts.get(tuv)


def _holds(key: str, words: list[str]) -> bool:
    return all(word in key for word in words)


def _spans(key: Key, words: list[str]) -> tuple[Span, ...]:
    """Every occurrence of every word in the key, as spans of the stored text (overlaps joined)."""
    found: list[tuple[int, int]] = []
    for word in words:
        pos = key.text.find(word)
        while pos >= 0:
            found.append(key.span(pos, pos + len(word)))
            pos = key.text.find(word, pos + len(word))
    spans: list[Span] = []
    for start, end in sorted(found):
        if spans and start <= spans[-1].end:
            spans[-1] = Span(spans[-1].start, max(end, spans[-1].end))
        else:
            spans.append(Span(start, end))
    return tuple(spans)


__all__ = ["Occurrence", "concordance"]
