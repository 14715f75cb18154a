"""TMX 1.4b reader and writer: every element and attribute, real tools' files,
hostile XML, DTD validity, exact round trips."""
from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

from tools import needs
from workbench.errors import FormatError, InputError
from workbench.formats.issues import ReadLog
from workbench.formats.tmx import (MAX_ATTRIBUTES, MAX_NAMESPACES, TmxReader, header_for_export, seg_markup, tool_header,
                                   write_tmx)
from workbench.model import TU, TUV, Note, Prop, TMXHeader

DATA = Path(__file__).parent / "data" / "tm"


def read(path: Path | bytes, strict: bool = False) -> tuple[TMXHeader, list[TU], ReadLog]:
    log = ReadLog(str(path) if isinstance(path, Path) else "-", strict=strict)
    source = path if isinstance(path, Path) else io.BytesIO(path)
    with TmxReader(source, log) as reader:
        header = reader.header
        tus = list(reader)
    return header, tus, log


def written(tus: list[TU], header: TMXHeader | None = None, srclang: str = "ar") -> bytes:
    out = io.BytesIO()
    write_tmx(out, tus, header_for_export(header, srclang))
    return out.getvalue()


def dtd() -> etree.DTD:
    return etree.DTD(str(DATA / "tmx14.dtd"))


def without_stamp(data: bytes) -> bytes:
    return re.sub(rb'creationdate="[^"]*"|creationtoolversion="[^"]*"', b"", data)


class TestReader:
    def test_every_element_and_attribute(self) -> None:
        header, tus, log = read(DATA / "spec_full.tmx")
        assert header.attr("srclang") == "ar" and header.attr("changeid") == "editor"
        assert header.attr("adminlang") == "en-US" and header.attr("o-encoding") == "utf-8"
        assert header.notes == (Note("A note at document level.", (("xml:lang", "en"), ("o-encoding", "utf-8"))),)
        assert header.props == (Prop("x-domain", "law", (("xml:lang", "en"), ("o-encoding", "utf-8"))),)
        assert len(header.extra) == 1 and header.extra[0].startswith('<ude name="MacArabic"')
        assert [tu.attr("tuid") for tu in tus] == ["tu-1", "tu-2", "tu-3", "tu-4"]
        first = tus[0]
        names = [k for k, _ in first.attrs]
        assert names == ["tuid", "o-encoding", "datatype", "usagecount", "lastusagedate", "creationtool",
                         "creationtoolversion", "creationdate", "creationid", "changedate", "segtype",
                         "changeid", "o-tmf", "srclang"]
        assert first.notes == (Note("First unit.", (("xml:lang", "en"),)),)
        assert first.props[1] == Prop("x-project", "Hanoi convention", (("xml:lang", "en"),))
        ar = first.tuvs[0]
        assert ar.lang == "ar" and dict(ar.attrs)["usagecount"] == "2" and ar.props == (Prop("x-reviewed", "yes"),)
        assert '<bpt i="1" x="1" type="bold">&lt;b&gt;</bpt>' in ar.seg
        assert '<sub datatype="html" type="alt">شعار</sub>' in ar.seg
        assert ar.text == "وقّعت الدول على الاتفاقية  في هانوي."
        assert tus[1].tuvs[0].text == "اتفاقية الجرائم الإلكترونية ٢٠٢٤"  # hi kept, it dropped
        assert '<ut x="5">{\\b </ut>' in tus[2].tuvs[0].seg
        assert [t.lang for t in tus[2].tuvs] == ["ar", "en", "fa"]
        assert "𝔸" in tus[3].tuvs[0].text and "\u200f" in tus[3].tuvs[0].text
        assert log.read == 4 and log.skipped == 0 and not log.issues

    def test_tmx11_lang_and_tag_case(self) -> None:
        header, tus, log = read(DATA / "tmx11.tmx")
        assert header.attr("srclang") == "en-US"
        assert [[t.lang for t in tu.tuvs] for tu in tus] == [["en-US", "ar"], ["en-US", "ar"]]
        kinds = {k for _, k in log.counts}
        assert {"tmx11-lang", "language-tag"} <= kinds
        assert any("'en_US' normalized to 'en-US'" in i.message for i in log.issues)

    def test_utf16_with_bom(self) -> None:
        assert (DATA / "utf16.tmx").read_bytes()[:2] in (b"\xff\xfe", b"\xfe\xff")
        _, tus, _ = read(DATA / "utf16.tmx")
        assert tus[0].variant("ar").text == "افتتح الاجتماع."  # type: ignore[union-attr]

    def test_odd_case_elements(self) -> None:
        header, tus, _ = read(DATA / "oddcase.tmx")
        assert header.attr("srclang") == "fa"
        (tu,) = tus
        assert tu.attr("tuid") == "7" and tu.props == (Prop("x-kind", "odd"),)
        assert tu.tuvs[0].seg == 'آژانس‌های <bpt i="1">&lt;b&gt;</bpt>سازمان ملل<ept i="1">&lt;/b&gt;</ept>'
        assert [t.lang for t in tu.tuvs] == ["fa", "en"]

    @pytest.mark.parametrize("body", [b"<body/>", b'<BODY><TU><TUV xml:lang="ar"><SEG>x</SEG></TUV></TU></BODY>'])
    @pytest.mark.parametrize("tag", [b"header", b"HEADER"])
    def test_the_header_in_any_case_with_or_without_units(self, tag: bytes, body: bytes) -> None:
        header, tus, _ = read(b'<tmx version="1.4"><' + tag + b' srclang="fa"><prop type="x-a">b</prop></' + tag
                              + b">" + body + b"</tmx>")
        assert header.attr("srclang") == "fa" and header.props == (Prop("x-a", "b"),)
        assert [tu.tuvs[0].text for tu in tus] == (["x"] if b"TU" in body else [])

    def test_unknown_elements_and_attributes_survive(self) -> None:
        header, tus, log = read(DATA / "unknown.tmx")
        assert ("x-vendor", "acme") in header.attrs and ("{urn:example:extra}flag", "on") in header.attrs
        assert header.extra and "x-settings" in header.extra[0]
        tu = tus[0]
        assert ("x-score", "0.93") in tu.attrs and ("{urn:example:extra}origin", "mt") in tu.attrs
        assert "x-context" in tu.extra[0] and tu.tuvs[0].extra == ("<x-meta>reviewed</x-meta>",)
        assert ("x-status", "approved") in tu.tuvs[0].attrs
        again = read(written(tus, header, "en"))[1]
        assert again == tus
        assert ("warning", "unknown-element") in log.counts

    def test_repairs_and_skips_are_reported(self) -> None:
        _, tus, log = read(DATA / "repairs.tmx")
        assert [tu.attr("tuid") for tu in tus] == ["no-srclang", "no-seg", "bad-lang", "no-lang"]
        assert tus[0].attr("srclang") == "en-US" and tus[0].tuvs[0].lang == "en-US"
        assert [t.lang for t in tus[1].tuvs] == ["en"]
        assert log.read == 5 and log.skipped == 1
        kinds = {k for _, k in log.counts}
        assert {"missing-srclang", "language-tag", "tuv-no-seg", "empty-unit", "tuv-bad-lang", "tuv-no-lang"} <= kinds
        lines = {i.kind: i.line for i in log.issues}
        assert lines["tuv-no-seg"] == 11 and lines["empty-unit"] == 13

    def test_strict_turns_a_repair_into_an_error(self) -> None:
        with pytest.raises(FormatError, match="'en_US' normalized to 'en-US' \\(repaired unless --strict\\)") as err:
            read(DATA / "repairs.tmx", strict=True)
        assert err.value.line == 6

    @pytest.mark.parametrize(("name", "line"), [("malformed.tmx", 6), ("truncated.tmx", None)])
    def test_malformed_and_truncated_files_name_the_place(self, name: str, line: int | None) -> None:
        with pytest.raises(FormatError, match="malformed XML") as err:
            read(DATA / name)
        assert err.value.path and err.value.path.endswith(name)
        assert err.value.line is not None and err.value.column is not None
        if line:
            assert err.value.line == line

    @pytest.mark.parametrize("name", ["billion_laughs.tmx", "xxe.tmx"])
    def test_hostile_xml_is_an_error(self, name: str) -> None:
        with pytest.raises(FormatError, match="entity declarations are not allowed"):
            read(DATA / name)

    def test_not_a_tmx_file(self) -> None:
        with pytest.raises(FormatError, match="not a TMX file"):
            read(DATA / "not_tmx.xml")

    @pytest.mark.parametrize("element", ["header", "tu", "tuv", "prop", "note"])
    def test_attributes_are_capped(self, element: str) -> None:
        def tmx(count: int) -> bytes:
            extra = {element: "".join(f' x-a{i}="v"' for i in range(count))}
            return (f'<tmx version="1.4">\n<header srclang="en"{extra.get("header", "")}/>\n<body>\n'
                    f'<tu{extra.get("tu", "")}>\n<prop type="t"{extra.get("prop", "")}>p</prop>\n'
                    f'<note{extra.get("note", "")}>n</note>\n<tuv xml:lang="en"{extra.get("tuv", "")}><seg>x</seg></tuv>\n'
                    '<tuv xml:lang="ar"><seg>y</seg></tuv></tu></body></tmx>').encode()

        header, (tu,), _ = read(tmx(MAX_ATTRIBUTES - 2))  # at most MAX_ATTRIBUTES with the element's own
        kept = {"header": header.attrs, "tu": tu.attrs, "tuv": tu.tuvs[0].attrs,
                "prop": tu.props[0].attrs, "note": tu.notes[0].attrs}[element]
        assert len(kept) >= MAX_ATTRIBUTES - 2
        with pytest.raises(FormatError, match=f"<{element}> has more than {MAX_ATTRIBUTES} attributes") as err:
            read(tmx(MAX_ATTRIBUTES + 1))
        assert err.value.line == {"header": 2, "tu": 4, "prop": 5, "note": 6, "tuv": 7}[element]

    @pytest.mark.parametrize("where", ["tmx", "tu", "seg"])
    def test_namespace_declarations_in_scope_are_capped(self, where: str) -> None:
        def tmx(count: int) -> bytes:
            ns = {where: "".join(f' xmlns:p{i}="urn:{i}"' for i in range(count))}
            return (f'<tmx version="1.4"{ns.get("tmx", "")}><header srclang="en"/><body><tu{ns.get("tu", "")}>'
                    f'<tuv xml:lang="en"><seg>x <ph{ns.get("seg", "")}>&lt;br/&gt;</ph></seg></tuv>'
                    '<tuv xml:lang="ar"><seg>y</seg></tuv></tu></body></tmx>').encode()

        assert read(tmx(MAX_NAMESPACES))[1][0].tuvs[0].seg.startswith("x <ph")
        with pytest.raises(FormatError, match=f"more than {MAX_NAMESPACES} namespace declarations in scope"):
            read(tmx(MAX_NAMESPACES + 1))

    def test_missing_file(self, tmp_path: Path) -> None:
        with pytest.raises(InputError, match="no such file"):
            TmxReader(tmp_path / "nope.tmx")


class TestRecords:
    """``TmxReader.records``: the bulk path gives the same TUs and log as the model path."""

    @pytest.mark.parametrize("name", ["spec_full.tmx", "repairs.tmx", "tmx11.tmx", "oddcase.tmx", "unknown.tmx",
                                      "utf16.tmx", "ttk_po2tmx_notes.tmx"])
    def test_records_match_the_model(self, name: str) -> None:
        from workbench.formats.tmx import tu_of
        from workbench.tm.codec import record

        _, tus, log = read(DATA / name)
        bulk = ReadLog(str(DATA / name))
        with TmxReader(DATA / name, bulk) as reader:
            records = list(reader.records())
        assert [tu_of(r) for r in records] == tus
        assert [record(t) for t in tus] == records
        assert (bulk.read, bulk.skipped, bulk.issues) == (log.read, log.skipped, log.issues)

    def test_plain_segments_carry_no_markup(self) -> None:
        data = (b'<tmx version="1.4"><header srclang="ar"/><body><tu><tuv xml:lang="ar"><seg>a &amp; b</seg></tuv>'
                b'<tuv xml:lang="en"><seg>x <ph x="1">&lt;br/&gt;</ph></seg></tuv></tu></body></tmx>')
        with TmxReader(io.BytesIO(data)) as reader:
            ((tuvs, *_),) = list(reader.records())
        assert [(lang, seg, text) for lang, seg, text, *_ in tuvs] == [
            ("ar", None, "a & b"), ("en", 'x <ph x="1">&lt;br/&gt;</ph>', "x ")]


class TestTranslateToolkitFiles:
    def test_po2tmx_output(self) -> None:
        header, tus, log = read(DATA / "ttk_po2tmx.tmx")
        assert header.attr("creationtool") == "Translate Toolkit"
        assert len(tus) == 8 and tus[0].props == (Prop("x-context", "title"),)
        assert not log.issues
        assert read(written(tus, header, "en"))[1] == tus

    def test_po2tmx_with_comments_output(self) -> None:
        _, tus, _ = read(DATA / "ttk_po2tmx_notes.tmx")
        assert tus[0].notes == (Note("Translator comment about the title."),)

    def test_csv2po_then_po2tmx_output(self) -> None:
        _, tus, _ = read(DATA / "ttk_csv2po2tmx.tmx")
        assert [tu.variant("en").text for tu in tus] == ["File", "Edit, then save", 'She said "hello"']  # type: ignore[union-attr]


OTHER_TOOLS = [f"omegat_{lang}_{kind}.tmx" for lang in ("ar", "fa") for kind in ("level1", "level2", "omegat")] + [
    "omegat_ar_empty_level2.tmx", "xml_tmx_writer.tmx"]


class TestOtherToolsFiles:
    """Files written here by OmegaT 3.6 and Perl's XML::TMX::Writer (Debian packages; see data/tm/peers/make.sh)."""

    def test_omegat_level2_keeps_its_inline_codes_out_of_the_text(self) -> None:
        header, tus, log = read(DATA / "omegat_ar_level2.tmx")
        assert header.attr("creationtool") == "OmegaT" and header.attr("srclang") == "ar"
        first = tus[0]
        assert [t.lang for t in first.tuvs] == ["ar", "en-US"]
        assert first.variant("en").seg.startswith('The <bpt i="0" x="0">&lt;b0&gt;</bpt>United Nations')  # type: ignore[union-attr]
        assert first.variant("en").text.startswith("The United Nations Convention against Cybercrime was")  # type: ignore[union-attr]
        assert {(i.action, i.kind) for i in log.issues} == {("repaired", "language-tag")}  # AR, EN-US

    @pytest.mark.parametrize("lang", ["ar", "fa"])
    def test_omegat_level1_and_omegat_files_are_tmx11_with_lang(self, lang: str) -> None:
        for kind in ("level1", "omegat"):
            _, tus, log = read(DATA / f"omegat_{lang}_{kind}.tmx")
            assert {i.kind for i in log.issues} == {"language-tag", "tmx11-lang"} and len(tus) == 4 - (lang == "fa")
        level1 = {tu.variant(lang).text: tu.variant("en").text for tu in read(DATA / f"omegat_{lang}_level1.tmx")[1]}  # type: ignore[union-attr]
        level2 = {tu.variant(lang).text: tu.variant("en").text for tu in read(DATA / f"omegat_{lang}_level2.tmx")[1]}  # type: ignore[union-attr]
        assert level1 == level2  # the same text, with and without inline codes

    def test_omegat_keeps_the_persian_zwnj(self) -> None:
        _, tus, _ = read(DATA / "omegat_fa_level2.tmx")
        assert any("آژانس\u200cهای" in tu.variant("fa").text for tu in tus)  # type: ignore[union-attr]

    def test_xml_tmx_writer_output(self) -> None:
        header, tus, log = read(DATA / "xml_tmx_writer.tmx")
        assert header.attr("creationtool") == "XML::TMX::Writer" and header.props == (Prop("x-project", "hanoi-convention"),)
        assert tus[0].attrs == (("creationid", "translator1"), ("id", "hc-1"), ("srclang", "ar"))  # id: not TMX, kept
        assert tus[0].props == (Prop("", "anonymous property"), Prop("x-domain", "law"), Prop("x-domain", "news"))
        assert tus[1].variant("ar").props == (Prop("x-status", "reviewed"),)  # type: ignore[union-attr]
        assert tus[2].variant("fa").text == "آژانس\u200cهای سازمان ملل <b>متحد</b>"  # type: ignore[union-attr]  # CDATA
        assert tus[3].variant("en").seg == '72 states <ph x="1">&lt;br/&gt;</ph>signed'  # type: ignore[union-attr]
        assert [(i.action, i.kind, i.line) for i in log.issues] == [("warning", "prop-without-type", 10)]
        with pytest.raises(FormatError, match="without a type"):
            read(DATA / "xml_tmx_writer.tmx", strict=True)

    @pytest.mark.parametrize("name", OTHER_TOOLS)
    def test_round_trip_gives_the_same_model_and_valid_tmx(self, name: str) -> None:
        header, tus, _ = read(DATA / name)
        out = written(tus, header, header.attr("srclang") or "ar")
        check = dtd()
        check.validate(etree.fromstring(out))
        errors = {e.message for e in check.error_log.filter_from_errors()}
        # valid TMX 1.4b, but for the attribute XML::TMX::Writer adds and the writer keeps
        assert errors == ({"No declaration for attribute id of element tu"} if name == "xml_tmx_writer.tmx" else set())
        header2, tus2, log2 = read(out)
        assert tus2 == tus and not log2.issues
        assert header2.props[:-1] == header.props and header2.notes == header.notes


class TestWriter:
    def test_output_is_valid_tmx14(self) -> None:
        header, tus, _ = read(DATA / "spec_full.tmx")
        doc = etree.fromstring(written(tus, header))
        assert dtd().validate(doc), dtd().error_log.filter_from_errors()

    def test_plain_output_is_valid_without_a_base_header(self) -> None:
        tus = [TU((TUV.plain("ar", "نص"), TUV.plain("en", "text")), (("tuid", "1"),))]
        assert dtd().validate(etree.fromstring(written(tus)))

    @pytest.mark.parametrize("name", ["spec_full.tmx", "tmx11.tmx", "oddcase.tmx", "utf16.tmx", "ttk_po2tmx.tmx",
                                      "ttk_po2tmx_notes.tmx", "ttk_csv2po2tmx.tmx"])
    def test_round_trip_gives_the_same_model(self, name: str) -> None:
        header, tus, _ = read(DATA / name)
        header2, tus2, log2 = read(written(tus, header))
        assert tus2 == tus and not log2.issues
        assert header2.props[:-1] == header.props and header2.notes == header.notes and header2.extra == header.extra

    def test_own_file_comes_back_byte_identical_but_for_version_and_date(self) -> None:
        header, tus, _ = read(DATA / "spec_full.tmx")
        first = written(tus, header)
        header2, tus2, _ = read(first)
        out = io.BytesIO()
        import datetime as dt
        write_tmx(out, tus2, header_for_export(header2, "ar", dt.datetime(2030, 1, 1, tzinfo=dt.timezone.utc)))
        assert out.getvalue() != first
        assert without_stamp(out.getvalue()) == without_stamp(first)

    def test_character_xml_cannot_hold_names_the_tu(self) -> None:
        tus = [TU((TUV.plain("en", "fine"),), (("tuid", "ok"),)),
               TU((TUV.plain("en", "bell \x07 here"),), (("tuid", "bad-one"),))]
        with pytest.raises(FormatError, match=r"TU tuid bad-one: character U\+0007"):
            written(tus)

    def test_atomic_write_keeps_the_old_file_on_error(self, tmp_path: Path) -> None:
        path = tmp_path / "out.tmx"
        path.write_text("old")
        with pytest.raises(FormatError):
            write_tmx(path, [TU((TUV.plain("en", "\x00"),))], header_for_export(None, "en"))
        assert path.read_text() == "old" and [p.name for p in tmp_path.iterdir()] == ["out.tmx"]


# -- property tests ---------------------------------------------------------

_text = st.text(st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")) | st.sampled_from("\t\n"
                "وقعت الدول على الاتفاقية آژانس‌های ٢٠٢٤ 𝔸😀&<>\"'"), max_size=12)
_langs = st.sampled_from(["ar", "en", "fa", "ar-SA", "en-US", "fa-IR"])


@st.composite
def _seg(draw: st.DrawFn) -> tuple[str, str]:
    """Random seg content with inline markup, canonical as the reader gives it."""
    seg = etree.Element("seg")
    seg.text = draw(_text)
    for n in range(draw(st.integers(0, 3))):
        kind = draw(st.sampled_from(["bpt", "ept", "ph", "it", "hi", "ut"]))
        attrs = {"bpt": {"i": str(n)}, "ept": {"i": str(n)}, "it": {"pos": "begin"}, "ph": {"x": str(n)},
                 "hi": {"type": "term"}, "ut": {}}[kind]
        child = etree.SubElement(seg, kind, attrs)
        child.text = draw(_text) or None
        if kind != "hi" and draw(st.booleans()):
            sub = etree.SubElement(child, "sub")
            sub.text = draw(_text) or None
            sub.tail = draw(_text)
        child.tail = draw(_text)
    from workbench.formats.tmx import plain_text
    return seg_markup(seg), plain_text(seg)


_attr_value = st.text(st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), max_size=8)
_props = st.lists(st.builds(Prop, st.sampled_from(["x-a", "x-b", "x-client"]), _text), max_size=2).map(tuple)
_notes = st.lists(st.builds(Note, _text), max_size=2).map(tuple)


@st.composite
def _tu(draw: st.DrawFn) -> TU:
    langs = draw(st.lists(_langs, min_size=1, max_size=3, unique=True))
    tuvs = []
    for lang in langs:
        seg, text = draw(_seg())
        if not text.strip() and "<" not in seg and not tuvs:  # a TU needs a segment that is not empty
            seg, text = "x", "x"
        tuvs.append(TUV(lang, seg, text, (("usagecount", str(draw(st.integers(0, 9)))),), draw(_props), draw(_notes)))
    attrs = (("tuid", draw(_attr_value)), ("srclang", langs[0]), ("creationid", draw(_attr_value)))
    return TU(tuple(tuvs), attrs, draw(_props), draw(_notes))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_tu(), max_size=5))
def test_property_write_read_round_trip(tus: list[TU]) -> None:
    assert read(written(tus))[1] == tus


def test_written_file_has_ordinary_permissions(tmp_path: Path) -> None:
    import os
    import stat

    path = tmp_path / "out.tmx"
    write_tmx(path, [TU((TUV.plain("en", "x"),))], header_for_export(None, "en"))
    umask = os.umask(0)
    os.umask(umask)
    assert stat.S_IMODE(path.stat().st_mode) == 0o666 & ~umask
    path.chmod(0o640)
    write_tmx(path, [TU((TUV.plain("en", "y"),))], header_for_export(None, "en"))
    assert stat.S_IMODE(path.stat().st_mode) == 0o640


class TestExchangeWithOmegaT:
    """What OmegaT needs to read back a memory it wrote: its creating tool in the header
    (it reads ``bpt``/``ept`` content as its own tags only under ``creationtool="OmegaT"``,
    TMXReader2.parseHeader) and its empty translations."""

    def test_an_empty_translation_is_kept_and_written_back(self) -> None:
        header, tus, _ = read(DATA / "omegat_ar_empty_level2.tmx")
        title = next(tu for tu in tus if tu.variant("ar").text == "اتفاقية هانوي")  # type: ignore[union-attr]
        assert title.variant("en").seg == "" and title.variant("en").text == ""  # type: ignore[union-attr]
        out = written(tus, header)
        assert b"<seg/>" in out and read(out)[1] == tus

    def test_a_unit_with_empty_segments_only_is_skipped(self) -> None:
        data = (b'<tmx version="1.4"><header srclang="en"/><body><tu><tuv xml:lang="en"><seg/></tuv>'
                b'<tuv xml:lang="ar"><seg> </seg></tuv></tu><tu><tuv xml:lang="en"><seg>x</seg></tuv>'
                b'<tuv xml:lang="ar"><seg></seg></tuv></tu></body></tmx>')
        _, tus, log = read(data)
        assert [[t.text for t in tu.tuvs] for tu in tus] == [["x", ""]]
        assert [(i.action, i.kind) for i in log.issues] == [("skipped", "empty-unit")]

    def test_the_header_keeps_the_creating_tool_of_the_units(self) -> None:
        header, _, _ = read(DATA / "omegat_ar_level2.tmx")
        out = header_for_export(header, "ar")
        assert out.attr("creationtool") == "OmegaT" and out.attr("creationtoolversion") == "3.6.0_10_unknown"
        assert out.attr("o-tmf") == "OmegaT TMX" and out.props[-1].type == "x-workbench-signature"
        assert header_for_export(None, "ar").attr("creationtool") == "workbench"
        ours = header_for_export(TMXHeader((("creationtool", "workbench"), ("creationtoolversion", "0.0.1"))), "ar")
        assert ours.attr("creationtoolversion") != "0.0.1"

    def test_tool_header_needs_one_foreign_tool(self) -> None:
        omegat = read(DATA / "omegat_ar_level2.tmx")[0]
        perl = read(DATA / "xml_tmx_writer.tmx")[0]
        got = tool_header([omegat, omegat])
        assert got is not None and got.attrs == (("creationtool", "OmegaT"), ("o-tmf", "OmegaT TMX"),
                                                 ("datatype", "plaintext"), ("creationtoolversion", "3.6.0_10_unknown"))
        assert tool_header([omegat, perl]) is None and tool_header([omegat, None]) is None and tool_header([]) is None

    def test_a_store_export_keeps_the_tool_whose_tags_it_holds(self, tmp_path: Path) -> None:
        from workbench.tm.store import Store
        from workbench.tm.transfer import export_store, import_file

        plain = tmp_path / "plain.tmx"
        plain.write_bytes(written([TU((TUV.plain("ar", "نص"), TUV.plain("en", "text")))]))
        with Store(tmp_path / "s.db") as store:
            import_file(store, DATA / "omegat_ar_level2.tmx")
            import_file(store, plain)  # plain text reads the same whatever the tool: OmegaT's tags decide
            export_store(store, tmp_path / "out.tmx")
            assert read(tmp_path / "out.tmx")[0].attr("creationtool") == "OmegaT"
            import_file(store, DATA / "xml_tmx_writer.tmx")  # inline codes of another tool too
            export_store(store, tmp_path / "mixed.tmx")
            assert read(tmp_path / "mixed.tmx")[0].attr("creationtool") == "workbench"


def _omegat_translate(tmp_path: Path, memory: Path, name: str) -> str:
    """The target document OmegaT 3.6 writes for data/tm/peers/omegat-ar with ``memory`` as its only tm/auto file."""
    import shutil
    import subprocess

    project = tmp_path / name
    shutil.copytree(DATA / "peers" / "omegat-ar", project)
    shutil.rmtree(project / "tm" / "auto")
    (project / "tm" / "auto").mkdir()
    shutil.copy(memory, project / "tm" / "auto" / "memory.tmx")
    for folder in ("omegat", "target", "glossary", "dictionary"):
        (project / folder).mkdir(exist_ok=True)
    subprocess.run(["omegat", str(project), "--mode=console-translate"], check=True, capture_output=True, timeout=300)
    return (project / "target" / "hanoi.html").read_text(encoding="utf-8")


@needs("omegat", install="apt-get install -y omegat")
def test_omegat_translates_from_our_export_as_from_its_own_file(tmp_path: Path) -> None:
    """OmegaT's own level-2 TMX (tags, an empty translation) through a store and back: OmegaT
    fills the same segments from it, the tagged one and the one translated as empty included."""
    from workbench.tm.store import Store
    from workbench.tm.transfer import export_store, import_file

    original = DATA / "omegat_ar_empty_level2.tmx"
    with Store(tmp_path / "s.db") as store:
        import_file(store, original)
        export_store(store, tmp_path / "ours.tmx")
    theirs = _omegat_translate(tmp_path, original, "theirs")
    assert "<title></title>" in theirs and "<b>United Nations Convention against Cybercrime</b>" in theirs
    assert _omegat_translate(tmp_path, tmp_path / "ours.tmx", "ours") == theirs


# --- header srclang that a TU has no variant of ------------------------------------------------------

def test_header_srclang_without_variant_is_one_warning_with_a_count() -> None:
    """srclang="en" in the header: two TUs (ar-fr, fa-fr) have no English variant and no srclang of their
    own; en-GB is English (primary subtag), and a TU's own srclang is its own business."""
    _, tus, log = read(DATA / "srclang_unmatched.tmx")
    assert len(tus) == 5
    found = [i for i in log.issues if i.kind == "srclang-not-in-tu"]
    assert len(found) == 1
    assert log.counts[("warning", "srclang-not-in-tu")] == 1
    issue = found[0]
    assert (issue.action, issue.line, issue.unit) == ("warning", 11, "ar-fr")
    assert "header srclang 'en' matches no variant of 2 TU(s)" in issue.message


def test_header_srclang_without_variant_is_an_error_when_strict() -> None:
    with pytest.raises(FormatError, match="matches no variant of 2 TU"):
        read(DATA / "srclang_unmatched.tmx", strict=True)


def test_header_srclang_all_or_matched_gives_no_warning() -> None:
    text = (DATA / "srclang_unmatched.tmx").read_bytes()
    for header in (b'srclang="*all*"', b'srclang="AR"'):
        _, tus, log = read(text.replace(b'srclang="en"', header))
        assert len(tus) == 5
        if header == b'srclang="AR"':  # ar: the fa-fr TU alone, header tag in any case
            assert [i.unit for i in log.issues if i.kind == "srclang-not-in-tu"] == ["fa-fr"]
        else:
            assert not [i for i in log.issues if i.kind == "srclang-not-in-tu"]
    for path in sorted(DATA.glob("*.tmx")):  # the real files here: their TUs have the header's language
        if path.name in ("srclang_unmatched.tmx", "malformed.tmx", "truncated.tmx", "billion_laughs.tmx",
                         "xxe.tmx", "not_tmx.xml"):
            continue
        _, _, log = read(path)
        assert ("warning", "srclang-not-in-tu") not in log.counts, path


def test_header_srclang_warning_comes_back_from_the_child_reader() -> None:
    from workbench.formats.tmx import ChildTmxReader

    path = DATA / "srclang_unmatched.tmx"
    log = ReadLog(str(path))
    with ChildTmxReader(path, log, batch=2) as reader:
        assert len(list(reader.records())) == 5
    assert [(i.kind, i.unit) for i in log.issues if i.kind == "srclang-not-in-tu"] == [("srclang-not-in-tu", "ar-fr")]


def test_a_child_reader_killed_in_the_middle_of_a_message_is_one_error(monkeypatch: pytest.MonkeyPatch) -> None:
    """A child killed while it sends a batch: the pipe's OSError was a traceback; it is the error of a child that ended."""
    from workbench.errors import WorkbenchError
    from workbench.formats.tmx import ChildTmxReader

    path = DATA / "spec_full.tmx"
    with ChildTmxReader(path, ReadLog(str(path)), batch=1) as reader:
        assert reader.header.attr("srclang")

        def cut(*args: object) -> bytes:
            raise OSError("got end of file during message")

        monkeypatch.setattr(reader._recv, "recv_bytes", cut)
        with pytest.raises(WorkbenchError, match="the TMX reader process ended unexpectedly"):
            list(reader.records())


_REPEATED = ('<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4"><header srclang="eng" creationtool="t" '
             'creationtoolversion="1" segtype="sentence" o-tmf="t" adminlang="en" datatype="plaintext"/><body>\n'
             + "".join(f'<tu><tuv xml:lang="eng"><seg>one {i}</seg></tuv><tuv xml:lang="arb"><seg>واحد {i}</seg></tuv></tu>\n'
                       for i in range(5)) + "</body></tmx>\n")


@pytest.mark.parametrize("child", [False, True])
def test_a_repair_repeated_in_every_unit_is_one_message_with_its_count(tmp_path: Path, child: bool) -> None:
    """OPUS and NTREX memories tag every variant ``eng``/``arb``: five units, two messages, each said five times."""
    from workbench.formats.tmx import ChildTmxReader

    path = tmp_path / "repeated.tmx"
    path.write_text(_REPEATED, encoding="utf-8")
    log = ReadLog(str(path))
    with ChildTmxReader(path, log, batch=2) if child else TmxReader(path, log) as reader:
        assert len(list(reader.records())) == 5
    assert log.counts[("repaired", "language-tag")] == 10 + 1  # the header's srclang too
    grouped = [(issue.message, times) for issue, times in log.grouped()]
    assert ("language tag 'eng' normalized to 'en'", 6) in grouped
    assert ("language tag 'arb' normalized to 'ar'", 5) in grouped
    assert len(grouped) == 2 and log.grouped()[0][0].line is not None


def test_language_names_written_as_xml_lang_are_read_as_their_tags(tmp_path: Path) -> None:
    """Some converters write xml:lang="English": a repair (logged once with its count), not a skipped variant."""
    path = tmp_path / "names.tmx"
    path.write_text('<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4"><header srclang="English" '
                    'creationtool="t" creationtoolversion="1" segtype="sentence" o-tmf="t" adminlang="en" '
                    'datatype="plaintext"/><body>\n'
                    + "".join(f'<tu><tuv xml:lang="English"><seg>one {i}</seg></tuv>'
                              f'<tuv xml:lang="Arabic"><seg>واحد {i}</seg></tuv></tu>\n' for i in range(3))
                    + '<tu><tuv xml:lang="English"><seg>two</seg></tuv><tuv xml:lang="Klingonish"><seg>x</seg></tuv>'
                    '</tu>\n</body></tmx>\n', encoding="utf-8")
    log = ReadLog(str(path))
    with TmxReader(path, log) as reader:
        records = list(reader.records())
        assert reader.header.attr("srclang") == "en"
    assert [[v[0] for v in r[0]] for r in records] == [["en", "ar"]] * 3 + [["en"]]
    grouped = {issue.message: times for issue, times in log.grouped()}
    assert grouped["language tag 'Arabic' normalized to 'ar'"] == 3
    assert grouped["TUV with unknown language tag 'Klingonish'"] == 1
