"""Text layer: language tags, script detection, normalization for matching."""
from .langtag import fallback_chain, parse_tag, primary, same_language
from .normalize import ALL_FOLDS, Key, Normalizer, default_normalizer, match_key
from .script import detect_language

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
