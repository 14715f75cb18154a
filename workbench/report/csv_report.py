"""The CSV report, one finding a row, written for spreadsheets: cells guarded against
formula injection and control characters shown (:mod:`workbench.safeout`); findings
dismissed with ``wb dismiss`` come last, their reason in the ``dismissed`` column.

A finding on an aligned pair carries its source and target (documents, languages,
texts) and, where a check compares them, the competing renderings with their
counts (``hanoi convention ×3 | cybercrime convention ×1``); these columns come
after ``segment``, so that the earlier ones keep their places, and ``dismissed`` stays last."""
from __future__ import annotations

import io

from ..check.runner import CheckRun
from ..model import Finding
from ..safeout import GuardedWriter, visible

COLUMNS = ("id", "severity", "check", "doc", "line", "column", "start", "end", "surface", "message", "suggestion", "segment",
           "term", "source_doc", "source_lang", "source", "target_doc", "target_lang", "target", "renderings", "dismissed")
#: Between the renderings of one cell.
SEPARATOR = " | "


def _row(f: Finding, reason: str) -> dict[str, object]:
    return {**f.as_dict(), "dismissed": reason, "source_doc": f.source_doc, "source_lang": f.source_lang,
            "source": f.source, "target_doc": f.target_doc, "target_lang": f.target_lang, "target": f.target,
            "renderings": SEPARATOR.join(f"{text} ×{n}" for text, n in f.renderings)}


def render_csv(run: CheckRun) -> str:
    out = io.StringIO()
    writer = GuardedWriter(out, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for f, reason in [*((f, "") for f in run.findings), *run.dismissed]:
        row = _row(f, reason)
        writer.writerow(row[c] for c in COLUMNS)
    return visible(out.getvalue())
