"""PO through polib: entries to TUs and back, with context, comments and flags."""
from __future__ import annotations

import os
import subprocess
from pathlib import Path

import polib
import pytest
from hypothesis import given
from hypothesis import strategies as st
from tools import needs

from workbench.errors import FormatError, InputError, LanguageTagError
from workbench.formats.issues import ReadLog
from workbench.formats.po import PluralForms, plural_forms, read_po, write_po
from workbench.model import Prop

DATA = Path(__file__).parent / "data" / "tm"
PO = DATA / "po"  # written by GNU gettext: make.sh


def test_read_maps_everything_to_props_and_notes() -> None:
    log = ReadLog("sample")
    tus = list(read_po(DATA / "sample_ar.po", None, None, log, keep_fuzzy=True))
    assert len(tus) == 5 and log.read == 7 and log.skipped == 2  # untranslated, obsolete; a plural gives 2 TUs
    first = tus[0]
    assert [t.lang for t in first.tuvs] == ["en", "ar"]
    assert first.notes[0].text == "Translator comment about the title."
    assert Prop("x-po-msgctxt", "title") in first.props and Prop("x-po-extracted", "Extracted: page title") in first.props
    assert [p.value for p in first.props if p.type == "x-po-reference"] == ["templates/index.html:12", "templates/base.html:3"]
    assert Prop("x-po-flags", "fuzzy, python-format") in tus[1].props and Prop("x-fuzzy", "true") in tus[1].props
    assert Prop("x-po-previous-msgid", "Signed by %d state") in tus[1].props
    plural = tus[2]
    assert plural.variant("ar").text == "وثيقة واحدة"  # type: ignore[union-attr]  # msgstr[1]: n == 1
    assert Prop("x-po-msgid-plural", "%d documents") in plural.props
    assert Prop("x-po-msgstr-0", "لا وثائق") in plural.props and Prop("x-po-msgstr-5", "%d وثيقة") in plural.props
    assert ("skipped", "po-untranslated") in log.counts and ("skipped", "po-obsolete") in log.counts
    assert log.counts[("info", "po-fuzzy-kept")] == 1


def test_round_trip_through_po(tmp_path: Path) -> None:
    tus = list(read_po(DATA / "sample_ar.po", None, None, keep_fuzzy=True))
    out = tmp_path / "out.po"
    assert write_po(out, tus, "en", "ar") == (4, 0)  # the msgid_plural TU is written in its entry
    assert list(read_po(out, None, None, keep_fuzzy=True)) == tus
    entries = polib.pofile(str(out))
    assert entries.metadata["Language"] == "ar" and entries[0].msgctxt == "title"
    assert entries.metadata["Plural-Forms"].startswith("nplurals=6;")
    assert entries[2].msgstr_plural == polib.pofile(str(DATA / "sample_ar.po"))[2].msgstr_plural


def test_msgmerge_fuzzy_and_obsolete_entries_are_skipped_and_reported() -> None:
    log = ReadLog("ar.po")
    tus = list(read_po(PO / "ar.po", "en", None, log))
    assert "Close the window" not in [t.tuvs[0].text for t in tus]  # msgmerge's guess: "أغلق الملف", close the file
    assert log.read == 7 and log.skipped == 3
    assert [(i.kind, i.line) for i in log.issues] == [("po-fuzzy", 20), ("po-untranslated", 47), ("po-obsolete", 51)]
    assert log.issues[0].message == ("fuzzy entry 'Close the window': its translation is unchecked, made for "
                                     "'Close the file' (--keep-fuzzy imports it, marked)")
    assert "obsolete" in log.issues[2].message and "'Print'" in log.issues[2].message


def test_kept_fuzzy_entries_are_marked() -> None:
    log = ReadLog("ar.po", strict=True)  # keeping is what was asked: no error
    close = next(read_po(PO / "ar.po", "en", None, log, keep_fuzzy=True))  # before 'Quit', untranslated
    assert close.tuvs[0].text == "Close the window"
    assert close.tuvs[1].text == "أغلق الملف" and Prop("x-fuzzy", "true") in close.props
    assert [(i.action, i.kind) for i in log.issues] == [("info", "po-fuzzy-kept")]


def test_only_fuzzy_entries_is_an_error_that_says_so(tmp_path: Path) -> None:
    path = tmp_path / "fuzzy.po"
    path.write_text('#, fuzzy\nmsgid "Close the window"\nmsgstr "أغلق الملف"\n', encoding="utf-8")
    with pytest.raises(InputError, match="no translated entry but 1 fuzzy .--keep-fuzzy"):
        list(read_po(path, "en", "ar"))


def test_arabic_plural_forms_pair_msgid_with_the_form_for_one() -> None:
    tus = list(read_po(PO / "ar.po", "en", None))
    one, other = [t for t in tus if t.tuvs[0].text.startswith("%d document")]
    assert (one.tuvs[0].text, one.tuvs[1].text) == ("%d document", "وثيقة واحدة")  # msgstr[1], not msgstr[0] (n == 0)
    assert (other.tuvs[0].text, other.tuvs[1].text) == ("%d documents", "%d وثيقةً")  # msgstr[4]: 11-99 documents
    assert other.props == (Prop("x-po-plural-of", "%d document"),)
    assert [p.type for p in one.props if p.type.startswith("x-po-msgstr-")] == [f"x-po-msgstr-{n}" for n in (0, 2, 3, 4, 5)]
    assert Prop("x-po-plural-forms", polib.pofile(str(PO / "ar.po")).metadata["Plural-Forms"]) in one.props


@pytest.mark.parametrize(("header", "forms"), [
    (polib.pofile(str(PO / "ar.po")).metadata["Plural-Forms"], PluralForms(6, 1, 4)),
    ("nplurals=2; plural=(n != 1);", PluralForms(2, 0, 1)),
    ("nplurals=2; plural=(n > 1);", PluralForms(2, 0, 1)),
    ("nplurals=2; plural=(n==0 || n==1);", PluralForms(2, 1, 0)),  # msginit --locale=fa with CLDR
    ("nplurals=1; plural=0;", PluralForms(1, 0, 0)),
    ("nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);",
     PluralForms(3, 0, 2)),
    ("  nplurals = 2 ;plural=n!=1", PluralForms(2, 0, 1)),
])
def test_plural_forms_are_evaluated(header: str, forms: PluralForms) -> None:
    assert plural_forms(header) == forms


@pytest.mark.parametrize("header", [
    "nplurals=INTEGER; plural=EXPRESSION;",  # msginit's placeholder
    "nplurals=2; plural=__import__('os').system('true');",
    "nplurals=2; plural=n.__class__;",
    "nplurals=2; plural=n%0;",
    "nplurals=2; plural=n+1;",
    "nplurals=2;",
])
def test_bad_plural_forms_are_refused(header: str) -> None:
    with pytest.raises(ValueError):
        plural_forms(header)


@pytest.mark.parametrize("header", ["", '"Plural-Forms: nplurals=INTEGER; plural=EXPRESSION;\\n"\n'])
def test_without_valid_plural_forms_gettexts_default_is_used_and_warned(tmp_path: Path, header: str) -> None:
    path = tmp_path / "p.po"
    path.write_text('msgid ""\nmsgstr ""\n"Language: ar\\n"\n' + header +
                    '\nmsgid "%d file"\nmsgid_plural "%d files"\nmsgstr[0] "ملف"\nmsgstr[1] "ملفات"\n', encoding="utf-8")
    log = ReadLog("p.po")
    one, other = read_po(path, "en", None, log)
    assert (one.tuvs[1].text, other.tuvs[1].text) == ("ملف", "ملفات")
    assert log.counts == {("warning", "po-plural-forms"): 1} and "msgstr[0] for n == 1" in log.issues[0].message
    assert not any(p.type == "x-po-plural-forms" for p in one.props)


def test_a_plural_entry_without_the_forms_used_is_untranslated(tmp_path: Path) -> None:
    path = tmp_path / "p.po"
    path.write_text('msgid ""\nmsgstr ""\n"Plural-Forms: nplurals=6; plural=n==1 ? 1 : 0;\\n"\n\n'
                    'msgid "%d file"\nmsgid_plural "%d files"\nmsgstr[0] "%d ملفات"\nmsgstr[1] ""\n\n'
                    'msgid "Yes"\nmsgstr "نعم"\n', encoding="utf-8")
    log = ReadLog("p.po")
    assert len(list(read_po(path, "en", "ar", log))) == 1
    assert log.issues[0].message == "untranslated entry '%d file' (no msgstr[1])"


@needs("msgfmt", install="apt-get install -y gettext")
def test_exported_po_passes_msgfmt_check(tmp_path: Path) -> None:
    out = tmp_path / "ar.po"
    write_po(out, read_po(PO / "ar.po", "en", None, keep_fuzzy=True), "en", "ar")
    subprocess.run(["msgfmt", "--check", "-o", os.devnull, str(out)], check=True, capture_output=True)
    assert "#, fuzzy" in out.read_text(encoding="utf-8")


HEADERS = [polib.pofile(str(PO / "ar.po")).metadata["Plural-Forms"], "nplurals=2; plural=(n==0 || n==1);",
           "nplurals=1; plural=0;", ("nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && "
                                      "(n%100<10 || n%100>=20) ? 1 : 2);")]
TEXT = st.text(st.characters(blacklist_categories=("Cs", "Cc")), min_size=1).filter(str.strip)


@given(st.sampled_from(HEADERS), st.lists(TEXT, min_size=6, max_size=6), TEXT, TEXT, st.booleans())
def test_plural_entries_round_trip(tmp_path_factory: pytest.TempPathFactory, header: str, strings: list[str],
                                   msgid: str, msgid_plural: str, fuzzy: bool) -> None:
    path = tmp_path_factory.mktemp("po") / "in.po"
    po = polib.POFile(wrapwidth=0)
    po.metadata = {"Language": "ar", "Content-Type": "text/plain; charset=UTF-8", "Plural-Forms": header}
    nplurals = plural_forms(header).nplurals
    po.append(polib.POEntry(msgid=msgid, msgid_plural=msgid_plural, flags=["fuzzy"] if fuzzy else [],
                            msgstr_plural=dict(enumerate(strings[:nplurals]))))
    po.save(str(path))
    tus = list(read_po(path, "en", None, keep_fuzzy=True))
    assert len(tus) == 2 and tus[1].tuvs[0].text == msgid_plural
    out = path.with_name("out.po")
    assert write_po(out, tus, "en", "ar") == (1, 0)
    assert polib.pofile(str(out))[0].msgstr_plural == po[0].msgstr_plural
    assert list(read_po(out, "en", None, keep_fuzzy=True)) == tus


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


_PO_HEAD = 'msgid ""\nmsgstr ""\n"Language: ar\\n"\n"X-Source-Language: en\\n"\n\n'


@pytest.mark.parametrize(("entry", "line", "problem"), [
    ('msgid "abc\nmsgstr "def"\n', 6, "unterminated string"),  # issue 12: read as 'ab'
    ('msgid "abc"\nmsgstr "def\n', 7, "unterminated string"),
    ('msgid "abc\\"\nmsgstr "def"\n', 6, "unterminated string"),  # the last quote is escaped
    ('msgid ""\n"abc\nmsgstr "def"\n', 7, "unterminated string"),  # a continuation line
    ('msgctxt "c\nmsgid "abc"\nmsgstr "def"\n', 6, "unterminated string"),
    ('msgid "a"\nmsgid_plural "b\nmsgstr[0] "x"\nmsgstr[1] "y"\n', 7, "unterminated string"),
    ('msgid "a"\nmsgid_plural "b"\nmsgstr[0] "x\nmsgstr[1] "y"\n', 8, "unterminated string"),
    ('#| msgid "old\nmsgid "abc"\nmsgstr "def"\n', 6, "unterminated string"),
    ('#~ msgid "old\n#~ msgstr "x"\n', 6, "unterminated string"),
    ('msgid abc\nmsgstr "def"\n', 6, "msgid without a quoted string"),  # read as 'b'
    ("msgid \"abc\"\nmsgstr\n", 7, "msgstr without a quoted string"),
    ('msgid "abc" x\nmsgstr "def"\n', 6, "text after the closing quote"),
    ('msgid "abc"\r\nmsgstr "def\r\n', 7, "unterminated string"),
])
def test_an_unterminated_or_unquoted_string_is_an_error_with_its_line(tmp_path: Path, entry: str, line: int,
                                                                        problem: str) -> None:
    path = tmp_path / "bad.po"
    path.write_bytes((_PO_HEAD + entry).encode("utf-8"))
    with pytest.raises(FormatError, match=problem) as caught:
        list(read_po(path, None, None))
    assert caught.value.line == line and str(caught.value).startswith(f"{path}:{line}: not a valid PO file")


def test_polib_syntax_errors_carry_their_line(tmp_path: Path) -> None:
    path = tmp_path / "bad.po"
    path.write_text(_PO_HEAD + 'msgid "abc"\nmsgstr "def"\nbogus\n', encoding="utf-8")
    with pytest.raises(FormatError) as caught:
        list(read_po(path, None, None))
    assert caught.value.line == 8 and "(line" not in str(caught.value)


@pytest.mark.parametrize("entry", ['msgid "a\\\\"\nmsgstr "b\\"c"  \n', '# a "comment\nmsgid "a"\nmsgstr "b"\n',
                                   'msgid\t"a"\nmsgstr "b"\r\n', '#, fuzzy\nmsgid ""\n"a"\nmsgstr "b"\n'])
def test_well_quoted_strings_are_read(tmp_path: Path, entry: str) -> None:
    path = tmp_path / "ok.po"
    path.write_bytes((_PO_HEAD + entry).encode("utf-8"))
    assert len(list(read_po(path, None, None, keep_fuzzy=True))) == 1


@given(st.lists(st.tuples(st.text(st.characters(blacklist_categories=("Cs",)), min_size=1),
                          st.text(st.characters(blacklist_categories=("Cs",)), min_size=1)).filter(
                              lambda p: p[0].strip() and p[1].strip() and "\x00" not in "".join(p)),
                min_size=1, max_size=4, unique_by=lambda p: p[0]))
def test_whatever_polib_writes_passes_the_string_check(tmp_path_factory: pytest.TempPathFactory,
                                                        pairs: list[tuple[str, str]]) -> None:
    """Quotes, backslashes, line ends and control characters in a msgid or msgstr
    are written escaped: the quoting check never refuses what polib writes."""
    path = tmp_path_factory.mktemp("po") / "p.po"
    po = polib.POFile(wrapwidth=0)
    po.metadata = {"Language": "ar", "X-Source-Language": "en", "Content-Type": "text/plain; charset=UTF-8"}
    for src, tgt in pairs:
        po.append(polib.POEntry(msgid=src, msgstr=tgt))
    po.save(str(path))
    assert len(list(read_po(path, None, None))) == len(pairs)


class TestHeader:
    """The header entry of a catalogue made by GNU gettext survives import and export (Plural-Forms,
    Language, the translator's fields and the comment above it), so that ``msgfmt --check`` accepts the output."""

    def test_the_header_is_kept_on_the_first_tu_and_written_back(self, tmp_path: Path) -> None:
        original = polib.pofile(str(PO / "ar.po"))
        tus = list(read_po(PO / "ar.po", "en", None))
        assert [p.type for p in tus[0].props if p.type.startswith("x-po-header")] == ["x-po-header", "x-po-header-comment"]
        assert not any(p.type.startswith("x-po-header") for tu in tus[1:] for p in tu.props)
        out = tmp_path / "out.po"
        write_po(out, tus, "en", "ar")
        written = polib.pofile(str(out))
        assert written.metadata == {**original.metadata, "X-Source-Language": "en"}
        assert written.header == original.header
        assert list(read_po(out, "en", None)) == tus

    def test_the_header_goes_through_tmx_and_a_store(self, tmp_path: Path) -> None:
        from workbench.tm.store import Store
        from workbench.tm.transfer import export_store, import_file

        with Store(tmp_path / "a.db") as a:
            import_file(a, PO / "ar.po", src_lang="en")
            export_store(a, tmp_path / "mid.tmx")
        with Store(tmp_path / "b.db") as b:
            import_file(b, tmp_path / "mid.tmx")
            export_store(b, tmp_path / "back.po", format="po", langs=["en", "ar"])
        back = polib.pofile(str(tmp_path / "back.po"))
        assert back.metadata == {**polib.pofile(str(PO / "ar.po")).metadata, "X-Source-Language": "en"}

    def test_a_header_for_another_language_keeps_its_fields_but_not_its_plurals(self, tmp_path: Path) -> None:
        tus = list(read_po(PO / "ar.po", "en", None))
        out = tmp_path / "en.po"
        write_po(out, tus, "ar", "en")
        meta = polib.pofile(str(out)).metadata
        assert meta["Language"] == "en" and meta["X-Source-Language"] == "ar"
        assert meta["Last-Translator"] == "Workbench Tests <tests@example.org>"
        assert not meta.get("Plural-Forms", "").startswith("nplurals=6")

    def test_a_header_without_language_keeps_its_plural_forms(self, tmp_path: Path) -> None:
        path = tmp_path / "p.po"
        path.write_text('msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n'
                        '"Plural-Forms: nplurals=1; plural=0;\\n"\n\nmsgid "Yes"\nmsgstr "بله"\n', encoding="utf-8")
        out = tmp_path / "out.po"
        write_po(out, read_po(path, "en", "fa"), "en", "fa")
        meta = polib.pofile(str(out)).metadata
        assert meta["Plural-Forms"] == "nplurals=1; plural=0;" and meta["Language"] == "fa"

    def test_a_latin1_header_is_written_as_utf8(self, tmp_path: Path) -> None:
        path = tmp_path / "l1.po"
        path.write_bytes('msgid ""\nmsgstr ""\n"Language: fr\\n"\n"Content-Type: text/plain; charset=ISO-8859-1\\n"\n\n'
                         'msgid "Yes"\nmsgstr "Oui, très"\n'.encode("latin-1"))
        out = tmp_path / "out.po"
        write_po(out, read_po(path, "en", None), "en", "fr")
        assert polib.pofile(str(out)).metadata["Content-Type"] == "text/plain; charset=UTF-8"
        assert "très" in out.read_text(encoding="utf-8")

    @needs("msgfmt", install="apt-get install -y gettext")
    @pytest.mark.parametrize("header", ["", '"Plural-Forms: nplurals=INTEGER; plural=EXPRESSION;\\n"\n'])
    def test_plural_entries_read_without_plural_forms_get_gettexts_default(self, tmp_path: Path, header: str) -> None:
        path = tmp_path / "p.po"
        path.write_text('msgid ""\nmsgstr ""\n"Language: ar\\n"\n"Content-Type: text/plain; charset=UTF-8\\n"\n'
                        + header + '\nmsgid "%d file"\nmsgid_plural "%d files"\nmsgstr[0] "ملف"\nmsgstr[1] "ملفات"\n',
                        encoding="utf-8")
        out = tmp_path / "out.po"
        write_po(out, read_po(path, "en", None), "en", "ar")
        assert polib.pofile(str(out)).metadata["Plural-Forms"] == "nplurals=2; plural=(n != 1);"
        check = subprocess.run(["msgfmt", "--check", "-o", os.devnull, str(out)], capture_output=True, text=True,
                               check=False)
        assert check.returncode == 0, check.stderr

    @needs("msgfmt", install="apt-get install -y gettext")
    def test_msgfmt_check_accepts_the_export_without_a_warning(self, tmp_path: Path) -> None:
        out = tmp_path / "ar.po"
        write_po(out, read_po(PO / "ar.po", "en", None, keep_fuzzy=True), "en", "ar")
        check = subprocess.run(["msgfmt", "--check", "-o", os.devnull, str(out)], capture_output=True, text=True,
                               check=False)
        assert check.returncode == 0 and not check.stderr, check.stderr
