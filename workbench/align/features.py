"""What the aligner sees of a sentence: a fair length, words, and anchors.

Lengths count letters and digits only (no diacritics, spaces or punctuation),
so Arabic, Persian and English lengths are comparable. Anchors are tokens that
survive translation unchanged or nearly so: numbers in any digit script,
Latin tokens (acronyms, codes, URLs, e-mail addresses), question marks and
quotes, and the consonant skeletons of names, so that ``دانج هوانج جيانج``
meets ``Dang Hoang Giang`` without any dictionary.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import regex

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
_COUNTED = regex.compile(r"[\p{L}\p{N}]")
_ARABIC_SCRIPT = regex.compile(r"\p{Script=Arabic}")

# Arabic clitics and Persian suffixes set aside before dictionary look-up,
# longest first, in match-key form (Persian ی is folded to ي in the key).
_AR_PREFIXES = ("وبال", "وال", "بال", "فال", "كال", "ولل", "لل", "ال", "و", "ف", "ب", "ل", "ك")
_FA_SUFFIXES = tuple(_NORM.fold(s) for s in ("هایی", "های", "ها", "ای", "ی"))

# Consonant classes shared by Arabic script and Latin transliteration.
_AR_SKELETON = {
    "ب": "B", "پ": "F", "ف": "F", "ڤ": "F", "ت": "T", "ط": "T", "ث": "T", "د": "D", "ض": "D", "ذ": "D",
    "ج": "G", "غ": "G", "گ": "G", "ق": "K", "ك": "K", "ک": "K", "خ": "K", "چ": "C", "ح": "H", "ه": "H",
    "س": "S", "ص": "S", "ش": "S", "ز": "S", "ظ": "S", "ژ": "S", "ل": "L", "م": "M", "ن": "N", "ر": "R",
}
_LATIN_DIGRAPHS = (("ph", "F"), ("th", "T"), ("sh", "S"), ("ch", "C"), ("kh", "K"), ("gh", "G"), ("dh", "D"), ("ck", "K"), ("qu", "K"))
_LATIN_SKELETON = {
    "b": "B", "p": "F", "f": "F", "v": "F", "t": "T", "d": "D", "g": "G", "j": "G", "k": "K", "q": "K",
    "c": "K", "x": "S", "s": "S", "z": "S", "h": "H", "l": "L", "m": "M", "n": "N", "r": "R",
}
MIN_SKELETON = 3


def fair_length(text: str) -> int:
    """Letters and digits, the length measure used across scripts."""
    return len(_COUNTED.findall(text))


def _collapse(chars: list[str]) -> str:
    out: list[str] = []
    for c in chars:
        if not out or out[-1] != c:
            out.append(c)
    return "".join(out)


@lru_cache(maxsize=1 << 17)
def arabic_skeleton(word: str, persian: bool = False) -> str:
    """Consonant skeleton of an Arabic-script word; Persian writes v as initial و."""
    head = "F" if persian and word.startswith("و") else ""
    return _collapse([head, *(_AR_SKELETON[c] for c in word if c in _AR_SKELETON)])


@lru_cache(maxsize=1 << 16)
def latin_skeleton(word: str) -> str:
    """Consonant skeleton of a Latin-script word, in the same classes."""
    w = word.lower()
    for digraph, cls in _LATIN_DIGRAPHS:
        w = w.replace(digraph, cls)
    return _collapse([c if c.isupper() else _LATIN_SKELETON[c] for c in w if c.isupper() or c in _LATIN_SKELETON])


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


def features(text: str, lang: str) -> Features:
    """Length, stemmed words and anchors of a sentence in ``lang``."""
    key = _NORM.fold(text)
    base = lang.split("-")[0].lower()
    words = [w for w in _WORD.findall(key) if not w.isdigit()]
    anchors: set[str] = {"#" + n.replace(",", "") for n in _NUMBER.findall(key)}
    latin = _LATIN_TOKEN.findall(text)
    arabic_script = bool(_ARABIC_SCRIPT.search(text))
    if not arabic_script:
        latin = [t for t in latin if _CODE_LIKE.search(t)]
    anchors.update("@" + t.lower().rstrip(".") for t in latin if len(t) > 1)
    if "?" in key:
        anchors.add("?")
    if '"' in key:
        anchors.add('"')
    if arabic_script:
        for w in regex.findall(r"[\p{Script=Arabic}]+", key):
            sk = arabic_skeleton(stems(w, base)[0], base == "fa")
            if len(sk) >= MIN_SKELETON:
                anchors.add("$" + sk)
    else:
        names = regex.findall(r"\p{Lu}[\p{L}'’-]+(?:\s+\p{Lu}[\p{L}'’-]+)*", text)
        for name in names:
            parts = name.split()
            for piece in [*parts, "".join(parts)] if len(parts) > 1 else parts:
                sk = latin_skeleton(_NORM.fold(piece))
                if len(sk) >= MIN_SKELETON:
                    anchors.add("$" + sk)
    return Features(fair_length(text), frozenset(x for w in words for x in stems(w, base)), frozenset(anchors))
