"""Concept ids TBX can carry and language tags, for glossaries from other tools (workbench.glossary.ids, .exchange)."""
from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from lxml import etree

from workbench.errors import InputError
from workbench.formats.termbase import is_xml_id, make_id
from workbench.glossary.exchange import export_glossary, import_glossary
from workbench.glossary.ids import (
    LanguageUse,
    bad_ids,
    fix_ids,
    language_report,
    parse_language_map,
)
from workbench.glossary.store import read_located
from workbench.model import Concept, Term

PEERS = Path(__file__).parent / "data" / "glossary" / "peers"
CSV2TBX = PEERS / "csv2tbx.tbx"  # translate-toolkit's csv2tbx: make.sh


@pytest.mark.parametrize(("text", "valid"), [
    ("un-convention", True), ("c1", True), ("_x", True), ("اتفاقية-هانوي", True), ("آژانس\u200cهای", True),
    ("a b", False), ("2024", False), ("٢٠٢٤", False), ("a:b", False), ("-a", False), ("", False), ("{a}b", False)])
def test_is_xml_id(text: str, valid: bool) -> None:
    assert is_xml_id(text) is valid


@given(st.text(max_size=30), st.sets(st.text(max_size=8), max_size=3))
def test_a_made_id_is_an_xml_id_not_taken(text: str, taken: set[str]) -> None:
    cid = make_id(text, taken)
    assert is_xml_id(cid) and cid not in taken
    etree.fromstring(f'<e id="x"><{cid}/></e>'.encode())  # an XML name indeed


def test_ids_that_are_not_xml_names_or_come_twice_are_renamed() -> None:
    concepts = [Concept(cid, (Term("x", "en"),)) for cid in ("Hanoi Convention", "ok", "2024 session", "ok",
                                                             "Hanoi-Convention")]
    assert bad_ids(concepts) == ["Hanoi Convention", "2024 session", "ok"]
    fixed, renamed = fix_ids(concepts)
    assert [c.id for c in fixed] == ["Hanoi-Convention-2", "ok", "c-2024-session", "ok-2", "Hanoi-Convention"]
    assert renamed == [("Hanoi Convention", "Hanoi-Convention-2"), ("2024 session", "c-2024-session"), ("ok", "ok-2")]
    assert fix_ids(fixed) == (fixed, [])


def test_language_map_and_report() -> None:
    assert parse_language_map(["xx=ar", "yy=FA_ir,zz=en"]) == {"xx": "ar", "yy": "fa-IR", "zz": "en"}
    for bad in (["xx"], ["xx=klingon please"], ["=ar"]):
        with pytest.raises(ValueError):
            parse_language_map(bad)
    entries = read_located(CSV2TBX)
    bad, odd = language_report(entries)
    assert bad == {"xx": LanguageUse(5, 15, "United Nations Convention against Cybercrime")} and odd == {}


def test_a_csv2tbx_file_needs_its_language_named() -> None:
    with pytest.raises(InputError, match=r"bad language tag 'xx' \(5 terms, first in concept 'United Nations "
                                         r"Convention against Cybercrime'\): say which language it is, e.g. "
                                         r"--lang-map xx=ar") as err:
        import_glossary(CSV2TBX)
    assert err.value.line == 15
    result = import_glossary(CSV2TBX, lang_map={"xx": "ar"})
    assert [c.id for c in result.concepts] == ["United-Nations-Convention-against-Cybercrime", "Hanoi-Convention",
                                               "c-2024-session", "Deputy-Minister-Dang-Hoang-Giang",
                                               "Hanoi-Convention-2"]
    assert len(result.renamed) == 5 and not result.warnings
    assert {t.lang for c in result.concepts for t in c.terms} == {"en", "ar"}
    with pytest.raises(InputError, match="4 concept id"):  # one of them twice
        import_glossary(CSV2TBX, lang_map={"xx": "ar"}, strict=True)


def test_a_tag_that_names_no_language_is_a_warning(tmp_path: Path) -> None:
    path = tmp_path / "g.csv"
    path.write_text("concept,lang,term,status,part_of_speech,note\nc1,en,UN,preferred,,\nc1,mul,ONU,preferred,,\n",
                    encoding="utf-8")
    result = import_glossary(path)
    assert len(result.warnings) == 1 and "'mul' (1 term, first in concept 'c1') names no language" in result.warnings[0]
    with pytest.raises(InputError, match="names no language"):
        import_glossary(path, strict=True)


def test_export_renames_ids_for_tbx_only() -> None:
    concepts = [Concept("a b", (Term("x", "en"),))]
    assert export_glossary(concepts, "csv").concepts == tuple(concepts)
    for fmt in ("tbx", "tbx-v2"):
        assert export_glossary(concepts, fmt).renamed == (("a b", "a-b"),)
        with pytest.raises(InputError, match="not XML names"):
            export_glossary(concepts, fmt, strict=True)
