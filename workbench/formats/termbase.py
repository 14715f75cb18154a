"""What the termbase readers (TBX, MultiTerm XML, CSV, tab) yield: a concept and where it
was read; the concept ids TBX can carry; and term statuses as tools spell them."""
from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass

import regex
from lxml import etree

from ..model import Concept, TermStatus

#: What an id is made of when it is made from other text: letters, marks, digits and ``_ . -``.
_ID_RUN = regex.compile(r"[^\p{L}\p{M}\p{Nd}_.\-]+")

#: Term statuses by the word tools use, lower case, without ``-admn-sts``, a final ``term``
#: and separators: TBX-Basic (``preferredTerm-admn-sts``), the TBX default XCS
#: (``standardizedTerm-admn-sts``, ``normativeAuthorization`` ``legalTerm``...), TBX-Min
#: (``notRecommended``, ``obsolete``) and the plain words of glossaries and MultiTerm.
_STATUS_WORDS = {
    **dict.fromkeys(("preferred", "standardized", "standardised", "approved", "recommended"), TermStatus.PREFERRED),
    **dict.fromkeys(("admitted", "admissible", "legal", "regulated", "permitted", "accepted"), TermStatus.ADMITTED),
    **dict.fromkeys(("deprecated", "superseded", "obsolete", "notrecommended", "outdated"), TermStatus.DEPRECATED),
    **dict.fromkeys(("forbidden", "prohibited", "donotuse", "rejected"), TermStatus.FORBIDDEN),
}
_STATUS_NOISE = regex.compile(r"[\s_\-]+")


@dataclass(frozen=True, slots=True)
class LocatedConcept:
    """A concept with the line of its entry and of each of its terms (same order)."""

    concept: Concept
    line: int | None
    term_lines: tuple[int | None, ...]


def status_of(value: str) -> TermStatus | None:
    """The status a tool's word names (``supersededTerm-admn-sts``, ``notRecommended``,
    ``Preferred``); None for a word none of :data:`_STATUS_WORDS` is."""
    word = value.strip().lower().removesuffix("-admn-sts")
    word = _STATUS_NOISE.sub("", word)
    if word.endswith("term") and word != "term":
        word = word[: -len("term")]
    return _STATUS_WORDS.get(word)


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
