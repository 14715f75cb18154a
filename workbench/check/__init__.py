"""Consistency and terminology checks over a project or explicit documents.

>>> ctx = project_context(Project.find())          # doctest: +SKIP
>>> run = run_checks(ctx, profile="strict")         # doctest: +SKIP
>>> run.counts()                                     # doctest: +SKIP
"""
from .baseline import Baseline
from .context import CheckContext, Document, MemoryUnit, Pair
from .draft import Draft
from .load import files_context, paired, project_context, text_document
from .registry import CHECKS, PROFILES, SEVERITIES, Check, check, selected, severity_rank
from .runner import CheckRun, run_checks

__all__ = [
    "CHECKS",
    "PROFILES",
    "SEVERITIES",
    "Baseline",
    "Check",
    "CheckContext",
    "CheckRun",
    "Document",
    "Draft",
    "MemoryUnit",
    "Pair",
    "check",
    "files_context",
    "paired",
    "project_context",
    "run_checks",
    "selected",
    "severity_rank",
    "text_document",
]
