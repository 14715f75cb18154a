"""Run the selected checks over a context and locate their findings."""
from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from typing import Any

from .. import __version__
from ..model import Finding
from ..text.normalize import NORM_VERSION
from .context import CheckContext
from .draft import Draft
from .registry import CHECK_VERSION, Check, selected, settings_for, severity_rank


@dataclass(slots=True)
class CheckRun:
    """The outcome: findings in document order, the checks that ran, the signature;
    ``suppressed`` findings were left out by the baseline, ``dismissed`` ones
    among them (with the reviewer's reason) by ``wb dismiss``."""

    findings: list[Finding]
    checks: list[Check]
    profile: str
    signature: str
    documents: int = 0
    pairs: int = 0
    suppressed: int = 0
    dismissed: list[tuple[Finding, str]] = field(default_factory=list)

    @property
    def recorded(self) -> int:
        """Findings left out because the baseline recorded them (not dismissed)."""
        return self.suppressed - len(self.dismissed)

    def counts(self) -> dict[str, int]:
        """Findings per severity (every severity listed)."""
        out = {"error": 0, "warning": 0, "info": 0}
        for f in self.findings:
            out[f.severity] += 1
        return out

    def by_check(self) -> dict[str, int]:
        """Findings per check id (every check that ran listed)."""
        out = {c.id: 0 for c in self.checks}
        for f in self.findings:
            out[f.check] = out.get(f.check, 0) + 1
        return out

    def at_or_above(self, severity: str) -> list[Finding]:
        limit = severity_rank(severity)
        return [f for f in self.findings if severity_rank(f.severity) <= limit]


def fingerprint(ctx: CheckContext, text: str) -> str:
    """12 hex digits identifying a segment by its match key."""
    return hashlib.sha1(ctx.key(text).text.strip().encode("utf-8")).hexdigest()[:12]


def signature(profile: str, settings: Mapping[str, Any]) -> str:
    """What produced a report: check and normalization versions, profile, settings."""
    digest = hashlib.sha1(json.dumps(settings, sort_keys=True, default=str).encode()).hexdigest()[:8]
    return f"{CHECK_VERSION}|profile:{profile}|settings:{digest}|{NORM_VERSION}|workbench:{__version__}"


def run_checks(ctx: CheckContext, profile: str = "strict", config: Mapping[str, Any] | None = None,
               only: Iterable[str] = ()) -> CheckRun:
    """Run the checks of ``profile`` (or ``only`` those) with ``[check]`` settings ``config``."""
    checks = selected(profile, config, only)
    all_settings = {c.id: settings_for(c, config) for c in checks}
    findings: list[Finding] = []
    seen: dict[str, int] = {}
    for chk in checks:
        settings = all_settings[chk.id]
        for draft in chk.run(ctx, settings):
            finding = locate(ctx, chk.id, draft.severity or settings["severity"], draft)
            n = seen[finding.id] = seen.get(finding.id, 0) + 1
            if n > 1:  # the same thing twice in one segment: number the repeats
                finding = replace(finding, id=f"{finding.id}-{n}")
            findings.append(finding)
    findings.sort(key=lambda f: (f.doc, f.start, f.end, f.check))
    return CheckRun(findings, checks, profile, signature(profile, all_settings),
                    documents=len(ctx.documents), pairs=len(ctx.pairs))


def locate(ctx: CheckContext, check_id: str, severity: str, draft: Draft) -> Finding:
    """A finding with line, column, segment, fingerprint and a stable id."""
    doc = ctx.documents[draft.doc]
    place = doc.place(draft.start, draft.end)
    seg = doc.segment_at(draft.start)
    if seg is not None:
        seg_text, seg_start = seg.text, seg.start
    else:
        line_start = draft.start - place[2] + 1
        line_end = doc.text.find("\n", draft.end)
        seg_text, seg_start = doc.text[line_start:line_end if line_end >= 0 else len(doc.text)], line_start
    fp = fingerprint(ctx, seg_text)
    surface_key = ctx.key(place[5]).text
    ident = hashlib.sha1(f"{check_id}|{doc.id}|{fp}|{surface_key}".encode()).hexdigest()[:10]
    places = tuple(ctx.documents[d].place(s, e) for d, s, e in draft.places)
    finding = Finding(id=ident, check=check_id, severity=severity, doc=doc.id, lang=doc.lang, line=place[1],
                      column=place[2], start=draft.start, end=draft.end, surface=place[5], message=draft.message,
                      segment=seg_text, segment_start=seg_start, fingerprint=fp, suggestion=draft.suggestion,
                      involved=draft.involved, places=places, renderings=draft.renderings, term=draft.term)
    return with_pair(ctx, finding, draft)


def with_pair(ctx: CheckContext, finding: Finding, draft: Draft) -> Finding:
    """``finding`` with its aligned pair: the one the check names, else the pair
    holding the finding's span (that span flagged on its side)."""
    pair, src_span, tgt_span = draft.pair, draft.source_span, draft.target_span
    if pair is None:
        pair = ctx.pair_at(draft.doc, draft.start, draft.end)
        if pair is None:
            return finding
        own = (draft.start, draft.end)
        src_span, tgt_span = (own, None) if pair.src.id == draft.doc else (None, own)
    return replace(finding, source=pair.src_text, target=pair.tgt_text, source_lang=pair.src.lang,
                   target_lang=pair.tgt.lang, source_doc=pair.src.id, target_doc=pair.tgt.id,
                   source_span=pair.offsets(True, *src_span) if src_span else None,
                   target_span=pair.offsets(False, *tgt_span) if tgt_span else None)

