"""``wb rules``: show the segmentation rules or export them as SRX 2.0."""
from __future__ import annotations

import click

from ..segment import known_languages, rules_for
from ..segment.srx import build_srx
from .common import echo, output, split_list


@click.group("rules")
def rules_group() -> None:
    """Segmentation rules: list them, or export them for other CAT tools.

    \b
    Examples:
      wb rules show --lang ar
      wb rules export --format srx --lang ar,fa -o arabic-persian.srx
    """


@rules_group.command("show")
@click.option("--lang", default=None, help="Comma-separated languages (default: all with rules of their own).")
def show_cmd(lang: str | None) -> None:
    """List the break and no-break rules, in the order they are tried.

    \b
    Example:
      wb rules show --lang fa
    """
    for tag in split_list(lang) or known_languages():
        rules = rules_for(tag)
        echo(f"# {tag}: rules of {' + '.join(rules.chain)}, first match wins")
        for n, rule in enumerate(rules.rules, start=1):
            flag = "BREAK   " if rule.brk else "no break"
            before, after = rule.patterns()
            echo(f"{n:3d}. {flag} [{rule.lang}] {rule.note}")
            echo(f"       before: {before}")
            echo(f"       after:  {after}")


@rules_group.command("export")
@click.option("--format", "fmt", type=click.Choice(["srx"]), default="srx", show_default=True)
@click.option("--lang", default=None, help="Comma-separated languages (default: all with rules of their own).")
@click.option("-o", "--output", "out", type=click.Path(dir_okay=False, allow_dash=True), help="Write here instead of stdout.")
def export_cmd(fmt: str, lang: str | None, out: str | None) -> None:
    """Export the rules as SRX 2.0 (OmegaT, Okapi, memoQ, Trados).

    Each language gets a complete rule set (cascade off), mapped from its
    language code; a catch-all generic rule set comes last.

    \b
    Example:
      wb rules export --format srx --lang ar,fa -o ar-fa.srx
    """
    tags = split_list(lang) or known_languages()
    sets = [rules_for(t) for t in tags]
    data = build_srx([*sets, rules_for(None)])
    with output(out, raw=True) as fh:  # SRX for other tools: data, written as is
        fh.write(data.decode("utf-8"))
