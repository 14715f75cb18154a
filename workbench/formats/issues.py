"""What a reader found wrong in its input: skipped, repaired, or worth a warning.

Readers never drop or change data silently: each case becomes an
:class:`Issue` in a :class:`ReadLog`. In strict mode the first issue is a
:class:`~workbench.errors.FormatError` instead, except ``info``: what the
reader noticed and did as the input or its options asked (a header row read,
fuzzy entries kept), which is reported but never an error.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Literal

from ..errors import FormatError

Action = Literal["skipped", "repaired", "warning", "info"]

#: How many issues are kept in full; the rest are only counted.
KEEP = 1000
#: How many distinct messages are counted one by one (:attr:`ReadLog.repeats`).
MESSAGES = 10_000


@dataclass(frozen=True, slots=True)
class Issue:
    """One case: what was done, why, and where (line of the unit, its id)."""

    action: Action
    kind: str
    message: str
    path: str
    line: int | None = None
    unit: str | None = None

    def __str__(self) -> str:
        where = self.path + (f":{self.line}" if self.line is not None else "")
        unit = f" (tuid {self.unit})" if self.unit else ""
        return f"{where}{unit}: {self.action}: {self.message}"

    def as_dict(self) -> dict[str, object]:
        return {"action": self.action, "kind": self.kind, "message": self.message,
                "path": self.path, "line": self.line, "tuid": self.unit}


@dataclass(slots=True)
class ReadLog:
    """Counts of units read and skipped, and the issues met on the way."""

    path: str
    strict: bool = False
    read: int = 0
    skipped: int = 0
    issues: list[Issue] = field(default_factory=list)
    counts: Counter[tuple[str, str]] = field(default_factory=Counter)
    #: How often each (action, kind, message) came, for the first :data:`MESSAGES` distinct ones
    #: (a repair repeated in every unit, ``arb`` -> ``ar``, is one message said many times).
    repeats: Counter[tuple[str, str, str]] = field(default_factory=Counter)
    #: The line where the unit the reader yielded last starts, when the reader says (for callers that point at units).
    unit_line: int | None = None

    def add(self, action: Action, kind: str, message: str, line: int | None = None,
            unit: str | None = None) -> None:
        """Record an issue (or raise it, in strict mode, unless it is ``info``)."""
        if self.strict and action != "info":
            raise FormatError(f"{message} ({action} unless --strict)", path=self.path, line=line)
        self.counts[(action, kind)] += 1
        key = (action, kind, message)
        if key in self.repeats or len(self.repeats) < MESSAGES:
            self.repeats[key] += 1
        if len(self.issues) < KEEP:
            self.issues.append(Issue(action, kind, message, self.path, line, unit))

    def grouped(self) -> list[tuple[Issue, int]]:
        """The issues kept, each message once (at its first place), with how often it came."""
        out: dict[tuple[str, str, str], Issue] = {}
        for issue in self.issues:
            out.setdefault((issue.action, issue.kind, issue.message), issue)
        return [(issue, max(self.repeats.get(key, 1), 1)) for key, issue in out.items()]
