"""What the termbase readers (TBX, CSV, tab) yield: a concept and where it was read;
and the concept ids TBX can carry."""
from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass

import regex
from lxml import etree

from ..model import Concept

#: What an id is made of when it is made from other text: letters, marks, digits and ``_ . -``.
_ID_RUN = regex.compile(r"[^\p{L}\p{M}\p{Nd}_.\-]+")


@dataclass(frozen=True, slots=True)
class LocatedConcept:
    """A concept with the line of its entry and of each of its terms (same order)."""

    concept: Concept
    line: int | None
    term_lines: tuple[int | None, ...]


def is_xml_id(text: str) -> bool:
    """Whether ``text`` can be a TBX entry ``id``: an XML name without colons (``xsd:ID``),
    here also starting with a letter or ``_`` (not a digit of any script)."""
    if not text or "{" in text or not (text[0] == "_" or regex.match(r"\p{L}", text[0])):
        return False
    try:
        etree.QName(text)
    except ValueError:
        return False
    return True


def make_id(text: str, taken: Collection[str] = ()) -> str:
    """An id TBX can carry made from ``text`` (``2024 session`` -> ``c-2024-session``), not in ``taken``:
    runs of other characters become ``-``, ``c-`` goes before what does not start with a
    letter, and ``-2``, ``-3``... after an id already taken."""
    base = _ID_RUN.sub("-", text).strip("-.") or "c"
    if not is_xml_id(base):
        base = "c-" + base
    if not is_xml_id(base):  # characters XML names cannot hold that the pattern let through
        base = "c-" + "".join(ch if is_xml_id("c" + ch) else "-" for ch in base[2:])
    cid, n = base, 1
    while cid in taken:
        n += 1
        cid = f"{base}-{n}"
    return cid
