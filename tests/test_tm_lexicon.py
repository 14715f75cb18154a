"""Word statistics a memory keeps for the aligner, updated incrementally."""
from __future__ import annotations

import json
from pathlib import Path

from workbench.model import TU, TUV
from workbench.tm import Store
from workbench.tm.lexicon import language_pairs, stored_lexicon, update_all_lexicons, update_lexicon

GOLD = sorted((Path(__file__).parent / "data" / "align" / "gold").glob("0*.jsonl"))
PAIRS = [(" ".join(b["src"]), " ".join(b["tgt"])) for g in GOLD if not g.name.startswith("003")
         for b in map(json.loads, g.read_text(encoding="utf-8").splitlines()) if b["src"] and b["tgt"]]


def _tus(pairs: list[tuple[str, str]]) -> list[TU]:
    return [TU((TUV.plain("ar", a), TUV.plain("en", e)), attrs=(("srclang", "ar"),)) for a, e in pairs]


def test_counts_only_new_tus_and_learns_translations(tmp_path: Path) -> None:
    with Store(tmp_path / "m.sqlite") as store:
        store.add_tus(_tus(PAIRS[:50]))
        assert language_pairs(store) == [("ar", "en")]
        assert update_lexicon(store, "ar", "en") == 50
        assert update_lexicon(store, "ar", "en") == 0
        store.add_tus(_tus(PAIRS[50:]))
        assert update_all_lexicons(store) == len(PAIRS) - 50
        lexicon = stored_lexicon(store, "ar", "en")
        assert "hanoi" in lexicon.entries["هانوي"]
    with Store(tmp_path / "m.sqlite") as store:  # kept in the store
        assert "hanoi" in stored_lexicon(store, "ar-SA", "en-US").entries["هانوي"]


def test_empty_store_has_an_empty_lexicon(tmp_path: Path) -> None:
    with Store(tmp_path / "m.sqlite") as store:
        assert len(stored_lexicon(store, "ar", "en")) == 0
        assert update_all_lexicons(store) == 0
