"""Text layer: language tags, script detection, normalization for matching.

Its names are loaded on first use (language tags need langcodes' data, the
normalizer its tables: a command imports what it uses).
"""
from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .langtag import fallback_chain, parse_tag, primary, same_language
    from .normalize import ALL_FOLDS, Key, Normalizer, default_normalizer, match_key
    from .script import detect_language

#: name -> the module of this package that defines it
_WHERE = {
    "fallback_chain": "langtag", "parse_tag": "langtag", "primary": "langtag", "same_language": "langtag",
    "ALL_FOLDS": "normalize", "Key": "normalize", "Normalizer": "normalize", "default_normalizer": "normalize",
    "match_key": "normalize", "detect_language": "script",
}


def __getattr__(name: str) -> Any:
    if name not in _WHERE:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(f".{_WHERE[name]}", __name__), name)


__all__ = [
    "ALL_FOLDS",
    "Key",
    "Normalizer",
    "default_normalizer",
    "detect_language",
    "fallback_chain",
    "match_key",
    "parse_tag",
    "primary",
    "same_language",
]
