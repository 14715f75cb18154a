"""Fuzzy lookup: exact by hash, folded keys, differing spans, recall against brute force."""
from __future__ import annotations

import random
from pathlib import Path

import pytest

from workbench.model import TU, TUV
from workbench.tm import Store
from workbench.tm.fuzzy import FuzzyIndex, lookup, similarity

WORDS = ("الاتفاقية الدول الأعضاء وقعت هانوي الجرائم الإلكترونية مكافحة المؤتمر الوزير نائب قال إن "
         "الأمم المتحدة مكتب المخدرات الجريمة فيينا التعاون الدولي الأدلة الرقمية حماية البيانات "
         "الحكومة التصديق البرلمان العام المقبل وفد رئيس الجلسة الختامية التوقيع الحفل").split()


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
