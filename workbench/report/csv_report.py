"""The CSV report, one finding a row, with cells guarded against formula injection;
findings dismissed with ``wb dismiss`` come last, their reason in the ``dismissed`` column."""
from __future__ import annotations

import csv
import io

from ..check.runner import CheckRun

COLUMNS = ("id", "severity", "check", "doc", "line", "column", "start", "end", "surface", "message", "suggestion", "segment",
           "dismissed")
#: A cell starting with one of these is a formula to a spreadsheet.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n", "\uff1d", "\uff0b", "\uff0d", "\uff20")


def safe_cell(value: object) -> str:
    """``value`` as text, with a leading apostrophe when a spreadsheet would run it."""
    text = str(value)
    return "'" + text if text.startswith(_FORMULA_START) else text


def render_csv(run: CheckRun) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for f, reason in [*((f, "") for f in run.findings), *run.dismissed]:
        row = {**f.as_dict(), "dismissed": reason}
        writer.writerow([safe_cell(row[c]) if isinstance(row[c], str) else row[c] for c in COLUMNS])
    return out.getvalue()
