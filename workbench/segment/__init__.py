"""Sentence segmentation for Arabic, Persian, English and a generic fallback."""
from .engine import Segmenter, segment_string
from .rules import LanguageRules, Rule, known_languages, rules_for

__all__ = ["LanguageRules", "Rule", "Segmenter", "known_languages", "rules_for", "segment_string"]
