"""The rule engine: cuts paragraphs (lines) into segments with exact offsets.

Time is linear in a line's length: candidate breaks are found in one pass,
each rule's ``before`` is a look-behind that stays near the candidate (see
``data/generic.toml``), and quotations are found once per line.
"""
from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable, Iterator
from functools import lru_cache
from typing import Any

import regex

from ..formats.plaintext import Line, lines_of
from ..model import Segment, SegmentKind
from .kinds import KindClassifier
from .rules import LanguageRules, Rule

_SPACE = regex.compile(r"\s+")


@lru_cache(maxsize=None)
def _marks_of(pair: str) -> Any:
    """The pattern that finds a pair's marks."""
    return regex.compile(f"[{regex.escape(pair)}]")


class _Quotations:
    """The quotations of one pair of marks in a line: each mark, and where the
    quotation open after it opened (-1: none), found in one pass."""

    def __init__(self, line: str, pair: str) -> None:
        opener, self._closer = pair[0], pair[1]
        self._line = line
        self._marks: list[int] = []
        self._opened: list[int] = []
        current = -1
        for m in _marks_of(pair).finditer(line):
            i = m.start()
            current = i if line[i] == opener and (current < 0 or opener != self._closer) else -1
            self._marks.append(i)
            self._opened.append(current)

    def opened(self, pos: int) -> int:
        """Where the quotation open at ``pos`` opened; -1 outside quotations."""
        k = bisect_left(self._marks, pos)
        return self._opened[k - 1] if k else -1

    def closing(self, pos: int) -> int:
        """The mark that closes the quotation open at ``pos``; -1 if the next mark does not close it."""
        k = bisect_left(self._marks, pos)
        if k < len(self._marks) and self._line[self._marks[k]] == self._closer:
            return self._marks[k]
        return -1


class _Marks:
    """What quotation conditions ask of a line, found on first use: where its
    text starts after white space, and its quotations per pair of marks."""

    def __init__(self, text: str) -> None:
        self.text = text
        ws = _SPACE.match(text)
        self.first = ws.end() if ws else 0
        self._quotations: dict[str, _Quotations] = {}

    def quotations(self, pair: str) -> _Quotations:
        found = self._quotations.get(pair)
        if found is None:
            found = self._quotations[pair] = _Quotations(self.text, pair)
        return found


class _Inside:
    """A rule's ``inside``: the position is in an open quotation, and ``after``
    matches right after the mark that closes it."""

    def __init__(self, pair: str, after: str) -> None:
        self._pair = pair
        self._after = regex.compile(after)

    def holds(self, marks: _Marks, pos: int) -> bool:
        quotations = marks.quotations(self._pair)
        if quotations.opened(pos) < 0:
            return False
        close = quotations.closing(pos)
        return close >= 0 and self._after.match(marks.text, close + 1) is not None


class _Opening:
    """A rule's ``opening``: the position is in the quotation that opens the
    line (after white space), or right after its closing mark."""

    def __init__(self, pairs: tuple[str, ...]) -> None:
        self._pairs = pairs

    def holds(self, marks: _Marks, pos: int) -> bool:
        first = marks.first
        return any(marks.text.startswith(pair[0], first) and marks.quotations(pair).opened(pos - 1) == first
                   for pair in self._pairs)


def _compiled(rule: Rule) -> tuple[bool, Any, _Inside | _Opening | None]:
    """A rule as (break?, its patterns at a position, its quotation condition)."""
    if rule.inside:
        return rule.brk, regex.compile(rf"(?<={rule.before})"), _Inside(rule.inside, rule.after)
    here = regex.compile(rf"(?<={rule.before})(?={rule.after})")
    return rule.brk, here, _Opening(rule.opening) if rule.opening else None


class Segmenter:
    """Applies one language's rules. Stateless between lines, so it streams."""

    def __init__(self, rules: LanguageRules) -> None:
        self.rules = rules
        term = regex.escape(rules.terminators)
        close = regex.escape(rules.closers)
        # A run of terminators is tried from its first one only: from further in,
        # it could only reach the same closers and white space, one try each.
        self._candidates = regex.compile(rf"(?:\./\.|(?<![{term}])[{term}]+)[{close}]*(?=\s)")
        self._compiled = [_compiled(r) for r in rules.rules]
        self._classifier = KindClassifier(rules)

    def breaks(self, line: str) -> list[int]:
        """Positions in ``line`` where a new segment starts (after the break's white space)."""
        out: list[int] = []
        marks: _Marks | None = None
        for cand in self._candidates.finditer(line):
            pos = cand.end()
            for brk, pattern, condition in self._compiled:
                if not pattern.match(line, pos):
                    continue
                if condition is not None:
                    marks = marks or _Marks(line)
                    if not condition.holds(marks, pos):
                        continue
                if brk:
                    ws = _SPACE.match(line, pos)
                    nxt = ws.end() if ws else pos
                    if nxt < len(line):
                        out.append(nxt)
                break
        return out

    def spans(self, line: str) -> list[tuple[int, int]]:
        """Segment spans of one line, white space trimmed, empty ones dropped."""
        cuts = [0, *self.breaks(line), len(line)]
        spans: list[tuple[int, int]] = []
        for a, b in zip(cuts, cuts[1:]):
            seg = line[a:b]
            stripped_left = len(seg) - len(seg.lstrip())
            stripped_right = len(seg.rstrip())
            if stripped_right > stripped_left:
                spans.append((a + stripped_left, a + stripped_right))
        return spans

    def segment(self, lines: Iterable[Line], doc: str = "-", lang: str | None = None) -> Iterator[Segment]:
        """Segment a stream of lines into :class:`Segment` objects, in order."""
        tag = lang or self.rules.lang
        index = 0
        for line, kinds in self._classifier.classify(
            (ln, self.spans(ln.text)) for ln in lines
        ):
            for (a, b), kind in kinds:
                yield Segment(
                    doc=doc,
                    index=index,
                    lang=tag,
                    start=line.offset + a,
                    end=line.offset + b,
                    line=line.number,
                    kind=kind,
                    text=line.text[a:b],
                )
                index += 1


def segment_string(text: str, rules: LanguageRules, doc: str = "-", lang: str | None = None) -> list[Segment]:
    """Segment an in-memory string (offsets into ``text``)."""
    return list(Segmenter(rules).segment(lines_of(text), doc=doc, lang=lang))


__all__ = ["Segmenter", "SegmentKind", "segment_string"]
