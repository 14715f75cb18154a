"""What may be glued to a term in running text, per language.

Arabic: clitic prefixes on the first word (conjunction و ف, preposition
ب ك ل, article ال, and ل + ال written لل). Persian: the plural suffixes
ها های هایی (joined, after a ZWNJ or after a space) and the ezafe where it
is written: ی after a final vowel letter ا و (فضای، امضای), ی or ای after
a final silent ه (جامعه‌ی). After a consonant a written ی is no ezafe but an
adjective or indefinite ending (ویتنامی "Vietnamese"), so it is not taken.
English: simple plurals (-s, -es, -y → -ies), and for terms whose part of
speech is ``verb`` the forms -s, -ed, -ing on the first word. The matcher
folds these strings with its own normalizer before comparing them with a key.
"""
from __future__ import annotations

import regex

ZWNJ = "\u200c"

_WORD_CHAR = regex.compile(r"[\p{L}\p{N}\p{M}\u200c]")
_AR_FREE = regex.compile(r"[وف]?(?:[بكل]?(?:ال)?|لل)")
_AR_ARTICLE = regex.compile(r"[وف]?(?:[بكل]?ال|لل)")
_AR_LAM = regex.compile(r"[وف]?ل")
_BARE_ARTICLE = regex.compile(r"^[\p{Mn}\u0640]*[\u0627\u0671][\p{Mn}\u0640]*\u0644")

FA_PLURALS = ("ها", "های", "هایی")
FA_SPACED_SUFFIXES = FA_PLURALS
FA_INNER_SUFFIXES = ("ها", "های")


def persian_suffixes(word: str) -> tuple[str, ...]:
    """The suffixes a Persian word may take: plurals, and the ezafe where written."""
    last = word[-1:]
    if last in ("ا", "آ", "و"):
        return (*FA_PLURALS, "ی")
    if last in ("ه", "ۀ"):
        return (*FA_PLURALS, "ی", "ای")
    return FA_PLURALS


def is_word_char(ch: str) -> bool:
    """Letters, digits, combining marks and ZWNJ belong to a word."""
    return bool(_WORD_CHAR.match(ch))


def has_bare_article(term: str) -> bool:
    """Does the term begin with the article ال (bare or wasla alef, not أ)?"""
    return bool(_BARE_ARTICLE.match(term))


def arabic_prefix_ok(prefix: str, article: bool, lam: bool) -> bool:
    """May ``prefix`` stand before a term's first word?

    ``article``: the term's own ال was set aside, so the prefix must supply
    it (``ال``, ``وال``, ``بال``, ``لل``...); ``lam``: the rest of the word
    starts with ل, so ``ل`` + ``ال`` + ``ل`` may be written ``لل`` (``للجنة``).
    """
    if article:
        return bool(_AR_ARTICLE.fullmatch(prefix) or (lam and _AR_LAM.fullmatch(prefix)))
    return bool(_AR_FREE.fullmatch(prefix))


def english_plurals(key: str) -> list[tuple[str, frozenset[str]]]:
    """Patterns and allowed endings for an English term and its plural."""
    last = key.rsplit(" ", 1)[-1]
    tails = {"", "s"}
    if last.endswith(("s", "x", "z", "ch", "sh")):
        tails.add("es")
    out = [(key, frozenset(tails))]
    if _consonant_y(last):
        out.append((key[:-1], frozenset({"ies"})))
    return out


def english_verb_forms(word: str) -> list[tuple[str, frozenset[str]]]:
    """Stems and endings of an English verb: -s, -ed, -ing, -ies/-ied, -e dropped."""
    tails = {"", "s", "ed", "ing"}
    if word.endswith(("s", "x", "z", "ch", "sh")):
        tails.add("es")
    if word.endswith("e"):
        tails = {"", "s", "d"}
    out = [(word, frozenset(tails))]
    if _consonant_y(word):
        out.append((word[:-1], frozenset({"ies", "ied"})))
    if word.endswith("e") and len(word) > 2:
        out.append((word[:-1], frozenset({"ing"})))
    return out


def _consonant_y(word: str) -> bool:
    return len(word) > 2 and word[-1] == "y" and word[-2] not in "aeiou"
