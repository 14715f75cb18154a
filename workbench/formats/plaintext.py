"""Plain-text documents: streaming decode with exact character offsets.

UTF-8 (with or without BOM), and UTF-16 and UTF-32 with BOM are read (the
BOM says which: :func:`sniff_bom`, which every reader that sniffs an
encoding uses); CRLF, LF and CR
line ends are kept in the offsets, so ``document[start:end]`` is exact for
any span reported against the decoded document (the BOM is not part of it).
"""
from __future__ import annotations

import codecs
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, Final

from ..errors import FormatError, InputError
from ..fileio import open_input

_CHUNK = 1 << 16


@dataclass(frozen=True, slots=True)
class Line:
    """A line of a document: 1-based number, offset of its first character,
    its text without the line end."""

    number: int
    offset: int
    text: str


#: Byte order marks and the codecs of the text after them, longest first: the
#: UTF-32 LE mark begins with the UTF-16 LE one.
BOMS: Final = ((codecs.BOM_UTF32_LE, "utf-32-le"), (codecs.BOM_UTF32_BE, "utf-32-be"), (codecs.BOM_UTF8, "utf-8"),
               (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"))


def sniff_bom(head: bytes) -> tuple[str, int]:
    """The encoding named by the byte order mark ``head`` starts with, and the
    mark's length; ``("utf-8", 0)`` without one."""
    for bom, encoding in BOMS:
        if head.startswith(bom):
            return encoding, len(bom)
    return "utf-8", 0


def _chunks(stream: BinaryIO, name: str) -> Iterator[str]:
    head = _head(stream)
    encoding, skip = sniff_bom(head)
    if encoding == "utf-8" and b"\x00" in head:
        raise InputError("binary file (NUL bytes), not text", path=name)
    decoder = codecs.getincrementaldecoder(encoding)("strict")
    consumed = skip
    data = head[skip:]
    while True:
        final = not data
        pending = len(decoder.getstate()[0])
        try:
            text = decoder.decode(data, final=final)
        except UnicodeDecodeError as exc:
            where = consumed - pending + exc.start
            raise InputError(f"invalid {encoding.upper()} at byte offset {where}", path=name) from None
        consumed += len(data)
        if text:
            if "\x00" in text:
                raise InputError("binary file (NUL bytes), not text", path=name)
            yield text
        if final:
            return
        data = stream.read(_CHUNK)


def _head(stream: BinaryIO) -> bytes:
    """The first :data:`_CHUNK` bytes of ``stream`` (fewer at its end), however few a read
    gives (a raw stream, a pipe): the byte-order mark and the NUL check need them all."""
    parts, size = [], 0
    while size < _CHUNK and (part := stream.read(_CHUNK - size)):
        parts.append(part)
        size += len(part)
    return b"".join(parts)


def iter_lines(stream: BinaryIO, name: str = "-") -> Iterator[Line]:
    """Decode ``stream`` and yield its lines, streaming."""
    number, offset, carry = 1, 0, ""
    for chunk in _chunks(stream, name):
        buf = carry + chunk
        start = 0
        while True:
            nl = _next_break(buf, start)
            if nl < 0:
                break
            end = nl
            step = 2 if buf.startswith("\r\n", nl) else 1
            if buf[nl] == "\r" and nl + 1 == len(buf):
                break  # a CR at the chunk's end may be half of CRLF
            yield Line(number, offset + start, buf[start:end])
            number += 1
            start = nl + step
        offset += start
        carry = buf[start:]
    if carry:
        yield Line(number, offset, carry)


def _next_break(buf: str, start: int) -> int:
    n = buf.find("\n", start)
    r = buf.find("\r", start)
    if r < 0:
        return n
    return r if n < 0 else min(n, r)


def open_document(path: str | Path) -> BinaryIO:
    """Open a document for :func:`iter_lines`, with one clear error if it can't be."""
    return open_input(path, "text file")


def read_table_text(path: str | Path, what: str) -> str:
    """A whole small table file (a glossary) decoded by its BOM, UTF-8 without one; a
    :class:`FormatError` with the byte offset where it does not decode."""
    with open_input(path, what) as fh:
        raw = fh.read()
    encoding, skip = sniff_bom(raw)
    try:
        return raw[skip:].decode(encoding)
    except UnicodeDecodeError as exc:
        raise FormatError(f"not {encoding.upper()} (byte offset {skip + exc.start})", path=str(path)) from None


def read_text(path: str | Path) -> str:
    """The whole decoded document (for small files and tests)."""
    with open_document(path) as fh:
        return "".join(_chunks(fh, str(path)))


_LINE = re.compile(r"([^\r\n]*)(\r\n|\r|\n|$)")


def lines_of(text: str) -> Iterator[Line]:
    """The lines of an in-memory document, split exactly as :func:`iter_lines` does."""
    number = 1
    for m in _LINE.finditer(text):
        if m.start() == len(text) and not m.group(1):
            return
        yield Line(number, m.start(), m.group(1))
        number += 1
        if not m.group(2):
            return
