"""The report renderers: JSON schema and signature, CSV guard, HTML escaping and direction, terminal."""
from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import replace
from pathlib import Path

from check_util import AR_GIANG, context
from lxml import html as lxml_html

from workbench.check import Baseline, CheckContext, run_checks
from workbench.check.runner import CheckRun
from workbench.check.session import apply_baseline
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
