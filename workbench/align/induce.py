"""A word list learned from the documents being aligned (hunalign's realign):
the confident beads of a first alignment are taken as parallel sentences and
word pairs that keep occurring together in them are kept.

Confident: a 1-1 bead between two other 1-1 beads. A pair (s, t) is kept when
it occurs together in at least ``min_count`` such beads, its Dice coefficient
is at least ``min_dice``, and each is the other's one best partner (a tie is
no evidence either way). Words found in
more than ``max_share`` of the beads (function words) take no part.
Long documents are sampled (``MAX_PAIRS`` beads).
"""
from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from .features import Features
from .lexicon import Lexicon

MIN_COUNT = 2
MIN_DICE = 0.5
MAX_SHARE = 0.1
#: At most this many confident beads, evenly spread, are counted (enough for a
#: document's recurring words, and the time stays bounded).
MAX_PAIRS = 2000


def confident_pairs(path: Sequence[tuple[int, int, int, int]]) -> list[tuple[int, int]]:
    """(source, target) sentence of each 1-1 bead whose neighbours are 1-1 beads too."""
    one = [i1 - i0 == 1 and j1 - j0 == 1 for i0, i1, j0, j1 in path]
    return [(path[k][0], path[k][2]) for k in range(len(path))
            if one[k] and (k == 0 or one[k - 1]) and (k + 1 == len(path) or one[k + 1])]


def induce_lexicon(src: Sequence[Features], tgt: Sequence[Features], path: Sequence[tuple[int, int, int, int]],
                   min_count: int = MIN_COUNT, min_dice: float = MIN_DICE, max_share: float = MAX_SHARE) -> Lexicon:
    """Word pairs learned from the confident beads of ``path``."""
    pairs = confident_pairs(path)
    if len(pairs) > MAX_PAIRS:
        pairs = [pairs[k * len(pairs) // MAX_PAIRS] for k in range(MAX_PAIRS)]
    cap = max(min_count, int(len(pairs) * max_share))
    s_df = Counter(w for i, _ in pairs for w in src[i].words)
    t_df = Counter(w for _, j in pairs for w in tgt[j].words)
    s_keep = {w for w, c in s_df.items() if min_count <= c <= cap and len(w) > 1}
    t_keep = {w for w, c in t_df.items() if min_count <= c <= cap and len(w) > 1}
    joint: Counter[tuple[str, str]] = Counter()
    for i, j in pairs:
        s_words = src[i].words & s_keep
        if s_words:
            t_words = tgt[j].words & t_keep
            joint.update((a, b) for a in s_words for b in t_words)
    best_s: dict[str, list[tuple[float, str]]] = {}
    best_t: dict[str, list[tuple[float, str]]] = {}
    for (a, b), c in joint.items():
        if c < min_count:
            continue
        dice = 2 * c / (s_df[a] + t_df[b])
        if dice >= min_dice:
            best_s.setdefault(a, []).append((dice, b))
            best_t.setdefault(b, []).append((dice, a))
    out: dict[str, frozenset[str]] = {}
    for word, cands in best_s.items():
        partner = _sole_best(cands)
        if partner is not None and _sole_best(best_t[partner]) == word:
            out[word] = frozenset({partner})
    return Lexicon(out)


def _sole_best(cands: list[tuple[float, str]]) -> str | None:
    """The partner with the highest Dice score, or None if two share it (no evidence either way)."""
    cands.sort(reverse=True)
    if len(cands) > 1 and cands[1][0] == cands[0][0]:
        return None
    return cands[0][1]
