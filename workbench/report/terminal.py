"""The terminal report: findings grouped by check, each with its sentence and
the span highlighted. Text is printed in logical order, as stored, with its
control characters shown (:func:`~workbench.safeout.visible`): the only escape
sequences in the report are its own colours."""
from __future__ import annotations

import io
from itertools import groupby

from rich.console import Console
from rich.text import Text

from ..check.registry import CHECKS
from ..check.runner import CheckRun
from ..model import Finding
from ..safeout import visible

_STYLE = {"error": "bold red", "warning": "yellow", "info": "cyan"}
#: Characters of context shown on each side of the span in a long segment.
_CONTEXT = 120


def excerpt(f: Finding) -> tuple[str, int, int]:
    """The segment around a finding, cut to ``_CONTEXT`` characters each side,
    and the span's offsets in that excerpt."""
    s, e = f.start - f.segment_start, f.end - f.segment_start
    if not (0 <= s <= e <= len(f.segment)):
        return f.surface, 0, len(f.surface)
    return cut(f.segment, (s, e))


def cut(text: str, span: tuple[int, int] | None) -> tuple[str, int, int]:
    """``text`` cut to ``_CONTEXT`` characters each side of ``span`` (its start without a
    span), and the span's offsets in the cut text (an empty span without one)."""
    s, e = span or (0, 0)
    lo, hi = max(0, s - _CONTEXT), min(len(text), e + (_CONTEXT if span else 2 * _CONTEXT))
    head, tail = ("…" if lo else ""), ("…" if hi < len(text) else "")
    return head + text[lo:hi] + tail, s - lo + len(head), e - lo + len(head)


def left_out(run: CheckRun) -> str:
    """How many findings the baseline left out, e.g. "2 dismissed, 40 recorded in the baseline, not shown"."""
    text = f"{len(run.dismissed)} dismissed"
    if run.recorded:
        text += f", {run.recorded} recorded in the baseline"
    return text + (", not shown" if run.suppressed else "")


def _shown(lead: str, cut_text: tuple[str, int, int]) -> Text:
    """A line: ``lead``, then the text with its span highlighted."""
    text, s, e = cut_text
    line = Text(lead)
    if not text:
        line.append("(none)", style="dim")
    line.append(visible(text[:s]))
    line.append(visible(text[s:e]), style="reverse bold")
    line.append(visible(text[e:]))
    return line


def render_terminal(run: CheckRun, color: bool = False, width: int = 100) -> str:
    buf = io.StringIO()
    con = Console(file=buf, force_terminal=color, no_color=not color, width=width, highlight=False)
    rank = {c.id: i for i, c in enumerate(run.checks)}
    order = sorted(run.findings, key=lambda f: (rank.get(f.check, len(rank)), f.check, f.doc, f.start))
    for check_id, group in groupby(order, key=lambda f: f.check):
        items = list(group)
        title = CHECKS[check_id].title if check_id in CHECKS else check_id
        con.rule(Text(f"{check_id}: {title} ({len(items)})", style="bold"), align="left")
        for f in items:
            head = Text()
            head.append(f"{visible(f.doc)}:{f.line}:{f.column}", style="bold")
            head.append(f"  [{f.id}]  ")
            head.append(f.severity, style=_STYLE[f.severity])
            head.append(f"  {visible(f.message)}")
            con.print(head, markup=False)
            if f.bilingual:
                con.print(_shown(f"    source {visible(f.source_lang)}: ", cut(f.source, f.source_span)), markup=False)
                con.print(_shown(f"    target {visible(f.target_lang)}: ", cut(f.target, f.target_span)), markup=False)
            else:
                con.print(_shown("    ", excerpt(f)), markup=False)
            if any(r not in f.message for r, _ in f.renderings):  # listed unless the message lists them
                con.print(Text("    " + ", ".join(f"{visible(r)} ×{n}" for r, n in f.renderings), style="dim"),
                          markup=False)
            if f.suggestion:
                con.print(Text(f"    → {visible(f.suggestion)}", style="green"), markup=False)
            for place in f.places[:12]:
                con.print(Text(f"      {visible(place[0])}:{place[1]}:{place[2]}  {visible(place[5])}", style="dim"),
                          markup=False)
            if len(f.places) > 12:
                con.print(Text(f"      … {len(f.places) - 12} more places", style="dim"), markup=False)
    counts = run.counts()
    summary = ", ".join(f"{n} {sev}{'s' if n != 1 else ''}" for sev, n in counts.items())
    con.print(Text(f"{len(run.findings)} findings: {summary}; {left_out(run)}; {run.documents} documents, "
                   f"{run.pairs} aligned pairs; {run.signature}"), markup=False)
    return buf.getvalue()
