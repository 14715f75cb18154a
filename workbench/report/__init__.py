"""Renderers for check findings: terminal (rich), one self-contained HTML file,
JSON with a versioned schema and a signature, CSV safe against formula injection."""
from __future__ import annotations

from ..check.runner import CheckRun
from .csv_report import render_csv
from .html_report import render_html
from .json_report import SCHEMA, render_json
from .terminal import render_terminal

FORMATS = ("terminal", "html", "json", "csv")


def render(run: CheckRun, fmt: str, title: str = "workbench check", color: bool = False, width: int = 100) -> str:
    """The report of ``run`` in ``fmt`` (one of :data:`FORMATS`)."""
    if fmt == "json":
        return render_json(run, title)
    if fmt == "csv":
        return render_csv(run)
    if fmt == "html":
        return render_html(run, title)
    if fmt == "terminal":
        return render_terminal(run, color=color, width=width)
    raise ValueError(f"unknown report format {fmt!r} (known: {', '.join(FORMATS)})")


__all__ = ["FORMATS", "SCHEMA", "render", "render_csv", "render_html", "render_json", "render_terminal"]
