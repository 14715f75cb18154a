"""What a glossary from another tool needs before TBX can carry it: concept ids
that are XML names and language tags that are BCP 47.

Tools write ids TBX refuses (translate-toolkit's ``csv2tbx`` uses the source
term: spaces, a leading digit) and language codes that name no language
(``csv2tbx`` writes ``xx`` for a target language it was not told). Ids are
made valid (:func:`fix_ids`), languages renamed as the user says
(:func:`map_languages`), and both reported.
"""
from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace

from ..errors import LanguageTagError
from ..formats.termbase import LocatedConcept, is_xml_id, make_id
from ..model import Concept
from ..text.langtag import parse_tag

#: Tags that are BCP 47 but name no language a text is in.
NO_LANGUAGE = frozenset({"mul", "zxx", "mis", "und"})


def fix_ids(concepts: Sequence[Concept]) -> tuple[list[Concept], list[tuple[str, str]]]:
    """``concepts`` with every id that is not an XML name (:func:`~workbench.formats.termbase.is_xml_id`),
    or that an earlier concept has, replaced by one made from it that no other concept
    has; and the (old, new) pairs, in order."""
    taken = {c.id for c in concepts if is_xml_id(c.id)}
    used: set[str] = set()
    out: list[Concept] = []
    renamed: list[tuple[str, str]] = []
    for c in concepts:
        if is_xml_id(c.id) and c.id not in used:
            used.add(c.id)
            out.append(c)
            continue
        new = make_id(c.id, taken)
        taken.add(new)
        used.add(new)
        renamed.append((c.id, new))
        out.append(replace(c, id=new))
    return out, renamed


def bad_ids(concepts: Iterable[Concept]) -> list[str]:
    """The ids that are not XML names, or that an earlier concept has (each once)."""
    seen: set[str] = set()
    bad: list[str] = []
    for c in concepts:
        if (not is_xml_id(c.id) or c.id in seen) and c.id not in bad:
            bad.append(c.id)
        seen.add(c.id)
    return bad


def parse_language_map(pairs: Iterable[str]) -> dict[str, str]:
    """``["xx=ar", "yy=fa"]`` (or ``"xx=ar,yy=fa"`` items) as ``{"xx": "ar", ...}``; a ValueError says what is wrong."""
    mapping: dict[str, str] = {}
    for item in (x.strip() for pair in pairs for x in pair.split(",")):
        old, sep, new = item.partition("=")
        if not sep or not old.strip() or not new.strip():
            raise ValueError(f"{item!r} is not CODE=LANGUAGE (e.g. xx=ar)")
        try:
            mapping[old.strip()] = parse_tag(new.strip())
        except LanguageTagError as exc:
            raise ValueError(str(exc)) from None
    return mapping


def map_languages(entries: Sequence[LocatedConcept], mapping: Mapping[str, str]) -> list[LocatedConcept]:
    """``entries`` with each term language that is a key of ``mapping`` (any case) renamed."""
    folded = {k.lower(): v for k, v in mapping.items()}
    if not folded:
        return list(entries)
    out = []
    for e in entries:
        terms = tuple(replace(t, lang=folded.get(t.lang.lower(), t.lang)) for t in e.concept.terms)
        out.append(LocatedConcept(replace(e.concept, terms=terms), e.line, e.term_lines))
    return out


@dataclass
class LanguageUse:
    """How often a language tag is used, and where first: the line of the term and its concept."""

    terms: int
    line: int | None
    concept: str


def language_report(entries: Iterable[LocatedConcept]) -> tuple[dict[str, LanguageUse], dict[str, LanguageUse]]:
    """The languages that are not BCP 47 tags (``xx``), and those that are but name no
    language (``mul``, ``zxx``, private use ``qaa``-``qtz``), each with its use."""
    bad: dict[str, LanguageUse] = {}
    odd: dict[str, LanguageUse] = {}
    for e in entries:
        for t, line in zip(e.concept.terms, e.term_lines):
            try:
                tag = parse_tag(t.lang)
            except LanguageTagError:
                found = bad
            else:
                primary = tag.split("-")[0].lower()
                if not (primary in NO_LANGUAGE or (len(primary) == 3 and "qaa" <= primary <= "qtz")):
                    continue
                found = odd
            if t.lang in found:
                found[t.lang].terms += 1
            else:
                found[t.lang] = LanguageUse(1, line, e.concept.id)
    return bad, odd
