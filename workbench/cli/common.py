"""Helpers shared by the command modules: project lookup, output files."""
from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO

from ..fileio import atomic_open
from ..project import Project
from ..tm.store import StoreError


def current_project() -> Project | None:
    """The project around the working directory, if any."""
    return Project.find()


def default_store_path(path: str | Path | None) -> Path:
    """``path``, else the project's store; outside a project a store is needed."""
    if path is not None:
        return Path(path)
    project = current_project()
    if project is None:
        raise StoreError("no store: give --store PATH or run inside a project (a folder with workbench.toml)")
    return project.store


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
