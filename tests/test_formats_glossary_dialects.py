"""Termbases as real tools write them (tests/data/glossary/dialects/, written from each
format's specification and each tool's documented output: see its README.md): every term
is read, with its language, status, type and notes, checked against an independent parse;
an import written as TBX v3, TBX v2 or CSV reads back the same; what cannot be kept as it
is (a definition per language, an unknown status, an entry without id or terms) is logged
and shown, and is an error with --strict."""
from __future__ import annotations

import io
from pathlib import Path

import pytest
from click.testing import CliRunner
from lxml import etree

from workbench.cli import cli
from workbench.formats.issues import ReadLog
from workbench.formats.tbx import read_tbx, write_tbx
from workbench.formats.termbase import status_of
from workbench.formats.xmlguard import PARSE_OPTIONS
from workbench.glossary.exchange import import_glossary
from workbench.glossary.store import read_located, save_glossary
from workbench.glossary.validate import validate_glossary
from workbench.model import TermStatus

DIALECTS = Path(__file__).parent / "data" / "glossary" / "dialects"
FILES = sorted(p.name for p in DIALECTS.iterdir() if p.suffix in (".tbx", ".xml"))


def terms_in(path: Path) -> list[str]:
    """The text of every non-blank ``<term>`` element, read with plain lxml."""
    root = etree.parse(str(path), etree.XMLParser(**PARSE_OPTIONS)).getroot()
    found = ("".join(t.itertext()).strip() for t in root.iter("{*}term", "term"))
    return [t for t in found if t]


def issues(name: str) -> list[tuple[str, str]]:
    log = ReadLog(name)
    list(read_tbx(DIALECTS / name, log))
    return [(i.action, i.kind) for i in log.issues]


@pytest.mark.parametrize("name", FILES)
def test_every_term_is_read(name: str) -> None:
    concepts = list(read_tbx(DIALECTS / name))
    assert sorted(t.text for c in concepts for t in c.terms) == sorted(terms_in(DIALECTS / name))


@pytest.mark.parametrize("name", FILES)
@pytest.mark.parametrize("fmt", ["tbx", "tbx-v2", "csv"])
def test_import_then_export_reads_back_the_same(name: str, fmt: str, tmp_path: Path) -> None:
    imported = import_glossary(DIALECTS / name).concepts
    out = tmp_path / f"out.{'csv' if fmt == 'csv' else 'tbx'}"
    save_glossary(imported, out, fmt=fmt)
    log = ReadLog(str(out))
    assert tuple(e.concept for e in read_located(out, log=log)) == imported
    assert not log.issues


class TestIate:
    def test_term_type_and_reliability_are_kept(self) -> None:
        concepts = list(read_tbx(DIALECTS / "iate-export.tbx"))
        unodc = concepts[1].terms[1]
        assert (unodc.text, unodc.note) == ("UNODC", "termType: abbreviation\nreliabilityCode: 4")
        assert concepts[0].terms[1].status is TermStatus.DEPRECATED
        assert concepts[0].subject_field == "criminal law"
        assert [t.lang for t in concepts[0].terms] == ["en", "en", "fr", "ga"]

    def test_term_type_is_written_back_as_a_term_note(self) -> None:
        buf = io.BytesIO()
        write_tbx(read_tbx(DIALECTS / "iate-export.tbx"), buf)
        text = buf.getvalue().decode()
        assert '<termNote type="termType">abbreviation</termNote>' in text
        assert "<note>reliabilityCode: 4</note>" in text and "termType:" not in text


def test_microsoft_terminology_keeps_its_language_level_definitions() -> None:
    concepts = list(read_tbx(DIALECTS / "ms-terminology.tbx"))
    assert concepts[0].definition == "A copy of a file or of data kept in case the original is lost or damaged."
    assert [(t.text, t.lang, t.part_of_speech) for t in concepts[1].terms] == [("save", "en-US", "Verb"),
                                                                               ("حفظ", "ar-SA", "Verb")]
    assert issues("ms-terminology.tbx") == []


def test_tbx_basic_every_category_at_every_level() -> None:
    (c,) = read_tbx(DIALECTS / "tbx-basic-v2-full.tbx")
    definition = "The surrender of a person by one State to another for prosecution or punishment."
    assert (c.definition, c.source) == (definition, "Convention, article 37")
    assert c.note.splitlines() == [
        "customerSubset: UNODC", "projectSubset: Hanoi", "Entry checked against the convention text.",
        "definition (ar): تسليم دولة شخصا إلى دولة أخرى لمحاكمته أو معاقبته.",
        "note (fa): Persian usage follows the Iranian Penal Code."]
    en = c.terms[0]
    assert en.context == "Each State Party shall consider extradition requests promptly."
    assert en.note.splitlines() == ["termType: fullForm", "grammaticalGender: neuter", "geographicalUsage: en-GB",
                                    "termLocation: textBody", "source: Convention, article 37(3)",
                                    "source: UNODC terminology unit", "Used in treaties."]
    assert issues("tbx-basic-v2-full.tbx") == [("warning", "definition-per-language")]


def test_tbx_v3_language_sections_and_term_note_groups() -> None:
    (c,) = read_tbx(DIALECTS / "tbx-v3-basic-langsec.tbx")
    assert (c.definition, c.source) == ("Crime committed by means of computer systems.", "UNODC glossary")
    assert c.note.startswith("definition (fa): ")
    assert [(t.text, t.status, t.note) for t in c.terms[1:]] == [
        ("جرم سایبری", TermStatus.PREFERRED, "Most common in the press."),
        ("جرم رایانه\u200cای", TermStatus.ADMITTED, "")]


def test_category_names_in_other_cases_and_term_level_definitions() -> None:
    (c,) = read_tbx(DIALECTS / "field-names-and-levels.tbx")
    assert (c.subject_field, c.definition) == ("treaty law", "The act by which a State consents to be bound by a treaty.")
    en = c.terms[0]
    assert (en.part_of_speech, en.status, en.context, en.note) == (
        "noun", TermStatus.PREFERRED, "Ratification requires a vote of parliament.", "")
    assert c.note.startswith("definition (fa): ")


def test_tbx_min_statuses_and_usage_status() -> None:
    (c,) = read_tbx(DIALECTS / "tbx-v3-min.tbx")
    assert [t.status for t in c.terms] == [TermStatus.PREFERRED, TermStatus.ADMITTED, TermStatus.DEPRECATED,
                                           TermStatus.PREFERRED, TermStatus.DEPRECATED]


class TestStatusesIdsAndEmptyEntries:
    def test_statuses_of_the_default_dialect_and_plain_words(self) -> None:
        first = next(read_tbx(DIALECTS / "tbx-default-statuses.tbx"))
        assert [t.status.value for t in first.terms] == ["preferred", "admitted", "admitted", "deprecated",
                                                         "forbidden", "deprecated", "preferred", "admitted"]
        assert first.terms[-1].note == "administrativeStatus: someToolsOwnValue"

    @pytest.mark.parametrize(("word", "status"), [
        ("preferredTerm-admn-sts", "preferred"), ("standardizedTerm-admn-sts", "preferred"),
        ("admittedTerm", "admitted"), ("regulatedTerm-admn-sts", "admitted"), ("supersededTerm-admn-sts", "deprecated"),
        ("notRecommended", "deprecated"), ("obsolete", "deprecated"), ("Do not use", "forbidden"),
        ("forbidden", "forbidden"), ("needs review", None), ("term", None)])
    def test_status_words(self, word: str, status: str | None) -> None:
        found = status_of(word)
        assert (found.value if found else None) == status

    def test_entries_without_id_or_terms(self) -> None:
        concepts = list(read_tbx(DIALECTS / "tbx-default-statuses.tbx"))
        assert [c.id for c in concepts] == ["Member-State", "Member-State-2", "blank-term"]
        assert issues("tbx-default-statuses.tbx") == [
            ("warning", "unknown-status"), ("repaired", "concept-id"), ("repaired", "concept-id"),
            ("skipped", "no-term"), ("skipped", "no-term-text")]

    def test_import_shows_what_was_done_and_strict_refuses(self, tmp_path: Path) -> None:
        runner = CliRunner()
        res = runner.invoke(cli, ["glossary", "import", str(DIALECTS / "tbx-default-statuses.tbx"),
                                  "-o", str(tmp_path / "out.tbx")])
        assert res.exit_code == 0, res.output
        assert "wb: warning: line 26: skipped: concept 'empty-entry' has no term" in res.stderr
        assert "wb: warning: line 8: repaired: entry without an id: named 'Member-State'" in res.stderr
        res = runner.invoke(cli, ["glossary", "import", "--strict", str(DIALECTS / "tbx-default-statuses.tbx"),
                                  "-o", str(tmp_path / "strict.tbx")])
        assert res.exit_code == 2 and len(res.stderr.strip().splitlines()) == 1
        assert "unknown administrativeStatus 'someToolsOwnValue'" in res.stderr
        assert not (tmp_path / "strict.tbx").exists()

    def test_validate_lists_them_as_warnings(self) -> None:
        found = {(p.severity, p.code, p.line) for p in validate_glossary(DIALECTS / "tbx-default-statuses.tbx")}
        assert {("warning", "no-term", 26), ("warning", "unknown-status", 19),
                ("warning", "concept-id", 8)} <= found


@pytest.mark.parametrize("name", ["language-codes-utf16.tbx", "latin1-declared.tbx"])
def test_encodings_and_language_codes(name: str) -> None:
    (entry,) = read_located(DIALECTS / name)
    langs = [t.lang for t in entry.concept.terms]
    assert langs in (["ar-SA", "en-US", "fa-IR", "ar"], ["fr", "en"])
    assert entry.concept.terms[0].text in ("محكمة", "sécurité")


def test_a_language_section_without_a_language_is_skipped_and_logged() -> None:
    log = ReadLog("-")
    data = (b'<martif type="TBX"><text><body><termEntry id="a"><langSet><tig><term>x</term></tig></langSet>'
            b'<langSet xml:lang="en"><tig><term>y</term></tig></langSet></termEntry></body></text></martif>')
    (c,) = read_tbx(io.BytesIO(data), log)
    assert [t.text for t in c.terms] == ["y"]
    assert [(i.action, i.kind) for i in log.issues] == [("skipped", "no-language")]


def test_multiterm_xml_by_content_in_convert(tmp_path: Path) -> None:
    out = tmp_path / "terms.tbx"
    res = CliRunner().invoke(cli, ["convert", str(DIALECTS / "multiterm-export.xml"), str(out)])
    assert res.exit_code == 0, res.output
    assert "line 47: unknown Usage 'Needs review' in entry 12: read as admitted" in res.stderr
    assert [c.id for c in read_tbx(out)] == ["c-12", "c-13"]
