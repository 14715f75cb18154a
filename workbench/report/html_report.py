"""The HTML report: one self-contained file (inline style and script, no
network, a Content-Security-Policy that allows only them), findings grouped
by check and by term with counts, filters by severity, check, language and
document. A finding on an aligned pair shows its source and target side by
side, each in its own direction and language, the flagged span marked on
each side where known; competing renderings are listed with their counts.

Every piece of text from the documents or file names is escaped, shown with
its control characters visible (:func:`~workbench.safeout.visible`: a bidi
override is written ``\\u202e``, not applied) and isolated (``<bdi>`` or
``dir``, ``unicode-bidi: isolate``), so it cannot reorder the text around it;
in a message, every quoted fragment and every right-to-left run is isolated,
so that counts and quotes stay beside their term.
"""
from __future__ import annotations

import base64
import hashlib
from collections import Counter
from collections.abc import Iterable
from html import escape
from itertools import groupby

import regex

from ..check.registry import CHECKS, SEVERITIES
from ..check.runner import CheckRun
from ..model import Finding, Place, lang_key
from ..safeout import visible
from .terminal import cut, excerpt, left_out

_RTL = {"ar", "fa", "he", "ur", "ps", "ckb", "yi", "dv"}
#: In an escaped message: a quoted fragment (its quotes kept outside the isolate), an item of a
#: list of counted wordings (``…: X ×2, Y ×1``), or a right-to-left run.
_FRAGMENT = regex.compile(r"(?P<open>[“«])(?P<quoted>[^”»]*)(?P<close>[”»])"
                          r"|(?<=[:,;] )[^,;:“”«»<>&]+?(?= ×\d)"
                          r"|[\p{Arabic}\p{Hebrew}](?:[\p{Arabic}\p{Hebrew}\p{N}\s.\u200c]*[\p{Arabic}\p{Hebrew}])?")

_STYLE = """
body{font:15px/1.5 system-ui,sans-serif;margin:0;color:#1d1d1f;background:#fafafa}
header{background:#fff;border-bottom:1px solid #ddd;padding:.8em 2em;position:sticky;top:0;z-index:1}
h1{font-size:1.3em;margin:0 0 .2em}h2{font-size:1.1em;margin:1.4em 0 .4em}
h3{font-size:1em;margin:1em 0 .3em;font-weight:600}p{margin:.3em 0}
main{padding:0 2em 2em}fieldset{display:inline-block;border:1px solid #ddd;margin:.2em .5em .2em 0;padding:.1em .8em;
vertical-align:top}
label{margin-right:1em;white-space:nowrap}.count{color:#666;font-weight:normal}select{max-width:28em}
.finding{background:#fff;border:1px solid #e3e3e3;border-left:4px solid #999;border-radius:4px;margin:.5em 0;
padding:.4em 1em}
.finding[data-severity=error]{border-left-color:#c62828}.finding[data-severity=warning]{border-left-color:#ef8f00}
.finding[data-severity=info]{border-left-color:#1e88e5}
.sev{font-weight:600;text-transform:uppercase;font-size:.8em}.fid{color:#666}.loc{font-family:monospace}
.seg{font-size:1.15em;background:#f6f6f6;padding:.3em .6em;border-radius:3px;margin:.2em 0}
.pair{display:grid;grid-template-columns:1fr 1fr;gap:.8em;margin:.3em 0}
.side-head{font-size:.8em;color:#666}.none{color:#999;font-style:italic}
.renderings{margin:.3em 0;padding:0;list-style:none}.renderings li{display:inline-block;margin:0 .4em .2em 0;
background:#eef3fb;border-radius:3px;padding:0 .4em}.renderings .keep{background:#e3f1e4}.n{color:#555}
bdi,[dir],.msg{unicode-bidi:isolate}
mark{background:#ffe082;padding:0 .1em}.fix{color:#2e7d32}.sig{color:#666;font-family:monospace;font-size:.85em}
@media (max-width:50em){.pair{grid-template-columns:1fr}}
[hidden]{display:none!important}
"""

_SCRIPT = """
(function () {
  'use strict';
  var form = document.getElementById('filters');
  var findings = Array.prototype.slice.call(document.querySelectorAll('.finding'));
  var groups = Array.prototype.slice.call(document.querySelectorAll('section.check, section.term'));
  function checked(name) {
    var out = {};
    form.querySelectorAll('input[name="' + name + '"]').forEach(function (box) { out[box.value] = box.checked; });
    return out;
  }
  function apply() {
    var sev = checked('severity'), chk = checked('check'), lang = checked('lang'), shown = 0;
    var doc = form.querySelector('select[name="doc"]').value;
    findings.forEach(function (f) {
      var visible = sev[f.dataset.severity] && chk[f.dataset.check] && lang[f.dataset.lang] &&
        (doc === '' || f.dataset.docs.split(' ').indexOf(doc) >= 0);
      f.hidden = !visible;
      if (visible) { shown += 1; }
    });
    groups.forEach(function (g) {
      var n = g.querySelectorAll('.finding:not([hidden])').length;
      g.hidden = n === 0;
      g.querySelector('.n-shown').textContent = String(n);
    });
    document.getElementById('shown-count').textContent = String(shown);
  }
  form.addEventListener('change', apply);
  apply();
}());
"""


def _sha256(text: str) -> str:
    return "sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii")


#: Nothing loads or runs but the report's own style and script.
CSP = (f"default-src 'none'; style-src '{_sha256(_STYLE)}'; script-src '{_sha256(_SCRIPT)}'; "
       "img-src 'none'; base-uri 'none'; form-action 'none'")


def _isolated(message: str) -> str:
    """``message`` escaped, each quoted fragment and right-to-left run in its own isolate (``<bdi>``)."""
    def isolate(m: regex.Match[str]) -> str:
        if m.group("open"):
            return f"{m.group('open')}<bdi>{m.group('quoted')}</bdi>{m.group('close')}"
        return f"<bdi>{m.group()}</bdi>"
    return str(_FRAGMENT.sub(isolate, escape(message)))


def _bdi(text: str) -> str:
    """A piece of user text (a file name, a profile) isolated, in its own direction."""
    return f"<bdi>{escape(text)}</bdi>"


def _dir(lang: str) -> str:
    return "rtl" if lang_key(lang) in _RTL else "auto"


def _text(text: str, lang: str, cls: str = "") -> str:
    attr = f' class="{cls}"' if cls else ""
    return f'<span{attr} dir="{_dir(lang)}" lang="{escape(lang)}">{escape(text)}</span>'


def _seg(text: str, s: int, e: int, lang: str) -> str:
    """A paragraph of ``text`` in its language's direction, ``[s, e)`` marked."""
    mark = f"<mark>{escape(text[s:e])}</mark>" if e > s else ""
    return (f'<p class="seg" dir="{_dir(lang)}" lang="{escape(lang)}">{escape(text[:s])}{mark}'
            f'{escape(text[e:])}</p>')


def _place(place: Place) -> str:
    """One place of a finding; documents are named ``<lang>/<file>``."""
    doc, line, col, _, _, surface = place
    lang = doc.split("/", 1)[0] if "/" in doc else "und"
    return f'<li><span class="loc">{_bdi(doc)}:{line}:{col}</span> {_text(surface, lang)}</li>'


def _side(role: str, doc: str, lang: str, text: str, span: tuple[int, int] | None) -> str:
    body = _seg(*cut(text, span), lang) if text else '<p class="seg none">(no translation)</p>'
    return (f'<div class="side" data-side="{role}"><div class="side-head">{role} · <span class="loc">{_bdi(doc)}</span> · '
            f'{escape(lang)}</div>{body}</div>')


_KEEP = ' class="keep"'


def _renderings(f: Finding) -> str:
    """The competing renderings with their counts, the one to keep marked (unless the message lists them)."""
    if all(text in f.message for text, _ in f.renderings):
        return ""
    items = "".join(f'<li{_KEEP if text == f.suggestion else ""}><bdi>{escape(text)}</bdi> <span class="n">×{n}</span></li>'
                    for text, n in f.renderings)
    return f'<ul class="renderings" aria-label="renderings">{items}</ul>'


def _finding(f: Finding, docs: dict[str, int]) -> str:
    if f.bilingual:
        body = (f'<div class="pair">{_side("source", f.source_doc, f.source_lang, f.source, f.source_span)}'
                f'{_side("target", f.target_doc, f.target_lang, f.target, f.target_span)}</div>')
    else:
        body = _seg(*excerpt(f), f.lang)
    fix = f'<p class="fix">→ <span dir="auto">{escape(f.suggestion)}</span></p>' if f.suggestion else ""
    places = ""
    if f.places:
        items = "".join(_place(p) for p in f.places)
        places = f"<details><summary>{len(f.places)} place{'s' if len(f.places) > 1 else ''}</summary><ol>{items}</ol></details>"
    involved = " ".join(sorted({str(docs[d]) for d in (f.doc, *(p[0] for p in f.places))}))
    return (f'<article class="finding" id="f-{escape(f.id)}" data-check="{escape(f.check)}" '
            f'data-severity="{escape(f.severity)}" data-lang="{escape(f.lang)}" data-docs="{involved}">'
            f'<div class="head"><span class="sev">{escape(f.severity)}</span> <code class="fid">{escape(f.id)}</code> '
            f'<span class="loc">{_bdi(f.doc)}:{f.line}:{f.column}</span></div>'
            f'<p class="msg" dir="ltr">{_isolated(f.message)}</p>{body}{_renderings(f)}{fix}{places}</article>')


def _count(n: int) -> str:
    """A group's count of findings shown (kept up to date by the filters)."""
    return f'<span class="count">(<span class="n-shown">{n}</span>)</span>'


def _checkboxes(name: str, counts: Iterable[tuple[str, int]]) -> str:
    return "".join(f'<label><input type="checkbox" name="{name}" value="{escape(v)}" checked> <bdi>{escape(v)}</bdi> '
                   f'<span class="count">({n})</span></label>' for v, n in counts)


def _filters(run: CheckRun, docs: dict[str, int]) -> str:
    sev = Counter(f.severity for f in run.findings)
    langs = Counter(f.lang for f in run.findings)
    options = "".join(f'<option value="{i}" dir="auto">{escape(d)}</option>' for d, i in docs.items())
    return (f'<form id="filters"><fieldset><legend>Severity</legend>'
            f'{_checkboxes("severity", ((s, sev.get(s, 0)) for s in SEVERITIES))}</fieldset>'
            f'<fieldset><legend>Check</legend>{_checkboxes("check", run.by_check().items())}</fieldset>'
            f'<fieldset><legend>Language</legend>{_checkboxes("lang", sorted(langs.items()))}</fieldset>'
            f'<fieldset><legend>Document</legend><select name="doc" aria-label="document">'
            f'<option value="">all documents</option>{options}</select></fieldset></form>')


def _section(check_id: str, items: list[Finding], docs: dict[str, int]) -> str:
    """A check's findings, those about one term (or cluster) together, groups in order of first finding."""
    name = CHECKS[check_id].title if check_id in CHECKS else check_id
    by_term: dict[str, list[Finding]] = {}
    for f in items:
        by_term.setdefault(f.term, []).append(f)
    parts = []
    for term, group in by_term.items():
        body = "".join(_finding(f, docs) for f in group)
        parts.append(f'<section class="term" data-term="{escape(term)}"><h3><bdi>{escape(term)}</bdi> '
                     f'{_count(len(group))}</h3>{body}</section>' if term else body)
    return (f'<section class="check" data-check="{escape(check_id)}">'
            f'<h2>{escape(check_id)}: {escape(name)} {_count(len(items))}</h2>{"".join(parts)}</section>')


def render_html(run: CheckRun, title: str = "workbench check") -> str:
    order = {c.id: i for i, c in enumerate(run.checks)}
    ranked = sorted(run.findings, key=lambda f: (order.get(f.check, len(order)), f.check, f.doc, f.start))
    docs = {d: i for i, d in enumerate(sorted({d for f in run.findings for d in (f.doc, *(p[0] for p in f.places))}))}
    sections = [_section(check_id, list(group), docs) for check_id, group in groupby(ranked, key=lambda f: f.check)]
    counts = run.counts()
    summary = ", ".join(f"{n} {s}" for s, n in counts.items())
    main = "".join(sections) or '<p id="empty">No findings.</p>'
    page = (f'<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
            f'<meta http-equiv="Content-Security-Policy" content="{CSP}">'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">'
            f'<meta name="generator" content="{escape(run.signature)}">'
            f'<title>{escape(title)}</title><style>{_STYLE}</style></head><body>'
            f'<header><h1>{_bdi(title)}</h1>'
            f'<p id="summary">{len(run.findings)} findings ({summary}); '
            f'<span id="left-out">{escape(left_out(run))}</span>; {run.documents} documents, '
            f'{run.pairs} aligned pairs; profile {_bdi(run.profile)}</p>{_filters(run, docs)}'
            f'<p>Showing <span id="shown-count">{len(run.findings)}</span> of {len(run.findings)}</p></header>'
            f'<main>{main}</main><footer><p class="sig">{escape(run.signature)}</p></footer>'
            f'<script>{_SCRIPT}</script></body></html>\n')
    return visible(page)
