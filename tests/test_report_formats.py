"""The report renderers: JSON schema and signature, CSV guard, HTML escaping and direction, terminal."""
from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import replace
from pathlib import Path

from check_util import AR_GIANG, context
from hypothesis import given
from hypothesis import strategies as st
from lxml import html as lxml_html

from workbench.check import Baseline, CheckContext, Pair, run_checks
from workbench.check.runner import CheckRun
from workbench.check.session import apply_baseline
from workbench.model import Finding
from workbench.report import SCHEMA, render
from workbench.safeout import guard

EVIL = "The <script>alert(1)</script> the the report.\n"


def _run() -> CheckRun:
    return run_checks(context(("ar/a.txt", "ar", AR_GIANG), ("en/a.txt", "en", EVIL), glossary=False))


def test_json_has_schema_signature_and_findings() -> None:
    data = json.loads(render(_run(), "json"))
    assert data["schema"] == SCHEMA
    assert data["signature"].startswith("check:v1|profile:strict|settings:") and "|norm:v1|workbench:" in data["signature"]
    assert data["summary"]["by_check"]["variant-cluster"] == 1
    f = next(f for f in data["findings"] if f["check"] == "variant-cluster")
    assert set(f) >= {"id", "check", "severity", "doc", "line", "column", "start", "end", "surface", "suggestion", "places"}
    assert f["places"][0]["surface"] == "دانج هوانج جيانج"


def test_empty_report_is_valid_everywhere() -> None:
    run = run_checks(CheckContext())
    assert json.loads(render(run, "json"))["findings"] == []
    assert render(run, "csv").splitlines()[0].startswith("id,severity,check")
    page = lxml_html.fromstring(render(run, "html"))
    assert page.get_element_by_id("empty").text == "No findings."
    assert "0 findings" in render(run, "terminal")


def test_csv_cells_cannot_start_a_formula() -> None:
    assert guard("=HYPERLINK(\"http://x\")") == "'=HYPERLINK(\"http://x\")"
    assert guard("+1") == "'+1" and guard("@SUM(A1)") == "'@SUM(A1)" and guard("-2") == "'-2"
    assert guard("دانغ هوانغ جيانغ") == "دانغ هوانغ جيانغ"
    ctx = context(("en/a.txt", "en", "=cmd|' /C calc'!A0 the the end.\n"), glossary=False)
    rows = list(csv.reader(io.StringIO(render(run_checks(ctx), "csv"))))
    assert rows[1][rows[0].index("segment")].startswith("'=cmd")


def test_html_escapes_everything_and_sets_direction() -> None:
    text = render(_run(), "html")
    assert "<script>alert(1)</script>" not in text and "&lt;script&gt;alert(1)&lt;/script&gt;" in text
    page = lxml_html.fromstring(text)
    segs = page.find_class("seg")
    assert {s.get("dir") for s in segs} == {"rtl", "auto"}
    assert any("<script>alert(1)</script>" in s.text_content() for s in segs)
    assert len(page.xpath("//script")) == 1  # the report's own, inline
    assert not page.xpath("//*[@src or @href]")  # self-contained: nothing loaded from elsewhere
    boxes = page.xpath("//input[@name='check']/@value")
    assert "variant-cluster" in boxes and "repeated-word" in boxes
    assert page.xpath("//article[@data-check='variant-cluster']/@data-severity") == ["warning"]


def test_terminal_groups_by_check_and_highlights() -> None:
    out = render(_run(), "terminal", color=False, width=120)
    assert "variant-cluster: Name or term written several ways (1)" in out
    assert "ar/a.txt:2:13" in out and "→ دانج هوانج جيانج" in out
    colored = render(_run(), "terminal", color=True, width=120)
    assert "\x1b[" in colored


def test_every_report_counts_the_dismissed(tmp_path: Path) -> None:
    """Issue 11: a finding dismissed with wb dismiss is left out, and every report says so."""
    run = _run()
    first, second, *rest = run.findings
    base = Baseline(tmp_path / "baseline.txt")
    base.record([first])
    base.dismiss(second, "a quotation, kept as said")
    base.save()
    assert apply_baseline(run, base.path) == 0
    assert run.findings == rest and run.suppressed == 2 and run.recorded == 1
    assert run.dismissed == [(second, "a quotation, kept as said")]
    note = "1 dismissed, 1 recorded in the baseline, not shown"
    assert f"; {note};" in render(run, "terminal")
    assert lxml_html.fromstring(render(run, "html")).get_element_by_id("left-out").text == note
    summary = json.loads(render(run, "json"))["summary"]
    assert (summary["findings"], summary["suppressed"], summary["dismissed"]) == (len(rest), 2, 1)
    rows = list(csv.DictReader(io.StringIO(render(run, "csv"))))
    assert [r["id"] for r in rows] == [f.id for f in rest] + [second.id]
    assert [r["dismissed"] for r in rows] == [""] * len(rest) + ["a quotation, kept as said"]


def test_no_baseline_says_none_dismissed() -> None:
    run = run_checks(CheckContext())
    assert "0 findings: 0 errors, 0 warnings, 0 infos; 0 dismissed;" in render(run, "terminal")
    assert json.loads(render(run, "json"))["summary"]["dismissed"] == 0
    assert lxml_html.fromstring(render(run, "html")).get_element_by_id("left-out").text == "0 dismissed"


#: A window title, a screen clear and a right-to-left override, in a file name, a message and a segment.
HOSTILE = "\x1b]0;pwned\x07\x1b[2J\u202e"
_RAW = re.compile("\r(?!\n)|[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def _hostile_run() -> CheckRun:
    """Findings whose document name, message, segment, suggestion and places hold :data:`HOSTILE`."""
    run = _run()
    f = next(f for f in run.findings if f.check == "variant-cluster")
    doc = f"ar/evil{HOSTILE}.txt"
    run.findings = [replace(f, doc=doc, message=f"«{HOSTILE}دانج» written two ways", suggestion=f"x{HOSTILE}",
                            segment=f.segment[:3] + HOSTILE + f.segment[3:],
                            places=tuple((doc, *p[1:5], p[5] + HOSTILE) for p in f.places))]
    return run


def test_no_report_holds_a_raw_control_character() -> None:
    """Issue 12: the terminal report's only escape sequences are its colours; the
    other reports show control characters as \\uXXXX (JSON: the same data)."""
    run = _hostile_run()
    colored = render(run, "terminal", color=True, width=200)
    assert not _RAW.search(re.sub(r"\x1b\[[0-9;]*m", "", colored)) and "\\u001b]0;pwned\\u0007" in colored
    for fmt in ("terminal", "csv", "json", "html"):
        text = render(run, fmt)
        assert not _RAW.search(text) and "\\u202e" in text, fmt
    data = json.loads(render(run, "json"))["findings"][0]
    assert data["doc"] == run.findings[0].doc and data["message"] == run.findings[0].message


def test_html_isolates_every_piece_of_user_text() -> None:
    """Issue 12: a bidi override in a file name, message or segment cannot reorder the
    line around it: the page holds none raw, and each piece is isolated."""
    page = lxml_html.fromstring(render(_hostile_run(), "html"))
    assert "unicode-bidi:isolate" in page.xpath("//style")[0].text
    pieces = page.xpath("//body//text()[contains(., '\\u202e')]")
    assert len(pieces) >= 5
    for piece in pieces:
        assert piece.getparent().xpath("ancestor-or-self::*[self::bdi or @dir]"), piece
    assert page.xpath("//*[@class='loc']/bdi[contains(., 'evil')]")


# -- bilingual findings (issue 15.7) ---------------------------------------------------------------

#: An Arabic article and its translation, aligned line by line (written for these tests): the
#: numbers of line 1 differ, line 2 carries a deprecated Arabic spelling of the minister's name, and
#: line 3 is said twice in the source but translated two ways (the second way a formula).
AR_PAIRED = ("وقّعت 65 دولة على الاتفاقية في هانوي يوم السبت.\n"
             "وقال دانج هوانج جيانج إن الخطة جيدة.\n"
             "ستبدأ المرحلة الثانية من الخطة غدا.\n"
             "ستبدأ المرحلة الثانية من الخطة غدا.\n")
EN_PAIRED = ("On Saturday, 72 countries signed the convention in Hanoi.\n"
             "Dang Hoang Giang said the plan was good.\n"
             "The second phase of the plan starts tomorrow.\n"
             "=HYPERLINK(\"http://x\") The plan's second stage begins tomorrow.\n")


def _paired_run() -> CheckRun:
    return run_checks(context(("ar/p.txt", "ar", AR_PAIRED), ("en/p.txt", "en", EN_PAIRED),
                              pairs=(("ar/p.txt", "en/p.txt"),)))


def _one(run: CheckRun, check: str) -> Finding:
    found = [f for f in run.findings if f.check == check]
    assert found, [f.check for f in run.findings]
    return found[0]


def test_a_bilingual_finding_carries_its_pair_and_both_spans() -> None:
    f = _one(_paired_run(), "number-mismatch")
    assert f.bilingual and (f.source_doc, f.target_doc, f.source_lang, f.target_lang) == ("ar/p.txt", "en/p.txt", "ar", "en")
    assert f.source == AR_PAIRED.splitlines()[0] and f.target == EN_PAIRED.splitlines()[0]
    assert f.source_span is not None and f.target_span is not None
    assert f.source[slice(*f.source_span)] == "65" and f.target[slice(*f.target_span)] == "72"
    pair = json.loads(render(_paired_run(), "json"))["findings"]
    pair = next(x for x in pair if x["check"] == "number-mismatch")["pair"]
    assert pair["source"] == {"doc": "ar/p.txt", "lang": "ar", "text": f.source, "span": list(f.source_span)}
    assert pair["target"]["text"] == f.target and pair["target"]["span"] == list(f.target_span)


def test_a_finding_inside_an_aligned_pair_shows_the_pair_with_its_own_span() -> None:
    """A monolingual check's finding on an aligned segment gets the pair; only its own side is marked."""
    f = _one(_paired_run(), "deprecated-term")
    assert f.bilingual and f.doc == f.source_doc == "ar/p.txt" and f.target == EN_PAIRED.splitlines()[1]
    assert f.source_span is not None and f.source[slice(*f.source_span)] == "دانج هوانج جيانج" and f.target_span is None
    assert f.term == "دانج هوانج جيانج"


def test_pair_data_leaves_ids_fingerprints_and_the_old_fields_alone() -> None:
    """Baselines recorded before the pairs were added still match: nothing of the pair enters the id."""
    alone = run_checks(context(("ar/p.txt", "ar", AR_PAIRED), ("en/p.txt", "en", EN_PAIRED)))
    paired = {(f.check, f.start): f for f in _paired_run().findings}
    assert alone.findings and all(not f.bilingual for f in alone.findings)
    for f in alone.findings:
        g = paired[(f.check, f.start)]
        assert (g.id, g.fingerprint) == (f.id, f.fingerprint)
        old, new = f.as_dict(), g.as_dict()
        assert old["pair"] is None and new["pair"] is not None
        assert {k: v for k, v in new.items() if k not in ("pair", "renderings", "term")} == \
               {k: v for k, v in old.items() if k not in ("pair", "renderings", "term")}


def test_competing_renderings_are_counted() -> None:
    run = _paired_run()
    f = _one(run, "inconsistent-translation")
    assert sorted(n for _, n in f.renderings) == [1, 1]
    assert {t for t, _ in f.renderings} == set(EN_PAIRED.splitlines()[2:4])
    v = _one(_run(), "variant-cluster")
    assert sorted(v.renderings) == [("دانج هوانج جيانج", 1), ("دانغ هوانغ جيانغ", 1)]
    assert v.renderings[0][0] == v.suggestion == v.term  # the one to keep first


def test_csv_carries_source_target_and_renderings_guarded() -> None:
    rows = list(csv.DictReader(io.StringIO(render(_paired_run(), "csv"))))
    header = next(csv.reader(io.StringIO(render(_paired_run(), "csv"))))
    assert header[:12] == ["id", "severity", "check", "doc", "line", "column", "start", "end", "surface", "message",
                           "suggestion", "segment"] and header[-1] == "dismissed"  # the old columns keep their places
    number = next(r for r in rows if r["check"] == "number-mismatch")
    assert (number["source"], number["target"]) == (AR_PAIRED.splitlines()[0], EN_PAIRED.splitlines()[0])
    assert (number["source_lang"], number["target_lang"], number["target_doc"]) == ("ar", "en", "en/p.txt")
    inconsistent = [r for r in rows if r["check"] == "inconsistent-translation"]
    cells = {r["renderings"] for r in inconsistent} | {r["target"] for r in inconsistent}
    assert any("=HYPERLINK" in c for c in cells)
    assert all(not c.startswith(("=", "+", "-", "@")) for r in rows for c in r.values())
    assert any(r["renderings"].startswith("'=HYPERLINK") or " | =HYPERLINK" in r["renderings"] for r in inconsistent)
    unpaired = list(csv.DictReader(io.StringIO(render(_run(), "csv"))))
    assert unpaired and all(r["source"] == r["target"] == r["source_doc"] == "" for r in unpaired)


def test_html_shows_source_and_target_side_by_side() -> None:
    page = lxml_html.fromstring(render(_paired_run(), "html"))
    art = page.xpath("//article[@data-check='number-mismatch']")[0]
    sides = art.xpath(".//div[@class='pair']/div[@class='side']")
    assert [s.get("data-side") for s in sides] == ["source", "target"]
    segs = [s.find_class("seg")[0] for s in sides]
    assert [(p.get("dir"), p.get("lang")) for p in segs] == [("rtl", "ar"), ("auto", "en")]
    assert [p.find("mark").text for p in segs] == ["65", "72"]
    assert "en/p.txt" in sides[1].text_content()
    inconsistent = page.xpath("//article[@data-check='inconsistent-translation'][1]//ul[@class='renderings']/li")
    assert len(inconsistent) == 2 and all(li.find("bdi") is not None for li in inconsistent)


def test_html_groups_by_check_and_term_and_offers_every_filter() -> None:
    run = _paired_run()
    page = lxml_html.fromstring(render(run, "html"))
    term = page.xpath("//section[@data-check='deprecated-term']/section[@class='term']")
    assert [t.get("data-term") for t in term] == ["دانج هوانج جيانج"]
    assert term[0].xpath("h3/bdi")[0].text == "دانج هوانج جيانج" and term[0].xpath("h3//*[@class='n-shown']")[0].text == "1"
    assert sorted(page.xpath("//input[@name='lang']/@value")) == ["ar", "en"]
    options = page.xpath("//select[@name='doc']/option")
    assert [o.text for o in options] == ["all documents", "ar/p.txt", "en/p.txt"] and options[0].get("value") == ""
    number = page.xpath("//article[@data-check='number-mismatch']")[0]
    assert number.get("data-lang") == "en" and sorted(number.get("data-docs").split()) == ["0", "1"]
    csp = page.xpath("//meta[@http-equiv='Content-Security-Policy']/@content")[0]
    assert "default-src 'none'" in csp and "script-src 'sha256-" in csp and "unsafe-inline" not in csp


def test_message_fragments_are_isolated_each_with_its_count() -> None:
    from workbench.report.html_report import _isolated

    assert _isolated("keep “اتفاقية 2024” (glossary)") == "keep “<bdi>اتفاقية 2024</bdi>” (glossary)"
    assert _isolated("3 ways: Vietnam+ ×1, فيتنام+ ×2, دانج هوانج ×3; keep") == \
        "3 ways: <bdi>Vietnam+</bdi> ×1, <bdi>فيتنام+</bdi> ×2, <bdi>دانج هوانج</bdi> ×3; keep"
    assert _isolated("in ar/x.txt: الخطة <b>") == "in ar/x.txt: <bdi>الخطة</bdi> &lt;b&gt;"


def test_terminal_shows_both_sides() -> None:
    out = render(_paired_run(), "terminal", width=200)
    assert "    source ar: وقّعت 65 دولة" in out and "    target en: On Saturday, 72 countries" in out


@given(st.lists(st.text(alphabet="اب جد هو ab.\u200c", min_size=1, max_size=12).map(lambda t: t.strip(" ") + ".")
                .filter(lambda t: len(t) > 1), min_size=1, max_size=4), st.data())
def test_a_span_in_a_pair_maps_to_the_same_text(lines: list[str], data: st.DataObject) -> None:
    """Spans in the report's pair texts (segments joined by a space) show what the document has there."""
    ctx = context(("ar/h.txt", "ar", "\n".join(lines) + "\n"), ("en/h.txt", "en", "x.\n" * len(lines)), glossary=False,
                  pairs=(("ar/h.txt", "en/h.txt"),))
    doc = ctx.documents["ar/h.txt"]
    segs = doc.translatable
    if not segs:
        return
    pair = Pair(doc, ctx.documents["en/h.txt"], tuple(segs), ())
    first, last = data.draw(st.sampled_from(segs)), data.draw(st.sampled_from(segs))
    if last.start < first.start:
        first, last = last, first
    start = data.draw(st.integers(first.start, first.end))
    end = data.draw(st.integers(max(start, last.start), last.end))
    span = pair.offsets(True, start, end)
    assert span is not None
    if first is last:
        assert pair.src_text[span[0]:span[1]] == doc.text[start:end]
    else:  # each end lands at the same text; between them, segments joined by a space
        head, tail = first.end - start, end - last.start
        assert pair.src_text[span[0]:span[0] + head] == doc.text[start:first.end]
        assert pair.src_text[span[1] - tail:span[1]] == doc.text[last.start:end]
    assert pair.offsets(True, segs[-1].end + 1, segs[-1].end + 2) is None
