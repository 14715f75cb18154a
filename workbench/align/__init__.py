"""Sentence alignment: length, anchors and word lists, by dynamic programming."""
from .aligner import AlignSettings, align_features, align_sentences
from .documents import align_documents, align_lines
from .lexicon import Cooccurrence, Lexicon, learn_lexicon, read_dictionary

__all__ = ["AlignSettings", "Cooccurrence", "Lexicon", "align_documents", "align_features", "align_lines", "align_sentences", "learn_lexicon", "read_dictionary"]
