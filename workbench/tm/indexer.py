"""Making the fuzzy index's segments (:mod:`workbench.tm.fuzzy`), in this process or in a forked helper.

:class:`Indexer` takes the variants of a store as they are stored (its
:meth:`~Indexer.feed` reads those stored since the last call) and writes one
segment of the index whenever a segment's ids are all read. With a helper,
the helper folds the texts, lists their trigrams and sorts each segment while
this process goes on storing (an import parses in one process and stores in
another: the index is made alongside, on both cores); this process only
writes what the helper sends back. The helper never touches the store; a
reader thread takes its results as they come, so neither process waits on a
full pipe. Without a helper (small builds, or where processes cannot fork),
the same work is done here, with the same result.
"""
from __future__ import annotations

import json
import marshal
import queue
import sqlite3
import threading
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any

from ..parallel import received
from . import codec

if TYPE_CHECKING:
    from ..text.normalize import Normalizer
    from .fuzzy import FuzzyIndex

#: Variants read from the store, folded and listed per batch.
CHUNK = 4096
#: The next variants of an SQLite store, their languages and texts joined (:meth:`Indexer._joined`).
_JOINED = ("SELECT count(*), min(id), max(id), group_concat(lang, ' '), group_concat(text, char(0)) "
           "FROM (SELECT id, lang, text FROM tuv WHERE id > ? ORDER BY id LIMIT ?)")
#: Batches sent to the helper and not yet done (bounds the memory of both processes).
AHEAD = 6
#: The language code of an id that is not a variant (a gap left by a replaced TU).
NONE = 255
_MAX_LENGTH = 0xFFFF
#: The trigram rows of the segments being made, kept apart until :meth:`Indexer.finish`
#: inserts them into ``fz_gram`` in its key order at once: a segment's rows, inserted
#: as they come, would land all over the table (its key is the trigram first), and a
#: large build would write the whole table again for every segment.
_STAGE = "CREATE TEMP TABLE fz_stage(gram INTEGER NOT NULL, seg INTEGER NOT NULL, df INTEGER NOT NULL, postings BLOB)"
#: A segment as it is written: first id, last id, JSON of its languages, language
#: codes, key lengths (uint16), distinct trigrams (int64), the bounds of each
#: trigram's offsets (int64, one more), the offsets (uint16), the stop threshold.
Segment = tuple[int, int, str, bytes, bytes, bytes, bytes, bytes, int]
#: Variants to index: their ids (a list, or the first and last of consecutive ids), their
#: languages and texts (lists, or joined by a space and by U+0000).
Batch = tuple[list[int] | tuple[int, int], list[str] | str, list[str] | str]


class BatchFold:
    """A normalizer's :meth:`~workbench.text.normalize.Normalizer.fold` of many texts
    at once, with numpy: the texts' code points looked up in one array of what
    each becomes (made at the first call), the removed ones and the second of
    two spaces left out. A text holding a character that becomes several is
    folded on its own."""

    def __init__(self, norm: Normalizer) -> None:
        self.norm = norm
        self.becomes: Any = None

    def _make(self) -> Any:
        """Per code point: the one it becomes; -1: removed; -2: several (or U+0000); -3: U+0000, the separator."""
        import numpy as np

        becomes = np.arange(0x110000, dtype=np.int32)
        for code, text in self.norm.table().items():
            becomes[code] = ord(text) if len(text) == 1 and text != "\0" else -1 if not text else -2
        becomes[0] = -3
        return becomes

    def __call__(self, texts: list[str]) -> list[str]:
        import numpy as np

        if self.becomes is None:
            self.becomes = self._make()
        codes = self.becomes[np.frombuffer("\0".join(texts).encode("utf-32-le", "surrogatepass"), dtype=np.uint32)]
        separators = codes == -3
        if np.count_nonzero(separators) != len(texts) - 1:  # U+0000 in a text
            return [self.norm.fold(t) for t in texts]
        several = codes == -2
        odd = np.unique(np.cumsum(separators)[several]).tolist() if several.any() else []
        codes[separators] = 0
        codes = codes[codes >= 0]
        if "space" in self.norm.folds:
            space = codes == 0x20
            keep = np.ones(len(codes), dtype=bool)
            keep[1:] = ~(space[1:] & space[:-1])
            codes = codes[keep]
        keys: list[str] = codes.astype("<u4").tobytes().decode("utf-32-le", "surrogatepass").split("\0")
        for i in odd:
            keys[i] = self.norm.fold(texts[i])
        return keys


class SegmentMaker:
    """Folds batches of variants and lists their trigrams, segment by segment
    (``size`` consecutive ids from ``start``); :meth:`take` gives the segments
    whose ids are all read."""

    def __init__(self, fold: Callable[[list[str]], list[str]], start: int, size: int, stop_min: int,
                 stop_share: float) -> None:
        import numpy as np

        self.np = np
        self.fold, self.size, self.stop_min, self.stop_share = fold, size, stop_min, stop_share
        self.first = start
        self.last_seen = start - 1
        self._reset()
        self.done: list[Segment] = []

    def _reset(self) -> None:
        np = self.np
        self.lengths = np.zeros(self.size, dtype=np.uint16)
        self.langs = np.full(self.size, NONE, dtype=np.uint8)
        self.codes: dict[str, int] = {}
        self.parts: list[Any] = []

    def add(self, ids: list[int], langs: list[str], texts: list[str]) -> None:
        """A batch of variants, in increasing id order, all past those before."""
        from .fuzzy import primary, trigram_codes

        np = self.np
        i = 0
        while i < len(ids):
            end = self.first + self.size
            j = i
            while j < len(ids) and ids[j] < end:
                j += 1
            if j > i:
                part = ids[i:j]
                keys = self.fold(texts[i:j])
                offsets = np.asarray(part, dtype=np.int64) - self.first
                self.lengths[offsets] = np.minimum([len(k) for k in keys], _MAX_LENGTH)
                for offset, lang in zip(offsets.tolist(), langs[i:j]):
                    self.langs[offset] = self.codes.setdefault(primary(lang), len(self.codes))
                self.parts.append(trigram_codes(keys, offsets))
                self.last_seen = part[-1]
            if j < len(ids):
                self.close()
                while ids[j] >= self.first + self.size:  # a gap of whole segments
                    self.first += self.size
            i = j

    def close(self) -> None:
        """End the segment being made (if it holds a variant); the next one starts after it."""
        np = self.np
        if self.last_seen >= self.first:
            if len(self.codes) >= NONE:
                raise codec.StoreDataError(f"more than {NONE - 1} languages in one segment of the fuzzy index")
            count = self.last_seen - self.first + 1
            docs = int(np.count_nonzero(self.langs[:count] != NONE))
            packed = np.concatenate(self.parts) if self.parts else np.zeros(0, np.int64)
            self.parts = []
            packed.sort(kind="stable")  # in place: sorted runs, merged
            offsets = (packed & 0xFFFF).astype("<u2").tobytes()
            packed >>= 16  # the trigrams
            starts = np.flatnonzero(packed[1:] != packed[:-1]) + 1
            grams = packed[np.concatenate(([0], starts))].tobytes() if len(packed) else b""
            cuts = np.concatenate(([0], starts, [len(packed)])).astype(np.int64).tobytes() if len(packed) else \
                np.zeros(1, np.int64).tobytes()
            del packed, starts
            self.done.append((self.first, self.last_seen, json.dumps(sorted(self.codes, key=self.codes.__getitem__)),
                              self.langs[:count].tobytes(), self.lengths[:count].astype("<u2").tobytes(),
                              grams, cuts, offsets, max(self.stop_min, int(docs * self.stop_share))))
        self.first += self.size
        self._reset()

    def take(self) -> list[Segment]:
        done, self.done = self.done, []
        return done


class Indexer:
    """Indexes a store's variants past ``start`` as segments numbered from
    ``seg`` (see the module docstring); ``helper``: in a forked process.
    Use it inside the store's transaction, and :meth:`close` it."""

    def __init__(self, index: FuzzyIndex, start: int, seg: int, helper: bool,
                 progress: Callable[[int], None] | None = None) -> None:
        from . import fuzzy

        self.index, self.db = index, index.db
        self.seg, self.last = seg, start - 1
        self.staged = False  # whether fz_stage holds the rows of segments written so far
        self.progress = progress
        args = (BatchFold(index.norm), start, fuzzy.SEGMENT_DOCS, fuzzy.STOP_MIN, fuzzy.STOP_SHARE)
        self.maker: SegmentMaker | None = None
        self.proc: Any = None
        if helper:
            import multiprocessing

            from ..parallel import widen

            context = multiprocessing.get_context("fork")
            inbox, self.to_helper = context.Pipe(duplex=False)
            self.from_helper, outbox = context.Pipe(duplex=False)
            widen(self.to_helper)
            widen(outbox)
            self.proc = context.Process(target=_serve, args=(args, inbox, outbox, self.to_helper, self.from_helper),
                                        daemon=True, name="wb-indexer")
            self.proc.start()
            inbox.close()
            outbox.close()
            self.results: queue.SimpleQueue[Any] = queue.SimpleQueue()
            self.pending = 0
            threading.Thread(target=self._read, daemon=True).start()
        else:
            self.maker = SegmentMaker(*args)

    def _read(self) -> None:
        try:
            while True:
                self.results.put(marshal.loads(self.from_helper.recv_bytes()))
        except (EOFError, OSError, ValueError):
            self.results.put(None)

    def feed(self) -> None:
        """Index the variants stored since the last call (their segments as they are whole)."""
        if isinstance(self.db, sqlite3.Connection):
            while (batch := self._joined()) is not None:
                self._add(batch)
            return
        cur = self.db.execute("SELECT id, lang, text FROM tuv WHERE id > ? ORDER BY id", (self.last,))
        while rows := cur.fetchmany(CHUNK):
            self._add(([r[0] for r in rows], [r[1] for r in rows], [r[2] for r in rows]))

    def _joined(self) -> Batch | None:
        """The next variants (at most :data:`CHUNK`) of an SQLite store, joined by SQLite:
        their languages in one string, their texts in another (see :func:`_split`),
        their ids as a range where they are consecutive. None when there are no more."""
        count, first, last, langs, texts = self.db.execute(_JOINED, (self.last, CHUNK)).fetchone()
        if not count:
            return None
        if texts.count("\0") != count - 1 or langs.count(" ") != count - 1:  # U+0000 in a text: one by one
            rows = self.db.execute("SELECT id, lang, text FROM tuv WHERE id > ? ORDER BY id LIMIT ?",
                                   (self.last, CHUNK)).fetchall()
            return [r[0] for r in rows], [r[1] for r in rows], [r[2] for r in rows]
        if last - first + 1 == count:
            return (first, last), langs, texts
        ids = self.db.execute("SELECT group_concat(id) FROM (SELECT id FROM tuv WHERE id > ? ORDER BY id LIMIT ?)",
                              (self.last, CHUNK)).fetchone()[0]
        return [int(i) for i in ids.split(",")], langs, texts

    def _add(self, batch: Batch) -> None:
        ids = batch[0]
        self.last = ids[-1]
        if self.maker is not None:
            self.maker.add(*_split(batch))
            self._write(self.maker.take())
        else:
            self.to_helper.send_bytes(marshal.dumps(batch))
            self.pending += 1
            self._drain(AHEAD)
        if self.progress:
            self.progress(ids[1] - ids[0] + 1 if isinstance(ids, tuple) else len(ids))

    def finish(self) -> int:
        """Write the last segments (and the trigram rows of all, in key order); the last id indexed."""
        if self.maker is not None:
            self.maker.close()
            self._write(self.maker.take())
        else:
            self.to_helper.send_bytes(marshal.dumps(None))
            self.pending += 1
            self._drain(0)
        if self.staged:
            self.db.execute("INSERT INTO fz_gram(gram, seg, df, postings) SELECT gram, seg, df, postings FROM fz_stage "
                            "ORDER BY gram, seg")
            self.db.execute("DROP TABLE fz_stage")
            self.staged = False
        return self.last

    def _drain(self, most: int) -> None:
        """Write the segments the helper has sent, waiting for it while more
        than ``most`` batches are under way."""
        while self.pending:
            try:
                message = self.results.get(block=self.pending > most)
            except queue.Empty:
                return
            self.pending -= 1
            if message is None:
                self.proc.join()
                raise codec.StoreDataError(f"the indexing helper process ended unexpectedly (exit code {self.proc.exitcode})")
            kind, payload = message
            if kind == "error":
                raise codec.StoreDataError(f"indexing failed: {payload}")
            self._write([tuple(s) for s in payload])

    def _write(self, segments: list[Segment]) -> None:
        from .fuzzy import segment_order

        for first, last, names, langs, lengths, grams, cuts, offsets, stop in segments:
            self.db.execute("INSERT INTO fz_seg(seg, first, last, langs, lang, length, newest) VALUES (?, ?, ?, ?, ?, ?, ?)",
                            (self.seg, first, last, names, langs, lengths, segment_order(self.db, first, last)))
            if not self.staged:
                self.db.execute(_STAGE)
                self.staged = True
            self.db.executemany("INSERT INTO fz_stage(gram, seg, df, postings) VALUES (?, ?, ?, ?)",
                                _rows(self.seg, grams, cuts, offsets, stop))
            self.seg += 1

    def close(self) -> None:
        """Stop the helper (if any) and wait for it."""
        if self.proc is not None:
            if self.proc.is_alive():
                self.proc.kill()
            self.proc.join()
            self.to_helper.close()
            self.from_helper.close()
            self.proc = None


def _rows(seg: int, grams: bytes, cuts: bytes, offsets: bytes, stop: int) -> Iterator[tuple[int, int, int, bytes | None]]:
    """The ``fz_gram`` rows of a segment: a list per trigram, none for a stop gram."""
    from array import array

    gram_list, cut_list = array("q"), array("q")
    gram_list.frombytes(grams)
    cut_list.frombytes(cuts)
    for gram, a, b in zip(gram_list, cut_list, cut_list[1:]):
        df = b - a
        yield gram, seg, df, offsets[2 * a: 2 * b] if df <= stop else None


def _split(batch: Batch) -> tuple[list[int], list[str], list[str]]:
    """A batch as lists: ids, languages, texts (joined by SQLite: a range of ids,
    languages joined by spaces, texts by U+0000)."""
    ids, langs, texts = batch
    if isinstance(ids, tuple):
        return (list(range(ids[0], ids[1] + 1)), langs.split(" ") if isinstance(langs, str) else langs,
                texts.split("\0") if isinstance(texts, str) else texts)
    return (ids, langs.split(" ") if isinstance(langs, str) else langs,
            texts.split("\0") if isinstance(texts, str) else texts)


def _serve(args: tuple[Any, ...], inbox: Any, outbox: Any, *parent_ends: Any) -> None:
    """The helper: a :class:`SegmentMaker` fed from ``inbox``; its segments to ``outbox``."""
    for end in parent_ends:
        end.close()
    items = received(inbox)
    try:
        maker = SegmentMaker(*args)
        while (data := items.get()) is not None:
            batch = marshal.loads(data)
            if batch is None:
                maker.close()
                outbox.send_bytes(marshal.dumps(("end", maker.take())))
                return
            maker.add(*_split(batch))
            outbox.send_bytes(marshal.dumps(("segments", maker.take())))  # one answer a batch, maybe empty
    except (BrokenPipeError, KeyboardInterrupt):
        return  # the caller is gone or going
    except Exception as exc:  # noqa: BLE001 - said in the caller
        outbox.send_bytes(marshal.dumps(("error", f"{type(exc).__name__}: {exc}")))
    finally:
        outbox.close()
