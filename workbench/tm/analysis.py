"""Fuzzy-match analysis of new documents against the memory, as CAT tools do it.

Each translatable segment falls in one band: a repetition (its match key was
already seen earlier in the analyzed documents), 100%, 95-99, 85-94, 75-84,
50-74, or no match; segments, words and characters are summed per band, per
document and in total.
"""
from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from ..model import Segment
from ..segment import segment_file
from ..text.normalize import default_normalizer
from .fuzzy import FuzzyIndex
from .store import Store

#: Bands, best first: (name, lowest score); repetitions come before all.
BANDS: tuple[tuple[str, float], ...] = (
    ("100%", 100.0), ("95-99%", 95.0), ("85-94%", 85.0), ("75-84%", 75.0), ("50-74%", 50.0),
)
REPETITIONS = "repetitions"
NO_MATCH = "no match"
BAND_NAMES: tuple[str, ...] = (REPETITIONS, *(b[0] for b in BANDS), NO_MATCH)


def band_of(score: float | None) -> str:
    """The band of a best score (``None``: nothing at or above 50)."""
    if score is not None:
        for name, low in BANDS:
            if score >= low:
                return name
    return NO_MATCH


@dataclass(slots=True)
class Tally:
    """Segments, words and characters in one band."""

    segments: int = 0
    words: int = 0
    characters: int = 0

    def add(self, text: str) -> None:
        self.segments += 1
        self.words += len(text.split())
        self.characters += len(text)


@dataclass(slots=True)
class DocumentAnalysis:
    """The bands of one document (or of all, for the total)."""

    name: str
    bands: dict[str, Tally] = field(default_factory=lambda: {b: Tally() for b in BAND_NAMES})

    def rows(self) -> list[dict[str, object]]:
        return [{"document": self.name, "band": b, "segments": t.segments, "words": t.words,
                 "characters": t.characters} for b, t in self.bands.items()]


def analyze_segments(index: FuzzyIndex, docs: Iterable[tuple[str, str, Sequence[Segment]]], tgt: str
                     ) -> tuple[list[DocumentAnalysis], DocumentAnalysis]:
    """Analyze segmented documents ``(name, language, segments)``; returns
    per-document results and the total."""
    fold = default_normalizer().fold
    seen: set[str] = set()
    total = DocumentAnalysis("total")
    out: list[DocumentAnalysis] = []
    for name, src, segments in docs:
        result = DocumentAnalysis(name)
        for seg in segments:
            if not seg.kind.translatable or not seg.text.strip():
                continue
            key = fold(seg.text)
            if key in seen:
                band = REPETITIONS
            else:
                seen.add(key)
                best = index.lookup(seg.text, src, tgt, min_score=50.0, limit=1)
                band = band_of(best[0].score if best else None)
            result.bands[band].add(seg.text)
            total.bands[band].add(seg.text)
        out.append(result)
    return out, total


def analyze_files(store: Store, paths: Sequence[str | Path], src: str | None, tgt: str
                  ) -> tuple[list[DocumentAnalysis], DocumentAnalysis]:
    """Segment ``paths`` (in ``src``, else the language detected) and analyze
    them against ``store``."""
    index = FuzzyIndex(store)
    docs = ((str(p), *segment_file(p, src)) for p in paths)
    return analyze_segments(index, docs, tgt)
