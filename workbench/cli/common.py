"""Helpers shared by the command modules: project lookup, input files or stdin,
output files, and text for people, whose control characters are shown, never obeyed."""
from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, cast

import click

from ..errors import InputError
from ..fileio import STDIN_NAME, shown_names, spooled
from ..safeout import visible

if TYPE_CHECKING:  # imported when used: `wb tm lookup --store PATH` reads no project
    from ..project import Project


def current_project() -> Project | None:
    """The project around the working directory, if any."""
    from ..project import Project

    return Project.find()


def default_store_path(path: str | Path | None) -> Path:
    """``path``, else the project's store; outside a project a store is needed."""
    if path is not None:
        return Path(path)
    project = current_project()
    if project is None:
        from ..tm.store import StoreError

        raise StoreError("no store: give --store PATH or run inside a project (a folder with workbench.toml)")
    return project.store


def echo(message: str = "", err: bool = False, nl: bool = True) -> None:
    """:func:`click.echo` of text for people: control characters shown as ``\\uXXXX``
    (:func:`~workbench.safeout.visible`), so a document or file name cannot drive the terminal;
    a temporary copy of stdin named as ``<stdin>`` (:func:`~workbench.fileio.shown_names`)."""
    click.echo(visible(shown_names(message)), err=err, nl=nl)


class InputPath(click.Path):
    """An input file, or ``-`` for stdin: once per command (a second ``-``, in any
    argument or option, is a usage error: stdin can be read once)."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(allow_dash=True, **kwargs)

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        if value in ("-", b"-") and ctx is not None:
            if ctx.meta.get("wb.stdin"):
                self.fail("- (stdin) can be read once: give it for one input only", param, ctx)
            ctx.meta["wb.stdin"] = True
        return super().convert(value, param, ctx)


def not_dash(ctx: click.Context, param: click.Parameter, value: Any) -> Any:
    """A callback refusing ``-`` for a file that is neither stdin nor stdout (a store, a baseline),
    which would otherwise be a file named ``-``."""
    if value is not None and str(value) == "-":
        raise click.BadParameter("- (stdin, stdout) cannot be this file: give its name", ctx, param)
    return value


def is_stdin(value: str | Path | None) -> bool:
    """Whether an input argument is ``-``, stdin."""
    return value is not None and str(value) == "-"


def stdin_stream() -> IO[bytes]:
    """stdin in bytes, as a stream of its own on the file descriptor where there is one
    (a forked child reading it keeps it when :mod:`multiprocessing` closes ``sys.stdin``); an
    :class:`InputError` when there is no stdin (closed: ``<&-``)."""
    if sys.stdin is None:
        raise InputError("closed: there is nothing to read", path=STDIN_NAME)
    stream = sys.stdin.buffer
    try:
        fd = stream.fileno()
    except (AttributeError, OSError, ValueError):  # not a real file (CliRunner's input)
        return stream
    return open(fd, "rb", closefd=False)  # fd 0 stays open: this object only reads it


def local_path(value: str | Path) -> Path:
    """``value`` as a file a reader can open: ``-`` is stdin copied to a temporary file
    named ``<stdin>`` (:func:`~workbench.fileio.spooled`), removed when the command ends."""
    if not is_stdin(value):
        return Path(value)
    root = click.get_current_context().find_root()  # closed after the error messages, which name it <stdin>
    path: Path = root.with_resource(spooled(stdin_stream()))
    return path


class _Visible:
    """A text stream writing through to ``raw`` what :func:`~workbench.safeout.visible` makes of it."""

    def __init__(self, raw: IO[str]) -> None:
        self._raw = raw

    def write(self, text: str) -> int:
        self._raw.write(visible(shown_names(text)))
        return len(text)

    def flush(self) -> None:
        self._raw.flush()


@contextmanager
def output(path: str | None, raw: bool = False) -> Iterator[IO[str]]:
    """stdout for ``None`` or ``-``, else an atomically written UTF-8 file; what is
    written there has its control characters shown, unless ``raw``: text the writer made
    safe itself (a report renderer's, or one adding controls of its own) or data for other tools."""
    if path in (None, "-"):
        yield sys.stdout if raw else cast(IO[str], _Visible(sys.stdout))
        return
    from ..fileio import atomic_open

    with atomic_open(Path(path), "w", encoding="utf-8") as fh:
        yield fh if raw else cast(IO[str], _Visible(fh))


@contextmanager
def whole_stdout() -> Iterator[IO[bytes]]:
    """A binary stream whose bytes go to stdout once the block succeeds, and none otherwise (a
    conversion stopped by a truncated input leaves no half file down a pipe): held in memory,
    past 8 MB in an anonymous temporary file, which goes however the process ends."""
    import shutil
    import tempfile

    with tempfile.SpooledTemporaryFile(8 << 20) as held:
        yield cast(IO[bytes], held)
        held.seek(0)
        shutil.copyfileobj(held, sys.stdout.buffer, 1 << 20)
    sys.stdout.buffer.flush()


def split_list(value: str | None) -> list[str]:
    """``"ar, fa"`` -> ``["ar", "fa"]``."""
    return [v.strip() for v in (value or "").split(",") if v.strip()]


def progress_enabled() -> bool:
    """Progress bars only on a terminal."""
    return sys.stderr.isatty()
