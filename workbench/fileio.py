"""Files in and out: atomic writes (a temporary file beside the target, then
a rename) and opening inputs with one clear error."""
from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, BinaryIO

from .errors import InputError


def _mode(path: Path) -> int:
    """The target's permissions if it exists, else what the umask gives a new file."""
    try:
        return path.stat().st_mode & 0o7777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


@contextmanager
def atomic_open(path: str | Path, mode: str = "wb", encoding: str | None = None) -> Iterator[IO]:  # type: ignore[type-arg]
    """Open a temporary file that replaces ``path`` only if the block succeeds
    (nothing is left behind on error). A device or pipe (``/dev/null``, a FIFO)
    is written to directly, and a symbolic link's target is replaced, not the link."""
    target = Path(path)
    newline = "" if "b" not in mode else None
    if target.exists() and not target.is_file():
        try:
            with open(target, mode, encoding=encoding, newline=newline) as fh:
                yield fh
        except IsADirectoryError:
            raise InputError("is a directory", path=target) from None
        return
    if target.is_symlink():
        target = target.resolve()
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent or ".")
    except OSError as exc:
        raise InputError(f"cannot write: {exc.strerror}", path=target) from None
    try:
        with os.fdopen(fd, mode, encoding=encoding, newline=newline) as fh:
            yield fh
        os.chmod(tmp, _mode(target))
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


@contextmanager
def atomic_output(target: str | Path | IO[bytes]) -> Iterator[IO[bytes]]:
    """A binary stream for ``target``: a path is written atomically, a stream is used as is."""
    if not isinstance(target, (str, Path)):
        yield target
        return
    with atomic_open(target, "wb") as fh:
        yield fh


def atomic_write_bytes(path: str | Path, data: bytes) -> None:
    """Write ``data`` to ``path`` atomically."""
    with atomic_open(path, "wb") as fh:
        fh.write(data)


def open_input(path: str | Path, what: str = "text file") -> BinaryIO:
    """Open an input file for reading bytes, with one clear error if it can't be."""
    p = Path(path)
    if p.is_dir():
        raise InputError(f"is a directory, not a {what}", path=p)
    try:
        return p.open("rb")
    except FileNotFoundError:
        raise InputError("no such file", path=p) from None
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror}", path=p) from None
