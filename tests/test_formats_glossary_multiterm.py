"""MultiTerm XML (root ``mtf``, SDL/Trados MultiTerm's export): read through the TBX reader,
fields mapped by name, what does not map kept as note lines, unknown statuses logged."""
from __future__ import annotations

import io
from pathlib import Path

import pytest

from workbench.errors import FormatError
from workbench.formats.issues import ReadLog
from workbench.formats.tbx import read_tbx, read_tbx_located
from workbench.glossary.store import read_located
from workbench.model import TermStatus

FILE = Path(__file__).parent / "data" / "glossary" / "dialects" / "multiterm-export.xml"


def test_fields_map_to_the_concept_and_its_terms() -> None:
    first, second = read_tbx(FILE)
    assert (first.id, second.id) == ("c-12", "c-13")
    assert (first.subject_field, first.definition, first.note) == (
        "criminal law", "The surrender of a person by one State to another.", "Project: Hanoi")
    en, ar, ar_forbidden, fa = first.terms
    assert (en.part_of_speech, en.status, en.context) == ("noun", TermStatus.PREFERRED,
                                                          "States shall consider extradition requests.")
    assert (ar.status, ar.note) == (TermStatus.PREFERRED, "grammaticalGender: masculine")
    assert (ar_forbidden.status, ar_forbidden.note) == (TermStatus.FORBIDDEN, "Means deportation.")
    assert (fa.status, fa.note) == (TermStatus.ADMITTED, "Usage: Needs review")


def test_locale_codes_become_language_tags_and_lines_are_kept() -> None:
    entries = read_located(FILE)
    assert [t.lang for t in entries[0].concept.terms] == ["en-US", "ar-SA", "ar-SA", "fa-IR"]
    assert entries[0].line == 4 and entries[0].term_lines[0] == 22


def test_unknown_status_is_logged() -> None:
    log = ReadLog(str(FILE))
    list(read_tbx_located(FILE, log))
    assert [(i.action, i.kind, i.line) for i in log.issues] == [("warning", "unknown-status", 47)]


@pytest.mark.parametrize(("body", "kind"), [
    (b"<conceptGrp><concept>1</concept><languageGrp><language type='English' lang='EN'/></languageGrp></conceptGrp>",
     "no-term"),
    ((b"<conceptGrp><concept>2</concept><languageGrp><language type='English' lang='EN'/>"
      b"<termGrp><term> </term></termGrp><termGrp><term>x</term></termGrp></languageGrp></conceptGrp>"), "no-term-text"),
])
def test_entries_and_terms_without_text_are_skipped_and_logged(body: bytes, kind: str) -> None:
    log = ReadLog("-")
    list(read_tbx(io.BytesIO(b"<mtf>" + body + b"</mtf>"), log))
    assert [i.kind for i in log.issues] == [kind]


def test_a_namespaced_mtf_is_not_multiterm() -> None:
    with pytest.raises(FormatError, match="not a TBX file: root element is <mtf>"):
        list(read_tbx(io.BytesIO(b'<mtf xmlns="urn:x"><conceptGrp/></mtf>')))
