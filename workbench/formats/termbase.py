"""What the termbase readers (TBX, CSV) yield: a concept and where it was read."""
from __future__ import annotations

from dataclasses import dataclass

from ..model import Concept


@dataclass(frozen=True, slots=True)
class LocatedConcept:
    """A concept with the line of its entry and of each of its terms (same order)."""

    concept: Concept
    line: int | None
    term_lines: tuple[int | None, ...]
