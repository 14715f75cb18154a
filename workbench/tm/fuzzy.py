"""Fuzzy lookup: exact match by hash, fuzzy matches through a q-gram index.

Similarity is the normalized Levenshtein similarity of the two match keys
(:func:`workbench.text.match_key`: hamza, yeh, diacritics, ZWNJ, digit
script... folded), ``100 * (1 - distance / max(len(a), len(b)))``, computed
by rapidfuzz.

The candidate filter is selective by construction:

* documents (variants) are numbered in order of (language, key length), so
  the length bound of a minimum score (``m*len(q) <= len(c) <= len(q)/m``) is
  one contiguous range of numbers;
* an inverted index maps each character trigram of a key to the sorted
  numbers of the documents holding it (an int32 array in SQLite); trigrams
  found in more than ``STOP_SHARE`` of the documents (and at least
  ``STOP_MIN``) are stop grams and have no list;
* a query reads the lists of its rarest trigrams (at most ``BUDGET``
  postings; the ``MIN_GRAMS`` rarest always), slices them to the length
  range, counts shared trigrams per document, ranks documents by the Dice
  coefficient of the trigrams read, and scores only the best ``CANDIDATES``
  with rapidfuzz.

The index is made again, whole, when the memory changed since it was made
(``setting fuzzy = stale``), in its own transaction. When the memory only
grew (``fuzzy = appended``: imports that replaced nothing), the new variants
become *tail* documents instead: numbered after all the others, without
trigram lists, and scored all (within the length bounds) by every lookup,
until more than ``TAIL_MAX`` of them call for a whole build again.

A TU marked :data:`~workbench.model.FUZZY_PROP` (an unchecked translation,
such as a PO fuzzy entry kept) scores ``FUZZY_PENALTY`` points less, so it is
never a 100% match and ranks below a checked one of the same similarity.
"""
from __future__ import annotations

import math
import zlib
from bisect import insort
from array import array
from collections import deque
from functools import partial
from itertools import repeat
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import NDArray
from rapidfuzz import process
from rapidfuzz.distance import Levenshtein

from ..model import FUZZY_PROP, Span
from ..parallel import can_fork, ordered_map
from ..text.langtag import parse_tag
from ..text.normalize import Normalizer, default_normalizer
from . import codec
from .store import Store

Q = 3
STOP_SHARE = 0.02
STOP_MIN = 2000
CANDIDATES = 400
BUDGET = 100_000
MIN_GRAMS = 8
TAIL_MAX = 20_000
_CHUNK = 20000
#: Indexes of this many variants and more are built with a forked helper (:func:`~workbench.parallel.ordered_map`).
PARALLEL_DOCS = 50_000
#: Points taken off the score of a TU marked :data:`~workbench.model.FUZZY_PROP`
#: (as OmegaT's ``tm/penalty-010/`` folder does): an exact match of it is a 90% match.
FUZZY_PENALTY = 10.0
_GRAM_CHUNK = 5000  # documents per numpy pass: bounds the memory of a build
_SHIFT = np.uint64(21)
_DOC_HASH_INDEX = "CREATE INDEX fz_doc_hash ON fz_doc(key_hash)"


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


def key_hash(key: str) -> int:
    """The 32-bit hash of a key for exact matches (equal keys are checked after)."""
    return zlib.crc32(key.encode("utf-8", "surrogatepass"))


def similarity(a: str, b: str) -> float:
    """The documented score of two keys, 0-100."""
    return round(100.0 * Levenshtein.normalized_similarity(a, b), 2)


def _grams(keys: Sequence[str], docs: NDArray[Any]) -> tuple[NDArray[Any], NDArray[Any]]:
    """Sorted unique (trigram, doc) pairs of ``keys`` (documents ``docs``)."""
    codes = np.frombuffer("\0".join(keys).encode("utf-32-le"), dtype=np.uint32).astype(np.uint64)
    lengths = np.fromiter((len(k) + 1 for k in keys), dtype=np.int64, count=len(keys))
    owner = np.repeat(docs.astype(np.int64), lengths)[: len(codes)]
    if len(codes) < Q:
        return np.empty(0, np.uint64), np.empty(0, np.int64)
    grams = (codes[:-2] << (_SHIFT * np.uint64(2))) | (codes[1:-1] << _SHIFT) | codes[2:]
    ok = (codes[:-2] != 0) & (codes[1:-1] != 0) & (codes[2:] != 0)
    grams, owner = grams[ok], owner[:-2][ok]
    order = np.lexsort((owner, grams))
    grams, owner = grams[order], owner[order]
    keep = np.ones(len(grams), dtype=bool)
    keep[1:] = (grams[1:] != grams[:-1]) | (owner[1:] != owner[:-1])
    return grams[keep], owner[keep]


def _folded(fold: Callable[[str], str], rows: list[tuple[int, str, str]]) -> list[tuple[int, str, str]]:
    """(tuv, primary language, key) of ``tuv`` rows (run in either process of a build)."""
    return [(tuv, lang.split("-", 1)[0].lower(), fold(text)) for tuv, lang, text in rows]


def _indexed(chunk: tuple[list[str], int]) -> tuple[list[int], bytes, bytes, bytes]:
    """What the index keeps of a chunk of keys, the first numbered ``start``: their
    hashes, and their trigram lists as the distinct trigrams (int64), the bounds
    of each trigram's documents (int64, one more than the trigrams) and the
    documents (int32), all in order (run in either process of a build)."""
    keys, start = chunk
    grams, owner = _grams(keys, np.arange(start, start + len(keys), dtype=np.int64))
    starts = np.flatnonzero(np.concatenate(([True], grams[1:] != grams[:-1]))) if len(grams) else np.zeros(0, np.int64)
    bounds = np.append(starts, len(grams)).astype(np.int64)
    return ([key_hash(k) for k in keys], grams[starts].astype(np.int64).tobytes(), bounds.tobytes(),
            owner.astype(np.int32).tobytes())


def query_grams(key: str) -> list[int]:
    """The distinct trigram codes of a key (as stored in ``fz_gram.gram``):
    three 21-bit code points in one positive 63-bit integer."""
    codes = [ord(c) for c in key]
    return list({(a << 42) | (b << 21) | c for a, b, c in zip(codes, codes[1:], codes[2:])})


class FuzzyIndex:
    """The q-gram index of a store; see the module docstring."""

    def __init__(self, store: Store, normalizer: Normalizer | None = None) -> None:
        self.store = store
        self.db = store.db
        self.norm = normalizer or default_normalizer()
        self.fold = self.norm.fold
        self._langs: dict[str, tuple[int, NDArray[Any]]] | None = None
        self._tail: tuple[str | None, dict[str, list[tuple[int, int, str]]]] | None = None

    def stale(self) -> bool:
        """True when the memory changed since the index was brought up to date."""
        return self.store.setting("fuzzy") != "fresh"

    # -- building -----------------------------------------------------------

    def build(self, progress: Callable[[int, int], None] | None = None) -> None:
        """Bring the index up to date, in one transaction: add the variants
        stored since it was made as tail documents when the memory only grew
        (and the tail stays within ``TAIL_MAX``), else make it again from
        every variant.

        Pass 1 folds every text into its key (kept in a temporary table) and
        numbers the documents by (language, key length) in numpy; pass 2
        reads the keys in that order, writes ``fz_doc`` and the trigram lists
        of each chunk of documents, which :meth:`_merge` joins per trigram.
        From :data:`PARALLEL_DOCS` variants on, a forked helper folds every
        other batch of texts and lists the trigrams of every other chunk: the
        same index, sooner.
        """
        if self.store.setting("fuzzy") == "appended" and self._append(progress):
            return
        db = self.db
        total = int(db.execute("SELECT count(*) FROM tuv").fetchone()[0])
        self._map = ordered_map if total >= PARALLEL_DOCS and can_fork() else map
        with self.store.transaction():
            for table in ("fz_doc", "fz_lang", "fz_gram"):
                db.execute(f"DELETE FROM {table}")
            db.execute("DROP INDEX IF EXISTS fz_doc_hash")  # made again at the end: a sort, not 2M random inserts
            for temp in ("fz_key", "fz_part"):
                db.execute(f"DROP TABLE IF EXISTS temp.{temp}")
            db.execute("CREATE TEMP TABLE fz_key (tuv INTEGER PRIMARY KEY, key TEXT NOT NULL)")
            db.execute("CREATE TEMP TABLE fz_part (lang TEXT, gram INTEGER, part INTEGER, docs BLOB)")
            ids, lengths, langs, names = self._keys_pass(total, progress)
            order = np.lexsort((ids, lengths, langs))
            ids, lengths, langs = ids[order], lengths[order], langs[order]
            first = 0
            for code, lang in enumerate(names):
                count = int(np.count_nonzero(langs == code))
                if not count:
                    continue
                per = np.bincount(lengths[first: first + count] + 1)
                offsets = np.cumsum(per)  # offsets[L] = documents shorter than L
                db.execute("INSERT INTO fz_lang(lang, first, offsets) VALUES (?, ?, ?)",
                           (lang, first, offsets.astype(np.int64).tobytes()))
                self._docs_pass(lang, first, ids[first: first + count])
                self._merge(lang, max(STOP_MIN, int(count * STOP_SHARE)))
                db.execute("DELETE FROM temp.fz_part")
                first += count
                if progress:
                    progress(total // 2 + first // 2, total)
            db.execute("DROP TABLE temp.fz_key")
            db.execute("DROP TABLE temp.fz_part")
            db.execute(_DOC_HASH_INDEX)
            self.store.set_setting("fuzzy", "fresh")
            self.store.set_setting("fuzzy_tail", str(first))
            self.store.set_setting("fuzzy_upto", str(db.execute("SELECT coalesce(max(id), 0) FROM tuv").fetchone()[0]))
        self._langs = self._tail = None
        if progress:
            progress(total, total)

    def _append(self, progress: Callable[[int, int], None] | None) -> bool:
        """Add the variants stored since the index was brought up to date as
        tail documents; False (and nothing done) when the tail would grow past
        ``TAIL_MAX`` or the index does not say where it ends."""
        db, store = self.db, self.store
        with store.transaction():
            state, tail, upto = store.setting("fuzzy"), store.setting("fuzzy_tail"), store.setting("fuzzy_upto")
            if state == "fresh":  # brought up to date meanwhile (by another process)
                return True
            if state != "appended" or tail is None or upto is None:
                return False
            doc = int(db.execute("SELECT coalesce(max(doc) + 1, 0) FROM fz_doc").fetchone()[0])
            new = int(db.execute("SELECT count(*) FROM tuv WHERE id > ?", (int(upto),)).fetchone()[0])
            if doc - int(tail) + new > TAIL_MAX:
                return False
            rows = []
            last = int(upto)
            for tuv, lang, text in db.execute("SELECT id, lang, text FROM tuv WHERE id > ? ORDER BY id", (last,)):
                key = self.fold(text)
                rows.append((doc, tuv, lang.split("-", 1)[0].lower(), key, key_hash(key)))
                doc, last = doc + 1, tuv
            db.executemany("INSERT INTO fz_doc(doc, tuv, lang, key, key_hash) VALUES (?, ?, ?, ?, ?)", rows)
            store.set_setting("fuzzy_upto", str(last))
            store.set_setting("fuzzy", "fresh")
        if progress:
            progress(new, new)
        return True

    def _keys_pass(self, total: int, progress: Callable[[int, int], None] | None
                   ) -> tuple[NDArray[Any], NDArray[Any], NDArray[Any], list[str]]:
        """Fold every text: (tuv ids, key lengths, language codes, language of each code)."""
        ids, lengths, langs = array("q"), array("l"), array("l")
        codes: dict[str, int] = {}
        cur = self.db.execute("SELECT id, lang, text FROM tuv")
        for batch in self._map(partial(_folded, self.fold), iter(lambda: cur.fetchmany(_CHUNK), [])):
            self.db.executemany("INSERT INTO temp.fz_key VALUES (?, ?)", [(tuv, key) for tuv, _, key in batch])
            for tuv, primary, key in batch:
                ids.append(tuv)
                lengths.append(len(key))
                code = codes.get(primary)
                if code is None:
                    code = codes[primary] = len(codes)
                langs.append(code)
            if progress:
                progress(len(ids) // 2, total)
        names = sorted(codes)
        rank = np.array([names.index(lang) for lang in codes], dtype=np.int64)
        return (np.array(ids, dtype=np.int64), np.array(lengths, dtype=np.int64),
                rank[np.array(langs, dtype=np.int64)] if len(langs) else np.zeros(0, np.int64), names)

    def _docs_pass(self, lang: str, first: int, tuvs: NDArray[Any]) -> None:
        """Write ``fz_doc`` rows and trigram parts for one language's documents, in order."""
        db = self.db
        chunks: deque[tuple[list[int], list[str]]] = deque()

        def keyed() -> Iterator[tuple[list[str], int]]:
            for start in range(0, len(tuvs), _GRAM_CHUNK):
                chunk = tuvs[start: start + _GRAM_CHUNK].tolist()
                keys: dict[int, str] = {}
                for i in range(0, len(chunk), 900):
                    piece = chunk[i: i + 900]
                    keys.update(db.execute(
                        f"SELECT tuv, key FROM temp.fz_key WHERE tuv IN ({','.join('?' * len(piece))})", piece))
                ordered = [keys[t] for t in chunk]
                chunks.append((chunk, ordered))
                yield ordered, first + start
        for part, (hashes, grams, bounds, owners) in enumerate(self._map(_indexed, keyed())):
            chunk, ordered = chunks.popleft()
            start = first + part * _GRAM_CHUNK
            db.executemany("INSERT INTO fz_doc(doc, tuv, lang, key, key_hash) VALUES (?, ?, ?, ?, ?)",
                           zip(range(start, start + len(chunk)), chunk, repeat(lang), ordered, hashes))
            cuts = np.frombuffer(bounds, dtype=np.int64).tolist()
            db.executemany("INSERT INTO temp.fz_part VALUES (?, ?, ?, ?)",
                           ((lang, g, part, owners[4 * a: 4 * b]) for g, a, b in
                            zip(np.frombuffer(grams, dtype=np.int64).tolist(), cuts, cuts[1:])))

    def _merge(self, lang: str, stop: int) -> None:
        """Concatenate each gram's parts (already in document order) into one list."""
        cur = self.db.execute("SELECT gram, docs FROM temp.fz_part WHERE lang = ? ORDER BY gram, part", (lang,))

        def merged() -> Iterator[tuple[str, int, int, bytes | None]]:
            gram: int | None = None
            blobs: list[bytes] = []
            for g, docs in cur:
                if g != gram:
                    if gram is not None:
                        yield _row(lang, gram, blobs, stop)
                    gram, blobs = g, []
                blobs.append(docs)
            if gram is not None:
                yield _row(lang, gram, blobs, stop)
        self.db.executemany("INSERT INTO fz_gram(lang, gram, df, postings) VALUES (?, ?, ?, ?)", merged())

    # -- querying -------------------------------------------------------------

    def _ensure(self) -> dict[str, tuple[int, NDArray[Any]]]:
        if self.stale():
            self.build()
        if self._langs is None:
            self._langs = {lang: (first, _stored_array(offsets, np.int64))
                           for lang, first, offsets in self.db.execute("SELECT lang, first, offsets FROM fz_lang")}
        return self._langs

    def candidates(self, key: str, lang: str, min_score: float, limit: int = CANDIDATES) -> list[int]:
        """Document numbers worth scoring for ``key``: in the length range of
        ``min_score``, sharing the most indexed trigrams (best first)."""
        first, offsets = self._ensure().get(lang, (0, np.zeros(1, dtype=np.int64)))
        m = max(min_score, 1.0) / 100.0
        n = len(key)
        lo = min(len(offsets) - 1, max(0, math.ceil(m * n - 1e-9)))
        hi = min(len(offsets) - 1, math.floor(n / m + 1e-9) + 1)
        d0, d1 = first + int(offsets[lo]), first + int(offsets[hi])
        if d1 <= d0:
            return []
        grams = query_grams(key)
        if not grams:
            return list(range(d0, min(d1, d0 + limit * 10)))
        chosen = self._rarest(lang, grams)
        lists = []
        for (blob,) in self.db.execute(
                f"SELECT postings FROM fz_gram WHERE lang = ? AND gram IN ({','.join('?' * len(chosen))})",
                (lang, *chosen)):
            docs = _stored_array(blob, np.int32)
            a, b = np.searchsorted(docs, (d0, d1))
            if b > a:
                lists.append(docs[a:b])
        if not lists:
            return []
        hits, counts = np.unique(np.concatenate(lists), return_counts=True)
        # Rank by the Dice coefficient of the trigrams read (a candidate's trigram
        # count follows from its length, known from its number).
        lengths = np.searchsorted(offsets, hits - first, side="right") - 1
        share = len(chosen) / len(grams)
        rank = counts / (len(chosen) + share * np.maximum(lengths - Q + 1, 1))
        if len(hits) > limit:
            top = np.argpartition(-rank, limit - 1)[:limit]
            hits, rank = hits[top], rank[top]
        order = np.lexsort((hits, -rank))
        return [int(d) for d in hits[order]]

    def _rarest(self, lang: str, grams: list[int]) -> list[int]:
        """The query's indexed trigrams, rarest first, while their lists stay
        within ``BUDGET`` postings (the ``MIN_GRAMS`` rarest always)."""
        found: list[tuple[int, int]] = []
        for i in range(0, len(grams), 500):
            chunk = grams[i: i + 500]
            found += self.db.execute(
                f"SELECT df, gram FROM fz_gram WHERE lang = ? AND gram IN ({','.join('?' * len(chunk))}) "
                "AND postings IS NOT NULL", (lang, *chunk)).fetchall()
        found.sort()
        chosen: list[int] = []
        total = 0
        for df, gram in found:
            total += df
            if total > BUDGET and len(chosen) >= MIN_GRAMS:
                break
            chosen.append(gram)
        return chosen

    def lookup(self, text: str, src: str, tgt: str, min_score: float = 70.0, limit: int = 5) -> list[Match]:
        """The best ``limit`` matches of ``text`` with a ``tgt`` translation, score >= ``min_score``
        (after the penalty of fuzzy-marked TUs)."""
        qkey = self.norm.key(text)
        lang = parse_tag(src).split("-", 1)[0].lower()
        tgt = parse_tag(tgt)
        self._ensure()
        scored: dict[int, tuple[float, int, str]] = {}
        for doc, tuv, key in self.db.execute("SELECT doc, tuv, key FROM fz_doc WHERE key_hash = ? AND lang = ?",
                                             (key_hash(qkey.text), lang)):
            if key == qkey.text:
                scored[doc] = (100.0, tuv, key)
        docs = self.candidates(qkey.text, lang, min_score)
        rows = self._keys(docs) + self._tail_rows(qkey.text, lang, min_score)
        if rows:
            found = process.extract(qkey.text, [r[2] for r in rows], scorer=Levenshtein.normalized_similarity,
                                    score_cutoff=min_score / 100.0, limit=None)
            for _, score, i in found:
                doc, tuv, key = rows[i]
                scored.setdefault(doc, (round(100.0 * score, 2), tuv, key))
        ranked = sorted(scored.items(), key=lambda item: (-item[1][0], item[0]))
        out: list[tuple[float, int, Match]] = []  # (-score, doc, match), best first
        for doc, (score, tuv, key) in ranked:
            if len(out) >= limit and out[limit - 1][:2] < (-score, doc):
                break  # a penalty only lowers scores: no later match can rank higher
            match = self._match(tuv, score, qkey.text, key, tgt)
            if match is not None and match.score >= min_score:
                insort(out, (-match.score, doc, match), key=lambda item: item[:2])
        return [match for _, _, match in out[:limit]]

    def _tail_rows(self, key: str, lang: str, min_score: float) -> list[tuple[int, int, str]]:
        """The tail documents of ``lang`` in the length range of ``min_score``."""
        m = max(min_score, 1.0) / 100.0
        lo, hi = m * len(key) - 1e-9, len(key) / m + 1e-9
        return [row for row in self._tail_of(lang) if lo <= len(row[2]) <= hi]

    def _tail_of(self, lang: str) -> list[tuple[int, int, str]]:
        """The tail documents of ``lang`` (read again when the tail has grown since they were read)."""
        upto = self.store.setting("fuzzy_upto")
        if self._tail is None or self._tail[0] != upto:
            tail: dict[str, list[tuple[int, int, str]]] = {}
            start = self.store.setting("fuzzy_tail")  # None: made before tails existed, so it has none
            if start is not None:
                for doc, tuv, doc_lang, doc_key in self.db.execute(
                        "SELECT doc, tuv, lang, key FROM fz_doc WHERE doc >= ? ORDER BY doc", (int(start),)):
                    tail.setdefault(doc_lang, []).append((doc, tuv, doc_key))
            self._tail = (upto, tail)
        return self._tail[1].get(lang, [])

    def _keys(self, docs: list[int]) -> list[tuple[int, int, str]]:
        rows: list[tuple[int, int, str]] = []
        for i in range(0, len(docs), 500):
            chunk = docs[i: i + 500]
            rows += self.db.execute(f"SELECT doc, tuv, key FROM fz_doc WHERE doc IN ({','.join('?' * len(chunk))})",
                                    chunk).fetchall()
        return rows

    def _match(self, tuv: int, score: float, qkey: str, ckey: str, tgt: str) -> Match | None:
        found = self.pair(tuv, tgt)
        if found is None:
            return None
        tu_id, lang, source, target = found
        if target is None:
            return None
        meta = self.db.execute("SELECT meta FROM tu WHERE id = ?", (tu_id,)).fetchone()[0]
        fuzzy = meta is not None and FUZZY_PROP in meta and any(p.type == FUZZY_PROP for p in codec.decode_meta(meta)[1])
        if fuzzy:
            score = max(0.0, round(score - FUZZY_PENALTY, 2))
        return Match(score, source, target[1], tu_id, lang, target[0], self._diff(qkey, source), fuzzy)

    def pair(self, tuv: int, tgt: str | None) -> tuple[int, str, str, tuple[str, str] | None] | None:
        """(TU id, language, text) of variant ``tuv`` and the (language, text)
        of its TU's first variant in ``tgt`` (its region aside; None: in
        another language than its own), if any."""
        row = self.db.execute("SELECT tu, lang, text FROM tuv WHERE id = ?", (tuv,)).fetchone()
        if row is None:
            return None
        tu_id, lang, source = row
        want = (tgt or "").lower()
        for t_lang, t_text in self.db.execute("SELECT lang, text FROM tuv WHERE tu = ? AND id <> ? ORDER BY id",
                                              (tu_id, tuv)):
            have = t_lang.lower()
            if have == want or have.split("-")[0] == want.split("-")[0] or (
                    not want and have.split("-")[0] != lang.lower().split("-")[0]):
                return tu_id, lang, source, (t_lang, t_text)
        return tu_id, lang, source, None

    def _diff(self, qkey: str, source: str) -> tuple[Span, ...]:
        """Spans of ``source`` whose key differs from the query key."""
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

    def containing(self, key: str, lang: str, limit: int) -> list[tuple[int, int, str]]:
        """(doc, tuv, key) of up to ``limit`` documents of ``lang`` whose key
        holds ``key``, shortest first: the postings of every indexed trigram
        of ``key`` intersected, then checked; scanned when it has none."""
        first, offsets = self._ensure().get(lang, (0, np.zeros(1, dtype=np.int64)))
        if len(key) >= len(offsets):
            return self._tail_containing(key, lang, limit)
        d0, d1 = first + int(offsets[len(key)]), first + int(offsets[-1])
        grams = query_grams(key)
        found: list[tuple[int, int]] = []
        for i in range(0, len(grams), 500):
            chunk = grams[i: i + 500]
            found += self.db.execute(f"SELECT df, gram FROM fz_gram WHERE lang = ? AND gram IN "
                                     f"({','.join('?' * len(chunk))})", (lang, *chunk)).fetchall()
        if len(found) < len(grams):  # a trigram no indexed document has
            return self._tail_containing(key, lang, limit)
        docs: NDArray[Any] | None = None
        for _, gram in sorted(found):
            (blob,) = self.db.execute("SELECT postings FROM fz_gram WHERE lang = ? AND gram = ?", (lang, gram)).fetchone()
            if blob is None:
                break  # a stop gram, and all the rest are commoner
            ids = _stored_array(blob, np.int32)
            a, b = np.searchsorted(ids, (d0, d1))
            docs = ids[a:b] if docs is None else np.intersect1d(docs, ids[a:b], assume_unique=True)
            if not len(docs):
                return self._tail_containing(key, lang, limit)
        rows: list[tuple[int, int, str]] = []
        if docs is None:
            cur = self.db.execute("SELECT doc, tuv, key FROM fz_doc WHERE doc >= ? AND doc < ? AND instr(key, ?) > 0 "
                                  "ORDER BY doc LIMIT ?", (d0, d1, key, limit))
            rows = cur.fetchall()
        else:
            for i in range(0, len(docs), 500):
                rows += [r for r in self._keys(docs[i: i + 500].tolist()) if key in r[2]]
                if len(rows) >= limit:
                    break
        rows += self._tail_containing(key, lang, limit - len(rows))
        return sorted(rows, key=lambda row: (len(row[2]), row[0]))[:limit]

    def _tail_containing(self, key: str, lang: str, limit: int) -> list[tuple[int, int, str]]:
        return [row for row in self._tail_of(lang) if key in row[2]][:max(limit, 0)]

    def brute_force(self, text: str, src: str, min_score: float = 70.0, limit: int = 5) -> list[float]:
        """Best scores by scoring every document of the language (the reference for recall)."""
        lang = parse_tag(src).split("-", 1)[0].lower()
        qkey = self.fold(text)
        keys = [k for (k,) in self.db.execute("SELECT key FROM fz_doc WHERE lang = ?", (lang,))]
        found = process.extract(qkey, keys, scorer=Levenshtein.normalized_similarity,
                                score_cutoff=min_score / 100.0, limit=limit)
        return [round(100.0 * s, 2) for _, s, _ in found]


def _stored_array(blob: Any, dtype: Any) -> NDArray[Any]:
    """An index list as stored (an int32 or int64 array); a damaged one is a :class:`~workbench.tm.codec.StoreDataError`."""
    try:
        return np.frombuffer(blob, dtype=dtype)
    except (TypeError, ValueError):
        raise codec.StoreDataError(f"a fuzzy index list that is not {np.dtype(dtype).name} numbers") from None


def _row(lang: str, gram: int, blobs: list[bytes], stop: int) -> tuple[str, int, int, bytes | None]:
    df = sum(len(b) for b in blobs) // 4
    return lang, gram, df, (b"".join(blobs) if df <= stop else None)


def lookup(store: Store, text: str, src: str, tgt: str, min_score: float = 70.0, limit: int = 5) -> list[Match]:
    """Fuzzy matches of ``text`` in ``store`` (see :class:`FuzzyIndex`)."""
    return FuzzyIndex(store).lookup(text, src, tgt, min_score, limit)
