"""workbench.tm.indexer: the batch fold equals the normalizer's fold; variants read from SQLite
joined (ids as a range, texts joined by U+0000) give the index that the rows one by one give."""
from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from workbench.model import TU, TUV
from workbench.text.normalize import default_normalizer
from workbench.tm import Store, fuzzy
from workbench.tm.indexer import BatchFold, SegmentMaker

NORM = default_normalizer()
#: Characters the fold changes (removes, replaces, expands: ½ becomes 1⁄2), spaces, and any others.
_FOLDED = sorted(chr(c) for c in NORM.table() if c < 0x30000)
_CHARS = st.one_of(st.sampled_from(_FOLDED), st.sampled_from([" ", "\0", "½", "\u200c"]), st.characters())


@settings(max_examples=300, deadline=None)
@given(st.lists(st.text(_CHARS, max_size=12), max_size=8))
def test_the_batch_fold_is_the_fold_of_each_text(texts: list[str]) -> None:
    assert BatchFold(NORM)(texts) == [NORM.fold(t) for t in texts]


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
        maker = SegmentMaker(BatchFold(NORM), 1, fuzzy.SEGMENT_DOCS, fuzzy.STOP_MIN, fuzzy.STOP_SHARE)
        maker.add([r[0] for r in rows], [r[1] for r in rows], [r[2] for r in rows])
        maker.close()
        (first, last, names, langs, lengths, *_), = maker.take()
        found = index.lookup("الجملة رقم 5 ½", "ar", "en", 100.0)
    assert rows[-1][0] - rows[0][0] + 1 > len(rows)  # the gap
    assert [row[1:6] for row in built[0]] == [(first, last, names, langs, lengths)]
    assert len(built[1]) > 0 and found[0].target == f"Sentence{gap}number 5"
