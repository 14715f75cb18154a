"""BCP 47 language tags: parsing, normalization and fallback chains."""
from __future__ import annotations

from functools import lru_cache

import langcodes

from ..errors import LanguageTagError


@lru_cache(maxsize=512)
def parse_tag(tag: str) -> str:
    """Return the canonical form of a BCP 47 tag (``EN_us`` -> ``en-US``).

    Raises :class:`LanguageTagError` for a malformed tag or an unknown language.
    """
    raw = tag.strip()
    if not raw:
        raise LanguageTagError("empty language tag")
    candidate = raw.replace("_", "-")
    try:
        valid = langcodes.tag_is_valid(candidate)
        canonical = langcodes.standardize_tag(candidate) if valid else ""
    except (ValueError, langcodes.tag_parser.LanguageTagError):
        valid = False
    if not valid or canonical in ("", "und"):
        raise LanguageTagError(f"unknown or malformed language tag {tag!r}")
    return canonical


def primary(tag: str) -> str:
    """The primary language subtag of a valid tag (``ar-EG`` -> ``ar``)."""
    return parse_tag(tag).split("-", 1)[0].lower()


def fallback_chain(tag: str) -> list[str]:
    """Tags to try, most specific first: ``ar-EG`` -> ``["ar-EG", "ar"]``.

    Macrolanguage members fold to their macrolanguage (``prs`` -> ``fa-AF`` -> ``fa``).
    """
    canonical = parse_tag(tag)
    parts = canonical.split("-")
    chain = ["-".join(parts[:n]) for n in range(len(parts), 0, -1)]
    return list(dict.fromkeys(chain))


def same_language(a: str, b: str) -> bool:
    """Compare two tags by primary subtag when either lacks a region."""
    ca, cb = parse_tag(a), parse_tag(b)
    if ca.lower() == cb.lower():
        return True
    pa, pb = ca.split("-"), cb.split("-")
    return pa[0].lower() == pb[0].lower() and (len(pa) == 1 or len(pb) == 1)
