"""The on-disk project: ``workbench.toml``, where things are, what ``wb build`` does.

``workbench.toml`` is checked whole when it is loaded, against :data:`SCHEMA`:
every key the code reads, with its type. An unknown section or key is an
error naming the known ones (a typo is never silently ignored); so is a value
of the wrong type, a language tag that is not BCP 47, a path in ``[paths]``
(or ``[check] baseline``) that is absolute, climbs out of the project, holds
a NUL or names a file where a folder is wanted (or the reverse). Each error
is one line naming the key and what was expected. ``[check.<id>]`` tables
hold a check's own settings: ``enabled`` and ``severity`` are checked here,
the check's other settings, its name, and the names of profiles and
severities by the check registry when the checks run.
"""
from __future__ import annotations

import os
import re
import reprlib
import tomllib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

import regex

from .errors import ConfigError, LanguageTagError
from .text.langtag import parse_tag
from .text.normalize import ALL_FOLDS

CONFIG_NAME = "workbench.toml"
#: The project's baseline of recorded and dismissed check findings, unless ``[check] baseline`` names another.
DEFAULT_BASELINE = "check-baseline.txt"

_SHORT = reprlib.Repr()
_SHORT.maxstring, _SHORT.maxother, _SHORT.maxlist, _SHORT.maxlevel = 60, 60, 6, 3
_TOML_PLACE = re.compile(r"(.*) \(at (?:line (\d+), column (\d+)|end of document)\)", re.S)
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")


class _Invalid(Exception):
    """A setting that does not fit the schema: what was wrong, and where below the key
    (``sub``: ``ar`` in ``boilerplate.ar``); the caller adds the key."""

    def __init__(self, message: str, sub: str = "") -> None:
        super().__init__(message)
        self.sub = sub


def _expected(what: str, value: Any) -> _Invalid:
    return _Invalid(f"expected {what}, got {_SHORT.repr(value)}")


#: A setting's check: (value, project root) -> the value to keep (canonical), or :class:`_Invalid`.
Rule = Callable[[Any, Path], Any]


def _string(value: Any, root: Path) -> str:
    if not isinstance(value, str):
        raise _expected("a string", value)
    return value


def _boolean(value: Any, root: Path) -> bool:
    if not isinstance(value, bool):
        raise _expected("true or false", value)
    return value


def _strings(value: Any, root: Path) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise _expected("a list of strings", value)
    return value


def _tag(value: Any, root: Path) -> str:
    if isinstance(value, str):
        try:
            return parse_tag(value)
        except LanguageTagError:
            pass
    raise _expected("a BCP 47 language tag such as 'ar' or 'fa-IR'", value)


def _tags(value: Any, root: Path) -> list[str]:
    if not isinstance(value, list) or not value:
        raise _expected("a non-empty list of BCP 47 language tags", value)
    tags = [_tag(v, root) for v in value]
    twice = sorted({t for t in tags if tags.count(t) > 1})
    if twice:
        raise _Invalid(f"{', '.join(twice)} given twice")
    return tags


def _file_name(value: Any, root: Path) -> str:
    """A name that files are named after (``tmx/<name>.<src>-<tgt>.tmx``)."""
    if (not isinstance(value, str) or not value.strip() or value in (".", "..")
            or "/" in value or "\\" in value or _CONTROL.search(value)):
        raise _expected("a name usable in a file name (no '/', '\\' or control characters)", value)
    return value


def _inside(value: Any, root: Path, want_folder: bool) -> str:
    """A relative path that stays inside the project (links followed), naming a folder
    (or a file) if it exists."""
    if not isinstance(value, str) or not value or "\x00" in value:
        raise _expected("a relative path inside the project", value)
    path = PurePosixPath(value.replace("\\", "/"))
    try:
        target = (root / value).resolve()
    except (OSError, RuntimeError):  # a name too long, a loop of links
        raise _expected("a relative path inside the project", value) from None
    if path.is_absolute() or os.path.normpath(path).split("/", 1)[0] == ".." or not target.is_relative_to(root):
        raise _expected("a relative path inside the project", value)
    if want_folder and target.exists() and not target.is_dir():
        raise _Invalid(f"expected a folder, got {value!r}, which is a file")
    if not want_folder and target.is_dir():
        raise _Invalid(f"expected a file, got {value!r}, which is a folder")
    return value


def _folder(value: Any, root: Path) -> str:
    return _inside(value, root, want_folder=True)


def _file(value: Any, root: Path) -> str:
    return _inside(value, root, want_folder=False)


def _store(value: Any, root: Path) -> str:
    """``[tm] store``: a team's PostgreSQL URL (its password never here), else a file in the project."""
    from .tm.engine import is_url

    if isinstance(value, str) and is_url(value):
        if re.search(r"://[^/@?]*:[^/@?]*@|[?&]password=", value, re.IGNORECASE):
            raise _Invalid("a store URL holds no password: set PGPASSWORD or ~/.pgpass")
        return value
    return _file(value, root)


def _patterns_by_language(value: Any, root: Path) -> dict[str, list[str]]:
    """``{tag: [regular expression, ...]}``, tags made canonical."""
    if not isinstance(value, dict):
        raise _expected("a table of language tags to lists of regular expressions", value)
    out: dict[str, list[str]] = {}
    for lang, patterns in value.items():
        try:
            tag = _tag(lang, root)
            if not isinstance(patterns, list) or not all(isinstance(p, str) for p in patterns):
                raise _expected("a list of regular expressions", patterns)
            for pattern in patterns:
                try:
                    regex.compile(pattern)
                except regex.error as exc:
                    raise _Invalid(f"bad regular expression {pattern!r}: {exc}") from None
        except _Invalid as exc:
            raise _Invalid(str(exc), sub=lang) from None
        out.setdefault(tag, []).extend(patterns)
    return out


def _folds(value: Any, root: Path) -> list[str]:
    names = _strings(value, root)
    unknown = [f for f in names if f not in ALL_FOLDS]
    if unknown:
        raise _Invalid(f"unknown fold(s) {', '.join(unknown)}; see `wb glossary folds`")
    return names


def _check_table(value: Any, root: Path) -> dict[str, Any]:
    """``[check.<id>]`` (a table): a check's own settings."""
    for key, rule in (("enabled", _boolean), ("severity", _string)):
        if key in value:
            try:
                rule(value[key], root)
            except _Invalid as exc:
                raise _Invalid(str(exc), sub=key) from None
    table: dict[str, Any] = value
    return table


#: Section -> key -> rule. In ``[check]``, any other key must be a table: ``[check.<id>]``.
SCHEMA: dict[str, dict[str, Rule]] = {
    "project": {"name": _file_name, "source_languages": _tags, "target_language": _tag},
    "paths": {"corpus": _folder, "tmx": _folder, "glossary": _folder, "build": _folder, "store": _file},
    "tm": {"store": _store},
    "segment": {"boilerplate": _patterns_by_language},
    "glossary": {"folds_off": _folds},
    "check": {"profile": _string, "fail_on": _string, "baseline": _file, "disable": _strings},
}
#: The paths used when the settings name none (checked as if given).
DEFAULT_PATHS: dict[tuple[str, str], str] = {
    ("paths", "corpus"): "corpus", ("paths", "tmx"): "tmx", ("paths", "glossary"): "glossary",
    ("paths", "build"): "build", ("paths", "store"): "build/memory.sqlite", ("check", "baseline"): DEFAULT_BASELINE,
}


def _validate(data: dict[str, Any], root: Path) -> dict[str, Any]:
    """``data`` (a parsed ``workbench.toml``) checked against :data:`SCHEMA`, values made
    canonical (language tags); raises :class:`_Invalid` naming the section and key."""
    out: dict[str, Any] = {}
    for section, table in data.items():
        keys = SCHEMA.get(section)
        if keys is None:
            what = f"section [{section}]" if isinstance(table, dict) else f"key {section}"
            raise _Invalid(f"unknown {what} (known sections: {', '.join(f'[{s}]' for s in SCHEMA)})")
        if not isinstance(table, dict):
            raise _Invalid(f"[{section}]: {_expected('a table', table)}")
        out[section] = {}
        for key, value in table.items():
            rule = keys.get(key) or (_check_table if section == "check" and isinstance(value, dict) else None)
            if rule is None:
                more = " and [check.<id>] tables" if section == "check" else ""
                raise _Invalid(f"[{section}] {key}: unknown key (known: {', '.join(keys)}{more})")
            try:
                out[section][key] = rule(value, root)
            except _Invalid as exc:
                if rule is _check_table:
                    name = f"[{section}.{key}] {exc.sub}".rstrip()
                else:
                    name = f"[{section}] {key}" + (f".{exc.sub}" if exc.sub else "")
                raise _Invalid(f"{name}: {exc}") from None
    for (section, key), default in DEFAULT_PATHS.items():
        if key not in out.get(section, {}):
            try:
                SCHEMA[section][key](default, root)
            except _Invalid as exc:
                raise _Invalid(f"[{section}] {key} (not set, so {default!r}): {exc}") from None
    if "source_languages" not in out.get("project", {}):
        raise _Invalid("[project] source_languages: missing (e.g. source_languages = [\"ar\"])")
    return out


def _parse(text: str, path: Path) -> dict[str, Any]:
    """TOML, with a syntax error given as one line with its line and column."""
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        m = _TOML_PLACE.fullmatch(str(exc))
        if m is None:
            raise ConfigError(f"{path}: invalid TOML: {exc}") from None
        line, col = (m[2], m[3]) if m[2] else (text.count("\n") + 1, len(text.rsplit("\n", 1)[-1]) + 1)
        raise ConfigError(f"{path}:{line}:{col}: invalid TOML: {m[1]}") from None
    except RecursionError:
        raise ConfigError(f"{path}: invalid TOML: arrays or tables nested too deep") from None


@dataclass(frozen=True, slots=True)
class Project:
    """A project folder and its settings (validated: see :data:`SCHEMA`)."""

    root: Path
    name: str
    source_languages: tuple[str, ...]
    target_language: str
    settings: dict[str, Any] = field(repr=False)

    @classmethod
    def load(cls, root: Path) -> Project:
        """Read and validate ``root/workbench.toml``."""
        path = root / CONFIG_NAME
        try:
            text = path.read_text(encoding="utf-8")
        except FileNotFoundError:
            raise ConfigError(f"{path}: no such file") from None
        except (OSError, UnicodeDecodeError) as exc:
            raise ConfigError(f"{path}: cannot read: {exc}") from None
        try:
            settings = _validate(_parse(text, path), root.resolve())
        except _Invalid as exc:
            raise ConfigError(f"{path}: {exc}") from None
        proj = settings["project"]
        return cls(root=root.resolve(), name=proj.get("name", root.resolve().name),
                   source_languages=tuple(proj["source_languages"]),
                   target_language=proj.get("target_language", "en"), settings=settings)

    @classmethod
    def find(cls, start: Path | None = None) -> Project | None:
        """The project whose ``workbench.toml`` is in ``start`` or above (like git)."""
        here = (start or Path.cwd()).resolve()
        for folder in (here, *here.parents):
            if (folder / CONFIG_NAME).is_file():
                return cls.load(folder)
        return None

    def path(self, section: str, key: str) -> Path:
        """A path setting (``[paths]``, ``[check] baseline``), relative to the project root."""
        value: str = self.section(section).get(key, DEFAULT_PATHS[section, key])
        return self.root / value

    @property
    def corpus(self) -> Path:
        return self.path("paths", "corpus")

    @property
    def build_dir(self) -> Path:
        return self.path("paths", "build")

    @property
    def store(self) -> Path:
        """The SQLite translation memory of the project."""
        return self.path("paths", "store")

    @property
    def tm_store(self) -> str | Path:
        """The store ``wb tm`` uses by default: ``[tm] store`` (a PostgreSQL URL or a file), else :attr:`store`."""
        value: str | None = self.section("tm").get("store")
        if value is None:
            return self.store
        from .tm.engine import is_url

        return value if is_url(value) else self.root / value

    @property
    def tmx_dir(self) -> Path:
        return self.path("paths", "tmx")

    @property
    def glossary_dir(self) -> Path:
        return self.path("paths", "glossary")

    @property
    def baseline(self) -> Path:
        """The file of recorded and dismissed check findings (``[check] baseline``)."""
        return self.path("check", "baseline")

    @property
    def folds_off(self) -> tuple[str, ...]:
        """Match-key folds the glossary matcher must not apply (``[glossary] folds_off``)."""
        return tuple(self.section("glossary").get("folds_off", ()))

    def section(self, name: str) -> dict[str, Any]:
        """A settings table (``{}`` when absent)."""
        table: dict[str, Any] = self.settings.get(name, {})
        return table

    def language_of(self, path: str | Path) -> str | None:
        """The language of a document under ``corpus/<lang>/``, else None."""
        try:
            rel = Path(path).resolve().relative_to(self.corpus)
        except ValueError:
            return None
        return rel.parts[0] if len(rel.parts) > 1 else None

    def documents(self, lang: str) -> list[Path]:
        """The documents of one language, sorted by name."""
        folder = self.corpus / lang
        return sorted(p for p in folder.glob("*.txt") if p.is_file()) if folder.is_dir() else []
