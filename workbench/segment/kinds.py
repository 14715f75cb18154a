"""Segment kinds: which lines are headings, captions, bylines or boilerplate."""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import lru_cache
from itertools import islice

import regex

from ..formats.plaintext import Line
from ..model import SegmentKind
from .rules import LanguageRules

Spans = list[tuple[int, int]]
Classified = tuple[Line, list[tuple[tuple[int, int], SegmentKind]]]

_SPACE = regex.compile(r"\s")
_WORD = regex.compile(r"[\p{L}\p{N}][\p{L}\p{N}\p{M}\u200c'’.-]*")
_HEADING_MAX_WORDS = 20
_PARAGRAPH_MIN_WORDS = 12
_SUBHEADING_MAX_WORDS = 10
#: how far from a line's end its caption credit or final punctuation is looked for
_TAIL = 200
#: built-in boilerplate is short: a line longer than ``_BOILERPLATE_LENGTH`` with
#: white space past its first ``_LINK_AT`` characters (longer than a tag list of
#: 300 characters and its label, and no link), or longer than ``_PARAGRAPH_LENGTH``
#: and ending in sentence-final punctuation, is a paragraph (the project's own
#: patterns are tried on every line)
_BOILERPLATE_LENGTH = 400
_LINK_AT = 40
_PARAGRAPH_LENGTH = 120


def _words(text: str, most: int) -> int:
    """How many words ``text`` has, counted up to ``most``."""
    return sum(1 for _ in islice(_WORD.finditer(text), most))


def _tail(text: str) -> int:
    """Where the last ``_TAIL`` characters before a line's trailing white space start."""
    return max(0, len(text.rstrip()) - _TAIL)


def _alternation(words: Iterable[str]) -> str:
    return "|".join(regex.escape(w) for w in sorted(set(words), key=lambda w: (-len(w), w)))


@lru_cache(maxsize=16)
def credit_pattern(labels: tuple[str, ...], notes: tuple[str, ...] = ()) -> regex.Pattern[str] | None:
    """A credit, in brackets or not: (صورة: وكالة الأنباء الفيتنامية), Photo: VNA, المصدر: رويترز,
    or a photo's note in brackets: (صورة أرشيفية), (File photo)."""
    words = _alternation(labels)
    if not words:
        return None
    noted = _alternation(notes)
    note = rf"\((?i:{noted})\)|" if noted else ""
    return regex.compile(rf"{note}\((?:{words})\s*:[^()\n]{{1,80}}\)|(?<![\p{{L}}\p{{N}}\p{{M}}])(?:{words})\s*:[^()\n]{{1,80}}")


def _may_credit(text: str, start: int = 0, end: int | None = None) -> bool:
    """Whether text can hold a credit: a label's colon or a bracketed note."""
    return text.find(":", start, end) >= 0 or text.find(")", start, end) >= 0


@lru_cache(maxsize=64)
def _whole(patterns: tuple[str, ...]) -> regex.Pattern[str] | None:
    """Whole-line patterns as one, compiled on first use (a long list of words
    takes milliseconds to compile, and a text of paragraphs alone never needs it)."""
    parts = [f"(?:{p})" for p in patterns]
    return regex.compile(rf"\s*(?:{'|'.join(parts)})\s*", regex.IGNORECASE) if parts else None


class KindClassifier:
    """Gives each segment a kind from its line and the lines around it."""

    def __init__(self, rules: LanguageRules) -> None:
        self._boilerplate = rules.kinds.boilerplate
        self._project_boilerplate = _whole(rules.kinds.project_boilerplate)
        self._byline = _whole(rules.kinds.byline)
        self._caption = regex.compile("|".join(f"(?:{p})" for p in rules.kinds.caption)) if rules.kinds.caption else None
        self._credit = credit_pattern(rules.credit_labels, rules.photo_notes)
        notes = _alternation(rules.photo_notes)
        # a photo's note in brackets ending the line makes it a caption too: ... في هانوي. (صورة أرشيفية)
        self._photo_note = regex.compile(rf"\((?i:{notes})\)[.]?\s*$") if notes else None
        self._terminators = rules.terminators
        term = regex.escape(rules.terminators)
        close = regex.escape(rules.closers)
        # final punctuation, possibly followed by a short bracketed credit: "... هانوي. (VNA)"
        # (searched from the line's end backwards)
        self._final = regex.compile(rf"(?:[{term}]|\./\.)[{close}]*(?:\s*\([^()\n]{{1,60}}\))?\s*$", regex.REVERSE)

    def line_kind(self, text: str, spans: Spans) -> SegmentKind | None:
        """The kind a line's pattern alone gives all its segments (None: decide per segment)."""
        if self._is_boilerplate(text):
            return SegmentKind.BOILERPLATE
        if self._byline is not None and self._byline.fullmatch(text):
            return SegmentKind.BYLINE
        tail = _tail(text)
        # a photo credit has a label's colon
        if self._caption is not None and text.find(":", tail) >= 0 and self._caption.search(text, tail):
            return SegmentKind.CAPTION
        if self._photo_note is not None and text.rstrip().endswith((")", ").")) and self._photo_note.search(text, tail):
            return SegmentKind.CAPTION
        if len(spans) == 1 and not self._ends(text) and _words(text, _HEADING_MAX_WORDS + 1) <= _HEADING_MAX_WORDS:
            return SegmentKind.HEADING
        return None

    def _is_boilerplate(self, text: str) -> bool:
        if self._project_boilerplate is not None and self._project_boilerplate.fullmatch(text):
            return True
        if not self._boilerplate:
            return False
        if len(text) > _PARAGRAPH_LENGTH:
            stripped = text.strip()
            if len(stripped) > _PARAGRAPH_LENGTH and stripped[-1] in self._terminators:
                return False
            if len(stripped) > _BOILERPLATE_LENGTH and _SPACE.search(stripped, _LINK_AT) is not None:
                return False
        whole = _whole(self._boilerplate)
        return whole is not None and whole.fullmatch(text) is not None

    def _ends(self, text: str) -> bool:
        """Whether the line ends in final punctuation (a short bracketed credit after it allowed)."""
        return self._final.search(text) is not None

    def _is_paragraph(self, text: str, spans: Spans) -> bool:
        return bool(spans) and (len(spans) > 1 or _words(text, _PARAGRAPH_MIN_WORDS) >= _PARAGRAPH_MIN_WORDS)

    def _is_junk(self, text: str, prev: tuple[str, Spans] | None, nxt: tuple[str, Spans] | None) -> bool:
        """A stray one-word line between two paragraphs: scraping junk."""
        if len(text.strip()) > 30 or _words(text, 2) != 1 or self._ends(text):
            return False
        return prev is not None and nxt is not None and self._is_paragraph(*prev) and self._is_paragraph(*nxt)

    def _is_subheading(self, text: str, spans: Spans, nxt: tuple[str, Spans] | None) -> bool:
        """A short one-sentence line ending in a full stop, standing over a paragraph:
        news sites punctuate their subheadings (تشارك فيتنام ... الدولي.)."""
        if len(spans) != 1:
            return False
        stripped = text.strip()
        return (
            stripped.endswith(".")
            and not stripped.endswith(("..", "./."))
            and not stripped.startswith(("-", "–", "—", "•"))
            and _words(text, _SUBHEADING_MAX_WORDS + 1) <= _SUBHEADING_MAX_WORDS
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
        if chosen is SegmentKind.BOILERPLATE or self._credit is None or not _may_credit(line.text):
            return line, [(s, chosen) for s in spans]
        return line, [(s, SegmentKind.CREDIT if self._is_credit(line.text, s) else chosen) for s in spans]

    def _is_credit(self, text: str, span: tuple[int, int]) -> bool:
        """A segment that is a credit alone (a full stop after it allowed)."""
        a, b = span
        assert self._credit is not None
        if b - a > 100 or not _may_credit(text, a, b):
            return False
        end = b - 1 if text[b - 1] == "." else b
        return self._credit.fullmatch(text, a, end) is not None
