"""The ``wb`` command: a thin click layer over the library.

Command groups live in one module each and are imported only when used.
Any :class:`~workbench.errors.WorkbenchError`, and any :class:`OSError` of the
environment (a full disk, a file that cannot be written), becomes one line on
stderr and exit 2; ``--traceback`` shows the full trace for bug reports. What
the library says on the ``workbench`` logger (that it waits for another
process, say) goes to stderr as ``wb: ...``.
"""
from __future__ import annotations

import importlib
import os
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
    "translate": ("translate", "translate_cmd"),
    "convert": ("convert", "convert_cmd"),
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

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        # an argument the OS gave in bytes that are not UTF-8 (a file name in Latin-1) holds lone
        # surrogates, which SQLite, hashes and XML cannot take: refused (in invoke) before any work
        ctx.meta["wb.undecodable"] = next((a for a in args if _undecodable(a)), None)
        return super().parse_args(ctx, args)

    def invoke(self, ctx: click.Context) -> Any:
        try:
            bad = ctx.meta.get("wb.undecodable")
            if bad is not None:
                raise WorkbenchError(f"{bad}: not UTF-8 (a file name in another encoding?): rename the file")
            result = super().invoke(ctx)
            sys.stdout.flush()  # a full disk behind stdout is an error like any other
            return result
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
        except OSError as exc:
            if exc.errno is None or (ctx.obj and ctx.obj.get("traceback")):
                raise
            click.echo(f"wb: error: {_one_line(_os_error(exc))}", err=True)
            _drop_stdout()
            ctx.exit(2)


def _undecodable(arg: str) -> bool:
    """Whether ``arg`` holds bytes that were not UTF-8 (Python's lone surrogates for them)."""
    try:
        arg.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def _one_line(text: str) -> str:
    """``text`` on one line, its control characters shown (file names and input reach messages)."""
    from ..fileio import shown_names
    from ..safeout import visible

    return visible(" ".join(shown_names(text).split()))


def _os_error(exc: OSError) -> str:
    """``FILE: strerror`` (``FILE -> OTHER`` for a rename or link), or the strerror alone."""
    where = " -> ".join(os.fsdecode(f) for f in (exc.filename, exc.filename2) if f is not None)
    return f"{where}: {exc.strerror}" if where else str(exc.strerror or exc)


def _drop_stdout() -> None:
    """Point stdout at /dev/null, so that what it still buffers is not written (and failed) again at exit."""
    try:
        fd = sys.stdout.fileno()
    except (AttributeError, OSError, ValueError):  # not a real file (CliRunner)
        return
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, fd)
    os.close(devnull)


def _show_notes() -> None:
    """What the library says on the ``workbench`` logger, as ``wb: MESSAGE`` on stderr
    (``logging`` imported here, before the library's first message: a command that says nothing does without it)."""
    import logging

    logger = logging.getLogger("workbench")
    if not any(h.get_name() == "wb notes" for h in logger.handlers):
        class Notes(logging.Handler):
            def emit(self, record: logging.LogRecord) -> None:
                click.echo(f"wb: {_one_line(record.getMessage())}", err=True)

        notes = Notes(logging.INFO)
        notes.set_name("wb notes")
        logger.addHandler(notes)
    logger.setLevel(logging.INFO)


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
    from ..fileio import log

    log.prepare = _show_notes


def _terminated(signum: int, frame: object) -> None:
    """SIGTERM or SIGHUP: leave as an error does (SystemExit, status 128 + the signal's number), through
    every cleanup on the way (temporary files, a copy of stdin, a store's transaction rolled back)."""
    raise SystemExit(128 + signum)


def _closed_streams() -> None:
    """stdin, stdout or stderr closed (``<&-``, ``>&-``, ``2>&-``): its file descriptor held by
    /dev/null, so that no file the command opens takes its place; output and messages are
    dropped, as Python's print drops them (no stdin is said by
    :func:`~workbench.cli.common.stdin_stream`)."""
    for fd in (0, 1, 2):
        try:
            os.fstat(fd)
        except OSError:
            null = os.open(os.devnull, os.O_RDWR)
            if null != fd:
                os.dup2(null, fd)
                os.close(null)
    if sys.stdout is None:
        sys.stdout = open(1, "w", encoding="utf-8", closefd=False)  # noqa: SIM115 - the process's stdout
    if sys.stderr is None:
        sys.stderr = open(2, "w", encoding="utf-8", closefd=False)  # noqa: SIM115 - the process's stderr


def main() -> None:
    """Console-script entry point."""
    import signal

    _closed_streams()
    for name in ("SIGTERM", "SIGHUP"):
        number = getattr(signal, name, None)
        if number is not None and signal.getsignal(number) == signal.SIG_DFL:  # nohup's SIGHUP stays ignored
            signal.signal(number, _terminated)
    cli(prog_name="wb")
