"""Numbers written in two digit systems (Latin ``2024``, Arabic-Indic ``٢٠٢٤``,
Persian ``۲۰۲۴``) inside one document. Which systems a language may use is
data (``workbench/check/data/digits.toml``)."""
from __future__ import annotations

from collections import Counter
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

import regex

from ...errors import ConfigError
from ...model import lang_key
from ..context import CheckContext, Document
from ..draft import Draft
from ..langdata import load
from ..registry import check

#: Digits of any system, with separators inside a number; not glued to a Latin letter or another digit (A05, post1068).
_NUMBER = regex.compile(r"(?<![\p{Latin}\p{Nd}])\p{Nd}+(?:[.,٫٬/:]\p{Nd}+)*(?![\p{Latin}\p{Nd}])")
_URL = regex.compile(r"(?:https?://|www\.)\S+|\S+@\S+\.\S+")
_NAMES = {"latin": "Latin", "arabic-indic": "Arabic-Indic", "persian": "Persian"}


@dataclass(frozen=True, slots=True)
class Number:
    start: int
    end: int
    text: str
    system: str  # a system name, or "" for digits of two systems in one number


def systems() -> dict[str, str]:
    """System name -> its ten digits."""
    return dict(load("digits")["systems"])


def allowed_systems(lang: str) -> list[str]:
    """The systems ``lang`` writes numbers in, most usual first."""
    return list(load("digits")["languages"].get(lang_key(lang), ["latin"]))


def system_of(text: str) -> str:
    """The digit system of a number ("" when its digits come from two systems or none)."""
    found = {name for name, digits in systems().items() if any(ch in digits for ch in text)}
    return found.pop() if len(found) == 1 else ""


def convert(text: str, system: str) -> str:
    """``text`` with every digit written in ``system`` (separators left as they are)."""
    table = systems()
    target = table[system]
    return "".join(target[table[s].index(ch)] if (s := _system_of_char(ch, table)) else ch for ch in text)


def _system_of_char(ch: str, table: Mapping[str, str]) -> str:
    return next((name for name, digits in table.items() if ch in digits), "")


def numbers(doc: Document) -> list[Number]:
    """The numbers of the translatable segments of ``doc`` (not those in URLs or codes)."""
    out = []
    for seg in doc.translatable:
        urls = [m.span() for m in _URL.finditer(seg.text)]
        for m in _NUMBER.finditer(seg.text):
            if any(a <= m.start() < b for a, b in urls) or not system_of(m.group()) and not _digits(m.group()):
                continue
            out.append(Number(seg.start + m.start(), seg.start + m.end(), m.group(), system_of(m.group())))
    return out


def _digits(text: str) -> bool:
    table = systems()
    return any(_system_of_char(ch, table) for ch in text)


def _preferences(given: Mapping[str, Any]) -> dict[str, str]:
    known = systems()
    out = {}
    for lang, system in given.items():
        if system not in known:
            raise ConfigError(f"[check.digit-system] prefer.{lang}: {system!r} is not a digit system "
                              f"(known: {', '.join(known)})")
        out[lang_key(lang)] = str(system)
    return out


@check("digit-system", "warning", prefer={})
def digit_system(ctx: CheckContext, settings: Mapping[str, Any]) -> Iterator[Draft]:
    """Numbers in two digit systems in one document.

    Each document's numbers by digit system: Latin (``2024``), Arabic-Indic
    (``٢٠٢٤``) and Persian (``۲۰۲۴``). When a document uses two, the numbers
    not in the language's standard system (Persian digits in Persian, see
    ``data/digits.toml``), else not in the system it uses most, are one
    finding (every one of them listed),
    unless ``prefer`` names the system a language must use
    (``prefer = { ar = "latin", fa = "persian" }``): then every number in
    another system is. A system the language does not write (Persian digits in
    Arabic, Arabic-Indic in Persian; see ``data/digits.toml``) and a number
    whose digits mix two systems are always reported. Numbers inside URLs and
    codes glued to Latin letters (``A05``) are not counted.
    """
    prefer = _preferences(settings["prefer"])
    for doc in ctx.documents.values():
        found = numbers(doc)
        if not found:
            continue
        for n in found:
            if not n.system:
                yield Draft(doc.id, n.start, n.end, f"“{n.text}” mixes digits of two systems")
        clean = [n for n in found if n.system]
        if not clean:
            continue
        keep, why = _keep(doc.lang, clean, prefer)
        wrong = [n for n in found if n.system and n.system != keep]
        if not wrong:
            continue
        counts = Counter(n.system for n in found if n.system)
        listed = ", ".join(f"{_NAMES.get(s, s)} ×{c}" for s, c in sorted(counts.items(), key=lambda x: (x[0] != keep, -x[1])))
        first = wrong[0]
        examples = ", ".join(dict.fromkeys(n.text for n in wrong[:5]))
        yield Draft(doc.id, first.start, first.end,
                    f"numbers in {len(counts)} digit systems: {listed}; write {examples} in {_NAMES.get(keep, keep)} "
                    f"digits ({why})",
                    suggestion=convert(first.text, keep), involved=tuple(dict.fromkeys(n.text for n in wrong)),
                    places=tuple((doc.id, n.start, n.end) for n in wrong),
                    renderings=tuple((_NAMES.get(s, s), c) for s, c in sorted(counts.items(), key=lambda x: (x[0] != keep, -x[1]))))


def _keep(lang: str, found: list[Number], prefer: Mapping[str, str]) -> tuple[str, str]:
    """The system the document's numbers should be in, and why."""
    allowed = allowed_systems(lang)
    if lang_key(lang) in prefer:
        return prefer[lang_key(lang)], "workbench.toml [check.digit-system] prefer"
    counts = Counter(n.system for n in found)
    standard = load("digits").get("standard", {}).get(lang_key(lang))
    if standard in counts and len(counts) > 1:
        return standard, f"the standard digits of {lang_key(lang)}; [check.digit-system] prefer may set others"
    usable = [s for s in counts if s in allowed]
    if not usable:
        eastern = [s for s in allowed if s != "latin"]
        return (eastern or allowed)[0], f"{_NAMES.get(counts.most_common(1)[0][0], '')} digits are not used in {lang}"
    order = {s: i for i, s in enumerate(dict.fromkeys(n.system for n in found))}
    best = sorted(usable, key=lambda s: (-counts[s], order[s]))
    tie = len(best) > 1 and counts[best[0]] == counts[best[1]]
    return best[0], "as many of each; the first used" if tie else "the system the document uses most"
