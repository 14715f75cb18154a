"""Helpers shared by the command modules: project lookup, output files."""
from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO

from ..fileio import atomic_open
from ..project import Project


def current_project() -> Project | None:
    """The project around the working directory, if any."""
    return Project.find()


@contextmanager
def output(path: str | None) -> Iterator[IO[str]]:
    """stdout for ``None`` or ``-``, else an atomically written UTF-8 file."""
    if path in (None, "-"):
        yield sys.stdout
        return
    with atomic_open(Path(path), "w", encoding="utf-8") as fh:
        yield fh


def split_list(value: str | None) -> list[str]:
    """``"ar, fa"`` -> ``["ar", "fa"]``."""
    return [v.strip() for v in (value or "").split(",") if v.strip()]


def progress_enabled() -> bool:
    """Progress bars only on a terminal."""
    return sys.stderr.isatty()
