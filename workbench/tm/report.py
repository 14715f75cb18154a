"""The report every import ends with."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..formats.issues import ReadLog


@dataclass(slots=True)
class ImportReport:
    """TUs read, stored, merged into existing ones, skipped; and the issues."""

    path: str
    format: str
    log: ReadLog
    stored: int = 0
    merged: int = 0
    seconds: float = 0.0
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def read(self) -> int:
        return self.log.read

    @property
    def skipped(self) -> int:
        return self.log.skipped

    def as_dict(self) -> dict[str, Any]:
        """A JSON-ready mapping."""
        return {
            "path": self.path,
            "format": self.format,
            "read": self.read,
            "stored": self.stored,
            "merged": self.merged,
            "skipped": self.skipped,
            "seconds": round(self.seconds, 3),
            "issue_counts": [
                {"action": a, "kind": k, "count": n} for (a, k), n in sorted(self.log.counts.items())
            ],
            "issues": [i.as_dict() for i in self.log.issues],
        }

    def summary(self) -> str:
        """One line: ``file.tmx: 120 read, 118 stored, 1 merged, 1 skipped``."""
        return (f"{self.path}: {self.read} read, {self.stored} stored, {self.merged} merged, "
                f"{self.skipped} skipped")
