"""Concordance: every stored segment that holds a phrase, with its translation.

The phrase is found on the match key (:mod:`workbench.text.normalize`), so
hamza, yeh and kaf forms, diacritics, ZWNJ and digit script do not hide an
occurrence, and clitics attached to it do not either (``لاتفاقية هانوي``
holds ``اتفاقية هانوي``). Candidates come from the fuzzy index's trigram
lists (:meth:`~workbench.tm.fuzzy.FuzzyIndex.containing`); each occurrence
is reported at its place in the stored text.
"""
from __future__ import annotations

from dataclasses import dataclass

from ..errors import InputError
from ..model import Span
from ..text.langtag import parse_tag
from .fuzzy import FuzzyIndex
from .store import Store


@dataclass(frozen=True, slots=True)
class Occurrence:
    """A stored segment holding the phrase at ``spans``, and its translation (if the TU has one)."""

    tu: int
    lang: str
    text: str
    spans: tuple[Span, ...]
    translation_lang: str | None = None
    translation: str | None = None

    def as_dict(self) -> dict[str, object]:
        return {"tu": self.tu, "lang": self.lang, "text": self.text, "spans": [[s.start, s.end] for s in self.spans],
                "translation_lang": self.translation_lang, "translation": self.translation}


def concordance(store: Store, phrase: str, lang: str, tgt: str | None = None, limit: int = 20) -> list[Occurrence]:
    """Up to ``limit`` segments in ``lang`` holding ``phrase``, shortest first,
    each with its translation in ``tgt`` (None: in any other language)."""
    index = FuzzyIndex(store)
    query = index.fold(phrase.strip())
    if not query.strip():
        raise InputError("empty phrase: give the words to look for")
    primary = parse_tag(lang).split("-", 1)[0].lower()
    want = parse_tag(tgt) if tgt else None
    out: list[Occurrence] = []
    for _, tuv, _ in index.containing(query, primary, limit):
        found = index.pair(tuv, want)
        if found is None:
            continue
        tu_id, seg_lang, text, translation = found
        key = index.norm.key(text)
        spans, pos = [], key.text.find(query)
        while pos >= 0:
            spans.append(Span(*key.span(pos, pos + len(query))))
            pos = key.text.find(query, pos + len(query))
        out.append(Occurrence(tu_id, seg_lang, text, tuple(spans), *(translation or (None, None))))
    return out
