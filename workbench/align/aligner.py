"""The aligner: a length model, what the documents carry, and word lists in one bead cost.

cost(bead) = prior(bead type) + length cost + punctuation cost - reward x matched signals

* prior: -log of how often each bead type occurs (Gale and Church's figures;
  beads of five sentences, 1-4, 2-3, 3-2 and 4-1, rarer still), re-estimated
  from the first passes' path (the defaults weighing as ``PRIOR_STRENGTH``
  beads), since translations differ in how often they merge, split or leave
  out sentences;
* length cost: Gale and Church's normalized length difference delta, scored
  with a heavy-tailed (Student t) model rather than a Gaussian, the length
  ratio estimated from the two documents and the variance re-estimated from
  the first pass's 1-1 beads;
* punctuation cost: an "open" line (no sentence-final punctuation: a heading,
  caption, menu item or link) costs ``OPEN_PENALTY`` in a merge, and a 1-1
  bead of an open line and a sentence costs ``OPEN_MISMATCH``: such lines
  stand alone or pair with their like;
* matched signals: anchors found on both sides (numbers in any digit script,
  Latin tokens, names and cognates compared through their romanisation,
  glossary concepts, ?, ! and quotes) and source words whose dictionary
  translation is in the target; each weighted by its rarity in the document.
  Since every signal lands in exactly one bead whatever the alignment,
  unmatched signals cost the same on every path and need no term.

The dictionary is the shipped word list of the pair (if any), the caller's
(a memory's statistics, a word list) and the word pairs induced from a first
pass's confident beads (:mod:`.induce`), with which the documents are aligned
again, as hunalign's realign does.

A bead's confidence is its posterior probability among all alignments in a
band around the best path, costs read as negative log-probabilities
(forward-backward). Sentences without a counterpart are always marked for
review.
"""
from __future__ import annotations

import math
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from typing import Protocol

import numpy as np
from numpy.typing import NDArray

from ..model import Bead
from .dp import (
    BAND,
    BEAD_TYPES,
    FULL_MATRIX_CELLS,
    MAX_SIDE,
    Band,
    Costs,
    _interpolate,
    band_limits,
    best_path,
    covering,
    increasing_chain,
    path_limits,
    posteriors,
)
from .features import Features, features
from .induce import induce_lexicon
from .lexicon import Lexicon
from .seed import seed_lexicon

ALIGN_VERSION = "align:lenanchor@3"
# Prior of each bead type of five sentences (1-4, 2-3, 3-2, 4-1).
BIG_PRIOR = 0.0003
PRIORS = {(1, 1): 0.89, (1, 0): 0.02, (0, 1): 0.02, (2, 1): 0.0445, (1, 2): 0.0445, (2, 2): 0.002, (3, 1): 0.004, (1, 3): 0.004,
          (3, 2): BIG_PRIOR, (2, 3): BIG_PRIOR, (4, 1): BIG_PRIOR, (1, 4): BIG_PRIOR}
SIGNAL_WEIGHTS = {"#": 1.5, "@": 1.5, "$": 0.8, "?": 0.6, '"': 0.4, "=": 0.7, "^": 1.2, "~": 0.6, "%": 0.6, "!": 0.6}
REWARD = 2.5
SKIP_COST = 0.0
REVIEW_THRESHOLD = 0.8
ORPHAN_EVIDENCE = 1.0
REFINE_BAND = 4
PRIOR_STRENGTH = 400.0
# Dictionary words in more than this share of a document's sentences take no part.
COMMON_WORD = 0.1
WIDEN_ROUNDS = 1
POSTERIOR_BAND = 4
ORPHAN_PENALTY = 1.5
# Cost of each line without sentence-final punctuation (``Features.open``) in a merge.
OPEN_PENALTY = 1.5
# Cost of a 1-1 bead of an open line and a sentence.
OPEN_MISMATCH = 2.0
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
    induce: bool = True
    """Learn word pairs from a first pass's confident beads and align again."""


class _Scorer:
    """Bead costs. Matches are summed over the sentence pairs a bead covers,
    from per-row tables built with inverted indexes on the target side and
    restricted to the DP band, so the work grows with the band, not with
    the documents' size squared."""

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
        entries = dict(lexicon.entries) if lexicon else {}
        if entries and COMMON_WORD:
            # words in more than a share of a document's sentences (function
            # words) say nothing about where a sentence's translation is
            s_df = Counter(w for f in src for w in f.words if w in entries)
            t_df = Counter(w for f in tgt for w in f.words)
            s_cap, t_cap = max(5, COMMON_WORD * len(src)), max(5, COMMON_WORD * len(tgt))
            kept = {w: frozenset(t for t in ts if t_df[t] <= t_cap) for w, ts in entries.items() if s_df[w] <= s_cap}
            entries = {w: ts for w, ts in kept.items() if ts}
        self.src_dict = [tuple((w, entries[w]) for w in f.words if w in entries) for f in src]
        vocab = frozenset().union(*entries.values()) if entries else frozenset()
        self.tgt_known = [len(f.words & vocab) for f in tgt]
        df: Counter[str] = Counter(a for f in src for a in f.anchors)
        df.update(a for f in tgt for a in f.anchors)
        self.weight = {a: SIGNAL_WEIGHTS[a[0]] / math.sqrt(max(1.0, c / 2)) for a, c in df.items()}
        self.prior = {k: -math.log(v) for k, v in PRIORS.items()}
        live = frozenset().union(*(f.anchors for f in src)) & frozenset().union(*(f.anchors for f in tgt))
        self.src_live = [f.anchors & live for f in src]
        tgt_live = [f.anchors & live for f in tgt]
        self.anchor_post: dict[str, list[int]] = {}
        self.word_post: dict[str, list[int]] = {}
        for j, (f, anchors) in enumerate(zip(tgt, tgt_live)):
            for a in anchors:
                self.anchor_post.setdefault(a, []).append(j)
            for w in f.words & vocab:
                self.word_post.setdefault(w, []).append(j)
        self.src_ev_arr = np.array([self._evidence(f, len(d)) >= ORPHAN_EVIDENCE for f, d in zip(src, self.src_dict)], dtype=bool)
        self.tgt_ev_arr = np.array([self._evidence(f, k) >= ORPHAN_EVIDENCE for f, k in zip(tgt, self.tgt_known)], dtype=bool)
        self.src_open = np.array([f.open for f in src], dtype=np.float64)
        self.tgt_open = np.array([f.open for f in tgt], dtype=np.float64)
        self.ps_arr = np.array(self.ps, dtype=np.float64)
        self.pt_arr = np.array(self.pt, dtype=np.float64)
        self.limits: Sequence[tuple[int, int]] | None = None
        self._rows: dict[int, dict[int, frozenset[str]]] = {}
        self._scores: dict[int, dict[int, float]] = {}
        self._spans: dict[int, tuple[int, int]] = {}
        self._version: dict[int, int] = {}
        self._held: dict[int, tuple[tuple[int, ...], list[tuple[str, int, float]]]] = {}

    def reset(self, limits: Sequence[tuple[int, int]] | None) -> None:
        """A new band: rows are made again where it reaches beyond what they hold."""
        self.limits = limits

    def _span(self, i: int) -> tuple[int, int]:
        """The target sentences beads in the band may pair with source sentence ``i``."""
        if self.limits is None:
            return 0, len(self.tgt)
        k = MAX_SIDE
        return self.limits[i][0] - k, self.limits[min(i + k, len(self.limits) - 1)][1] + k

    def row(self, i: int) -> dict[int, frozenset[str]]:
        """The signals of source sentence ``i`` matched by each target sentence near the band."""
        lo, hi = self._span(i)
        r = self._rows.get(i)
        held = self._spans.get(i)
        if r is not None and held is not None and held[0] <= lo and hi <= held[1]:
            return r
        if self.limits is not None:  # some room, so that a wider band seldom makes it again
            lo, hi = lo - BAND, hi + BAND
        self._spans[i] = (lo, hi)
        self._version[i] = self._version.get(i, 0) + 1
        found: dict[int, set[str]] = {}
        for a in self.src_live[i]:
            post = self.anchor_post.get(a)
            if post:
                for j in post[bisect_left(post, lo):bisect_right(post, hi)]:
                    found.setdefault(j, set()).add(a)
        for word, trans in self.src_dict[i]:
            key = "=" + word
            for t in trans:
                post = self.word_post.get(t)
                if post:
                    for j in post[bisect_left(post, lo):bisect_right(post, hi)]:
                        found.setdefault(j, set()).add(key)
        r = {j: frozenset(v) for j, v in found.items()}
        self._rows[i] = r
        self._scores[i] = {j: self._weigh(v) for j, v in r.items()}
        return r

    def _weigh(self, signals: Iterable[str]) -> float:
        w = self.weight
        return sum(w[a] if a[0] != "=" else SIGNAL_WEIGHTS["="] for a in signals)

    def score11(self, i: int, j: int) -> float:
        """Match score of one source and one target sentence."""
        self.row(i)
        return self._scores[i].get(j, 0.0)

    def matches(self, i0: int, i1: int, j0: int, j1: int) -> float:
        """Weight of the signals matched anywhere in the bead, each counted once."""
        if i1 - i0 == 1 and j1 - j0 == 1:
            return self.score11(i0, j0)
        found: set[str] = set()
        for i in range(i0, i1):
            r = self.row(i)
            if r:
                for j in range(j0, j1):
                    hit = r.get(j)
                    if hit:
                        found |= hit
        return self._weigh(found) if found else 0.0

    def _evidence(self, f: Features, known: int) -> float:
        """How much a sentence should match if its translation is there: numbers,
        Latin tokens, glossary concepts and dictionary words (name skeletons
        are too often absent)."""
        own = sum(self.weight[a] for a in f.anchors if a[0] in "#@^")
        return own + SIGNAL_WEIGHTS["="] * known

    def length_costs(self, di: int, dj: int, band: Band) -> NDArray[np.float64]:
        """Length cost of every bead of type ``(di, dj)`` ending in rows ``di..n`` of the band."""
        cols = np.clip(band.columns()[di:], dj, band.m)
        ls = (self.ps_arr[di:] - self.ps_arr[: len(self.ps_arr) - di])[:, None]
        lt = self.pt_arr[cols] - self.pt_arr[cols - dj]
        mean = np.maximum((self.ratio * ls + lt) / 2, 1.0)
        delta2 = (lt - self.ratio * ls) ** 2 / (self.variance * mean)
        return np.asarray(_T_SCALE * np.log1p(delta2 / T_DOF))

    def _pairs(self, band: Band) -> tuple[dict[str, NDArray[np.float64]], NDArray[np.int64]]:
        """Match scores of the sentence pairs beads in the band may hold, and of
        the signals two or three of them share (a merge counts those once), as
        tables ``t[i, j - first[i]]`` (0 where nothing matches):

        * ``P``: pair (i, j); ``R1``, ``R2``: shared by (i, j) and (i, j + 1),
          (i, j + 2); ``R3``: by all three; ``C1``, ``C2``, ``C3``: the same down
          a column; ``X1``: (i, j) and (i + 1, j + 1); ``X2``: (i, j + 1) and (i + 1, j).
        """
        n, m = len(self.src), len(self.tgt)
        first = np.maximum(band.lo[:n] - MAX_SIDE, 0)
        last = np.minimum(band.hi[np.minimum(np.arange(n) + MAX_SIDE, n)], m - 1)
        width = max(1, int((last - first).max()) + 1) if n else 1
        t = {k: np.zeros((max(n, 1), width)) for k in _TABLES}
        for r in range(n):
            self.row(r)
        for i in range(n):
            f = int(first[i])
            for name, j, v in self._entries(i):
                if 0 <= j - f < width:
                    t[name][i, j - f] = v
        return t, first

    def _entries(self, i: int) -> list[tuple[str, int, float]]:
        """Row ``i``'s entries of the tables of :meth:`_pairs`, by target
        sentence; made again only when row ``i``, ``i + 1`` or ``i + 2`` was."""
        n = len(self.src)
        key = tuple(self._version.get(r, 0) for r in (i, i + 1, i + 2))
        held = self._held.get(i)
        if held is not None and held[0] == key:
            return held[1]
        r = self._rows[i]
        empty: dict[int, frozenset[str]] = {}
        down = self._rows[i + 1] if i + 1 < n else empty
        down2 = self._rows[i + 2] if i + 2 < n else empty
        scores = self._scores[i]
        w = self._weigh
        out: list[tuple[str, int, float]] = []
        for j, sig in r.items():
            out.append(("P", j, scores[j]))
            right, right2 = r.get(j + 1), r.get(j + 2)
            if right and (o := sig & right):
                out.append(("R1", j, w(o)))
                if right2 and (o3 := o & right2):
                    out.append(("R3", j, w(o3)))
            if right2 and (o := sig & right2):
                out.append(("R2", j, w(o)))
            below, below2 = down.get(j), down2.get(j)
            if below and (o := sig & below):
                out.append(("C1", j, w(o)))
                if below2 and (o3 := o & below2):
                    out.append(("C3", j, w(o3)))
            if below2 and (o := sig & below2):
                out.append(("C2", j, w(o)))
            if (diag := down.get(j + 1)) and (o := sig & diag):
                out.append(("X1", j, w(o)))
        for j, sig in down.items():  # (i + 1, j) with (i, j + 1)
            if (up := r.get(j + 1)) and (o := sig & up):
                out.append(("X2", j, w(o)))
        self._held[i] = (key, out)
        return out

    def table(self, band: Band) -> Costs:
        """The cost of every bead that ends in the band, by bead type (dp's cost array).

        cost = prior + length cost - reward x matches (+ orphan penalties for merges)

        A merge's matches are its pairs' matches less the signals two pairs
        share (inclusion-exclusion), so each signal counts once.
        """
        n = len(self.src)
        tables, first = self._pairs(band)
        width = tables["P"].shape[1]
        out = np.full((len(BEAD_TYPES), n + 1, band.width), math.inf)
        reward = self.settings.reward
        for t, (di, dj) in enumerate(BEAD_TYPES):
            if di > n or dj > band.m:
                continue
            ok = band.starts(di, dj)
            prior = self.prior[(di, dj)]
            if di == 0 or dj == 0:
                out[t][ok] = prior + self.settings.skip_cost
                continue
            rows = np.arange(di, n + 1)
            cols = band.columns()[di:]

            def look(name: str, a: int, b: int, rows: NDArray[np.int64] = rows,
                     cols: NDArray[np.int64] = cols) -> NDArray[np.float64]:
                """Table ``name`` at source ``i - a``, target ``j - b`` of each bead end (i, j)."""
                r = rows - a
                x = cols - b - first[r][:, None]
                inside = (x >= 0) & (x < width)
                return np.where(inside, tables[name][r[:, None], np.clip(x, 0, width - 1)], 0.0)

            comps = {(a, b): look("P", a, b) for a in range(1, di + 1) for b in range(1, dj + 1)}
            match = sum(comps.values())
            assert isinstance(match, np.ndarray)
            cost = prior + self.length_costs(di, dj, band)
            if di == 1 and dj == 1 and OPEN_MISMATCH:
                # a heading or menu line seldom translates a sentence, or the other way round
                k = np.clip(cols - 1, 0, len(self.tgt) - 1)
                cost = cost + OPEN_MISMATCH * (self.src_open[rows - 1][:, None] != self.tgt_open[k])
            if (di, dj) not in _SHARED and (di > 1 or dj > 1):
                # five sentences: the signals two pairs share taken off (a signal in
                # three pairs is taken off once too often), never below the best pair
                near = [look(name, a, b) for name, a0, b0 in _PAIRWISE
                        for a in range(a0, di + 1) for b in range(b0, dj + 1)]
                match = np.maximum(match - sum(near), np.max(list(comps.values()), axis=0))
                cost += self._orphans(comps, di, dj, rows, cols) + self._open(di, dj, rows, cols)
            elif di > 1 or dj > 1:
                shared = [sign * look(name, a, b) for name, a, b, sign in _SHARED[(di, dj)]]
                match = match + sum(shared)
                if di > 1 and dj > 1:  # a signal in three or four pairs: counted exactly
                    busy = sum((x > 0).astype(np.int64) for x in comps.values())
                    for ri, c in zip(*np.nonzero((busy > 2) & (sum(np.abs(x) for x in shared) > 0) & ok[di:])):
                        i1, j1 = int(ri) + di, int(band.lo[int(ri) + di]) + int(c)
                        match[ri, c] = self.matches(i1 - di, i1, j1 - dj, j1)
                cost += self._orphans(comps, di, dj, rows, cols) + self._open(di, dj, rows, cols)
            out[t, di:] = np.where(ok[di:], cost - reward * match, math.inf)
        return out

    def _open(self, di: int, dj: int, rows: NDArray[np.int64], cols: NDArray[np.int64]) -> NDArray[np.float64]:
        """Penalty for the lines of a merge without sentence-final punctuation."""
        penalty = np.zeros(cols.shape)
        if di > 1:
            for a in range(1, di + 1):
                penalty += OPEN_PENALTY * self.src_open[rows - a][:, None]
        if dj > 1:
            for b in range(1, dj + 1):
                penalty += OPEN_PENALTY * self.tgt_open[np.clip(cols - b, 0, len(self.tgt) - 1)]
        return penalty

    def _orphans(self, comps: dict[tuple[int, int], NDArray[np.float64]], di: int, dj: int,
                 rows: NDArray[np.int64], cols: NDArray[np.int64]) -> NDArray[np.float64]:
        """Penalty for a merge whose member sentence, for all its signals,
        matches nothing on the other side: evidence that it has no counterpart
        here (a deletion or insertion rather than a merge)."""
        penalty = np.zeros(cols.shape)
        if di > 1:
            for a in range(1, di + 1):
                alone = sum(comps[a, b] for b in range(1, dj + 1)) == 0
                penalty += ORPHAN_PENALTY * (alone & self.src_ev_arr[rows - a][:, None])
        if dj > 1:
            for b in range(1, dj + 1):
                alone = sum(comps[a, b] for a in range(1, di + 1)) == 0
                k = np.clip(cols - b, 0, len(self.tgt) - 1)
                penalty += ORPHAN_PENALTY * (alone & self.tgt_ev_arr[k])
        return penalty


# Tables of signals two pairs share, with the least (rows, columns) up from a
# bead's end where they fall inside it.
_PAIRWISE = (("R1", 1, 2), ("R2", 1, 3), ("C1", 2, 1), ("C2", 3, 1), ("X1", 2, 2), ("X2", 2, 2))
_TABLES = ("P", "R1", "R2", "R3", "C1", "C2", "C3", "X1", "X2")
# Signals shared by two (or three) pairs of a merge, by bead type: (table, rows
# up from the bead's end to its top, columns left to its first target, sign).
_SHARED: dict[tuple[int, int], list[tuple[str, int, int, int]]] = {
    (1, 2): [("R1", 1, 2, -1)],
    (1, 3): [("R1", 1, 3, -1), ("R1", 1, 2, -1), ("R2", 1, 3, -1), ("R3", 1, 3, 1)],
    (2, 1): [("C1", 2, 1, -1)],
    (3, 1): [("C1", 3, 1, -1), ("C1", 2, 1, -1), ("C2", 3, 1, -1), ("C3", 3, 1, 1)],
    (2, 2): [("R1", 2, 2, -1), ("R1", 1, 2, -1), ("C1", 2, 2, -1), ("C1", 2, 1, -1), ("X1", 2, 2, -1), ("X2", 2, 2, -1)],
}


def _limits(scorer: _Scorer, n: int, m: int) -> list[tuple[int, int]] | None:
    """None (the whole matrix) for short documents, else a band through anchors.

    A point (i, j) is an anchor that source sentence i and target sentence j
    share and that occurs nowhere else near the diagonal the two documents'
    lengths draw; the longest increasing chain of such points is the centre
    of the band. Anchors repeated far away (a document that quotes itself,
    or repeats) do not disturb it.
    """
    if (n + 1) * (m + 1) <= FULL_MATRIX_CELLS:
        return None
    expected = [min(m, bisect_left(scorer.pt, scorer.ratio * scorer.ps[i])) for i in range(n)]
    chain = _chain(scorer, expected, "#@^")
    if len(chain) < n / 30:  # too few numbers, codes and terms: names and cognates too
        chain = _chain(scorer, expected, "#@^$~")
    centre = _interpolate(chain, n, m)
    return band_limits(centre, m, BAND)


def _chain(scorer: _Scorer, expected: Sequence[int], kinds: str) -> list[tuple[int, int]]:
    """Increasing chain of anchor points of the given kinds near the length diagonal."""
    n, m = len(scorer.src), len(scorer.tgt)
    slack = max(60, (n + m) // 50)
    src_at: dict[str, list[int]] = {}
    for i, f in enumerate(scorer.src):
        for a in f.anchors:
            if a[0] in kinds:
                src_at.setdefault(a, []).append(i)
    points = []
    for a, iss in src_at.items():
        post = scorer.anchor_post.get(a)
        if not post:
            continue
        for k, i in enumerate(iss):
            lo, hi = bisect_left(post, expected[i] - slack), bisect_right(post, expected[i] + slack)
            if hi - lo != 1:
                continue
            j = post[lo]
            near = [x for x in iss[max(0, k - 3):k + 4] if abs(expected[x] - j) <= slack]
            if len(near) == 1:
                points.append((i, j))
    return increasing_chain(points)


def _touches(path: Sequence[tuple[int, int, int, int]], limits: Sequence[tuple[int, int]], m: int) -> list[int]:
    """Rows where the path runs along the band's edge (the band may be too narrow there)."""
    rows = []
    for i0, _, j0, _ in path:
        lo, hi = limits[i0]
        if (j0 <= lo + 1 and lo > 0) or (j0 >= hi - 1 and hi < m):
            rows.append(i0)
    return rows


def _solve(scorer: _Scorer, limits: list[tuple[int, int]] | None,
           rounds: int = WIDEN_ROUNDS) -> tuple[list[tuple[int, int, int, int]], list[tuple[int, int]] | None]:
    """The best path in a band, the band moved (at most ``rounds`` times) where the path runs along its edge."""
    n, m = len(scorer.src), len(scorer.tgt)
    scorer.reset(limits)
    band = Band.of(limits, n, m)
    path = best_path(scorer.table(band), band)
    for _ in range(rounds):
        if limits is None or not _touches(path, limits, m):
            break
        limits = path_limits(path, n, m, BAND)  # the band follows the path past the edge it ran along
        scorer.reset(limits)
        band = Band.of(limits, n, m)
        path = best_path(scorer.table(band), band)
    return path, limits


def align_features(src: Sequence[Features], tgt: Sequence[Features], lexicon: Lexicon | None = None, settings: AlignSettings | None = None) -> list[Bead]:
    """Align two sequences of sentence features.

    A first pass aligns with what the documents carry (length, anchors,
    cognates) and ``lexicon``; word pairs learned from its confident beads
    (:func:`induce_lexicon`) join the lexicon for a second pass, as
    hunalign's realign does. The length model's variance is then refitted
    on the 1-1 beads and a last pass runs in a narrow band around the path.
    """
    settings = settings or AlignSettings()
    n, m = len(src), len(tgt)
    if n == 0 or m == 0:
        return [Bead((i,), (), 0.2) for i in range(n)] + [Bead((), (j,), 0.2) for j in range(m)]
    scorer = _Scorer(src, tgt, lexicon, settings)
    limits = _limits(scorer, n, m)
    path, limits = _solve(scorer, limits)
    if settings.induce:
        learned = induce_lexicon(src, tgt, path)
        if learned:
            scorer = _Scorer(src, tgt, learned if lexicon is None else lexicon.merged(learned), settings)
            path, limits = _solve(scorer, None if limits is None else path_limits(path, n, m, BAND), 1)
    variance = _refit_variance(scorer, path)
    if variance is not None:
        scorer.variance = variance
        if PRIOR_STRENGTH:
            scorer.prior = _refit_priors(path, PRIOR_STRENGTH)
        path, _ = _solve(scorer, None if limits is None else path_limits(path, n, m, REFINE_BAND), 0)
    post_limits = covering(path_limits(path, n, m, POSTERIOR_BAND), path)
    scorer.reset(post_limits)
    band = Band.of(post_limits, n, m)
    sure = posteriors(scorer.table(band), band, path)
    return [Bead(tuple(range(i0, i1)), tuple(range(j0, j1)), round(p, 4)) for (i0, i1, j0, j1), p in zip(path, sure)]


def _refit_priors(path: Sequence[tuple[int, int, int, int]], strength: float) -> dict[tuple[int, int], float]:
    """Bead-type costs from how often each type occurs on the path, the
    default priors counting as ``strength`` beads."""
    counts = Counter((i1 - i0, j1 - j0) for i0, i1, j0, j1 in path)
    total = len(path) + strength
    return {k: -math.log((counts[k] + strength * v) / total) for k, v in PRIORS.items()}


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
    @property
    def concept(self) -> str: ...

    @property
    def nested(self) -> bool: ...


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
