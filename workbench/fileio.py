"""Files in and out: atomic writes (a temporary file beside the target, then
a rename), opening inputs with one clear error, stdin as an input like a file,
confining writes to a folder, and a lock file that one process holds at a time."""
from __future__ import annotations

import codecs
import errno
import io
import os
import stat
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from contextvars import ContextVar
from pathlib import Path
from typing import IO, Any, BinaryIO, cast

from .errors import InputError, WorkbenchError


class Notes:
    """Messages for the person waiting, on the ``workbench`` logger (the CLI shows them on
    stderr; the library never prints). ``logging`` is imported at the first message, after
    :attr:`prepare` (where the CLI adds its handler): a process that says nothing does without it."""

    def __init__(self) -> None:
        #: Called once, before the first message is logged.
        self.prepare: Callable[[], None] | None = None

    def info(self, message: str, *args: object) -> None:
        import logging

        prepare, self.prepare = self.prepare, None
        if prepare is not None:
            prepare()
        logging.getLogger("workbench").info(message, *args)


#: What the library says to the person waiting (see :class:`Notes`).
log = Notes()
#: Seconds a command waits for another process to let go of what it needs (a store, a build).
WAIT_SECONDS = 300.0
#: Errors of an output file however it is written (a full disk, a quota, a file size limit, a read-only mount).
_WRITE_ERRNOS = frozenset({errno.ENOSPC, errno.EDQUOT, errno.EFBIG, errno.EROFS})
_JAIL: ContextVar[Path | None] = ContextVar("workbench_jail", default=None)


def _mode(path: Path) -> int:
    """The target's permissions if it exists, else what the umask gives a new file."""
    try:
        return path.stat().st_mode & 0o7777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


@contextmanager
def _mapped(path: str | Path, errnos: frozenset[int] | None = None) -> Iterator[None]:
    """An :class:`OSError` (of ``errnos`` only, when given) as an :class:`InputError` naming ``path``."""
    try:
        yield
    except OSError as exc:
        if errnos is not None and exc.errno not in errnos:
            raise
        raise InputError(f"cannot write: {exc.strerror or exc}", path=path) from None


@contextmanager
def confined(root: str | Path) -> Iterator[None]:
    """Within the block, every write through :func:`destination` (so every
    :func:`atomic_open`) must land inside ``root``: a symbolic link planted in a
    project cannot send a write elsewhere."""
    token = _JAIL.set(Path(root).resolve())
    try:
        yield
    finally:
        _JAIL.reset(token)


def destination(path: str | Path) -> Path:
    """Where a write to ``path`` lands, symbolic links followed. An
    :class:`InputError` for a loop of links, or a place outside the folder of
    the enclosing :func:`confined` block."""
    try:
        real = Path(path).resolve()
    except (RuntimeError, OSError):  # RuntimeError: Python < 3.13 on a loop of links
        raise InputError("cannot write: a loop of symbolic links", path=path) from None
    jail = _JAIL.get()
    if jail is not None and not real.is_relative_to(jail):
        raise InputError(f"refusing to write outside the project {jail} (the path leads to {real})", path=path)
    return real


def make_dirs(path: str | Path) -> Path:
    """Make folder ``path`` and its parents (a destination like any other, see
    :func:`destination`); returns ``path``."""
    real = destination(path)
    try:
        real.mkdir(parents=True, exist_ok=True)
    except FileExistsError:
        raise InputError("is a file, not a folder", path=path) from None
    except OSError as exc:
        raise InputError(f"cannot make the folder: {exc.strerror}", path=path) from None
    return Path(path)


@contextmanager
def atomic_open(path: str | Path, mode: str = "wb", encoding: str | None = None) -> Iterator[IO]:  # type: ignore[type-arg]
    """Open a temporary file that replaces ``path`` only if the block succeeds
    (nothing is left behind on error). A device or pipe (``/dev/null``, a FIFO)
    is written to directly, and a symbolic link's target is replaced, not the
    link (see :func:`destination`). An error of the file (a full disk, say)
    is an :class:`InputError` naming ``path``. A name ending in ``.gz``, ``.bz2`` or
    ``.xz`` (:data:`COMPRESSIONS`) is written compressed (gzip with no date: the same
    content makes the same file)."""
    target = destination(path)
    newline = "" if "b" not in mode else None
    if target.is_dir():
        raise InputError("is a directory", path=path)
    device = target.exists() and not target.is_file()
    module = next((m for _, m, suffix in COMPRESSIONS if target.suffix.lower() == suffix), None)
    opening: dict[str, Any] = {"mode": "wb"} if module else {"mode": mode, "encoding": encoding, "newline": newline}
    with _mapped(path):
        if device:
            fh = open(target, **opening)
        else:
            import tempfile  # here: a process that writes no file (a lookup) does without it

            fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
            fh = os.fdopen(fd, **opening)
    out = _packing(cast(IO[bytes], fh), module, mode, encoding, newline, target.name) if module else fh
    try:
        with _mapped(path, _WRITE_ERRNOS):
            yield out
        with _mapped(path):
            out.close()
            fh.close()
            if not device:
                os.chmod(tmp, _mode(target))
                os.replace(tmp, target)
    except BaseException:
        with suppress(OSError, ValueError):
            if out is not fh:  # ends the compressed stream now, into the file about to go
                out.close()
        with suppress(OSError):
            fh.close()
        if not device:
            Path(tmp).unlink(missing_ok=True)
        raise


def _packing(raw: IO[bytes], module: str, mode: str, encoding: str | None, newline: str | None,
             name: str) -> IO[Any]:
    """A stream writing to ``raw`` what is written to it, compressed by ``module``; closing it
    ends the compressed data and leaves ``raw`` open."""
    import importlib

    if module == "gzip":
        import gzip

        packed = cast(IO[bytes], gzip.GzipFile(filename=name, mode="wb", compresslevel=6, fileobj=raw, mtime=0))
    else:
        packed = cast(IO[bytes], importlib.import_module(module).open(raw, "wb"))
    if "b" in mode:
        return packed
    return io.TextIOWrapper(cast(BinaryIO, packed), encoding=encoding, newline=newline)


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
    """Open an input file for reading bytes, with one clear error if it can't be; a file
    compressed with gzip, bzip2 or xz (:func:`compression`) reads as its content."""
    p = Path(path)
    if p.is_dir():
        raise InputError(f"is a directory, not a {what}", path=p)
    try:
        fh = p.open("rb")
    except FileNotFoundError:
        raise InputError("no such file", path=p) from None
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror}", path=p) from None
    try:
        module = compression(fh.peek(_MAGIC_BYTES)[:_MAGIC_BYTES])
    except OSError as exc:
        fh.close()
        raise InputError(f"cannot read: {exc.strerror}", path=p) from None
    return cast(BinaryIO, Decompressed(fh, module, str(p))) if module else fh


#: Compressed data (its first bytes), the standard module that reads it, the file name's suffix.
COMPRESSIONS: tuple[tuple[bytes, str, str], ...] = (
    (b"\x1f\x8b\x08", "gzip", ".gz"),
    (b"BZh", "bz2", ".bz2"),  # then the block size digit and the block magic (see compression)
    (b"\xfd7zXZ\x00", "lzma", ".xz"),
)
_MAGIC_BYTES = 10
_BZIP2_BLOCK = b"1AY&SY"


def compression(head: bytes) -> str | None:
    """The module (``gzip``, ``bz2``, ``lzma``) that reads data starting with ``head``, or None:
    not compressed (or not in one of :data:`COMPRESSIONS`)."""
    for magic, module, _ in COMPRESSIONS:
        if head.startswith(magic):
            if module == "bz2" and not (head[3:4].isdigit() and head[4:10] == _BZIP2_BLOCK):
                continue
            return module
    return None


def plain_name(path: str | Path) -> Path:
    """``path`` without the suffix of a compressed file (``memory.tmx.gz`` is ``memory.tmx``)."""
    p = Path(path)
    return p.with_suffix("") if p.suffix.lower() in {suffix for *_, suffix in COMPRESSIONS} else p


class Decompressed(io.RawIOBase):
    """The content of compressed data read from ``raw`` by ``module`` (``gzip``, ``bz2``,
    ``lzma``): damaged or cut data is an :class:`InputError` naming ``name``; :meth:`tell`
    counts the compressed bytes read (progress against the file's size)."""

    def __init__(self, raw: IO[bytes], module: str, name: str) -> None:
        import importlib

        super().__init__()
        self._raw, self.name, self._kind = raw, name, module
        self._data: Any = importlib.import_module(module).open(raw, "rb")

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        return int(self._reading(self._data.readinto, buffer))

    def readline(self, size: int | None = -1) -> bytes:
        """A line, from the decompressor's buffer (not a byte at a time, as a raw stream reads one)."""
        return bytes(self._reading(self._data.readline, -1 if size is None else size))

    def _reading(self, read: Callable[[Any], Any], arg: Any) -> Any:
        import lzma
        import zlib

        try:
            return read(arg)
        except EOFError:
            raise InputError(f"{self._kind} data cut short: the file is incomplete", path=self.name) from None
        except (OSError, zlib.error, lzma.LZMAError) as exc:
            raise InputError(f"damaged {self._kind} data: {exc}", path=self.name) from None

    def tell(self) -> int:
        try:
            return self._raw.tell()
        except (OSError, ValueError):
            return 0

    def close(self) -> None:
        if not self.closed:
            try:
                self._data.close()
            finally:
                self._raw.close()
        super().close()


#: How an input read from stdin is named in reports, messages and the store.
STDIN_NAME = "<stdin>"
#: Spooled copies of stdin (their paths) -> the name they stand for (see :func:`spooled`, :func:`shown_names`).
_SPOOLED: dict[str, str] = {}


class Peeked(io.RawIOBase):
    """A stream read once (stdin, a pipe) whose first bytes can be looked at
    before it is read: :meth:`head` reads ahead, and reading gives those bytes
    first, then the rest. :meth:`tell` counts the bytes given (a pipe has no
    position: progress in MB read where the size is unknown). ``ahead``: bytes
    already read from ``raw``, given first; ``name`` None: the stream has none
    (lxml would encode a name as UTF-8, which a file name of other bytes cannot be)."""

    def __init__(self, raw: IO[bytes], name: str | None = STDIN_NAME, ahead: bytes = b"") -> None:
        super().__init__()
        self._raw, self._ahead, self._pos = raw, ahead, 0
        if name is not None:
            self.name = name

    def head(self, size: int = 4096) -> bytes:
        """Up to ``size`` first bytes (fewer at the end of the stream), without consuming them."""
        while len(self._ahead) < size:
            chunk = self._read(size - len(self._ahead))
            if not chunk:
                break
            self._ahead += chunk
        return self._ahead[:size]

    def _read(self, size: int) -> bytes:
        """Up to ``size`` bytes of ``raw``; an error of the stream (stdin open for writing only, say)
        as an :class:`InputError` naming it."""
        try:
            return self._raw.read(size)
        except OSError as exc:
            raise InputError(f"cannot read: {exc.strerror or exc}", path=getattr(self, "name", None)) from None

    def size(self, probe: int = 1 << 20) -> int:
        """The size of the stream: of the file behind it (stdin redirected from a file), else,
        for a pipe, of its bytes if they end within ``probe`` (read ahead); else 0, unknown."""
        known = stream_size(self._raw)
        if known:
            return known
        ahead = self.head(probe)
        return len(ahead) if len(ahead) < probe else 0

    def fileno(self) -> int:
        return self._raw.fileno()

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        if self._ahead:
            n = min(len(buffer), len(self._ahead))
            buffer[:n], self._ahead = self._ahead[:n], self._ahead[n:]
        else:
            data = self._read(len(buffer))
            n = len(data)
            buffer[:n] = data
        self._pos += n
        return n

    def tell(self) -> int:
        return self._pos


def unpacked(stream: Peeked) -> Peeked:
    """``stream`` as its content where it holds compressed data (:func:`compression`): a
    compressed file on stdin reads as a file does (:func:`open_input`)."""
    module = compression(stream.head(_MAGIC_BYTES))
    if module is None:
        return stream
    name = getattr(stream, "name", STDIN_NAME)
    return Peeked(cast(IO[bytes], Decompressed(cast(IO[bytes], stream), module, name)), name)


def stream_size(stream: IO[bytes]) -> int:
    """The size of the file behind ``stream`` (stdin redirected from a file), 0 when unknown (a pipe)."""
    try:
        info = os.fstat(stream.fileno())
    except (AttributeError, OSError, ValueError, io.UnsupportedOperation):
        return 0
    return info.st_size if stat.S_ISREG(info.st_mode) else 0


#: Starts of text with NUL bytes that a reader takes: byte order marks of UTF-16 and UTF-32 (the UTF-32 LE
#: one begins with UTF-16 LE's), and XML in UTF-16 or UTF-32 without one.
_WIDE_STARTS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE, codecs.BOM_UTF32_BE, b"<\0", b"\0<", b"\0\0\0<")


#: How a zip archive starts: a spreadsheet (.xlsx), which a reader takes though it holds NUL bytes.
ZIP_START = b"PK\x03\x04"


def binary(head: bytes) -> bool:
    """Whether a stream that starts with ``head`` is nothing any reader takes: NUL bytes in
    8-bit text (``/dev/zero``, an image), not the 16- or 32-bit text of :data:`_WIDE_STARTS`
    nor a zip archive (:data:`ZIP_START`)."""
    return b"\0" in head and not head.startswith(_WIDE_STARTS) and not head.startswith(ZIP_START)


@contextmanager
def spooled(stream: IO[bytes], name: str = STDIN_NAME) -> Iterator[Path]:
    """``stream`` copied, as it is read, to a file called ``name`` in a private
    temporary folder, for a reader that takes a path (or reads its file twice);
    removed after the block. Its path is :func:`shown_names` as ``name``. An
    empty stream is an :class:`InputError`, and so is one of :func:`binary`
    bytes, before any is copied (an endless one, ``/dev/zero``, would fill the
    disk), and one that cannot be read."""
    import shutil
    import tempfile

    peeked = unpacked(stream if isinstance(stream, Peeked) else Peeked(stream, name))
    head = peeked.head(1 << 16)
    if not head:
        raise InputError("empty input", path=name)
    if binary(head):
        raise InputError("binary file (NUL bytes), not text", path=name)
    folder = Path(tempfile.mkdtemp(prefix="wb-stdin-"))
    path = folder / name
    try:
        with open(path, "wb") as out:
            shutil.copyfileobj(cast(IO[bytes], peeked), out, 1 << 20)
        _SPOOLED[str(path)] = name
        yield path
    except WorkbenchError as exc:  # raised past the block: it names stdin, not the copy
        if isinstance(exc, InputError):
            exc.message = shown_names(exc.message)
            exc.path = shown_names(exc.path) if exc.path is not None else None
        exc.args = tuple(shown_names(a) if isinstance(a, str) else a for a in exc.args)
        raise
    finally:
        _SPOOLED.pop(str(path), None)
        shutil.rmtree(folder, ignore_errors=True)


@contextmanager
def plain_copy(path: str | Path) -> Iterator[Path]:
    """``path`` for a reader that opens it by name itself: the file, or, when it is compressed
    (:func:`compression`), its content copied to a private temporary file (:func:`spooled`,
    named as the file), removed after the block."""
    p = Path(path)
    with open_input(p, "file") as fh:
        if not isinstance(fh, Decompressed):
            fh.close()
            yield p
            return
        with spooled(fh, p.name) as copy:
            _SPOOLED[str(copy)] = str(p)
            yield copy


def shown_names(text: str) -> str:
    """``text`` with the path of each spooled copy of stdin (:func:`spooled`) replaced by its name."""
    for path, name in _SPOOLED.items():
        text = text.replace(path, name)
    return text


@contextmanager
def file_lock(path: str | Path, what: str, timeout: float | None = None) -> Iterator[None]:
    """Hold the lock of file ``path`` (made if need be; a destination, see
    :func:`destination`) for the block, one process at a time. While another
    process holds it, says once that it waits (:data:`log`); after ``timeout``
    seconds (default :data:`WAIT_SECONDS`), a :class:`WorkbenchError`. Without
    ``fcntl`` (not POSIX), no lock."""
    timeout = WAIT_SECONDS if timeout is None else timeout
    try:
        import fcntl
    except ImportError:
        yield
        return
    real = destination(path)
    flags = os.O_RDWR | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)
    try:
        fd = os.open(real, flags, 0o666)
    except OSError as exc:
        raise InputError(f"cannot open the lock file: {exc.strerror}", path=path) from None
    try:
        deadline: float | None = None
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                now = time.monotonic()
                if deadline is None:
                    deadline = now + timeout
                    log.info("waiting for another process using %s…", what)
                if now >= deadline:
                    raise WorkbenchError(f"{what} is in use by another process (waited {timeout:g} s); "
                                         "try again when it is done") from None
                time.sleep(0.05)
        yield
    finally:
        os.close(fd)
