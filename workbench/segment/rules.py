"""Segmentation rules as data: loading ``data/*.toml`` and the fallback chain.

A language's rules are its own file's rules followed by ``generic.toml``'s.
``ar-EG`` falls back to ``ar``, ``prs`` (Dari) to ``fa``, anything unknown to
``generic``.
"""
from __future__ import annotations

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
_LISTS = ("abbreviations", "sentence_final_abbreviations", "numbered_abbreviations", "sentence_starters", "continuations")
_PLACEHOLDER = regex.compile(r"\{(terminators|closers|" + "|".join(_LISTS) + r")\}")


@dataclass(frozen=True, slots=True)
class Rule:
    """One SRX-style rule: at a position, ``before`` matches the text up to it
    and ``after`` the text from it; ``brk`` says whether to break there."""

    brk: bool
    before: str
    after: str
    note: str = ""
    srx: bool = True
    lang: str = "generic"


@dataclass(frozen=True, slots=True)
class LineKinds:
    """Whole-line patterns that give a line its kind."""

    boilerplate: tuple[str, ...] = ()
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


def _data(name: str) -> dict[str, Any] | None:
    res = resources.files("workbench.segment").joinpath("data", f"{name}.toml")
    if not res.is_file():
        return None
    return tomllib.loads(res.read_text(encoding="utf-8"))


def _alternation(words: Iterable[str]) -> str:
    return "|".join(regex.escape(w) for w in sorted(set(words), key=lambda w: (-len(w), w)))


def _expand(pattern: str, values: Mapping[str, str]) -> str:
    return str(_PLACEHOLDER.sub(lambda m: values[m.group(1)], pattern))


def _rules_of(data: Mapping[str, Any], terminators: str, closers: str) -> list[Rule]:
    values = {
        "terminators": regex.escape(terminators),
        "closers": regex.escape(closers),
        **{name: _alternation(data.get(name, [])) for name in _LISTS},
    }
    return [
        Rule(
            brk=bool(r["break"]),
            before=_expand(r["before"], values),
            after=_expand(r["after"], values),
            note=r.get("note", ""),
            srx=bool(r.get("srx", True)),
            lang=data.get("name", "generic"),
        )
        for r in data.get("rule", [])
    ]


def _as_tuple(value: str | Sequence[str] | None) -> tuple[str, ...]:
    if value is None:
        return ()
    return (value,) if isinstance(value, str) else tuple(value)


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
    rules = (_rules_of(own, terminators, closers) if own else []) + _rules_of(generic, terminators, closers)
    kinds_data = (own or generic).get("kinds", {})
    for pattern in extra_boilerplate:
        try:
            regex.compile(pattern)
        except regex.error as exc:
            raise ConfigError(f"bad boilerplate pattern {pattern!r}: {exc}") from None
    kinds = LineKinds(
        boilerplate=_as_tuple(kinds_data.get("boilerplate")) + tuple(extra_boilerplate),
        caption=_as_tuple(kinds_data.get("caption")),
        byline=_as_tuple(kinds_data.get("byline")),
    )
    return LanguageRules(
        lang=chain[0],
        chain=tuple(chain),
        terminators=terminators,
        closers=closers,
        rules=tuple(rules),
        kinds=kinds,
    )


def known_languages() -> list[str]:
    """Languages that have a rules file of their own."""
    folder = resources.files("workbench.segment").joinpath("data")
    return sorted(p.name[:-5] for p in folder.iterdir() if p.name.endswith(".toml") and p.name != "generic.toml")
