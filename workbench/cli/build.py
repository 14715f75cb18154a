"""``wb build``: run the project pipeline."""
from __future__ import annotations

from pathlib import Path

import click
from rich.console import Console
from rich.table import Table
from rich.text import Text

from ..build import build
from ..errors import ConfigError
from ..model import SegmentKind
from ..project import Project
from ..safeout import visible
from .common import progress_enabled


@click.command("build")
@click.option("--project", "root", type=click.Path(file_okay=False, exists=True, path_type=Path),
              help="Project folder (default: the one around the working directory).")
def build_cmd(root: Path | None) -> None:
    """Run the whole pipeline of the project (workbench.toml) into build/.

    Segments every document of corpus/ (build/segments/); makes the memory
    (build/memory.sqlite) from the TMX files in tmx/ brought in from
    elsewhere (those `wb tm import` records there included); aligns each
    source article with its translation, same file name under
    corpus/<target>/ (build/align/), adds the pairs to the memory and writes
    them to tmx/<project>.<src>-<tgt>.tmx; finds the glossary's terms
    (build/terms.jsonl) and runs the checks (build/report.html,
    build/report.json). Prints segments by kind and beads by type.

    The outputs depend on the project's files and settings alone; only what
    changed is redone, and the memory is made anew when another command
    wrote to it.

    \b
    Example:
      wb build && wb tm stats          # in the project's folder or below it
      wb build --project . 2>/dev/null  # the tables alone
    """
    project = Project.load(root) if root else Project.find()
    if project is None:
        raise ConfigError("no workbench.toml here or in any parent folder (use --project)")
    err = Console(stderr=True)
    if progress_enabled():
        with err.status("building...") as status:
            report = build(project, progress=lambda msg: status.update(_shown(msg)))
    else:
        report = build(project)
    table = Table(title=_shown(f"{project.name}: segments by kind"), show_lines=False)
    table.add_column("document", no_wrap=True)
    table.add_column("lang")
    kinds = [k.value for k in SegmentKind]
    for k in kinds:
        table.add_column(k, justify="right")
    totals = dict.fromkeys(kinds, 0)
    for doc in report.documents:
        table.add_row(_shown(doc.name), _shown(doc.lang), *(str(doc.kinds[k]) for k in kinds))
        for k in kinds:
            totals[k] += doc.kinds[k]
    table.add_row("total", "", *(str(totals[k]) for k in kinds), style="bold")
    out = Console()
    if not out.is_terminal:
        out = Console(width=160)
    out.print(table)
    if report.pairs:
        types = sorted({t for p in report.pairs for t in p.beads}, key=lambda t: (t != "1-1", t))
        pairs = Table(title="alignment: beads by type", show_lines=False)
        pairs.add_column("document", no_wrap=True)
        pairs.add_column("pair")
        for t in types:
            pairs.add_column(t, justify="right")
        pairs.add_column("to review", justify="right")
        for p in report.pairs:
            pairs.add_row(_shown(p.name), _shown(f"{p.src_lang}-{p.tgt_lang}"), *(str(p.beads.get(t, 0)) for t in types),
                          str(p.unsure))
        out.print(pairs)
    if report.checks:
        err.print(_shown("checks: " + ", ".join(f"{n} {sev}" for sev, n in report.checks.items())
                         + f" (see {project.build_dir / 'report.html'})"))
    for warning in report.warnings:
        err.print(_shown(f"warning: {warning}"))
    err.print(_shown(f"{len(report.documents)} documents, {report.redone} segmented anew, "
                     f"{sum(p.redone for p in report.pairs)} aligned anew; memory {report.memory.get('tus', 0)} TUs; "
                     f"term hits {', '.join(f'{k} {v}' for k, v in report.terms.items()) or 'none (no glossary)'}; "
                     f"wrote {', '.join(str(p.relative_to(project.root)) for p in report.exports) or 'no TMX'}; "
                     f"output in {project.build_dir}"))


def _shown(text: str) -> Text:
    """Text for rich from files and settings: no markup read, control characters shown."""
    return Text(visible(text))
