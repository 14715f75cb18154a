"""The glossary CSV layout: read, write, BOM, bad columns and statuses."""
from __future__ import annotations

import csv
import io
import tempfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from workbench.errors import FormatError, InputError
from workbench.formats.glossary_csv import COLUMNS, read_glossary_csv, read_glossary_csv_located, write_glossary_csv
from workbench.model import Concept, Term, TermStatus

DATA = Path(__file__).parent / "data" / "glossary"


def test_read_with_bom_and_status_in_any_case() -> None:
    (hanoi,) = list(read_glossary_csv(DATA / "bom.csv"))
    assert [(t.lang, t.text, t.status) for t in hanoi.terms] == [
        ("en", "Hanoi", TermStatus.PREFERRED), ("ar", "هانوي", TermStatus.PREFERRED), ("fa", "هانوی", TermStatus.PREFERRED)]
    assert hanoi.terms[2].note == "capital, of Viet Nam"


def test_missing_column_and_bad_status_say_where() -> None:
    with pytest.raises(FormatError, match=r"missing-column\.csv:1: missing column\(s\): part_of_speech"):
        list(read_glossary_csv(DATA / "missing-column.csv"))
    with pytest.raises(FormatError, match=r"bad-status\.csv:3:4: bad status 'approved'"):
        list(read_glossary_csv(DATA / "bad-status.csv"))


@pytest.mark.parametrize(("content", "message"), [
    ("", "empty file"),
    ("concept,lang,term,status,part_of_speech,note,colour\n", "unknown column"),
    ("concept,lang,term,status,part_of_speech,note\nc1,en,,preferred,,\n", ":2:3: empty term"),
    ("concept,lang,term,status,part_of_speech,note,definition\nc1,en,a,preferred,,,one\nc1,ar,b,preferred,,,two\n",
     "two different definition values"),
    ("concept,lang,term,status,part_of_speech,note\nc1,en,a,preferred,,,extra\n", "7 cells"),
    ("concept,lang,term,status,part_of_speech,note\nc1,en,a,preferred,,\nc1,ar,\"b\n", ":3: bad CSV: unexpected end"),
    ("concept,lang,term,status,part_of_speech,note\nc1,en,\"a\"b,preferred,,\n", ":2: bad CSV: ',' expected"),
])
def test_bad_csv(tmp_path: Path, content: str, message: str) -> None:
    path = tmp_path / "g.csv"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(FormatError, match=message):
        list(read_glossary_csv(path))


def test_not_utf8_and_missing(tmp_path: Path) -> None:
    path = tmp_path / "latin1.csv"
    path.write_bytes("concept,lang,term,status,part_of_speech,note\nc,fr,été,preferred,,\n".encode("latin-1"))
    with pytest.raises(FormatError, match="not UTF-8"):
        list(read_glossary_csv(path))
    with pytest.raises(InputError, match="no such file"):
        list(read_glossary_csv(tmp_path / "none.csv"))


def test_rows_of_a_concept_may_be_apart_and_are_grouped_by_language(tmp_path: Path) -> None:
    path = tmp_path / "g.csv"
    path.write_text("concept,lang,term,status,part_of_speech,note\n"
                    "c1,en,Hanoi,preferred,,\nc2,en,Vienna,preferred,,\nc1,ar,هانوي,preferred,,\n"
                    "c1,en,Ha Noi,deprecated,,\n", encoding="utf-8")
    located = read_glossary_csv_located(path)
    assert [(t.lang, t.text) for t in located[0].concept.terms] == [("en", "Hanoi"), ("en", "Ha Noi"), ("ar", "هانوي")]
    assert located[0].term_lines == (2, 5, 4)
    assert [e.concept.id for e in located] == ["c1", "c2"]


def test_written_layout() -> None:
    buf = io.StringIO()
    write_glossary_csv([Concept("c1", (Term("Hanoi", "en", TermStatus.PREFERRED, "noun"), Term("هانوي", "ar")),
                                subject_field="geography")], buf)
    lines = buf.getvalue().split("\r\n")
    assert lines[0] == ",".join(COLUMNS)
    assert lines[1] == "c1,en,Hanoi,preferred,noun,,,geography,,,"
    assert lines[2] == "c1,ar,هانوي,admitted,,,,,,,"


#: What XML (so TBX, so the CSV twin) cannot hold is refused: see the test below.
_XML_INVALID = [chr(c) for c in range(0x20) if chr(c) not in "\t\n\r"] + ["\ufffe", "\uffff"]
_text = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters=_XML_INVALID), min_size=1,
                max_size=15).map(str.strip).filter(bool)
_opt = st.one_of(st.just(""), _text)
_terms = st.builds(Term, _text, st.sampled_from(["en", "ar", "fa"]), st.sampled_from(list(TermStatus)), _opt, _opt,
                   _opt)
_concepts = st.builds(Concept, st.from_regex(r"[a-z][a-z0-9-]{0,8}", fullmatch=True),
                      st.lists(_terms, min_size=1, max_size=4).map(tuple), _opt, _opt, _opt, _opt)


@settings(max_examples=60, deadline=None)
@given(st.lists(_concepts, max_size=4, unique_by=lambda c: c.id))
def test_hypothesis_write_read_round_trip(concepts: list[Concept]) -> None:
    buf = io.StringIO()
    write_glossary_csv(concepts, buf)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "g.csv"
        path.write_text(buf.getvalue(), encoding="utf-8", newline="")
        assert list(read_glossary_csv(path)) == concepts


@pytest.mark.parametrize(("sep", "encoding"), [(";", "utf-8-sig"), ("\t", "utf-16"), (",", "utf-16")])
def test_spreadsheet_separators_and_unicode_text(tmp_path: Path, sep: str, encoding: str) -> None:
    rows = [["concept", "lang", "term", "status", "part_of_speech", "note"],
            ["hanoi", "en", "Hanoi", "preferred", "noun", "capital; city"],
            ["hanoi", "ar", "هانوي", "preferred", "noun", ""]]
    path = tmp_path / "g.csv"
    buf = io.StringIO()
    csv.writer(buf, delimiter=sep).writerows(rows)
    path.write_bytes(buf.getvalue().encode(encoding))
    (concept,) = read_glossary_csv(path)
    assert [(t.lang, t.text) for t in concept.terms] == [("en", "Hanoi"), ("ar", "هانوي")]
    assert concept.terms[0].note == "capital; city"


@pytest.mark.parametrize("char", ["\x00", "\x01", "\x08", "\x0b", "\x0c", "\x1f", "\ufffe", "\uffff"])
@pytest.mark.parametrize("row", [0, 1, 2])
def test_a_character_xml_cannot_hold_is_an_error_with_line_and_column(tmp_path: Path, char: str, row: int) -> None:
    """Issue 12: a NUL in a cell was read, and import then failed writing the TBX."""
    rows = [["concept", "lang", "term", "status", "part_of_speech", "note"],
            ["c1", "en", "Hanoi", "preferred", "", ""], ["c1", "ar", "هانوي", "preferred", "", "a note"]]
    column = (row * 2) % 6
    rows[row][column] += char
    path = tmp_path / "g.csv"
    path.write_text("\n".join(",".join(r) for r in rows) + "\n", encoding="utf-8")
    with pytest.raises(FormatError) as caught:
        list(read_glossary_csv(path))
    assert (caught.value.line, caught.value.column) == (row + 1, column + 1)
    assert f"U+{ord(char):04X}" in str(caught.value) and "XML" in str(caught.value)


@pytest.mark.parametrize("encoding", ["utf-16", "utf-32", "utf-8-sig"])
def test_read_in_every_unicode_encoding_with_a_bom(tmp_path: Path, encoding: str) -> None:
    path = tmp_path / "g.csv"
    path.write_bytes("concept,lang,term,status,part_of_speech,note\nhanoi,ar,هانوي,preferred,,\n".encode(encoding))
    (concept,) = read_glossary_csv(path)
    assert concept.terms[0].text == "هانوي"
