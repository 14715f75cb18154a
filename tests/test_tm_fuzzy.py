"""Fuzzy lookup: exact by hash, folded keys, differing spans, recall against brute force."""
from __future__ import annotations

import multiprocessing
import random
from pathlib import Path

import pytest

from workbench.model import FUZZY_PROP, TU, TUV, Prop
from workbench.tm import Store, fuzzy
from workbench.tm.fuzzy import FuzzyIndex, lookup, similarity

WORDS = ["الاتفاقية", "الدول", "الأعضاء", "وقعت", "هانوي", "الجرائم", "الإلكترونية", "مكافحة", "المؤتمر", "الوزير", "نائب", "قال", "إن", "الأمم", "المتحدة", "مكتب", "المخدرات", "الجريمة", "فيينا", "التعاون", "الدولي", "الأدلة", "الرقمية", "حماية", "البيانات", "الحكومة", "التصديق", "البرلمان", "العام", "المقبل", "وفد", "رئيس", "الجلسة", "الختامية", "التوقيع", "الحفل"]


def pair(ar: str, en: str) -> TU:
    return TU((TUV.plain("ar", ar), TUV.plain("en", en)), (("srclang", "ar"),))


@pytest.fixture
def store(tmp_path: Path) -> Store:
    with Store(tmp_path / "tm.sqlite") as s:
        s.add_tus([
            pair("وقعت الدول الأعضاء على الاتفاقية في هانوي", "Member states signed the convention in Hanoi"),
            pair("قال نائب الوزير إن الاتفاقية مهمة", "The deputy minister said the convention is important"),
            pair("عقد مؤتمر صحفي في هانوي ٢٠٢٤", "A press conference was held in Hanoi in 2024"),
            pair("آژانس‌های سازمان ملل", "United Nations agencies"),
            TU((TUV.plain("ar", "نص بلا ترجمة إنجليزية"), TUV.plain("fr", "texte")), (("srclang", "ar"),)),
        ])
        yield s


def test_exact_match_ignores_what_the_key_folds(store: Store) -> None:
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


def test_fuzzy_match_with_differing_spans(store: Store) -> None:
    (m,) = lookup(store, "وقعت الدول على الاتفاقية في هانوي", "ar", "en", min_score=70, limit=5)
    assert m.score == similarity("وقعت الدول على الاتفاقية في هانوي", "وقعت الدول الاعضاء على الاتفاقية في هانوي")
    assert 75 < m.score < 100
    assert [m.source[s.start:s.end] for s in m.diff] == ["الأعضاء "]


def test_min_limit_and_target_language(store: Store) -> None:
    assert lookup(store, "شيء مختلف تماما عن كل ما سبق", "ar", "en", min_score=70) == []
    assert lookup(store, "نص بلا ترجمة إنجليزية", "ar", "en") == []  # no English variant
    (m,) = lookup(store, "نص بلا ترجمة إنجليزية", "ar", "fr")
    assert m.target == "texte"
    assert len(lookup(store, "في هانوي", "ar", "en", min_score=1, limit=2)) == 2


def test_index_follows_the_memory(store: Store) -> None:
    index = FuzzyIndex(store)
    assert index.lookup("جملة جديدة تماما", "ar", "en") == []
    store.add_tus([pair("جملة جديدة تماما", "A brand new sentence")])
    assert index.stale()
    assert index.lookup("جملة جديدة تماما", "ar", "en")[0].score == 100.0
    assert not index.stale()


def test_recall_against_brute_force(tmp_path: Path) -> None:
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
    with Store(tmp_path / "tm.sqlite") as s:
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


def test_an_import_that_only_adds_is_indexed_as_a_new_segment(store: Store) -> None:
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


def test_a_replacing_import_or_too_many_segments_make_the_index_again(store: Store,
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


def _index_tables(store: Store) -> list[list[tuple[object, ...]]]:
    return [store.db.execute(f"SELECT * FROM {table} ORDER BY 1, 2").fetchall() for table in ("fz_seg", "fz_gram")]


def test_a_build_with_a_helper_process_makes_the_same_index(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
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
        with Store(tmp_path / f"{parallel}.sqlite") as s:
            s.add_tus(tus, on_duplicate="add")
            FuzzyIndex(s).build()
            tables.append(_index_tables(s))
            assert [m.tu for m in lookup(s, tus[10].tuvs[0].text, "ar", "en")][:1] == [11]
    assert tables[1] == tables[0] and len(tables[0][0]) == 3 and len(tables[0][1]) > 100
    assert not multiprocessing.active_children()


def test_a_fuzzy_marked_tu_is_never_a_full_match(tmp_path: Path) -> None:
    def en_ar(en: str, ar: str, *props: Prop) -> TU:
        return TU((TUV.plain("en", en), TUV.plain("ar", ar)), (("srclang", "en"),), props)

    with Store(tmp_path / "f.sqlite") as s:
        s.add_tus([en_ar("Close the window", "أغلق الملف", Prop(FUZZY_PROP, "true")),  # a PO fuzzy entry, kept
                   en_ar("Close the windows", "أغلق النوافذ")])
        found = lookup(s, "Close the window", "en", "ar", min_score=50, limit=2)
        assert [(m.target, m.score, m.fuzzy) for m in found] == [
            ("أغلق النوافذ", similarity("close the window", "close the windows"), False),
            ("أغلق الملف", 100.0 - fuzzy.FUZZY_PENALTY, True)]
        assert found[1].as_dict()["fuzzy"] is True
        assert [m.target for m in lookup(s, "Close the window", "en", "ar", limit=1)] == ["أغلق النوافذ"]
        assert lookup(s, "Close the window", "en", "ar", min_score=95) == []  # 90 after the penalty


