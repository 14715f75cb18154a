"""The JSON report: a versioned schema, with the signature of what produced it."""
from __future__ import annotations

import json
from typing import Any

from ..check.runner import CheckRun

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
    return json.dumps(report_dict(run, title), ensure_ascii=False, indent=1) + "\n"
