"""Decoding documents: encodings, BOMs, line ends, bad bytes."""
from __future__ import annotations

import io
from pathlib import Path

import pytest

from workbench.errors import InputError
from workbench.formats.plaintext import iter_lines, lines_of, open_document, read_text


def _lines(data: bytes, chunk: int | None = None) -> list[tuple[int, int, str]]:
    return [(ln.number, ln.offset, ln.text) for ln in iter_lines(io.BytesIO(data), "t")]


def test_crlf_lf_cr_offsets_are_exact() -> None:
    text = "أ.\r\nب\nج\rد"
    got = _lines(text.encode())
    assert got == [(1, 0, "أ."), (2, 4, "ب"), (3, 6, "ج"), (4, 8, "د")]
    for _, off, body in got:
        assert text[off : off + len(body)] == body
    assert [(ln.number, ln.offset, ln.text) for ln in lines_of(text)] == got


def test_boms_are_not_part_of_the_text() -> None:
    text = "سلام.\nدنیا"
    for data in (b"\xef\xbb\xbf" + text.encode(), text.encode("utf-16"), b"\xff\xfe" + text.encode("utf-16-le")):
        assert _lines(data) == [(1, 0, "سلام."), (2, 6, "دنیا")]


def test_empty_input_has_no_lines() -> None:
    assert _lines(b"") == []
    assert _lines(b"\xef\xbb\xbf") == []


def test_invalid_utf8_names_the_byte_offset() -> None:
    data = "صحيح\n".encode() + b"\xff\xfe\x00"[:1] + b"abc"
    with pytest.raises(InputError, match="byte offset 9"):
        _lines(data)


def test_invalid_utf8_across_chunks(tmp_path: Path) -> None:
    data = b"a" * 70000 + b"\xc3"
    with pytest.raises(InputError, match="byte offset 70000"):
        _lines(data)


def test_binary_file_is_refused() -> None:
    with pytest.raises(InputError, match="binary"):
        _lines(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")


def test_missing_file_and_directory(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        open_document(tmp_path / "nope.txt")
    with pytest.raises(InputError, match="directory"):
        open_document(tmp_path)


def test_long_document_streams_in_chunks(tmp_path: Path) -> None:
    line = "جملة عربية طويلة، " * 20 + "\r\n"
    path = tmp_path / "big.txt"
    path.write_bytes((line * 2000).encode())
    text = read_text(path)
    lines = list(iter_lines(path.open("rb"), "big"))
    assert len(lines) == 2000
    for ln in lines[::97]:
        assert text[ln.offset : ln.offset + len(ln.text)] == ln.text
