"""The rule engine: cuts paragraphs (lines) into segments with exact offsets."""
from __future__ import annotations

from collections.abc import Iterable, Iterator

import regex

from ..formats.plaintext import Line, lines_of
from ..model import Segment, SegmentKind
from .kinds import KindClassifier
from .rules import LanguageRules

_SPACE = regex.compile(r"\s+")


class Segmenter:
    """Applies one language's rules. Stateless between lines, so it streams."""

    def __init__(self, rules: LanguageRules) -> None:
        self.rules = rules
        term = regex.escape(rules.terminators)
        close = regex.escape(rules.closers)
        self._candidates = regex.compile(rf"(?:\./\.|[{term}]+)[{close}]*(?=\s)")
        self._compiled = [
            (r.brk, regex.compile(rf"(?<={r.before})(?={r.after})")) for r in rules.rules
        ]
        self._classifier = KindClassifier(rules)

    def breaks(self, line: str) -> list[int]:
        """Positions in ``line`` where a new segment starts (after the break's white space)."""
        out: list[int] = []
        for cand in self._candidates.finditer(line):
            pos = cand.end()
            for brk, pattern in self._compiled:
                if pattern.match(line, pos):
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
