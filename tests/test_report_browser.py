"""The HTML report of the sample project in headless Chromium: it loads without
script errors, its filters work, a segment holding ``<script>`` shows as text,
and a right-to-left override in a file name or a segment is shown, not applied,
inside isolated elements.

Chromium comes from Debian's ``chromium`` package (``apt-get install -y
chromium``; ``.ci/run`` installs it). Without it the test is skipped with
that reason, except under CI (``CI`` set), where its absence is a failure.
"""
from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from check_util import ROOT
from lxml import html as lxml_html

from workbench.build import build
from workbench.project import Project

FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
         "--disable-sync", "--no-first-run", "--enable-logging=stderr", "--v=0"]
INJECTED = "Officials said the <script>window.__pwned = true</script> the the plan was sound.\n"
#: A file name and a line with a right-to-left override (issue 12).
OVERRIDE = ("zz_\u202eexe.txt", "The plan \u202ewas sound, the the officials said.\n")

CATCH_ERRORS = ("<script>window.__errors=[];window.addEventListener('error',function(e){"
                "window.__errors.push(String(e.message));});</script>")
EXERCISE = """<script>
(function () {
  function all(sel) { return Array.prototype.slice.call(document.querySelectorAll(sel)); }
  function shown() { return all('.finding').filter(function (f) { return !f.hidden; }); }
  var out = {total: all('.finding').length, initial: shown().length};
  var zwnj = document.querySelector('input[name="check"][value="zwnj"]');
  zwnj.click();
  out.withoutZwnj = shown().length;
  out.zwnjAllHidden = all('.finding[data-check="zwnj"]').every(function (f) { return f.hidden; });
  out.zwnjCount = all('.finding[data-check="zwnj"]').length;
  out.shownCount = document.getElementById('shown-count').textContent;
  zwnj.click();
  out.back = shown().length;
  var warning = document.querySelector('input[name="severity"][value="warning"]');
  warning.click();
  out.severities = shown().map(function (f) { return f.dataset.severity; });
  warning.click();
  out.errors = window.__errors;
  out.pwned = window.__pwned === true;
  out.scriptText = all('.seg').map(function (s) { return s.textContent; })
    .filter(function (t) { return t.indexOf('<script>') >= 0; });
  out.scriptElements = all('main script').length;
  var shown = document.querySelector('header').textContent + document.querySelector('main').textContent;
  out.rawBidi = /[\\u202a-\\u202e\\u2066-\\u2069]/.test(shown);
  out.overrideShown = shown.indexOf('zz_\\\\u202eexe.txt') >= 0 && shown.indexOf('\\\\u202ewas sound') >= 0;
  out.notIsolated = all('.loc bdi, .msg, .seg, .fix span, li span[dir], h1 bdi')
    .filter(function (e) { return getComputedStyle(e).unicodeBidi !== 'isolate'; })
    .map(function (e) { return e.outerHTML.slice(0, 80); });
  var pre = document.createElement('pre');
  pre.id = 'test-results';
  pre.textContent = JSON.stringify(out);
  document.body.appendChild(pre);
}());
</script>"""


def _chromium() -> str:
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if found is None:
        why = "Chromium is missing: install Debian's chromium package (apt-get install -y chromium); .ci/run does"
        if os.environ.get("CI"):
            pytest.fail(why)
        pytest.skip(why)
    return found


def test_report_in_headless_chromium(tmp_path: Path) -> None:
    chromium = _chromium()
    dest = tmp_path / "sample"
    dest.mkdir()
    shutil.copy(ROOT / "workbench.toml", dest)
    for folder in ("corpus", "glossary", "tmx"):
        shutil.copytree(ROOT / folder, dest / folder)
    (dest / "corpus" / "en" / "zz_injection.txt").write_text(INJECTED, encoding="utf-8")
    (dest / "corpus" / "en" / OVERRIDE[0]).write_text(OVERRIDE[1], encoding="utf-8")
    build(Project.load(dest))
    page = (dest / "build" / "report.html").read_text(encoding="utf-8")
    harness = tmp_path / "harness.html"
    harness.write_text(page.replace("<head>", "<head>" + CATCH_ERRORS, 1).replace("</body>", EXERCISE + "</body>", 1),
                       encoding="utf-8")
    proc = subprocess.run([chromium, *FLAGS, f"--user-data-dir={tmp_path / 'profile'}", "--dump-dom", harness.as_uri()],
                          capture_output=True, text=True, timeout=120, check=False)
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert "Uncaught" not in proc.stderr
    dom = lxml_html.fromstring(proc.stdout)
    out = json.loads(dom.get_element_by_id("test-results").text)
    assert out["errors"] == []
    assert out["total"] == out["initial"] == out["back"] > 50
    assert out["zwnjCount"] > 0 and out["zwnjAllHidden"]
    assert out["withoutZwnj"] == out["total"] - out["zwnjCount"] == int(out["shownCount"])
    assert out["severities"] and set(out["severities"]) <= {"error", "info"}
    assert not out["pwned"] and out["scriptElements"] == 0
    assert out["scriptText"] and "<script>window.__pwned = true</script>" in out["scriptText"][0]
    assert not out["rawBidi"] and out["overrideShown"] and out["notIsolated"] == [], out


@pytest.mark.parametrize(("ci", "outcome"), [(None, pytest.skip.Exception), ("true", pytest.fail.Exception)])
def test_missing_chromium_skips_except_under_ci(monkeypatch: pytest.MonkeyPatch, ci: str | None,
                                                outcome: type[BaseException]) -> None:
    monkeypatch.setattr(shutil, "which", lambda name: None)
    if ci is None:
        monkeypatch.delenv("CI", raising=False)
    else:
        monkeypatch.setenv("CI", ci)
    with pytest.raises(outcome, match="apt-get install -y chromium"):
        _chromium()
