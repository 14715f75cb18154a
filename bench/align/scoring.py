"""Strict and lax precision, recall and F1 of predicted beads against the truth,
as Vecalign and Bertalign score the Text+Berg documents (after Sennrich and
Volk 2011), so figures are comparable with theirs:

* precision: over the predicted beads (1-0 and 0-1 included). A bead is a
  strict hit if the truth has exactly that bead, a lax hit if one of its
  source sentences belongs to a true bead that shares a target sentence with it;
* recall: the same with truth and prediction swapped, over beads with
  sentences on both sides only;
* F1 of each, micro-averaged over all beads of a run (counts are summed
  over documents before dividing).

Boilerplate lines are beads of their own in the truth (1-0 or 0-1), for every
aligner alike.
"""
from __future__ import annotations

from dataclasses import dataclass, fields

Bead = tuple[tuple[int, ...], tuple[int, ...]]


@dataclass
class Counts:
    """Sums over documents."""

    p_strict: int = 0
    p_lax: int = 0
    p_total: int = 0
    r_strict: int = 0
    r_lax: int = 0
    r_total: int = 0

    def add(self, other: Counts) -> None:
        for f in fields(self):
            setattr(self, f.name, getattr(self, f.name) + getattr(other, f.name))

    @staticmethod
    def _f1(p: float, r: float) -> float:
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def strict_p(self) -> float:
        return self.p_strict / self.p_total if self.p_total else 0.0

    @property
    def strict_r(self) -> float:
        return self.r_strict / self.r_total if self.r_total else 0.0

    @property
    def strict_f1(self) -> float:
        return self._f1(self.strict_p, self.strict_r)

    @property
    def lax_f1(self) -> float:
        p = self.p_lax / self.p_total if self.p_total else 0.0
        r = self.r_lax / self.r_total if self.r_total else 0.0
        return self._f1(p, r)


def _hits(test: list[Bead], gold: list[Bead]) -> tuple[int, int, int]:
    """(strict hits, lax hits, beads) of ``test`` measured against ``gold``."""
    gold_set = {b for b in gold if b[0] or b[1]}
    tgt_of: dict[int, set[int]] = {}
    for a, b in gold_set:
        for i in a:
            tgt_of.setdefault(i, set()).update(b)
    strict = lax = total = 0
    for a, b in {x for x in test if x[0] or x[1]}:
        total += 1
        if (a, b) in gold_set:
            strict += 1
            lax += 1
        elif set(b) & set().union(*(tgt_of.get(i, set()) for i in a)):
            lax += 1
    return strict, lax, total


def score(pred: list[Bead], gold: list[Bead]) -> Counts:
    """Counts for one document."""
    ps, pl, pt = _hits(pred, gold)
    both = [b for b in gold if b[0] and b[1]]
    rs, rl, rt = _hits(both, [b for b in pred if b[0] and b[1]])
    return Counts(ps, pl, pt, rs, rl, rt)
