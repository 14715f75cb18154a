"""``wb check`` and ``wb dismiss``: consistency and terminology checks."""
from __future__ import annotations

import shutil
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from ..check import CHECKS, PROFILES, SEVERITIES
from ..check.registry import selected
from ..check.session import CheckRequest, apply_request_baseline, dismiss, run_request
from ..errors import ConfigError
from ..formats.registry import memory_formats
from ..project import DEFAULT_BASELINE, Project
from ..report import FORMATS, render
from .common import (
    InputPath,
    current_project,
    echo,
    local_path,
    not_dash,
    output,
    split_list,
)

_SUFFIX_FORMAT = {".html": "html", ".htm": "html", ".json": "json", ".csv": "csv"}
_PATH = click.Path(path_type=Path, dir_okay=False)


def _request_options(fn: Callable[..., Any]) -> Callable[..., Any]:
    """Options shared by ``wb check`` and ``wb dismiss``: what to check and how."""
    for option in reversed([
        click.argument("paths", nargs=-1, type=InputPath(path_type=Path)),
        click.option("-g", "--glossary", type=InputPath(path_type=Path, dir_okay=False),
                     help="A TBX or CSV glossary (default: the project's glossary/; - reads stdin)."),
        click.option("--tm", "memory", type=_PATH, callback=not_dash,
                     help="A translation memory store (default: the project's)."),
        click.option("--profile", type=click.Choice(list(PROFILES)), default=None,
                     help="strict (every check), terminology or minimal (default: workbench.toml [check] profile)."),
        click.option("--check", "only", help="Run only these checks (comma-separated ids; see --list)."),
        click.option("--lang", help="Language of PATHS (default: their folder's name, else detected); of the "
                                    "source, in files of pairs (default: what the file says)."),
        click.option("--from", "input_format", type=click.Choice(memory_formats("reads")), default=None,
                     help="Read PATHS as files of pairs in this format (default: known by their content or "
                          "extension; moses: corpus.ar corpus.en, two by two)."),
        click.option("--target-lang", help="Language of the translations among PATHS (default: the project's, "
                                           "else en); in files of pairs, the target checked (default: every one)."),
        click.option("--project", "root", type=click.Path(file_okay=False, exists=True, path_type=Path),
                     help="Project folder (default: the one around the working directory)."),
    ]):
        fn = option(fn)
    return fn


def _request(paths: tuple[Path, ...], glossary: Path | None, memory: Path | None, profile: str | None,
             only: str | None, lang: str | None, input_format: str | None, target_lang: str | None,
             root: Path | None) -> CheckRequest:
    project = Project.load(root) if root else current_project()
    paths = tuple(local_path(p) for p in paths)  # stdin (-) copied to a file named <stdin>
    glossary = local_path(glossary) if glossary is not None else None
    return CheckRequest(paths=paths, project=project, glossary=glossary, memory=memory, profile=profile,
                        only=tuple(split_list(only)), lang=lang, target_lang=target_lang, input_format=input_format)


@click.command("check")
@_request_options
@click.option("--format", "fmt", type=click.Choice(FORMATS), default=None,
              help="Report format (default: from the -o file's extension, else terminal).")
@click.option("-o", "--output", "out", type=click.Path(dir_okay=False, allow_dash=True),
              help="Write the report here (- or none: stdout).")
@click.option("--fail-on", type=click.Choice(SEVERITIES), default=None,
              help="Exit 3 when a finding is at or above this severity (default: workbench.toml, else error).")
@click.option("--baseline", type=_PATH, callback=not_dash,
              help=f"Report only findings not in this file; records today's when it is new (default: "
                   f"workbench.toml [check] baseline, else {DEFAULT_BASELINE} in the project, when it exists).")
@click.option("--no-baseline", is_flag=True, help="Report every finding, dismissed ones too.")
@click.option("--update-baseline", is_flag=True, help="Record today's findings in the baseline as well.")
@click.option("--list", "list_checks", is_flag=True, help="List the checks and their profiles, and exit.")
def check_cmd(paths: tuple[Path, ...], glossary: Path | None, memory: Path | None, profile: str | None,
              only: str | None, lang: str | None, input_format: str | None, target_lang: str | None,
              root: Path | None, fmt: str | None,
              out: str | None, fail_on: str | None, baseline: Path | None, no_baseline: bool,
              update_baseline: bool, list_checks: bool) -> None:
    """Check terminology and consistency; exit 3 when something is at or above --fail-on.

    Without PATHS, checks the built project (run wb build first): every
    document, the aligned pairs, the memory and the glossary. With PATHS,
    checks those plain-text documents: files with the same name in a source
    language and the target language are aligned and checked as translations.
    Or checks the pairs in files translators exchange (PO, TMX, XLIFF, TSV,
    CSV, Moses with --from moses; not mixed with documents), in the languages the file names
    (--lang and --target-lang override them; each target language of a
    multilingual TMX is checked on its own); findings point at the file's
    line (PO, XLIFF, TSV, CSV) or unit number (TMX) and name the unit's id.
    A PATH - reads stdin, named <stdin>: a document, or a file of pairs
    known by its content (TMX, XLIFF, PO; a table needs --from).
    Findings in the project's baseline (recorded, or dismissed with wb
    dismiss) are left out and counted; --no-baseline shows them.

    \b
    Examples:
      wb check
      wb check --profile terminology --format html -o report.html
      wb check --no-baseline --fail-on warning
      wb check corpus/ar/004_*.txt corpus/en/004_*.txt --format json
      wb check ui.ar.po --lang en -g glossary/hanoi-convention.tbx
      cat ui.ar.po | wb check - --lang en -g glossary/hanoi-convention.tbx
    """
    if list_checks:
        selected("strict")
        for c in CHECKS.values():
            echo(f"{c.id:26} {c.severity:8} {','.join(sorted(c.profiles)):28} {c.title}")
        return
    if no_baseline and (baseline is not None or update_baseline):
        raise click.UsageError("--no-baseline cannot go with --baseline or --update-baseline")
    req = _request(paths, glossary, memory, profile, only, lang, input_format, target_lang, root)
    level = req.fail_on(fail_on)
    run = run_request(req)
    if not no_baseline:
        recorded = apply_request_baseline(run, req, baseline, update_baseline)
        if recorded:
            echo(f"wb: recorded {recorded} findings in {req.baseline_path(baseline)}", err=True)
    if fmt is None:
        fmt = _SUFFIX_FORMAT.get(Path(out).suffix.lower(), "terminal") if out else "terminal"
    color = out in (None, "-") and sys.stdout.isatty()
    title = f"{req.project.name}: checks" if req.project and not paths else "workbench check"
    with output(out, raw=True) as fh:  # every report renderer shows the text's control characters itself
        fh.write(render(run, fmt, title=title, color=color, width=_width()))
    if run.at_or_above(level):
        click.get_current_context().exit(3)


def _width() -> int:
    return shutil.get_terminal_size().columns if sys.stdout.isatty() else 100


@click.command("dismiss")
@click.argument("finding_id")
@click.option("--reason", required=True, help="Why this is not an error (kept in the baseline file).")
@click.option("--baseline", type=_PATH, callback=not_dash,
              help=f"The baseline file (default: workbench.toml [check] baseline, else {DEFAULT_BASELINE} in the "
                   f"project; wb check and wb build read it).")
@_request_options
def dismiss_cmd(finding_id: str, reason: str, baseline: Path | None, paths: tuple[Path, ...], glossary: Path | None,
                memory: Path | None, profile: str | None, only: str | None, lang: str | None,
                input_format: str | None, target_lang: str | None, root: Path | None) -> None:
    """Mark the finding FINDING_ID "not an error": later checks and builds leave it out.

    FINDING_ID is the id printed in every report. The checks run again to find
    it, so give the same PATHS and options as to wb check.

    \b
    Example:
      wb dismiss 4cfa26741a --reason "the short name after the full one is the house style"
    """
    req = _request(paths, glossary, memory, profile or "strict", only, lang, input_format, target_lang, root)
    path = req.baseline_path(baseline)
    if path is None:
        raise ConfigError("outside a project, give the baseline file (--baseline)")
    run = run_request(req)
    dismiss(run, [finding_id], reason, path)
    echo(f"wb: dismissed {finding_id} in {path}", err=True)
