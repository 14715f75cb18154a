"""The number words of the `number-mismatch` check: an ordinary word that is also a
number word (Persian نه "not", ده "village"; Arabic عقد "held", ست "lady") does not
stand for a number, so it does not hide a real missing or extra number."""
from __future__ import annotations

import pytest
from check_util import context, findings


def mismatch(src: str, tgt: str, src_lang: str = "ar", tgt_lang: str = "en") -> list[str]:
    ctx = context((f"{src_lang}/a.txt", src_lang, src + "\n"), (f"{tgt_lang}/a.txt", tgt_lang, tgt + "\n"),
                  pairs=((f"{src_lang}/a.txt", f"{tgt_lang}/a.txt"),), glossary=False)
    return [f.message for f in findings(ctx, "number-mismatch")]


@pytest.mark.parametrize(("src", "tgt", "lang", "message"), [
    # نه "not only": the 9 of the translation is not in the source.
    ("این کنوانسیون نه تنها جرایم سایبری را پوشش می‌دهد.",
     "The convention covers 9 kinds of cybercrime, not only attacks.", "fa", "translation has 9 not in the source"),
    # نه … نه "neither … nor", even before a counted noun.
    ("نه کشور و نه سازمان این سند را امضا نکرد.",
     "9 countries signed the document.", "fa", "translation has 9 not in the source"),
    # ده "village".
    ("ساکنان ده از این طرح حمایت کردند.", "The 10 residents supported the plan.", "fa",
     "translation has 10 not in the source"),
    # ده‌ها "dozens" is not ten.
    ("ده‌ها کشور در این نشست شرکت کردند.", "10 countries took part in the meeting.", "fa",
     "translation has 10 not in the source"),
    # عقد "held" before a definite noun, and as a verb.
    ("عقد المكتب مشاورة إعلامية في المدن.", "The Office held an information session in 10 cities.", "ar",
     "translation has 10 not in the source"),
    ("وعقد الاجتماع في فيينا.", "The 10th meeting was held in Vienna.", "ar", "translation has 10 not in the source"),
    # ست "lady".
    ("حضرت ست البيت الاجتماع.", "6 women attended the meeting.", "ar", "translation has 6 not in the source"),
    # الثاني in a month name is not "second".
    ("عقدت الجلسة في كانون الثاني.", "The session was held on 2 January.", "ar", "translation has 2 not in the source"),
])
def test_an_ordinary_word_does_not_hide_a_number(src: str, tgt: str, lang: str, message: str) -> None:
    assert mismatch(src, tgt, lang) == [message]


def test_a_missing_number_is_found_beside_an_ambiguous_word() -> None:
    # The source has 9 in digits and نه "not"; the translation drops the 9 and says "not" in words.
    assert mismatch("The 9 States did not only sign the Convention.",
                    "این کشورها نه تنها کنوانسیون را امضا کردند.", "en", "fa") == ["source has 9 not in the translation"]
    assert mismatch("The Office held a session in 10 cities.",
                    "عقد المكتب جلسة في المدن.", "en", "ar") == ["source has 10 not in the translation"]


@pytest.mark.parametrize(("src", "tgt", "lang"), [
    ("دو کشور این سند را امضا کردند.", "2 countries signed the document.", "fa"),
    ("نه کشور این سند را امضا کردند.", "9 countries signed the document.", "fa"),
    ("این طرح ده سال طول کشید.", "The plan took 10 years.", "fa"),
    ("در نشست دهم توافق شد.", "It was agreed at the 10th session.", "fa"),
    ("یک کشور مخالفت کرد.", "1 country objected.", "fa"),
    ("صد کشور شرکت کردند.", "100 countries took part.", "fa"),
    ("وقعت ست دول على الاتفاقية.", "6 States signed the Convention.", "ar"),
    ("بدأت المفاوضات منذ عقد من الزمن.", "Negotiations began 10 years ago.", "ar"),
    ("عقدت الجلسة في الاجتماع الأول.", "The session took place at the 1st meeting.", "ar"),
    ("عقد المكتب ست جلسات في عام 2024.", "The Office held 6 sessions in 2024.", "ar"),
])
def test_number_words_standing_as_numbers_still_count(src: str, tgt: str, lang: str) -> None:
    assert mismatch(src, tgt, lang) == []


def test_a_number_written_onto_latin_letters_may_stand_apart() -> None:
    # ACE2 transliterated أيه سي إي 2, or spelled out as the enzyme's name with its 2
    assert mismatch("Human ACE2 is a receptor.", "الإنزيم البشري المحول للأنجيوتنسين 2 هو مستقبل.", "en", "ar") == []
    assert mismatch("enzyme 2 (ACE2) and peptidase 4 (DPP4)", "الإنزيم 2 (أيه سي إي 2) والببتيداز 4 (دي بي بي 4)",
                    "en", "ar") == []
    # a number the source does not have at all is still reported
    assert mismatch("Human ACE2 is a receptor.", "الإنزيم 3 هو مستقبل.", "en", "ar") == [
        "translation has 3 not in the source"]
