"""``validate_glossary``: what is wrong in a termbase, with line numbers."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from workbench.errors import FormatError
from workbench.glossary import validate_glossary

DATA = Path(__file__).parent / "data" / "glossary"


def test_problems_with_lines() -> None:
    got = [(p.line, p.severity, p.code) for p in validate_glossary(DATA / "problems.csv")]
    assert got == [
        (2, "error", "no-preferred"),          # c1 has only an admitted ar term
        (4, "error", "no-preferred"),          # c2 en: forbidden only
        (5, "error", "preferred-and-forbidden"),  # cybercrime: preferred in c1, forbidden in c2
        (6, "error", "language-tag"),          # "english"
        (8, "warning", "duplicate-term"),      # same fa term twice in c3
    ]
    messages = [str(p) for p in validate_glossary(DATA / "problems.csv")]
    assert messages[2].endswith("problems.csv:5: error: term 'cybercrime' (en) is preferred in 'c1' and forbidden "
                                "in 'c2' [preferred-and-forbidden]")


def test_duplicate_concepts_in_tbx() -> None:
    (p,) = validate_glossary(DATA / "duplicate-concepts.tbx")
    assert (p.line, p.code) == (8, "duplicate-concept")
    assert "already defined on line 5" in p.message


def test_twin_disagreement(tmp_path: Path) -> None:
    shutil.copy(DATA / "basic-v3.tbx", tmp_path / "g.tbx")
    (tmp_path / "g.csv").write_text("concept,lang,term,status,part_of_speech,note\n"
                                    "c-unodc,en,UNODC,preferred,,\nextra,en,x,preferred,,\n", encoding="utf-8")
    codes = {(p.code, p.message) for p in validate_glossary(tmp_path / "g.tbx")}
    assert ("twin", "concept 'c-unodc' differs from g.tbx") in codes
    assert ("twin", "concept 'c-vienna-hq' is in g.tbx but not here") in codes
    assert ("twin", "concept 'extra' is not in g.tbx") in codes


def test_clean_file() -> None:
    assert validate_glossary(DATA / "bom.csv") == []


def test_concept_id_must_be_an_xml_name(tmp_path: Path) -> None:
    path = tmp_path / "g.csv"
    path.write_text("concept,lang,term,status,part_of_speech,note\n1,en,Hanoi,preferred,,\n", encoding="utf-8")
    (p,) = validate_glossary(path)
    assert (p.line, p.severity, p.code) == (2, "warning", "concept-id")


def test_several_preferred_terms_in_a_language(tmp_path: Path) -> None:
    path = tmp_path / "g.csv"
    path.write_text("concept,lang,term,status,part_of_speech,note\n"
                    "c1,en,cybercrime,preferred,,\nc1,ar,جريمة إلكترونية,preferred,,\n"
                    "c1,ar-EG,جرائم إلكترونية,preferred,,\nc1,en,cyber crime,admitted,,\n", encoding="utf-8")
    (p,) = validate_glossary(path)
    assert (p.line, p.severity, p.code) == (2, "warning", "several-preferred")
    assert p.message == ("concept 'c1' has 2 preferred terms in 'ar' ('جريمة إلكترونية', 'جرائم إلكترونية'): "
                         "keep one preferred and make the others admitted")
    (strict,) = validate_glossary(path, strict=True)
    assert strict.severity == "error" and strict.code == "several-preferred"


def test_a_character_xml_cannot_hold_is_reported_with_its_place(tmp_path: Path) -> None:
    """Issue 12: validate accepted a NUL that import then failed on; both now name its line and column."""
    path = tmp_path / "g.csv"
    path.write_text("concept,lang,term,status,part_of_speech,note\nc1,en,Ha\x00noi,preferred,,\n", encoding="utf-8")
    with pytest.raises(FormatError, match=r"g\.csv:2:3: character U\+0000 in column 3"):
        validate_glossary(path)


def test_language_tags_are_compared_in_canonical_form(tmp_path: Path) -> None:
    path = tmp_path / "g.csv"
    path.write_text("concept,lang,term,status,part_of_speech,note\nc1,EN_us,Hanoi,preferred,,\n"
                    "c1,en-US,Ha Noi,admitted,,\n", encoding="utf-8")
    assert validate_glossary(path) == []
