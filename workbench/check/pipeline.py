"""The check step of ``wb build``: every check over the built project, into
``build/report.html`` and ``build/report.json``."""
from __future__ import annotations

import json
from pathlib import Path

from ..fileio import atomic_write_bytes
from ..project import CONFIG_NAME, Project
from ..report import render
from .session import CheckRequest, apply_request_baseline, run_request


def report_paths(project: Project) -> tuple[Path, Path]:
    """``build/report.html`` and ``build/report.json``."""
    return project.build_dir / "report.html", project.build_dir / "report.json"


def report_inputs(project: Project) -> list[Path]:
    """The files whose content decides the report (besides the memory)."""
    build = project.build_dir
    files = [project.root / CONFIG_NAME, *sorted((build / "segments").rglob("*.jsonl")),
             *sorted((build / "align").rglob("*.jsonl"))]
    folder = project.glossary_dir
    if folder.is_dir():
        files += sorted([*folder.glob("*.tbx"), *folder.glob("*.csv")])
    if project.baseline.is_file():
        files.append(project.baseline)
    return files


def write_project_report(project: Project) -> dict[str, int]:
    """Run the project's checks (its profile and baseline) and write both reports;
    returns the findings per severity and how many were dismissed."""
    req = CheckRequest(project=project)
    run = run_request(req)
    apply_request_baseline(run, req)
    html, data = report_paths(project)
    title = f"{project.name}: checks"
    atomic_write_bytes(html, render(run, "html", title=title).encode("utf-8"))
    atomic_write_bytes(data, render(run, "json", title=title).encode("utf-8"))
    return {**run.counts(), "dismissed": len(run.dismissed)}


def read_counts(project: Project) -> dict[str, int]:
    """The findings per severity, and how many were dismissed, of the report written last."""
    summary = json.loads(report_paths(project)[1].read_text(encoding="utf-8"))["summary"]
    return {**{str(k): int(v) for k, v in summary["by_severity"].items()}, "dismissed": int(summary.get("dismissed", 0))}
