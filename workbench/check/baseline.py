"""Findings recorded or dismissed, in a plain-text file that diffs well in git.

One line a finding, tab-separated, sorted by document::

    # wb check baseline v1: id, check, document, segment fingerprint, note
    1a02ad668d	variant-cluster	ar/000_x.txt	3f9a0c1d2e4b	recorded
    9b91e310d4	deprecated-term	ar/000_x.txt	77c1f0a2b9de	dismissed: the quoted title, kept as said

A finding's id comes from its check, document, the fingerprint (match key)
of its segment and the words it points at, so an entry survives edits
elsewhere in the document; later runs report only findings not listed.
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from ..errors import InputError
from ..fileio import atomic_write_bytes
from ..model import Finding

HEADER = "# wb check baseline v1: id, check, document, segment fingerprint, note"
_DISMISSED = "dismissed: "


@dataclass(frozen=True, slots=True)
class Entry:
    """One recorded or dismissed finding."""

    id: str
    check: str
    doc: str
    fingerprint: str
    note: str

    @property
    def reason(self) -> str | None:
        """Why the finding was dismissed; None for a finding only recorded."""
        return self.note[len(_DISMISSED):] if self.note.startswith(_DISMISSED) else None

    def line(self) -> str:
        return "\t".join((self.id, self.check, self.doc, self.fingerprint, " ".join(self.note.split())))


class Baseline:
    """The entries of a baseline file (empty when the file does not exist yet)."""

    def __init__(self, path: Path, entries: Iterable[Entry] = ()) -> None:
        self.path = path
        self.entries = {e.id: e for e in entries}

    @classmethod
    def load(cls, path: str | Path) -> Baseline:
        p = Path(path)
        if not p.exists():
            return cls(p)
        try:
            lines = p.read_text(encoding="utf-8").splitlines()
        except (OSError, UnicodeDecodeError) as exc:
            raise InputError(f"cannot read baseline: {exc}", path=p) from None
        entries = []
        for n, line in enumerate(lines, start=1):
            if not line.strip() or line.startswith("#"):
                continue
            parts = line.split("\t")
            if len(parts) != 5:
                raise InputError("a baseline line has 5 tab-separated fields: id, check, document, fingerprint, note",
                                 path=p, line=n)
            entries.append(Entry(*parts))
        return cls(p, entries)

    def __contains__(self, finding: Finding) -> bool:
        return finding.id in self.entries

    def __len__(self) -> int:
        return len(self.entries)

    def new(self, findings: Iterable[Finding]) -> list[Finding]:
        """The findings not in the baseline."""
        return [f for f in findings if f not in self]

    def record(self, findings: Iterable[Finding], note: str = "recorded") -> int:
        """Add findings not yet listed; returns how many were added."""
        added = 0
        for f in findings:
            if f.id not in self.entries:
                self.entries[f.id] = Entry(f.id, f.check, f.doc, f.fingerprint, note)
                added += 1
        return added

    def dismiss(self, finding: Finding, reason: str) -> None:
        """Mark a finding "not an error", with the reviewer's reason."""
        self.entries[finding.id] = Entry(finding.id, finding.check, finding.doc, finding.fingerprint,
                                         _DISMISSED + reason)

    def save(self) -> None:
        rows = sorted(self.entries.values(), key=lambda e: (e.doc, e.check, e.fingerprint, e.id))
        text = "\n".join([HEADER, *(e.line() for e in rows)]) + "\n"
        atomic_write_bytes(self.path, text.encode("utf-8"))
