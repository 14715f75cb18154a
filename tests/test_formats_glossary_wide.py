"""Glossaries with a column per language (workbench.formats.glossary_wide): memoQ's CSV
export layout, a spreadsheet saved with semicolons and language names, tags with regions
and three-letter codes (tests/data/glossary/dialects/, written for these tests)."""
from __future__ import annotations

import csv
from pathlib import Path

import pytest
from click.testing import CliRunner

from workbench.cli import cli
from workbench.errors import FormatError
from workbench.formats.glossary_wide import Column, columns
from workbench.formats.issues import ReadLog
from workbench.glossary.store import read_located
from workbench.model import TermStatus
from workbench.text.langtag import language_named

DIALECTS = Path(__file__).parent / "data" / "glossary" / "dialects"


def read(name: str | Path) -> tuple[list, ReadLog]:
    path = name if isinstance(name, Path) else DIALECTS / name
    log = ReadLog(str(path))
    return [e.concept for e in read_located(path, log=log)], log


@pytest.mark.parametrize(("name", "tag"), [
    ("English", "en"), ("Arabic", "ar"), ("Farsi", "fa"), ("Persian", "fa"), ("Dari", "fa-AF"), ("العربية", "ar"),
    ("فارسی", "fa"), ("Anglais", "en"), ("English (United States)", "en-US"), ("Arabic (Egypt)", "ar-EG"),
    ("Chinese (Simplified)", "zh-Hans"),
    ("Remark", None), ("Gender", None), ("English_Def", None), ("Note", None), ("English (Nowhere)", None)])
def test_language_names_are_exact(name: str, tag: str | None) -> None:
    assert language_named(name) == tag


def test_what_each_column_holds() -> None:
    header = ["Entry_ID", "Entry_Domain", "English_Def", "English", "Term_Info", "Term_Example", "ar", "ar note",
              "Client", "Note"]
    assert columns(header) == [Column("", "id"), Column("", "subject_field"), Column("en", "definition"),
                               Column("en", "term"), Column("en", "note"), Column("en", "context"),
                               Column("ar", "term"), Column("ar", "note"), None, Column("", "note")]
    assert columns(["Client", "Comment"]) is None  # no language: not this layout
    assert columns(["English term", "Arabic translation", "Term_Info"]) == [
        Column("en", "term"), Column("ar", "term"), Column("ar", "note")]


def test_memoq_export_layout() -> None:
    concepts, log = read("memoq-export.csv")
    assert [c.id for c in concepts] == ["1", "2", "3"]
    hanoi = concepts[0]
    assert (hanoi.subject_field, hanoi.note) == ("Cybercrime; Law", "Adopted by the General Assembly on 24 December 2024.")
    assert hanoi.definition == "The UN treaty on cybercrime opened for signature in Hanoi."
    en = hanoi.terms[0]
    assert (en.text, en.lang, en.status, en.note) == ("Hanoi Convention", "en", TermStatus.PREFERRED, "short name")
    assert en.context == "Viet Nam hosted the signing of the Hanoi Convention."
    assert [(t.lang, t.text) for t in hanoi.terms[1:]] == [("ar", "اتفاقية هانوي"), ("fa", "کنوانسیون هانوی")]
    assert hanoi.terms[1].context == "وقعت فيتنام على اتفاقية هانوي."
    unodc = concepts[1]
    assert [(t.text, t.status, t.note) for t in unodc.terms_in("en")] == [
        ("UNODC", TermStatus.PREFERRED, "abbreviation"),
        ("United Nations Office on Drugs and Crime", TermStatus.ADMITTED, "")]
    assert [t.text for t in concepts[2].terms_in("ar")] == ["الجريمة السيبرانية", "الجرائم الإلكترونية"]
    assert {i.message for i in log.issues} == {
        "column 'Entry_Created' is not read: neither a language nor a field of a concept or term",
        "column 'Entry_Creator' is not read: neither a language nor a field of a concept or term"}
    # an independent parse: every non-empty cell of a language column is a term
    with (DIALECTS / "memoq-export.csv").open(encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.reader(fh))
    cells = [cell for row in rows[1:] for i, cell in enumerate(row) if rows[0][i] in ("English", "Arabic", "Farsi")]
    assert sorted(t for cell in cells for t in cell.split(";") if t) == sorted(t.text for c in concepts for t in c.terms)


def test_spreadsheet_with_semicolons_names_and_statuses() -> None:
    concepts, log = read("spreadsheet-semicolons.csv")
    assert [c.id for c in concepts] == ["Hanoi-Convention", "UN-Convention-on-Cybercrime", "c-84-numbers"]
    assert concepts[1].terms[0].status is TermStatus.DEPRECATED and concepts[1].note == "a mistranslation of 'against'"
    assert concepts[1].terms[1].status is TermStatus.PREFERRED  # the status column is English's
    assert concepts[2].terms[0].text == "+84 numbers"  # a spreadsheet's guard taken off
    assert ("warning", "column-not-read") in log.counts and log.counts[("skipped", "no-term")] == 1
    assert log.read == 3


def test_tags_with_regions_and_three_letter_codes() -> None:
    concepts, log = read("codes-and-regions.csv")
    org = concepts[0]
    assert [(t.lang, t.text) for t in org.terms] == [("en-US", "organization"), ("en-GB", "organisation"),
                                                     ("ar", "منظمة"), ("fa-IR", "سازمان")]
    assert org.terms[2].note == "used in titles" and org.definition == "A body of people with a purpose."
    assert not log.issues


def test_errors_name_the_line(tmp_path: Path) -> None:
    path = tmp_path / "dup.csv"
    path.write_text("id,en,ar\nc1,one,واحد\nc1,two,اثنان\n", encoding="utf-8")
    with pytest.raises(FormatError, match="concept 'c1' again") as err:
        read(path)
    assert err.value.line == 3
    path.write_text("en,en status\none,maybe\n", encoding="utf-8")
    with pytest.raises(FormatError, match="status 'maybe'"):
        read(path)
    path.write_text("Client,Comment\nx,y\n", encoding="utf-8")
    with pytest.raises(FormatError, match="or a column per language"):
        read(path)


@pytest.mark.parametrize("name", ["memoq-export.csv", "spreadsheet-semicolons.csv", "codes-and-regions.csv"])
def test_import_into_a_project_and_look_up(name: str, tmp_path: Path) -> None:
    runner = CliRunner()
    out = tmp_path / "terms.tbx"
    res = runner.invoke(cli, ["glossary", "import", str(DIALECTS / name), "-o", str(out)])
    assert res.exit_code == 0, res.output
    res = runner.invoke(cli, ["glossary", "lookup", "منظمة" if "codes" in name else "اتفاقية هانوي",
                              "--glossary", str(out)])
    assert res.exit_code == 0 and ("organization" in res.output or "Hanoi Convention" in res.output)


def test_convert_reads_a_semicolon_sheet_to_csv_as_a_glossary(tmp_path: Path) -> None:
    from workbench.convert import plan

    assert plan(DIALECTS / "spreadsheet-semicolons.csv", tmp_path / "g.csv").kind == "glossary"
    assert plan(DIALECTS / "memoq-export.csv", tmp_path / "g.csv").kind == "glossary"
