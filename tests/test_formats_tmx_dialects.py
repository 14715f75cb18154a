"""TMX as real tools write it (tests/data/tm/dialects/, written from each tool's documented
output and the TMX specifications: see its README.md): every file is read without losing
text, inline markup, props, notes or languages, checked against an independent parse of
the file; a file written back, and a store's import and export, keep the same."""
from __future__ import annotations

import io
from collections import Counter
from pathlib import Path

import pytest
from click.testing import CliRunner
from lxml import etree

from workbench.cli import cli
from workbench.errors import LanguageTagError
from workbench.formats.issues import ReadLog
from workbench.formats.tmx import TmxReader, header_for_export, write_tmx
from workbench.formats.xmlguard import PARSE_OPTIONS
from workbench.model import TU, attr_of
from workbench.text.langtag import tag_or_name

DIALECTS = Path(__file__).parent / "data" / "tm" / "dialects"
FILES = sorted(p.name for p in DIALECTS.glob("*.tmx"))
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
#: Inline elements whose content is native code, not text (TMX 1.4b, 3.13).
CODES = {"bpt", "ept", "it", "ph", "ut"}


def read(path: Path) -> tuple[list[TU], ReadLog]:
    log = ReadLog(str(path))
    with TmxReader(path, log) as reader:
        return list(reader), log


def _text(el: etree._Element) -> str:
    """The translatable text of an element: native codes left out, anything else's text kept."""
    parts = [el.text or ""]
    for child in el:
        if isinstance(child.tag, str) and child.tag.lower() not in CODES:
            parts.append(_text(child))
        parts.append(child.tail or "")
    return "".join(parts)


def _canonical(seg: etree._Element | str) -> bytes:
    """A ``<seg>`` (element or inner markup) in canonical XML, for comparing markup."""
    if isinstance(seg, str):
        seg = etree.fromstring(f"<seg>{seg}</seg>")
    copy = etree.fromstring(etree.tostring(seg))
    copy.tail = None
    return bytes(etree.tostring(copy, method="c14n", exclusive=True))


def expected(path: Path) -> list[dict[str, object]]:
    """What each ``<tu>`` holds, read with plain lxml: props, notes, and per usable variant
    (a language tag and a ``<seg>``) its language, markup, text, props and notes."""
    encoding = "utf-8" if path.name == "utf8-declared-utf16.tmx" else None  # what its bytes are, not what it says
    root = etree.parse(str(path), etree.XMLParser(encoding=encoding, **PARSE_OPTIONS)).getroot()
    units = []
    if root.tag.startswith("{"):  # TMX in a namespace: the same without it
        for el in root.iter("{*}*"):
            el.tag = etree.QName(el).localname
        etree.cleanup_namespaces(root)
    for tu in root.iter("tu"):
        variants: list[dict[str, object]] = []
        blank: list[bool] = []
        for tuv in tu.findall("tuv"):
            raw = tuv.get(XML_LANG) or tuv.get("lang")
            seg = tuv.find("seg")
            try:
                lang = tag_or_name(raw or "")  # a tag, or a language's name
            except LanguageTagError:
                lang = ""  # a tag the reader must skip (and log)
            if seg is None or not lang:
                continue
            variants.append({"lang": lang, "seg": _canonical(seg), "text": _text(seg),
                             "props": [(p.get("type"), p.text or "") for p in tuv.findall("prop")],
                             "notes": [n.text or "" for n in tuv.findall("note")]})
            blank.append(not len(seg) and not (seg.text or "").strip())
        if not variants or all(blank):
            continue  # skipped by the reader, and logged
        units.append({"props": [(p.get("type"), p.text or "") for p in tu.findall("prop")],
                      "notes": [n.text or "" for n in tu.findall("note")], "variants": variants})
    return units


def held(tus: list[TU]) -> list[dict[str, object]]:
    """The same view of what the reader gave."""
    return [{"props": [(p.type, p.value) for p in tu.props], "notes": [n.text for n in tu.notes],
             "variants": [{"lang": v.lang, "seg": _canonical(v.seg), "text": v.text,
                           "props": [(p.type, p.value) for p in v.props], "notes": [n.text for n in v.notes]}
                          for v in tu.tuvs]} for tu in tus]


@pytest.mark.parametrize("name", FILES)
def test_nothing_is_lost(name: str) -> None:
    tus, _ = read(DIALECTS / name)
    assert held(tus) == expected(DIALECTS / name)


@pytest.mark.parametrize("name", FILES)
def test_written_back_reads_the_same(name: str) -> None:
    tus, _ = read(DIALECTS / name)
    out = io.BytesIO()
    write_tmx(out, tus, header_for_export(None, "*all*"))
    again, log = read_bytes(out.getvalue())
    assert again == tus and {i.kind for i in log.issues} <= {"foreign-inline"}


def read_bytes(data: bytes) -> tuple[list[TU], ReadLog]:
    log = ReadLog("-")
    with TmxReader(io.BytesIO(data), log) as reader:
        return list(reader), log


def _units(tus: list[TU]) -> Counter[object]:
    return Counter((tuple((v.lang, v.seg, v.attrs, v.props, v.notes) for v in tu.tuvs), tu.attrs, tu.props, tu.notes)
                   for tu in tus)


@pytest.mark.parametrize("name", FILES)
def test_store_import_then_export_keeps_the_units(name: str, tmp_path: Path) -> None:
    store, out = tmp_path / "tm.sqlite", tmp_path / "out.tmx"
    runner = CliRunner()
    res = runner.invoke(cli, ["tm", "import", str(DIALECTS / name), "--store", str(store), "--on-duplicate", "add"])
    assert res.exit_code == 0, res.output
    res = runner.invoke(cli, ["tm", "export", "--store", str(store), "-o", str(out)])
    assert res.exit_code == 0, res.output
    assert _units(read(out)[0]) == _units(read(DIALECTS / name)[0])
    with TmxReader(out) as exported, TmxReader(DIALECTS / name) as original:
        assert [p for p in exported.header.props if p.type != "x-workbench-signature"] == list(original.header.props)


class TestDialects:
    """What each dialect has of its own."""

    def test_trados_studio_utf16_crlf_x_props_and_empty_codes(self) -> None:
        raw = (DIALECTS / "trados-studio.tmx").read_bytes()
        assert raw.startswith(b"\xff\xfe<\0") and b"\r\0\n\0" in raw
        with TmxReader(DIALECTS / "trados-studio.tmx") as reader:
            header, tus = reader.header, list(reader)
        assert header.attr("o-tmf") == "SDL TM8 Format" and header.attr("srclang") == "ar-SA"
        assert ("x-Client:MultiplePicklist", "UNODC") in [(p.type, p.value) for p in header.props]
        first = tus[0]
        assert first.attr("creationid") == "AGENCY\\translator" and first.attr("usagecount") == "4"
        assert ("x-Context", "-2039829614, 1784312") in [(p.type, p.value) for p in first.props]
        assert first.tuvs[1].text == "The General Assembly adopted the convention in 2024."
        assert first.tuvs[1].seg.startswith('The <bpt i="1" type="1" x="1"/>General Assembly<ept i="1"/>')

    def test_memoq_bom_lower_case_regions_and_context_props(self) -> None:
        tus, log = read(DIALECTS / "memoq.tmx")
        assert [v.lang for v in tus[0].tuvs] == ["fa-IR", "en-GB"]
        assert {i.kind for i in log.issues} == {"language-tag"}
        assert ("x-context-pre", "<seg>ماده ۱</seg>") in [(p.type, p.value) for p in tus[0].props]
        assert tus[0].tuvs[0].text == "کشورهای عضو همکاری می\u200cکنند."

    def test_wordfast_tmx11_lang_and_ut(self) -> None:
        tus, log = read(DIALECTS / "wordfast-tmx11.tmx")
        assert [v.lang for v in tus[1].tuvs] == ["ar-SA", "en-US"]
        assert tus[1].tuvs[1].text == "See article 5." and "<ut>&lt;a href=" in tus[1].tuvs[1].seg
        assert "tmx11-lang" in {i.kind for i in log.issues}

    def test_opus_one_line_file_without_ids(self) -> None:
        tus, log = read(DIALECTS / "opus-oneline.tmx")
        assert len(tus) == 3 and not log.issues
        assert tus[1].tuvs[1].text == "This is a <book> & a pen."

    def test_language_codes_of_every_shape(self) -> None:
        tus, log = read(DIALECTS / "language-codes.tmx")
        assert [tuple(v.lang for v in tu.tuvs) for tu in tus] == [
            ("ar-SA", "en-US"), ("ar-SA", "en-US"), ("fa-IR", "en-GB"), ("ar", "en"), ("fa", "en"), ("ar", "en")]
        assert any(i.kind == "language-tag" and "'Arabic' normalized to 'ar'" in i.message for i in log.issues)

    def test_tuv_props_notes_srclang_and_empty_segments(self) -> None:
        tus, log = read(DIALECTS / "heartsome-tuv-props.tmx")
        assert [tu.attr("tuid") for tu in tus] == ["hs-1", "hs-2", "hs-3"]
        ar = tus[0].tuvs[1]
        assert attr_of(ar.attrs, "creationid") == "bob" and [n.text for n in ar.notes] == ["Reviewer changed the verb."]
        assert [(p.type, p.value) for p in ar.props] == [("x-quality", "95"), ("x-status", "reviewed")]
        assert tus[0].attr("changedate") == "2024-02-04 10:00:00"  # kept as written
        assert tus[1].attr("srclang") == "ar" and tus[2].tuvs[1].seg == ""
        assert [i.kind for i in log.issues if i.action == "skipped"] == ["empty-unit"]

    @pytest.mark.parametrize(("name", "text"), [
        ("utf16be-nobom.tmx", "خانه\u200cها"), ("utf16be-bom.tmx", "خانه\u200cها"), ("utf16le-nobom.tmx", "خانه\u200cها"),
        ("latin1-declared.tmx", "Déjà vu, café crème à l'été."),
        ("windows-1252-declared.tmx", "\u201cQuoted\u201d price: \u20ac 5 \u2013 VAT incl."),
        ("utf8-declared-utf16.tmx", "Café opening hours")])
    def test_encodings(self, name: str, text: str) -> None:
        tus, log = read(DIALECTS / name)
        assert tus and not log.issues
        assert tus[0].tuvs[0].text == text

    def test_text_inside_unknown_inline_elements_is_text(self) -> None:
        tus, log = read(DIALECTS / "xliff-tags-in-seg.tmx")
        assert [v.text for v in tus[0].tuvs] == ["Read the terms and sign.", "اقرأ الشروط ووقّع."]
        assert '<g id="1">terms</g>' in tus[0].tuvs[0].seg
        assert [(i.action, i.kind, i.line) for i in log.issues] == [("warning", "foreign-inline", 9), ("warning", "foreign-inline", 10)]

    def test_tmx_2_draft_is_read_with_a_warning(self) -> None:
        tus, log = read(DIALECTS / "tmx20-draft.tmx")
        assert len(tus) == 1 and [i.kind for i in log.issues] == ["version"]

    def test_tmx_in_the_namespace_of_its_xml_schema(self) -> None:
        tus, log = read(DIALECTS / "namespaced-tmx14.tmx")
        assert not log.issues
        assert tus[0].tuvs[0].seg == 'Open the <bpt i="1">&lt;b&gt;</bpt>file<ept i="1">&lt;/b&gt;</ept>.'
        assert tus[0].tuvs[1].text == "افتح الملف."

    def test_tmx_in_another_namespace_is_one_line_and_exit_2(self, tmp_path: Path) -> None:
        other = tmp_path / "other.tmx"
        other.write_text('<tmx xmlns="urn:example" version="1.4"><header/><body/></tmx>', encoding="utf-8")
        res = CliRunner().invoke(cli, ["tm", "import", str(other), "--store", str(tmp_path / "tm.sqlite")])
        assert res.exit_code == 2
        lines = res.stderr.strip().splitlines()
        assert len(lines) == 1 and "not a TMX file" in lines[0] and "Traceback" not in res.output

    @pytest.mark.parametrize("version", ["1.2", "2.1"])
    def test_text_inside_unknown_inline_elements_reaches_xliff(self, version: str) -> None:
        """Converted to XLIFF, the text of XLIFF's <g> copied into a TMX is text there too (it was dropped)."""
        res = CliRunner().invoke(cli, ["convert", str(DIALECTS / "xliff-tags-in-seg.tmx"), "-", "--to", "xliff",
                                       "--xliff-version", version])
        assert res.exit_code == 0, res.output
        root = etree.fromstring(res.stdout.encode())
        texts = ["".join(el.itertext()) for el in root.iter("{*}source", "{*}target")]
        assert texts == ["Read the terms and sign.", "اقرأ الشروط ووقّع."]


@pytest.mark.parametrize("name", FILES)
def test_converted_to_xliff_the_text_is_the_readers(name: str) -> None:
    """Every dialect converts to XLIFF 2.1 with each segment's text as the TMX reader reads it (comments
    and processing instructions in a segment made the XLIFF writer fail; XLIFF's <g> lost its text)."""
    tus, _ = read(DIALECTS / name)
    res = CliRunner().invoke(cli, ["convert", str(DIALECTS / name), "-", "--to", "xliff", "--xliff-version", "2.1"])
    assert res.exit_code == 0, res.output
    root = etree.fromstring(res.stdout.encode())
    written = ["".join(el.itertext()) for el in root.iter("{*}source", "{*}target")]
    assert written and set(written) <= {v.text for tu in tus for v in tu.tuvs}
