"""BCP 47 language tags: parsing, normalization and fallback chains."""
from __future__ import annotations

from functools import lru_cache
from typing import Any

from ..errors import LanguageTagError

#: The two-letter language tags that langcodes finds valid and canonical, answered
#: without loading its registry (which costs a command 40 ms to start).
_CANONICAL = frozenset("""
aa ab ae af ak am an ar as av ay az ba be bg bh bi bm bn bo br bs ca ce ch co cr cs cu cv cy da de dv dz ee el en
eo es et eu fa ff fi fj fo fr fy ga gd gl gn gu gv ha he hi ho hr ht hu hy hz ia id ie ig ii ik io is it iu ja jv ka
kg ki kj kk kl km kn ko kr ks ku kv kw ky la lb lg li ln lo lt lu lv mg mh mi mk ml mn mr ms mt my na nb nd ne ng nl
nn no nr nv ny oc oj om or os pa pi pl ps pt qu rm rn ro ru rw sa sc sd se sg si sk sl sm sn so sq sr ss st su sv sw
ta te tg th ti tk tn to tr ts tt tw ty ug uk ur uz ve vi vo wa wo xh yi yo za zh zu""".split())


@lru_cache(maxsize=512)
def parse_tag(tag: str) -> str:
    """Return the canonical form of a BCP 47 tag (``EN_us`` -> ``en-US``), with CLDR's
    aliases: a deprecated or three-letter code by its two-letter one (``ara`` -> ``ar``),
    and the everyday member of a macrolanguage by the macrolanguage (``arb``, Standard
    Arabic, -> ``ar``; ``pes``, Iranian Persian, -> ``fa``; ``prs``, Dari, -> ``fa-AF``;
    ``cmn`` -> ``zh``), as OPUS, NTREX and FLORES write them; distinct varieties stay
    themselves (``arz``, Egyptian Arabic; ``yue``, Cantonese).

    Raises :class:`LanguageTagError` for a malformed tag or an unknown language.
    """
    raw = tag.strip()
    if raw in _CANONICAL:
        return raw
    if not raw:
        raise LanguageTagError("empty language tag")
    import langcodes

    candidate = raw.replace("_", "-")
    try:
        valid = langcodes.tag_is_valid(candidate)
        canonical = langcodes.standardize_tag(candidate, macro=True) if valid else ""
    except (ValueError, langcodes.tag_parser.LanguageTagError):
        valid = False
    if not valid or canonical in ("", "und"):
        raise LanguageTagError(f"unknown or malformed language tag {tag!r}")
    return canonical


@lru_cache(maxsize=512)
def language_named(text: str) -> str | None:
    """The canonical tag of a language given by its name in any language (``Arabic``,
    ``Farsi``, ``العربية``, ``Anglais``), with a region or script in brackets
    (``English (United States)`` -> ``en-US``, ``Chinese (Simplified)`` -> ``zh-Hans``),
    as spreadsheets and CAT tools head a glossary's columns; None for text that is
    not exactly such a name (``Remark`` is no language, though a name begins with ``Rema``)."""
    name, _, extra = text.strip().partition("(")
    found = _exact_name("language", name)
    extra = extra.rstrip().removesuffix(")").strip()
    if found is not None and extra:
        more = _exact_name("territory", extra) or _exact_name("script", extra)
        found = found.update(more) if more is not None else None
    if found is None:
        return None
    try:
        return parse_tag(found.to_tag())
    except LanguageTagError:
        return None


def _exact_name(category: str, name: str) -> Any:
    """The ``langcodes.Language`` that language_data gives ``name`` (a language, territory or
    script) when it knows the name as it is, not as the start of a longer text; else None."""
    import langcodes

    try:
        found = langcodes.Language.find_name(category, name.strip())
        from language_data.names import TRIES, normalize_name  # the lookup above loaded the names

        known = normalize_name(name) in TRIES[f"und/name_to_{category}"]
    except (LookupError, ImportError, ValueError):
        return None
    return found if known else None


def tag_or_name(text: str) -> str:
    """:func:`parse_tag`, else, for text that is no tag, the language it names
    (:func:`language_named`: ``English`` -> ``en``, as some tools write their
    language attributes); a :class:`LanguageTagError` when it is neither."""
    try:
        return parse_tag(text)
    except LanguageTagError:
        named = language_named(text) if len(text.strip()) >= 3 else None
        if named is None:
            raise
        return named


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
