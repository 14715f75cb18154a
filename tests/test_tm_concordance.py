"""Concordance on both engines: every TU whose source or target holds the words, found on the match key, newest first."""
from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from workbench.errors import InputError
from workbench.model import TU, TUV
from workbench.tm import fuzzy
from workbench.tm.concordance import concordance
from workbench.tm.engine import TMStore, open_store
from workbench.tm.fuzzy import FuzzyIndex


def pair(ar: str, en: str, *attrs: tuple[str, str]) -> TU:
    return TU((TUV.plain("ar", ar), TUV.plain("en", en)), (("srclang", "ar"), *attrs))


@pytest.fixture
def store(store_spec: str | Path) -> Iterator[TMStore]:
    """A small memory on each engine (SQLite, PostgreSQL)."""
    with open_store(store_spec) as s:
        s.add_tus([
            pair("وقعت الدول على اتفاقية هانوي", "States signed the Hanoi Convention",
                 ("creationdate", "20240105T120000Z")),
            pair("وتعد لاتفاقيّة هانوي أهمية كبيرة، واتفاقية هانوي أول معاهدة", "The Hanoi Convention matters; it is the first",
                 ("creationdate", "20230101T120000Z"), ("changedate", "20250301T090000Z")),
            pair("قال الوزير إن الاتفاقية مهمة", "The minister said the convention is important"),
            TU((TUV.plain("fa", "آژانس‌های سازمان ملل"), TUV.plain("en", "UN agencies")), (("srclang", "fa"),)),
            TU((TUV.plain("fa", "نمایندگان آژانسهای سازمان ملل ۲۰۲۴"), TUV.plain("en", "UN agency envoys 2024")),
               (("srclang", "fa"),)),
            pair("أعلن مكتب UNODC في فيينا عن برنامج جديد", "UNODC announced a new programme in Vienna"),
        ])
        yield s


def _shown(found) -> list[list[str]]:  # type: ignore[no-untyped-def]
    return [[o.text[s.start:s.end] for s in o.spans] for o in found]


def test_clitics_diacritics_newest_first_every_occurrence_at_its_place(store: TMStore) -> None:
    found = concordance(store, "اتفاقية هانوي", "ar", "en")
    assert [o.translation for o in found] == ["The Hanoi Convention matters; it is the first",  # changed 2025
                                             "States signed the Hanoi Convention"]  # created 2024
    assert [o.date for o in found] == ["20250301T090000Z", "20240105T120000Z"]
    assert _shown(found) == [["اتفاقيّة", "هانوي", "اتفاقية", "هانوي"], ["اتفاقية", "هانوي"]]
    assert _shown(concordance(store, "اتفاقية هانوي", "ar", exact=True))[0] == ["اتفاقيّة هانوي", "اتفاقية هانوي"]


def test_all_words_in_any_order_or_the_exact_phrase(store: TMStore) -> None:
    assert len(concordance(store, "هانوي الاتفاقية", "ar")) == 0  # the article is part of the word
    assert [o.tu for o in concordance(store, "هانوي اتفاقية", "ar")] == [2, 1]
    assert concordance(store, "هانوي اتفاقية", "ar", exact=True) == []
    assert [o.tu for o in concordance(store, "اتفاقية  هانوي", "ar", exact=True)] == [2, 1]
    assert _shown(concordance(store, "convention hanoi", "en")) == [["Hanoi", "Convention"], ["Hanoi", "Convention"]]


def test_source_or_target_each_tu_once_with_latin_terms_in_arabic(store: TMStore) -> None:
    found = concordance(store, "unodc")  # both sides of TU 6 hold it: the TU once, its source first
    assert [(o.tu, o.lang, o.translation_lang) for o in found] == [(6, "ar", "en")]
    assert _shown(found) == [["UNODC"]]
    (en,) = concordance(store, "unodc", "en")
    assert en.text.startswith("UNODC announced") and en.translation_lang == "ar"
    assert [o.lang for o in concordance(store, "hanoi")] == ["en", "en"]


def test_zwnj_and_digits_do_not_hide_a_word(store: TMStore) -> None:
    found = concordance(store, "آژانسهای سازمان ملل 2024", "fa")
    assert _shown(found) == [["آژانسهای", "سازمان", "ملل", "۲۰۲۴"]] and found[0].translation == "UN agency envoys 2024"
    assert _shown(concordance(store, "آژانس‌های", "fa")) == [["آژانسهای"], ["آژانس‌های"]]


def test_common_words_walk_the_tus_newest_first(store: TMStore, monkeypatch: pytest.MonkeyPatch) -> None:
    from workbench.tm import concordance as module

    expected = [(o.tu, o.text, o.spans) for o in concordance(store, "هانوي")]
    monkeypatch.setattr(module, "MANY", 0)
    assert [(o.tu, o.text, o.spans) for o in concordance(store, "هانوي")] == expected
    assert [o.tu for o in concordance(store, "the", "en", limit=3)] == [2, 1, 3]  # dated first, newest first


def test_limit_nothing_short_words_and_empty(store: TMStore) -> None:
    assert len(concordance(store, "هانوي", "ar", limit=1)) == 1
    assert concordance(store, "كلمة غائبة", "ar") == []
    assert concordance(store, "ثث", "ar") == []  # shorter than a trigram: every variant checked
    assert _shown(concordance(store, "هم", "ar")) == [["هم"], ["هم"]]  # in مهمة and أهمية
    with pytest.raises(InputError, match="empty text"):
        concordance(store, "  ", "ar")


def test_appended_variants_and_stop_grams_are_searched(store: TMStore, monkeypatch: pytest.MonkeyPatch) -> None:
    FuzzyIndex(store).build()
    store.add_tus([pair("اتفاقية هانوي", "Hanoi Convention", ("changedate", "20260101T000000Z"))])  # a new segment
    assert concordance(store, "اتفاقية هانوي", "ar")[0].text == "اتفاقية هانوي"
    monkeypatch.setattr(fuzzy, "STOP_MIN", 1)
    monkeypatch.setattr(fuzzy, "STOP_SHARE", 0.0)
    store.set_setting("fuzzy", "stale")
    FuzzyIndex(store).build()  # every trigram a stop gram: no lists, every variant checked
    assert len(concordance(store, "اتفاقية هانوي", "ar")) == 3


ALPHABET = "ابتث جح"


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.text(ALPHABET, min_size=1, max_size=12), min_size=1, max_size=25),
       st.text(ALPHABET, min_size=1, max_size=7), st.integers(1, 30), st.booleans(), st.integers(1, 9), st.booleans())
def test_same_as_a_scan_of_every_variant(emptied_spec: Callable[[], str | Path], texts: list[str], query: str,
                                         limit: int, exact: bool, segment: int, walk: bool) -> None:
    from workbench.tm import concordance as module

    if not query.split():
        return
    fuzzy.SEGMENT_DOCS, before = segment, fuzzy.SEGMENT_DOCS
    module.MANY, many = (0 if walk else 5000), module.MANY  # many candidates: the TUs walked newest first
    module.FEW, few = (0 if segment % 2 else 10_000), module.FEW  # the index's keys, or the stored dates
    try:
        with open_store(emptied_spec()) as store:
            store.add_tus([pair(t, f"t{i}") for i, t in enumerate(texts)], on_duplicate="add")
            index = FuzzyIndex(store)
            words = [" ".join(index.fold(query).split())] if exact else index.fold(query).split()
            found = concordance(store, query, "ar", "en", limit, exact)
            expected = [i for i, t in reversed(list(enumerate(texts))) if all(w in index.fold(t) for w in words)]
            assert [int(o.translation[1:]) for o in found] == expected[:limit]  # type: ignore[index]
            assert all(o.spans for o in found)
    finally:
        fuzzy.SEGMENT_DOCS, module.MANY, module.FEW = before, many, few


_DATES = st.datetimes(min_value=__import__("datetime").datetime(1970, 1, 1),
                      max_value=__import__("datetime").datetime(2099, 12, 31, 23, 59, 59))


@given(_DATES, _DATES)
def test_a_date_code_keeps_the_order_of_the_dates(a, b) -> None:  # type: ignore[no-untyped-def]
    x, y = a.strftime("%Y%m%dT%H%M%SZ"), b.strftime("%Y%m%dT%H%M%SZ")
    assert fuzzy.code_date(fuzzy.date_code(x)) == x
    assert (x < y) == (fuzzy.date_code(x) < fuzzy.date_code(y)) and fuzzy.NO_DATE < fuzzy.date_code(x) < fuzzy.ODD_DATE


@pytest.mark.parametrize("date", ["2024-01-05T12:00:00Z", "20240105T120000", "19690101T000000Z", "21000101T000000Z",
                                  "20241305T120000Z", "2024０105T120000Z", "garbage"])
def test_a_date_of_another_form_is_read_from_the_store(date: str) -> None:
    assert fuzzy.date_code(date) == fuzzy.ODD_DATE
    assert fuzzy.date_code(None) == fuzzy.date_code("") == fuzzy.NO_DATE and fuzzy.code_date(fuzzy.NO_DATE) is None


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.tuples(st.text(ALPHABET, min_size=1, max_size=10),
                          st.sampled_from([None, "20240105T120000Z", "20230101T000000Z", "20250301T090000Z",
                                           "19991231T235959Z", "2024-06-01"]),
                          st.booleans()), min_size=1, max_size=20),
       st.text(ALPHABET, min_size=1, max_size=5), st.integers(1, 30), st.integers(1, 9), st.booleans(), st.booleans())
def test_newest_first_as_the_stored_dates_say(emptied_spec: Callable[[], str | Path],
                                              rows: list[tuple[str, str | None, bool]], query: str, limit: int,
                                              segment: int, odd: bool, keys: bool) -> None:
    """Dates (some alike, some of another form), TUs given a variant later (a merge): ordered as a
    sort of every TU by (date, id), newest first, the TU's earliest variant holding the words first
    (``keys``: by the index's keys, else by the dates read from the store)."""
    from workbench.tm import concordance as module

    if not query.split():
        return
    fuzzy.SEGMENT_DOCS, before = segment, fuzzy.SEGMENT_DOCS
    module.FEW, few = (0 if keys else 10_000), module.FEW
    try:
        with open_store(emptied_spec()) as store:
            tus = [pair(text, f"t{i}", *([("creationdate", d if odd or d != "2024-06-01" else "20240601T000000Z")]
                                        if d else []))
                   for i, (text, d, _) in enumerate(rows)]
            store.add_tus(tus, on_duplicate="add")
            store.add_tus([TU((TUV.plain("ar", text), TUV.plain("fa", text + " " + query)), (("srclang", "ar"),))
                           for text, _, later in rows if later])  # merged: a Persian variant of each such TU
            index = FuzzyIndex(store)
            words = index.fold(query).split()
            dated = sorted(store.db.execute("SELECT coalesce(changed, ''), id FROM tu"), reverse=True)
            expected = []
            for _, tu in dated:
                holding = [lang for lang, text in store.db.execute("SELECT lang, text FROM tuv WHERE tu = ? ORDER BY id",
                                                                   (tu,)) if all(w in index.fold(text) for w in words)]
                if holding:
                    expected.append((tu, holding[0]))
            found = concordance(store, query, limit=limit)
            assert [(o.tu, o.lang) for o in found] == expected[:limit]
            assert [o.date for o in found] == [store.db.execute("SELECT changed FROM tu WHERE id = ?", (o.tu,))
                                               .fetchone()[0] for o in found]
    finally:
        fuzzy.SEGMENT_DOCS, module.FEW = before, few


@pytest.mark.parametrize("few", [0, 10_000])
def test_a_tu_given_a_variant_later_shows_its_first_variant_holding_the_words(
        store: TMStore, few: int, monkeypatch: pytest.MonkeyPatch) -> None:
    from workbench.tm import concordance as module

    monkeypatch.setattr(module, "FEW", few)  # the index's keys, or the dates read from the store
    store.add_tus([TU((TUV.plain("ar", "وقعت الدول على اتفاقية هانوي"), TUV.plain("fa", "کنوانسیون هانوي")),
                      (("srclang", "ar"),))])  # merged into TU 1: its variant of the highest id
    found = concordance(store, "هانوي")
    assert [(o.tu, o.lang, o.date) for o in found] == [(2, "ar", "20250301T090000Z"), (1, "ar", "20240105T120000Z")]
    assert [(o.tu, o.lang) for o in concordance(store, "هانوي", "fa")] == [(1, "fa")]
    assert [o.tu for o in concordance(store, "the", "en", limit=3)] == [2, 1, 3]


def test_a_damaged_date_list_is_a_store_error(store: TMStore, monkeypatch: pytest.MonkeyPatch) -> None:
    from workbench.tm import codec
    from workbench.tm import concordance as module

    monkeypatch.setattr(module, "FEW", 0)
    FuzzyIndex(store).build()
    store.db.execute("UPDATE fz_seg SET newest = ?", (b"\0\0",))
    with pytest.raises(codec.StoreDataError, match="dates"):
        concordance(store, "هانوي", "ar")
