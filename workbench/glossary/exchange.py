"""Glossaries in and out: what an import of another tool's file, or an export
for one, does to make the terms fit (:mod:`workbench.glossary.ids`), with a report."""
from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from ..errors import InputError
from ..formats.issues import ReadLog
from ..model import Concept
from ..text.langtag import language_named
from .ids import LanguageUse, bad_ids, fix_ids, language_report, map_languages
from .store import Pair, read_located

#: Formats whose ids are XML ids (the others keep ids as they are).
TBX_FORMATS = ("tbx", "tbx-v2")
#: How many ids a message names before it counts the rest.
_NAMED = 5
#: How many of the reader's issues are shown one by one before the rest are counted.
_SHOWN = 20


@dataclass(frozen=True, slots=True)
class Exchange:
    """Concepts ready to write, the ids renamed on the way (old, new) and warnings to show."""

    concepts: tuple[Concept, ...]
    renamed: tuple[tuple[str, str], ...] = ()
    warnings: tuple[str, ...] = ()


def _some(items: list[str]) -> str:
    named = ", ".join(map(repr, items[:_NAMED]))
    return named + (f" and {len(items) - _NAMED} more" if len(items) > _NAMED else "")


def read_issues(log: ReadLog) -> list[str]:
    """What a reader logged, as warnings: the first :data:`_SHOWN` in full, then how many more of each kind."""
    grouped = log.grouped()[:_SHOWN]
    shown = [f"{f'line {i.line}: ' if i.line else ''}{'' if i.action == 'warning' else i.action + ': '}{i.message}"
             + (f" (and {n - 1} more like it)" if n > 1 else "") for i, n in grouped]
    rest = sum(log.counts.values()) - sum(n for _, n in grouped)
    if rest > 0:
        kinds = ", ".join(f"{n} {action} ({kind})" for (action, kind), n in sorted(log.counts.items()))
        shown.append(f"{rest} more issue(s); in all: {kinds}")
    return shown


def _use(use: LanguageUse) -> str:
    return f"{use.terms} term{'s' * (use.terms > 1)}, first in concept {use.concept!r}"


def import_glossary(path: str | Path, *, fmt: str | None = None, langs: Pair = None,
                    lang_map: Mapping[str, str] | None = None, strict: bool = False) -> Exchange:
    """Read a glossary in any format (:func:`~workbench.glossary.store.read_located`) for a project.

    Languages are renamed by ``lang_map`` first (``{"xx": "ar"}``). A language
    tag that is still not BCP 47 is an InputError naming every such tag; a tag
    that names no language (``mul``, ``zxx``, ``qaa``...) is a warning. A
    concept id that is not an XML name is renamed (reported), or, with
    ``strict``, an InputError; so is, with ``strict``, any warning, among them
    what the reader logged (:func:`read_issues`: entries skipped, statuses it does
    not know, definitions moved to a note). An id
    that an earlier entry has (XML ids are unique; ``csv2tbx`` repeats the
    source term) is renamed the same way.
    """
    log = ReadLog(str(path))
    entries = map_languages(read_located(path, fmt, langs, log), lang_map or {})
    bad, odd = language_report(entries)
    if bad:
        tags = ", ".join(f"{tag!r} ({_use(u)})" for tag, u in bad.items())
        first, use = next(iter(bad.items()))
        named = {tag: language_named(tag) for tag in bad}  # a language's name: its tag is the example
        example = " ".join(f"--lang-map {tag}={lang}" for tag, lang in named.items() if lang) or f"--lang-map {first}=ar"
        raise InputError(f"bad language tag{'s' * (len(bad) > 1)} {tags}: say which language "
                         f"{'each' if len(bad) > 1 else 'it'} is, e.g. {example}", path=path, line=use.line)
    warnings = read_issues(log) + [f"language {tag!r} ({_use(u)}) names no language a text is in: "
                                   "the term matcher will not find its terms in text" for tag, u in odd.items()]
    concepts = [e.concept for e in entries]
    invalid = bad_ids(concepts)
    if strict and invalid:
        raise InputError(f"{len(invalid)} concept id(s) are not XML names or are used twice, which TBX "
                         f"refuses: {_some(invalid)} (without --strict they are renamed)", path=path)
    if strict and warnings:
        raise InputError(warnings[0] + " (--strict)", path=path)
    fixed, renamed = fix_ids(concepts)
    return Exchange(tuple(fixed), tuple(renamed), tuple(warnings))


def export_glossary(concepts: Iterable[Concept], fmt: str, *, strict: bool = False) -> Exchange:
    """The concepts to write in ``fmt``: for TBX, ids that are not XML names renamed
    (or, with ``strict``, an InputError), so that the file passes the TBX schemas."""
    items = list(concepts)
    if fmt not in TBX_FORMATS:
        return Exchange(tuple(items))
    invalid = bad_ids(items)
    if strict and invalid:
        raise InputError(f"{len(invalid)} concept id(s) are not XML names or are used twice, which TBX "
                         f"refuses: {_some(invalid)} (without --strict they are renamed in the export)")
    fixed, renamed = fix_ids(items)
    return Exchange(tuple(fixed), tuple(renamed))
