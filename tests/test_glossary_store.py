"""Loading and saving glossaries, and the project's own termbase."""
from __future__ import annotations

from pathlib import Path

import pytest
import regex
from hypothesis import given
from hypothesis import strategies as st

from workbench.errors import FormatError, InputError
from workbench.glossary import glossary_format, load_glossary, save_glossary, twin_path, validate_glossary
from workbench.model import Concept, Term, TermStatus, lang_key
from workbench.text.langtag import parse_tag

ROOT = Path(__file__).resolve().parents[1]
DATA = Path(__file__).parent / "data" / "glossary"
PROJECT_TBX = ROOT / "glossary" / "hanoi-convention.tbx"


def test_tbx_and_csv_twin_agree() -> None:
    """CI: the TBX and its CSV twin hold the same concepts, field for field."""
    tbx = load_glossary(PROJECT_TBX)
    csv = load_glossary(twin_path(PROJECT_TBX))
    assert tbx.concepts == csv.concepts
    assert validate_glossary(PROJECT_TBX) == []


def test_project_glossary_has_40_concepts_in_en_ar_fa() -> None:
    g = load_glossary(PROJECT_TBX)
    full = [c for c in g if {lang_key(t.lang) for t in c.terms} >= {"en", "ar", "fa"}]
    assert len(full) >= 40
    for c in g:
        for lang in ("en", "ar", "fa"):
            assert any(t.status is TermStatus.PREFERRED for t in c.terms_in(lang)), (c.id, lang)


def test_variants_have_a_note_saying_why() -> None:
    g = load_glossary(PROJECT_TBX)
    for c in g:
        for t in c.terms:
            if t.status in (TermStatus.DEPRECATED, TermStatus.FORBIDDEN):
                assert t.note, (c.id, t.text)
    giang = g["dang-hoang-giang"]
    assert {t.text: t.status.value for t in giang.terms_in("ar")}["دانج هوانج جيانج"] == "deprecated"
    sa = {t.text: t.status.value for t in g["south-africa"].terms_in("ar")}
    assert sa == {"جنوب أفريقيا": "preferred", "جنوب إفريقيا": "admitted"}


def test_persian_terms_are_written_with_zwnj() -> None:
    g = load_glossary(PROJECT_TBX)
    fa = {t.text for c in g for t in c.terms_in("fa")}
    for word in ("بین\u200cالمللی", "لازم\u200cالاجرا", "چندجانبه\u200cگرایی", "ظرفیت\u200cسازی", "جرم\u200cانگاری"):
        assert any(word in t for t in fa), word
    # closed-up forms the seed has lost its ZWNJ in are not in the termbase
    for closed in ("بینالمللی", "لازمالاجرا", "ظرفیتسازی"):
        assert not any(closed in t for t in fa), closed
    # and Persian terms use Persian yeh and keheh
    assert not any(regex.search("[يك]", t) for t in fa)


def test_load_several_and_duplicates(tmp_path: Path) -> None:
    g = load_glossary(DATA / "basic-v3.tbx", DATA / "basic-v2.tbx", DATA / "bom.csv")
    assert [c.id for c in g] == ["c-unodc", "c-vienna-hq", "t1", "t2", "hanoi"]
    assert "t1" in g and g["t1"].terms[0].text == "extradition"
    assert g.languages == ("en", "ar", "fa")
    with pytest.raises(FormatError, match="duplicate concept id 'c1'"):
        load_glossary(DATA / "duplicate-concepts.tbx")
    with pytest.raises(InputError, match="no such file"):
        load_glossary(tmp_path / "none.tbx")


def test_format_by_name_or_content(tmp_path: Path) -> None:
    assert glossary_format("x.TBX") == "tbx" and glossary_format("x.csv") == "csv"
    odd = tmp_path / "terms.dat"
    odd.write_bytes((DATA / "basic-v2.tbx").read_bytes())
    assert glossary_format(odd) == "tbx"
    assert len(load_glossary(odd)) == 2


def test_save_both_formats(tmp_path: Path) -> None:
    concepts = [Concept("c1", (Term("Hanoi", "en", TermStatus.PREFERRED), Term("هانوی", "fa", TermStatus.FORBIDDEN)))]
    save_glossary(concepts, tmp_path / "g.tbx")
    save_glossary(concepts, tmp_path / "g.csv")
    assert list(load_glossary(tmp_path / "g.tbx")) == list(load_glossary(tmp_path / "g.csv")) == concepts
    with pytest.raises(InputError, match="unknown glossary format"):
        save_glossary(concepts, tmp_path / "g.json", "json")


def test_matcher_is_cached_per_language_and_folds() -> None:
    g = load_glossary(DATA / "basic-v3.tbx")
    assert g.matcher("ar") is g.matcher("ar-EG")
    assert g.matcher("ar") is not g.matcher("ar", folds_off=["hamza"])


def test_library_api_for_wb_build(tmp_path: Path) -> None:
    from workbench.errors import ConfigError
    from workbench.glossary import glossary_files

    assert glossary_files(ROOT / "glossary") == [PROJECT_TBX]
    with pytest.raises(InputError, match="no .tbx or .csv glossary"):
        glossary_files(tmp_path)
    g = load_glossary(*glossary_files(ROOT / "glossary"))
    (rec,) = list(g.matcher("ar", folds_off=["zwnj"]).records("سطر\nدعمت فيتنام", "doc.txt"))
    assert rec == {"file": "doc.txt", "line": 2, "col": 6, "start": 9, "end": 15, "surface": "فيتنام",
                   "concept": "viet-nam", "lang": "ar", "term": "فيتنام", "status": "admitted", "nested": False,
                   "prefix": "", "suffix": "", "folds": []}
    with pytest.raises(ConfigError, match="unknown fold"):
        g.matcher("ar", folds_off=["final_alef"])


_TAGS = st.sampled_from(["ar", "fa", "en", "en-US", "ar-EG", "fa-IR", "zh-Hant-TW", "prs", "iw"])


def _variant(tag: str, data: st.DataObject) -> str:
    """The tag as people write it: any case, ``_`` for ``-``, spaces around."""
    cased = "".join(c.upper() if data.draw(st.booleans()) else c.lower() for c in tag)
    return data.draw(st.sampled_from(["", " "])) + cased.replace("-", data.draw(st.sampled_from(["-", "_"])))


@given(st.lists(_TAGS, min_size=1, max_size=4), st.data())
def test_imported_tags_are_canonical_and_validate(tmp_path_factory: pytest.TempPathFactory, tags: list[str],
                                                  data: st.DataObject) -> None:
    """Issue 12: import wrote tags as given, some of which validate rejected. Read,
    they are in :func:`parse_tag`'s form; written and read again, they stay so and validate."""
    folder = tmp_path_factory.mktemp("g")
    rows = "".join(f"c1,{_variant(tag, data)},term {i},{'preferred' if i == 0 else 'admitted'},,\n"
                   for i, tag in enumerate(tags))
    (folder / "in.csv").write_text("concept,lang,term,status,part_of_speech,note\n" + rows, encoding="utf-8")
    glossary = load_glossary(folder / "in.csv")
    assert [t.lang for t in glossary["c1"].terms] == sorted((parse_tag(t) for t in tags),
                                                           key=[parse_tag(t) for t in tags].index)
    save_glossary(glossary, folder / "out.tbx")
    assert load_glossary(folder / "out.tbx").concepts == glossary.concepts
    assert not [p for p in validate_glossary(folder / "out.tbx", check_twin=False) if p.code == "language-tag"]


def test_a_term_whose_language_is_no_tag_is_refused_on_load() -> None:
    with pytest.raises(FormatError, match=r"problems\.csv:6: bad language tag 'english' in concept 'c2'"):
        load_glossary(DATA / "problems.csv")


def test_a_character_xml_cannot_hold_is_not_saved(tmp_path: Path) -> None:
    concept = Concept("c1", (Term("Ha\x01noi", "en", TermStatus.PREFERRED),))
    for name in ("g.tbx", "g.csv"):
        with pytest.raises(InputError, match=r"concept 'c1': character U\+0001 in 'Ha\\x01noi'"):
            save_glossary([concept], tmp_path / name)
        assert not (tmp_path / name).exists()
