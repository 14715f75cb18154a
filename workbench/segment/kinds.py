"""Segment kinds: which lines are headings, captions, bylines or boilerplate."""
from __future__ import annotations

from collections.abc import Iterable, Iterator

import regex

from ..formats.plaintext import Line
from ..model import SegmentKind
from .rules import LanguageRules

Spans = list[tuple[int, int]]
Classified = tuple[Line, list[tuple[tuple[int, int], SegmentKind]]]

_WORD = regex.compile(r"[\p{L}\p{N}][\p{L}\p{N}\p{M}\u200c'’.-]*")
_HEADING_MAX_WORDS = 20
_PARAGRAPH_MIN_WORDS = 12
_SUBHEADING_MAX_WORDS = 10


def _whole(patterns: Iterable[str]) -> regex.Pattern[str] | None:
    parts = [f"(?:{p})" for p in patterns]
    return regex.compile(rf"\s*(?:{'|'.join(parts)})\s*", regex.IGNORECASE) if parts else None


class KindClassifier:
    """Gives each segment a kind from its line and the lines around it."""

    def __init__(self, rules: LanguageRules) -> None:
        self._boilerplate = _whole(rules.kinds.boilerplate)
        self._byline = _whole(rules.kinds.byline)
        self._caption = regex.compile("|".join(f"(?:{p})" for p in rules.kinds.caption)) if rules.kinds.caption else None
        term = regex.escape(rules.terminators)
        close = regex.escape(rules.closers)
        # final punctuation, possibly followed by a short bracketed credit: "... هانوي. (VNA)"
        self._final = regex.compile(rf"(?:[{term}]|\./\.)[{close}]*(?:\s*\([^()\n]{{1,60}}\))?\s*$")

    def line_kind(self, text: str, spans: Spans) -> SegmentKind | None:
        """The kind a line's pattern alone gives all its segments (None: decide per segment)."""
        if self._boilerplate is not None and self._boilerplate.fullmatch(text):
            return SegmentKind.BOILERPLATE
        if self._byline is not None and self._byline.fullmatch(text):
            return SegmentKind.BYLINE
        if self._caption is not None and self._caption.search(text):
            return SegmentKind.CAPTION
        if len(spans) == 1 and not self._final.search(text) and len(_WORD.findall(text)) <= _HEADING_MAX_WORDS:
            return SegmentKind.HEADING
        return None

    def _is_paragraph(self, text: str, spans: Spans) -> bool:
        return bool(spans) and (len(spans) > 1 or len(_WORD.findall(text)) >= _PARAGRAPH_MIN_WORDS)

    def _is_junk(self, text: str, prev: tuple[str, Spans] | None, nxt: tuple[str, Spans] | None) -> bool:
        """A stray one-word line between two paragraphs: scraping junk."""
        words = _WORD.findall(text)
        if len(words) != 1 or self._final.search(text) or len(text.strip()) > 30:
            return False
        return prev is not None and nxt is not None and self._is_paragraph(*prev) and self._is_paragraph(*nxt)

    def _is_subheading(self, text: str, spans: Spans, nxt: tuple[str, Spans] | None) -> bool:
        """A short one-sentence line ending in a full stop, standing over a paragraph:
        news sites punctuate their subheadings (تشارك فيتنام ... الدولي.)."""
        stripped = text.strip()
        return (
            len(spans) == 1
            and stripped.endswith(".")
            and not stripped.endswith(("..", "./."))
            and not stripped.startswith(("-", "–", "—", "•"))
            and len(_WORD.findall(text)) <= _SUBHEADING_MAX_WORDS
            and nxt is not None
            and self._is_paragraph(*nxt)
        )

    def classify(self, lines: Iterable[tuple[Line, Spans]]) -> Iterator[Classified]:
        """Yield each line with its segment spans and their kinds (one line of look-ahead)."""
        prev: tuple[str, Spans] | None = None
        held: tuple[Line, Spans] | None = None
        for item in lines:
            line, spans = item
            if not spans:
                continue
            if held is not None:
                yield self._decide(held, prev, (line.text, spans))
                prev = (held[0].text, held[1])
            held = item
        if held is not None:
            yield self._decide(held, prev, None)

    def _decide(self, item: tuple[Line, Spans], prev: tuple[str, Spans] | None, nxt: tuple[str, Spans] | None) -> Classified:
        line, spans = item
        kind = self.line_kind(line.text, spans)
        if kind is SegmentKind.HEADING and self._is_junk(line.text, prev, nxt):
            kind = SegmentKind.BOILERPLATE
        elif kind is None and self._is_subheading(line.text, spans, nxt):
            kind = SegmentKind.HEADING
        chosen = kind or SegmentKind.SENTENCE
        return line, [(s, chosen) for s in spans]
