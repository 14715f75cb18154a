"""Sentence segmentation for Arabic, Persian, English and a generic fallback."""
from .document import segment_file, segment_stream
from .engine import Segmenter, segment_string
from .rules import LanguageRules, Rule, known_languages, rules_for

__all__ = ["LanguageRules", "Rule", "Segmenter", "known_languages", "rules_for", "segment_file", "segment_stream", "segment_string"]
