"""The registry of checks: id, severity, title (the docstring's first line), profiles.

A check is a function ``(context, settings) -> Iterable[Draft]`` registered
with :func:`check`; :mod:`.runner` turns drafts into located findings.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Final

from ..errors import ConfigError

if TYPE_CHECKING:
    from .context import CheckContext
    from .draft import Draft

SEVERITIES: Final = ("error", "warning", "info")
CHECK_VERSION: Final = "check:v1"

#: How a setting's type is named in messages.
_KINDS: Final[dict[type, str]] = {int: "an integer", float: "a number", str: "a string", bool: "true or false"}

CheckFn = Callable[["CheckContext", Mapping[str, Any]], Iterable["Draft"]]


@dataclass(frozen=True, slots=True)
class Check:
    """A registered check."""

    id: str
    severity: str
    title: str
    run: CheckFn
    profiles: frozenset[str]
    defaults: Mapping[str, Any]


CHECKS: dict[str, Check] = {}

#: Profile name -> what it is for. ``strict`` runs every check.
PROFILES: Final[dict[str, str]] = {
    "strict": "every check",
    "terminology": "glossary, variant clusters and consistency of translations",
    "minimal": "what must be fixed before delivery: wrong terms, missing translations, numbers",
}


def check(id: str, severity: str, profiles: Iterable[str] = ("strict",), **defaults: Any) -> Callable[[CheckFn], CheckFn]:
    """Register a check; its docstring's first line is its title."""
    if severity not in SEVERITIES:
        raise ValueError(f"bad severity {severity!r}")

    def deco(fn: CheckFn) -> CheckFn:
        doc = (fn.__doc__ or "").strip()
        CHECKS[id] = Check(id, severity, doc.splitlines()[0].rstrip(".") if doc else id, fn,
                           frozenset({"strict", *profiles}), dict(defaults))
        return fn

    return deco


def severity_rank(severity: str) -> int:
    """0 for error, 1 warning, 2 info."""
    return SEVERITIES.index(severity)


def selected(profile: str, config: Mapping[str, Any] | None = None, only: Iterable[str] = ()) -> list[Check]:
    """The checks of ``profile``, less those ``[check] disable``d, or just ``only``."""
    _load_all()
    if profile not in PROFILES:
        raise ConfigError(f"unknown profile {profile!r} (known: {', '.join(PROFILES)})")
    config = config or {}
    wanted = list(only)
    tables = (k for k, v in config.items() if isinstance(v, Mapping))  # [check.<id>]
    unknown = [c for c in (*wanted, *config.get("disable", ()), *tables) if c not in CHECKS]
    if unknown:
        raise ConfigError(f"unknown check(s): {', '.join(unknown)} (see wb check --list)")
    if wanted:
        return [CHECKS[c] for c in wanted]
    off = set(config.get("disable", ()))
    return [c for c in CHECKS.values() if profile in c.profiles and c.id not in off
            and _section(config, c.id).get("enabled", True)]


def settings_for(chk: Check, config: Mapping[str, Any] | None) -> dict[str, Any]:
    """The check's defaults overlaid with ``[check.<id>]`` from workbench.toml."""
    given = _section(config or {}, chk.id)
    unknown = [k for k in given if k not in chk.defaults and k not in ("enabled", "severity")]
    if unknown:
        raise ConfigError(f"[check.{chk.id}]: unknown setting(s) {', '.join(unknown)}; "
                          f"known: {', '.join(['enabled', 'severity', *chk.defaults])}")
    for key, value in given.items():
        default = chk.defaults.get(key)
        if default is not None and type(value) is not type(default):
            raise ConfigError(f"[check.{chk.id}] {key}: expected {_KINDS.get(type(default), type(default).__name__)}, "
                              f"got {value!r}")
    severity = given.get("severity", chk.severity)
    if severity not in SEVERITIES:
        raise ConfigError(f"[check.{chk.id}] severity must be one of {', '.join(SEVERITIES)}")
    return {**chk.defaults, **{k: v for k, v in given.items() if k != "enabled"}, "severity": severity}


def _section(config: Mapping[str, Any], check_id: str) -> Mapping[str, Any]:
    value = config.get(check_id, {})
    if not isinstance(value, Mapping):
        raise ConfigError(f"[check.{check_id}] must be a table")
    return value


def _load_all() -> None:
    """Import the modules that register checks."""
    from . import checks  # noqa: F401
