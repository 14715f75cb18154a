"""Decoding documents: encodings, BOMs, line ends, bad bytes."""
from __future__ import annotations

import codecs
import io
from typing import Any
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from workbench.errors import InputError
from workbench.formats.plaintext import BOMS, iter_lines, lines_of, open_document, read_text, sniff_bom


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


#: Every codec that writes a byte order mark, and the BOM-less ones with their mark put in front.
BOM_ENCODINGS = [("utf-8-sig", b""), ("utf-16", b""), ("utf-32", b""), ("utf-16-le", codecs.BOM_UTF16_LE),
                 ("utf-16-be", codecs.BOM_UTF16_BE), ("utf-32-le", codecs.BOM_UTF32_LE),
                 ("utf-32-be", codecs.BOM_UTF32_BE)]


@pytest.mark.parametrize(("encoding", "bom"), BOM_ENCODINGS)
def test_every_bom_names_its_encoding(tmp_path: Path, encoding: str, bom: bytes) -> None:
    """Issue 12: UTF-32 LE was read as UTF-16 (its BOM begins with UTF-16 LE's)."""
    text = "سلام.\nدنیا"
    assert _lines(bom + text.encode(encoding)) == [(1, 0, "سلام."), (2, 6, "دنیا")]
    path = tmp_path / "doc.txt"
    path.write_bytes(bom + text.encode(encoding))
    assert read_text(path) == text


def test_sniff_bom_tries_the_longest_mark_first() -> None:
    assert sniff_bom(codecs.BOM_UTF32_LE + b"a\0\0\0") == ("utf-32-le", 4)
    assert sniff_bom(codecs.BOM_UTF16_LE + b"a\0") == ("utf-16-le", 2)
    assert sniff_bom(b"abc") == ("utf-8", 0)
    marks = [bom for bom, _ in BOMS]
    assert all(not marks[j].startswith(marks[i]) for i in range(len(marks)) for j in range(i + 1, len(marks)))


def test_a_nul_character_is_binary_in_any_encoding() -> None:
    with pytest.raises(InputError, match="binary"):
        _lines("a\x00b".encode("utf-16"))


@given(st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), max_size=40),
       st.sampled_from(BOM_ENCODINGS))
def test_any_text_comes_back_whatever_its_bom(text: str, encoding: tuple[str, bytes]) -> None:
    data = encoding[1] + text.encode(encoding[0])
    assert [(ln.number, ln.offset, ln.text) for ln in iter_lines(io.BytesIO(data))] == \
        [(ln.number, ln.offset, ln.text) for ln in lines_of(text)]


class _Trickle(io.RawIOBase):
    """A raw stream that gives one byte a read, as a slow pipe may."""

    def __init__(self, data: bytes) -> None:
        self.data = data

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        if not self.data:
            return 0
        buffer[0], self.data = self.data[0], self.data[1:]
        return 1


@pytest.mark.parametrize("encoding", ["utf-16", "utf-8-sig", "utf-32"])
def test_byte_order_mark_of_a_stream_giving_a_byte_a_read(encoding: str) -> None:
    text = "جملة أولى.\nسطر آخر.\n"
    lines = [line.text for line in iter_lines(_Trickle(text.encode(encoding)), "<stdin>")]  # type: ignore[arg-type]
    assert lines == ["جملة أولى.", "سطر آخر."]
