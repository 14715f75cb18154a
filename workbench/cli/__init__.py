"""The ``wb`` command: a thin click layer over the library.

Command groups live in one module each and are imported only when used.
Any :class:`~workbench.errors.WorkbenchError` becomes one line on stderr and
exit 2; ``--traceback`` shows the full trace for bug reports.
"""
from __future__ import annotations

import importlib
import sys
from typing import Any

import click

from .. import __version__
from ..errors import WorkbenchError

#: command name -> "module:attribute" (modules under workbench.cli)
COMMANDS: dict[str, tuple[str, str]] = {
    "segment": ("segment", "segment_cmd"),
    "align": ("align", "align_cmd"),
    "rules": ("rules", "rules_group"),
    "build": ("build", "build_cmd"),
    "tm": ("tm", "tm_group"),
    "glossary": ("glossary", "glossary_group"),
    "check": ("check", "check_cmd"),
    "dismiss": ("check", "dismiss_cmd"),
    "score": ("score", "score_cmd"),
}


class LazyGroup(click.Group):
    """A group whose subcommands are imported on first use."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        target = COMMANDS.get(cmd_name)
        if target is None:
            return None
        module = importlib.import_module(f"{__name__}.{target[0]}")
        command: click.Command = getattr(module, target[1])
        return command

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except WorkbenchError as exc:
            if ctx.obj and ctx.obj.get("traceback"):
                raise
            click.echo(f"wb: error: {_one_line(str(exc))}", err=True)
            ctx.exit(2)
        except click.UsageError as exc:
            where = exc.ctx.command_path if exc.ctx else "wb"
            click.echo(f"wb: error: {_one_line(exc.format_message())} (see '{where} --help')", err=True)
            ctx.exit(2)
        except BrokenPipeError:
            sys.stderr.close()
            ctx.exit(1)


def _one_line(text: str) -> str:
    return " ".join(text.split())


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="wb")
@click.option("--traceback", is_flag=True, help="Show the full traceback on errors (for bug reports).")
@click.pass_context
def cli(ctx: click.Context, traceback: bool) -> None:
    """Translation workbench for Arabic, Persian and English.

    Segment, align, keep translation memories (TMX) and glossaries (TBX),
    and check terminology, on any folder with a workbench.toml.

    \b
    Example:
      wb build                 # run the whole project pipeline
      wb segment corpus/ar/*.txt --format jsonl
    """
    ctx.ensure_object(dict)
    ctx.obj["traceback"] = traceback


def main() -> None:
    """Console-script entry point."""
    cli(prog_name="wb")
