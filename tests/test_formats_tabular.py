"""TSV and CSV two-column bitext."""
from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from workbench.errors import InputError
from workbench.formats.issues import ReadLog
from workbench.formats.tabular import Columns, header_of, read_tabular, write_tabular
from workbench.model import FUZZY_PROP, TU, TUV, Note, Prop
from workbench.tm import IMPORT_FORMATS, Store, import_file

DATA = Path(__file__).parent / "data" / "tm"
SHEETS = Path(__file__).parent / "data" / "sheets"

TRICKY = [("نص\tمع\nفواصل \\ هنا", "text\twith\nbreaks \\ here"), ('"اقتباس", فاصلة', '"quote", comma'),
          ("آژانس‌های ٢٠٢٤ 😀", "agencies 2024 😀")]


def tus() -> list[TU]:
    return [TU((TUV.plain("ar", a), TUV.plain("en", b)), (("srclang", "ar"),)) for a, b in TRICKY]


@pytest.mark.parametrize("dialect", ["tsv", "csv"])
def test_round_trip_keeps_any_text(tmp_path: Path, dialect: str) -> None:
    path = tmp_path / f"pairs.{dialect}"
    assert write_tabular(path, tus(), "ar", "en", dialect=dialect) == 3  # type: ignore[arg-type]
    assert list(read_tabular(path, None, None)) == tus()


def test_header_row_or_options_name_the_languages(tmp_path: Path) -> None:
    path = tmp_path / "p.tsv"
    path.write_text("one\tواحد\ntwo\tاثنان\n", encoding="utf-8")
    with pytest.raises(InputError, match="--src-lang"):
        list(read_tabular(path, None, None))
    got = list(read_tabular(path, "en", "ar"))
    assert [t.lang for t in got[0].tuvs] == ["en", "ar"] and len(got) == 2


def test_bad_rows_are_skipped_and_reported(tmp_path: Path) -> None:
    path = tmp_path / "p.tsv"
    path.write_text("en\tar\none\tواحد\nlonely\n\tفارغ\nthree\tثلاثة\textra\n", encoding="utf-8-sig")
    log = ReadLog(str(path))
    got = list(read_tabular(path, None, None, log))
    assert len(got) == 1 and log.read == 4 and log.skipped == 3
    assert [(i.action, i.line) for i in log.issues] == [("info", 1), ("skipped", 3), ("skipped", 4), ("skipped", 5)]


@pytest.mark.parametrize(("content", "says"), [
    ('en,ar\nHello,"مرحبا\nworld', ":3: malformed CSV: unexpected end of data"),  # cut short in a quote
    ('en,ar\n"Hello"there,x\n', ":2: malformed CSV: ',' expected"),
])
def test_a_csv_cut_short_or_broken_in_its_quotes_is_an_error(tmp_path: Path, content: str, says: str) -> None:
    path = tmp_path / "cut.csv"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(InputError, match=says):
        list(read_tabular(path, None, None))


def test_a_header_of_column_names_is_no_tu() -> None:
    log = ReadLog("header_words.tsv", strict=True)  # a header is info, never an error
    got = list(read_tabular(DATA / "header_words.tsv", "en", "ar", log))
    assert [t.tuvs[0].text for t in got] == ["Close the window", "Save the document"]
    assert log.read == 2 and log.counts == {("info", "header"): 1} and log.issues[0].line == 1
    assert "'source | target' read as a header (detected; --no-header reads it as data)" in log.issues[0].message
    with pytest.raises(InputError, match="--src-lang"):  # column names name no language
        list(read_tabular(DATA / "header_words.tsv", None, None))


def test_a_header_of_language_tags_names_the_columns() -> None:
    got = list(read_tabular(DATA / "header_langs.csv", None, None))
    assert [[(v.lang, v.text) for v in t.tuvs] for t in got][1] == [
        ("ar", "احفظ الوثيقة، ثم أغلقها"), ("en", "Save the document, then close it")]
    assert len(got) == 2
    regional = list(read_tabular(DATA / "header_langs.csv", "ar-SA", "en-GB"))  # same languages: the options'
    assert [v.lang for v in regional[0].tuvs] == ["ar-SA", "en-GB"]
    with pytest.raises(InputError, match="header row names 'ar' where --src-lang says 'en'.*--no-header"):
        list(read_tabular(DATA / "header_langs.csv", "en", "ar"))


@pytest.mark.parametrize(("row", "names"), [
    (["en", "ar"], ("en", "ar")), (["AR_sa", "EN"], ("ar-SA", "en")), (["ckb", "fa"], ("ckb", "fa")),
    (["Source", "Target"], (None, None)), (["SRC", "tgt"], (None, None)), (["source_text", "Translation"], (None, None)),
    (["en", "translation"], ("en", None)),
    (["one", "واحد"], None), (["art", "art"], None), (["und", "en"], None), (["qaa", "en"], None),
    (["x-private", "en"], None), (["en", "ar", "fa"], None), (["en"], None), (["", "ar"], None),
    (["location", "source", "target"], (None, None)), (["id", "en", "ar"], ("en", "ar")),
    (["Key", "Source", "Target", "Status"], (None, None)), (["one", "two", "three"], None),
    (["source", "source", "target"], None), (["source", "en", "target"], None), (["id", "en", "en"], None),
    # a spreadsheet's sheet names its columns by language: in English, in the language itself, with a region
    (["English", "Arabic"], ("en", "ar")), (["العربية", "English (United States)"], ("ar", "en-US")),
    (["Farsi", "English"], ("fa", "en")), (["Remark", "English"], None), (["Hello there", "مرحبا"], None),
])
def test_header_of(row: list[str], names: tuple[str | None, str | None] | None) -> None:
    head = header_of(row)
    assert (head and head.languages) == names


def test_a_header_of_more_columns_says_where_the_pair_is() -> None:
    assert header_of(["location", "source", "target", "context", "fuzzy", "translator_comments"]) == Columns(
        1, 2, None, None, ((0, "x-po-reference"), (3, "x-po-msgctxt"), (4, "fuzzy"), (5, "note")), 6)
    assert header_of(["Target", "ID", "Source"]) == Columns(2, 0, width=3)
    assert header_of(["id", "ar", "en"]) == Columns(1, 2, "ar", "en", width=3)


@pytest.mark.parametrize("name", ["ttk_po2csv.csv", "ttk_po2csv_columns.csv"])
def test_translate_toolkit_csv_keeps_what_the_po_had(name: str) -> None:
    """po2csv's columns (tests/data/tm/peers/make.sh): the pair, its locations as PO references, its context."""
    log = ReadLog(name)
    got = list(read_tabular(DATA / name, "en", "ar", log))
    assert [[v.text for v in t.tuvs] for t in got] == [
        ["Hanoi Convention", "اتفاقية هانوي"],
        ["The Convention opens for signature in Hanoi.", "تُفتح الاتفاقية للتوقيع في هانوي."],
        ["Sixty-five States signed it on 25 October 2025.",
         "ووقعت عليها خمس وستون دولة في 25 تشرين الأول/أكتوبر 2025."]]
    refs = [Prop("x-po-reference", "corpus/en/000.txt:3"), Prop("x-po-reference", "corpus/en/001.txt:7")]
    assert list(got[0].props) == refs + ([Prop("x-po-msgctxt", "title")] if "columns" in name else [])
    assert log.skipped == 1 and log.issues[-1].line == 5 and "empty" in log.issues[-1].message
    untranslated = list(read_tabular(DATA / name, "en", "ar", untranslated=True))
    assert len(untranslated) == 4 and untranslated[-1].tuvs[1].text == ""


def test_fuzzy_rows_and_comments(tmp_path: Path) -> None:
    path = tmp_path / "p.csv"
    path.write_text("source,target,fuzzy,translator_comments\nHello,مرحبا,False,\"checked\nby Salma\"\n"
                    "Bye,وداعا,True,\n", encoding="utf-8")
    log = ReadLog(str(path))
    got = list(read_tabular(path, "en", "ar", log))
    assert len(got) == 1 and got[0].notes == (Note("checked"), Note("by Salma")) and not got[0].props
    assert log.counts[("skipped", "fuzzy")] == 1 and "--keep-fuzzy" in log.issues[-1].message
    kept = list(read_tabular(path, "en", "ar", keep_fuzzy=True))
    assert kept[1].props == (Prop(FUZZY_PROP, "true"),)
    path.write_text("source,target,fuzzy\nHello,مرحبا\n", encoding="utf-8")
    log = ReadLog(str(path))
    assert not list(read_tabular(path, "en", "ar", log)) and "2 columns, not 3" in log.issues[-1].message


def test_header_options_decide(tmp_path: Path) -> None:
    path = tmp_path / "p.tsv"
    path.write_text("en\tar\nHello\tمرحبا\n", encoding="utf-8")
    data = list(read_tabular(path, "en", "ar", header=False))
    assert [t.tuvs[0].text for t in data] == ["en", "Hello"]
    path.write_text("Hello\tمرحبا\nBye\tمع السلامة\n", encoding="utf-8")
    log = ReadLog(str(path))
    assert [t.tuvs[0].text for t in read_tabular(path, "en", "ar", log, header=True)] == ["Bye"]
    assert "(--header)" in log.issues[0].message
    assert len(list(read_tabular(path, "en", "ar"))) == 2  # detected: data


TEXT = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\0"), min_size=1).filter(str.strip)


@given(st.lists(st.tuples(TEXT, TEXT), max_size=5), st.sampled_from(["tsv", "csv"]), st.booleans())
def test_any_rows_come_back_with_or_without_a_header(tmp_path_factory: pytest.TempPathFactory,
                                                     rows: list[tuple[str, str]], dialect: str, header: bool) -> None:
    assume(dialect == "tsv" or not any("\r" in a + b for a, b in rows))  # CSV reads a CR in a cell as LF
    path = tmp_path_factory.mktemp("rt") / f"p.{dialect}"
    tus = [TU((TUV.plain("ar", a), TUV.plain("en", b)), (("srclang", "ar"),)) for a, b in rows]
    write_tabular(path, tus, "ar", "en", dialect=dialect, header=header)  # type: ignore[arg-type]
    assert list(read_tabular(path, "ar", "en", header=None if header else False)) == tus


_EMPTY_TMX = ('<?xml version="1.0"?>\n<tmx version="1.4"><header srclang="ar" datatype="plaintext" segtype="sentence" '
              'adminlang="en" o-tmf="x" creationtool="x" creationtoolversion="1"/><body></body></tmx>\n')


_EMPTY_XLIFF = ('<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2"><file original="m" '
                'datatype="plaintext" source-language="ar" target-language="en"><body>{units}</body></file></xliff>\n')


@pytest.mark.parametrize(("fmt", "files", "why"), [
    ("tmx", {"m.tmx": _EMPTY_TMX}, ""),
    ("po", {"m.po": 'msgid ""\nmsgstr ""\n"Language: en\\n"\n'}, ": no translated entry"),
    ("tsv", {"m.tsv": ""}, ""),  # issue 12: stored nothing and exited 0
    ("tsv", {"m.tsv": "ar\ten\n"}, ""),
    ("tsv", {"m.tsv": "ar\ten\nنص\t\n"}, ": 1 read, 1 skipped, line 2: empty source or target"),
    ("csv", {"m.csv": ""}, ""),
    ("csv", {"m.csv": "source,target\n"}, ""),
    ("xlsx", {"m.xlsx": SHEETS / "header-only.xlsx"}, ""),
    ("moses", {"m.ar": "", "m.en": ""}, ""),
    ("moses", {"m.ar": "\n", "m.en": "x\n"}, ": 1 read, 1 skipped, line 1: empty source or target line"),
    ("xliff", {"m.xlf": _EMPTY_XLIFF.format(units="")}, ""),
    ("xliff", {"m.xlf": _EMPTY_XLIFF.format(units='<trans-unit id="1"><source>نص</source></trans-unit>')},
     ": 1 read, 1 skipped, line 1: unit '1' has no translation"),
])
def test_a_memory_file_with_no_translation_unit_is_an_error_in_every_format(
        tmp_path: Path, fmt: str, files: dict[str, str | Path], why: str) -> None:
    """docs/formats.md: an empty file, or one whose every unit is skipped, stores nothing and says so."""
    for name, text in files.items():
        if isinstance(text, Path):
            (tmp_path / name).write_bytes(text.read_bytes())
        else:
            (tmp_path / name).write_text(text, encoding="utf-8")
    first, *pair = (tmp_path / name for name in files)
    with Store(tmp_path / "s.sqlite") as store:
        with pytest.raises(InputError, match=f"no translation units{why}"):
            import_file(store, first, format=fmt, src_lang="ar", tgt_lang="en", pair=pair[0] if pair else None)
        assert store.count() == 0 and store.db.execute("SELECT count(*) FROM source").fetchone()[0] == 0
    assert set(IMPORT_FORMATS) == {"tmx", "po", "tsv", "csv", "xlsx", "moses", "xliff"}  # a new format gets a case above
