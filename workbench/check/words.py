"""The words of a language's documents for the checks that compare wordings:
light form, match key, variant key, letter count and place of every word,
with Arabic clitics and article set aside where the rest is a word of its own."""
from __future__ import annotations

import sys
from dataclasses import dataclass
from functools import lru_cache

import regex

from ..model import lang_key
from ..text.normalize import Normalizer
from .context import CheckContext, Document
from .keys import TOKEN_KEY, loose

#: Differences that are not variants: diacritics, tatweel, direction marks, case, compatibility forms.
_LIGHT = Normalizer(folds=["nfkc", "diacritics", "tatweel", "bidi", "case", "space"])
_WORD = regex.compile(r"[\p{L}\p{M}\u200c]+(?:[.'][\p{L}]+)*")
_LETTERS = regex.compile(r"\p{L}")
#: Arabic clitics and article, set aside when the rest of the word is a word of its own.
_PREFIXES = ("وبال", "وال", "بال", "فال", "كال", "لل", "ال", "و", "ف", "ب", "ل", "ك")


@dataclass(frozen=True, slots=True)
class Word:
    """A word of a segment: light form, key, variant key, letter count, span in its document."""

    light: str
    key: str
    loose: str
    letters: int
    doc: str
    start: int
    end: int


def ctx_words(ctx: CheckContext, lang: str) -> list[list[Word]]:
    """:func:`language_words` of the documents of ``lang`` in ``ctx``, made once per context."""
    words = ctx.words.get(lang)
    if words is None:
        words = ctx.words[lang] = language_words(ctx.by_lang(lang))
    return words


def language_words(docs: list[Document]) -> list[list[Word]]:
    raw = []
    vocab: set[str] = set()
    for doc in docs:
        for seg in doc.translatable:
            key = TOKEN_KEY.key(seg.text)
            spans = [m.span() for m in _WORD.finditer(key.text)]
            vocab.update(key.text[a:b] for a, b in spans)
            raw.append((doc.id, seg, key, spans))
    arabic = bool(docs) and lang_key(docs[0].lang) == "ar"
    out = []
    for doc_id, seg, key, spans in raw:
        words = []
        for ks, ke in spans:
            if arabic:
                word = key.text[ks:ke]
                for p in _PREFIXES:
                    if word.startswith(p) and len(word) - len(p) >= 3 and word[len(p):] in vocab:
                        ks += len(p)
                        break
            s, e = key.span(ks, ke)
            k = sys.intern(key.text[ks:ke])  # one string per distinct word, not one per occurrence
            words.append(Word(_light(seg.text[s:e]), k, loose(k), letters(k), doc_id, seg.start + s, seg.start + e))
        out.append(words)
    return out


@lru_cache(maxsize=1 << 16)
def _light(surface: str) -> str:
    return _LIGHT.fold(surface)


@lru_cache(maxsize=1 << 16)
def letters(text: str) -> int:
    return len(_LETTERS.findall(text))
