"""What CAT tools say in XLIFF 1.2 beside the standard: segment statuses, scores, locks, comments.

SDL Trados Studio (``.sdlxliff``), memoQ (``.mqxliff``) and Phrase
(``.mxliff``) leave the target's ``state`` out and keep each segment's
status in their own namespace: Studio in ``sdl:seg-defs/sdl:seg`` (one per
``mrk mtype="seg"``, ``conf``, ``origin``, ``percent``, ``locked``), memoQ in
attributes of the ``trans-unit`` (``mq:status``, ``mq:percent``,
``mq:locked``), Phrase too (``m:confirmed``, ``m:score``, ``m:locked``,
``m:trans-origin``). :func:`tool_status` reads them as the XLIFF 1.2 state
that means the same (:data:`STATES`), which decides whether the unit is a
finished translation, and as props that keep the tool's own words.
Comments become notes: memoQ's ``mq:comments``, and Studio's ``cmt-def``
of the ``doc-info`` that a ``mrk mtype="x-sdl-comment"`` in the unit names.
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from ..model import Prop

SDL = "http://sdl.com/FileTypes/SdlXliff/1.0"
MQ = "MQXliff"
PHRASE = "http://www.memsource.com/mxlf/2.0"

#: The tool's status in its own words (``sdl:Draft``, ``memoq:Pretranslated``, ``phrase:confirmed``),
#: its match score as it writes it, where the translation came from, whether the segment is locked.
P_TOOL_STATUS, P_TOOL_SCORE, P_TOOL_ORIGIN = "x-xliff-tool-status", "x-xliff-tool-score", "x-xliff-tool-origin"
P_TOOL_SYSTEM, P_LOCKED = "x-xliff-tool-origin-system", "x-xliff-locked"
PROPS = (P_TOOL_STATUS, P_TOOL_SCORE, P_TOOL_ORIGIN, P_TOOL_SYSTEM, P_LOCKED)

#: Each tool's statuses and the XLIFF 1.2 state read for them (a status not here is unfinished work).
STATES: dict[str, dict[str, str]] = {
    "sdl": {"Unspecified": "new", "Draft": "needs-review-translation", "Translated": "translated",
            "RejectedTranslation": "needs-translation", "ApprovedTranslation": "signed-off",
            "RejectedSignOff": "needs-review-translation", "ApprovedSignOff": "final"},
    "memoq": {"NotStarted": "new", "Edited": "needs-translation", "PartiallyEdited": "needs-translation",
              "Pretranslated": "needs-review-translation", "MachineTranslated": "needs-review-translation",
              "AssembledFromFragments": "needs-review-translation", "Rejected": "needs-translation",
              "ManuallyConfirmed": "translated", "Confirmed": "translated", "Reviewer1Confirmed": "signed-off",
              "Proofread": "final", "Reviewer2Confirmed": "final"},
    "phrase": {"unconfirmed": "needs-review-translation", "confirmed": "translated"},
}
#: Children of a trans-unit read here (as notes), so not kept whole.
READ_CHILDREN = frozenset({f"{{{MQ}}}comments"})


@dataclass(frozen=True, slots=True)
class ToolStatus:
    """A segment's status as a tool wrote it: the tool, its word, the 1.2 state read for it, props."""

    tool: str
    status: str
    state: str
    props: tuple[Prop, ...]

    @property
    def known(self) -> bool:
        return self.status in STATES[self.tool]


def _status(tool: str, status: str, score: str | None, origin: str | None, system: str | None,
            locked: bool) -> ToolStatus:
    props = [Prop(P_TOOL_STATUS, f"{tool}:{status}")]
    for name, value in ((P_TOOL_SCORE, score), (P_TOOL_ORIGIN, origin), (P_TOOL_SYSTEM, system)):
        if value:
            props.append(Prop(name, value))
    if locked:
        props.append(Prop(P_LOCKED, "true"))
    return ToolStatus(tool, status, STATES[tool].get(status, "needs-review-translation"), tuple(props))


def tool_status(unit: Any, mid: str | None) -> ToolStatus | None:
    """The status a tool gave segment ``mid`` of ``unit`` (the unit itself when ``mid`` is None), if any."""
    defs = unit.find(f"{{{SDL}}}seg-defs")
    if defs is not None:
        segs = list(defs.iterchildren(f"{{{SDL}}}seg"))
        seg = next((s for s in segs if s.get("id") == mid), None) if mid is not None else \
            (segs[0] if len(segs) == 1 else None)
        if seg is None:
            return None
        return _status("sdl", seg.get("conf") or "Unspecified", seg.get("percent"), seg.get("origin"),
                       seg.get("origin-system"), seg.get("locked") == "true")
    status = unit.get(f"{{{MQ}}}status")
    if status is not None:
        return _status("memoq", status, unit.get(f"{{{MQ}}}percent"), None, None,
                       unit.get(f"{{{MQ}}}locked") == "locked")
    confirmed = unit.get(f"{{{PHRASE}}}confirmed")
    if confirmed is not None:
        return _status("phrase", "confirmed" if confirmed == "1" else "unconfirmed", unit.get(f"{{{PHRASE}}}score"),
                       unit.get(f"{{{PHRASE}}}trans-origin"), None, unit.get(f"{{{PHRASE}}}locked") == "true")
    return None


#: A comment read as a note: its text and the XLIFF 1.2 note attributes that say who and about what.
Comment = tuple[str, dict[str, str]]


def memoq_comments(unit: Any) -> list[Comment]:
    """The ``mq:comments`` of a unit: ``from`` its author, ``annotates`` the side it is on."""
    out: list[Comment] = []
    for box in unit.iterchildren(f"{{{MQ}}}comments"):
        for comment in box.iterchildren(f"{{{MQ}}}comment"):
            attrs = {"from": comment.get("creatoruser") or ""}
            if comment.get("appliesto") in ("source", "target"):
                attrs["annotates"] = comment.get("appliesto")
            out.append((comment.text or "", {k: v for k, v in attrs.items() if v}))
    return out


def sdl_comment_defs(el: Any) -> tuple[str, list[Comment]]:
    """A Studio ``cmt-def``: its id and its comments (``from`` their author)."""
    comments = [((c.text or ""), {"from": c.get("user")} if c.get("user") else {})
                for c in el.iter("{*}Comment")]
    return el.get("id") or "", comments


def sdl_comment_refs(parts: Iterable[Any]) -> list[str]:
    """The comment ids that ``mrk mtype="x-sdl-comment"`` elements inside ``parts`` name, in order, each once."""
    ids: list[str] = []
    for part in parts:
        if part is None:
            continue
        for mark in part.iter("{*}mrk"):
            cid = mark.get(f"{{{SDL}}}cid")
            if mark.get("mtype") == "x-sdl-comment" and cid and cid not in ids:
                ids.append(cid)
    return ids
