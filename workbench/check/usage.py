"""How a source word is used where a glossary term matches it: an English noun term
is no hit where the word is plainly a verb ("people cough on me") or the last word
of a compound that names something else ("hay fever"), nor where it is glued by a
hyphen to another word ("MERS-CoV"). Word lists in ``data/usage/<lang>.toml``."""
from __future__ import annotations

from functools import cache

import regex

from ..model import Term, lang_key
from .langdata import for_language

_WORD = regex.compile(r"[\p{L}\p{M}'’]+")
#: Where a clause ends: words before it say nothing of the word after it.
_BREAK = regex.compile(r"[.;:!?()\[\]«»“”\"]")
_LETTER = regex.compile(r"[\p{L}\p{N}]")
#: A word that may be a verb: lower-case letters only (not SARS-CoV-2, WHO, Wuhan).
_PLAIN = regex.compile(r"\p{Ll}+")


@cache
def _lists(lang: str) -> dict[str, frozenset[str]]:
    table = for_language("usage", lang)
    return {k: frozenset(v) for k, v in table.items()}


def _words_before(text: str, start: int, n: int = 4) -> list[str]:
    """Up to ``n`` words of the clause before ``start``, nearest first, lower case, a
    clitic after an apostrophe as a word of its own ("you're": "re", "you"; "can't" whole)."""
    window = text[max(0, start - 80):start]
    cut = max((m.end() for m in _BREAK.finditer(window)), default=0)
    out: list[str] = []
    for raw in reversed(_WORD.findall(window[cut:])):
        word = raw.lower().replace("’", "'").strip("'")
        if "'" in word and not word.endswith("n't"):
            out.extend(reversed(word.split("'")))
        else:
            out.append(word)
        if len(out) >= n:
            break
    return [w for w in out if w][:n]


def verb_use(text: str, start: int, end: int, term: Term) -> bool:
    """Is the word at ``text[start:end]`` (an English one-word term in lower case that is
    a noun, or of no stated part of speech, written in lower case) a verb there? After a subject pronoun or "people",
    "to" (not "due to"), a modal, do-support, a perfect's "has" and an adverb
    ("has already spread"), or a form of "be" before a word in -ing ("you're
    breathing"); adverbs ("not", "also") may stand between."""
    lists = _lists(lang_key(term.lang))
    if not lists or term.part_of_speech.lower() not in ("", "noun") or not _PLAIN.fullmatch(term.text) \
            or not _PLAIN.fullmatch(text[start:end]):
        return False
    before = _words_before(text, start)
    skipped = 0
    while skipped < len(before) and before[skipped] in lists["adverbs"]:
        skipped += 1
    if skipped == len(before):
        return False
    word, after = before[skipped], before[skipped + 1] if skipped + 1 < len(before) else ""
    if word in lists["subjects"] or word in lists["modals"] or word in lists["do"]:
        return True
    if word in lists["to"]:
        return after not in lists["to_preposition"]
    if word in lists["have"]:
        return skipped > 0
    return word in lists["be"] and text[start:end].lower().endswith("ing")


def in_compound(text: str, start: int, end: int, lang: str) -> bool:
    """Is ``text[start:end]`` a word of a compound that names something else
    ("hay fever"), or glued by a hyphen to a word ("MERS-CoV", "non-flu")?"""
    if end + 1 < len(text) and text[end] == "-" and _LETTER.match(text, end + 1) \
            or start >= 2 and text[start - 1] == "-" and _LETTER.match(text, start - 2):
        return True
    compounds = _compounds(lang_key(lang))
    if compounds is None:
        return False
    lo = max(0, start - 40)
    return any(m.start() + lo <= start and end <= m.end() + lo and m.end() - m.start() > end - start
               for m in compounds.finditer(text[lo:end + 40], overlapped=True))


@cache
def _compounds(lang: str) -> regex.Pattern[str] | None:
    """The language's compounds as one pattern (whole words, any case), or ``None``."""
    words = sorted(_lists(lang).get("compounds", ()), key=len, reverse=True)
    if not words:
        return None
    return regex.compile(r"(?<![\p{L}\p{N}])(?:" + "|".join(map(regex.escape, words)) + r")(?![\p{L}\p{N}])", regex.I)
