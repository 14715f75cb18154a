"""The alignment benchmark's own parts (bench/align): scoring as Vecalign
scores, a dev/test split that never overlaps, and documents in which every
line, boilerplate included, belongs to exactly one true bead for every aligner."""
from __future__ import annotations

import random
import sys
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parent.parent / "bench" / "align"
sys.path.insert(0, str(BENCH))

import make_docs
import scoring
import sources


def test_strict_and_lax_scores_follow_vecalign() -> None:
    gold = [((0,), (0,)), ((1, 2), (1,)), ((3,), ()), ((4,), (2,))]
    pred = [((0,), (0,)), ((1,), (1,)), ((2,), ()), ((3,), ()), ((4,), (2,))]
    c = scoring.score(pred, gold)
    # precision over the 5 predicted beads: 3 exact; (1,)-(1,) overlaps a true bead (lax)
    assert (c.p_strict, c.p_lax, c.p_total) == (3, 4, 5)
    # recall over the 3 true beads with both sides: 2 exact, all 3 lax
    assert (c.r_strict, c.r_lax, c.r_total) == (2, 3, 3)
    assert c.strict_f1 == pytest.approx(2 * 0.6 * (2 / 3) / (0.6 + 2 / 3))


def test_boilerplate_lines_are_true_beads_of_their_own() -> None:
    pairs = [(f"Satz {k} mit einigen Wörtern, die lang genug sind, und mehr.", f"Sentence {k} with some words, long enough, and more.")
             for k in range(300)]
    rates = make_docs.Rates(boilerplate=0.3)
    doc = make_docs.perturb(pairs, random.Random(3), "ar", "en", "t", rates)
    assert doc.src_boiler and doc.tgt_boiler
    assert sorted(i for a, _ in doc.truth for i in a) == list(range(len(doc.src)))
    assert sorted(j for _, b in doc.truth for j in b) == list(range(len(doc.tgt)))
    for i in doc.src_boiler:
        assert ((i,), ()) in doc.truth
    for j in doc.tgt_boiler:
        assert ((), (j,)) in doc.truth


def _write(path: Path, lines: list[str]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("".join(x + "\n" for x in lines), encoding="utf-8")


def test_ntrex_dev_and_test_parts_do_not_overlap(tmp_path: Path) -> None:
    n = sources.NTREX_DEV + 40
    _write(tmp_path / "NTREX" / "NTREX-128" / "newstest2019-src.eng.txt", [f"en {k}" for k in range(n)])
    _write(tmp_path / "NTREX" / "NTREX-128" / "newstest2019-ref.rus.txt", [f"ru {k}" for k in range(n)])
    dev = sources.ntrex_pairs(tmp_path, "ru-en", "dev")
    test = sources.ntrex_pairs(tmp_path, "ru-en", "test")
    assert len(dev) == sources.NTREX_DEV and len(test) == 40
    assert not set(dev) & set(test)
    assert test[0] == (f"ru {sources.NTREX_DEV}", f"en {sources.NTREX_DEV}")


def test_textberg_documents_and_their_hand_alignment(tmp_path: Path) -> None:
    folder = tmp_path / "vecalign" / "bleualign_data"
    for name in ["dev", *(f"test{k}" for k in range(7))]:
        _write(folder / f"{name}.de", ["Eins .", "Zwei und drei ."])
        _write(folder / f"{name}.fr", ["Un .", "Deux .", "Trois ."])
        _write(folder / f"{name}.defr", ["[0]:[0]", "[1]:[1, 2]"])
    docs = sources.textberg_docs(tmp_path, "test")
    assert [d.name for d in docs] == [f"textberg.test{k}" for k in range(7)]
    assert docs[0].truth == [((0,), (0,)), ((1,), (1, 2))]
    assert [d.name for d in make_docs.documents(tmp_path, "de-fr", "dev", 13)] == ["textberg.dev"]
