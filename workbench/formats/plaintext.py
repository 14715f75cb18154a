"""Plain-text documents: streaming decode with exact character offsets.

UTF-8 (with or without BOM) and UTF-16 with BOM are read; CRLF, LF and CR
line ends are kept in the offsets, so ``document[start:end]`` is exact for
any span reported against the decoded document (the BOM is not part of it).
"""
from __future__ import annotations

import codecs
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from ..errors import InputError
from ..fileio import open_input

_CHUNK = 1 << 16


@dataclass(frozen=True, slots=True)
class Line:
    """A line of a document: 1-based number, offset of its first character,
    its text without the line end."""

    number: int
    offset: int
    text: str


def _sniff(head: bytes) -> tuple[str, int]:
    """Encoding and BOM length from the first bytes."""
    if head.startswith(codecs.BOM_UTF8):
        return "utf-8", 3
    if head.startswith(codecs.BOM_UTF16_LE) or head.startswith(codecs.BOM_UTF16_BE):
        return "utf-16", 0  # the utf-16 codec consumes its BOM
    return "utf-8", 0


def _chunks(stream: BinaryIO, name: str) -> Iterator[str]:
    head = stream.read(_CHUNK)
    encoding, skip = _sniff(head)
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
            if "\x00" in text and encoding == "utf-8":
                raise InputError("binary file (NUL bytes), not text", path=name)
            yield text
        if final:
            return
        data = stream.read(_CHUNK)


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
