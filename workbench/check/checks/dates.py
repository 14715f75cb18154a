"""Dates written in two formats inside one document: month names of two
naming systems (``أكتوبر`` and ``أكتوبر/تشرين الأول``), the day in digits and
in words (``8 أكتوبر``, ``السادس من أكتوبر``), day before or after the month
(``24 December``, ``December 24``), named and numeric dates. Month names and
day words are language data (``workbench/check/data/dates/<lang>.toml``)."""
from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from functools import cache
from typing import Any

import regex

from ...errors import ConfigError
from ...model import lang_key
from ...text.normalize import Key, match_key
from ..context import CheckContext, Document
from ..draft import Draft
from ..langdata import for_language
from ..registry import check

#: What each feature of a date is called in messages.
FEATURES = {"months": "month names", "day": "the day", "order": "order of day and month", "form": "named or numeric"}
_NUMERIC = regex.compile(r"(?<![\d/\-]|\d\.)(\d{1,4})([/.\-])(\d{1,2})\2(\d{1,4})(?![\d/\-]|\.\d)")
_ORDINAL = r"(?:st|nd|rd|th)?"
_DIGIT = regex.compile(r"\p{Nd}")
_STYLES: dict[str, tuple[str, ...]] = {"day": ("digits", "words"), "order": ("day-month", "month-day")}


@dataclass(frozen=True, slots=True)
class Date:
    """A date in a document: its span, text and format features (``months``, ``day``, ``order``, ``form``)."""

    start: int
    end: int
    text: str
    features: tuple[tuple[str, str], ...]

    def feature(self, name: str) -> str:
        return dict(self.features).get(name, "")


@dataclass(frozen=True)
class _Language:
    pattern: regex.Pattern[str]
    months: regex.Pattern[str]  # any month name, on the folded text
    systems: dict[str, set[str]]  # month key form -> the systems it belongs to
    order: tuple[str, ...]  # system names, in data order
    capitalized: bool


@cache
def _language(lang: str) -> _Language | None:
    data = for_language("dates", lang_key(lang))
    if not data.get("months"):
        return None
    systems: dict[str, set[str]] = {}
    for system, names in data["months"].items():
        for name in names:
            for form in filter(None, name.split("|")):
                systems.setdefault(match_key(form).text.lower(), set()).add(system)
    months = "|".join(regex.escape(f) for f in sorted(systems, key=len, reverse=True))
    joiners = "|".join(regex.escape(match_key(j).text.lower()) for j in data.get("day_joiners", ()))
    days = rf"\d{{1,2}}{_ORDINAL}(?:\s*(?:{joiners})\s*\d{{1,2}}{_ORDINAL})?" if joiners else rf"\d{{1,2}}{_ORDINAL}"
    link = data.get("day_link", "")
    word = rf"(?P<dw>{data['day_word']})\s+" + (rf"(?:{regex.escape(match_key(link).text.lower())}\s+)?" if link else "")
    pattern = (rf"(?<![\p{{Latin}}\p{{N}}])(?:(?P<d1>{days})\s+(?:of\s+)?|{word})?"
               rf"(?:(?<=[وبل])|(?<!\p{{L}}))(?P<m1>{months})(?:\s*[/(]\s*(?P<m2>{months})\s*\)?)?"
               rf"(?:\s+(?P<d2>{days})(?![\p{{L}}\p{{N}}]),?)?(?:\s*,?\s+(?P<y>\d{{4}}))?(?![\p{{L}}\p{{N}}])")
    return _Language(regex.compile(pattern), regex.compile(months), systems, tuple(data["months"]),
                     bool(data.get("capitalized")))


def dates(doc: Document, keyed: Callable[[str], Key] = match_key) -> list[Date]:
    """The dates in the translatable segments of ``doc``, each with its format features
    (``keyed``: the match key function, a caching one in a check run)."""
    lang = _language(doc.lang)
    found: list[tuple[int, int, str, dict[str, str], list[set[str]]]] = []
    for seg in doc.translatable:
        key = keyed(seg.text)
        text = key.text.lower()
        if not _DIGIT.search(text) and (lang is None or not lang.months.search(text)):
            continue  # every date has a digit, or a month name (السادس من فبراير)
        if lang is not None:
            for m in lang.pattern.finditer(text):
                if not (m.group("d1") or m.group("dw") or m.group("d2") or m.group("y")):
                    continue
                s, e = key.span(m.start(), m.end())
                if lang.capitalized and not seg.text[slice(*key.span(*m.span("m1")))][:1].isupper():
                    continue
                feats: dict[str, str] = {"form": "named"}
                if m.group("d1") or m.group("d2") or m.group("dw"):
                    feats["day"] = "words" if m.group("dw") else "digits"
                    feats["order"] = "month-day" if m.group("d2") else "day-month"
                names = [lang.systems[m.group(g)] for g in ("m1", "m2") if m.group(g)]
                found.append((seg.start + s, seg.start + e, seg.text[s:e], feats, names))
        for m in _NUMERIC.finditer(text):
            parts = [m.group(1), m.group(3), m.group(4)]
            if not any(len(p) == 4 for p in parts):
                continue
            s, e = key.span(m.start(), m.end())
            shape = m.group(2).join("yyyy" if len(p) == 4 else "nn" for p in parts)
            found.append((seg.start + s, seg.start + e, seg.text[s:e], {"form": f"numeric {shape}"}, []))
    usual = Counter(next(iter(c)) for *_, names in found for c in names if len(c) == 1)
    out = []
    for start, end, text, feats, names in found:
        if names:
            feats["months"] = "/".join(_resolve(c, usual, lang.order if lang else ()) for c in names)
        out.append(Date(start, end, text, tuple(sorted(feats.items()))))
    return sorted(out, key=lambda d: d.start)


def _resolve(candidates: set[str], usual: Counter[str], order: tuple[str, ...]) -> str:
    """The naming system of a month name listed in several: the one the document uses most, else the first."""
    return min(candidates, key=lambda s: (-usual[s], order.index(s) if s in order else len(order)))


def _preferences(settings: Mapping[str, Any]) -> dict[str, dict[str, str]]:
    out: dict[str, dict[str, str]] = {}
    for feature in ("months", "day", "order"):
        given = settings[feature]
        if not isinstance(given, Mapping):
            raise ConfigError(f"[check.date-format] {feature}: expected a table of language = style")
        out[feature] = {lang_key(k): str(v) for k, v in given.items()}
        for lang, style in out[feature].items():
            data = _language(lang)
            known = _STYLES.get(feature) or (data.order if data is not None else ())
            parts = style.split("/") if feature == "months" else [style]
            if not known or any(p not in known for p in parts):
                raise ConfigError(f"[check.date-format] {feature}.{lang}: {style!r} is not a known style "
                                  f"(known: {', '.join(known) or 'none for this language'})")
    return out


@check("date-format", "warning", months={}, day={}, order={})
def date_format(ctx: CheckContext, settings: Mapping[str, Any]) -> Iterator[Draft]:
    """Dates written in two formats in one document.

    The dates of each document (month names of the language's naming systems
    in ``data/dates/<lang>.toml``, with a day in digits or words and a year,
    and numeric dates such as ``24/12/2024``) compared by format: month names
    of one system or written with two (``أكتوبر`` and ``أكتوبر/تشرين الأول``),
    the day in digits or in words (``8 أكتوبر``, ``السادس من أكتوبر``), day
    before or after the month, named or numeric. For each way a document's
    dates differ, one finding at the first date to change, listing them all,
    keeping the format the document uses most, or the one workbench.toml asks
    for: ``months = { ar = "western/levantine" }``, ``day = { ar = "digits" }``,
    ``order = { en = "day-month" }``. A day in digits beside one in words
    (a style many newsrooms allow) is information, unless ``day`` asks for one.
    """
    prefer = _preferences(settings)
    for doc in ctx.documents.values():
        found = dates(doc, ctx.key)
        for feature, label in FEATURES.items():
            with_it = [d for d in found if d.feature(feature)]
            counts = Counter(d.feature(feature) for d in with_it)
            wanted = prefer.get(feature, {}).get(lang_key(doc.lang))
            if not counts or len(counts) < 2 and (wanted is None or wanted in counts):
                continue
            if wanted is not None:
                keep, why = wanted, "workbench.toml [check.date-format]"
            else:
                first = {v: i for i, v in enumerate(dict.fromkeys(d.feature(feature) for d in with_it))}
                ranked = sorted(counts, key=lambda v: (-counts[v], first[v]))
                keep = ranked[0]
                why = "as many of each; the first used" if counts[ranked[0]] == counts[ranked[1]] else "the most used"
            wrong = [d for d in with_it if d.feature(feature) != keep]
            if not wrong:
                continue
            example = next((d.text for d in with_it if d.feature(feature) == keep), "")
            listed = ", ".join(f"{v} ×{c} (“{next(d.text for d in with_it if d.feature(feature) == v)}”)"
                               for v, c in sorted(counts.items(), key=lambda x: (x[0] != keep, -x[1])))
            how = f"as in “{example}”" if example else f"as {keep}"
            yield Draft(doc.id, wrong[0].start, wrong[0].end,
                        f"dates in {len(counts) if keep in counts else len(counts) + 1} formats ({label}): {listed}; "
                        f"write {label} {how} ({why})",
                        involved=tuple(dict.fromkeys(d.text for d in with_it)),
                        places=tuple((doc.id, d.start, d.end) for d in wrong),
                        renderings=tuple(sorted(counts.items(), key=lambda x: (x[0] != keep, -x[1]))), term=label,
                        severity="info" if feature == "day" and wanted is None else None)
