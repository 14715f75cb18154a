"""The nouns of the workbench: frozen, slotted dataclasses free of I/O."""
from __future__ import annotations

from dataclasses import dataclass
from enum import Enum


class SegmentKind(str, Enum):
    """What a segment is, as a translator sees it."""

    SENTENCE = "sentence"
    HEADING = "heading"
    CAPTION = "caption"
    BYLINE = "byline"
    BOILERPLATE = "boilerplate"

    @property
    def translatable(self) -> bool:
        """Boilerplate is kept for the record but never translated or aligned."""
        return self is not SegmentKind.BOILERPLATE


@dataclass(frozen=True, slots=True)
class Span:
    """A half-open character range ``[start, end)`` in some text."""

    start: int
    end: int

    def __post_init__(self) -> None:
        if not 0 <= self.start <= self.end:
            raise ValueError(f"bad span [{self.start}, {self.end})")

    def __len__(self) -> int:
        return self.end - self.start


@dataclass(frozen=True, slots=True)
class Segment:
    """A sentence (or heading, caption...) of a document.

    ``start``/``end`` are character offsets in the decoded document, so
    ``document[start:end] == text``; ``line`` is 1-based.
    """

    doc: str
    index: int
    lang: str
    start: int
    end: int
    line: int
    kind: SegmentKind
    text: str

    def as_dict(self) -> dict[str, object]:
        """A JSON-ready mapping (the ``jsonl`` output of ``wb segment``)."""
        return {
            "doc": self.doc,
            "index": self.index,
            "lang": self.lang,
            "start": self.start,
            "end": self.end,
            "line": self.line,
            "kind": self.kind.value,
            "text": self.text,
        }


@dataclass(frozen=True, slots=True)
class Bead:
    """An alignment bead: source and target sentence indices (0-based) and a score."""

    src: tuple[int, ...]
    tgt: tuple[int, ...]
    score: float

    @property
    def kind(self) -> str:
        """The bead type, e.g. ``"1-2"``."""
        return f"{len(self.src)}-{len(self.tgt)}"
