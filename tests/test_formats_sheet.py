"""Spreadsheets (.xlsx) as glossaries and memories (workbench.formats.sheet; tests/data/sheets/,
written by openpyxl: see its README.md)."""
from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from workbench.cli import cli
from workbench.errors import FormatError
from workbench.formats.issues import ReadLog
from workbench.formats.sheet import xlsx_rows
from workbench.glossary.store import glossary_format, read_located
from workbench.model import TermStatus

SHEETS = Path(__file__).parent / "data" / "sheets"


def test_rows_are_text_as_the_sheet_shows_it() -> None:
    rows = list(xlsx_rows(SHEETS / "languages-by-name.xlsx"))
    assert rows[0] == (1, ["English", "Arabic", "Persian", "Definition", "Added"])
    assert rows[1][1][4] == "2025-10-25" and rows[4][1][4] == "27"  # a date, a whole number
    assert rows[3] == (4, ["", "", "", "", ""])
    assert len(rows) == 5  # the second worksheet is not read


def test_a_glossary_sheet_with_a_column_per_language() -> None:
    log = ReadLog("x")
    concepts = [e.concept for e in read_located(SHEETS / "languages-by-name.xlsx", log=log)]
    assert [c.id for c in concepts] == ["Hanoi-Convention", "UNODC", "Article-27"]
    assert concepts[0].definition == "The UN treaty on cybercrime."
    assert [(t.lang, t.text, t.status) for t in concepts[1].terms] == [
        ("en", "UNODC", TermStatus.PREFERRED), ("en", "United Nations Office on Drugs and Crime", TermStatus.ADMITTED),
        ("ar", "مكتب الأمم المتحدة المعني بالمخدرات والجريمة", TermStatus.PREFERRED)]
    assert [i.message for i in log.issues] == [
        "column 'Added' is not read: neither a language nor a field of a concept or term"]


def test_a_glossary_sheet_in_the_workbench_columns() -> None:
    (entry,) = read_located(SHEETS / "workbench-columns.xlsx")
    assert [t.status for t in entry.concept.terms] == [TermStatus.PREFERRED, TermStatus.PREFERRED, TermStatus.DEPRECATED]
    assert entry.concept.terms[1].note == ""  # a formula without a saved value: nothing, never the formula
    assert entry.term_lines == (2, 3, 4)


def test_a_spreadsheet_is_known_by_its_content_too(tmp_path: Path) -> None:
    copy = tmp_path / "terms.bin"
    copy.write_bytes((SHEETS / "languages-by-name.xlsx").read_bytes())
    assert glossary_format(copy) == "xlsx"


@pytest.mark.parametrize(("name", "message"), [
    ("bomb.xlsx", "would unpack to 1029 times its size"),
    ("entities.xlsx", "not a workbook openpyxl can read"),
])
def test_hostile_workbooks_are_refused(name: str, message: str) -> None:
    with pytest.raises(FormatError, match=message):
        list(xlsx_rows(SHEETS / name))


def test_text_named_xlsx_is_one_error(tmp_path: Path) -> None:
    fake = tmp_path / "terms.xlsx"
    fake.write_text("English,Arabic\none,واحد\n", encoding="utf-8")
    res = CliRunner().invoke(cli, ["glossary", "list", "--glossary", str(fake)])
    assert res.exit_code == 2 and "not an .xlsx workbook" in res.output and "Traceback" not in res.output


def test_a_memory_sheet_imports_and_exports(tmp_path: Path) -> None:
    runner = CliRunner()
    store = tmp_path / "m.sqlite"
    res = runner.invoke(cli, ["tm", "import", str(SHEETS / "memory-en-ar.xlsx"), "--store", str(store)])
    assert res.exit_code == 0, res.output
    assert "4 read, 3 stored, 0 merged, 1 skipped" in res.output and "memory-en-ar.xlsx:4: skipped" in res.output
    res = runner.invoke(cli, ["tm", "lookup", "Viet Nam signed the Hanoi Convention", "--src", "en", "--tgt", "ar",
                              "--store", str(store)])
    assert res.exit_code == 0 and "وقعت فيتنام على اتفاقية هانوي." in res.output
    out = tmp_path / "m.tmx"
    assert runner.invoke(cli, ["tm", "export", "-o", str(out), "--store", str(store)]).exit_code == 0
    assert "<note>title</note>" in out.read_text(encoding="utf-8")
    for name in ("bomb.xlsx", "entities.xlsx"):
        res = runner.invoke(cli, ["tm", "import", str(SHEETS / name), "--store", str(store)])
        assert res.exit_code == 2 and len(res.output.strip().splitlines()) == 1


@pytest.mark.parametrize(("name", "out", "kind"), [
    ("memory-en-ar.xlsx", "m.tmx", "memory"), ("memory-en-ar.xlsx", "m.csv", "memory"),
    ("languages-by-name.xlsx", "g.tbx", "glossary"), ("languages-by-name.xlsx", "g.csv", "glossary"),
    ("workbench-columns.xlsx", "g.csv", "glossary"),
])
def test_convert_reads_a_sheet_as_a_memory_or_a_glossary(name: str, out: str, kind: str, tmp_path: Path) -> None:
    """A sheet to CSV is a glossary or a memory as its first row says (three languages: a glossary)."""
    from workbench.convert import plan

    assert plan(SHEETS / name, tmp_path / out).kind == kind
    res = CliRunner().invoke(cli, ["convert", str(SHEETS / name), str(tmp_path / out)])
    assert res.exit_code == 0, res.output
    text = (tmp_path / out).read_text(encoding="utf-8")
    assert ("وقعت فيتنام على اتفاقية هانوي." if name.startswith("memory") else "اتفاقية هانوي") in text


def test_a_sheet_on_stdin_is_known_by_its_content(tmp_path: Path) -> None:
    runner = CliRunner()
    res = runner.invoke(cli, ["tm", "import", "-", "--store", str(tmp_path / "m.sqlite")],
                        input=(SHEETS / "memory-en-ar.xlsx").read_bytes())
    assert res.exit_code == 0 and "<stdin>: 4 read, 3 stored" in res.output, res.output
    res = runner.invoke(cli, ["glossary", "import", "-", "-o", str(tmp_path / "g.tbx")],
                        input=(SHEETS / "languages-by-name.xlsx").read_bytes())
    assert res.exit_code == 0 and "3 concept(s) written" in res.output, res.output
