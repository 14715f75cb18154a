"""The rule engine: cuts paragraphs (lines) into segments with exact offsets.

Time is linear in a line's length: candidate breaks are found in one pass,
each rule's ``before`` is a look-behind that stays near the candidate (see
``data/generic.toml``), and quotations are found once per line.
"""
from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable, Iterator
from functools import cache, lru_cache
from typing import Any

import regex

from ..formats.plaintext import Line, lines_of
from ..model import Segment, SegmentKind
from .kinds import KindClassifier, credit_pattern
from .rules import LanguageRules, Rule, curly_closers

_SPACE = regex.compile(r"\s+")


@cache
def _marks_of(pair: str) -> Any:
    """The pattern that finds a pair's marks."""
    return regex.compile(f"[{regex.escape(pair)}]")


class _Quotations:
    """The quotations of one pair of marks in a line: each mark, and where the
    quotation open after it opened (-1: none), found in one pass."""

    def __init__(self, line: str, pair: str) -> None:
        opener, self._closer = pair[0], pair[1]
        self._same = opener == self._closer
        self._line = line
        self._marks: list[int] = []
        self._opened: list[int] = []
        current = -1
        for m in _marks_of(pair).finditer(line):
            i = m.start()
            if not (self._same and current < 0 and self._closes_only(i)):
                current = i if line[i] == opener and (current < 0 or not self._same) else -1
            self._marks.append(i)
            self._opened.append(current)

    def _closes_only(self, at: int) -> bool:
        """Whether a mark that opens and closes by turns stands after text and
        before white space (``Lakers" official``), so it closes a quotation
        and, with none open, opens none."""
        return at > 0 and not _SPACE.match(self._line, at - 1) and (at + 1 == len(self._line) or _SPACE.match(self._line, at + 1) is not None)

    def opened(self, pos: int) -> int:
        """Where the quotation open at ``pos`` opened; -1 outside quotations."""
        k = bisect_left(self._marks, pos)
        return self._opened[k - 1] if k else -1


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


class _Opening:
    """A rule's ``opening``: the position is in the quotation that opens the
    line (after white space), or right after its closing mark."""

    def __init__(self, pairs: tuple[str, ...]) -> None:
        self.pairs = pairs

    def holds(self, marks: _Marks, pos: int) -> bool:
        first = marks.first
        return any(marks.text.startswith(pair[0], first) and marks.quotations(pair).opened(pos - 1) == first
                   for pair in self.pairs)


def _alternative(k: int, rule: Rule) -> str:
    """Rule ``k`` as one alternative of a rule set: its patterns at a position,
    then an empty group named after it that tells which rule matched."""
    return rf"(?<={rule.before})(?={rule.after})(?P<r{k}>)"


def _condition(rule: Rule) -> _Opening | None:
    return _Opening(rule.opening) if rule.opening else None


def _may_hold(condition: _Opening, first: str) -> bool:
    """Whether a quotation condition can hold in a line that starts (after white space) with ``first``."""
    return any(pair[0] == first for pair in condition.pairs)


class _RuleSet:
    """The rules that can hold in a line, compiled as one alternation: regex
    tries them in order at a position, so the first alternative that matches
    is the first rule that does (SRX semantics). ``scan`` finds each candidate
    break with the rule that matches there. A rule with a quotation condition
    is checked in Python when it matches; if the condition fails, the rules
    after it are tried there (``rest``)."""

    def __init__(self, candidates: str, rules: list[tuple[int, Rule]]) -> None:
        self._rules = rules
        self.scan = regex.compile(f"(?:{candidates})(?:{self._alternation(rules)})")
        self._at: Any = None
        self._rest: dict[int, Any] = {}

    @property
    def at(self) -> Any:
        """The rules as one alternation, to match at a given place."""
        if self._at is None:
            self._at = regex.compile(self._alternation(self._rules))
        return self._at

    @staticmethod
    def _alternation(items: list[tuple[int, Rule]]) -> str:
        return "|".join(_alternative(k, r) for k, r in items) or "(?!)"

    def rest(self, k: int) -> Any:
        """The rules after rule ``k``, as one alternation."""
        found = self._rest.get(k)
        if found is None:
            n = next(n for n, (j, _) in enumerate(self._rules) if j == k)
            found = self._rest[k] = regex.compile(self._alternation(self._rules[n + 1 :]))
        return found


class Segmenter:
    """Applies one language's rules. Stateless between lines, so it streams.

    Candidate breaks are the ends of runs of terminators (and closers) before
    white space, of runs of ``unspaced`` terminators (and closers) before
    anything else, the language's ``marks`` before white space, and the white
    space before a credit that ends the line; the rules decide at each. The
    rules are one compiled alternation for each set of quotation marks a line
    holds (rules about marks it lacks cannot hold there).
    """

    def __init__(self, rules: LanguageRules) -> None:
        self.rules = rules
        term = regex.escape(rules.terminators)
        close = regex.escape(rules.closers)
        # A run of terminators is tried from its first one only: from further in,
        # it could only reach the same closers and white space, one try each.
        # A reference mark after them ([17]) belongs to the sentence before it.
        candidates = rf"(?:\./\.|(?<![{term}])[{term}]+)[{close}]*(?:\s?\[\d{{1,3}}\])?(?=\s)"
        if rules.unspaced:  # Chinese and Japanese full stops: no white space after them
            unspaced = regex.escape(rules.unspaced)
            curly = regex.escape(curly_closers(rules.closers))
            candidates += rf"|(?<![{unspaced}])[{unspaced}]+[{curly}]*(?=\S)"
        if rules.marks:
            candidates += rf"|[{regex.escape(rules.marks)}](?=\s)"
        self._candidates = candidates
        conditions = [_condition(r) for r in rules.rules]
        # rule name in the alternation -> (break?, condition, rule number)
        self._named = {f"r{k}": (r.brk, c, k) for k, (r, c) in enumerate(zip(rules.rules, conditions))}
        self._conditional = [(k, c) for k, c in enumerate(conditions) if c is not None]
        self._openers = "".join(dict.fromkeys(pair[0] for _, c in self._conditional for pair in c.pairs))
        self._sets: dict[str, _RuleSet] = {}
        self._credit = credit_pattern(rules.credit_labels, rules.photo_notes)
        self._credit_tail = regex.compile(rf"\s+(?:{self._credit.pattern})[.]?\s*$") if self._credit else None
        self._classifier = KindClassifier(rules)

    def _rule_set(self, line: str) -> _RuleSet:
        """The rule set for a line: rules about a quotation that opens the line left out
        where none does."""
        ws = _SPACE.match(line)
        at = ws.end() if ws else 0
        first = line[at : at + 1]
        if first not in self._openers:
            first = ""
        found = self._sets.get(first)
        if found is None:
            off = {k for k, c in self._conditional if not _may_hold(c, first)}
            kept = [(k, r) for k, r in enumerate(self.rules.rules) if k not in off]
            found = self._sets[first] = _RuleSet(self._candidates, kept)
        return found

    def _holds(self, rules: _RuleSet, match: Any, line: str, marks: _Marks | None) -> tuple[bool, _Marks | None]:
        """Whether the rules break where ``match`` (of a rule alternative) ends,
        when the rule it names has a quotation condition."""
        pos = match.end()
        while True:
            brk, condition, k = self._named[match.lastgroup]
            if condition is None:
                return brk, marks
            marks = marks or _Marks(line)
            if condition.holds(marks, pos):
                return brk, marks
            match = rules.rest(k).match(line, pos)
            if match is None:
                return False, marks

    def _cuts(self, line: str) -> list[int]:
        """Where the rules break in ``line`` (before the break's white space)."""
        out: list[int] = []
        rules = self._rule_set(line)
        ends: list[Any] = list(rules.scan.finditer(line))
        end = line.rstrip()
        start = max(0, len(end) - 200)
        # a credit has a label's colon, or is a photo's note in brackets: (صورة أرشيفية)
        if self._credit_tail is not None and (line.find(":", start) >= 0 or end.endswith((")", ")."))):
            tail = self._credit_tail.search(line, start)
            if tail is not None and (at := rules.at.match(line, tail.start())) is not None:
                k = bisect_left([m.end() for m in ends], at.end())
                if k == len(ends) or ends[k].end() != at.end():
                    ends.insert(k, at)
        named = self._named
        marks: _Marks | None = None
        for match in ends:
            brk, condition, _ = named[match.lastgroup]
            if condition is not None:
                brk, marks = self._holds(rules, match, line, marks)
            if brk:
                out.append(match.end())
        return out

    def breaks(self, line: str) -> list[int]:
        """Positions in ``line`` where a new segment starts (after the break's white space)."""
        out: list[int] = []
        for pos in self._cuts(line):
            ws = _SPACE.match(line, pos)
            nxt = ws.end() if ws else pos
            if nxt < len(line):
                out.append(nxt)
        return out

    def spans(self, line: str) -> list[tuple[int, int]]:
        """Segment spans of one line, white space trimmed, empty ones dropped."""
        spans: list[tuple[int, int]] = []
        a = 0
        for b in [*self._cuts(line), len(line)]:
            seg = line[a:b]
            left = len(seg) - len(seg.lstrip())
            right = len(seg.rstrip())
            if right > left:
                spans.append((a + left, a + right))
            a = b
        return spans

    def segment(self, lines: Iterable[Line], doc: str = "-", lang: str | None = None) -> Iterator[Segment]:
        """Segment a stream of lines into :class:`Segment` objects, in order."""
        tag = lang or self.rules.lang
        index = 0
        for line, kinds in self._classifier.classify(
            (ln, self.spans(ln.text)) for ln in lines
        ):
            text, offset, number = line.text, line.offset, line.number
            for (a, b), kind in kinds:
                yield Segment(doc, index, tag, offset + a, offset + b, number, kind, text[a:b])
                index += 1


@lru_cache(maxsize=16)
def _segmenter(rules: LanguageRules) -> Segmenter:
    """One segmenter per set of rules: it keeps nothing of the lines it cuts."""
    return Segmenter(rules)


def segment_string(text: str, rules: LanguageRules, doc: str = "-", lang: str | None = None) -> list[Segment]:
    """Segment an in-memory string (offsets into ``text``)."""
    return list(_segmenter(rules).segment(lines_of(text), doc=doc, lang=lang))


__all__ = ["SegmentKind", "Segmenter", "segment_string"]
