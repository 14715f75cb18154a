"""The HTML report of the sample project in headless Chromium: it loads without
script errors or Content-Security-Policy violations and requests nothing, its
filters (severity, check, language, document) work, a segment holding
``<script>`` shows as text, a right-to-left override in a file name or a
segment is shown, not applied, inside isolated elements, a bilingual finding
shows its source and target side by side with the flagged span on each, and
the count after each Arabic wording of a message is drawn to its right.

Chromium comes from Debian's ``chromium`` package (``apt-get install -y
chromium``; ``.ci/run`` installs it). Without it the test is skipped with
that reason, except under CI (``CI`` set), where its absence is a failure.
"""
from __future__ import annotations

import base64
import hashlib
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
         "--disable-sync", "--no-first-run", "--window-size=1280,1000", "--enable-logging=stderr", "--v=0"]
INJECTED = "Officials said the <script>window.__pwned = true</script> the the plan was sound.\n"
#: A file name and a line with a right-to-left override (issue 12).
OVERRIDE = ("zz_\u202eexe.txt", "The plan \u202ewas sound, the the officials said.\n")
#: An article and its translation whose numbers differ (written for this test): a bilingual finding.
NUMBERS = ("zz_numbers.txt", "وقّعت 65 دولة على الاتفاقية في هانوي يوم السبت.\n",
           "On Saturday, 72 countries signed the convention in Hanoi.\n")

CATCH_ERRORS = ("<script>window.__errors=[];window.addEventListener('error',function(e){"
                "window.__errors.push(String(e.message));});document.addEventListener('securitypolicyviolation',"
                "function(e){window.__errors.push('CSP: '+e.violatedDirective+' '+e.blockedURI);});</script>")
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
  var fa = document.querySelector('input[name="lang"][value="fa"]');
  out.faCount = all('.finding[data-lang="fa"]').length;
  fa.click();
  out.withoutFa = shown().length;
  out.faShown = shown().filter(function (f) { return f.dataset.lang === 'fa'; }).length;
  fa.click();
  var select = document.querySelector('select[name="doc"]');
  var option = Array.prototype.slice.call(select.options).filter(function (o) {
    return o.textContent === 'en/zz_numbers.txt'; })[0];
  select.value = option.value;
  select.dispatchEvent(new Event('change', {bubbles: true}));
  out.inDoc = shown().map(function (f) { return f.dataset.check; });
  out.inDocOwnDoc = shown().every(function (f) { return f.dataset.docs.split(' ').indexOf(option.value) >= 0; });
  out.sectionsShown = all('section.check').filter(function (s) { return !s.hidden; }).map(function (s) {
    return [s.dataset.check, s.querySelector('.n-shown').textContent]; });
  select.value = '';
  select.dispatchEvent(new Event('change', {bubbles: true}));
  out.afterReset = shown().length;
  var pair = document.querySelector('.finding[data-check="number-mismatch"] .pair');
  var sides = Array.prototype.slice.call(pair.querySelectorAll('.side'));
  var src = sides[0].getBoundingClientRect(), tgt = sides[1].getBoundingClientRect();
  out.pair = {roles: sides.map(function (s) { return s.dataset.side; }),
    dirs: sides.map(function (s) { return s.querySelector('.seg').getAttribute('dir'); }),
    langs: sides.map(function (s) { return s.querySelector('.seg').getAttribute('lang'); }),
    marks: sides.map(function (s) { var m = s.querySelector('mark'); return m ? m.textContent : null; }),
    sideBySide: Math.abs(src.top - tgt.top) < 2 && src.right <= tgt.left};
  // In a message, the count after an isolated wording is drawn right after it (left to right).
  out.misplacedCounts = [];
  out.countsChecked = 0;
  all('.msg bdi').forEach(function (b) {
    var next = b.nextSibling;
    if (!next || next.nodeType !== 3 || !/^ ×\\d/.test(next.data) || !/[\u0600-\u06ff]/.test(b.textContent)) { return; }
    var range = document.createRange();
    range.setStart(next, 1);
    range.setEnd(next, 2);
    var times = range.getClientRects()[0], rects = b.getClientRects(), last = rects[rects.length - 1];
    out.countsChecked += 1;
    if (Math.abs(times.top - last.top) < 4 && times.left < last.right - 1) {
      out.misplacedCounts.push(b.textContent);
    }
  });
  out.rtlNotIsolated = all('.msg').filter(function (m) {
    return Array.prototype.slice.call(m.childNodes).some(function (n) {
      return n.nodeType === 3 && /[\u0600-\u06ff]/.test(n.data); });
  }).map(function (m) { return m.textContent.slice(0, 80); });
  out.requests = performance.getEntriesByType('resource').map(function (r) { return r.name; });
  out.errors = window.__errors;
  out.pwned = window.__pwned === true;
  out.scriptText = all('.seg').map(function (s) { return s.textContent; })
    .filter(function (t) { return t.indexOf('<script>') >= 0; });
  out.scriptElements = all('main script').length;
  var shown = document.querySelector('header').textContent + document.querySelector('main').textContent;
  out.rawBidi = /[\\u202a-\\u202e\\u2066-\\u2069]/.test(shown);
  out.overrideShown = shown.indexOf('zz_\\\\u202eexe.txt') >= 0 && shown.indexOf('\\\\u202ewas sound') >= 0;
  out.notIsolated = all('.loc bdi, .msg, .msg bdi, .seg, .fix span, li span[dir], h1 bdi, h3 bdi, .renderings bdi')
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
    (dest / "corpus" / "ar" / NUMBERS[0]).write_text(NUMBERS[1], encoding="utf-8")
    (dest / "corpus" / "en" / NUMBERS[0]).write_text(NUMBERS[2], encoding="utf-8")
    build(Project.load(dest))
    page = (dest / "build" / "report.html").read_text(encoding="utf-8")
    assert "script-src 'sha256-" in page and "default-src 'none'" in page
    # The test's own scripts are let in by their hashes; the report's policy stays as it is.
    page = page.replace("script-src ", f"script-src '{_hash(CATCH_ERRORS)}' '{_hash(EXERCISE)}' ", 1)
    harness = tmp_path / "harness.html"
    harness.write_text(page.replace("<head>", "<head>" + CATCH_ERRORS, 1).replace("</body>", EXERCISE + "</body>", 1),
                       encoding="utf-8")
    proc = subprocess.run([chromium, *FLAGS, f"--user-data-dir={tmp_path / 'profile'}", "--dump-dom", harness.as_uri()],
                          capture_output=True, text=True, timeout=120, check=False)
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert "Uncaught" not in proc.stderr and "Refused to" not in proc.stderr, proc.stderr[-2000:]
    dom = lxml_html.fromstring(proc.stdout)
    out = json.loads(dom.get_element_by_id("test-results").text)
    assert out["errors"] == [] and out["requests"] == []
    assert out["total"] == out["initial"] == out["back"] > 50
    assert out["zwnjCount"] > 0 and out["zwnjAllHidden"]
    assert out["withoutZwnj"] == out["total"] - out["zwnjCount"] == int(out["shownCount"])
    assert out["severities"] and set(out["severities"]) <= {"error", "info"}
    assert not out["pwned"] and out["scriptElements"] == 0
    assert out["scriptText"] and "<script>window.__pwned = true</script>" in out["scriptText"][0]
    assert not out["rawBidi"] and out["overrideShown"] and out["notIsolated"] == [], out
    assert out["faCount"] > 0 and out["faShown"] == 0 and out["withoutFa"] == out["total"] - out["faCount"]
    assert "number-mismatch" in out["inDoc"] and len(out["inDoc"]) < out["total"] and out["inDocOwnDoc"]
    assert all(int(n) > 0 for _, n in out["sectionsShown"]) and len(out["sectionsShown"]) < len(set(out["inDoc"])) + 1
    assert out["afterReset"] == out["total"]
    assert out["pair"] == {"roles": ["source", "target"], "dirs": ["rtl", "auto"], "langs": ["ar", "en"],
                           "marks": ["65", "72"], "sideBySide": True}, out["pair"]
    assert out["countsChecked"] > 5 and out["misplacedCounts"] == [] and out["rtlNotIsolated"] == [], out


def _hash(script: str) -> str:
    """The CSP hash of an inline ``<script>`` element's text."""
    body = script[len("<script>"):-len("</script>")]
    return "sha256-" + base64.b64encode(hashlib.sha256(body.encode("utf-8")).digest()).decode("ascii")


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
