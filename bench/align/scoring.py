"""Strict and lax F1 of predicted beads against the truth.

Boilerplate lines belong to no truth bead, so they are removed from predicted
beads before scoring (a bead left empty on both sides disappears).

* strict: a predicted bead counts only if the truth has exactly the same bead;
  insertions and deletions (1-0, 0-1) count like any other bead.
* lax (as in the Vecalign and Bertalign papers): only beads with sentences on
  both sides take part; a predicted bead is right if it shares at least one
  source and one target sentence with a truth bead, and a truth bead is found
  if some predicted bead shares a source and a target sentence with it.
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

Bead = tuple[tuple[int, ...], tuple[int, ...]]


def without_boilerplate(beads: Iterable[Bead], src_boiler: set[int], tgt_boiler: set[int]) -> list[Bead]:
    """``beads`` with boilerplate indices removed and empty beads dropped."""
    out: list[Bead] = []
    for a, b in beads:
        a2 = tuple(i for i in a if i not in src_boiler)
        b2 = tuple(j for j in b if j not in tgt_boiler)
        if a2 or b2:
            out.append((a2, b2))
    return out


@dataclass
class Counts:
    """Sums over documents, so F1 is micro-averaged over all beads of a run."""

    strict_hit: int = 0
    pred: int = 0
    gold: int = 0
    lax_pred_hit: int = 0
    lax_pred: int = 0
    lax_gold_hit: int = 0
    lax_gold: int = 0

    def add(self, other: Counts) -> None:
        for name in self.__dataclass_fields__:
            setattr(self, name, getattr(self, name) + getattr(other, name))

    @staticmethod
    def _f1(p_num: int, p_den: int, r_num: int, r_den: int) -> float:
        p = p_num / p_den if p_den else 0.0
        r = r_num / r_den if r_den else 0.0
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def strict_f1(self) -> float:
        return self._f1(self.strict_hit, self.pred, self.strict_hit, self.gold)

    @property
    def lax_f1(self) -> float:
        return self._f1(self.lax_pred_hit, self.lax_pred, self.lax_gold_hit, self.lax_gold)


def _links(beads: list[Bead]) -> tuple[list[Bead], dict[int, set[int]], dict[int, set[int]]]:
    """Beads with both sides, and for each source/target index the beads holding it."""
    full = [b for b in beads if b[0] and b[1]]
    by_src: dict[int, set[int]] = {}
    by_tgt: dict[int, set[int]] = {}
    for n, (a, b) in enumerate(full):
        for i in a:
            by_src.setdefault(i, set()).add(n)
        for j in b:
            by_tgt.setdefault(j, set()).add(n)
    return full, by_src, by_tgt


def _overlapping(beads: list[Bead], other: list[Bead]) -> int:
    """How many beads of ``beads`` share a source and a target sentence with one bead of ``other``."""
    _, by_src, by_tgt = _links(other)
    hits = 0
    for a, b in beads:
        srcs = set().union(*(by_src.get(i, set()) for i in a))
        tgts = set().union(*(by_tgt.get(j, set()) for j in b))
        hits += bool(srcs & tgts)
    return hits


def score(pred: list[Bead], gold: list[Bead]) -> Counts:
    """Counts for one document (both lists already without boilerplate)."""
    gold_set = set(gold)
    pred_full = [b for b in pred if b[0] and b[1]]
    gold_full = [b for b in gold if b[0] and b[1]]
    return Counts(
        strict_hit=sum(1 for b in set(pred) if b in gold_set),
        pred=len(set(pred)),
        gold=len(gold_set),
        lax_pred_hit=_overlapping(pred_full, gold_full),
        lax_pred=len(pred_full),
        lax_gold_hit=_overlapping(gold_full, pred_full),
        lax_gold=len(gold_full),
    )
