"""One ``wb check`` run end to end: settings, context, checks, baseline."""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import ConfigError, InputError
from ..glossary import Glossary, load_glossary
from ..project import Project
from .baseline import Baseline
from .exchanged import exchanged_context, exchanged_format, merged, mixed, relocate
from .load import files_context, memory_units, project_context, project_glossary
from .registry import PROFILES, SEVERITIES
from .runner import CheckRun, run_checks


@dataclass(frozen=True, slots=True)
class CheckRequest:
    """What to check and how; ``None`` means the project's setting or the default
    (``input_format``: the format of files of pairs among ``paths``, else sniffed)."""

    paths: tuple[Path, ...] = ()
    project: Project | None = None
    glossary: Path | None = None
    memory: Path | None = None
    profile: str | None = None
    only: tuple[str, ...] = ()
    lang: str | None = None
    target_lang: str | None = None
    input_format: str | None = None

    def config(self) -> dict[str, Any]:
        """The ``[check]`` table of the project (``{}`` outside one)."""
        return dict(self.project.section("check")) if self.project else {}

    def chosen_profile(self) -> str:
        profile = self.profile or str(self.config().get("profile", "strict"))
        if profile not in PROFILES:
            raise ConfigError(f"unknown profile {profile!r} (known: {', '.join(PROFILES)})")
        return profile

    def fail_on(self, given: str | None) -> str:
        level = given or str(self.config().get("fail_on", "error"))
        if level not in SEVERITIES:
            raise ConfigError(f"[check] fail_on must be one of {', '.join(SEVERITIES)}")
        return level

    def baseline_path(self, given: Path | None = None) -> Path | None:
        """``given``, else the project's baseline (``[check] baseline``); None outside a project."""
        if given is not None:
            return given
        return self.project.baseline if self.project else None


def run_request(req: CheckRequest) -> CheckRun:
    """Load what ``req`` names and run its checks (no baseline applied)."""
    profile = req.chosen_profile()
    glossary = load_glossary(req.glossary) if req.glossary is not None else None
    if req.memory is not None and not req.memory.is_file():
        raise InputError("no such translation memory", path=req.memory)
    if req.paths:
        for p in req.paths:
            if not p.is_file():
                raise InputError("no such file", path=p)
        if glossary is None and req.project is not None:
            glossary = project_glossary(req.project)
        if req.input_format is not None or _exchanged(req.paths):
            return _run_exchanged(req, profile, glossary)
        target = req.target_lang or (req.project.target_language if req.project else "en")
        ctx = files_context(list(req.paths), req.lang, target, glossary, req.memory)
    elif req.project is not None:
        ctx = project_context(req.project, glossary=glossary, memory=req.memory)
    else:
        raise ConfigError("no workbench.toml here or in any parent folder: give the documents to check")
    return run_checks(ctx, profile, req.config(), req.only)


def _exchanged(paths: Sequence[Path]) -> bool:
    """Whether ``paths`` are files of translation pairs (PO, TMX...) rather than documents;
    a mix of both is an :class:`InputError`."""
    kinds = [(p, exchanged_format(p)) for p in paths]
    pairs = [(p, fmt) for p, fmt in kinds if fmt is not None]
    if pairs and len(pairs) < len(paths):
        raise mixed(*pairs[0], next(p for p, fmt in kinds if fmt is None))
    return bool(pairs)


def _run_exchanged(req: CheckRequest, profile: str, glossary: Glossary | None) -> CheckRun:
    """Check the pairs in exchanged files; findings point at the files' units."""
    ex = exchanged_context(req.paths, req.lang, req.target_lang, glossary, req.input_format)
    if req.memory is not None:
        directions = dict.fromkeys((p.src.lang, p.tgt.lang) for p in ex.ctx.pairs)
        for src, tgt in directions:
            ex.ctx.memory += memory_units(req.memory, set(), [src], tgt)
    contexts = ex.directions()
    run = merged([run_checks(c, profile, req.config(), req.only) for c in contexts], contexts)
    run.findings = relocate(ex, run.findings)
    return run


def apply_request_baseline(run: CheckRun, req: CheckRequest, given: Path | None = None, update: bool = False) -> int:
    """Leave out the findings in the baseline ``given``, else in the project's when
    that file exists; returns how many were recorded (see :func:`apply_baseline`)."""
    path = req.baseline_path(given)
    if path is None:
        if update:
            raise ConfigError("outside a project, give the baseline file (--baseline)")
        return 0
    if given is None and not update and not path.exists():
        return 0
    return apply_baseline(run, path, update)


def apply_baseline(run: CheckRun, path: Path, update: bool = False) -> int:
    """Report only findings not in the baseline at ``path``, counting those
    dismissed. When the file does not exist yet (or with ``update``), today's
    findings are recorded first; returns how many were recorded."""
    baseline = Baseline.load(path)
    recorded = 0
    if update or not path.exists():
        recorded = baseline.record(run.findings)
        baseline.save()
    kept = []
    for f in run.findings:
        entry = baseline.entries.get(f.id)
        if entry is None:
            kept.append(f)
        elif entry.reason is not None:
            run.dismissed.append((f, entry.reason))
    run.suppressed = len(run.findings) - len(kept)
    run.findings = kept
    return recorded


def dismiss(run: CheckRun, finding_ids: Sequence[str], reason: str, path: Path) -> list[str]:
    """Mark findings "not an error" in the baseline at ``path``; returns the ids dismissed."""
    by_id = {f.id: f for f in run.findings}
    missing = [i for i in finding_ids if i not in by_id]
    if missing:
        raise InputError(f"no finding {', '.join(missing)} in this project (ids are printed in every report)")
    if not reason.strip():
        raise InputError("give the reason for dismissing (--reason)")
    baseline = Baseline.load(path)
    for i in finding_ids:
        baseline.dismiss(by_id[i], reason)
    baseline.save()
    return list(finding_ids)
