"""The tab-separated glossary (source, target, comment): OmegaT's layout, read and written."""
from __future__ import annotations

import io
import tempfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from omegat_util import needs_omegat, omegat_glossary

from workbench.errors import FormatError, InputError
from workbench.formats.glossary_tab import (
    read_glossary_tab,
    tab_lines,
    write_glossary_tab,
)
from workbench.formats.tbx import read_tbx
from workbench.formats.termbase import is_xml_id
from workbench.model import Concept, Term, TermStatus

ROOT = Path(__file__).resolve().parent.parent
GLOSSARY = ROOT / "glossary" / "hanoi-convention.tbx"


def _file(tmp_path: Path, text: str, encoding: str = "utf-8", bom: bytes = b"") -> Path:
    path = tmp_path / "glossary.txt"
    path.write_bytes(bom + text.encode(encoding))
    return path


def test_lines_of_one_source_term_are_one_concept(tmp_path: Path) -> None:
    path = _file(tmp_path, "# OmegaT glossary\n\nاتفاقية هانوي\tHanoi Convention\tshort name\n"
                           "٢٠٢٤ دورة\t2024 session\nاتفاقية هانوي\tthe Hanoi Convention\n")
    hanoi, session = read_glossary_tab(path, "ar", "en-us")
    assert hanoi.concept.id == "اتفاقية-هانوي" and session.concept.id == "c-٢٠٢٤-دورة"
    assert [(t.lang, t.text, t.status.value, t.note) for t in hanoi.concept.terms] == [
        ("ar", "اتفاقية هانوي", "preferred", ""), ("en-US", "Hanoi Convention", "preferred", "short name"),
        ("en-US", "the Hanoi Convention", "admitted", "")]
    assert (hanoi.line, hanoi.term_lines) == (3, (3, 3, 5))
    assert all(is_xml_id(e.concept.id) for e in (hanoi, session))


@pytest.mark.parametrize(("encoding", "bom"), [("utf-8", b"\xef\xbb\xbf"), ("utf-16-le", b"\xff\xfe")])
def test_bom_and_utf16(tmp_path: Path, encoding: str, bom: bytes) -> None:
    (entry,) = read_glossary_tab(_file(tmp_path, "سازمان ملل\tUnited Nations\r\n", encoding, bom), "fa", "en")
    assert [t.text for t in entry.concept.terms] == ["سازمان ملل", "United Nations"]


@pytest.mark.parametrize(("text", "message", "line"), [
    ("only one column\n", "1 column", 1),
    ("a\tb\tc\td\n", "4 column", 1),
    ("a\tb\n\tb\n", "empty source term", 2),
    ("a\t \n", "empty target term", 1),
    ("a\tb\na\tb\n", "again \\(first on line 1\\)", 2),
    ("a\tb\x01\n", "U\\+0001", 1),
    ("# nothing but a comment\n", "no glossary entry", None),
])
def test_bad_lines_are_errors_with_their_line(tmp_path: Path, text: str, message: str, line: int | None) -> None:
    with pytest.raises(FormatError, match=message) as err:
        read_glossary_tab(_file(tmp_path, text), "ar", "en")
    assert err.value.line == line


def test_missing_file_and_bad_encoding(tmp_path: Path) -> None:
    with pytest.raises(InputError):
        read_glossary_tab(tmp_path / "none.txt", "ar", "en")
    with pytest.raises(FormatError, match="not UTF-8"):
        read_glossary_tab(_file(tmp_path, "café\tx\n", "latin-1"), "fr", "en")


def test_written_lines_for_a_pair() -> None:
    concept = Concept("c", (Term("جرائم إلكترونية", "ar", TermStatus.PREFERRED), Term("جرائم سيبرانية", "ar"),
                            Term("cybercrime", "en", TermStatus.PREFERRED, note="one word"),
                            Term("cyber\tcrime", "en", TermStatus.ADMITTED),
                            Term("computer crime", "en-GB", TermStatus.FORBIDDEN),
                            Term("جرم رایانه‌ای", "fa", TermStatus.PREFERRED)), note="UN usage\nsince 2024")
    lines = list(tab_lines([concept], "ar", "en"))
    assert lines == [
        "جرائم إلكترونية\tcybercrime\tone word / UN usage since 2024 / not: computer crime",
        "جرائم سيبرانية\tcybercrime\tone word / UN usage since 2024 / not: computer crime",
        "جرائم إلكترونية\tcyber crime\tUN usage since 2024 / not: computer crime",
        "جرائم سيبرانية\tcyber crime\tUN usage since 2024 / not: computer crime",
    ]
    note = "\tUN usage since 2024"
    assert list(tab_lines([concept], "en", "fa")) == [  # every source term, the forbidden one too
        "cybercrime\tجرم رایانه‌ای" + note, "cyber crime\tجرم رایانه‌ای" + note, "computer crime\tجرم رایانه‌ای" + note]
    assert list(tab_lines([concept], "ar", "de")) == []


def test_the_project_glossary_written_and_read_back(tmp_path: Path) -> None:
    concepts = list(read_tbx(GLOSSARY))
    out = tmp_path / "hanoi.txt"
    n = write_glossary_tab(concepts, out, "ar", "en")
    lines = out.read_text(encoding="utf-8").splitlines()
    assert n == len(lines) > len(concepts)
    pairs = {(line.split("\t")[0], line.split("\t")[1]) for line in lines}
    again = read_glossary_tab(out, "ar", "en")
    assert {(c.concept.terms[0].text, t.text) for c in again for t in c.concept.terms[1:]} == pairs
    unodc = next(c for c in concepts if c.id == "unodc")
    assert (unodc.terms_in("ar")[0].text, unodc.terms_in("en")[0].text) in pairs


_word = st.text(st.characters(blacklist_categories=("Cs", "Cc", "Zl", "Zp"), blacklist_characters="#\t\ufffe\uffff"),
                min_size=1, max_size=12).map(str.strip).filter(bool)


@settings(max_examples=50, deadline=None)
@given(st.dictionaries(_word, st.lists(_word, min_size=1, max_size=3, unique=True), min_size=1, max_size=5))
def test_write_read_keeps_every_pair(entries: dict[str, list[str]]) -> None:
    concepts = [Concept(f"c{i}", (Term(src, "ar", TermStatus.PREFERRED),
                                  *(Term(t, "en", TermStatus.PREFERRED if j == 0 else TermStatus.ADMITTED)
                                    for j, t in enumerate(targets))))
                for i, (src, targets) in enumerate(entries.items())]
    buf = io.BytesIO()
    write_glossary_tab(concepts, buf, "ar", "en")
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "g.txt"
        path.write_bytes(buf.getvalue())
        again = read_glossary_tab(path, "ar", "en")
    assert [[(t.text, t.status) for t in e.concept.terms] for e in again] == [
        [(t.text, t.status) for t in c.terms] for c in concepts]


@needs_omegat
def test_omegat_reads_every_line(tmp_path: Path) -> None:
    """OmegaT 3.6's own reader (GlossaryReaderTSV), in a loaded Arabic-English project, gives each line."""
    out = tmp_path / "hanoi.txt"
    write_glossary_tab(read_tbx(GLOSSARY), out, "ar", "en")
    rows = omegat_glossary(tmp_path, [out])
    assert [row[1:4] for row in rows] == [(line + "\t\t").split("\t")[:3]
                                         for line in out.read_text(encoding="utf-8").splitlines()]
    assert sum(int(row[4]) > 0 for row in rows) > 10  # terms of the article's source segments
