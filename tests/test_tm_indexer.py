"""workbench.tm.indexer: the batch fold equals the normalizer's fold; the index built (in this
process or with the helper) is the one its definition gives, computed here one variant at a time
on a real memory; variants read from SQLite joined (ids as a range, texts joined by U+0000) give
the index that the rows one by one give."""
from __future__ import annotations

import json
import sqlite3
from collections import defaultdict
from itertools import groupby
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from workbench.model import TU, TUV
from workbench.text.normalize import default_normalizer
from workbench.tm import Store, fuzzy, indexer
from workbench.tm.indexer import BatchFold, SegmentMaker
from workbench.tm.transfer import import_file

TMX = Path(__file__).resolve().parents[1] / "tmx"

NORM = default_normalizer()
#: Characters the fold changes (removes, replaces, expands: ½ becomes 1⁄2), spaces, and any others.
_FOLDED = sorted(chr(c) for c in NORM.table() if c < 0x30000)
_CHARS = st.one_of(st.sampled_from(_FOLDED), st.sampled_from([" ", "\0", "½", "\u200c"]), st.characters())


@settings(max_examples=300, deadline=None)
@given(st.lists(st.text(_CHARS, max_size=12), max_size=8))
def test_the_batch_fold_is_the_fold_of_each_text(texts: list[str]) -> None:
    keys = [NORM.fold(t) for t in texts]
    want = (np.frombuffer("\0".join(keys).encode("utf-32-le", "surrogatepass"), np.int32).tolist(), [len(k) for k in keys])
    codes, lengths = BatchFold(NORM)(texts, len(texts))
    assert (codes.tolist(), lengths.tolist()) == want
    if texts and not any("\0" in t for t in texts):  # joined, as read from SQLite
        codes, lengths = BatchFold(NORM)("\0".join(texts), len(texts))
        assert (codes.tolist(), lengths.tolist()) == want


def _definition(db: sqlite3.Connection) -> tuple[list[tuple[object, ...]], list[tuple[object, ...]]]:
    """The index of every variant, one at a time, as fuzzy's docstring defines it: segments of
    SEGMENT_DOCS consecutive ids from 1, the lists of the trigrams inside the words of each key
    (a stop gram's list left out), each variant's primary language code and key length."""
    segs: list[tuple[object, ...]] = []
    grams: list[tuple[object, ...]] = []
    variants = db.execute("SELECT id, lang, text FROM tuv ORDER BY id").fetchall()
    for seg, (_, rows) in enumerate(groupby(variants, key=lambda r: (r[0] - 1) // fuzzy.SEGMENT_DOCS)):
        members = list(rows)
        first, last = (members[0][0] - 1) // fuzzy.SEGMENT_DOCS * fuzzy.SEGMENT_DOCS + 1, members[-1][0]
        codes: dict[str, int] = {}
        langs = bytearray([255] * (last - first + 1))
        lengths = np.zeros(last - first + 1, "<u2")
        lists: dict[int, list[int]] = defaultdict(list)
        for tuv, lang, text in members:
            key = NORM.fold(text)
            langs[tuv - first] = codes.setdefault(lang.split("-")[0].lower(), len(codes))
            lengths[tuv - first] = min(len(key), 0xFFFF)
            c = [ord(ch) & 0x7FFF for ch in key]
            for gram in {a << 30 | b << 15 | d for a, b, d in zip(c, c[1:], c[2:]) if not {a, b, d} & {0, 32}}:
                lists[gram].append(tuv - first)
        stop = max(fuzzy.STOP_MIN, int(len(members) * fuzzy.STOP_SHARE))
        segs.append((seg, first, last, json.dumps(list(codes)), bytes(langs), lengths.tobytes(),
                     fuzzy.segment_order(db, first, last)))
        grams += [(gram, seg, len(held), np.array(held, "<u2").tobytes() if len(held) <= stop else None)
                  for gram, held in lists.items()]
    return segs, sorted(grams, key=lambda row: (row[0], row[1]))


@pytest.mark.parametrize("helper", [False, True])
def test_the_index_is_the_one_its_definition_gives(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                   helper: bool) -> None:
    # small segments, stop grams and merges: every part of the build at work on a few hundred variants
    monkeypatch.setattr(fuzzy, "SEGMENT_DOCS", 32)
    monkeypatch.setattr(fuzzy, "STOP_MIN", 6)
    monkeypatch.setattr(fuzzy, "PARALLEL_DOCS", 1 if helper else 1 << 62)
    monkeypatch.setattr(indexer, "CHUNK", 50)
    monkeypatch.setattr(indexer, "MERGE", 37)
    odd = [TU((TUV.plain("ar", f"نصف ½ كوب رقم {i}"), TUV.plain("en-GB", f"half\0a cup ﬁne {i}")), (("srclang", "ar"),))
           for i in range(30)]  # characters that fold to several; U+0000: read one by one
    with Store(tmp_path / "tm.sqlite") as store:
        import_file(store, TMX / "hanoi-convention.ar-en.tmx")
        store.add_tus(odd)
        import_file(store, TMX / "hanoi-convention.fa-en.tmx")
        store.add_tus([TU((TUV.plain("ar", "نصف ½ كوب رقم 3"), TUV.plain("en", "Three")), (("srclang", "ar"),))],
                      on_duplicate="replace")  # a gap in the ids
        fuzzy.FuzzyIndex(store).build()
        built = _index(store.db)
        want = _definition(store.db)
    assert len(want[0]) >= 8 and sum(row[3] is None for row in want[1]) > 10  # segments, stop grams
    assert built[0] == want[0]
    assert built[1] == want[1]


def _index(db: sqlite3.Connection) -> tuple[list[tuple[object, ...]], list[tuple[object, ...]]]:
    return (db.execute("SELECT seg, first, last, langs, lang, length, newest FROM fz_seg ORDER BY seg").fetchall(),
            db.execute("SELECT gram, seg, df, postings FROM fz_gram ORDER BY gram, seg").fetchall())


@pytest.mark.parametrize("nul", [False, True])
def test_variants_joined_by_sqlite_index_as_the_rows_one_by_one(tmp_path: Path, nul: bool) -> None:
    gap = "\0" if nul else " "  # U+0000: those rows are read one by one
    tus = [TU((TUV.plain("ar", f"الجملة رقم {i} ½"), TUV.plain("en", f"Sentence{gap}number {i}")), (("srclang", "ar"),))
           for i in range(40)]
    with Store(tmp_path / "tm.sqlite") as store:
        store.add_tus(tus)
        store.add_tus([TU((TUV.plain("ar", "الجملة رقم 7 ½"), TUV.plain("en", "Seven")), (("srclang", "ar"),))],
                      on_duplicate="replace")  # a gap in the ids
        index = fuzzy.FuzzyIndex(store)
        index.build()
        built = _index(store.db)
        rows = store.db.execute("SELECT id, lang, text FROM tuv ORDER BY id").fetchall()
        maker = SegmentMaker(BatchFold(NORM), 1, 0, fuzzy.SEGMENT_DOCS, fuzzy.STOP_MIN, fuzzy.STOP_SHARE)
        maker.add([r[0] for r in rows], [r[1] for r in rows], [r[2] for r in rows])
        maker.close()
        (_, first, last, names, langs, lengths), = maker.take()
        made = [row for rows in maker.spill.rows() for row in rows]
        maker.spill.close()
        found = index.lookup("الجملة رقم 5 ½", "ar", "en", 100.0)
    assert rows[-1][0] - rows[0][0] + 1 > len(rows)  # the gap
    assert [row[1:6] for row in built[0]] == [(first, last, names, langs, lengths)]
    assert len(built[1]) > 0 and made == built[1] and found[0].target == f"Sentence{gap}number 5"


@pytest.mark.parametrize("helper", [False, True])
def test_the_index_made_as_an_import_stores_is_the_one_its_definition_gives(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, helper: bool) -> None:
    # as `wb tm import` makes it: fed the rows of each batch written, or (after variants were
    # added to stored TUs) reading them from the store; the TUs' dates in the newest-first keys
    from workbench.tm import store as store_module

    monkeypatch.setattr(fuzzy, "SEGMENT_DOCS", 32)
    monkeypatch.setattr(fuzzy, "STOP_MIN", 6)
    monkeypatch.setattr(indexer, "CHUNK", 50)
    monkeypatch.setattr(store_module, "_BATCH", 40)
    handed: list[bool] = []
    real = indexer.Indexer._handed
    monkeypatch.setattr(indexer.Indexer, "_handed", lambda self, *rows: handed.append(real(self, *rows)) or handed[-1])
    dated = [TU((TUV.plain("ar", f"جملة مؤرخة رقم {i}"), TUV.plain("en", f"Dated\0sentence {i}")),
                (("srclang", "ar"), ("changedate", f"2024{i % 12 + 1:02d}01T000000Z"))) for i in range(100)]
    more = [TU((TUV.plain("ar", f"جملة مؤرخة رقم {i}"), TUV.plain("fr", f"Phrase {i}")), (("srclang", "ar"),))
            for i in range(0, 100, 7)]  # merged: variants added to stored TUs
    with Store(tmp_path / "tm.sqlite") as store, store.transaction():
        index = fuzzy.FuzzyIndex(store)
        made = index.indexer(*index.resume(), total=1 << 62 if helper else 0)
        try:
            import_file(store, TMX / "hanoi-convention.ar-en.tmx", stored=made.feed)
            store.add_tus(dated, stored=made.feed)
            store.add_tus(more, stored=made.feed)
            import_file(store, TMX / "hanoi-convention.fa-en.tmx", stored=made.feed)
            made.feed()
            index.finished(made.finish())
        finally:
            made.close()
        built = _index(store.db)
        want = _definition(store.db)
        assert store.setting("fuzzy") == "fresh"
    assert True in handed and False in handed  # both ways
    assert built[0] == want[0]
    assert built[1] == want[1]
