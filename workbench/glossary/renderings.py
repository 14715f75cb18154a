"""Accepted renderings of a term, written in its note (or its concept's note).

A term whose translation depends on the context says so in a note, in plain
words a terminologist writes and the checks read::

    Renderings in en: “ratification”, “ratify” (a State consents to be bound); “adoption”, “adopt” (the General Assembly passes the text).

Each clause ``Renderings in <language tag>:`` lists groups separated by
``;``: one or more quoted renderings (“…”, "…" or «…»), then the context
they are for in parentheses. Any of the renderings is accepted in a
translation into that language; the context is shown to the reader.
"""
from __future__ import annotations

from dataclasses import dataclass

import regex

from ..model import Concept, Term, lang_key

_CLAUSE = regex.compile(r"\brenderings?\s+in\s+([A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8})*)\s*:\s*(.*?)(?=\brenderings?\s+in\s+[A-Za-z-]+\s*:|$)",
                        regex.I | regex.S)
_QUOTED = regex.compile(r"[“\"«]([^”\"»]+)[”\"»]")
_CONTEXT = regex.compile(r"\(([^)]*)\)")


@dataclass(frozen=True, slots=True)
class Rendering:
    """Renderings accepted in ``lang`` for one context (``""``: any)."""

    lang: str
    texts: tuple[str, ...]
    context: str = ""


def parse_renderings(note: str) -> list[Rendering]:
    """The renderings a note lists (none when it has no ``Renderings in xx:`` clause)."""
    out = []
    for clause in _CLAUSE.finditer(note):
        lang = clause.group(1)
        for group in clause.group(2).split(";"):
            texts = tuple(t.strip() for t in _QUOTED.findall(group) if t.strip())
            if texts:
                ctx = _CONTEXT.search(_QUOTED.sub("", group))
                out.append(Rendering(lang, texts, ctx.group(1).strip() if ctx else ""))
    return out


def accepted_renderings(concept: Concept, term: Term, lang: str) -> list[Rendering]:
    """The renderings into ``lang`` accepted for ``term`` of ``concept``: those its
    own note lists, and those the concept's note lists."""
    want = lang_key(lang)
    return [r for note in (term.note, concept.note) for r in parse_renderings(note) if lang_key(r.lang) == want]
