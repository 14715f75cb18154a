"""The CSV report, one finding a row, written for spreadsheets: cells guarded against
formula injection and control characters shown (:mod:`workbench.safeout`); findings
dismissed with ``wb dismiss`` come last, their reason in the ``dismissed`` column."""
from __future__ import annotations

import io

from ..check.runner import CheckRun
from ..safeout import GuardedWriter, visible

COLUMNS = ("id", "severity", "check", "doc", "line", "column", "start", "end", "surface", "message", "suggestion", "segment",
           "dismissed")


def render_csv(run: CheckRun) -> str:
    out = io.StringIO()
    writer = GuardedWriter(out, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for f, reason in [*((f, "") for f in run.findings), *run.dismissed]:
        row = {**f.as_dict(), "dismissed": reason}
        writer.writerow(row[c] for c in COLUMNS)
    return visible(out.getvalue())
