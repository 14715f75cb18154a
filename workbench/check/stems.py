"""Word shapes for comparing terms across inflection: clitics set aside and a
consonant skeleton, on match-key words (hamza, yeh, kaf and teh marbuta
already folded: ``الجرائم`` -> ``جرم``, ``جريمة`` -> ``جرم``, ``جرایم`` -> ``جرم``)."""
from __future__ import annotations

from functools import lru_cache

import regex

from ..model import Concept, lang_key

WORD = regex.compile(r"[\p{L}\p{M}\p{N}]+")
#: Arabic clitics and article before a word, longest first.
_CLITICS = ("وبال", "وال", "بال", "فال", "كال", "لل", "ال", "و", "ف", "ب", "ل", "ك")
#: Plural and adjective endings set aside before the skeleton is taken.
_ENDINGS = ("هاي", "ها", "ات", "يه", "ين", "ون")
_VOWELS = str.maketrans("", "", "اويىءه")


@lru_cache(maxsize=1 << 16)
def bare(word: str) -> str:
    """A key word without Arabic clitics and article when at least three letters remain."""
    for p in _CLITICS:
        if word.startswith(p) and len(word) - len(p) >= 3:
            return word[len(p):]
    return word


@lru_cache(maxsize=1 << 16)
def skeleton(word: str, arabic: bool = True) -> str:
    """The consonants of a key word without plural endings and, in Arabic, clitics
    (Latin words: lower-cased, final s dropped)."""
    if word.isascii():
        w = word.lower()
        return w[:-1] if w.endswith("s") and len(w) > 3 else w
    w = bare(word) if arabic else word
    for e in _ENDINGS:
        if w.endswith(e) and len(w) - len(e) >= 3:
            w = w[:-len(e)]
            break
    return w[:1] + w[1:].translate(_VOWELS) if w else w


def skeletons(key_text: str, arabic: bool = True) -> list[str]:
    """The skeletons of the words of a key text."""
    return [skeleton(w, arabic) for w in WORD.findall(key_text)]


def is_name(concept: Concept) -> bool:
    """Does the concept name one thing (a person, place, body, treaty) rather than a term?
    Told by its English designations: a name is capitalized (``Ad Hoc Committee``),
    a term is not (``signing ceremony``). Concepts without English count as terms."""
    english = [t.text for t in concept.terms if lang_key(t.lang) == "en"]
    return bool(english) and all(any(w[:1].isupper() for w in t.split()) for t in english)


def inflections(a: str, b: str, arabic: bool = True) -> bool:
    """Are two key texts the same words, up to inflection (``جريمة إلكترونية``/``جرائم إلكترونية``)?"""
    sa, sb = skeletons(a, arabic), skeletons(b, arabic)
    return len(sa) == len(sb) and all(x == y for x, y in zip(sa, sb, strict=True))


def contained(a: str, b: str, arabic: bool = True) -> bool:
    """Are the words of one key text all among the other's (a short form)?"""
    sa, sb = set(skeletons(a, arabic)), set(skeletons(b, arabic))
    return sa <= sb or sb <= sa
