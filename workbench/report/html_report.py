"""The HTML report: one self-contained file (inline style and script, no
network), every segment in its own direction, filters by check and severity,
counts. Every piece of text from the documents or file names is escaped, shown
with its control characters visible (:func:`~workbench.safeout.visible`: a bidi
override is written ``\u202e``, not applied) and isolated (``<bdi>`` or ``dir``,
``unicode-bidi: isolate``), so it cannot reorder the text around it."""
from __future__ import annotations

from collections import Counter
from html import escape
from itertools import groupby

import regex

from ..check.registry import CHECKS, SEVERITIES
from ..check.runner import CheckRun
from ..model import Finding, Place, lang_key
from ..safeout import visible
from .terminal import excerpt, left_out

_RTL = {"ar", "fa", "he", "ur", "ps", "ckb", "yi", "dv"}
_RTL_RUN = regex.compile(r"[\p{Arabic}\p{Hebrew}](?:[\p{Arabic}\p{Hebrew}\s.\u200c]*[\p{Arabic}\p{Hebrew}])?")

_STYLE = """
body{font:15px/1.5 system-ui,sans-serif;margin:0;color:#1d1d1f;background:#fafafa}
header{background:#fff;border-bottom:1px solid #ddd;padding:1em 2em;position:sticky;top:0;z-index:1}
h1{font-size:1.3em;margin:0 0 .3em}h2{font-size:1.1em;margin:1.5em 0 .5em}
main{padding:0 2em 2em}fieldset{display:inline-block;border:1px solid #ddd;margin:.3em .5em .3em 0;padding:.2em .8em}
label{margin-right:1em;white-space:nowrap}.count{color:#666}
.finding{background:#fff;border:1px solid #e3e3e3;border-left:4px solid #999;border-radius:4px;margin:.6em 0;padding:.5em 1em}
.finding[data-severity=error]{border-left-color:#c62828}.finding[data-severity=warning]{border-left-color:#ef8f00}
.finding[data-severity=info]{border-left-color:#1e88e5}
.sev{font-weight:600;text-transform:uppercase;font-size:.8em}.fid{color:#666}.loc{font-family:monospace}
.seg{font-size:1.15em;background:#f6f6f6;padding:.3em .6em;border-radius:3px}
bdi,[dir],.msg{unicode-bidi:isolate}
mark{background:#ffe082;padding:0 .1em}.fix{color:#2e7d32}.sig{color:#666;font-family:monospace;font-size:.85em}
[hidden]{display:none!important}
"""

_SCRIPT = """
(function () {
  var form = document.getElementById('filters');
  var findings = Array.prototype.slice.call(document.querySelectorAll('.finding'));
  var sections = Array.prototype.slice.call(document.querySelectorAll('section.check'));
  function checked(name) {
    var out = {};
    form.querySelectorAll('input[name="' + name + '"]').forEach(function (box) { out[box.value] = box.checked; });
    return out;
  }
  function apply() {
    var sev = checked('severity'), chk = checked('check'), shown = 0;
    findings.forEach(function (f) {
      var visible = sev[f.dataset.severity] && chk[f.dataset.check];
      f.hidden = !visible;
      if (visible) { shown += 1; }
    });
    sections.forEach(function (s) { s.hidden = !s.querySelector('.finding:not([hidden])'); });
    document.getElementById('shown-count').textContent = String(shown);
  }
  form.addEventListener('change', apply);
  apply();
}());
"""


def _isolated(message: str) -> str:
    """``message`` escaped, its right-to-left runs isolated (``<bdi>``) so quotes stay in place."""
    return str(_RTL_RUN.sub(lambda m: f"<bdi>{m.group()}</bdi>", escape(message)))


def _bdi(text: str) -> str:
    """A piece of user text (a file name, a profile) isolated, in its own direction."""
    return f"<bdi>{escape(text)}</bdi>"


def _dir(lang: str) -> str:
    return "rtl" if lang_key(lang) in _RTL else "auto"


def _text(text: str, lang: str, cls: str = "") -> str:
    attr = f' class="{cls}"' if cls else ""
    return f'<span{attr} dir="{_dir(lang)}" lang="{escape(lang)}">{escape(text)}</span>'


def _place(place: Place) -> str:
    """One place of a finding; documents are named ``<lang>/<file>``."""
    doc, line, col, _, _, surface = place
    lang = doc.split("/", 1)[0] if "/" in doc else "und"
    return f'<li><span class="loc">{_bdi(doc)}:{line}:{col}</span> {_text(surface, lang)}</li>'


def _finding(f: Finding) -> str:
    text, s, e = excerpt(f)
    seg = (f'<p class="seg" dir="{_dir(f.lang)}" lang="{escape(f.lang)}">{escape(text[:s])}'
           f'<mark>{escape(text[s:e])}</mark>{escape(text[e:])}</p>')
    fix = f'<p class="fix">→ {_text(f.suggestion, f.lang)}</p>' if f.suggestion else ""
    places = ""
    if f.places:
        items = "".join(_place(p) for p in f.places)
        places = f"<details><summary>{len(f.places)} places</summary><ol>{items}</ol></details>"
    return (f'<article class="finding" id="f-{escape(f.id)}" data-check="{escape(f.check)}" '
            f'data-severity="{escape(f.severity)}">'
            f'<div class="head"><span class="sev">{escape(f.severity)}</span> <code class="fid">{escape(f.id)}</code> '
            f'<span class="loc">{_bdi(f.doc)}:{f.line}:{f.column}</span></div>'
            f'<p class="msg" dir="ltr">{_isolated(f.message)}</p>{seg}{fix}{places}</article>')


def _filters(run: CheckRun) -> str:
    sev = Counter(f.severity for f in run.findings)
    by_check = run.by_check()
    boxes = "".join(f'<label><input type="checkbox" name="severity" value="{s}" checked> {s} '
                    f'<span class="count">({sev.get(s, 0)})</span></label>' for s in SEVERITIES)
    checks = "".join(f'<label><input type="checkbox" name="check" value="{escape(c)}" checked> {escape(c)} '
                     f'<span class="count">({n})</span></label>' for c, n in by_check.items())
    return (f'<form id="filters"><fieldset><legend>Severity</legend>{boxes}</fieldset>'
            f'<fieldset><legend>Check</legend>{checks}</fieldset></form>')


def render_html(run: CheckRun, title: str = "workbench check") -> str:
    sections = []
    order = {c.id: i for i, c in enumerate(run.checks)}
    for check_id, group in groupby(sorted(run.findings, key=lambda f: (order.get(f.check, len(order)), f.check, f.doc,
                                                                       f.start)), key=lambda f: f.check):
        items = list(group)
        name = CHECKS[check_id].title if check_id in CHECKS else check_id
        body = "".join(_finding(f) for f in items)
        sections.append(f'<section class="check" data-check="{escape(check_id)}">'
                        f'<h2>{escape(check_id)}: {escape(name)} <span class="count">({len(items)})</span></h2>{body}</section>')
    counts = run.counts()
    summary = ", ".join(f"{n} {s}" for s, n in counts.items())
    main = "".join(sections) or '<p id="empty">No findings.</p>'
    page = (f'<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">'
            f'<meta name="generator" content="{escape(run.signature)}">'
            f'<title>{escape(title)}</title><style>{_STYLE}</style></head><body>'
            f'<header><h1>{_bdi(title)}</h1>'
            f'<p id="summary">{len(run.findings)} findings ({summary}); '
            f'<span id="left-out">{escape(left_out(run))}</span>; {run.documents} documents, '
            f'{run.pairs} aligned pairs; profile {_bdi(run.profile)}</p>{_filters(run)}'
            f'<p>Showing <span id="shown-count">{len(run.findings)}</span> of {len(run.findings)}</p></header>'
            f'<main>{main}</main><footer><p class="sig">{escape(run.signature)}</p></footer>'
            f'<script>{_SCRIPT}</script></body></html>\n')
    return visible(page)
