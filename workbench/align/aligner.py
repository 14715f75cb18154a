"""The aligner: a length model, anchors and word lists in one bead cost.

cost(bead) = prior(bead type) + length cost - reward x matched signals

* prior: -log of how often each bead type occurs (Gale and Church's figures);
* length cost: Gale and Church's normalized length difference delta, scored
  with a heavy-tailed (Student t) model rather than a Gaussian, the length
  ratio estimated from the two documents and the variance re-estimated from
  the first pass's 1-1 beads;
* matched signals: anchors found on both sides (numbers in any digit script,
  Latin tokens, name skeletons, glossary concepts, ? and quotes) and source words whose
  dictionary translation is in the target; each weighted by its rarity in
  the document. Since every signal lands in exactly one bead whatever the
  alignment, unmatched signals cost the same on every path and need no term.
"""
from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Protocol

from ..model import Bead
from .dp import FULL_MATRIX_CELLS, BAND, band_limits, best_path, increasing_chain, _interpolate
from .features import Features, features
from .lexicon import Lexicon
from .seed import seed_lexicon

PRIORS = {(1, 1): 0.89, (1, 0): 0.005, (0, 1): 0.005, (2, 1): 0.0445, (1, 2): 0.0445, (2, 2): 0.002, (3, 1): 0.004, (1, 3): 0.004}
SIGNAL_WEIGHTS = {"#": 1.5, "@": 1.5, "$": 0.8, "?": 0.6, '"': 0.4, "=": 0.7, "^": 1.2}
REWARD = 2.0
SKIP_COST = 0.0
REVIEW_THRESHOLD = 0.5
ORPHAN_EVIDENCE = 1.0
ORPHAN_PENALTY = 3.0
# Length differences of free translations have heavier tails than a Gaussian:
# the length cost is a Student t negative log-likelihood (relative to delta 0).
T_DOF = 4.0
_T_SCALE = (T_DOF + 1) / 2


@dataclass(frozen=True, slots=True)
class AlignSettings:
    """Knobs of the cost function (the defaults are the tested ones)."""

    reward: float = REWARD
    skip_cost: float = SKIP_COST
    variance: float = 6.8
    review_threshold: float = REVIEW_THRESHOLD
    seed: bool = True
    """Use the shipped word list of the language pair (workbench/align/data)."""


class _Scorer:
    def __init__(self, src: Sequence[Features], tgt: Sequence[Features], lexicon: Lexicon | None, settings: AlignSettings) -> None:
        self.src, self.tgt = src, tgt
        self.settings = settings
        self.ps = [0]
        for f in src:
            self.ps.append(self.ps[-1] + f.length)
        self.pt = [0]
        for f in tgt:
            self.pt.append(self.pt[-1] + f.length)
        self.ratio = (self.pt[-1] / self.ps[-1]) if self.ps[-1] and self.pt[-1] else 1.0
        self.variance = settings.variance
        entries = lexicon.entries if lexicon else {}
        self.src_dict = [tuple((w, entries[w]) for w in f.words if w in entries) for f in src]
        vocab = frozenset().union(*entries.values()) if entries else frozenset()
        self.tgt_known = [len(f.words & vocab) for f in tgt]
        df: Counter[str] = Counter(a for f in src for a in f.anchors)
        df.update(a for f in tgt for a in f.anchors)
        self.weight = {a: SIGNAL_WEIGHTS[a[0]] / math.sqrt(max(1.0, c / 2)) for a, c in df.items()}
        self.log_prior = {k: -math.log(v) for k, v in PRIORS.items()}

    def length_cost(self, ls: int, lt: int) -> float:
        mean = (self.ratio * ls + lt) / 2
        delta = (lt - self.ratio * ls) / math.sqrt(self.variance * max(mean, 1.0))
        return _T_SCALE * math.log1p(delta * delta / T_DOF)

    def matches(self, i0: int, i1: int, j0: int, j1: int) -> float:
        if i1 - i0 == 1 and j1 - j0 == 1:
            s_anchors, t_anchors = self.src[i0].anchors, self.tgt[j0].anchors
            t_words = self.tgt[j0].words
            dict_entries: Sequence[tuple[str, frozenset[str]]] = self.src_dict[i0]
        else:
            s_anchors = frozenset().union(*(self.src[k].anchors for k in range(i0, i1)))
            t_anchors = frozenset().union(*(self.tgt[k].anchors for k in range(j0, j1)))
            t_words = frozenset().union(*(self.tgt[k].words for k in range(j0, j1)))
            dict_entries = [e for k in range(i0, i1) for e in self.src_dict[k]]
        w = self.weight
        score = sum(w[a] for a in s_anchors & t_anchors)
        if dict_entries:
            hit = {s for s, trans in dict_entries if not trans.isdisjoint(t_words)}
            score += SIGNAL_WEIGHTS["="] * len(hit)
        return score

    def evidence(self, k: int, side: int) -> float:
        """How much a sentence should match if its translation is there: numbers,
        Latin tokens, glossary concepts and dictionary words (name skeletons
        are too often absent)."""
        f = (self.src if side == 0 else self.tgt)[k]
        own = sum(self.weight[a] for a in f.anchors if a[0] in "#@^")
        known = len(self.src_dict[k]) if side == 0 else self.tgt_known[k]
        return own + SIGNAL_WEIGHTS["="] * known

    def orphans(self, i0: int, i1: int, j0: int, j1: int) -> float:
        """Penalty for a merge whose member sentence, for all its signals,
        matches nothing on the other side: evidence that it has no counterpart
        here (a deletion or insertion rather than a merge)."""
        penalty = 0.0
        if i1 - i0 > 1:
            for k in range(i0, i1):
                if self.evidence(k, 0) >= ORPHAN_EVIDENCE and self.matches(k, k + 1, j0, j1) == 0:
                    penalty += ORPHAN_PENALTY
        if j1 - j0 > 1:
            for k in range(j0, j1):
                if self.evidence(k, 1) >= ORPHAN_EVIDENCE and self.matches(i0, i1, k, k + 1) == 0:
                    penalty += ORPHAN_PENALTY
        return penalty

    def local(self, i0: int, i1: int, j0: int, j1: int) -> float:
        """Length cost minus rewards: the bead's own evidence, without its prior."""
        ls, lt = self.ps[i1] - self.ps[i0], self.pt[j1] - self.pt[j0]
        if i1 == i0 or j1 == j0:
            return self.settings.skip_cost
        cost = self.length_cost(ls, lt) - self.settings.reward * self.matches(i0, i1, j0, j1)
        if i1 - i0 > 1 or j1 - j0 > 1:
            cost += self.orphans(i0, i1, j0, j1)
        return cost

    def cost(self, i0: int, i1: int, j0: int, j1: int) -> float:
        return self.log_prior[(i1 - i0, j1 - j0)] + self.local(i0, i1, j0, j1)

    def confidence(self, i0: int, i1: int, j0: int, j1: int) -> float:
        if i1 == i0 or j1 == j0:
            return 0.2
        return 1.0 / (1.0 + math.exp(self.local(i0, i1, j0, j1) - 2.0))


def _limits(scorer: _Scorer, n: int, m: int) -> list[tuple[int, int]] | None:
    """None (the whole matrix) for short documents, else a band through anchors."""
    if (n + 1) * (m + 1) <= FULL_MATRIX_CELLS:
        return None
    first_src: dict[str, list[int]] = {}
    for i, f in enumerate(scorer.src):
        for a in f.anchors:
            first_src.setdefault(a, []).append(i)
    first_tgt: dict[str, list[int]] = {}
    for j, f in enumerate(scorer.tgt):
        for a in f.anchors:
            first_tgt.setdefault(a, []).append(j)
    slack = max(40, (n + m) // 20)
    points = []
    for a, iss in first_src.items():
        js = first_tgt.get(a)
        if len(iss) == 1 and js is not None and len(js) == 1:
            i, j = iss[0], js[0]
            if abs(j - i * m / n) <= slack:
                points.append((i, j))
    chain = increasing_chain(points)
    centre = _interpolate([(i, j) for i, j in chain], n, m)
    return band_limits(centre, m, BAND + max(0, abs(n - m) // 50))


def align_features(src: Sequence[Features], tgt: Sequence[Features], lexicon: Lexicon | None = None, settings: AlignSettings | None = None) -> list[Bead]:
    """Align two sequences of sentence features."""
    settings = settings or AlignSettings()
    n, m = len(src), len(tgt)
    if n == 0 or m == 0:
        return [Bead((i,), (), 0.2) for i in range(n)] + [Bead((), (j,), 0.2) for j in range(m)]
    scorer = _Scorer(src, tgt, lexicon, settings)
    limits = _limits(scorer, n, m)
    path = best_path(n, m, scorer.cost, limits)
    variance = _refit_variance(scorer, path)
    if variance is not None:
        scorer.variance = variance
        path = best_path(n, m, scorer.cost, limits)
    return [Bead(tuple(range(i0, i1)), tuple(range(j0, j1)), round(scorer.confidence(i0, i1, j0, j1), 4)) for i0, i1, j0, j1 in path]


def _refit_variance(scorer: _Scorer, path: Sequence[tuple[int, int, int, int]]) -> float | None:
    """Variance of the length model from the first pass's 1-1 beads (robust: median)."""
    resid = []
    for i0, i1, j0, j1 in path:
        if i1 - i0 == 1 and j1 - j0 == 1:
            ls, lt = scorer.ps[i1] - scorer.ps[i0], scorer.pt[j1] - scorer.pt[j0]
            mean = (scorer.ratio * ls + lt) / 2
            if mean > 0:
                resid.append((lt - scorer.ratio * ls) ** 2 / mean)
    if len(resid) < 8:
        return None
    resid.sort()
    # the median of a chi-square(1) variable is 0.455 times its variance
    return max(2.0, min(40.0, resid[len(resid) // 2] / 0.455))


class _Hit(Protocol):
    concept: str
    nested: bool


class TermScanner(Protocol):
    """What the aligner needs of a glossary matcher (workbench.glossary.TermMatcher)."""

    def scan(self, text: str) -> Sequence[_Hit]: ...


def _with_concepts(feats: Features, text: str, scanner: TermScanner | None) -> Features:
    """Add glossary concepts found in ``text`` as anchors (``^concept``)."""
    if scanner is None:
        return feats
    concepts = {"^" + h.concept for h in scanner.scan(text) if not h.nested}
    return replace(feats, anchors=feats.anchors | concepts) if concepts else feats


def align_sentences(
    src: Sequence[str],
    tgt: Sequence[str],
    src_lang: str,
    tgt_lang: str,
    dictionary: Lexicon | None = None,
    settings: AlignSettings | None = None,
    terms: tuple[TermScanner, TermScanner] | None = None,
) -> list[Bead]:
    """Align source and target sentences; beads carry 0-based indices and a confidence.

    ``terms`` are glossary matchers for the source and target languages: a
    concept found on both sides is an anchor. The shipped seed word list of
    the language pair joins ``dictionary`` unless ``settings.seed`` is off.
    """
    settings = settings or AlignSettings()
    if settings.seed and (seed := seed_lexicon(src_lang, tgt_lang)) is not None:
        dictionary = seed if dictionary is None else seed.merged(dictionary)
    s_scan, t_scan = terms if terms else (None, None)
    return align_features([_with_concepts(features(s, src_lang), s, s_scan) for s in src],
                          [_with_concepts(features(t, tgt_lang), t, t_scan) for t in tgt], dictionary, settings)
