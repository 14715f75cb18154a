"""Fuzzy lookup on both engines: exact by hash, folded keys, differing spans, recall against brute force."""
from __future__ import annotations

import math
import multiprocessing
import os
import random
import subprocess
import sys
from array import array
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from workbench.model import FUZZY_PROP, TU, TUV, Prop
from workbench.tm import fuzzy
from workbench.tm.engine import TMStore, open_store
from workbench.tm.fuzzy import FuzzyIndex, lookup, similarity

WORDS = ["الاتفاقية", "الدول", "الأعضاء", "وقعت", "هانوي", "الجرائم", "الإلكترونية", "مكافحة", "المؤتمر", "الوزير", "نائب", "قال", "إن", "الأمم", "المتحدة", "مكتب", "المخدرات", "الجريمة", "فيينا", "التعاون", "الدولي", "الأدلة", "الرقمية", "حماية", "البيانات", "الحكومة", "التصديق", "البرلمان", "العام", "المقبل", "وفد", "رئيس", "الجلسة", "الختامية", "التوقيع", "الحفل"]


def pair(ar: str, en: str) -> TU:
    return TU((TUV.plain("ar", ar), TUV.plain("en", en)), (("srclang", "ar"),))


@pytest.fixture
def store(store_spec: str | Path) -> Iterator[TMStore]:
    """A small memory on each engine (SQLite, PostgreSQL)."""
    with open_store(store_spec) as s:
        s.add_tus([
            pair("وقعت الدول الأعضاء على الاتفاقية في هانوي", "Member states signed the convention in Hanoi"),
            pair("قال نائب الوزير إن الاتفاقية مهمة", "The deputy minister said the convention is important"),
            pair("عقد مؤتمر صحفي في هانوي ٢٠٢٤", "A press conference was held in Hanoi in 2024"),
            pair("آژانس‌های سازمان ملل", "United Nations agencies"),
            TU((TUV.plain("ar", "نص بلا ترجمة إنجليزية"), TUV.plain("fr", "texte")), (("srclang", "ar"),)),
        ])
        yield s


def test_exact_match_ignores_what_the_key_folds(store: TMStore) -> None:
    # diacritics, hamza, alef maqsura, Latin digits
    (m,) = lookup(store, "وَقَّعت الدول الاعضاء على الإتفاقية فى هانوي", "ar", "en", limit=1)
    assert m.score == 100.0 and m.target.startswith("Member states") and m.diff == ()
    (m,) = lookup(store, "عقد مؤتمر صحفي في هانوي 2024", "ar", "en", limit=1)
    assert m.score == 100.0
    (m,) = lookup(store, "آژانسهای سازمان ملل", "fa", "en", limit=1) or lookup(store, "آژانسهای سازمان ملل", "ar", "en", limit=1)
    assert m.score == 100.0
    (m,) = lookup(store, "في", "ar", "en", min_score=1, limit=1)  # shorter than a trigram: scored by length
    fold = FuzzyIndex(store).fold
    assert m.score == max(similarity("في", fold(t.tuvs[0].text)) for t in store.tus() if t.variant("en"))


def test_fuzzy_match_with_differing_spans(store: TMStore) -> None:
    (m,) = lookup(store, "وقعت الدول على الاتفاقية في هانوي", "ar", "en", min_score=70, limit=5)
    assert m.score == similarity("وقعت الدول على الاتفاقية في هانوي", "وقعت الدول الاعضاء على الاتفاقية في هانوي")
    assert 75 < m.score < 100
    assert [m.source[s.start:s.end] for s in m.diff] == ["الأعضاء "]


def test_min_limit_and_target_language(store: TMStore) -> None:
    assert lookup(store, "شيء مختلف تماما عن كل ما سبق", "ar", "en", min_score=70) == []
    assert lookup(store, "نص بلا ترجمة إنجليزية", "ar", "en") == []  # no English variant
    (m,) = lookup(store, "نص بلا ترجمة إنجليزية", "ar", "fr")
    assert m.target == "texte"
    assert len(lookup(store, "في هانوي", "ar", "en", min_score=1, limit=2)) == 2


def test_index_follows_the_memory(store: TMStore) -> None:
    index = FuzzyIndex(store)
    assert index.lookup("جملة جديدة تماما", "ar", "en") == []
    store.add_tus([pair("جملة جديدة تماما", "A brand new sentence")])
    assert index.stale()
    assert index.lookup("جملة جديدة تماما", "ar", "en")[0].score == 100.0
    assert not index.stale()


def test_recall_against_brute_force(store_spec: str | Path) -> None:
    rng = random.Random(7)
    bases = [[rng.choice(WORDS) for _ in range(rng.randint(6, 16))] for _ in range(400)]

    def variant(words: list[str]) -> str:
        out = list(words)
        for _ in range(rng.randint(0, 3)):
            i = rng.randrange(len(out))
            op = rng.random()
            if op < 0.4:
                out[i] = rng.choice(WORDS)
            elif op < 0.7:
                out.insert(i, rng.choice(WORDS))
            elif len(out) > 3:
                del out[i]
        return " ".join(out)

    tus = [pair(variant(b), f"sentence {i}") for i, b in enumerate(bases) for _ in range(4)]
    queries = [variant(rng.choice(bases)) for _ in range(60)]
    with open_store(store_spec) as s:
        s.add_tus(tus, on_duplicate="add")
        index = FuzzyIndex(s)
        same_best = same_top5 = 0
        for q in queries:
            got = [m.score for m in index.lookup(q, "ar", "en", min_score=50, limit=5)]
            want = index.brute_force(q, "ar", min_score=50, limit=5)
            same_best += got[:1] == want[:1]
            same_top5 += got == want
    assert same_best == len(queries)
    assert same_top5 >= 0.95 * len(queries)


def _answers(index: FuzzyIndex, query: str) -> list[tuple[float, int, str]]:
    return sorted((m.score, m.tu, m.target) for m in index.lookup(query, "ar", "en", min_score=40, limit=10))


def test_an_import_that_only_adds_is_indexed_as_a_new_segment(store: TMStore) -> None:
    index, other = FuzzyIndex(store), FuzzyIndex(store)
    index.build()
    query = "وقعت الدول على الاتفاقية الجديدة في فيينا اليوم"
    before = _answers(other, query)
    grams = store.db.execute("SELECT * FROM fz_gram ORDER BY gram, seg").fetchall()
    store.add_tus([pair("وقعت الدول على الاتفاقية الجديدة في فيينا", "States signed the new convention in Vienna"),
                   pair("قال نائب الوزير إن الاتفاقية مهمة", "The deputy minister said it matters")])  # an alternative translation
    assert store.setting("fuzzy") == "appended" and index.stale()
    index.build()
    assert not index.stale()
    assert store.db.execute("SELECT count(*) FROM fz_seg").fetchone()[0] == 2
    assert store.db.execute("SELECT * FROM fz_gram WHERE seg = 0 ORDER BY gram, seg").fetchall() == grams
    appended = _answers(other, query)  # an index opened before the append sees the new segment too
    assert appended != before and appended[-1][0] > 80
    store.set_setting("fuzzy", "stale")
    assert _answers(FuzzyIndex(store), query) == appended  # what a whole build answers
    assert store.db.execute("SELECT count(*) FROM fz_seg").fetchone()[0] == 1


def test_a_replacing_import_or_too_many_segments_make_the_index_again(store: TMStore,
                                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    index = FuzzyIndex(store)
    index.build()
    store.add_tus([pair("قال نائب الوزير إن الاتفاقية مهمة", "Replaced")], on_duplicate="replace")
    assert store.setting("fuzzy") == "stale"
    index.build()
    assert store.db.execute("SELECT count(*) FROM fz_seg").fetchone()[0] == 1
    monkeypatch.setattr(fuzzy, "MAX_SEGMENTS", 1)
    store.add_tus([pair("جملة أولى جديدة", "First"), pair("جملة ثانية جديدة", "Second")])
    assert store.setting("fuzzy") == "appended"
    index.build()
    assert store.db.execute("SELECT count(*), min(first), max(last) FROM fz_seg").fetchone() == (
        1, 1, store.db.execute("SELECT max(id) FROM tuv").fetchone()[0])
    assert index.lookup("جملة ثانية جديدة", "ar", "en")[0].target == "Second"


def _index_tables(store: TMStore) -> list[list[tuple[object, ...]]]:
    return [store.db.execute(f"SELECT * FROM {table} ORDER BY 1, 2").fetchall() for table in ("fz_seg", "fz_gram")]


def test_a_build_with_a_helper_process_makes_the_same_index(new_spec: Callable[[], str | Path],
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    rng = random.Random(3)
    tus = [TU((TUV.plain("ar", " ".join(rng.choice(WORDS) for _ in range(rng.randint(3, 14)))),
               TUV.plain("en", f"sentence {i}"), TUV.plain("fa-IR", f"جمله {i}")), (("srclang", "ar"),))
           for i in range(3000)]
    from workbench.tm import indexer

    monkeypatch.setattr(indexer, "CHUNK", 700)  # several batches, a segment ending inside one
    monkeypatch.setattr(indexer, "AHEAD", 2)
    monkeypatch.setattr(fuzzy, "SEGMENT_DOCS", 4000)
    tables = []
    for parallel in (False, True):
        monkeypatch.setattr(fuzzy, "PARALLEL_DOCS", 0 if parallel else 10**9)
        with open_store(new_spec()) as s:
            s.add_tus(tus, on_duplicate="add")
            FuzzyIndex(s).build()
            tables.append(_index_tables(s))
            assert [m.tu for m in lookup(s, tus[10].tuvs[0].text, "ar", "en")][:1] == [11]
    assert tables[1] == tables[0] and len(tables[0][0]) == 3 and len(tables[0][1]) > 100
    assert not multiprocessing.active_children()


def test_a_fuzzy_marked_tu_is_never_a_full_match(store_spec: str | Path) -> None:
    def en_ar(en: str, ar: str, *props: Prop) -> TU:
        return TU((TUV.plain("en", en), TUV.plain("ar", ar)), (("srclang", "en"),), props)

    with open_store(store_spec) as s:
        s.add_tus([en_ar("Close the window", "أغلق الملف", Prop(FUZZY_PROP, "true")),  # a PO fuzzy entry, kept
                   en_ar("Close the windows", "أغلق النوافذ")])
        found = lookup(s, "Close the window", "en", "ar", min_score=50, limit=2)
        assert [(m.target, m.score, m.fuzzy) for m in found] == [
            ("أغلق النوافذ", similarity("close the window", "close the windows"), False),
            ("أغلق الملف", 100.0 - fuzzy.FUZZY_PENALTY, True)]
        assert found[1].as_dict()["fuzzy"] is True
        assert [m.target for m in lookup(s, "Close the window", "en", "ar", limit=1)] == ["أغلق النوافذ"]
        assert lookup(s, "Close the window", "en", "ar", min_score=95) == []  # 90 after the penalty


def test_candidates_are_the_best_ranked_variants_of_the_lists_read(store_spec: str | Path,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    """Candidates as the module says, counted here from the stored lists and texts: the
    rarest trigrams within the budget, then the variants of the language and length range
    by Dice rank over them, ties lowest id first; several segments, stop grams left out.
    The ranking in Python (a process's first lookup) gives the same as numpy's."""
    monkeypatch.setattr(fuzzy, "SEGMENT_DOCS", 300)
    monkeypatch.setattr(fuzzy, "STOP_MIN", 20)
    monkeypatch.setattr(fuzzy, "BUDGET", 400)
    monkeypatch.setattr(fuzzy, "MIN_GRAMS", 3)
    rng = random.Random(11)
    sentences = [" ".join(rng.choice(WORDS) for _ in range(rng.randint(2, 12))) for _ in range(900)]
    queries = [" ".join(rng.choice(WORDS) for _ in range(rng.randint(3, 10))) for _ in range(25)]
    with open_store(store_spec) as s:
        s.add_tus([pair(t, f"sentence {i}") for i, t in enumerate(sentences)], on_duplicate="add")
        index = FuzzyIndex(s)
        index.build()
        fold = index.norm.fold
        arabic = {i: len(fold(t)) for i, lang, t in s.db.execute("SELECT id, lang, text FROM tuv") if lang == "ar"}
        firsts = dict(s.db.execute("SELECT seg, first FROM fz_seg").fetchall())
        rows = s.db.execute("SELECT gram, seg, df, postings FROM fz_gram").fetchall()
        assert len(firsts) >= 3 and any(p is None for *_, p in rows)
        for q in queries:
            key = fold(q)
            grams = set(fuzzy.query_grams(key))
            mine = [r for r in rows if r[0] in grams]
            listed = sorted((sum(r[2] for r in mine if r[0] == g), g) for g in {r[0] for r in mine}
                            if all(r[3] is not None for r in mine if r[0] == g))
            chosen = [g for n, (_, g) in enumerate(listed) if sum(df for df, _ in listed[: n + 1]) <= 400 or n < 3]
            counts: dict[int, int] = {}
            for gram, seg, _, blob in mine:
                if gram in chosen:
                    for offset in array("H", blob):
                        counts[firsts[seg] + offset] = counts.get(firsts[seg] + offset, 0) + 1
            for least, limit in ((50.0, 400), (80.0, 7)):
                m = least / 100
                lo, hi = math.ceil(m * len(key) - 1e-9), math.floor(len(key) / m + 1e-9)
                share = len(chosen) / len(grams)
                ranked = sorted((-c / (len(chosen) + share * max(arabic[d] - fuzzy.Q + 1, 1)), d)
                                for d, c in counts.items() if d in arabic and lo <= arabic[d] <= hi)
                assert index.candidates(key, "ar", least, limit) == [d for _, d in ranked[:limit]]
                in_python = index._rank_in_python(index._lists(chosen), len(chosen), share,  # a process's first lookup
                                                  index._ensure()["ar"], lo, hi, limit)
                assert in_python == [d for _, d in ranked[:limit]]
                assert index.candidates(key, "fa", least, limit) == []


def test_a_ranking_in_python_refuses_a_damaged_list_whatever_its_neighbours(store: TMStore) -> None:
    """The lists of a segment are counted together: each must be 16-bit numbers (two odd ones
    side by side are not), and name variants the segment holds."""
    from workbench.tm.codec import StoreDataError

    index = FuzzyIndex(store)
    code = index._ensure()["ar"]
    seg = next(iter(index._firsts))
    for lists, why in (([(seg, b"\x01"), (seg, b"\x00\x00\x00")], "not 16-bit numbers"),
                       ([(seg, b"\x00\x00"), (seg, b"\xff\x7f")], "names variants no segment holds")):
        with pytest.raises(StoreDataError, match=why):
            index._rank_in_python(lists, 2, 1.0, code, 0, 1000, 5)
    assert index._rank_in_python([(seg, b"\x00\x00"), (seg, b"\x00\x00")], 2, 1.0, code, 0, 1000, 5) == \
        [index._firsts[seg]]


def test_a_lookup_reads_the_memory_at_one_moment(store_spec: str | Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """An import and its index committed by another process in the middle of a lookup
    (between its reads of the segments and of the lists) is not seen by it, in part or whole."""
    query = "وقعت الدول الأعضاء على الاتفاقية في فيينا"
    with open_store(store_spec) as s:
        s.add_tus([pair("وقعت الدول الأعضاء على الاتفاقية في هانوي", "Member states signed the convention in Hanoi")])
        index = FuzzyIndex(s)
        before = [(m.score, m.tu) for m in index.lookup(query, "ar", "en", 50.0)]
        rarest = FuzzyIndex._rarest

        def meanwhile(self: FuzzyIndex, grams: list[int]) -> list[int]:
            with open_store(store_spec) as other:
                other.add_tus([pair(query, "Member states signed the convention in Vienna")])
                FuzzyIndex(other).build()
            return rarest(self, grams)
        monkeypatch.setattr(FuzzyIndex, "_rarest", meanwhile)
        assert [(m.score, m.tu) for m in index.lookup(query, "ar", "en", 50.0)] == before
        monkeypatch.undo()
        assert [(m.score, m.tu) for m in index.lookup(query, "ar", "en", 50.0)] == [(100.0, 2), *before]


def test_a_process_first_lookup_ranks_without_numpy(tmp_path: Path) -> None:
    """`wb tm lookup` answering one segment does not import numpy (its import costs
    more than ranking in Python); the answer is the one a later lookup gives."""
    db = tmp_path / "m.sqlite"
    with open_store(db) as s:
        s.add_tus([pair(f"وقعت الدول {w} على الاتفاقية", f"sentence {w}") for w in WORDS], on_duplicate="add")
        FuzzyIndex(s).build()
    code = ("import sys; from workbench.tm.store import Store; from workbench.tm.fuzzy import FuzzyIndex\n"
            f"index = FuzzyIndex(Store({str(db)!r}))\n"
            "first = index.lookup('وقعت الدول على الاتفاقية', 'ar', 'en', min_score=50)\n"
            "assert 'numpy' not in sys.modules\n"
            "assert index.lookup('وقعت الدول على الاتفاقية', 'ar', 'en', min_score=50) == first and first\n"
            "assert 'numpy' in sys.modules")
    subprocess.run([sys.executable, "-c", code], check=True, cwd=tmp_path,
                   env={**os.environ, "PYTHONPATH": str(Path(__file__).parents[1])})
