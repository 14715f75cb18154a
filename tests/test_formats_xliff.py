"""XLIFF 1.2 and 2.x: reading what tools and the specifications write, writing it back.

``spec12.xlf`` and ``spec21.xlf`` are written by hand from the OASIS
specifications; ``ttk_*.xlf`` by translate-toolkit (``tests/data/xliff/make.sh``).
"""
from __future__ import annotations

import io
import json
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

from workbench.errors import FormatError, InputError
from workbench.formats import xliff, xliff_read, xliff_write
from workbench.formats.issues import ReadLog
from workbench.formats.memory import ReadOptions, WriteOptions
from workbench.formats.registry import (
    FORMATS,
    memory_formats,
    memory_reader,
    memory_writer,
    sniff,
)
from workbench.formats.tmx import TmxReader
from workbench.formats.xliff_inline import escape
from workbench.formats.xmlguard import ENTITY_MESSAGE
from workbench.model import FUZZY_PROP, TU, TUV
from workbench.tm.names import EXPORT_FORMATS, IMPORT_FORMATS

DATA = Path(__file__).parent / "data" / "xliff"
TM = Path(__file__).parent / "data" / "tm"
SPECS = [("spec12.xlf", "1.2", "en", "ar"), ("spec21.xlf", "2.1", "en", "fa")]


def _read(path: Path | io.BytesIO, **options: object) -> tuple[list[TU], ReadLog]:
    log = ReadLog(str(path))
    return list(xliff_read.XliffReader(path, log, **options)), log  # type: ignore[arg-type]


def _props(tu: TU) -> dict[str, str]:
    return {p.type: p.value for p in tu.props}


def _units(path: Path | bytes) -> dict[tuple[str, str, int], tuple[bytes, bytes | None]]:
    """Per (file, unit, segment): the exclusive C14N of source and target."""
    tree = etree.parse(io.BytesIO(path) if isinstance(path, bytes) else str(path))
    out: dict[tuple[str, str, int], tuple[bytes, bytes | None]] = {}
    for file in tree.iter("{*}file"):
        key = file.get("id") or file.get("original") or ""
        for unit in file.iter("{*}trans-unit", "{*}unit"):
            parts = [unit] if unit.tag.endswith("trans-unit") else list(unit.iter("{*}segment", "{*}ignorable"))
            for k, part in enumerate(parts):
                src, tgt = part.find("{*}source"), part.find("{*}target")
                c14n = [etree.tostring(e, method="c14n", exclusive=True) if e is not None else None for e in (src, tgt)]
                out[(key, unit.get("id") or "", k)] = (c14n[0] or b"", c14n[1])
            seg = unit.find("{*}seg-source")
            if seg is not None:
                out[(key, unit.get("id") or "", -1)] = (etree.tostring(seg, method="c14n", exclusive=True), None)
    return out


def test_xliff_is_a_memory_format_of_the_registry() -> None:
    assert set(memory_formats("reads")) == set(IMPORT_FORMATS) and set(memory_formats("writes")) == set(EXPORT_FORMATS)
    assert "xliff" in IMPORT_FORMATS and FORMATS["xliff"].bilingual
    assert sniff(DATA / "spec21.xlf") == sniff(DATA / "ttk_po2xliff.xlf") == "xliff"
    with pytest.raises(FormatError, match="cannot import 'nope'; formats: tmx, po"):
        memory_reader("nope")


def test_reads_a_12_file_with_every_inline_code() -> None:
    tus, log = _read(DATA / "spec12.xlf")
    assert (log.read, log.skipped, len(tus)) == (8, 3, 5)
    assert sorted(k for (_, k) in log.counts) == ["xliff-not-translatable", "xliff-unfinished", "xliff-untranslated"]
    first = tus[0]
    src, tgt = first.variant("en"), first.variant("ar")
    assert src is not None and tgt is not None
    assert src.text == "The Hanoi Convention opens for signature"
    assert tgt.text == "تُفتح اتفاقية هانوي للتوقيع"
    assert src.seg == ('The <bpt i="1" x="1" type="bold">&lt;g id="1" ctype="bold"&gt;</bpt>Hanoi Convention'
                       '<ept i="1">&lt;/g&gt;</ept> opens for signature<ph x="2" type="lb">&lt;x id="2" ctype="lb"/&gt;</ph>')
    props = _props(first)
    assert props[xliff.P_FILE] == "news/hanoi.html" and props[xliff.P_STATE] == "final"
    assert props[xliff.P_APPROVED] == "yes" and props[xliff.P_RESNAME] == "title"
    assert first.notes[0].text == "Headline; keep it short."
    assert json.loads(props[xliff.P_NOTES]) == [{"from": "editor", "priority": "2", "annotates": "source"}]
    second = tus[1]
    assert '<bpt i="1" x="3" type="italic">&lt;bx id="3" rid="r1" ctype="italic"/&gt;</bpt>' in second.tuvs[0].seg
    assert _props(second)[xliff.P_MATCH_QUALITY] == "87" and _props(second)[xliff.P_QUALIFIER] == "leveraged-tm"
    third = tus[2].tuvs[0].seg
    assert '<it pos="begin" x="7" type="bold">' in third and "&lt;ept id=\"6\"&gt;" in third
    segmented = [tu for tu in tus if _props(tu).get(xliff.P_SEGMENT)]
    assert [t.tuvs[1].text for t in segmented] == ["إحاطة فيينا.", "تحدث المكتب."]
    assert _props(segmented[0])[xliff.P_AFTER] == " "


def test_reads_a_21_file_with_every_inline_code() -> None:
    tus, log = _read(DATA / "spec21.xlf")
    assert (log.read, log.skipped, len(tus)) == (7, 3, 4)
    assert [t.variant("fa").text for t in tus] == [  # type: ignore[union-attr]
        "کنوانسیون هانوی گشوده می‌شود", "۷۲ کشور امضا کردند.", "کنوانسیون ۷۲ عضو دارد.", "نشست خبری وین."]
    first = _props(tus[0])
    assert first[xliff.P_DATA].startswith("<originalData>") and first[xliff.P_STATE] == "final"
    assert tus[0].tuvs[0].seg.startswith('The <bpt i="1" x="1">&lt;pc id="1" dataRefStart="d1" dataRefEnd="d2"&gt;</bpt>')
    second = _props(tus[1])
    assert second[xliff.P_MATCH_QUALITY] == "82.5" and second[xliff.P_SUBSTATE] == "wb:checked"
    assert second[xliff.P_AFTER] == " " and xliff.P_MATCH_QUALITY not in _props(tus[2])
    assert '<ph>&lt;cp hex="0007"/&gt;</ph>' in tus[2].tuvs[0].seg
    assert {_props(t)[xliff.P_FILE] for t in tus} == {"f1", "f2"}


@pytest.mark.parametrize(("name", "version", "src", "tgt"), SPECS)
def test_read_then_write_gives_equivalent_xliff(tmp_path: Path, name: str, version: str, src: str, tgt: str) -> None:
    tus, _ = _read(DATA / name, everything=True)
    out = tmp_path / f"out-{version}.xlf"
    assert xliff_write.write_xliff(out, tus, src, tgt, version) == (len(tus), 0)
    assert _read(out, everything=True)[0] == tus
    assert _units(out) == _units(DATA / name)


@pytest.mark.parametrize(("name", "version", "src", "tgt"), SPECS)
def test_the_other_version_keeps_text_and_codes(tmp_path: Path, name: str, version: str, src: str, tgt: str) -> None:
    tus, _ = _read(DATA / name, everything=True)
    other = "2.1" if version == "1.2" else "1.2"
    out = tmp_path / "other.xlf"
    xliff_write.write_xliff(out, tus, src, tgt, other)
    back, _ = _read(out, everything=True)
    assert [[v.text for v in t.tuvs] for t in back] == [[v.text for v in t.tuvs] for t in tus]
    codes = [[v.seg.count("<ph") + v.seg.count("<bpt") + v.seg.count("<it") for v in t.tuvs] for t in tus]
    assert [[v.seg.count("<ph") + v.seg.count("<bpt") + v.seg.count("<it") for v in t.tuvs] for t in back] == codes


@pytest.mark.parametrize("version", xliff.VERSIONS)
def test_tmx_markup_is_written_as_native_codes(tmp_path: Path, version: str) -> None:
    with TmxReader(TM / "omegat_ar_level2.tmx") as reader:
        tus = list(reader)
    langs = sorted({v.lang for t in tus for v in t.tuvs})
    out = tmp_path / "m.xlf"
    xliff_write.write_xliff(out, tus, langs[0], langs[1], version)
    text = out.read_text(encoding="utf-8")
    assert ("<bpt id=" in text) if version == "1.2" else ("<sc id=" in text and "<originalData>" in text)
    back, log = _read(out)
    assert log.skipped == 0
    assert [[v.text for v in t.tuvs] for t in back] == [[t.variant(lang).text for lang in langs] for t in tus]  # type: ignore[union-attr]


def test_translate_toolkit_po2xliff() -> None:
    tus, log = _read(DATA / "ttk_po2xliff.xlf")
    assert [(t.tuvs[0].lang, t.tuvs[0].text, t.tuvs[1].text) for t in tus] == [
        ("en-US", "Hello <b>world</b>", "مرحبا <b>بالعالم</b>")]
    assert tus[0].notes[0].text == "greeting"
    assert sorted(k for (_, k) in log.counts) == ["xliff-po-header", "xliff-unfinished", "xliff-untranslated"]
    kept, log = _read(DATA / "ttk_po2xliff.xlf", keep_fuzzy=True)
    assert len(kept) == 2 and _props(kept[1])[FUZZY_PROP] == "true"
    assert ("info", "xliff-unfinished-kept") in log.counts


def test_translate_toolkit_xliff2() -> None:
    """translate-toolkit writes targets without a state: read as translations."""
    tus, log = _read(DATA / "ttk_xliff2.xlf")
    assert [t.tuvs[1].text for t in tus] == ["مرحبا <b>بالعالم</b>", "احفظ"] and log.skipped == 1


def test_contract_reader_and_writer(tmp_path: Path) -> None:
    log = ReadLog("x")
    tus = list(memory_reader("xliff")(DATA / "spec21.xlf", log, ReadOptions()))
    written = memory_writer("xliff")(tmp_path / "a.xlf", tus, WriteOptions("en", "fa", "2.0"))
    assert (written.count, written.files) == (4, (str(tmp_path / "a.xlf"),))
    assert b'version="2.0"' in (tmp_path / "a.xlf").read_bytes()


@pytest.mark.parametrize(("doc", "message"), [
    ('<!DOCTYPE xliff [<!ENTITY x SYSTEM "file:///etc/passwd">]><xliff version="1.2"/>', ENTITY_MESSAGE),
    ('<!DOCTYPE xliff [<!ENTITY a "aa"><!ENTITY b "&a;&a;">]><xliff version="1.2"/>', ENTITY_MESSAGE),
    ('<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2"><file>', "malformed XML"),
    ('<tmx version="1.4"/>', "not an XLIFF file: root element is <tmx>"),
    ('<xliff version="9" xmlns="urn:example"/>', "unknown namespace"),
    ('<xliff version="2.1" xmlns="urn:oasis:names:tc:xliff:document:2.0" srcLang="english!!"/>', "not a language tag"),
])
def test_bad_and_hostile_input_is_one_error(doc: str, message: str) -> None:
    with pytest.raises(FormatError, match=re.escape(message)):
        _read(io.BytesIO(doc.encode()))


def test_target_without_a_target_language_is_an_input_error() -> None:
    doc = ('<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2"><file original="a" datatype="x" '
           'source-language="en"><body><trans-unit id="1"><source>a</source><target>b</target></trans-unit>'
           '</body></file></xliff>')
    with pytest.raises(InputError, match="--tgt-lang"):
        _read(io.BytesIO(doc.encode()))
    tus, _ = _read(io.BytesIO(doc.encode()), tgt_lang="ar")
    assert tus[0].tuvs[1].lang == "ar"


def test_characters_xml_cannot_hold_are_cp_in_2x_and_an_error_in_12() -> None:
    tus = [TU((TUV.plain("en", "bell \x07 and escape \x1b[2J"),))]
    out = io.BytesIO()
    xliff_write.write_xliff(out, tus, "en", "fr", "2.1")
    assert b'bell <cp hex="0007"/> and escape <cp hex="001B"/>[2J' in out.getvalue()
    back, _ = _read(io.BytesIO(out.getvalue()), everything=True)
    assert back[0].tuvs[0].text == "bell  and escape [2J"
    with pytest.raises(FormatError, match="U\\+0007 cannot be written in XML 1.0"):
        xliff_write.write_xliff(io.BytesIO(), tus, "en", "fr", "1.2")


def test_no_units_is_a_file_of_no_units() -> None:
    out = io.BytesIO()
    assert xliff_write.write_xliff(out, [], "ar", "en", "1.2") == (0, 0)
    assert b"<file " in out.getvalue() and _read(io.BytesIO(out.getvalue()))[0] == []


def test_bad_markup_or_characters_are_a_format_error(tmp_path: Path) -> None:
    bad = TU((TUV("en", "a <bpt i='1'>", "a"), TUV.plain("ar", "ب")))
    with pytest.raises(FormatError, match="invalid markup"):
        xliff_write.write_xliff(tmp_path / "a.xlf", [bad], "en", "ar")
    with pytest.raises(FormatError, match="unknown XLIFF version"):
        xliff_write.write_xliff(tmp_path / "a.xlf", [], "en", "ar", "3.0")
    assert not (tmp_path / "a.xlf").exists()


_TEXT = st.text(st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")) | st.sampled_from("&<>\"' سلام\t\n"),
                max_size=12)


@st.composite
def _segment(draw: st.DrawFn) -> tuple[str, str]:
    """(TMX seg markup, plain text) with codes: ph, it, bpt/ept pairs around text."""
    parts: list[str] = []
    text: list[str] = []
    for i in range(draw(st.integers(0, 4))):
        word = draw(_TEXT)
        kind = draw(st.sampled_from(["text", "ph", "it", "pair"]))
        if kind == "ph":
            parts.append(f"<ph x=\"{i}\">{escape(draw(_TEXT))}</ph>")
        elif kind == "it":
            parts.append(f"<it pos=\"{draw(st.sampled_from(['begin', 'end']))}\">&lt;b&gt;</it>")
        elif kind == "pair":
            parts.append(f"<bpt i=\"{i + 1}\">&lt;i&gt;</bpt>{escape(word)}<ept i=\"{i + 1}\">&lt;/i&gt;</ept>")
            text.append(word)
            continue
        parts.append(escape(word))
        text.append(word)
    return "".join(parts), "".join(text)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(_segment(), _segment(), st.booleans()), min_size=1, max_size=4),
       st.sampled_from(xliff.VERSIONS))
def test_round_trip_property(units: list[tuple[tuple[str, str], tuple[str, str], bool]], version: str) -> None:
    """Any TMX markup survives as text and codes; what was read once comes back identical."""
    # An empty target (no text, no code) is no translation.
    tus = [TU((TUV("ar", s[0], s[1]), *((TUV("en", t[0], t[1]),) if has and (t[1].strip() or "<" in t[0]) else ())),
              (("tuid", str(n)),)) for n, (s, t, has) in enumerate(units)]
    first = io.BytesIO()
    xliff_write.write_xliff(first, tus, "ar", "en", version)
    once, _ = _read(io.BytesIO(first.getvalue()), everything=True)
    assert [[v.text for v in t.tuvs] for t in once] == [[v.text for v in t.tuvs] for t in tus]
    second = io.BytesIO()
    xliff_write.write_xliff(second, once, "ar", "en", version)
    assert _read(io.BytesIO(second.getvalue()), everything=True)[0] == once


_WORDS = st.text(st.sampled_from("ab سلام&<>\"'"), max_size=6).map(escape)


def _inline_xml(family: int) -> st.SearchStrategy[str]:
    """XLIFF inline content of one version: text, codes, containers nested three deep."""
    if family == 1:
        codes = st.sampled_from(['<x id="1"/>', '<bx id="2" rid="r"/>', '<ex id="3" rid="r"/>', '<ph id="4">&lt;br/&gt;</ph>',
                                 '<bpt id="5">&lt;b&gt;</bpt>', '<ept id="5">&lt;/b&gt;</ept>', '<it id="6" pos="open">x</it>',
                                 '<ph id="7">a<sub>b <g id="8">c</g></sub></ph>'])
        wrap = ('<g id="9" ctype="bold">', "</g>"), ('<mrk mtype="term">', "</mrk>")
    else:
        codes = st.sampled_from(['<ph id="1" dataRef="d1"/>', '<sc id="2"/>', '<ec startRef="2"/>', '<cp hex="0007"/>',
                                 '<ec id="3" isolated="yes"/>', '<sm id="4" type="comment" value="v"/>', '<em startRef="4"/>'])
        wrap = ('<pc id="9" dataRefStart="d1" dataRefEnd="d1">', "</pc>"), ('<mrk id="m1" type="term">', "</mrk>")
    return st.recursive(st.lists(_WORDS | codes, max_size=4).map("".join),
                        lambda inner: st.tuples(st.sampled_from(wrap), inner, _WORDS).map(
                            lambda t: t[0][0] + t[1] + t[0][1] + t[2]), max_leaves=6)


@settings(max_examples=80, deadline=None)
@given(st.data(), st.sampled_from(xliff.VERSIONS))
def test_native_inline_content_survives_a_round_trip(data: st.DataObject, version: str) -> None:
    """Any inline content of the version comes back as it was (exclusive C14N of source and target)."""
    family = 2 if version.startswith("2") else 1
    source, target = data.draw(_inline_xml(family)) + "s", data.draw(_inline_xml(family)) + "t"  # an empty target is none
    if family == 1:
        doc = (f'<xliff version="1.2" xmlns="{xliff.NS12}"><file original="f" datatype="x" source-language="en" '
               f'target-language="ar"><body><trans-unit id="1"><source>{source}</source><target>{target}</target>'
               "</trans-unit></body></file></xliff>")
    else:
        doc = (f'<xliff version="{version}" xmlns="{xliff.NS20}" srcLang="en" trgLang="ar"><file id="f"><unit id="1">'
               f'<originalData><data id="d1">&lt;b&gt;</data></originalData><segment><source>{source}</source>'
               f"<target>{target}</target></segment></unit></file></xliff>")
    tus, _ = _read(io.BytesIO(doc.encode()), everything=True)
    out = io.BytesIO()
    xliff_write.write_xliff(out, tus, "en", "ar", version)
    assert _units(out.getvalue()) == _units(doc.encode())


def test_language_names_as_xliff_languages(tmp_path: Path) -> None:
    path = tmp_path / "names.xlf"
    path.write_text('<?xml version="1.0" encoding="UTF-8"?>\n<xliff version="1.2" '
                    'xmlns="urn:oasis:names:tc:xliff:document:1.2"><file original="a.txt" datatype="plaintext" '
                    'source-language="English" target-language="Arabic"><body><trans-unit id="1"><source>one</source>'
                    '<target state="translated">واحد</target></trans-unit></body></file></xliff>\n', encoding="utf-8")
    (tu,) = list(xliff_read.read_xliff(path, ReadLog(str(path))))
    assert [v.lang for v in tu.tuvs] == ["en", "ar"]
    path.write_text(path.read_text(encoding="utf-8").replace('"Arabic"', '"Klingonish"'), encoding="utf-8")
    with pytest.raises(FormatError, match="'Klingonish' is not a language tag"):
        list(xliff_read.read_xliff(path, ReadLog(str(path))))
