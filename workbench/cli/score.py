"""``wb score``: BLEU, chrF and TER with sacrebleu, per document and corpus."""
from __future__ import annotations

import io
import json
from pathlib import Path

import click
from rich.console import Console
from rich.table import Table
from rich.text import Text

from ..errors import InputError
from ..safeout import GuardedWriter, visible
from ..score import METRICS, ScoreReport, score
from .common import InputPath, echo, local_path, output, split_list


@click.command("score")
@click.argument("hyp", type=InputPath(path_type=Path))
@click.argument("refs", nargs=-1, required=True, type=InputPath(path_type=Path))
@click.option("--metrics", default="bleu,chrf,ter", show_default=True, help="Comma-separated: bleu, chrf, ter.")
@click.option("--lang", help="Target language (default: detected from the hypothesis).")
@click.option("--format", "fmt", type=click.Choice(["text", "json", "tsv"]), default="text", show_default=True)
@click.option("-o", "--output", "out", type=click.Path(dir_okay=False, allow_dash=True), help="Write here (- or none: stdout).")
def score_cmd(hyp: Path, refs: tuple[Path, ...], metrics: str, lang: str | None, fmt: str, out: str | None) -> None:
    """Score the translation HYP against one or more references REF.

    HYP and REF are line-aligned files, or folders of documents with the same
    names (scored one by one, then together); one of them may be - (stdin,
    named <stdin>). Prints sacrebleu's signature;
    Arabic and Persian targets use its intl tokenizer. Warns on stderr when
    a text looks tokenized or clitic-segmented, which inflates scores.

    \b
    Examples:
      wb score mt.en.txt ref.en.txt
      wb score mt/ ref/ --metrics bleu,chrf --format json
    """
    chosen = split_list(metrics)
    unknown = [m for m in chosen if m not in METRICS]
    if unknown or not chosen:
        raise InputError(f"unknown metric(s) {', '.join(unknown) or '(none)'} (known: {', '.join(METRICS)})")
    report = score(local_path(hyp), [local_path(r) for r in refs], chosen, lang)
    for warning in report.warnings:
        echo(f"wb: warning: {warning}", err=True)
    with output(out) as fh:
        fh.write(_render(report, chosen, fmt))


def _render(report: ScoreReport, metrics: list[str], fmt: str) -> str:
    rows = [*report.documents, report.corpus] if len(report.documents) > 1 else [report.corpus]
    if fmt == "json":
        return json.dumps({"lang": report.lang, "signatures": report.signatures,
                           "documents": [{"name": d.name, "segments": d.segments, **d.scores} for d in report.documents],
                           "corpus": {"segments": report.corpus.segments, **report.corpus.scores},
                           "warnings": report.warnings}, ensure_ascii=False, indent=1) + "\n"
    if fmt == "tsv":
        out = io.StringIO()
        writer = GuardedWriter(out, delimiter="\t")
        writer.writerow(["document", "segments", *metrics])
        writer.writerows([d.name or "(corpus)", d.segments, *(f"{d.scores[m]:.2f}" for m in metrics)] for d in rows)
        return out.getvalue()
    table = Table(show_lines=False)
    table.add_column("document", no_wrap=True)
    table.add_column("segments", justify="right")
    for m in metrics:
        table.add_column(m.upper() if m != "chrf" else "chrF", justify="right")
    for d in rows:
        table.add_row(Text(visible(d.name or "corpus")), str(d.segments), *(f"{d.scores[m]:.2f}" for m in metrics),
                      style="bold" if not d.name else None)
    con = Console(width=120, force_terminal=False, no_color=True)
    with con.capture() as cap:
        con.print(table)
        for m in metrics:
            con.print(f"{m}: {report.signatures[m]}", markup=False, highlight=False)
    return cap.get()
