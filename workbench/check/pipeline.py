"""The check step of ``wb build``: every check over the built project, into
``build/report.html`` and ``build/report.json``."""
from __future__ import annotations

import json
from pathlib import Path

from ..fileio import atomic_write_bytes
from ..project import CONFIG_NAME, Project
from ..report import render
from .session import CheckRequest, apply_baseline, run_request


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
    baseline = CheckRequest(project=project).baseline_path(None)
    if baseline is not None and baseline.is_file():
        files.append(baseline)
    return files


def write_project_report(project: Project) -> dict[str, int]:
    """Run the project's checks (its profile and baseline) and write both reports;
    returns the findings per severity."""
    req = CheckRequest(project=project)
    run = run_request(req)
    baseline = req.baseline_path(None)
    if baseline is not None and baseline.is_file():
        apply_baseline(run, baseline)
    html, data = report_paths(project)
    title = f"{project.name}: checks"
    atomic_write_bytes(html, render(run, "html", title=title).encode("utf-8"))
    atomic_write_bytes(data, render(run, "json", title=title).encode("utf-8"))
    return run.counts()


def read_counts(project: Project) -> dict[str, int]:
    """The findings per severity of the report written last."""
    data = json.loads(report_paths(project)[1].read_text(encoding="utf-8"))
    return {str(k): int(v) for k, v in data["summary"]["by_severity"].items()}
