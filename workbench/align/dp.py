"""Dynamic programming over beads, in a band that keeps it linear in length.

For short documents the band is the whole matrix. For long ones a first pass
finds confident anchors (signals that occur once on each side, kept when they
form an increasing chain) and the band follows the line through them.
"""
from __future__ import annotations

import math
from bisect import bisect_left
from collections.abc import Callable, Sequence

BEAD_TYPES: tuple[tuple[int, int], ...] = ((1, 1), (1, 0), (0, 1), (2, 1), (1, 2), (2, 2), (3, 1), (1, 3))
FULL_MATRIX_CELLS = 90_000
BAND = 12

# cost(i0, i1, j0, j1, budget): a bead's cost, or inf when it cannot come under budget
CostFn = Callable[[int, int, int, int, float], float]


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


def best_path(n: int, m: int, cost: CostFn, limits: Sequence[tuple[int, int]] | None = None) -> list[tuple[int, int, int, int]]:
    """Cheapest sequence of beads ``(i0, i1, j0, j1)`` covering ``n`` x ``m``."""
    if limits is None:
        limits = [(0, m)] * (n + 1)
    inf = math.inf
    rows: list[list[float]] = []
    back: list[list[int]] = []
    for i in range(n + 1):
        lo, hi = limits[i]
        row = [inf] * (hi - lo + 1)
        ptr = [-1] * (hi - lo + 1)
        for j in range(lo, hi + 1):
            if i == 0 and j == 0:
                row[0] = 0.0
                continue
            best, arg = inf, -1
            for t, (di, dj) in enumerate(BEAD_TYPES):
                pi, pj = i - di, j - dj
                if pi < 0 or pj < 0:
                    continue
                plo, phi = limits[pi]
                if not plo <= pj <= phi:
                    continue
                prev = rows[pi][pj - plo] if pi < i else row[pj - lo]
                if prev == inf:
                    continue
                c = prev + cost(pi, i, pj, j, best - prev)
                if c < best:
                    best, arg = c, t
            row[j - lo] = best
            ptr[j - lo] = arg
        rows.append(row)
        back.append(ptr)
    path: list[tuple[int, int, int, int]] = []
    i, j = n, m
    while i > 0 or j > 0:
        lo = limits[i][0]
        t = back[i][j - lo]
        if t < 0:
            raise RuntimeError("no alignment path in the band")
        di, dj = BEAD_TYPES[t]
        path.append((i - di, i, j - dj, j))
        i, j = i - di, j - dj
    path.reverse()
    return path


def _softmin(values: Sequence[float]) -> float:
    """-log(sum(exp(-v))): the soft minimum of costs (inf when there are none)."""
    low = min(values, default=math.inf)
    if low == math.inf:
        return math.inf
    return low - math.log(sum(math.exp(low - v) for v in values))


def covering(limits: Sequence[tuple[int, int]], path: Sequence[tuple[int, int, int, int]]) -> list[tuple[int, int]]:
    """``limits`` widened where needed so that every row holds the cells where
    the beads of ``path`` start and end."""
    out = list(limits)
    for i0, i1, j0, j1 in path:
        for i, j in ((i0, j0), (i1, j1)):
            lo, hi = out[i]
            out[i] = (min(lo, j), max(hi, j))
    return out


def posteriors(n: int, m: int, cost: CostFn, limits: Sequence[tuple[int, int]],
               path: Sequence[tuple[int, int, int, int]]) -> list[float]:
    """The probability of each bead of ``path`` among all alignments in the band,
    costs read as negative log-probabilities (forward-backward over the beads).

    The band is widened to hold the whole path, so any band will do: the path
    is one of the alignments counted, and every probability is in (0, 1].
    """
    inf = math.inf
    limits = covering(limits, path)

    def inside(i: int, j: int) -> bool:
        return 0 <= i <= n and limits[i][0] <= j <= limits[i][1]

    fwd: list[dict[int, float]] = [dict() for _ in range(n + 1)]
    for i in range(n + 1):
        lo, hi = limits[i]
        for j in range(lo, hi + 1):
            if i == 0 and j == 0:
                fwd[0][0] = 0.0
                continue
            terms = [fwd[i - di][j - dj] + cost(i - di, i, j - dj, j, inf) for di, dj in BEAD_TYPES
                     if inside(i - di, j - dj) and fwd[i - di].get(j - dj, inf) < inf]
            fwd[i][j] = _softmin(terms)
    bwd: list[dict[int, float]] = [dict() for _ in range(n + 1)]
    for i in range(n, -1, -1):
        lo, hi = limits[i]
        for j in range(hi, lo - 1, -1):
            if i == n and j == m:
                bwd[n][m] = 0.0
                continue
            terms = [bwd[i + di][j + dj] + cost(i, i + di, j, j + dj, inf) for di, dj in BEAD_TYPES
                     if inside(i + di, j + dj) and bwd[i + di].get(j + dj, inf) < inf]
            bwd[i][j] = _softmin(terms)
    total = fwd[n][m]
    return [math.exp(min(0.0, total - fwd[i0][j0] - cost(i0, i1, j0, j1, inf) - bwd[i1][j1])) for i0, i1, j0, j1 in path]
