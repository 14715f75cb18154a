"""Fuzzy lookup: fuzzy and exact matches through a segmented trigram index.

Similarity is the normalized Levenshtein similarity of the two match keys
(:func:`workbench.text.match_key`: hamza, yeh, diacritics, ZWNJ, digit
script... folded), ``100 * (1 - distance / max(len(a), len(b)))``, computed
by rapidfuzz.

The index is lean: a document is a stored variant, numbered by its ``tuv``
id, and the index keeps no copy of its text. Variants are indexed in
*segments* of up to ``SEGMENT_DOCS`` consecutive ids; a segment keeps the
key length and primary language of each of its variants (``fz_seg``), and
for each character trigram inside the words of their keys the variants
holding it (``fz_gram``: sorted 16-bit offsets from the segment's first id).
A trigram found in more than ``STOP_SHARE`` of a segment's variants (and at
least ``STOP_MIN``) is a stop gram there: its count is kept, not its list.

A lookup reads the lists of the query's rarest trigrams that have a list in
every segment (at most ``BUDGET`` ids; the ``MIN_GRAMS`` rarest always),
counts the trigrams each variant shares, keeps the variants of the query's
language whose key length can reach the minimum score
(``m*len(q) <= len(c) <= len(q)/m``), ranks them by the Dice coefficient of
the trigrams read, and scores the best ``CANDIDATES`` with rapidfuzz, on
their keys folded again from the stored text. A query shorter than a trigram
scores every variant of its language of a length that can match. The best
``CANDIDATES`` go by rank, then by lowest id. The first lookup of an index
ranks in Python, reading only the variants that share the most trigrams (a
process that looks up one segment does not pay numpy's import, which costs
more than that ranking); later ones count and rank with numpy, the same
variants in the same order, about 2.5 times faster. A lookup reads
the memory at one moment (:meth:`~workbench.tm.engine.TMStore.snapshot`), in
five queries: the index's settings, the trigrams' counts, their lists, the
candidates' texts, the best ones' translations.

Segments are made by :class:`~workbench.tm.indexer.Indexer`, by a build or
while a large import stores its TUs. An import that only adds variants
(``setting fuzzy = appended``) is indexed as new segments; one that replaced
some (``stale``), or an index of more than ``MAX_SEGMENTS`` segments, is
made again, whole. Each build is one transaction.

A TU marked :data:`~workbench.model.FUZZY_PROP` (an unchecked translation,
such as a PO fuzzy entry kept) scores ``FUZZY_PENALTY`` points less, so it is
never a 100% match and ranks below a checked one of the same similarity.
"""
from __future__ import annotations

import heapq
import json
import math
import sys
from array import array
from bisect import bisect_left, insort
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..model import FUZZY_PROP, Span
from ..text.langtag import parse_tag
from ..text.normalize import Normalizer, default_normalizer
from . import codec
from .store import Store

if TYPE_CHECKING:
    from .indexer import Indexer

if TYPE_CHECKING:
    from numpy.typing import NDArray

Q = 3
STOP_SHARE = 0.02
STOP_MIN = 1000
CANDIDATES = 400
BUDGET = 20_000
MIN_GRAMS = 8
#: Variants (consecutive ``tuv`` ids) per segment (at most 65,536: lists hold 16-bit offsets);
#: its trigram list is sorted in memory once.
SEGMENT_DOCS = 1 << 15
#: An index of more segments is made again, whole, by the next build.
MAX_SEGMENTS = 256
#: Indexes of this many variants and more are built with a forked helper (:func:`~workbench.parallel.ordered_map`).
PARALLEL_DOCS = 50_000
#: Points taken off the score of a TU marked :data:`~workbench.model.FUZZY_PROP`
#: (as OmegaT's ``tm/penalty-010/`` folder does): an exact match of it is a 90% match.
FUZZY_PENALTY = 10.0
#: Bits of a character in a trigram code (a character past them shares a code with another: more candidates, never fewer).
_BITS = 15
_MASK = (1 << _BITS) - 1
#: Trigrams holding a space (a word's edge) are not indexed: they are the commonest (stop grams
#: mostly) and a word's own trigrams find it.
_SPACE = ord(" ")
#: The language code of an id that is not a variant (a gap left by a replaced TU).
_NONE = 255
#: A segment's table of language codes that are the index's own.
_IDENTITY = bytearray(range(256))
#: A list this many times longer than the variants left is searched for each of them, not read whole.
_SEARCH = 16
#: The date code of a TU without a date (oldest), and of one whose date the index does not hold
#: (not written ``YYYYMMDDThhmmssZ`` from 1970 to 2099): read from the store.
NO_DATE, ODD_DATE = 0, 0xFFFFFFFF


#: A variant's TU id, language and text, the (language, text) of its translation (None: none) and the TU's meta.
_Pair = tuple[int, str, str, tuple[str, str] | None, str | None]


@dataclass(frozen=True, slots=True)
class Match:
    """A memory match: score (0-100), the stored source and its translation,
    the store's TU id, the spans of ``source`` that differ from the query, and
    whether the TU is marked fuzzy (its score then has ``FUZZY_PENALTY`` off)."""

    score: float
    source: str
    target: str
    tu: int
    source_lang: str
    target_lang: str
    diff: tuple[Span, ...] = ()
    fuzzy: bool = False

    def as_dict(self) -> dict[str, object]:
        return {"score": self.score, "source": self.source, "target": self.target, "tu": self.tu,
                "source_lang": self.source_lang, "target_lang": self.target_lang,
                "diff": [[s.start, s.end] for s in self.diff], "fuzzy": self.fuzzy}


def similarity(a: str, b: str) -> float:
    """The documented score of two keys, 0-100 (rapidfuzz is imported where it scores: a concordance does without it)."""
    from rapidfuzz.distance import Levenshtein

    return round(100.0 * Levenshtein.normalized_similarity(a, b), 2)


def primary(tag: str) -> str:
    """The primary language subtag of a stored tag, lower case."""
    return tag.split("-", 1)[0].lower()


def query_grams(key: str) -> list[int]:
    """The distinct trigram codes of a key (as stored in ``fz_gram.gram``):
    three 15-bit character codes in one 45-bit integer; none holds a space."""
    codes = [ord(c) & _MASK for c in key]
    return list({(a << 2 * _BITS) | (b << _BITS) | c for a, b, c in zip(codes, codes[1:], codes[2:])
                 if _SPACE not in (a, b, c)})


def date_code(date: str | None) -> int:
    """A TU's date (``changed``) as a 32-bit code in the order of the text:
    :data:`NO_DATE` for none, else 1 + its fields (from 1970) in mixed radix;
    :data:`ODD_DATE` for a date not of that form."""
    if not date:
        return NO_DATE
    if len(date) == 16 and date[8] == "T" and date[15] == "Z" and date.isascii() and (date[:8] + date[9:15]).isdigit():
        y, mo, d, h, mi, s = (int(date[a:b]) for a, b in ((0, 4), (4, 6), (6, 8), (9, 11), (11, 13), (13, 15)))
        if 1970 <= y < 2100 and 1 <= mo <= 12 and 1 <= d <= 31 and h < 24 and mi < 60 and s <= 60:
            return 1 + (((((y - 1970) * 12 + mo - 1) * 31 + d - 1) * 24 + h) * 60 + mi) * 61 + s
    return ODD_DATE


def code_date(code: int) -> str | None:
    """The date a code other than :data:`ODD_DATE` was made from."""
    if code == NO_DATE:
        return None
    code, s = divmod(code - 1, 61)
    code, mi = divmod(code, 60)
    code, h = divmod(code, 24)
    code, d = divmod(code, 31)
    y, mo = divmod(code, 12)
    return f"{y + 1970:04d}{mo + 1:02d}{d + 1:02d}T{h:02d}{mi:02d}{s:02d}Z"


def segment_order(db: Any, first: int, last: int) -> bytes:
    """The :func:`newest` key of each id ``first``..``last`` (uint64, little-endian;
    0 for an id that is no variant), as a segment keeps them."""
    keys = array("Q", bytes(8 * (last - first + 1)))
    known: dict[str | None, int] = {}
    for tuv, tu, date in db.execute("SELECT tuv.id, tuv.tu, tu.changed FROM tuv JOIN tu ON tu.id = tuv.tu "
                                    "WHERE tuv.id BETWEEN ? AND ?", (first, last)):
        code = known.get(date)
        if code is None:
            code = known[date] = date_code(date)
        keys[tuv - first] = newest(code, tu)
    if sys.byteorder == "big":  # pragma: no cover - stored little-endian
        keys.byteswap()
    return keys.tobytes()


def newest(code: int, tu: int) -> int:
    """A variant's key in newest-first order (ascending: the newer TU first, then
    the higher TU id): its TU's date code and TU id, each taken from 2**32 - 1.
    A TU id past 32 bits counts as a date the index does not hold."""
    if tu > 0xFFFFFFFF:
        code, tu = ODD_DATE, 0xFFFFFFFF
    return (ODD_DATE - code) << 32 | (0xFFFFFFFF - tu)


def trigram_codes(codes: NDArray[Any], lengths: NDArray[Any], offsets: NDArray[Any]) -> NDArray[Any]:
    """The sorted distinct ``trigram << 16 | offset`` codes (int64) of keys given as
    their code points joined by U+0000 (``codes``) and their ``lengths`` (a key may
    hold U+0000); ``offsets`` from their segment's first id."""
    import numpy as np

    codes = codes & _MASK
    word = (codes != 0) & (codes != _SPACE)
    at = np.flatnonzero(word[:-2] & word[1:-1] & word[2:])  # where a trigram inside a word starts
    if not len(at):
        return np.zeros(0, np.int64)
    wide = codes.astype(np.int64)
    found: NDArray[Any] = wide[at] << (2 * _BITS + 16)
    found |= wide[at + 1] << (_BITS + 16)
    found |= wide[at + 2] << 16
    found |= np.repeat(offsets, lengths + 1)[at]  # the offset of the key each trigram is in
    found.sort()  # then the repeats left out (np.unique, by hashing in numpy 2, is many times slower)
    first = np.empty(len(found), dtype=bool)
    first[0] = True
    np.not_equal(found[1:], found[:-1], out=first[1:])
    distinct: NDArray[Any] = found[first]
    return distinct


class FuzzyIndex:
    """The trigram index of a store; see the module docstring."""

    def __init__(self, store: Store, normalizer: Normalizer | None = None) -> None:
        self.store = store
        self.db = store.db
        self.norm = normalizer or default_normalizer()
        self.fold = self.norm.fold
        #: (the index's settings it was read at, language -> code, whether the key lengths were read)
        self._docs: tuple[str | None, dict[str, int], bool] | None = None
        #: segment -> its first id, its last id
        self._firsts: dict[int, int] = {}
        self._lasts: dict[int, int] = {}
        #: segment -> the language code (the index's) of each of its ids, and the key length (when
        #: read), as stored (not joined: a process that looks up once does not pay for the copy)
        self._langs: dict[int, bytes] = {}
        self._lengths: dict[int, memoryview[int]] = {}
        #: the columns joined, an id's at id - 1 (every id up to the last segment's), as :attr:`_docs` was read
        self._joined: tuple[bytes, memoryview[int]] | None = None
        #: (the index's settings they were read at, the :func:`newest` key at each id, the segments read)
        self._newest: tuple[str | None, array[int], set[int]] | None = None
        #: :meth:`_state` as a lookup read it, in its snapshot
        self._held: tuple[bool, str] | None = None
        #: whether a lookup was ranked already (the later ones rank with numpy)
        self._ranked = False

    def stale(self) -> bool:
        """True when the memory changed since the index was brought up to date."""
        return self._state()[0]

    def _state(self) -> tuple[bool, str]:
        """Whether the index is :meth:`stale`, and the settings that change with each build (one query)."""
        found = dict(self.db.execute("SELECT key, value FROM setting WHERE key IN ('fuzzy', 'fuzzy_upto', "
                                     "'fuzzy_build')").fetchall())
        return found.get("fuzzy") != "fresh", f"{found.get('fuzzy_upto')} {found.get('fuzzy_build')}"

    # -- building -----------------------------------------------------------

    def build(self, progress: Callable[[int, int], None] | None = None) -> None:
        """Bring the index up to date, in one transaction: index the variants
        stored since it was made as new segments when the memory only grew,
        else make it again from every variant. ``progress`` gets (variants
        done, variants to do)."""
        store = self.store
        with store.transaction():
            if store.setting("fuzzy") == "fresh":  # brought up to date meanwhile (by another process)
                return
            start, seg = self.resume()
            total = int(self.db.execute("SELECT count(*) FROM tuv WHERE id >= ?", (start,)).fetchone()[0])
            done = [0]

            def tick(n: int) -> None:
                done[0] += n
                if progress:
                    progress(done[0], total)
            indexer = self.indexer(start, seg, total, tick)
            try:
                indexer.feed()
                self.finished(indexer.finish())
            finally:
                indexer.close()
        if progress:
            progress(total, total)

    def resume(self) -> tuple[int, int]:
        """Where the next build starts (first id, first segment): after the
        index when the memory only grew since it was made, else at the start,
        the index emptied (inside the caller's transaction)."""
        store = self.store
        state, upto = store.setting("fuzzy"), store.setting("fuzzy_upto")
        segments = int(self.db.execute("SELECT count(*) FROM fz_seg").fetchone()[0])
        if state in ("appended", "fresh") and upto is not None and segments < MAX_SEGMENTS:
            return int(upto) + 1, segments
        self.db.execute("DELETE FROM fz_gram")
        self.db.execute("DELETE FROM fz_seg")
        store.set_setting("fuzzy", "stale")
        return 1, 0

    def indexer(self, start: int, seg: int, total: int, progress: Callable[[int], None] | None = None) -> Indexer:
        """An :class:`~workbench.tm.indexer.Indexer` from ``start``, with a forked
        helper from :data:`PARALLEL_DOCS` variants to do on."""
        from ..parallel import can_fork  # a lookup forks nothing
        from .indexer import Indexer

        return Indexer(self, start, seg, total >= PARALLEL_DOCS and can_fork(), progress)

    def finished(self, last: int) -> None:
        """After an indexer indexed every variant up to id ``last``: the index
        is fresh when it holds every stored variant and no other (none was
        replaced meanwhile), else stale (made again by the next build)."""
        db = self.db
        indexed = sum(len(lang) - bytes(lang).count(_NONE) for (lang,) in db.execute("SELECT lang FROM fz_seg"))
        stored, top = db.execute("SELECT count(*), coalesce(max(id), 0) FROM tuv").fetchone()
        fresh = top <= last and stored == indexed
        self.store.set_setting("fuzzy", "fresh" if fresh else "stale")
        if fresh:
            self.store.set_setting("fuzzy_upto", str(max(last, 0)))
            self.store.set_setting("fuzzy_build", str(int(self.store.setting("fuzzy_build") or 0) + 1))
        self._docs = None

    # -- what the index knows of each variant ---------------------------------

    def _ensure(self) -> dict[str, int]:
        """Bring the index up to date and read the language code and key length of every indexed id
        (:attr:`_langs`, :attr:`_lengths`); the codes, by language."""
        return self._read(True)

    def _languages(self) -> dict[str, int]:
        """:meth:`_ensure` without the key lengths (two thirds of what it reads: a concordance does without them)."""
        return self._read(False)

    def _read(self, with_lengths: bool) -> dict[str, int]:
        stale, upto = self._held or self._state()  # another process may have changed the index
        if stale:
            self.build()
            upto = self._state()[1]
        if self._docs is None or self._docs[0] != upto or (with_lengths and not self._docs[2]):
            codes: dict[str, int] = {}
            langs: dict[int, bytes] = {}
            lengths: dict[int, memoryview[int]] = {}
            held = 0  # ids so far
            firsts: dict[int, int] = {}
            lasts: dict[int, int] = {}
            for seg, first, last, names, lang, length in self.db.execute(
                    f"SELECT seg, first, last, langs, lang, {'length' if with_lengths else 'length(length)'} "
                    "FROM fz_seg ORDER BY seg"):
                try:
                    table = bytearray(range(256))
                    for i, name in enumerate(json.loads(names)):
                        table[i] = codes.setdefault(name, len(codes))
                    size = len(length) if with_lengths else length
                    if held > first - 1 or len(lang) != last - first + 1 or size != 2 * len(lang):
                        raise ValueError(f"segment {seg} does not hold ids {first} to {last}")
                    same = table == _IDENTITY  # the segment's codes are the index's (no copy to translate)
                    langs[seg] = lang if same and type(lang) is bytes else bytes(lang).translate(table)
                    if with_lengths:
                        lengths[seg] = _lengths(length)
                    held = last
                except (TypeError, ValueError) as exc:
                    raise codec.StoreDataError(f"a segment of the fuzzy index that does not decode: {exc}") from None
                firsts[seg] = first
                lasts[seg] = last
            if len(codes) >= _NONE:
                raise codec.StoreDataError("a fuzzy index whose segments do not agree")
            self._docs, self._firsts, self._lasts = (upto, codes, with_lengths), firsts, lasts
            self._langs, self._lengths, self._joined = langs, lengths, None
        return self._docs[1]

    def _all(self) -> tuple[bytes, memoryview[int]]:
        """The language code and key length of every id up to the last segment's (``_NONE`` and 0 for
        the ids no segment holds), at id - 1, for the later lookups (numpy) of a process."""
        self._ensure()
        if self._joined is None:
            langs: list[bytes] = []
            lengths: list[bytes | memoryview[int]] = []
            held = 0
            for seg, first in self._firsts.items():
                if held < first - 1:  # ids no segment holds (a build that found none of them)
                    langs.append(bytes([_NONE]) * (first - 1 - held))
                    lengths.append(bytes(2 * (first - 1 - held)))
                langs.append(self._langs[seg])
                lengths.append(self._lengths[seg])
                held = self._lasts[seg]
            self._joined = b"".join(langs), memoryview(b"".join(lengths)).cast("H")
        return self._joined

    def newest(self, ids: Sequence[int], read: bool = True) -> list[int] | None:
        """The :func:`newest` key of each of ``ids`` (variant ids in increasing
        order, as :meth:`holding` gives them); a segment's keys are read when
        one of its ids is first asked for (``read`` False: None then)."""
        self._languages()
        upto = self._docs[0] if self._docs else None
        if self._newest is None or self._newest[0] != upto:
            self._newest = (upto, array("Q"), set())
        _, keys, loaded = self._newest
        wanted = [seg for seg, first in self._firsts.items() if seg not in loaded and
                  (j := bisect_left(ids, first)) < len(ids) and ids[j] <= self._lasts[seg]]
        if wanted and not read:
            return None
        if wanted and not keys:  # made at the first segment read (an array of every id)
            keys.frombytes(bytes(8 * (max(self._lasts.values()) + 1)))
        for seg in wanted:
            first, last = self._firsts[seg], self._lasts[seg]
            found = self.db.execute("SELECT newest FROM fz_seg WHERE seg = ?", (seg,)).fetchone()
            part: array[int] = array("Q")
            if found is None or len(found[0]) != 8 * (last - first + 1) or last >= len(keys):
                raise codec.StoreDataError("a segment of the fuzzy index whose dates do not decode")
            part.frombytes(found[0])
            if sys.byteorder == "big":  # pragma: no cover - stored little-endian
                part.byteswap()
            keys[first: last + 1] = part
            loaded.add(seg)
        return list(map(keys.__getitem__, ids))

    # -- querying -------------------------------------------------------------

    def candidates(self, key: str, lang: str, min_score: float, limit: int = CANDIDATES) -> list[int]:
        """Variant ids worth scoring for ``key``: of language ``lang``, in the
        length range of ``min_score``, sharing the most indexed trigrams (best first)."""
        code = self._ensure().get(lang)
        if code is None:
            return []
        m = max(min_score, 1.0) / 100.0
        n = len(key)
        lo, hi = max(0, math.ceil(m * n - 1e-9)), math.floor(n / m + 1e-9)
        grams = query_grams(key)
        if not grams:  # shorter than a trigram: every variant of a length that can match
            langs, lengths = self._all()
            return [i + 1 for i, (c, length) in enumerate(zip(langs, lengths)) if c == code and lo <= length <= hi]
        chosen = self._rarest(grams)
        lists = self._lists(chosen)
        share = len(chosen) / len(grams)
        if not self._ranked and "numpy" not in sys.modules:
            self._ranked = True
            return self._rank_in_python(lists, len(chosen), share, code, lo, hi, limit)
        import numpy as np

        langs, lengths = self._all()
        docs, counts = np.unique(self._ids(lists), return_counts=True)
        if len(docs) and docs[-1] > len(lengths):
            raise codec.StoreDataError("a fuzzy index list that names variants no segment holds")
        length = np.frombuffer(lengths, np.uint16)[docs - 1].astype(np.int64)
        keep = (length >= lo) & (length <= hi) & (np.frombuffer(langs, np.uint8)[docs - 1] == code)
        docs, counts, length = docs[keep], counts[keep], length[keep]
        rank = counts / (len(chosen) + share * np.maximum(length - Q + 1, 1))
        best: list[int] = docs[np.lexsort((docs, -rank))[:limit]].tolist()  # the best ranks, then the lowest ids
        return best

    def _rank_in_python(self, lists: list[tuple[int, bytes]], chosen: int, share: float, code: int,
                        lo: int, hi: int, limit: int) -> list[int]:
        """:meth:`candidates`' ranking without numpy: the variants (of language ``code``) sharing
        the most trigrams first, level by level, until no variant sharing fewer can rank among
        the best ``limit``."""
        blobs: dict[int, list[bytes]] = {}
        for seg, blob in lists:
            blobs.setdefault(seg, []).append(blob)
        per_segment = {seg: Counter(_offsets(_joined(parts))) for seg, parts in blobs.items()}  # one count a segment
        for seg, counts in per_segment.items():
            if seg not in self._lengths or max(counts) > self._lasts[seg] - self._firsts[seg]:
                raise codec.StoreDataError("a fuzzy index list that names variants no segment holds")
        levels: Counter[int] = Counter()  # trigrams shared -> variants sharing that many
        for counts in per_segment.values():
            levels.update(counts.values())
        shortest = chosen + share * max(lo - Q + 1, 1)  # the least a rank can be divided by
        best: list[tuple[float, int]] = []  # (rank, -id): the best ``limit`` so far, a min-heap
        full = len(best) >= limit
        above = chosen + 1  # the variants sharing this many trigrams or more are done
        lengths, langs, push, replace = self._lengths, self._langs, heapq.heappush, heapq.heapreplace
        for floor in _floors(levels, 2 * limit):
            if full and (above - 1) / shortest < best[0][0]:
                break  # no variant sharing fewer trigrams can rank higher
            # the variants of the language and length range (the others change neither the ranks nor when to stop)
            counted = sorted(((count, first + offset, length) for seg, counts in per_segment.items()
                              for first, held, lang in ((self._firsts[seg], lengths[seg], langs[seg]),)
                              for offset, count in counts.items()
                              if floor <= count < above and lo <= (length := held[offset]) <= hi and lang[offset] == code),
                             reverse=True)
            above = floor
            for count, doc, length in counted:
                if full and count / shortest < best[0][0]:
                    break
                item = (count / (chosen + share * max(length - Q + 1, 1)), -doc)
                if not full:
                    push(best, item)
                    full = len(best) >= limit
                elif item > best[0]:
                    replace(best, item)
        return [-doc for _, doc in sorted(best, reverse=True)]

    def _rarest(self, grams: list[int]) -> list[int]:
        """The query's trigrams with a list in every segment, rarest first,
        while their lists stay within ``BUDGET`` ids (the ``MIN_GRAMS`` rarest always)."""
        found: list[tuple[int, int]] = []
        for i in range(0, len(grams), 500):
            chunk = grams[i: i + 500]
            found += self.db.execute(
                f"SELECT sum(df), gram FROM fz_gram WHERE gram IN ({','.join('?' * len(chunk))}) GROUP BY gram "
                "HAVING count(postings) = count(*)", chunk).fetchall()
        found.sort()
        chosen: list[int] = []
        total = 0
        for df, gram in found:
            total += df
            if total > BUDGET and len(chosen) >= MIN_GRAMS:
                break
            chosen.append(gram)
        return chosen

    def _lists(self, grams: Sequence[int]) -> list[tuple[int, bytes]]:
        """(segment, stored list) of the lists of ``grams``, one per segment holding each (stop grams left out)."""
        rows: list[tuple[int, bytes]] = []
        for i in range(0, len(grams), 500):
            chunk = grams[i: i + 500]
            rows += self.db.execute(f"SELECT seg, postings FROM fz_gram WHERE gram IN "
                                    f"({','.join('?' * len(chunk))}) AND postings IS NOT NULL", chunk).fetchall()
        return rows

    def _ids(self, lists: list[tuple[int, bytes]]) -> NDArray[Any]:
        """The variant ids of stored lists, all in one int64 array (numpy); a damaged list is a
        :class:`~workbench.tm.codec.StoreDataError`."""
        import numpy as np

        sizes = [len(blob) for _, blob in lists]
        if any(size % 2 for size in sizes):
            raise codec.StoreDataError("a fuzzy index list that is not 16-bit numbers")
        ids = np.frombuffer(b"".join(blob for _, blob in lists), "<u2").astype(np.int64)
        firsts = np.array([self._firsts[seg] for seg, _ in lists], np.int64)
        return ids + np.repeat(firsts, np.array(sizes, np.int64) // 2)

    def lookup(self, text: str, src: str, tgt: str, min_score: float = 70.0, limit: int = 5) -> list[Match]:
        """The best ``limit`` matches of ``text`` with a ``tgt`` translation, score >= ``min_score``
        (after the penalty of fuzzy-marked TUs). Every read of one lookup sees the
        memory at one moment (another process may be importing)."""
        with self.store.snapshot():
            state = self._state()
            if not state[0]:
                return self._lookup(state, text, src, tgt, min_score, limit)
        self.build()  # outside the snapshot: a build writes
        with self.store.snapshot():
            return self._lookup(self._state(), text, src, tgt, min_score, limit)

    def _lookup(self, state: tuple[bool, str], text: str, src: str, tgt: str, min_score: float,
                limit: int) -> list[Match]:
        self._held = state
        try:
            return self._matches(text, src, tgt, min_score, limit)
        finally:
            self._held = None

    def _matches(self, text: str, src: str, tgt: str, min_score: float, limit: int) -> list[Match]:
        qkey = self.norm.key(text)
        lang = primary(parse_tag(src))
        tgt = parse_tag(tgt)
        docs = self.candidates(qkey.text, lang, min_score)
        rows = self._texts(docs)
        scored: dict[int, tuple[float, int, str]] = {}
        if rows:
            from rapidfuzz import process
            from rapidfuzz.distance import Levenshtein

            fold = self.norm.fast_fold()
            keys = [fold(text) for _, text in rows]
            found = process.extract(qkey.text, keys, scorer=Levenshtein.normalized_similarity,
                                    score_cutoff=min_score / 100.0, limit=None)
            for _, score, i in found:
                scored[rows[i][0]] = (round(100.0 * score, 2), rows[i][0], keys[i])
        ranked = sorted(scored.items(), key=lambda item: (-item[1][0], item[0]))
        out: list[tuple[float, int, Match]] = []  # (-score, doc, match), best first
        pairs: dict[int, _Pair] = {}
        for i, (doc, (score, tuv, key)) in enumerate(ranked):
            if len(out) >= limit and out[limit - 1][:2] < (-score, doc):
                break  # a penalty only lowers scores: no later match can rank higher
            if tuv not in pairs:  # this one and the next ones, in one query
                pairs.update(self._pairs([t for _, (_, t, _) in ranked[i: i + max(limit, 1)]], tgt))
            match = self._match(pairs.get(tuv), score, qkey.text)
            if match is not None and match.score >= min_score:
                insort(out, (-match.score, doc, match), key=lambda item: item[:2])
        return [match for _, _, match in out[:limit]]

    def _texts(self, ids: Sequence[int]) -> list[tuple[int, str]]:
        """(id, text) of the variants ``ids``, in that order."""
        found: dict[int, str] = {}
        for i in range(0, len(ids), 500):
            chunk = ids[i: i + 500]
            found.update(self.db.execute(f"SELECT id, text FROM tuv WHERE id IN ({','.join('?' * len(chunk))})",
                                         chunk).fetchall())
        return [(i, found[i]) for i in ids if i in found]

    def _match(self, found: _Pair | None, score: float, qkey: str) -> Match | None:
        if found is None:
            return None
        tu_id, lang, source, target, meta = found
        if target is None:
            return None
        fuzzy = meta is not None and FUZZY_PROP in meta and any(p.type == FUZZY_PROP for p in codec.decode_meta(meta)[1])
        if fuzzy:
            score = max(0.0, round(score - FUZZY_PENALTY, 2))
        return Match(score, source, target[1], tu_id, lang, target[0], self._diff(qkey, source), fuzzy)

    def pair(self, tuv: int, tgt: str | None) -> tuple[int, str, str, tuple[str, str] | None] | None:
        """(TU id, language, text) of variant ``tuv`` and the (language, text)
        of its TU's first variant in ``tgt`` (its region aside; None: in
        another language than its own), if any."""
        found = self._pairs([tuv], tgt).get(tuv)
        return None if found is None else found[:4]

    def _pairs(self, tuvs: Sequence[int], tgt: str | None) -> dict[int, _Pair]:
        """As :meth:`pair` for each of ``tuvs`` (the ones stored), with its TU's meta, in one query."""
        want = (tgt or "").lower()
        out: dict[int, _Pair] = {}
        for i in range(0, len(tuvs), 500):
            chunk = tuvs[i: i + 500]
            for tuv, tu_id, lang, source, meta, t_lang, t_text in self.db.execute(
                    "SELECT v.id, v.tu, v.lang, v.text, tu.meta, t.lang, t.text FROM tuv v JOIN tu ON tu.id = v.tu "
                    "LEFT JOIN tuv t ON t.tu = v.tu AND t.id <> v.id "
                    f"WHERE v.id IN ({','.join('?' * len(chunk))}) ORDER BY v.id, t.id", chunk):
                if tuv not in out:
                    out[tuv] = (tu_id, lang, source, None, meta)
                if out[tuv][3] is not None or t_lang is None:
                    continue
                have = t_lang.lower()
                if have == want or have.split("-")[0] == want.split("-")[0] or (
                        not want and have.split("-")[0] != lang.lower().split("-")[0]):
                    out[tuv] = (tu_id, lang, source, (t_lang, t_text), meta)
        return out

    def _diff(self, qkey: str, source: str) -> tuple[Span, ...]:
        """Spans of ``source`` whose key differs from the query key."""
        from rapidfuzz.distance import Levenshtein

        key = self.norm.key(source)
        spans: list[Span] = []
        for op in Levenshtein.opcodes(qkey, key.text):
            if op.tag != "equal" and op.dest_end > op.dest_start:
                start, end = key.span(op.dest_start, op.dest_end)
                if spans and spans[-1].end >= start:
                    spans[-1] = Span(spans[-1].start, max(end, spans[-1].end))
                else:
                    spans.append(Span(start, end))
        return tuple(spans)

    def holding(self, words: Iterable[str], lang: str | None = None) -> list[int] | None:
        """Ids of the variants (of ``lang``'s primary language, or any) that may
        hold every one of ``words`` (match keys): in each segment, the lists of
        their trigrams intersected (stop grams left out; every variant of a
        segment where all are stop grams). A superset: check each. None: any
        variant may (the words have no trigram, or stop grams only)."""
        codes = self._languages()
        code = None if lang is None else codes.get(primary(lang), -1)
        grams = sorted({g for w in words for g in query_grams(w)})
        found: dict[int, list[tuple[int, bytes | None]]] = {}  # segment -> (df, list)
        listed: dict[int, int] = {}  # segment -> how many of grams it has a row for
        for i in range(0, len(grams), 500):
            chunk = grams[i: i + 500]
            for seg, df, blob in self.db.execute(
                    f"SELECT seg, df, postings FROM fz_gram WHERE gram IN ({','.join('?' * len(chunk))})", chunk):
                found.setdefault(seg, []).append((df, blob))
                listed[seg] = listed.get(seg, 0) + 1
        if all(blob is None for rows in found.values() for _, blob in rows) and \
                all(listed.get(seg, 0) == len(grams) for seg in self._firsts):
            return None
        out: list[int] = []
        for seg, langs in self._langs.items():
            first, last = self._firsts[seg], self._lasts[seg]
            if listed.get(seg, 0) < len(grams):  # a trigram none of its variants has
                continue
            docs: set[int] | None = None
            for df, blob in sorted(found.get(seg, []), key=lambda item: item[0]):
                if blob is None:
                    continue
                if docs is None:
                    docs = set(_offsets(blob))
                elif len(docs) * _SEARCH < df:  # few left: each looked up in the (sorted) list
                    sorted_ids = _offsets(blob)
                    docs = {d for d in docs if (j := bisect_left(sorted_ids, d)) < len(sorted_ids) and sorted_ids[j] == d}
                else:
                    docs.intersection_update(_offsets(blob))
                if not docs:
                    break
            offsets = range(last - first + 1) if docs is None else sorted(docs)
            if offsets and offsets[-1] > last - first:
                raise codec.StoreDataError("a fuzzy index list that names variants no segment holds")
            out += [first + d for d in offsets if langs[d] != _NONE and (code is None or langs[d] == code)]
        return out

    def brute_force(self, text: str, src: str, min_score: float = 70.0, limit: int = 5) -> list[float]:
        """Best scores by scoring every variant of the language (the reference for recall)."""
        from rapidfuzz import process
        from rapidfuzz.distance import Levenshtein

        lang = primary(parse_tag(src))
        qkey = self.fold(text)
        keys = [self.fold(t) for lg, t in self.db.execute("SELECT lang, text FROM tuv") if primary(lg) == lang]
        found = process.extract(qkey, keys, scorer=Levenshtein.normalized_similarity,
                                score_cutoff=min_score / 100.0, limit=limit)
        return [round(100.0 * s, 2) for _, s, _ in found]


def _floors(levels: Counter[int], first: int) -> Iterator[int]:
    """Thresholds of trigrams shared, highest first: the first takes in at
    least ``first`` variants, each next one twice as many more, the last 1."""
    want, held = first, 0
    for level in sorted(levels, reverse=True):
        held += levels[level]
        if held >= want or level == 1:
            yield level
            want = 2 * held
    if not levels or min(levels) > 1:
        yield 1


def _lengths(blob: Any) -> memoryview[int]:
    """A segment's key lengths as stored (uint16, little-endian), read in place."""
    if type(blob) is not bytes:
        blob = bytes(blob)
    if sys.byteorder == "big":  # pragma: no cover - stored little-endian
        swapped = array("H", blob)
        swapped.byteswap()
        return memoryview(swapped)
    return memoryview(blob).cast("H")


def _joined(blobs: list[Any]) -> bytes:
    """Lists of the index as stored, one after the other (each checked whole: 16-bit numbers)."""
    try:
        if any(len(blob) % 2 for blob in blobs):
            raise ValueError
        return b"".join(blobs)
    except (TypeError, ValueError):
        raise codec.StoreDataError("a fuzzy index list that is not 16-bit numbers") from None


def _offsets(blob: Any) -> array[int]:
    """A list of the index as stored (uint16 offsets, little-endian); a damaged one is a
    :class:`~workbench.tm.codec.StoreDataError`."""
    ids: array[int] = array("H")
    try:
        ids.frombytes(blob)
    except (TypeError, ValueError):
        raise codec.StoreDataError("a fuzzy index list that is not 16-bit numbers") from None
    if sys.byteorder == "big":  # pragma: no cover - stored little-endian
        ids.byteswap()
    return ids


def lookup(store: Store, text: str, src: str, tgt: str, min_score: float = 70.0, limit: int = 5) -> list[Match]:
    """Fuzzy matches of ``text`` in ``store`` (see :class:`FuzzyIndex`)."""
    return FuzzyIndex(store).lookup(text, src, tgt, min_score, limit)
