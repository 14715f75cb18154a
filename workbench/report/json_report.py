"""The JSON report: a versioned schema, with the signature of what produced it; nothing
in it raw that a terminal obeys (:func:`~workbench.safeout.json_text`)."""
from __future__ import annotations

from typing import Any

from ..check.runner import CheckRun
from ..safeout import json_text

#: Schema name and version of the JSON report; bump the number on incompatible changes.
SCHEMA = "workbench-check-report/1"


def report_dict(run: CheckRun, title: str) -> dict[str, Any]:
    """The report as JSON-ready data (deterministic: no dates)."""
    return {
        "schema": SCHEMA,
        "title": title,
        "signature": run.signature,
        "profile": run.profile,
        "summary": {"documents": run.documents, "pairs": run.pairs, "findings": len(run.findings),
                    "suppressed": run.suppressed, "dismissed": len(run.dismissed), "by_severity": run.counts(),
                    "by_check": run.by_check()},
        "checks": [{"id": c.id, "severity": c.severity, "title": c.title} for c in run.checks],
        "findings": [f.as_dict() for f in run.findings],
    }


def render_json(run: CheckRun, title: str = "workbench check") -> str:
    return json_text(report_dict(run, title), indent=1) + "\n"
