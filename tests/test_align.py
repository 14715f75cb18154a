"""The aligner on the sample project (true pairs known), every bead type, the band."""
from __future__ import annotations

import json
import random
from pathlib import Path

import pytest

from workbench.align import Lexicon, align_sentences, dp, learn_lexicon
from workbench.align.aligner import AlignSettings, _limits, _Scorer
from workbench.align.features import arabic_skeleton, features, latin_skeleton

ROOT = Path(__file__).resolve().parent.parent
GOLD = sorted((ROOT / "tests" / "data" / "align" / "gold").glob("*.jsonl"))


def load(path: Path) -> tuple[list[str], list[str], list[tuple[tuple[int, ...], tuple[int, ...]]]]:
    src: list[str] = []
    tgt: list[str] = []
    truth = []
    for line in path.read_text(encoding="utf-8").splitlines():
        bead = json.loads(line)
        truth.append((tuple(range(len(src), len(src) + len(bead["src"]))), tuple(range(len(tgt), len(tgt) + len(bead["tgt"])))))
        src += bead["src"]
        tgt += bead["tgt"]
    return src, tgt, truth


def lang_of(path: Path) -> str:
    return "fa" if path.name.startswith("003") else "ar"


@pytest.mark.parametrize("gold", GOLD, ids=lambda p: p.name[:3])
def test_sample_articles_align_with_no_wrong_pair(gold: Path) -> None:
    src, tgt, truth = load(gold)
    beads = align_sentences(src, tgt, lang_of(gold), "en")
    assert [(b.src, b.tgt) for b in beads] == truth


def test_the_sample_has_merges_and_splits() -> None:
    kinds = {f"{len(s)}-{len(t)}" for g in GOLD for s, t in load(g)[2]}
    assert {"1-1", "1-2", "2-1", "1-3"} <= kinds


def _drop(src: list[str], tgt: list[str], k: int) -> tuple[list[str], list[str]]:
    return src, tgt[:k] + tgt[k + 1 :]


def test_deletions_become_1_0_among_the_least_sure() -> None:
    src, tgt, truth = load(GOLD[2])
    # the translator left sentence 5 out
    del_tgt = truth[5][1]
    tgt2 = [t for j, t in enumerate(tgt) if j not in del_tgt]
    beads = align_sentences(src, tgt2, "ar", "en")
    gone = [b for b in beads if b.src == truth[5][0]]
    assert gone and gone[0].tgt == () and gone[0].score < 0.9
    assert sorted(b.score for b in beads).index(gone[0].score) < 2
    assert sum(1 for b in beads if b.tgt == ()) == 1


def test_insertions_become_0_1() -> None:
    src, tgt, _ = load(GOLD[2])
    tgt2 = tgt[:4] + ["This paragraph was added by the editor and has no counterpart in the source at all."] + tgt[4:]
    beads = align_sentences(src, tgt2, "ar", "en")
    assert any(b.src == () and b.tgt == (4,) for b in beads)


def test_2_2_bead_when_two_sentences_are_cut_differently() -> None:
    src = ["قال الوزير إن فيتنام",
           "استضافت حفل توقيع الاتفاقية في هانوي في 25 أكتوبر 2025 بحضور ممثلين عن 119 دولة ومنظمة دولية."]
    tgt = ["The minister said Viet Nam hosted the signing ceremony of the Convention in Hanoi on 25 October 2025",
           "with representatives of 119 countries and international organizations attending."]
    assert [(b.src, b.tgt) for b in align_sentences(src, tgt, "ar", "en")] == [((0, 1), (0, 1))]


def test_3_1_beads_the_other_way_round() -> None:
    """English to Persian: the translator's 1-3 split reads as a 3-1 merge."""
    gold = next(g for g in GOLD if g.name.startswith("003"))
    src, tgt, truth = load(gold)
    beads = align_sentences(tgt, src, "en", "fa")
    assert [(b.src, b.tgt) for b in beads] == [(t, s) for s, t in truth]
    assert any(len(b.src) == 3 and len(b.tgt) == 1 for b in beads)


def test_empty_side() -> None:
    beads = align_sentences(["جملة."], [], "ar", "en")
    assert [(b.src, b.tgt) for b in beads] == [((0,), ())]


def test_wildly_different_lengths_do_not_crash() -> None:
    src, tgt, _ = load(GOLD[0])
    beads = align_sentences(src, tgt[:3], "ar", "en")
    assert sorted(i for b in beads for i in b.src) == list(range(len(src)))
    assert sorted(j for b in beads for j in b.tgt) == [0, 1, 2]


def test_long_document_uses_a_band_and_stays_exact() -> None:
    rng = random.Random(7)
    src: list[str] = []
    tgt: list[str] = []
    truth = []
    for _ in range(6):
        for g in GOLD:
            s, t, tr = load(g)
            truth += [(tuple(i + len(src) for i in a), tuple(j + len(tgt) for j in b)) for a, b in tr]
            src += s
            tgt += t
    assert len(src) > 600
    scorer = _Scorer([features(s, "ar") for s in src], [features(t, "en") for t in tgt], None, AlignSettings())
    limits = _limits(scorer, len(src), len(tgt))
    assert limits is not None
    width = max(hi - lo for lo, hi in limits)
    assert width < 120
    beads = align_sentences(src, tgt, "ar", "en")
    got = {(b.src, b.tgt) for b in beads}
    correct = sum(1 for t in truth if t in got)
    assert correct / len(truth) > 0.97
    del rng


def test_increasing_chain() -> None:
    assert dp.increasing_chain([(1, 5), (2, 1), (3, 2), (4, 9), (5, 3)]) == [(2, 1), (3, 2), (5, 3)]


@pytest.mark.parametrize(("ar", "en"), [("دانج", "Dang"), ("جيانغ", "Giang"), ("فيتنام", "VietNam"), ("كوانغ", "Quang"), ("ليوكمانوف", "Lyukmanov"), ("غوتيريش", "Guterres")])
def test_name_skeletons_meet(ar: str, en: str) -> None:
    assert arabic_skeleton(ar) == latin_skeleton(en)


def test_numbers_meet_across_digit_scripts() -> None:
    assert "#2019" in features("في عام ٢٠١٩", "ar").anchors
    assert "#2024" in features("در سال ۲۰۲۴", "fa").anchors
    assert "#2019" in features("in 2019", "en").anchors


def test_dictionary_helps() -> None:
    lex = Lexicon.from_pairs([("الجرائم الإلكترونية", "cybercrime"), ("الاتفاقية", "convention")], "ar", "en")
    assert "cybercrime" in lex.entries["الكترونيه"]
    learned = learn_lexicon([("الاتفاقية مهمة", "the convention matters"), ("وقعت الاتفاقية", "the convention was signed"),
                             ("اتفاقية هانوي", "Hanoi convention")], "ar", "en")
    assert isinstance(learned, Lexicon)
