"""What a check yields: a finding before it is located and given an id."""
from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .context import Pair


@dataclass(frozen=True, slots=True)
class Draft:
    """A finding at ``[start, end)`` of document ``doc``; ``places`` are other
    ``(doc, start, end)`` spans involved; ``severity`` overrides the check's.

    A bilingual check names the aligned ``pair`` and the flagged spans in its
    source and target documents (document offsets), where it knows them;
    ``renderings`` are competing renderings or wordings with their counts,
    ``term`` what the finding is about (see :class:`~workbench.model.Finding`)."""

    doc: str
    start: int
    end: int
    message: str
    suggestion: str = ""
    involved: tuple[str, ...] = ()
    places: tuple[tuple[str, int, int], ...] = ()
    severity: str | None = None
    pair: Pair | None = None
    source_span: tuple[int, int] | None = None
    target_span: tuple[int, int] | None = None
    renderings: tuple[tuple[str, int], ...] = ()
    term: str = ""
