"""Concordance: every segment holding a phrase, found on the match key, at its real place."""
from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from workbench.errors import InputError
from workbench.model import TU, TUV
from workbench.tm import Store, fuzzy
from workbench.tm.concordance import concordance
from workbench.tm.fuzzy import FuzzyIndex


def pair(ar: str, en: str) -> TU:
    return TU((TUV.plain("ar", ar), TUV.plain("en", en)), (("srclang", "ar"),))


@pytest.fixture
def store(tmp_path: Path) -> Store:
    with Store(tmp_path / "tm.sqlite") as s:
        s.add_tus([
            pair("وقعت الدول على اتفاقية هانوي", "States signed the Hanoi Convention"),
            pair("وتعد لاتفاقيّة هانوي أهمية كبيرة، واتفاقية هانوي أول معاهدة", "The Hanoi Convention matters; it is the first"),
            pair("قال الوزير إن الاتفاقية مهمة", "The minister said the convention is important"),
            TU((TUV.plain("fa", "آژانس‌های سازمان ملل"), TUV.plain("en", "UN agencies")), (("srclang", "fa"),)),
            TU((TUV.plain("fa", "نمایندگان آژانسهای سازمان ملل ۲۰۲۴"), TUV.plain("en", "UN agency envoys 2024")),
               (("srclang", "fa"),)),
        ])
        yield s


def _shown(found) -> list[list[str]]:  # type: ignore[no-untyped-def]
    return [[o.text[s.start:s.end] for s in o.spans] for o in found]


def test_clitics_diacritics_and_every_occurrence_at_its_place(store: Store) -> None:
    found = concordance(store, "اتفاقية هانوي", "ar", "en")
    assert [o.translation for o in found] == ["States signed the Hanoi Convention",
                                             "The Hanoi Convention matters; it is the first"]
    assert _shown(found) == [["اتفاقية هانوي"], ["اتفاقيّة هانوي", "اتفاقية هانوي"]]


def test_zwnj_and_digits_do_not_hide_a_phrase(store: Store) -> None:
    found = concordance(store, "آژانسهای سازمان ملل 2024", "fa")
    assert _shown(found) == [["آژانسهای سازمان ملل ۲۰۲۴"]] and found[0].translation == "UN agency envoys 2024"
    assert _shown(concordance(store, "آژانس‌های", "fa")) == [["آژانس‌های"], ["آژانسهای"]]


def test_other_side_shortest_first_limit_and_nothing(store: Store) -> None:
    found = concordance(store, "hanoi convention", "en", "ar")
    assert [o.text for o in found] == ["States signed the Hanoi Convention", "The Hanoi Convention matters; it is the first"]
    assert found[0].translation_lang == "ar"
    assert len(concordance(store, "هانوي", "ar", limit=1)) == 1
    assert concordance(store, "كلمة غائبة", "ar") == []
    assert concordance(store, "ثث", "ar") == []  # shorter than a trigram: scanned
    assert _shown(concordance(store, "هم", "ar")) == [["هم"], ["هم"]]  # in مهمة and أهمية
    with pytest.raises(InputError, match="empty phrase"):
        concordance(store, "  ", "ar")


def test_appended_variants_and_stop_grams_are_searched(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    FuzzyIndex(store).build()
    store.add_tus([pair("اتفاقية هانوي", "Hanoi Convention")])  # a tail document
    assert [o.text for o in concordance(store, "اتفاقية هانوي", "ar")][0] == "اتفاقية هانوي"
    monkeypatch.setattr(fuzzy, "STOP_MIN", 1)
    monkeypatch.setattr(fuzzy, "STOP_SHARE", 0.0)
    store.set_setting("fuzzy", "stale")
    FuzzyIndex(store).build()  # every trigram a stop gram: no lists, a scan
    assert len(concordance(store, "اتفاقية هانوي", "ar")) == 3


ALPHABET = "ابتث جح"


@settings(max_examples=60)
@given(st.lists(st.text(ALPHABET, min_size=1, max_size=12), min_size=1, max_size=25),
       st.text(ALPHABET, min_size=1, max_size=4), st.integers(1, 30))
def test_same_as_a_scan_of_every_segment(tmp_path_factory: pytest.TempPathFactory, texts: list[str], phrase: str,
                                         limit: int) -> None:
    if not phrase.strip():
        return
    with Store(tmp_path_factory.mktemp("c") / "tm.sqlite") as store:
        store.add_tus([pair(t, f"t{i}") for i, t in enumerate(texts)], on_duplicate="add")
        index = FuzzyIndex(store)
        query = index.fold(phrase.strip())
        found = concordance(store, phrase, "ar", "en", limit)
        expected = sorted((len(index.fold(t)), i) for i, t in enumerate(texts) if query in index.fold(t))
        assert [int(o.translation[1:]) for o in found] == [i for _, i in expected[:limit]]  # type: ignore[index]
        assert all(o.spans for o in found)
