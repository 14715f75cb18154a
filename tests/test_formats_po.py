"""PO through polib: entries to TUs and back, with context, comments and flags."""
from __future__ import annotations

from pathlib import Path

import polib
import pytest

from workbench.errors import InputError, LanguageTagError
from workbench.formats.issues import ReadLog
from workbench.formats.po import read_po, write_po
from workbench.model import Prop

DATA = Path(__file__).parent / "data" / "tm"


def test_read_maps_everything_to_props_and_notes() -> None:
    log = ReadLog("sample")
    tus = list(read_po(DATA / "sample_ar.po", None, None, log))
    assert len(tus) == 4 and log.read == 6 and log.skipped == 2  # untranslated, obsolete
    first = tus[0]
    assert [t.lang for t in first.tuvs] == ["en", "ar"]
    assert first.notes[0].text == "Translator comment about the title."
    assert Prop("x-po-msgctxt", "title") in first.props and Prop("x-po-extracted", "Extracted: page title") in first.props
    assert [p.value for p in first.props if p.type == "x-po-reference"] == ["templates/index.html:12", "templates/base.html:3"]
    assert Prop("x-po-flags", "fuzzy, python-format") in tus[1].props
    assert Prop("x-po-previous-msgid", "Signed by %d state") in tus[1].props
    plural = tus[2]
    assert plural.variant("ar").text == "لا وثائق"  # type: ignore[union-attr]
    assert Prop("x-po-msgid-plural", "%d documents") in plural.props
    assert Prop("x-po-msgstr-5", "%d وثيقة") in plural.props
    assert ("skipped", "po-untranslated") in log.counts and ("skipped", "po-obsolete") in log.counts


def test_round_trip_through_po(tmp_path: Path) -> None:
    tus = list(read_po(DATA / "sample_ar.po", None, None))
    out = tmp_path / "out.po"
    assert write_po(out, tus, "en", "ar") == (4, 0)
    assert list(read_po(out, None, None)) == tus
    entries = polib.pofile(str(out))
    assert entries.metadata["Language"] == "ar" and entries[0].msgctxt == "title"


def test_translate_toolkit_csv2po_output() -> None:
    tus = list(read_po(DATA / "ttk_csv2po.po", "en", "ar"))
    assert [tu.variant("ar").text for tu in tus] == ["ملف", "تحرير ثم حفظ", 'قالت "مرحبا"']  # type: ignore[union-attr]
    assert tus[0].props == (Prop("x-po-extracted", "extracted from sample.csv"),) or tus[0].props[0].type == "x-po-reference"


def test_po_without_msgstr_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "empty.po"
    path.write_text('msgid "Hello"\nmsgstr ""\n\nmsgid "Bye"\nmsgstr ""\n', encoding="utf-8")
    with pytest.raises(InputError, match="no translated entry"):
        list(read_po(path, "en", "ar"))


def test_languages_are_needed_and_checked(tmp_path: Path) -> None:
    path = tmp_path / "nolang.po"
    path.write_text('msgid "Hello"\nmsgstr "مرحبا"\n', encoding="utf-8")
    with pytest.raises(InputError, match="--src-lang"):
        list(read_po(path, None, "ar"))
    with pytest.raises(LanguageTagError):
        list(read_po(path, "english please", "ar"))


def test_duplicate_msgid_is_dropped_on_export(tmp_path: Path) -> None:
    tus = list(read_po(DATA / "ttk_csv2po.po", "en", "ar"))
    assert write_po(tmp_path / "d.po", tus + tus[:1], "en", "ar") == (3, 1)
