"""What a check yields: a finding before it is located and given an id."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Draft:
    """A finding at ``[start, end)`` of document ``doc``; ``places`` are other
    ``(doc, start, end)`` spans involved; ``severity`` overrides the check's."""

    doc: str
    start: int
    end: int
    message: str
    suggestion: str = ""
    involved: tuple[str, ...] = ()
    places: tuple[tuple[str, int, int], ...] = ()
    severity: str | None = None
