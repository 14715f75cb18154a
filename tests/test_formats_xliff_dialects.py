"""XLIFF as CAT tools write it (tests/data/xliff/dialects/, written from each tool's documented
output and the XLIFF specifications: see its README.md): every unit and segment is read with
its text, ids, status and notes, checked against an independent parse of the file; nothing is
dropped without a line in the log; a file written back, and a store's import and export, keep
the same."""
from __future__ import annotations

import io
import json
import re
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

from workbench.cli import cli
from workbench.formats import xliff, xliff_read, xliff_tools, xliff_write
from workbench.formats.issues import ReadLog
from workbench.formats.registry import sniff
from workbench.formats.xmlguard import PARSE_OPTIONS, XML_INVALID
from workbench.model import FUZZY_PROP, TU
from workbench.text.langtag import parse_tag

DIALECTS = Path(__file__).parent / "data" / "xliff" / "dialects"
FILES = sorted(p.name for p in DIALECTS.iterdir() if p.suffix != ".md")
#: Inline elements whose content is native code, not text, per version family (1.2 ``sub`` is inside them).
CODES = {1: {"x", "bx", "ex", "ph", "bpt", "ept", "it"}, 2: {"ph", "sc", "ec", "sm", "em", "cp"}}
#: Phrase's tags, text in an .mxliff (``{1>``, ``<1}``, ``{b>``, ``<b}``, ``{2}``): codes, not text
#: (``{x>`` is not one of Phrase's formatting tags: text).
PHRASE_TAGS = re.compile(r"\{(?:[0-9]+|b|i|u|sup|sub)>|<(?:[0-9]+|b|i|u|sup|sub)\}|\{[0-9]+\}")


def read(path: Path | io.BytesIO, **options: object) -> tuple[list[TU], ReadLog]:
    log = ReadLog(str(path))
    return list(xliff_read.XliffReader(path, log, **options)), log  # type: ignore[arg-type]


def props(tu: TU) -> dict[str, str]:
    return {p.type: p.value for p in tu.props}


def _text(el: etree._Element, ns: str, family: int) -> str:
    """The translatable text of an element: codes left out, containers' and other elements' text kept
    (an element of another namespace is a code)."""
    parts = [el.text or ""]
    for child in el:
        if isinstance(child.tag, str):
            qname = etree.QName(child)
            if qname.namespace == (ns or None) and qname.localname not in CODES[family]:
                parts.append(_text(child, ns, family))
        parts.append(child.tail or "")
    return "".join(parts)


def _target(el: etree._Element | None, ns: str, family: int) -> str | None:
    """A target's text, None for no target (missing, or empty: no text and no code)."""
    if el is None or (not _text(el, ns, family).strip() and not len(el)):
        return None
    return _text(el, ns, family)


def expected(path: Path) -> list[tuple[str, str | None, str, str | None]]:
    """(unit id, segment id, source text, target text) of every unit or segment, read with plain lxml."""
    root = etree.parse(str(path), etree.XMLParser(**PARSE_OPTIONS)).getroot()
    ns = etree.QName(root).namespace or ""
    q = (lambda name: f"{{{ns}}}{name}") if ns else (lambda name: name)
    family = 2 if root.get("version", "").startswith("2") else 1
    if xliff_tools.PHRASE in root.nsmap.values():
        return [(u, s, PHRASE_TAGS.sub("", src), None if tgt is None else PHRASE_TAGS.sub("", tgt))
                for u, s, src, tgt in expected_raw(root, ns, q, family)]
    return expected_raw(root, ns, q, family)


def expected_raw(root: etree._Element, ns: str, q: Callable[[str], str], family: int
                 ) -> list[tuple[str, str | None, str, str | None]]:
    """:func:`expected` with the text as it is in the file."""
    out: list[tuple[str, str | None, str, str | None]] = []
    if family == 2:
        for unit in root.iter(q("unit")):
            segments = unit.findall(q("segment"))
            for k, seg in enumerate(segments):
                sid = seg.get("id") or (f"#{k + 1}" if len(segments) > 1 else None)
                out.append((unit.get("id") or "", sid, _text(seg.find(q("source")), ns, 2),  # type: ignore[arg-type]
                            _target(seg.find(q("target")), ns, 2)))
        return out
    for unit in root.iter(q("trans-unit")):
        source, target, segsrc = unit.find(q("source")), unit.find(q("target")), unit.find(q("seg-source"))
        marks = [m for m in segsrc.iter(q("mrk")) if m.get("mtype") == "seg"] if segsrc is not None else []
        if not marks:
            out.append((unit.get("id") or "", None, _text(source, ns, 1), _target(target, ns, 1)))  # type: ignore[arg-type]
            continue
        by_mid = {m.get("mid"): m for m in target.iter(q("mrk")) if m.get("mtype") == "seg"} if target is not None else {}
        for mark in marks:
            out.append((unit.get("id") or "", mark.get("mid"), _text(mark, ns, 1),
                        _target(by_mid.get(mark.get("mid")), ns, 1)))
    return out


def held(tus: list[TU]) -> list[tuple[str, str | None, str, str | None]]:
    """The same view of what the reader gave."""
    return [(tu.attr("tuid") or "", props(tu).get(xliff.P_SEGMENT), tu.tuvs[0].text,
             tu.tuvs[1].text if len(tu.tuvs) > 1 else None) for tu in tus]


def _units_in(path: Path) -> int:
    """Units and segments of a file, bin-units too: what the reader's ``read`` counts."""
    return len(expected(path)) + len(etree.parse(str(path)).getroot().findall(".//{*}bin-unit"))


@pytest.mark.parametrize("name", FILES)
def test_every_unit_and_segment_is_read(name: str) -> None:
    tus, log = read(DIALECTS / name, everything=True)
    assert held(tus) == [e for e in expected(DIALECTS / name)]
    assert log.read == _units_in(DIALECTS / name)


@pytest.mark.parametrize("name", FILES)
def test_nothing_is_dropped_without_a_reason(name: str) -> None:
    tus, log = read(DIALECTS / name)
    skipped = sum(n for (action, _), n in log.counts.items() if action == "skipped")
    assert log.read == _units_in(DIALECTS / name) and log.read - log.skipped == len(tus) and skipped == log.skipped
    assert all(i.line for i in log.issues)
    warnings = [i.message for i in log.issues if i.action == "warning"]
    assert len(warnings) == len(set(warnings))  # one warning per kind of thing


def _pairs(tus: list[TU]) -> dict[tuple[str, str], list[TU]]:
    """The TUs per language pair (a file of several files may have several target languages)."""
    out: dict[tuple[str, str], list[TU]] = {}
    some = next((tu.tuvs[1].lang for tu in tus if len(tu.tuvs) > 1), "zxx")  # for units without a target
    for tu in tus:
        out.setdefault((tu.tuvs[0].lang, tu.tuvs[1].lang if len(tu.tuvs) > 1 else some), []).append(tu)
    return out


def _version(path: Path) -> str:
    version = etree.parse(str(path)).getroot().get("version", "1.2")
    return version if version in xliff.VERSIONS else "1.2"


@pytest.mark.parametrize("name", FILES)
def test_written_back_reads_the_same(name: str) -> None:
    tus, _ = read(DIALECTS / name, everything=True)
    for (src, tgt), group in _pairs(tus).items():
        out = io.BytesIO()
        xliff_write.write_xliff(out, group, src, tgt, _version(DIALECTS / name))
        again, log = read(io.BytesIO(out.getvalue()), everything=True)
        assert again == group, out.getvalue().decode()
        assert not [i for i in log.issues if i.action == "warning"]


def _view(tus: list[TU]) -> Counter[object]:
    """TUs as a multiset; a segmented unit's skeleton left out (a unit some of whose segments are
    not imported is written with the others only)."""
    return Counter((tuple((v.lang, v.seg) for v in tu.tuvs), tu.attrs,
                    tuple(p for p in tu.props if p.type != xliff.P_SKELETON), tu.notes) for tu in tus)


@pytest.mark.parametrize("name", FILES)
def test_store_import_then_xliff_export_keeps_the_units(name: str, tmp_path: Path) -> None:
    store, out = tmp_path / "tm.sqlite", tmp_path / "out.xlf"
    tus, _ = read(DIALECTS / name)
    pairs = _pairs(tus)
    (src, tgt), group = next(iter(pairs.items()))
    runner = CliRunner()
    res = runner.invoke(cli, ["tm", "import", str(DIALECTS / name), "--store", str(store), "--on-duplicate", "add"])
    assert res.exit_code == 0, res.output
    res = runner.invoke(cli, ["tm", "export", "--store", str(store), "--format", "xliff", "--langs", f"{src},{tgt}",
                              "--xliff-version", _version(DIALECTS / name), "-o", str(out)])
    assert res.exit_code == 0, res.output
    assert _view(read(out)[0]) == _view(group)


@pytest.mark.parametrize("name", FILES)
def test_store_tmx_round_trip_keeps_every_prop(name: str, tmp_path: Path) -> None:
    """Through a store, a TMX file and a second store, an XLIFF export is the same."""
    tus, _ = read(DIALECTS / name)
    (src, tgt), group = next(iter(_pairs(tus).items()))
    runner = CliRunner()
    for args in (["tm", "import", str(DIALECTS / name), "--store", str(tmp_path / "a.sqlite"), "--on-duplicate", "add"],
                 ["tm", "export", "--store", str(tmp_path / "a.sqlite"), "-o", str(tmp_path / "a.tmx")],
                 ["tm", "import", str(tmp_path / "a.tmx"), "--store", str(tmp_path / "b.sqlite"), "--on-duplicate", "add"],
                 ["tm", "export", "--store", str(tmp_path / "b.sqlite"), "--format", "xliff", "--langs", f"{src},{tgt}",
                  "--xliff-version", _version(DIALECTS / name), "-o", str(tmp_path / "b.xlf")]):
        res = runner.invoke(cli, args)
        assert res.exit_code == 0, res.output
    assert _view(read(tmp_path / "b.xlf")[0]) == _view(group)


@pytest.mark.parametrize("name", FILES)
def test_converted_to_the_other_version_keeps_text_ids_and_states(name: str, tmp_path: Path) -> None:
    tus, _ = read(DIALECTS / name)
    (src, tgt), group = next(iter(_pairs(tus).items()))
    other = "2.1" if _version(DIALECTS / name) == "1.2" else "1.2"
    out = io.BytesIO()
    xliff_write.write_xliff(out, group, src, tgt, other)
    back, log = read(io.BytesIO(out.getvalue()))
    ids = [t.attr("tuid") or "" for t in group]
    if other != "1.2":  # XLIFF 2 ids are NMTOKENs: "Hello, %@!" is written Hello_____
        ids = [re.sub(r"[^\w.\-:]", "_", i) for i in ids]
    assert [(t.attr("tuid"), [v.text for v in t.tuvs]) for t in back] == list(zip(ids, [[v.text for v in t.tuvs]
                                                                                    for t in group]))
    tool = [p for p in xliff.PROPS if p.startswith("x-xliff-tool") or p == "x-xliff-locked"]
    units = Counter(t.attr("tuid") for t in group)  # a status of one segment of several is not the unit's
    assert [[p for p in t.props if p.type in tool] for t in back] == \
        [[p for p in t.props if p.type in tool and units[t.attr("tuid")] == 1] for t in group]
    assert log.skipped == 0


class TestDialects:
    """What each tool's file has of its own."""

    def test_trados_studio_statuses_comments_and_codes_around_segments(self) -> None:
        name = DIALECTS / "trados-studio.sdlxliff"
        assert sniff(name) == "xliff"
        tus, log = read(name, everything=True)
        status = {props(t)[xliff.P_SEGMENT]: (props(t).get(xliff_tools.P_TOOL_STATUS), props(t).get(xliff.P_STATE))
                  for t in tus if xliff.P_SEGMENT in props(t)}
        assert status == {"1": ("sdl:ApprovedSignOff", "final"), "2": ("sdl:Translated", "translated"),
                          "3": ("sdl:Draft", "needs-review-translation"), "4": ("sdl:Unspecified", "new"),
                          "5": ("sdl:RejectedTranslation", "needs-translation"), "6": ("sdl:ApprovedTranslation", "signed-off")}
        first = props(tus[1])
        assert first[xliff_tools.P_TOOL_ORIGIN] == "tm" and first[xliff_tools.P_TOOL_SCORE] == "100"
        assert first[xliff_tools.P_TOOL_SYSTEM] == "UNODC main TM"
        assert props(tus[-1])[xliff_tools.P_LOCKED] == "true"
        assert tus[1].tuvs[1].seg == 'The <bpt i="1">&lt;g id="pt1"&gt;</bpt>Vienna<ept i="1">&lt;/g&gt;</ept> press briefing'
        assert [n.text for n in tus[2].notes] == ["Check the figure against the press release."]
        assert json.loads(props(tus[2])[xliff.P_NOTES]) == [{"from": "REVIEWER\\nadia"}]
        assert any("sdl:seg-defs" in p.value for p in tus[2].props if p.type == xliff.P_EXTRA)
        assert any("tag-defs" in p.value for p in tus[0].props if p.type == xliff.P_FILE_EXTRA)
        assert [i.message for i in log.issues if i.action == "warning"] == [
            "<doc-info> outside the files (SDL Trados Studio; its comments are read as notes): not kept",
            "Trados Studio comments' severities and dates (their text and author are notes): not kept"]
        imported, log = read(name)
        assert [props(t).get(xliff.P_SEGMENT) for t in imported] == ["1", "2", "6"]
        assert sorted(k for (_, k) in log.counts if _ == "skipped") == ["xliff-not-translatable", "xliff-unfinished",
                                                                          "xliff-untranslated"]

    def test_trados_studio_written_back_keeps_codes_between_and_around_segments(self) -> None:
        tus, _ = read(DIALECTS / "trados-studio.sdlxliff", everything=True)
        out = io.BytesIO()
        xliff_write.write_xliff(out, tus, "ar-SA", "en-US", "1.2")
        root = etree.fromstring(out.getvalue())
        units = {u.get("id"): u for u in root.iter("{*}trans-unit")}
        segmented = units["b1c7b8f2-0d4e-4f6a-9e43-8e1d7c3a2b10"]
        segsrc = segmented.find("{*}seg-source")
        assert [(etree.QName(c).localname, c.get("mid") or c.get("id")) for c in segsrc] == [
            ("mrk", "2"), ("x", "pt3"), ("mrk", "3"), ("mrk", "4"), ("mrk", "5")]
        assert segmented.find("{*}source").findall("{*}x")[0].get("id") == "pt3"
        assert segmented.find("{*}target").get("state") is None  # segments differ: sdl:seg-defs says it
        wrapped = units["c94e1d20-6a5b-4f3c-8e2d-1b0a9f8e7d6c"]
        assert etree.QName(wrapped.find("{*}seg-source")[0]).localname == "g"
        assert "".join(wrapped.find("{*}source").itertext()) == "بيان ختامي"
        assert root.find(".//{*}tag-defs") is not None and root.find(".//{*}seg-defs") is not None

    def test_memoq_statuses_and_comments(self) -> None:
        tus, log = read(DIALECTS / "memoq.mqxliff")
        assert [t.tuvs[0].lang for t in tus][:1] == ["ar"] and tus[0].tuvs[1].lang == "en-GB"
        assert [props(t)[xliff_tools.P_TOOL_STATUS] for t in tus] == [
            "memoq:ManuallyConfirmed", "memoq:Reviewer1Confirmed", "memoq:Reviewer2Confirmed"]
        assert [props(t)[xliff.P_STATE] for t in tus] == ["translated", "signed-off", "final"]
        assert props(tus[0])[xliff_tools.P_LOCKED] == "true" and props(tus[0])[xliff_tools.P_TOOL_SCORE] == "100"
        assert json.loads(props(tus[0])[xliff.P_UNIT_ATTRS])["mq:lastchangingusername"] == "translator1"
        assert [n.text for n in tus[2].notes] == ["Context match (101%).", "Agreed."]
        assert json.loads(props(tus[2])[xliff.P_NOTES]) == [{"from": "proofreader", "annotates": "source"},
                                                            {"from": "translator1", "annotates": "target"}]
        assert Counter(k for (a, k) in log.counts.elements() if a == "skipped") == Counter(
            {"xliff-unfinished": 4, "xliff-untranslated": 1})
        kept, _ = read(DIALECTS / "memoq.mqxliff", keep_fuzzy=True)
        assert [props(t).get(FUZZY_PROP) for t in kept].count("true") == 4

    def test_phrase_confirmed_locked_and_scores(self) -> None:
        tus, _ = read(DIALECTS / "phrase.mxliff", everything=True)
        assert [props(t)[xliff_tools.P_TOOL_STATUS] for t in tus] == [
            "phrase:confirmed", "phrase:confirmed", "phrase:unconfirmed", "phrase:unconfirmed", "phrase:confirmed",
            "phrase:confirmed", "phrase:confirmed"]
        assert [props(t).get(xliff_tools.P_LOCKED) for t in tus] == [None, "true", None, None, None, None, None]
        assert props(tus[4])[xliff_tools.P_TOOL_SCORE] == "0.86" and props(tus[4])[xliff.P_MATCH_QUALITY] == "86"
        assert tus[0].tuvs[1].text == "Commemoration in Tehran"  # Phrase's tags are codes, not text
        assert [t.attr("tuid") for t in read(DIALECTS / "phrase.mxliff")[0]] == [
            "EoYxT8kQ2vVj9mRa_dc0:0", "EoYxT8kQ2vVj9mRa_dc1:0", "EoYxT8kQ2vVj9mRa_dc1:3", "EoYxT8kQ2vVj9mRa_dc2:0",
            "EoYxT8kQ2vVj9mRa_dc2:1"]
        group = json.loads(props(tus[1])[xliff.P_GROUP])
        assert group == [{"n": 2, "attrs": {"id": "1", "xmlns:m": xliff_tools.PHRASE, "m:para-id": "1"}, "extra": []}]

    def test_okapi_segments_alt_trans_and_extensions(self) -> None:
        tus, log = read(DIALECTS / "okapi-omegat.xlf")
        assert [(t.attr("tuid"), props(t).get(xliff.P_SEGMENT)) for t in tus] == [
            ("tu1", "0"), ("tu2", "0"), ("tu2", "1"), ("tu4", None)]
        assert props(tus[1])[xliff.P_MATCH_ORIGIN] == "omegat/project_save.tmx"
        assert any('okp:matchType="EXACT_PREVIOUS_VERSION"' in p.value for p in tus[1].props if p.type == xliff.P_EXTRA)
        assert '<bpt i="1" x="1">&lt;bpt id="1"&gt;&amp;lt;b&amp;gt;&lt;/bpt&gt;</bpt>' in tus[1].tuvs[0].seg
        assert json.loads(props(tus[0])[xliff.P_FILE_ATTRS])["okp:configId"] == "okf_html"
        assert [i.kind for i in log.issues] == ["xliff-unfinished"]

    def test_xcode_files_notes_and_untranslated_units(self) -> None:
        tus, log = read(DIALECTS / "xcode.xliff")
        assert [(props(t)[xliff.P_FILE], t.attr("tuid")) for t in tus] == [
            ("NewsReader/en.lproj/InfoPlist.strings", "CFBundleDisplayName"),
            ("NewsReader/Localizable.xcstrings", "Hello, %@!")]
        assert [n.text for n in tus[1].notes] == ["Greeting on the home screen; %@ is the reader's name."]
        assert log.counts[("skipped", "xliff-untranslated")] == 5
        with_sources, _ = read(DIALECTS / "xcode.xliff", untranslated=True)
        assert len(with_sources) == 7 and with_sources[1].tuvs[1].text == ""

    def test_angular_placeholders_keep_their_ids_and_context(self) -> None:
        tus, _ = read(DIALECTS / "angular-12.xlf")
        assert tus[0].tuvs[0].text == "Hello reader!" and tus[0].tuvs[1].lang == "ar"
        assert '&lt;x id="START_BOLD_TEXT" ctype="x-b" equiv-text="&amp;lt;b&amp;gt;"/&gt;' in tus[0].tuvs[0].seg
        assert [n.text for n in tus[0].notes] == ["An introduction header for this sample", "User welcome"]
        assert sum(p.type == xliff.P_EXTRA and "context-group" in p.value for p in tus[1].props) == 2
        assert props(tus[0])[xliff.P_UNIT_ATTRS] == '{"datatype": "html"}'
        two, _ = read(DIALECTS / "angular-20.xlf")
        assert two[0].tuvs[1].text == "سلام خواننده!" and 'equivStart="START_BOLD_TEXT"' in two[0].tuvs[1].seg.replace(
            "&quot;", '"')
        assert json.loads(props(two[0])[xliff.P_NOTES]) == [{"category": c} for c in ("location", "description", "meaning")]

    def test_xliff_2_modules_are_kept_whole(self) -> None:
        tus, log = read(DIALECTS / "okapi-xliff20.xlf", everything=True)
        extras = [p.value for p in tus[1].props if p.type == xliff.P_EXTRA]
        assert [e.split(" ")[0] for e in extras] == ["<mda:metadata", "<mtc:matches"]
        assert json.loads(props(tus[0])[xliff.P_UNIT_ATTRS]) == {"xmlns:fs": "urn:oasis:names:tc:xliff:fs:2.0", "fs:fs": "h1"}
        assert props(tus[0])[xliff.P_SUBSTATE] == "okp:confirmed"
        assert [p.value.split(">")[0] for p in tus[0].props if p.type == xliff.P_FILE_EXTRA] == [
            '<skeleton href="hanoi.html.skl"/', "<mda:metadata xmlns:mda=\"urn:oasis:names:tc:xliff:metadata:2.0\""]
        assert json.loads(props(tus[3])[xliff.P_UNIT_ATTRS]) == {"canResegment": "no"}
        assert json.loads(props(tus[3])[xliff.P_GROUP])[0]["attrs"] == {"id": "g1", "name": "footer", "type": "okp:block"}
        assert [i.kind for i in log.issues if i.action == "warning"] == []  # the ignorable's target is its source
        t21, _ = read(DIALECTS / "toolkit-xliff21.xlf")
        assert [props(t)[xliff.P_STATE] for t in t21] == ["final", "reviewed", "translated", "translated"]
        assert any(p.value.startswith("<gls:glossary") for p in t21[0].props if p.type == xliff.P_EXTRA)
        assert json.loads(props(t21[0])[xliff.P_UNIT_ATTRS])["its:person"] == "Leila Ahmadi"

    def test_bin_units_are_skipped_with_a_reason_and_groups_kept(self) -> None:
        tus, log = read(DIALECTS / "bin-unit-groups.xlf")
        assert [t.attr("tuid") for t in tus] == ["1", "img1-alt", "2"]
        assert [i.unit for i in log.issues if i.kind == "xliff-bin-unit"] == ["img1", "logo"]
        path = json.loads(props(tus[0])[xliff.P_GROUP])
        assert [g["attrs"].get("restype") for g in path] == ["x-section", "x-paragraph"]
        assert path[1]["extra"][0].startswith("<context-group")
        assert json.loads(props(tus[2])[xliff.P_UNIT_ATTRS]) == {"maxwidth": "120", "size-unit": "char"}
        assert json.loads(props(tus[0])[xliff.P_TARGET_ATTRS]) == {"phase-name": "tr1"}
        out = io.BytesIO()
        xliff_write.write_xliff(out, tus, "en", "ar")
        root = etree.fromstring(out.getvalue())
        assert [g.get("id") for g in root.iter("{*}group")] == ["sec1", "p1", "p2"]
        assert root.find(".//{*}phase-group") is not None and root.find(".//{*}count-group") is not None

    def test_rtl_text_keeps_spaces_and_bidi_marks(self) -> None:
        tus, _ = read(DIALECTS / "rtl-preserve.xlf")
        raw = etree.parse(str(DIALECTS / "rtl-preserve.xlf")).getroot()
        targets = ["".join(t.itertext()) for t in raw.iter("{*}target")]
        assert [t.tuvs[1].text for t in tus] == targets
        assert tus[0].tuvs[1].text.startswith("  قال \u202b") and "\u200e2.1\u200e\t" in tus[1].tuvs[1].text
        assert [t.tuvs[1].lang for t in tus] == ["ar"] * 4 + ["fa-IR"] * 2
        for (src, tgt), group in _pairs(tus).items():
            out = io.BytesIO()
            xliff_write.write_xliff(out, group, src, tgt)
            assert b'xml:space="preserve"' in out.getvalue()
            assert [t.tuvs[1].text for t in read(io.BytesIO(out.getvalue()))[0]] == [t.tuvs[1].text for t in group]


def test_languages_of_every_file_are_tags() -> None:
    for name in FILES:
        for tu in read(DIALECTS / name, everything=True)[0]:
            assert all(parse_tag(v.lang) == v.lang for v in tu.tuvs)


def test_root_attributes_of_tools_are_no_error() -> None:
    doc = (b'<xliff xmlns="urn:oasis:names:tc:xliff:document:1.2" xmlns:sdl="http://sdl.com/FileTypes/SdlXliff/1.0" '
           b'version="1.2" sdl:version="1.0"><file original="a" datatype="x" source-language="en" target-language="ar">'
           b'<body><trans-unit id="1"><source>a</source><target>b</target><sdl:seg-defs><sdl:seg id="9" conf="Draft"/>'
           b'<sdl:seg id="10"/></sdl:seg-defs></trans-unit></body></file></xliff>')
    tus, _ = read(io.BytesIO(doc))
    assert len(tus) == 1 and xliff_tools.P_TOOL_STATUS not in props(tus[0])  # two segs for one unsegmented unit: none


@pytest.mark.parametrize("version", xliff.VERSIONS)
def test_kept_props_from_elsewhere_cannot_break_the_output(version: str) -> None:
    """Props that say what to write back come from files anyone can edit (a TMX): what is not
    an element, declares entities, or names attributes XML cannot hold is left out."""
    from workbench.model import TUV, Prop

    kept = [Prop(xliff.P_VERSION, version), Prop(xliff.P_FILE, "f"),
            Prop(xliff.P_ROOT_ATTRS, '{"version": "9", "xmlns:xml": "urn:x", "bad name": "1", "xmlns:a": "urn:a", "a:b": "<&\\""}'),
            Prop(xliff.P_FILE_ATTRS, '{"original": "twice", "datatype": "again", "x-ok": "1"}'),
            Prop(xliff.P_FILE_EXTRA, '<!DOCTYPE a [<!ENTITY e "x">]><a>&e;</a>'),
            Prop(xliff.P_FILE_EXTRA, "<a/><b/>"), Prop(xliff.P_FILE_EXTRA, "not xml"),
            Prop(xliff.P_GROUP, "[{\"n\": 1}, 7, {\"attrs\": {\"id\": \"g\", \"1x\": \"no\"}, \"extra\": [\"<c/>\", 3]}]"),
            Prop(xliff.P_UNIT_ATTRS, '{"xmlns:q": "urn:q", "q:z": "1", "r:z": "unbound", "id": "kept-not"}'),
            Prop(xliff.P_TARGET_ATTRS, "[1, 2]"), Prop(xliff.P_EXTRA, "<x>&amp;</x>"), Prop(xliff.P_EXTRA, "<y>&e;</y>"),
            Prop(xliff.P_SKELETON, '{"seg-source": "<seg-source><b>"}')]
    tu = TU((TUV.plain("en", "a"), TUV.plain("ar", "ب")), (("tuid", "1"),), tuple(kept))
    out = io.BytesIO()
    xliff_write.write_xliff(out, [tu], "en", "ar", version)
    root = etree.fromstring(out.getvalue())  # well-formed
    assert root.get("{urn:a}b") == '<&"' and root.get("version") == version
    file = root.find("{*}file")
    assert file.get("original") in ("f", None) and root.find(".//{*}group").get("id") == "g"
    unit = root.find(".//{*}trans-unit") if version == "1.2" else root.find(".//{*}unit")
    assert unit.get("id") == "1" and unit.get("{urn:q}z") == "1"
    assert [etree.QName(e).localname for e in unit if etree.QName(e).localname in "xy"] == ["x"]
    assert read(io.BytesIO(out.getvalue()))[0][0].tuvs[1].text == "ب"


@pytest.mark.parametrize("version", ["1.2", "2.1"])
@pytest.mark.parametrize("name", ["trados-studio.tmx", "memoq.tmx", "okapi-rainbow.tmx"])
def test_tmx_props_ride_through_xliff(name: str, version: str) -> None:
    """TMX → XLIFF → TMX keeps a TU's props (in x-workbench-props), text and codes."""
    from workbench.formats.tmx import TmxReader

    with TmxReader(Path(__file__).parent / "data" / "tm" / "dialects" / name) as reader:
        tus = [tu for tu in reader if len(tu.tuvs) == 2]
    src, tgt = tus[0].tuvs[0].lang, tus[0].tuvs[1].lang
    out = io.BytesIO()
    xliff_write.write_xliff(out, tus, src, tgt, version)
    back, _ = read(io.BytesIO(out.getvalue()), everything=True)
    assert [tuple(p for p in t.props if p.type not in xliff.PROPS) for t in back] == [t.props for t in tus]
    names = [g.get("name") for g in etree.fromstring(out.getvalue()).iter("{*}context-group")]
    assert len(names) == len(set(names))  # the 1.2 schema's unique constraint on context-group names
    assert [[v.text for v in t.tuvs] for t in back] == [[v.text for v in t.tuvs] for t in tus]


_PROP_TYPE = st.text(st.characters(codec="utf-8", exclude_categories=("Cs", "Cc", "Zs", "Zl", "Zp")), min_size=1,
                     max_size=8) | st.sampled_from(["x-po-msgctxt", "Txt::Note", "x-Context", "client"])
_PROP_VALUE = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",), exclude_characters="\x00\ufffe\uffff")
                      .filter(lambda c: not XML_INVALID.match(c)), max_size=10)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(_PROP_TYPE, _PROP_VALUE), max_size=6), st.sampled_from(xliff.VERSIONS))
def test_props_of_other_formats_ride_through_xliff(pairs: list[tuple[str, str]], version: str) -> None:
    """Any props (but XLIFF's own) written to XLIFF come back the same, in the same order."""
    from workbench.model import TUV, Prop

    kept = tuple(Prop(t, v) for t, v in pairs if t not in xliff.PROPS and t != FUZZY_PROP and not t.isspace())
    tu = TU((TUV.plain("en", "a"), TUV.plain("ar", "ب")), (("tuid", "1"),), kept)
    out = io.BytesIO()
    xliff_write.write_xliff(out, [tu], "en", "ar", version)
    back, _ = read(io.BytesIO(out.getvalue()))
    assert tuple(p for p in back[0].props if p.type not in xliff.PROPS) == kept


def test_studio_file_to_tmx_and_back_is_a_studio_file_again(tmp_path: Path) -> None:
    """`wb convert` of an .sdlxliff to TMX and back: Studio's root attribute, header, groups, seg-defs and codes."""
    runner = CliRunner()
    res = runner.invoke(cli, ["convert", str(DIALECTS / "trados-studio.sdlxliff"), str(tmp_path / "m.tmx")])
    assert res.exit_code == 0, res.output
    assert res.output.count("2 warning: xliff-not-kept") == 1 and res.output.count(": not kept") == 2
    res = runner.invoke(cli, ["convert", str(tmp_path / "m.tmx"), str(tmp_path / "back.sdlxliff")])
    assert res.exit_code == 0, res.output
    root = etree.parse(str(tmp_path / "back.sdlxliff")).getroot()
    assert root.get(f"{{{xliff_tools.SDL}}}version") == "1.0"
    assert root.find(".//{*}tag-defs") is not None and len(root.findall(".//{*}group")) == 3
    assert len(root.findall(f".//{{{xliff_tools.SDL}}}seg-defs")) == 3  # of the three units imported
    assert _view(read(tmp_path / "back.sdlxliff")[0]) == _view(read(DIALECTS / "trados-studio.sdlxliff")[0])


@pytest.mark.parametrize("name", ["phrase.mxliff", "memoq.mqxliff"])
def test_tool_extensions_are_output_names_too(name: str, tmp_path: Path) -> None:
    out = tmp_path / f"out{Path(name).suffix}"
    res = CliRunner().invoke(cli, ["convert", str(DIALECTS / name), str(out)])
    assert res.exit_code == 0, res.output
    assert _view(read(out)[0]) == _view(read(DIALECTS / name)[0])


def test_an_embedded_original_document_is_not_kept(tmp_path: Path) -> None:
    """Studio puts the original document, base64, in the header's reference: not a memory's to keep."""
    big = "QUJD" * (xliff.MAX_KEPT // 4 + 1)
    doc = (f'<xliff xmlns="{xliff.NS12}" version="1.2"><file original="a.docx" datatype="x" source-language="en" '
           f'target-language="ar"><header><reference><internal-file form="base64">{big}</internal-file></reference>'
           '<tool tool-id="t" tool-name="T"/></header><body><trans-unit id="1"><source>a</source><target>ب</target>'
           '</trans-unit></body></file></xliff>').encode()
    tus, log = read(io.BytesIO(doc))
    assert [p.value for p in tus[0].props if p.type == xliff.P_FILE_EXTRA] == ['<tool tool-id="t" tool-name="T"/>']
    assert [i.message.split(" (")[0] for i in log.issues] == ["<reference> of more than 1 MiB"]
    out = io.BytesIO()
    xliff_write.write_xliff(out, tus, "en", "ar")
    assert b'<header>\n    <tool tool-id="t" tool-name="T"/>\n    </header>' in out.getvalue()


class TestPhraseTags:
    """Phrase writes its tags as text in an .mxliff (``{1>``…``<1}``, ``{b>``…``<b}``, ``{2}``): read as
    TMX codes whose native code is the tag, left out of the text, written back to 1.2 as the same text."""

    PHRASE = DIALECTS / "phrase.mxliff"

    @staticmethod
    def raw(path: Path) -> list[tuple[str, ...]]:
        """Every source and target (alt-trans too) of a 1.2 file as its text, with plain lxml; none may have elements."""
        root = etree.parse(str(path)).getroot()
        out = []
        for unit in root.iter("{*}trans-unit"):
            parts = [el for el in unit.iter("{*}source", "{*}target")]
            assert all(not len(el) for el in parts)
            out.append((unit.get("id") or "", *(el.text or "" for el in parts)))
        return out

    def test_tags_are_codes_and_out_of_the_text(self) -> None:
        tus, log = read(self.PHRASE, everything=True)
        by_id = {t.attr("tuid"): t for t in tus}
        first, nested, open_only = (by_id[f"EoYxT8kQ2vVj9mRa_dc{k}"] for k in ("0:0", "2:0", "2:1"))
        assert first.tuvs[0].seg == 'مراسم <bpt i="1" x="1">{1&gt;</bpt>یادبود<ept i="1">&lt;1}</ept> در تهران'
        assert first.tuvs[0].text == "مراسم یادبود در تهران"
        assert nested.tuvs[1].seg == (
            'The <bpt i="1" type="bold">{b&gt;</bpt><bpt i="2" type="italic">{i&gt;</bpt>final<ept i="2">&lt;i}</ept>'
            ' statement<ept i="1">&lt;b}</ept> was published on the <bpt i="3" x="3">{3&gt;</bpt>website'
            '<ept i="3">&lt;3}</ept>.<ph x="4">{4}</ph>')
        assert nested.tuvs[1].text == "The final statement was published on the website."
        assert props(nested)[xliff.P_MATCH_TARGET] == ('The <bpt i="1" type="bold">{b&gt;</bpt>statement'
                                                       '<ept i="1">&lt;b}</ept> was published on the <bpt i="2" x="3">'
                                                       '{3&gt;</bpt>website<ept i="2">&lt;3}</ept>.')
        assert open_only.tuvs[1].seg == '<it pos="begin" x="5">{5&gt;</it>Photo: IRNA'  # closed in another segment
        assert [props(t).get(xliff.P_TAGS) for t in tus] == ["phrase", None, None, None, "phrase", "phrase", "phrase"]
        assert not [i for i in log.issues if i.action == "warning"]

    def test_elsewhere_a_phrase_tag_is_text(self) -> None:
        """Only a file with Phrase's namespace on its root has Phrase's tags."""
        for decl in ("", f' xmlns:m="{xliff_tools.PHRASE}"'):
            doc = (f'<xliff xmlns="{xliff.NS12}" version="1.2"><file original="a" datatype="x" source-language="en" '
                   f'target-language="ar"><body><trans-unit id="1"{decl}><source>Use {{1&gt;x&lt;1}} and {{2}}</source>'
                   '<target>ب</target></trans-unit></body></file></xliff>').encode()
            tus, _ = read(io.BytesIO(doc))
            assert tus[0].tuvs[0].seg == "Use {1&gt;x&lt;1} and {2}" and tus[0].tuvs[0].text == "Use {1>x<1} and {2}"
            assert xliff.P_TAGS not in props(tus[0])

    @pytest.mark.parametrize("suffix", [".mxliff", ".xlf"])
    def test_convert_writes_the_same_text_back(self, suffix: str, tmp_path: Path) -> None:
        out = tmp_path / f"out{suffix}"
        res = CliRunner().invoke(cli, ["convert", str(self.PHRASE), str(out)])
        assert res.exit_code == 0, res.output
        assert etree.parse(str(out)).getroot().nsmap.get("m") == xliff_tools.PHRASE
        imported = {u for u, *_ in self.raw(out)}
        assert self.raw(out) == [r for r in self.raw(self.PHRASE) if r[0] in imported] and len(imported) == 5

    def test_to_xliff_2_the_tags_are_codes(self) -> None:
        tus, _ = read(self.PHRASE)
        out = io.BytesIO()
        xliff_write.write_xliff(out, tus, "fa", "en", "2.1")
        root = etree.fromstring(out.getvalue())
        unit = next(u for u in root.iter("{*}unit") if u.get("id") == "EoYxT8kQ2vVj9mRa_dc0:0")
        assert [d.text for d in unit.iter("{*}data")] == ["{1>", "<1}"]
        assert [etree.QName(c).localname for c in unit.find(".//{*}target")] == ["sc", "ec"]
        back, _ = read(io.BytesIO(out.getvalue()))
        assert [[v.text for v in t.tuvs] for t in back] == [[v.text for v in t.tuvs] for t in tus]

    def test_store_to_tmx_keeps_the_codes_as_markup(self, tmp_path: Path) -> None:
        runner = CliRunner()
        for args in (["tm", "import", str(self.PHRASE), "--store", str(tmp_path / "a.sqlite")],
                     ["tm", "export", "--store", str(tmp_path / "a.sqlite"), "-o", str(tmp_path / "a.tmx")],
                     ["convert", str(tmp_path / "a.tmx"), str(tmp_path / "back.mxliff")]):
            res = runner.invoke(cli, args)
            assert res.exit_code == 0, res.output
        segs = {tu.get("tuid"): [etree.tostring(s, encoding="unicode", with_tail=False)
                                 for s in tu.iter("seg")] for tu in etree.parse(str(tmp_path / "a.tmx")).iter("tu")}
        assert segs["EoYxT8kQ2vVj9mRa_dc1:3"][1] == '<seg>According to <ph x="2">{2}</ph>, 40 countries attended.</seg>'
        assert segs["EoYxT8kQ2vVj9mRa_dc2:1"][1] == '<seg><it pos="begin" x="5">{5&gt;</it>Photo: IRNA</seg>'
        assert '<bpt i="1" x="1">{1&gt;</bpt>Commemoration<ept i="1">&lt;1}</ept>' in segs["EoYxT8kQ2vVj9mRa_dc0:0"][1]
        text = [t for seg in etree.parse(str(tmp_path / "a.tmx")).iter("seg") for t in [seg.text, *(c.tail for c in seg)]]
        assert not PHRASE_TAGS.search("".join(t or "" for t in text))  # the tags are codes only
        back = {u: r for u, *r in self.raw(tmp_path / "back.mxliff")}
        assert all(back[u] == r[:len(back[u])] for u, *r in self.raw(self.PHRASE) if u in back) and len(back) == 5


_PIECES = st.sampled_from(["{1>", "<1}", "{2}", "{b>", "<b}", "{i>", "<i}", "{12>", "<12}", "{x>", "<1 }", "{", "}",
                           "<", ">", "&", " ", "a", "ب", "۱"])


@settings(max_examples=60, deadline=None)
@given(st.lists(st.lists(_PIECES, max_size=12).map("".join), min_size=2, max_size=2))
def test_phrase_text_round_trips(pair: list[str]) -> None:
    """Any text with Phrase tags, balanced or not, is written back to an .mxliff as it was; the text for
    matching is the text without them."""
    src, tgt = (escape_xml(t) for t in pair)
    doc = (f'<xliff xmlns="{xliff.NS12}" xmlns:m="{xliff_tools.PHRASE}" version="1.2"><file original="a" datatype="x" '
           f'source-language="en" target-language="ar"><body><trans-unit id="1"><source>{src}</source>'
           f'<target>{tgt}x</target></trans-unit></body></file></xliff>').encode()
    tus, _ = read(io.BytesIO(doc))
    assert [v.text for v in tus[0].tuvs] == [PHRASE_TAGS.sub("", t) for t in (pair[0], pair[1] + "x")]
    out = io.BytesIO()
    xliff_write.write_xliff(out, tus, "en", "ar")
    root = etree.fromstring(out.getvalue())
    assert [(el.text or "", len(el)) for el in root.iter("{*}source", "{*}target")] == [(pair[0], 0), (pair[1] + "x", 0)]


def escape_xml(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
