"""Segmentation rules as data: loading ``data/*.toml`` and the fallback chain.

A language's rules are its own file's rules followed by ``generic.toml``'s.
``ar-EG`` falls back to ``ar``, ``prs`` (Dari) to ``fa``, anything unknown to
``generic``.
"""
from __future__ import annotations

import hashlib
import tomllib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any

import regex

from ..errors import ConfigError
from ..text.langtag import fallback_chain

RULES_VERSION = "seg@1"
_LISTS = ("abbreviations", "sentence_final_abbreviations", "numbered_abbreviations", "sentence_starters", "continuations",
          "agencies", "credit_labels", "photo_notes", "spelled_letters", "reporting_verbs", "company_suffixes",
          "month_abbreviations", "lowercase_abbreviations", "sentence_final_words")
#: lists that ``[kinds]`` patterns splice in: a language's words followed by generic.toml's
_KIND_LISTS = ("months", "weekdays", "date_labels", "time_marks", "related_labels", "share_words",
               "comment_words", "comment_prompts", "tag_labels", "source_labels", "agencies")
#: lists that every rule splices in as the language's words followed by generic.toml's
#: (the other lists are each file's own)
_MERGED = ("credit_labels", "photo_notes", "sentence_starters", "numbered_abbreviations",
           "sentence_final_abbreviations", "company_suffixes")
_PLACEHOLDER = regex.compile(r"\{(terminators|closers|curly_closers|unspaced|" + "|".join(_LISTS + _KIND_LISTS) + r")\}")


@dataclass(frozen=True, slots=True)
class Rule:
    """One SRX-style rule: at a position, ``before`` matches the text up to it
    and ``after`` the text from it; ``brk`` says whether to break there.

    A condition on quotations, which a look-behind could only check by reading
    back to the paragraph's start, is a field of its own (each quotation a
    pair of marks, such as ``«»``; ``""`` opens and closes by turns): with
    ``opening`` the rule holds only inside the quotation that opens the
    paragraph (after white space) or right after its closing mark.
    :meth:`patterns` writes it out as plain patterns.
    """

    brk: bool
    before: str
    after: str
    note: str = ""
    lang: str = "generic"
    opening: tuple[str, ...] = ()

    def patterns(self) -> tuple[str, str]:
        """``before`` and ``after`` with the quotation condition written into
        them: the rule as an SRX engine runs it (on one line)."""
        if self.opening:
            quotes = "|".join(f"{regex.escape(pair[0])}[^{_marks(pair)}\\n]*" for pair in self.opening)
            return f"^\\s*(?:{quotes})" + self.before, self.after
        return self.before, self.after


def _marks(pair: str) -> str:
    """The marks of a pair for a character class, each once."""
    return "".join(regex.escape(c) for c in dict.fromkeys(pair))


@dataclass(frozen=True, slots=True)
class LineKinds:
    """Whole-line patterns that give a line its kind: the language file's, then
    generic.toml's. The built-in boilerplate patterns are matched against short
    lines only (see kinds.py); the project's own (``workbench.toml``) against
    every line."""

    boilerplate: tuple[str, ...] = ()
    project_boilerplate: tuple[str, ...] = ()
    caption: tuple[str, ...] = ()
    byline: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class LanguageRules:
    """Everything the segmenter needs for one language."""

    lang: str
    chain: tuple[str, ...]
    terminators: str
    closers: str
    rules: tuple[Rule, ...]
    kinds: LineKinds = field(default_factory=LineKinds)
    #: characters other than terminators after which a rule may break (a dateline's colon)
    marks: str = ""
    #: terminators after which a rule may break with no white space following (Chinese and Japanese 。！？)
    unspaced: str = ""
    #: words that open a credit: (صورة: …), (Photo: …), Source: …
    credit_labels: tuple[str, ...] = ()
    #: a photo's note in brackets, a credit without a colon: (صورة أرشيفية), (File photo)
    photo_notes: tuple[str, ...] = ()


def _file(name: str) -> bytes | None:
    """The bytes of rule file ``data/<name>.toml``, None if there is none."""
    res = resources.files("workbench.segment").joinpath("data", f"{name}.toml")
    return res.read_bytes() if res.is_file() else None


def _data(name: str) -> dict[str, Any] | None:
    raw = _file(name)
    return None if raw is None else tomllib.loads(raw.decode("utf-8"))


def _alternation(words: Iterable[str]) -> str:
    return "|".join(regex.escape(w) for w in sorted(set(words), key=lambda w: (-len(w), w)))


def _expand(pattern: str, values: Mapping[str, str]) -> str:
    return str(_PLACEHOLDER.sub(lambda m: values[m.group(1)], pattern))


def curly_closers(closers: str) -> str:
    """The closers without the straight quotes, which after an unspaced terminator open
    the next sentence as often as they close this one (``。"`` is left to the next)."""
    return closers.replace('"', "").replace("'", "")


def _rules_of(data: Mapping[str, Any], terminators: str, closers: str, unspaced: str,
              merged: Mapping[str, Sequence[str]]) -> list[Rule]:
    values = {
        "terminators": regex.escape(terminators),
        "closers": regex.escape(closers),
        "curly_closers": regex.escape(curly_closers(closers)),
        "unspaced": regex.escape(unspaced),
        **{name: _alternation(data.get(name, [])) for name in _LISTS},
        **{name: _alternation(words) for name, words in merged.items()},
    }
    return [
        Rule(
            brk=bool(r["break"]),
            before=_expand(r["before"], values),
            after=_expand(r["after"], values),
            note=r.get("note", ""),
            lang=data.get("name", "generic"),
            opening=_as_tuple(r.get("opening")),
        )
        for r in data.get("rule", [])
    ]


def _as_tuple(value: str | Sequence[str] | None) -> tuple[str, ...]:
    if value is None:
        return ()
    return (value,) if isinstance(value, str) else tuple(value)


def _merged(own: Mapping[str, Any], generic: Mapping[str, Any], name: str) -> tuple[str, ...]:
    """A list of words: the language's, then generic.toml's, each once."""
    return tuple(dict.fromkeys([*own.get(name, []), *generic.get(name, [])]))


def _line_kinds(own: Mapping[str, Any], generic: Mapping[str, Any], extra_boilerplate: Sequence[str]) -> LineKinds:
    """Whole-line patterns: the language's, then generic.toml's, with their lists spliced in."""
    values = {name: _alternation(_merged(own, generic, name)) for name in _KIND_LISTS}

    def patterns(kind: str) -> tuple[str, ...]:
        found = [*_as_tuple(own.get("kinds", {}).get(kind)), *_as_tuple(generic.get("kinds", {}).get(kind))]
        return tuple(_expand(p, values) for p in dict.fromkeys(found))

    return LineKinds(
        boilerplate=patterns("boilerplate"),
        project_boilerplate=tuple(extra_boilerplate),
        caption=patterns("caption"),
        byline=patterns("byline"),
    )


@lru_cache(maxsize=64)
def rules_for(tag: str | None, extra_boilerplate: tuple[str, ...] = ()) -> LanguageRules:
    """The rules for a language tag, following its fallback chain.

    ``extra_boilerplate`` adds whole-line boilerplate patterns (from
    ``workbench.toml``).
    """
    generic = _data("generic")
    assert generic is not None
    chain: list[str] = []
    own: dict[str, Any] | None = None
    if tag:
        for candidate in fallback_chain(tag):
            own = _data(candidate)
            if own is not None:
                chain.append(candidate)
                break
    chain.append("generic")
    terminators = (own or {}).get("terminators", generic["terminators"])
    closers = (own or {}).get("closers", generic["closers"])
    unspaced = (own or {}).get("unspaced", generic["unspaced"])
    merged = {name: _merged(own or {}, generic, name) for name in _MERGED}
    rules = [*(_rules_of(own, terminators, closers, unspaced, merged) if own else []),
             *_rules_of(generic, terminators, closers, unspaced, merged)]
    for pattern in extra_boilerplate:
        try:
            regex.compile(pattern)
        except regex.error as exc:
            raise ConfigError(f"bad boilerplate pattern {pattern!r}: {exc}") from None
    return LanguageRules(
        lang=chain[0],
        chain=tuple(chain),
        terminators=terminators,
        closers=closers,
        rules=tuple(rules),
        kinds=_line_kinds(own or {}, generic, extra_boilerplate),
        marks=(own or {}).get("marks", generic.get("marks", "")),
        unspaced=unspaced,
        credit_labels=merged["credit_labels"],
        photo_notes=merged["photo_notes"],
    )


def rules_digest(tag: str | None) -> str:
    """``RULES_VERSION`` and a digest of the rule files that ``tag``'s rules
    come from: a cache key that changes whenever those files do."""
    digest = hashlib.sha256()
    for name in rules_for(tag).chain:
        digest.update(_file(name) or b"")
    return f"{RULES_VERSION}:{digest.hexdigest()[:16]}"


def known_languages() -> list[str]:
    """Languages that have a rules file of their own."""
    folder = resources.files("workbench.segment").joinpath("data")
    return sorted(p.name[:-5] for p in folder.iterdir() if p.name.endswith(".toml") and p.name != "generic.toml")
