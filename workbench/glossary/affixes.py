"""What may be glued to a term in running text, per language.

Arabic: clitic prefixes on the first word (conjunction و ف, preposition
ب ك ل, article ال, and ل + ال written لل); a term given with the article
also written without it (a construct head or an indefinite: أعراض المرض for
الأعراض; a noun and its adjective both bare), unless the bare word reads as
something else (:func:`arabic_bare_ok`); attached pronouns (ـه ـها ـهم
ـهما ـهن ـك ـكم ـكما ـكن ـنا) on an indefinite noun of a term, written on the
stem form of the word (ة becomes ت, final ى becomes ا, final ء may sit on و
or ي: اتفاقيتها، مستواه، فضاؤه); and the dual construct ending ـا/ـي (ـتا/ـتي)
on the head noun of a construct term that ends definite (وزارتا الأمن العام). The pronoun of the
first person singular ـي is left out: on a noun it is spelt like the nisba
adjective (فيتنامي "Vietnamese", أمني "security-"), like the dual ending
(اتفاقيتي "the two conventions of") and like names (كوباي, Kubayi, is not
كوبا + ي), so it cannot be set aside without false hits. A one-word noun or
adjective also takes the sound plural and dual (ات ين ون ان, on four letters
or more), a nisba adjective its feminine (ية), and the accusative alef where
its tanween is written (قيودًا). Persian: the plural suffixes
ها های هایی (joined, after a ZWNJ or after a space) and the ezafe where it
is written: ی after a final vowel letter ا و (فضای، امضای), ی or ای after
a final silent ه (جامعه‌ی). After a consonant a written ی is no ezafe but an
adjective or indefinite ending (ویتنامی "Vietnamese"), so it is not taken.
A term's words, and the parts of a compound (شده، کننده...), may be written
closed up or apart.
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

#: Attached pronouns set aside after an indefinite Arabic noun (first person singular ـي left out).
AR_PRONOUNS = ("ه", "ها", "هم", "هما", "هن", "ك", "كم", "كما", "كن", "نا")
#: Dual construct endings (nominative ـا, genitive/accusative ـي) after the stem of a head noun.
AR_DUAL_ENDINGS = ("ا", "ي")
#: Clitics that may precede a noun carrying a pronoun or a dual construct ending (no article).
_AR_NO_ARTICLE = regex.compile(r"[وف]?[بكل]?")
_ARABIC_WORD = regex.compile(r"[\p{Arabic}&&\p{L}]{3,}", regex.V1)
#: Letters after which a masculine dual construct ending is not written plainly.
_AR_WEAK_END = frozenset("اىيوءأإآؤئ")

#: Sound plural and dual endings on an indefinite Arabic noun or adjective (لقاح → لقاحات، مصاب → مصابين).
AR_NUMBER_ENDINGS = ("ات", "ين", "ون", "ان")
#: The feminine ending of a nisba adjective (تنفسي → تنفسية), with its plural.
AR_NISBA_ENDINGS = ("ة", "ات")
#: Fewest letters a word needs before a number ending is set aside: a shorter stem
#: is too often another word with the ending (حجر "stone, quarantine", حجرات "rooms").
AR_NUMBER_MIN = 4
#: Fewest letters a term's word needs, its article left out, to take a pronoun or the tanween
#: alef too: حماه is the city of Hama, or "protected him", not حمى + ه.
AR_BARE_INFLECT_MIN = 4
#: The accusative indefinite alef (قيودًا، مرضًا), set aside only where the tanween fatha is written.
AR_TANWEEN_ALEF = "ا"
AR_TANWEEN_FATHA = "\u064b"

FA_PLURALS = ("ها", "های", "هایی")
#: Second parts of Persian compounds written closed up, with a ZWNJ or with a space
#: (تأییدشده، تأیید شده؛ ضدعفونی‌کننده، ضدعفونی کننده).
FA_COMPOUND_PARTS = ("شده", "کننده", "کنندگان", "گیری")
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


def arabic_endings(word: str) -> tuple[str, ...]:
    """Number and gender endings an indefinite Arabic noun or adjective (light-folded) may
    take in running text: sound plurals and the dual on a word of :data:`AR_NUMBER_MIN`
    letters or more (not on one ending in ة, whose stem changes, nor in a weak letter), the
    feminine of a nisba adjective in ي."""
    if len(word) < AR_NUMBER_MIN or word[-1] in _AR_WEAK_END or word[-1] == "ة":
        return AR_NISBA_ENDINGS if word.endswith("ي") and len(word) >= AR_NUMBER_MIN else ()
    return AR_NUMBER_ENDINGS


def is_word_char(ch: str) -> bool:
    """Letters, digits, combining marks and ZWNJ belong to a word."""
    return bool(_WORD_CHAR.match(ch))


def has_bare_article(term: str) -> bool:
    """Does the term begin with the article ال (bare or wasla alef, not أ)?"""
    return bool(_BARE_ARTICLE.match(term))


#: A word whose ال is no article: a verbal noun of form VIII from a root beginning with ل (التهاب، التزام).
_AR_FORM_VIII_L = regex.compile(r"الت\p{L}\p{L}ا\p{L}")
#: A verbal noun of form V or VI (تعرض، تباعد), spelt like its verb's perfect ("was exposed") once
#: the article is gone; a defective one ends in ي where the verb has ى (تفشي، تفشى) and is kept.
_AR_VERB_LIKE = regex.compile(r"ت\p{L}{3}(?<!ي)|ت\p{L}ا\p{L}\p{L}(?<!ي)")


def arabic_bare_ok(word: str, alone: bool = True) -> bool:
    """May a word of a term (light-folded) given with the article be written without it?

    Its ال must be the article (not التهاب, inflammation, whose ال is of its form), three
    letters at least must stay, and the bare word must not read as something else: a verb
    (تعرض, "was exposed", for التعرض) or, for a term of one word (``alone``) in ية, an
    abstract noun's other sense in a construct (لخصوصية الاتفاقية, "the specificity of",
    for الخصوصية, privacy)."""
    bare = word[2:]
    return (has_bare_article(word) and len(bare) >= 3 and not _AR_FORM_VIII_L.fullmatch(word)
            and not _AR_VERB_LIKE.fullmatch(bare) and not (alone and bare.endswith("ية")))


def article_left_out(term: str, prefix: str) -> bool:
    """Is a hit of an Arabic ``term`` given with the article, behind the clitics ``prefix``,
    its bare form (اتفاقية for الاتفاقية)? ``لل`` and ``ال`` supply the article; so may ``ل``
    before a term whose word begins with ل (للجنة for اللجنة: taken as the article)."""
    if not has_bare_article(term) or "ال" in prefix or prefix.endswith("لل"):
        return False
    return not (prefix.endswith("ل") and term.lstrip("\u0627\u0671")[1:2] == "ل")


def arabic_prefix_ok(prefix: str, article: bool, lam: bool) -> bool:
    """May ``prefix`` stand before a term's first word?

    ``article``: the term's own ال was set aside, so the prefix must supply
    it (``ال``, ``وال``, ``بال``, ``لل``...); ``lam``: the rest of the word
    starts with ل, so ``ل`` + ``ال`` + ``ل`` may be written ``لل`` (``للجنة``).
    """
    if article:
        return bool(_AR_ARTICLE.fullmatch(prefix) or (lam and _AR_LAM.fullmatch(prefix)))
    return bool(_AR_FREE.fullmatch(prefix))


def arabic_inflectable(word: str) -> bool:
    """May an Arabic word of a term (light-folded) carry a pronoun or dual ending?
    Only an indefinite word of at least three Arabic letters."""
    return bool(_ARABIC_WORD.fullmatch(word)) and not has_bare_article(word)


def arabic_pronoun_stems(word: str) -> list[tuple[str, str]]:
    """The written stems of an indefinite Arabic noun before an attached pronoun,
    each with the letter of the word it replaces at its end (``""``: none).

    >>> arabic_pronoun_stems("اتفاقية")
    [('اتفاقيت', 'ة')]
    """
    last = word[-1:]
    if last == "ة":
        return [(word[:-1] + "ت", "ة")]
    if last == "ى":
        return [(word[:-1] + "ا", "ى")]
    if last == "ء":
        return [(word, ""), (word[:-1] + "ؤ", "ء"), (word[:-1] + "ئ", "ء")]
    return [(word, "")]


def arabic_dual_stem(word: str) -> tuple[str, str] | None:
    """The stem that takes the dual construct ending (وزارة → وزارت-ا), with the letter
    it replaces, or ``None`` when the word ends in a weak letter or hamza."""
    if word.endswith("ة"):
        return word[:-1] + "ت", "ة"
    if not word or word[-1] in _AR_WEAK_END:
        return None
    return word, ""


def arabic_suffix_prefix_ok(prefix: str) -> bool:
    """May ``prefix`` precede a word carrying a pronoun or dual ending? No article:
    a noun with an attached pronoun is already definite."""
    return bool(_AR_NO_ARTICLE.fullmatch(prefix))


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
