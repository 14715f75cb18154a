"""Export the segmentation rules as SRX 2.0 for OmegaT, Okapi and other CAT tools.

Every rule is written, its quotation condition as plain patterns
(:meth:`~workbench.segment.rules.Rule.patterns`); ``\\d`` becomes ``\\p{Nd}``
(Java's ``\\d`` is ASCII only, and Arabic-Indic and Persian digits matter
here) and unbounded quantifiers get an upper bound, since SRX engines
evaluate ``beforebreak`` inside a look-behind.

Each rule set is mapped from every language tag that ``wb segment`` gives
it: its own subtag and the subtags BCP 47 canonicalization replaces by a tag
that falls back to it (``prs``, Dari, -> ``fa-AF`` -> ``fa``; ``per`` ->
``fa``; ``ara`` -> ``ar``), each with any region or script after it.
"""
from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from lxml import etree

from ..fileio import atomic_write_bytes
from .rules import LanguageRules, rules_for

SRX_NS = "http://www.lisa.org/srx20"
_BOUND = 20


def java_pattern(pattern: str) -> str:
    """Rewrite a pattern for Java-based SRX engines (bounded, Unicode digits)."""
    out: list[str] = []
    i, in_class = 0, False
    while i < len(pattern):
        ch = pattern[i]
        if ch == "\\" and i + 1 < len(pattern):
            nxt = pattern[i + 1]
            out.append("\\p{Nd}" if nxt == "d" else ch + nxt)
            i += 2
            continue
        if in_class:
            in_class = ch != "]"
            out.append(ch)
        elif ch == "[":
            in_class = True
            out.append(ch)
            if pattern.startswith("^", i + 1) or pattern.startswith("]", i + 1):
                out.append(pattern[i + 1])
                i += 1
        elif ch in "*+":
            out.append(f"{{0,{_BOUND}}}" if ch == "*" else f"{{1,{_BOUND}}}")
        elif ch == "{" and (close := pattern.find("}", i)) > 0 and pattern[i + 1 : close].endswith(","):
            out.append(pattern[i : close] + f"{_BOUND}}}")
            i = close
        else:
            out.append(ch)
        i += 1
    return "".join(out)


def language_subtags(lang: str) -> list[str]:
    """``lang`` and the language subtags that :func:`~workbench.segment.rules.rules_for`
    resolves to the rules of ``lang`` through canonicalization (``fa``: ``fa``,
    ``drw``, ``fas``, ``per``, ``pes``, ``prs``, ``tnf``), ``lang`` first."""
    from langcodes.data_dicts import LANGUAGE_REPLACEMENTS, NORMALIZED_MACROLANGUAGES

    primary = lang.split("-")[0].lower()
    replaced = {**LANGUAGE_REPLACEMENTS, **NORMALIZED_MACROLANGUAGES}
    aliases = sorted(k for k, v in replaced.items()
                     if "-" not in k and v.split("-")[0].lower() == primary and rules_for(k).lang == lang)
    return [lang, *(a for a in aliases if a != lang)]


def language_pattern(lang: str) -> str:
    """The ``languagepattern`` of the SRX map for the rule set of ``lang`` (:func:`language_subtags`)."""
    if lang == "generic":
        return "(?i).*"
    subtags = language_subtags(lang)
    return f"(?i)({'|'.join(subtags)})([-_].*)?"


def build_srx(all_rules: Iterable[LanguageRules]) -> bytes:
    """An SRX 2.0 document with one non-cascading language rule per language."""
    root = etree.Element(f"{{{SRX_NS}}}srx", nsmap={None: SRX_NS}, version="2.0")
    header = etree.SubElement(root, f"{{{SRX_NS}}}header", segmentsubflows="yes", cascade="no")
    for kind, include in (("start", "no"), ("end", "yes"), ("isolated", "no")):
        etree.SubElement(header, f"{{{SRX_NS}}}formathandle", type=kind, include=include)
    body = etree.SubElement(root, f"{{{SRX_NS}}}body")
    lang_rules = etree.SubElement(body, f"{{{SRX_NS}}}languagerules")
    maps = etree.SubElement(body, f"{{{SRX_NS}}}maprules")
    for rules in all_rules:
        lr = etree.SubElement(lang_rules, f"{{{SRX_NS}}}languagerule", languagerulename=rules.lang)
        for rule in rules.rules:
            lr.append(etree.Comment(f" {rule.note.replace('--', '-')} "))
            el = etree.SubElement(lr, f"{{{SRX_NS}}}rule", attrib={"break": "yes" if rule.brk else "no"})
            before, after = rule.patterns()
            etree.SubElement(el, f"{{{SRX_NS}}}beforebreak").text = java_pattern(before)
            etree.SubElement(el, f"{{{SRX_NS}}}afterbreak").text = java_pattern(after)
        etree.SubElement(maps, f"{{{SRX_NS}}}languagemap", languagepattern=language_pattern(rules.lang),
                         languagerulename=rules.lang)
    data: bytes = etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)
    return data


def write_srx(all_rules: Iterable[LanguageRules], path: Path) -> None:
    """Write the SRX document atomically."""
    atomic_write_bytes(path, build_srx(all_rules))
