"""Word statistics a memory teaches the aligner: made on demand from a bounded sample, cached in the store."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from workbench.align import learn_lexicon
from workbench.align.features import features
from workbench.model import TU, TUV
from workbench.tm import Store
from workbench.tm import lexicon as tm_lexicon
from workbench.tm.lexicon import learn, sample, stored_lexicon, words

GOLD = sorted((Path(__file__).parent / "data" / "align" / "gold").glob("0*.jsonl"))
PAIRS = [(" ".join(b["src"]), " ".join(b["tgt"])) for g in GOLD if not g.name.startswith("003")
         for b in map(json.loads, g.read_text(encoding="utf-8").splitlines()) if b["src"] and b["tgt"]]


def _tus(pairs: list[tuple[str, str]], src: str = "ar", tgt: str = "en") -> list[TU]:
    return [TU((TUV.plain(src, a), TUV.plain(tgt, e)), attrs=(("srclang", src),)) for a, e in pairs]


def test_the_words_are_the_aligners() -> None:
    for ar, en in PAIRS:
        assert words(ar, "ar") == {w for w in features(ar, "ar").words if len(w) >= 2}
        assert words(en, "en-US") == {w for w in features(en, "en").words if len(w) >= 2}


def test_the_word_list_is_the_one_counting_every_word_pair_gives() -> None:
    # learn_lexicon counts every source word × target word pair of every sentence pair
    assert learn(PAIRS, "ar", "en").entries == learn_lexicon(PAIRS, "ar", "en").entries
    assert learn(PAIRS[::3], "ar", "en").entries == learn_lexicon(PAIRS[::3], "ar", "en").entries
    assert learn([], "ar", "en").entries == {}


def test_the_store_teaches_what_its_tus_say_without_any_update(tmp_path: Path) -> None:
    with Store(tmp_path / "m.sqlite") as store:
        store.add_tus(_tus(PAIRS))
        lexicon = stored_lexicon(store, "ar", "en")
        assert lexicon.entries == learn_lexicon(PAIRS, "ar", "en").entries
        assert "hanoi" in lexicon.entries["هانوي"]
    with Store(tmp_path / "m.sqlite") as store:  # regional tags read as their language
        assert stored_lexicon(store, "ar-SA", "en-US").entries == lexicon.entries


def test_made_once_per_state_of_the_memory(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    made: list[int] = []

    def counted(pairs: list[tuple[str, str]], src: str, tgt: str):  # type: ignore[no-untyped-def]
        made.append(len(pairs))
        return learn(pairs, src, tgt)
    monkeypatch.setattr(tm_lexicon, "learn", counted)
    with Store(tmp_path / "m.sqlite") as store:
        store.add_tus(_tus(PAIRS[:50]))
        first = stored_lexicon(store, "ar", "en")
        assert stored_lexicon(store, "ar", "en") == first and made == [50]
        store.add_tus(_tus(PAIRS[50:]))
        assert stored_lexicon(store, "ar", "en").entries == learn_lexicon(PAIRS, "ar", "en").entries
        assert made == [50, len(PAIRS)]
        assert stored_lexicon(store, "ar", "en", upto=100) == first  # the first 50 TUs' variants
        assert stored_lexicon(store, "ar", "en", upto=100) == first and made == [50, len(PAIRS), 50]
        store.add_tus(_tus([(PAIRS[0][0], "another translation")]), on_duplicate="replace")  # new variants
        stored_lexicon(store, "ar", "en", upto=100)
        assert made == [50, len(PAIRS), 50, 49]


def test_a_bounded_sample_evenly_spread(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(tm_lexicon, "SAMPLE_TUS", 10)
    with Store(tmp_path / "m.sqlite") as store:
        store.add_tus(_tus(PAIRS[:40]))
        store.add_tus(_tus([("نص فارسي", "Persian text")], "fa"))
        got = sample(store, "ar", "en")
        assert got == PAIRS[:40:4]
        assert sample(store, "ar", "en", upto=40) == PAIRS[:20:2]  # the variants of the first 20 TUs
        assert sample(store, "fa", "en") == [("نص فارسي", "Persian text")]
        assert sample(store, "en", "ar") == [(e, a) for a, e in PAIRS[:40:4]]


def test_up_to_a_variant_the_memory_as_it_was(tmp_path: Path) -> None:
    with Store(tmp_path / "m.sqlite") as store:
        store.add_tus(_tus([("نص", "متن")], "ar", "fa") + _tus(PAIRS[:3]))
        store.add_tus(_tus([("نص", "text")]))  # merged into the first TU, as an English variant
        assert sample(store, "ar", "en", upto=8) == PAIRS[:3]
        assert sample(store, "ar", "en") == [("نص", "text"), *PAIRS[:3]]


def test_empty_and_read_only_stores(tmp_path: Path) -> None:
    with Store(tmp_path / "m.sqlite") as store:
        assert len(stored_lexicon(store, "ar", "en")) == 0
        store.add_tus(_tus(PAIRS))
    (tmp_path / "m.sqlite").chmod(0o444)
    try:
        with Store(tmp_path / "m.sqlite", create=False) as store:
            assert "hanoi" in stored_lexicon(store, "ar", "en").entries["هانوي"]
    finally:
        (tmp_path / "m.sqlite").chmod(0o644)
