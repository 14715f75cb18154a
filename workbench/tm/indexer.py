"""Making the fuzzy index's segments (:mod:`workbench.tm.fuzzy`), in this process or in a forked helper.

:class:`Indexer` takes the variants of a store as they are stored (its
:meth:`~Indexer.feed` takes the rows an import just inserted, or reads those
stored since the last call) and writes one
segment of the index whenever a segment's ids are all read (its trigram
rows wait where they were made, their lists in a temporary file, until
:meth:`~Indexer.finish` inserts those of every segment at once, in the
table's key order). With a helper, the helper folds the texts, lists their
trigrams and sorts each segment while this process goes on storing (an import
parses in one process and stores in another: the index is made alongside, on
both cores); this process only writes what the helper sends back. The helper never touches the store; a
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
from bisect import bisect_left
from collections.abc import Callable, Iterator, Sequence
from typing import TYPE_CHECKING, Any

from ..parallel import received
from . import codec

if TYPE_CHECKING:
    from ..text.normalize import Normalizer
    from .fuzzy import FuzzyIndex
    from .store import StoredRows, TUInsert, TUVInsert

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
#: Trigram rows written at once when the segments' rows are merged (:class:`_Spill`; bounds its memory).
MERGE = 1 << 14
#: A segment's ``fz_seg`` row (its trigram rows wait in :class:`_Spill`): number, first id, last id,
#: JSON of its languages, language codes, key lengths (uint16).
Segment = tuple[int, int, int, str, bytes, bytes]
#: ``fz_gram`` rows: trigram, segment, variants holding it, their list (None: a stop gram).
Rows = list[tuple[int, int, int, bytes | None]]
#: Variants to index: their ids (a list, or the first and last of consecutive ids), their
#: languages and texts (lists, or joined by a space and by U+0000).
Batch = tuple[list[int] | tuple[int, int], list[str] | str, list[str] | str]


class BatchFold:
    """A normalizer's :meth:`~workbench.text.normalize.Normalizer.fold` of many texts
    at once, with numpy: the code points of the texts joined by U+0000 looked up
    in one array of what each becomes (made at the first call), the removed ones
    and the second of two spaces left out. A text holding a character that
    becomes several is folded on its own (all are, when a text holds U+0000)."""

    def __init__(self, norm: Normalizer) -> None:
        self.norm = norm
        self.becomes: Any = None

    def _make(self) -> Any:
        """Per code point: the one it becomes; -1: removed; -2: several (or U+0000); U+0000 itself: the separator."""
        import numpy as np

        becomes = np.arange(0x110000, dtype=np.int32)
        for code, text in self.norm.table().items():
            becomes[code] = ord(text) if len(text) == 1 and text != "\0" else -1 if not text else -2
        becomes[0] = 0
        return becomes

    def __call__(self, texts: str | list[str], count: int) -> tuple[Any, Any]:
        """The keys of ``count`` texts (a list, or joined by U+0000: then none holds it), joined
        by U+0000, as code points (int32), and the length of each key (int64)."""
        import numpy as np

        if self.becomes is None:
            self.becomes = self._make()
        joined = texts if isinstance(texts, str) else "\0".join(texts)
        if joined.count("\0") != count - 1:  # U+0000 in a text
            if isinstance(texts, str):
                raise ValueError("texts joined by U+0000 that hold it")
            return _joined_codes([self.norm.fold(t) for t in texts])
        full = self.becomes[np.frombuffer(joined.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)]
        several = full == -2
        codes = full[full >= 0]
        if "space" in self.norm.folds:
            space = codes == 0x20
            twice = space[1:] & space[:-1]
            if twice.any():
                keep = np.ones(len(codes), dtype=bool)
                keep[1:] = ~twice
                codes = codes[keep]
        lengths = np.diff(np.flatnonzero(codes == 0), prepend=-1, append=len(codes)) - 1
        if several.any():
            codes = self._refold(joined, full, several, codes, lengths)
        return codes, lengths

    def _refold(self, joined: str, full: Any, several: Any, codes: Any, lengths: Any) -> Any:
        """``codes`` with the keys of the texts holding a character that becomes several made
        again one by one (their ``lengths`` set); ``full``: the code points looked up."""
        import numpy as np

        bounds = np.flatnonzero(full == 0)  # of the texts in joined
        text_starts = np.concatenate(([0], bounds + 1)).tolist()
        text_ends = np.concatenate((bounds, [len(full)])).tolist()
        key_starts = np.concatenate(([0], np.cumsum(lengths[:-1] + 1))).tolist()
        pieces, done = [], 0
        for i in sorted(set(np.cumsum(full == 0)[several].tolist())):
            key = self.norm.fold(joined[text_starts[i]: text_ends[i]])
            pieces += [codes[done: key_starts[i]], np.frombuffer(key.encode("utf-32-le", "surrogatepass"), np.int32)]
            done = key_starts[i] + lengths[i]
            lengths[i] = len(key)
        pieces.append(codes[done:])
        return np.concatenate(pieces)


def _joined_codes(keys: list[str]) -> tuple[Any, Any]:
    """:class:`BatchFold`'s result for keys made one by one (a key may hold U+0000)."""
    import numpy as np

    codes = np.frombuffer("\0".join(keys).encode("utf-32-le", "surrogatepass"), dtype=np.int32)
    return codes, np.fromiter(map(len, keys), np.int64, len(keys))


class SegmentMaker:
    """Folds batches of variants and lists their trigrams, segment by segment
    (``size`` consecutive ids from ``start``, numbered from ``seg``); :meth:`take`
    gives the segments whose ids are all read, and their trigram rows wait in
    :attr:`spill` for the end."""

    def __init__(self, fold: BatchFold, start: int, seg: int, size: int, stop_min: int, stop_share: float) -> None:
        import numpy as np

        self.np = np
        self.fold, self.size, self.stop_min, self.stop_share = fold, size, stop_min, stop_share
        self.seg = seg
        self.spill = _Spill()
        self.first = start
        self.last_seen = start - 1
        self._reset()
        self.done: list[Segment] = []

    def _reset(self) -> None:
        np = self.np
        self.lengths = np.zeros(self.size, dtype=np.uint16)
        self.langs = np.full(self.size, NONE, dtype=np.uint8)
        self.codes: dict[str, int] = {}  # primary language -> code
        self.tags: dict[str, int] = {}  # language as stored -> code
        self.parts: list[Any] = []

    def add(self, ids: Sequence[int], langs: list[str], texts: str | list[str]) -> None:
        """A batch of variants, in increasing id order, all past those before
        (``texts``: a list, or joined by U+0000 when none holds it)."""
        from .fuzzy import trigram_codes

        np = self.np
        if not ids:
            return
        codes, lengths = self.fold(texts, len(ids))
        starts = np.zeros(len(ids) + 1, dtype=np.int64)  # where each key starts in codes
        np.cumsum(lengths + 1, out=starts[1:])
        i = 0
        while i < len(ids):
            j = bisect_left(ids, self.first + self.size, i)
            if j > i:
                part = ids[i:j]
                offsets = (np.arange(part.start, part.stop, dtype=np.int64) if isinstance(part, range)
                           else np.fromiter(part, np.int64, len(part))) - self.first
                self.lengths[offsets] = np.minimum(lengths[i:j], _MAX_LENGTH)
                tags = langs[i:j]
                for tag in dict.fromkeys(tags):  # new ones coded in the order they come
                    if tag not in self.tags:
                        self._code(tag)
                self.langs[offsets] = np.fromiter(map(self.tags.__getitem__, tags), np.uint8, len(tags))
                self.parts.append(trigram_codes(codes[starts[i]: starts[j] - 1], lengths[i:j], offsets))
                self.last_seen = part[-1]
            if j < len(ids):
                self.close()
                while ids[j] >= self.first + self.size:  # a gap of whole segments
                    self.first += self.size
            i = j

    def _code(self, tag: str) -> None:
        from .fuzzy import primary

        self.tags[tag] = self.codes.setdefault(primary(tag), len(self.codes))
        if len(self.codes) >= NONE:
            raise codec.StoreDataError(f"more than {NONE - 1} languages in one segment of the fuzzy index")

    def close(self) -> None:
        """End the segment being made (if it holds a variant); the next one starts after it."""
        np = self.np
        if self.last_seen >= self.first:
            count = self.last_seen - self.first + 1
            docs = int(np.count_nonzero(self.langs[:count] != NONE))
            packed = np.concatenate(self.parts) if self.parts else np.zeros(0, np.int64)
            self.parts = []
            packed.sort(kind="stable")  # in place: sorted runs, merged
            offsets = (packed & 0xFFFF).astype("<u2")
            packed >>= 16  # the trigrams
            firsts = np.flatnonzero(np.concatenate(([True], packed[1:] != packed[:-1]))) if len(packed) else \
                np.zeros(0, np.int64)
            df = np.diff(firsts, append=len(packed))
            stop = max(self.stop_min, int(docs * self.stop_share))
            postings = offsets[np.repeat(df <= stop, df)].tobytes()  # the lists kept, one after another
            self.done.append((self.seg, self.first, self.last_seen,
                              json.dumps(sorted(self.codes, key=self.codes.__getitem__)),
                              self.langs[:count].tobytes(), self.lengths[:count].astype("<u2").tobytes()))
            self.spill.add(self.seg, packed[firsts], df.astype(np.int32), postings, stop)
            self.seg += 1
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
        self.last = start - 1
        #: newest-first keys (uint64, little-endian) of ids from :attr:`keys_from`, handed by an import (:meth:`_handed`)
        self.keys: Any = b""
        self.keys_from = start
        self.dates: dict[str | None, int] = {}  # date codes made
        self.progress = progress
        args = (BatchFold(index.norm), start, seg, fuzzy.SEGMENT_DOCS, fuzzy.STOP_MIN, fuzzy.STOP_SHARE)
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

    def feed(self, stored: StoredRows | None = None) -> None:
        """Index the variants stored since the last call (their segments as they are whole):
        those of ``stored``, the rows an import just inserted (:data:`~workbench.tm.store.StoredRows`)
        when they are all there is (in SQLite), else those read from the store."""
        if isinstance(self.db, sqlite3.Connection):
            if stored is not None and stored[1] and self._handed(*stored):
                return
            while (batch := self._joined()) is not None:
                self._add(batch)
            return
        cur = self.db.execute("SELECT id, lang, text FROM tuv WHERE id > ? ORDER BY id", (self.last,))
        while rows := cur.fetchmany(CHUNK):
            self._add(([r[0] for r in rows], [r[1] for r in rows], [r[2] for r in rows]))

    def _handed(self, tu_rows: list[TUInsert], tuv_rows: list[TUVInsert]) -> bool:
        """Index the ``tuv`` rows an import just inserted (the last ones, ids consecutive) and keep
        the :func:`~workbench.tm.fuzzy.newest` key of each for :meth:`_write`; False (nothing done)
        when they do not follow the last id indexed."""
        top = self.db.execute("SELECT max(id) FROM tuv").fetchone()[0]
        first = int(top or 0) - len(tuv_rows) + 1
        if first != self.last + 1:
            return False
        self._keep_newest(first, tu_rows, tuv_rows)
        for start in range(0, len(tuv_rows), CHUNK):
            rows = tuv_rows[start: start + CHUNK]
            langs, texts = [r[1] for r in rows], [r[2] for r in rows]
            joined_langs, joined_texts = " ".join(langs), "\0".join(texts)
            self._add(((first + start, first + start + len(rows) - 1),
                       joined_langs if joined_langs.count(" ") == len(rows) - 1 else langs,
                       joined_texts if joined_texts.count("\0") == len(rows) - 1 else texts))
        return True

    def _keep_newest(self, first: int, tu_rows: list[TUInsert], tuv_rows: list[TUVInsert]) -> None:
        """The newest-first keys of the variants ``first``... (``tuv_rows``, their TUs
        ``tu_rows``, ids consecutive), after those kept if they follow them."""
        import numpy as np

        from .fuzzy import ODD_DATE, date_code

        if len(self.dates) > 1 << 16:
            self.dates.clear()
        dates = self.dates
        changed = [r[5] for r in tu_rows]
        for date in set(changed).difference(dates):
            dates[date] = date_code(date)
        tus = np.fromiter([r[0] for r in tuv_rows], np.int64, len(tuv_rows))
        codes = np.fromiter(map(dates.__getitem__, changed), np.int64, len(changed))[tus - tu_rows[0][0]]
        big = tus > 0xFFFFFFFF  # as newest() takes them
        if big.any():
            codes[big], tus[big] = ODD_DATE, 0xFFFFFFFF
        keys = ((ODD_DATE - codes).astype(np.uint64) << np.uint64(32) | (0xFFFFFFFF - tus).astype(np.uint64)).astype("<u8")
        if len(self.keys) and self.keys_from + len(self.keys) == first:
            self.keys = np.concatenate((self.keys, keys))
        else:
            self.keys, self.keys_from = keys, first

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
        """Write the last segments and the trigram rows of all, in key order; the last id indexed."""
        if self.maker is not None:
            self.maker.close()
            self._write(self.maker.take())
            for rows in self.maker.spill.rows():
                self._insert(rows)
            self.maker.spill.close()
            return self.last
        self.to_helper.send_bytes(marshal.dumps(None))
        self.pending += 1
        self._drain(0)
        chunks = self._message("chunks")  # the helper sends each when asked: two under way
        for _ in range(min(chunks, 2)):
            self.to_helper.send_bytes(marshal.dumps(None))
        for done in range(chunks):
            rows = self._message("rows")
            if done + 2 < chunks:
                self.to_helper.send_bytes(marshal.dumps(None))
            self._insert(rows)
        return self.last

    def _insert(self, rows: Rows) -> None:
        self.db.executemany("INSERT INTO fz_gram(gram, seg, df, postings) VALUES (?, ?, ?, ?)", rows)

    def _message(self, kind: str, block: bool = True) -> Any:
        """The next message of the helper, of ``kind`` (its payload; an error raised)."""
        message = self.results.get(block=block)
        if message is None:
            self.proc.join()
            raise codec.StoreDataError(f"the indexing helper process ended unexpectedly (exit code {self.proc.exitcode})")
        if message[0] == "error":
            raise codec.StoreDataError(f"indexing failed: {message[1]}")
        if message[0] != kind:
            raise codec.StoreDataError(f"the indexing helper sent {message[0]}, not {kind}")
        return message[1]

    def _drain(self, most: int) -> None:
        """Write the segments the helper has sent, waiting for it while more
        than ``most`` batches are under way."""
        while self.pending:
            try:
                segments = self._message("segments", block=self.pending > most)
            except queue.Empty:
                return
            self.pending -= 1
            self._write([tuple(s) for s in segments])

    def _write(self, segments: list[Segment]) -> None:
        from .fuzzy import segment_order

        for seg, first, last, names, langs, lengths in segments:
            at = first - self.keys_from
            if at >= 0 and last - self.keys_from < len(self.keys):  # every id handed by the import
                newest = self.keys[at: last - self.keys_from + 1].tobytes()
                self.keys, self.keys_from = self.keys[last + 1 - self.keys_from:], last + 1
            else:
                newest = segment_order(self.db, first, last)
            self.db.execute("INSERT INTO fz_seg(seg, first, last, langs, lang, length, newest) VALUES (?, ?, ?, ?, ?, ?, ?)",
                            (seg, first, last, names, langs, lengths, newest))

    def close(self) -> None:
        """Stop the helper (if any) and wait for it."""
        if self.maker is not None:
            self.maker.spill.close()
        if self.proc is not None:
            if self.proc.is_alive():
                self.proc.kill()
            self.proc.join()
            self.to_helper.close()
            self.from_helper.close()
            self.proc = None


class _Spill:
    """The trigram rows of the segments written so far, kept apart until :meth:`rows` gives
    them all in ``fz_gram``'s key order, to be inserted at once (a segment's rows, inserted
    as they come, would land all over the table: its key is the trigram first; a large build
    would write the whole table again for every segment): the trigrams of each segment and
    the variants holding each in memory, their lists in a temporary file, one after another."""

    def __init__(self) -> None:
        self.file: Any = None
        self.segments: list[tuple[int, Any, Any, int]] = []  # segment, trigrams, variants holding each, stop threshold

    def add(self, seg: int, grams: Any, df: Any, postings: bytes, stop: int) -> None:
        """A segment's rows: its trigrams (int64), the variants holding each (int32), the lists
        of those held by at most ``stop`` variants, one after another (uint16 offsets)."""
        import tempfile

        if self.file is None:
            self.file = tempfile.TemporaryFile()  # noqa: SIM115 - kept open until close()
        self.file.write(postings)
        self.segments.append((seg, grams, df, stop))

    def chunks(self) -> int:
        """How many lists of rows :meth:`rows` gives."""
        return -(-sum(len(grams) for _, grams, _, _ in self.segments) // MERGE)

    def rows(self) -> Iterator[Rows]:
        """Every segment's rows, by trigram, then segment, :data:`MERGE` at a time: a list
        per trigram, none for a stop gram."""
        import numpy as np

        if not self.segments:
            return
        self.file.flush()
        sizes = [len(grams) for _, grams, _, _ in self.segments]
        numbers = np.array([seg for seg, *_ in self.segments], dtype=np.int64)
        grams = np.concatenate([grams for _, grams, _, _ in self.segments])
        df = np.concatenate([df for _, _, df, _ in self.segments])
        which = np.repeat(np.arange(len(sizes), dtype=np.int32), sizes)  # the segment of each row
        length = np.where(df <= np.repeat([stop for *_, stop in self.segments], sizes), 2 * df, 0)  # of its list
        held = np.bincount(which, weights=length, minlength=len(sizes)).astype(np.int64)  # bytes per segment
        cursor = (np.cumsum(held) - held).tolist()  # where each segment's next list is in the file
        order = np.argsort(grams, kind="stable")  # each segment's rows are in trigram order: merged
        for start in range(0, len(order), MERGE):
            at = order[start: start + MERGE]
            of, size = which[at], length[at]
            parts = []  # the lists of these rows, segment by segment
            for k, want in enumerate(np.bincount(of, weights=size, minlength=len(sizes)).astype(np.int64).tolist()):
                parts.append(_pread(self.file.fileno(), want, cursor[k]))
                cursor[k] += want
            lists = b"".join(parts)
            by_segment = np.argsort(of, kind="stable")
            begin = np.empty(len(at), dtype=np.int64)
            begin[by_segment] = np.cumsum(size[by_segment]) - size[by_segment]
            yield [(gram, seg, count, lists[b: b + n] if n else None) for gram, seg, count, b, n in
                   zip(grams[at].tolist(), numbers[of].tolist(), df[at].tolist(), begin.tolist(), size.tolist())]

    def close(self) -> None:
        if self.file is not None:
            self.file.close()
        self.file = None
        self.segments = []


def _pread(fd: int, size: int, offset: int) -> bytes:
    """``size`` bytes of file ``fd`` from ``offset``."""
    import os

    parts = []
    while size > 0:
        part = os.pread(fd, size, offset)
        if not part:
            raise OSError(f"the fuzzy index's temporary file ends {size} bytes short")
        parts.append(part)
        size -= len(part)
        offset += len(part)
    return b"".join(parts)


def _split(batch: Batch) -> tuple[Sequence[int], list[str], str | list[str]]:
    """A batch as :meth:`SegmentMaker.add` takes it: ids (a range where consecutive),
    languages (a list), texts (joined by U+0000, or a list)."""
    ids, langs, texts = batch
    return (range(ids[0], ids[1] + 1) if isinstance(ids, tuple) else ids,
            langs.split(" ") if isinstance(langs, str) else langs, texts)


def _serve(args: tuple[Any, ...], inbox: Any, outbox: Any, *parent_ends: Any) -> None:
    """The helper: a :class:`SegmentMaker` fed from ``inbox``; its segments to ``outbox``,
    then (after None) the last ones, how many chunks of trigram rows there are, and those,
    one each time asked."""
    for end in parent_ends:
        end.close()
    items = received(inbox)
    try:
        maker = SegmentMaker(*args)
        while (data := items.get()) is not None:
            batch = marshal.loads(data)
            if batch is None:
                maker.close()
                outbox.send_bytes(marshal.dumps(("segments", maker.take())))
                outbox.send_bytes(marshal.dumps(("chunks", maker.spill.chunks())))
                for rows in maker.spill.rows():
                    if items.get() is None:  # the caller is gone
                        return
                    outbox.send_bytes(marshal.dumps(("rows", rows)))
                return
            maker.add(*_split(batch))
            outbox.send_bytes(marshal.dumps(("segments", maker.take())))  # one answer a batch, maybe empty
    except (BrokenPipeError, KeyboardInterrupt):
        return  # the caller is gone or going
    except Exception as exc:  # noqa: BLE001 - said in the caller
        outbox.send_bytes(marshal.dumps(("error", f"{type(exc).__name__}: {exc}")))
    finally:
        outbox.close()
