"""What the checks look at: documents with their segments, aligned pairs,
memory units and the glossary."""
from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING

from ..formats.plaintext import lines_of
from ..glossary import Glossary
from ..model import Place, Segment, TermHit
from ..text.normalize import Key, Normalizer, match_key

if TYPE_CHECKING:
    from .words import Word


@dataclass(frozen=True)
class Document:
    """A document: its id (``ar/000_x.txt``), language, full text and segments."""

    id: str
    lang: str
    text: str
    segments: tuple[Segment, ...]

    @cached_property
    def _lines(self) -> tuple[int, ...]:
        return tuple(line.offset for line in lines_of(self.text)) or (0,)

    def place(self, start: int, end: int) -> Place:
        """``(doc, line, column, start, end, surface)`` of a span (1-based line and column)."""
        i = bisect_right(self._lines, start) - 1
        return (self.id, i + 1, start - self._lines[i] + 1, start, end, self.text[start:end])

    def segment_at(self, offset: int) -> Segment | None:
        """The segment holding ``offset`` (``None`` outside every segment)."""
        starts = [s.start for s in self.segments]
        i = bisect_right(starts, offset) - 1
        if i >= 0 and self.segments[i].start <= offset <= self.segments[i].end:
            return self.segments[i]
        return None

    @property
    def translatable(self) -> list[Segment]:
        """The segments the checks look at: neither boilerplate nor credits."""
        return [s for s in self.segments if s.kind.checked]


@dataclass(frozen=True, slots=True)
class Pair:
    """An aligned bead: source and target segments (either side may be empty)."""

    src: Document
    tgt: Document
    src_segments: tuple[Segment, ...]
    tgt_segments: tuple[Segment, ...]

    @property
    def src_text(self) -> str:
        return " ".join(s.text for s in self.src_segments)

    @property
    def tgt_text(self) -> str:
        return " ".join(s.text for s in self.tgt_segments)

    def offsets(self, source: bool, start: int, end: int) -> tuple[int, int] | None:
        """A document span of the source (or target) side as offsets in :attr:`src_text`
        (or :attr:`tgt_text`); None when either end lies outside that side's segments."""
        segments = self.src_segments if source else self.tgt_segments
        out = []
        for offset in (start, end):
            at = 0
            for seg in segments:
                if seg.start <= offset <= seg.end:
                    out.append(at + offset - seg.start)
                    break
                at += len(seg.text) + 1
        return (out[0], out[1]) if len(out) == 2 and out[0] <= out[1] else None


@dataclass(frozen=True, slots=True)
class MemoryUnit:
    """A translation unit of the memory that did not come from the corpus."""

    src_lang: str
    tgt_lang: str
    src: str
    tgt: str
    origin: str


@dataclass(slots=True)
class CheckContext:
    """Everything the checks see. ``documents`` by id; ``glossary`` may be ``None``;
    ``hits`` caches the glossary hits of each document."""

    documents: dict[str, Document] = field(default_factory=dict)
    pairs: list[Pair] = field(default_factory=list)
    memory: list[MemoryUnit] = field(default_factory=list)
    glossary: Glossary | None = None
    folds_off: tuple[str, ...] = ()
    _keys: dict[str, Key] = field(default_factory=dict)
    hits: dict[str, list[TermHit]] = field(default_factory=dict)
    hit_starts: dict[str, list[int]] = field(default_factory=dict)
    #: The words of each language's documents (:func:`.words.ctx_words`), for the checks that compare wordings.
    words: dict[str, list[list[Word]]] = field(default_factory=dict)
    #: Per document, the aligned pairs with both sides, in order on that side (:meth:`pair_at`).
    _pair_index: dict[str, list[Pair]] = field(default_factory=dict)
    _indexed: int = -1

    def by_lang(self, lang: str) -> list[Document]:
        return [d for d in self.documents.values() if d.lang == lang]

    @property
    def languages(self) -> list[str]:
        return list(dict.fromkeys(d.lang for d in self.documents.values()))

    def pair_at(self, doc: str, start: int, end: int) -> Pair | None:
        """The aligned pair (both sides given) whose segments in ``doc`` hold ``[start, end)``."""
        if self._indexed != len(self.pairs):
            self._pair_index = {}
            for p in self.pairs:
                if p.src_segments and p.tgt_segments:
                    self._pair_index.setdefault(p.src.id, []).append(p)
                    self._pair_index.setdefault(p.tgt.id, []).append(p)
            for d, found in self._pair_index.items():
                found.sort(key=lambda p: _side(p, d)[0].start)
            self._indexed = len(self.pairs)
        found = self._pair_index.get(doc, [])
        i = bisect_right(found, start, key=lambda p: _side(p, doc)[0].start) - 1
        return found[i] if i >= 0 and end <= _side(found[i], doc)[-1].end else None

    def key(self, text: str) -> Key:
        """The default match key of ``text`` (cached)."""
        k = self._keys.get(text)
        if k is None:
            k = self._keys[text] = match_key(text)
        return k


def _side(pair: Pair, doc: str) -> tuple[Segment, ...]:
    """The segments of ``pair`` in document ``doc``."""
    return pair.src_segments if pair.src.id == doc else pair.tgt_segments


#: A key that only drops invisible format characters: for checks on spacing and
#: punctuation, which must not see direction marks.
VISIBLE = Normalizer(folds=["bidi"])
