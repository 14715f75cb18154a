"""What the aligner sees of a sentence: a fair length, words, and anchors.

Lengths count letters and digits only (no diacritics, spaces or punctuation),
so lengths in different scripts are comparable. Anchors are tokens that
survive translation unchanged or nearly so: numbers in any digit script
(and Roman numerals: ``Lager 3`` meets ``camp III``), Latin tokens
(acronyms, codes, URLs, e-mail addresses), question marks, exclamation marks
and quotes; the consonant skeletons of names, so that ``دانج
هوانج جيانج`` meets ``Dang Hoang Giang`` without any dictionary; and
cognates, words that begin with the same four letters (``Telefon``,
``téléphone``; ``телефон``) or the same five consonant classes
(``президент`` and ``president`` both begin ``BRSDN``: romanisations differ
on letters of one sound). Every script is compared through its romanisation
(anyascii), so cognates and names meet across scripts; scripts that leave
vowels out (Arabic, Hebrew) are compared by skeleton only. A line without
sentence-final punctuation (a heading, caption, menu item) is marked open.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import regex
from anyascii import anyascii

from ..text.normalize import Normalizer

_NORM = Normalizer()
_WORD = regex.compile(r"[\p{L}\p{M}\u200c]+(?:['’][\p{L}]+)?|\d+(?:[.,]\d+)*")
_NUMBER = regex.compile(r"\d+(?:[.,]\d+)*")
# An address's local part has at most 64 characters (RFC 5321): unbounded, it
# would be scanned to the end of a long run of word characters from each of them.
_LATIN_TOKEN = regex.compile(r"(?:https?://|www\.)\S+|[\w.+-]{1,64}@[\w-]+(?:\.[\w-]+)+|[A-Za-z][A-Za-z0-9+&.-]*[A-Za-z0-9+]|[A-Z]")
# In Latin-script text, the tokens an Arabic or Persian translation keeps as they
# are: capitals and symbols only, or with a digit, a URL, an address, camel case.
_CODE_LIKE = regex.compile(r"^[A-Z0-9&+.-]{2,}\Z|^(?:https?://|www\.)|\d|@|[a-z][A-Z]")
_NOT_COUNTED = regex.compile(r"[^\p{L}\p{N}]+")
_ARABIC_SCRIPT = regex.compile(r"\p{Script=Arabic}")
# Scripts that do not write short vowels: a romanised word is a skeleton already.
_ABJAD = regex.compile(r"[\p{Script=Arabic}\p{Script=Hebrew}\p{Script=Syriac}\p{Script=Thaana}]")
_LETTERS = regex.compile(r"\p{L}[\p{L}\p{M}]*")
_NAME = regex.compile(r"\p{Lu}[\p{L}\p{M}'’-]+(?:\s+\p{Lu}[\p{L}\p{M}'’-]+)*")
#: Letters of a word's romanisation that make a cognate key (Simard et al. 1992).
COGNATE_PREFIX = 4
#: Consonant classes of a word's romanisation that make a second cognate key.
SKELETON_PREFIX = 5

# Arabic clitics and Persian suffixes set aside before dictionary look-up,
# longest first, in match-key form (Persian ی is folded to ي in the key).
_AR_PREFIXES = ("وبال", "وال", "بال", "فال", "كال", "ولل", "لل", "ال", "و", "ف", "ب", "ل", "ك")
_FA_SUFFIXES = tuple(_NORM.fold(s) for s in ("هایی", "های", "ها", "ای", "ی"))

# Consonant classes of romanised text: letters that romanisations of one
# sound differ on fall in one class (Arabic writes p as b, v as f);
# vowels, w, y and marks are left out.
_LATIN_DIGRAPHS = (("ph", "F"), ("th", "T"), ("sh", "S"), ("ch", "C"), ("kh", "K"), ("gh", "G"), ("dh", "D"), ("zh", "S"),
                   ("ck", "K"), ("qu", "K"))
_LATIN_SKELETON = {
    "b": "B", "p": "B", "f": "F", "v": "F", "t": "T", "d": "D", "g": "G", "j": "G", "k": "K", "q": "K",
    "c": "K", "x": "S", "s": "S", "z": "S", "h": "H", "l": "L", "m": "M", "n": "N", "r": "R",
}
MIN_SKELETON = 3
# Roman numerals from 2 to 39 standing alone (I is a pronoun in English).
_ROMAN = regex.compile(r"(?<![\p{L}\p{N}])(?=[XVI]{2,}|V(?![\p{L}]))(X{0,3}(?:IX|IV|V?I{0,3}))(?![\p{L}\p{N}])")
_ROMAN_VALUE = {"I": 1, "V": 5, "X": 10}


def _roman(numeral: str) -> int:
    """The value of a Roman numeral (``XIV`` is 14)."""
    vals = [_ROMAN_VALUE[c] for c in numeral]
    return sum(-v if k + 1 < len(vals) and v < vals[k + 1] else v for k, v in enumerate(vals))


# A sentence ends in one of these, maybe followed by closing quotes or brackets;
# a line that does not (a heading, caption, menu item, link) is "open".
_HAS_WORD = regex.compile(r"[\p{L}\p{N}]")
_CLOSED = regex.compile(r"[.!?\u2026:;\u061f\u061b\u3002\uff01\uff1f][\p{Pf}\p{Pe}\"'\s]*\Z")


def fair_length(text: str) -> int:
    """Letters and digits, the length measure used across scripts."""
    return len(_NOT_COUNTED.sub("", text))


def _collapse(chars: list[str]) -> str:
    out: list[str] = []
    for c in chars:
        if not out or out[-1] != c:
            out.append(c)
    return "".join(out)


@lru_cache(maxsize=1 << 18)
def romanise(word: str) -> str:
    """The lower-case ASCII letters of a word's romanisation (anyascii), whatever its script."""
    return "".join(c for c in anyascii(word).lower() if "a" <= c <= "z")


@lru_cache(maxsize=1 << 17)
def arabic_skeleton(word: str, persian: bool = False) -> str:
    """Consonant skeleton of an Arabic-script word; Persian writes v as initial و."""
    head = "F" if persian and word.startswith("و") else ""
    return _collapse([head, *latin_skeleton(romanise(word))])


@lru_cache(maxsize=1 << 16)
def latin_skeleton(word: str) -> str:
    """Consonant skeleton of a Latin-script (or romanised) word."""
    w = word.lower()
    for digraph, cls in _LATIN_DIGRAPHS:
        w = w.replace(digraph, cls)
    return _collapse([c if c.isupper() else _LATIN_SKELETON[c] for c in w if c.isupper() or c in _LATIN_SKELETON])


def cognates(text: str) -> set[str]:
    """Cognate keys of a sentence: the first ``COGNATE_PREFIX`` letters of each
    romanised word at least that long (``~tele``) and the first
    ``SKELETON_PREFIX`` consonant classes of its skeleton (``%BRSDN``); none in
    a script that leaves vowels out."""
    keys: set[str] = set()
    if _ABJAD.search(text):
        return keys
    for w in _LETTERS.findall(text):
        r = romanise(w)
        if len(r) >= COGNATE_PREFIX:
            keys.add("~" + r[:COGNATE_PREFIX])
            sk = latin_skeleton(r)
            if len(sk) >= SKELETON_PREFIX:
                keys.add("%" + sk[:SKELETON_PREFIX])
    return keys


@lru_cache(maxsize=1 << 18)
def stems(word: str, lang: str) -> tuple[str, ...]:
    """Dictionary forms of a match-key word: itself and with clitics or suffixes
    set aside (``وزير`` keeps its و as a candidate, since it may be the root's)."""
    if lang == "ar":
        for p in _AR_PREFIXES:
            if word.startswith(p) and len(word) - len(p) >= 3:
                return (word, word[len(p):]) if len(p) == 1 else (word[len(p):],)
    elif lang == "fa":
        for s in _FA_SUFFIXES:
            if word.endswith(s) and len(word) - len(s) >= 3:
                return (word, word[: -len(s)])
    elif lang == "en" and len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
        return (word[:-1],)
    return (word,)


@dataclass(frozen=True, slots=True)
class Features:
    """Everything the cost function needs of one sentence."""

    length: int
    words: frozenset[str]
    anchors: frozenset[str]
    open: bool = False
    """No sentence-final punctuation at the end (a heading, caption or menu line):
    such a line seldom is part of a merge."""


def features(text: str, lang: str) -> Features:
    """Length, stemmed words and anchors of a sentence in ``lang``."""
    key = _NORM.fold(text)
    base = lang.split("-")[0].lower()
    words = [w for w in _WORD.findall(key) if not w.isdigit()]
    anchors: set[str] = {"#" + n.replace(",", "") for n in _NUMBER.findall(key)}
    anchors.update("#" + str(_roman(r)) for r in _ROMAN.findall(text))
    latin = _LATIN_TOKEN.findall(text)
    arabic_script = bool(_ARABIC_SCRIPT.search(text))
    if not arabic_script:
        latin = [t for t in latin if _CODE_LIKE.search(t)]
    anchors.update("@" + t.lower().rstrip(".") for t in latin if len(t) > 1)
    if "?" in key:
        anchors.add("?")
    if '"' in key:
        anchors.add('"')
    if "!" in key:
        anchors.add("!")
    if arabic_script:
        for w in regex.findall(r"[\p{Script=Arabic}]+", key):
            sk = arabic_skeleton(stems(w, base)[0], base == "fa")
            if len(sk) >= MIN_SKELETON:
                anchors.add("$" + sk)
    else:
        for name in _NAME.findall(text):
            parts = name.split()
            for piece in [*parts, "".join(parts)] if len(parts) > 1 else parts:
                sk = latin_skeleton(romanise(piece))
                if len(sk) >= MIN_SKELETON:
                    anchors.add("$" + sk)
    anchors |= cognates(text)
    return Features(fair_length(text), frozenset(x for w in words for x in stems(w, base)), frozenset(anchors),
                    _CLOSED.search(text) is None or not _HAS_WORD.search(text))
