"""No input crashes the aligner: the posterior pass covers the best path
whatever its band, on documents written for the test and on random ones."""
from __future__ import annotations

import itertools
import random
from unittest import mock

from hypothesis import given, settings
from hypothesis import strategies as st

from workbench.align import align_lines, align_sentences, aligner, dp
from workbench.align.documents import _text_segments
from workbench.model import Bead

# German and French sentences written for these tests (no shipped word list for the pair).
DE_FR = [
    ("Der Bundestag hat am Donnerstag den Haushalt für {n} beschlossen.",
     "Le Bundestag a adopté jeudi le budget pour {n}."),
    ("Die Ministerin sagte, die Reform werde {n} Arbeitsplätze schaffen.",
     "La ministre a déclaré que la réforme créerait {n} emplois."),
    ("Die Opposition kritisierte den Entwurf scharf.",
     "L'opposition a vivement critiqué le projet."),
    ("In Berlin demonstrierten rund {n} Menschen gegen die Pläne der Regierung.",
     "À Berlin, environ {n} personnes ont manifesté contre les projets du gouvernement."),
    ("Die Polizei sprach von einem friedlichen Verlauf.",
     "La police a parlé d'un déroulement pacifique."),
    ("Nach Angaben des Statistischen Bundesamtes stiegen die Preise im März um {n} Prozent.",
     "Selon l'Office fédéral de la statistique, les prix ont augmenté de {n} pour cent en mars."),
    ("Ökonomen rechnen mit einer Abschwächung im zweiten Halbjahr.",
     "Les économistes s'attendent à un ralentissement au second semestre."),
    ("Der Kanzler reist nächste Woche nach Paris, wo er den französischen Präsidenten trifft.",
     "Le chancelier se rendra la semaine prochaine à Paris, où il rencontrera le président français."),
]
FR_ADDED = [
    "Cet article a été complété par la rédaction.",
    "Les informations suivantes ne figurent pas dans la version originale.",
    "Le gouvernement français a réagi dans la soirée.",
    "Un porte-parole a salué une décision courageuse.",
    "D'autres pays européens observent le débat avec attention.",
    "La Commission européenne n'a pas souhaité commenter.",
    "Le débat devrait reprendre à l'automne.",
]


def _german_french(rounds: int) -> tuple[list[str], list[str]]:
    """A German article and its French translation, with a paragraph only the French has."""
    de: list[str] = []
    fr: list[str] = []
    for r in range(rounds):
        for k, (d, f) in enumerate(DE_FR):
            n = 1000 + 97 * r + k
            de.append(d.format(n=n))
            fr.append(f.format(n=n))
    at = len(DE_FR) * (rounds // 2) + 1  # between two sentences with numbers
    return de, fr[:at] + FR_ADDED + fr[at:]


def _check(beads: list[Bead], n: int, m: int) -> None:
    assert [i for b in beads for i in b.src] == list(range(n))
    assert [j for b in beads for j in b.tgt] == list(range(m))
    assert all(b.src or b.tgt for b in beads)
    assert all(0.0 <= b.score <= 1.0 for b in beads)


def test_an_added_paragraph_is_a_run_of_0_1_beads_with_scores() -> None:
    """A paragraph only the French has is a run of 0-1 beads along one row
    of the matrix: the posterior pass must reach the row's first cell."""
    de, fr = _german_french(4)
    beads = align_sentences(de, fr, "de", "fr")
    _check(beads, len(de), len(fr))
    added = [b.tgt[0] for b in beads if not b.src]
    assert len(added) >= 5 and added == list(range(added[0], added[0] + len(added)))
    assert set(added) <= set(range(17, 17 + len(FR_ADDED)))


def _cost(i0: int, i1: int, j0: int, j1: int) -> float:
    """A toy cost: 1-1 beads cheap, everything else dearer."""
    return 0.1 if (i1 - i0, j1 - j0) == (1, 1) else 3.0


# (1, 1) is entered by a 1-1 bead, then five 0-1 beads run along row 1
_RUN = [(0, 1, 0, 1), *((1, 1, j, j + 1) for j in range(1, 6)), (1, 2, 6, 7)]


def test_a_band_around_a_path_holds_all_of_every_row_it_crosses() -> None:
    """The refining and posterior bands reach from the first to the last cell
    the path visits in each row (not only around the last one)."""
    limits = dp.path_limits(_RUN, 2, 7, 1)
    for i0, i1, j0, j1 in _RUN:
        assert limits[i0][0] <= j0 <= limits[i0][1] and limits[i1][0] <= j1 <= limits[i1][1]
    assert limits[1] == (0, 7)
    assert all(a[0] <= b[0] and a[1] <= b[1] for a, b in itertools.pairwise(limits))


def test_posteriors_cover_a_path_outside_the_band() -> None:
    narrow = [(0, 2), (5, 7), (6, 7)]  # row 1 holds the run's end, not its start
    band = dp.Band.of(dp.covering(narrow, _RUN), 2, 7)
    got = dp.posteriors(dp.tabulate(_cost, band), band, _RUN)
    assert len(got) == len(_RUN) and all(0.0 < p <= 1.0 for p in got)
    wide = dp.Band.of([(0, 2), (1, 7), (6, 7)], 2, 7)
    assert got[0] == dp.posteriors(dp.tabulate(_cost, wide), wide, _RUN)[0]


def test_covering_widens_rows_only_where_the_path_needs_it() -> None:
    path = [(0, 1, 0, 1), (1, 1, 1, 2), (1, 1, 2, 3), (1, 2, 3, 4)]
    assert dp.covering([(0, 1), (3, 4), (3, 4)], path) == [(0, 1), (1, 4), (3, 4)]


# Random document pairs: a source of sentences of random lengths (some empty,
# some repeated), and a target made from it by edits drawn with random weights.
_WORDS = ["Haus", "Regierung", "sagte", "und", "die", "Stadt", "Paris", "EU", "2024", "12,5", "?", '"Nein"', "Ölpreis"]
_ADDED = ["la", "ville", "et", "le", "gouvernement", "a", "dit", "été"]
_EDITS = ("keep", "drop", "insert", "merge", "split", "repeat")


@st.composite
def _documents(draw: st.DrawFn) -> tuple[list[str], list[str]]:
    """Built from a drawn seed (a document of 200 lines is too big to draw
    word by word): sizes are drawn, edit weights and length noise seeded."""
    rng = random.Random(draw(st.integers(0, 2**32)))
    weights = [rng.randint(4, 12), *(rng.randint(0, 3) for _ in _EDITS[1:])]
    noise = rng.uniform(0.0, 1.5)

    def sentence(words: list[str] = _WORDS) -> str:
        return " ".join(rng.choices(words, k=rng.choice([0, rng.randint(1, 6), rng.randint(1, 40)])))

    src = [sentence() for _ in range(draw(st.integers(0, 200)))]
    tgt: list[str] = []
    k = 0
    while k < len(src):
        op, step = rng.choices(_EDITS, weights)[0], 1
        words = src[k].split()
        if op == "keep":
            tgt.append(" ".join((words * 4)[: round(len(words) * rng.uniform(1 / (1 + noise), 1 + noise))]))
        elif op == "insert":
            tgt += [sentence(_ADDED) for _ in range(rng.randint(1, 12))]
            step = 0
        elif op == "merge":
            step = rng.randint(2, 4)
            tgt.append(" ".join(src[k:k + step]))
        elif op == "split":
            tgt += [" ".join(words[: len(words) // 2]), " ".join(words[len(words) // 2:])]
        elif op == "repeat":
            tgt += [src[k]] * rng.randint(2, 6)
        k += step
    tgt = tgt[: draw(st.integers(0, 200))]
    return (tgt, src) if draw(st.booleans()) else (src, tgt)


@settings(max_examples=20)
@given(_documents())
def test_random_documents_never_crash(docs: tuple[list[str], list[str]]) -> None:
    """Small documents use the whole matrix, larger ones a band through
    anchors (the full-matrix limit is lowered to keep the test fast)."""
    src, tgt = docs
    with mock.patch.object(aligner, "FULL_MATRIX_CELLS", 1_600):
        beads = align_sentences(src, tgt, "de", "fr")
    _check(beads, len(src), len(tgt))


# Lines as users hand them over: any text, blank lines, boilerplate only, one
# huge line, the same line again and again; either side may be empty.
_BOILERPLATE = ["Share", "Print", "Advertisement", "Comments (12)", "Source: https://example.org/a/1", "Menu", "Teilen"]
_HUGE = "Der Gipfel liegt auf 8848 m, sagte Hillary, und der Weg war lang. " * 3000
_LINE = st.one_of(
    st.text(max_size=80),
    st.sampled_from(_BOILERPLATE),
    st.sampled_from([w for w, _ in DE_FR] + FR_ADDED),
    st.sampled_from(["", " ", "....", "- _-", "\u200c", "1", "?", _HUGE]),
)


@st.composite
def _sides(draw: st.DrawFn) -> list[str]:
    lines = draw(st.lists(_LINE, max_size=25))
    if lines and draw(st.booleans()):  # a run of one repeated line
        lines += [lines[0]] * draw(st.integers(1, 30))
    return lines


@settings(max_examples=40, deadline=None)
@given(_sides(), _sides(), st.sampled_from([("de", "fr"), ("ru", "en"), ("ar", "en")]))
def test_any_lines_align_without_crashing(src: list[str], tgt: list[str], langs: tuple[str, str]) -> None:
    """The beads hold every line the classifier keeps (not blank, not
    boilerplate), by its index, in order, each once."""
    beads = align_lines(src, tgt, *langs)
    for side, lines, lang in ((lambda b: b.src, src, langs[0]), (lambda b: b.tgt, tgt, langs[1])):
        kept = [s.index for s in _text_segments(lines, lang) if s.kind.translatable]
        assert all(lines[i].strip() for i in kept)
        assert [i for b in beads for i in side(b)] == kept
    assert all(b.src or b.tgt for b in beads)
    assert all(0.0 <= b.score <= 1.0 for b in beads)
