"""Dynamic programming over beads, in a band that keeps it linear in length.

For short documents the band is the whole matrix. For long ones a first pass
finds confident anchors (signals that occur once on each side, kept when they
form an increasing chain) and the band follows the line through them.

The band is stored as a table of ``n + 1`` rows of ``width`` cells: cell
``(i, c)`` is the matrix cell ``(i, lo[i] + c)``. Bead costs come as an array
``costs[t, i, c]``: the cost of a bead of type ``BEAD_TYPES[t]`` that ends in
that cell (``inf`` where it cannot). Each row is computed with array
operations; the 0-1 beads within a row, whose cost is the same everywhere,
are a running minimum (Viterbi) or a running log-sum (forward-backward).
"""
from __future__ import annotations

import math
from bisect import bisect_left
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

BEAD_TYPES: tuple[tuple[int, int], ...] = ((1, 1), (1, 0), (0, 1), (2, 1), (1, 2), (2, 2), (3, 1), (1, 3),
                                          (3, 2), (2, 3), (4, 1), (1, 4))
INSERTION = BEAD_TYPES.index((0, 1))
#: The most sentences a bead holds on one side.
MAX_SIDE = max(max(t) for t in BEAD_TYPES)
FULL_MATRIX_CELLS = 90_000
BAND = 12

Path = list[tuple[int, int, int, int]]
Costs = NDArray[np.float64]


def _interpolate(points: Sequence[tuple[int, int]], n: int, m: int) -> list[float]:
    """Expected target position for each source position 0..n through ``points``."""
    pts = sorted({(0, 0), *points, (n, m)})
    xs = [p[0] for p in pts]
    centre: list[float] = []
    for i in range(n + 1):
        k = bisect_left(xs, i)
        if k < len(xs) and xs[k] == i:
            centre.append(float(pts[k][1]))
            continue
        (x0, y0), (x1, y1) = pts[k - 1], pts[k]
        centre.append(y0 + (y1 - y0) * (i - x0) / (x1 - x0))
    return centre


def band_limits(centre: Sequence[float], m: int, width: int) -> list[tuple[int, int]]:
    """Monotone [lo, hi] target ranges per source row around ``centre``."""
    limits: list[tuple[int, int]] = []
    lo_prev = hi_prev = 0
    for i, c in enumerate(centre):
        lo = max(0, min(m, math.floor(c) - width))
        hi = max(0, min(m, math.ceil(c) + width))
        lo = min(max(lo, lo_prev), hi_prev) if i else 0
        hi = max(hi, hi_prev)
        limits.append((lo, hi))
        lo_prev, hi_prev = lo, hi
    last_lo, _ = limits[-1]
    limits[-1] = (min(last_lo, m), m)
    return limits


def increasing_chain(points: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """The longest chain of points increasing in both coordinates."""
    pts = sorted(set(points))
    tails: list[int] = []
    tail_idx: list[int] = []
    prev: list[int] = [-1] * len(pts)
    for k, (_, j) in enumerate(pts):
        pos = bisect_left(tails, j)
        if pos == len(tails):
            tails.append(j)
            tail_idx.append(k)
        else:
            tails[pos] = j
            tail_idx[pos] = k
        prev[k] = tail_idx[pos - 1] if pos else -1
    chain: list[tuple[int, int]] = []
    k = tail_idx[-1] if tail_idx else -1
    while k >= 0:
        chain.append(pts[k])
        k = prev[k]
    chain.reverse()
    # strictly increasing in i as well (same i with two j's is not a chain)
    out: list[tuple[int, int]] = []
    for p in chain:
        if not out or (p[0] > out[-1][0] and p[1] > out[-1][1]):
            out.append(p)
    return out


def covering(limits: Sequence[tuple[int, int]], path: Sequence[tuple[int, int, int, int]]) -> list[tuple[int, int]]:
    """``limits`` widened where needed so that every row holds the cells where
    the beads of ``path`` start and end."""
    out = list(limits)
    for i0, i1, j0, j1 in path:
        for i, j in ((i0, j0), (i1, j1)):
            lo, hi = out[i]
            out[i] = (min(lo, j), max(hi, j))
    return out


def path_limits(path: Sequence[tuple[int, int, int, int]], n: int, m: int, width: int) -> list[tuple[int, int]]:
    """A monotone band reaching ``width`` cells beyond every cell a path
    passes through, in each row from the first to the last of them (a run of
    0-1 beads spans many cells of one row)."""
    first = [m] * (n + 1)
    last = [0] * (n + 1)
    for i0, i1, j0, j1 in path:
        first[i0] = min(first[i0], j0)
        last[i0] = max(last[i0], j0)
        first[i1] = min(first[i1], j1)
        last[i1] = max(last[i1], j1)
        for i in range(i0 + 1, i1):  # rows a merge crosses
            first[i] = min(first[i], j0)
            last[i] = max(last[i], j1)
    lo = [max(0, f - width) for f in first]
    hi = [min(m, h + width) for h in last]
    for i in range(n - 1, -1, -1):
        lo[i] = min(lo[i], lo[i + 1])
    for i in range(1, n + 1):
        hi[i] = max(hi[i], hi[i - 1])
    lo[0], hi[n] = 0, m
    return list(zip(lo, hi))


@dataclass(frozen=True, slots=True)
class Band:
    """The cells of the matrix the dynamic programming visits."""

    lo: NDArray[np.int64]
    hi: NDArray[np.int64]
    width: int
    m: int

    @classmethod
    def of(cls, limits: Sequence[tuple[int, int]] | None, n: int, m: int) -> Band:
        """From per-row ``(lo, hi)`` target ranges (None: the whole matrix)."""
        if limits is None:
            limits = [(0, m)] * (n + 1)
        lo = np.array([a for a, _ in limits], dtype=np.int64)
        hi = np.array([b for _, b in limits], dtype=np.int64)
        return cls(lo, hi, int((hi - lo).max()) + 1, m)

    @property
    def n(self) -> int:
        return len(self.lo) - 1

    def columns(self) -> NDArray[np.int64]:
        """The target position ``j`` of every cell, ``(n + 1, width)``."""
        return self.lo[:, None] + np.arange(self.width)[None, :]

    def inside(self) -> NDArray[np.bool_]:
        """Which cells are in the band."""
        return self.columns() <= self.hi[:, None]

    def starts(self, di: int, dj: int) -> NDArray[np.bool_]:
        """Cells where a bead of type ``(di, dj)`` may end: it starts in the band."""
        n = self.n
        ok = np.zeros((n + 1, self.width), dtype=bool)
        if di > n:
            return ok
        cols = self.columns()[di:] - dj
        lo, hi = self.lo[: n + 1 - di, None], self.hi[: n + 1 - di, None]
        ok[di:] = (cols >= lo) & (cols <= hi) & (cols >= 0)
        return ok & self.inside()


def _shifted(row: NDArray[np.float64], shift: int, fill: float) -> NDArray[np.float64]:
    """``out[c] = row[c + shift]``, ``fill`` where that is outside the row."""
    out = np.full_like(row, fill)
    w = len(row)
    if shift >= w or -shift >= w:
        return out
    if shift >= 0:
        out[: w - shift] = row[shift:]
    else:
        out[-shift:] = row[: w + shift]
    return out


class _Rows:
    """The last ``MAX_SIDE + 1`` rows of a band table (a bead spans at most
    ``MAX_SIDE`` rows), with ``fill`` beyond their ends, so that a row shifted
    by a few cells is a slice rather than a copy."""

    PAD = MAX_SIDE
    KEPT = MAX_SIDE + 1

    def __init__(self, width: int, fill: float) -> None:
        self.width, self.fill = width, fill
        self.data = np.full((self.KEPT, self.PAD + 2 * width + 1), fill)

    def row(self, i: int) -> NDArray[np.float64]:
        return self.data[i % self.KEPT, self.PAD:self.PAD + self.width]

    def shifted(self, i: int, shift: int) -> NDArray[np.float64]:
        """``out[c] = row(i)[c + shift]``."""
        if -self.PAD <= shift <= self.width:
            return self.data[i % self.KEPT, self.PAD + shift:self.PAD + shift + self.width]
        return _shifted(self.row(i), shift, self.fill)


def best_path(costs: Costs, band: Band) -> Path:
    """Cheapest sequence of beads ``(i0, i1, j0, j1)`` from (0, 0) to (n, m)."""
    n, width, lo = band.n, band.width, band.lo
    inf = math.inf
    score = _Rows(width, inf)
    back = np.full((n + 1, width), -1, dtype=np.int8)
    steps = np.arange(width, dtype=np.float64)
    cols = np.arange(width)
    inside = band.inside()
    k = _insertion_cost(costs)
    types = [(t, di, dj) for t, (di, dj) in enumerate(BEAD_TYPES) if di]
    cands = np.empty((len(types), width))
    codes = np.array([t for t, _, _ in types], dtype=np.int8)
    for i in range(n + 1):
        cands.fill(inf)
        for x, (t, di, dj) in enumerate(types):
            if di <= i:
                np.add(score.shifted(i - di, int(lo[i] - dj - lo[i - di])), costs[t, i], out=cands[x])
        best = cands.argmin(axis=0)
        cand = cands[best, cols]
        arg = np.where(cand < inf, codes[best], -1).astype(np.int8)
        if i == 0:
            cand[0], arg[0] = 0.0, -1
        if k < inf:
            g = cand - k * steps
            run = np.minimum.accumulate(g)
            took = (run < g) & inside[i]  # compared before adding back: no rounding
            cand = np.where(took, run + k * steps, cand)
            arg[took] = INSERTION
        score.row(i)[:] = np.where(inside[i], cand, inf)
        back[i] = arg
    path: Path = []
    i, j = n, band.m
    while i > 0 or j > 0:
        c = j - int(lo[i])
        t = int(back[i, c]) if 0 <= c < width else -1
        if t < 0:
            raise RuntimeError("no alignment path in the band")
        di, dj = BEAD_TYPES[t]
        path.append((i - di, i, j - dj, j))
        i, j = i - di, j - dj
    path.reverse()
    return path


def _insertion_cost(costs: Costs) -> float:
    """The cost of a 0-1 bead, the same in every cell (inf if there is none)."""
    finite = costs[INSERTION][np.isfinite(costs[INSERTION])]
    return float(finite.min()) if finite.size else math.inf


def _log_scan(cand: NDArray[np.float64], k: float, steps: NDArray[np.float64]) -> NDArray[np.float64]:
    """``out[c] = logaddexp(cand[c], out[c - 1] - k)``: 0-1 beads within a row."""
    with np.errstate(invalid="ignore"):
        return np.asarray(np.logaddexp.accumulate(cand + k * steps) - k * steps)


def posteriors(costs: Costs, band: Band, path: Sequence[tuple[int, int, int, int]]) -> list[float]:
    """The probability of each bead of ``path`` among all alignments in the
    band, costs read as negative log-probabilities (forward-backward). The
    path must lie in the band (see :func:`covering`)."""
    n, width, lo = band.n, band.width, band.lo
    ninf = -math.inf
    steps = np.arange(width, dtype=np.float64)
    inside = band.inside()
    k = _insertion_cost(costs)
    types = [(t, di, dj) for t, (di, dj) in enumerate(BEAD_TYPES) if di]
    cands = np.empty((len(types) + 1, width))
    recent = _Rows(width, ninf)
    fwd = np.full((n + 1, width), ninf)
    with np.errstate(invalid="ignore", over="ignore"):
        for i in range(n + 1):
            cands.fill(ninf)
            if i == 0:
                cands[-1, 0] = 0.0
            for x, (t, di, dj) in enumerate(types):
                if di <= i:
                    np.subtract(recent.shifted(i - di, int(lo[i] - dj - lo[i - di])), costs[t, i], out=cands[x])
            cand = np.logaddexp.reduce(cands, axis=0)
            if k < math.inf:
                cand = _log_scan(cand, k, steps)
            fwd[i] = recent.row(i)[:] = np.where(inside[i], cand, ninf)
        bwd = np.full((n + 1, width), ninf)
        pending = [_Rows(width, ninf) for _ in types]  # bwd[i] - costs[t, i] by bead type
        for i in range(n, -1, -1):
            cands.fill(ninf)
            if i == n:
                cands[-1, band.m - int(lo[n])] = 0.0
            for x, (t, di, dj) in enumerate(types):
                if i + di <= n:
                    cands[x] = pending[x].shifted(i + di, int(lo[i] + dj - lo[i + di]))
            cand = np.logaddexp.reduce(cands, axis=0)
            if k < math.inf:
                cand = _log_scan(cand[::-1], k, steps)[::-1]
            bwd[i] = np.where(inside[i], cand, ninf)
            for x, (t, _, _) in enumerate(types):
                np.subtract(bwd[i], costs[t, i], out=pending[x].row(i))
    total = fwd[n, band.m - int(lo[n])]
    out = []
    for i0, i1, j0, j1 in path:
        t = BEAD_TYPES.index((i1 - i0, j1 - j0))
        logp = fwd[i0, j0 - lo[i0]] - costs[t, i1, j1 - lo[i1]] + bwd[i1, j1 - lo[i1]] - total
        out.append(math.exp(min(0.0, float(logp))))
    return out


def tabulate(cost: Callable[[int, int, int, int], float], band: Band) -> Costs:
    """The cost array of a band from a function of one bead (for small tables)."""
    out = np.full((len(BEAD_TYPES), band.n + 1, band.width), math.inf)
    for t, (di, dj) in enumerate(BEAD_TYPES):
        for i, c in zip(*np.nonzero(band.starts(di, dj))):
            j = int(band.lo[i]) + int(c)
            out[t, i, c] = cost(int(i) - di, int(i), j - dj, j)
    return out
