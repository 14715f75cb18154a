"""Looking a term up: exact (on the match key), then as running text, then close."""
from __future__ import annotations

from dataclasses import dataclass

from rapidfuzz import fuzz, process

from ..model import Concept, lang_key
from ..text.normalize import Normalizer
from ..text.script import detect_language
from .store import Glossary


@dataclass(frozen=True, slots=True)
class LookupResult:
    """Concepts that have the term, or else close terms to suggest."""

    query: str
    concepts: tuple[Concept, ...]
    suggestions: tuple[str, ...] = ()


def lookup(glossary: Glossary, query: str, lang: str | None = None, folds_off: tuple[str, ...] = (),
           limit: int = 5) -> LookupResult:
    """Find the concepts with a term equal to ``query`` on the match key (any
    language, or ``lang``); failing that, a term the matcher finds covering
    the whole query (``للأمم المتحدة``, ``UN agencies``); failing that, up to
    ``limit`` close terms as suggestions."""
    langs = [lang_key(lang)] if lang else list(glossary.languages)
    norm = Normalizer(exclude=folds_off)
    want = norm.fold(query).strip()
    found = [c for c in glossary if any(norm.fold(t.text).strip() == want for lk in langs for t in c.terms_in(lk))]
    if not found:
        text = query.strip()
        in_lang = lang_key(lang) if lang else detect_language(text, "en") or "en"
        ids = dict.fromkeys(h.concept for h in glossary.matcher(in_lang, folds_off).scan(text)
                            if h.start == 0 and h.end == len(text))
        found = [glossary[i] for i in ids]
    if found:
        return LookupResult(query, tuple(found))
    choices = {t.text: norm.fold(t.text) for c in glossary for lk in langs for t in c.terms_in(lk)}
    close = process.extract(want, choices, scorer=fuzz.WRatio, limit=limit, score_cutoff=60)
    return LookupResult(query, (), tuple(text for _, _, text in close))
