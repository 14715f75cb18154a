"""Monolingual text checks: repeated words, brackets and quotes, spacing, ZWNJ,
invisible characters; direction marks never cause other findings."""
from __future__ import annotations

from check_util import context, findings

from workbench.check import run_checks
from workbench.check.checks.invisible import stray
from workbench.check.checks.persian import zwnj_fix

AR_ACTIVE = "تحرص فيتنام دائمًا على المشاركة الفاعلة والفاعلة في صياغة الأطر القانونية الدولية.\n"
AR_PAREN = "اختتمت مراسم التوقيع بشأن اتفاقية الأمم المتحدة (المعروفة باسم اتفاقية هانوي ) بنجاح في هانوي.\n"
FA = ("سفیر، رئیس هیئت نمایندگی، تأکید کرد که موفقیت مراسم امضا زمینه را برای اجرای مفاد کنوانسیون هانوی "
      "در عرصه بینالمللی فراهم میکند.\n")


def ar(text: str) -> object:
    return context(("ar/a.txt", "ar", text), glossary=False)


def test_repeated_word_across_the_conjunction() -> None:
    [f] = findings(ar(AR_ACTIVE), "repeated-word")
    assert f.surface == "الفاعلة والفاعلة" and f.suggestion == "الفاعلة"
    assert findings(ar("تحرص فيتنام على المشاركة الفاعلة والنشطة.\n"), "repeated-word") == []
    en = context(("en/a.txt", "en", "It is the the first time.\n"), glossary=False)
    assert [f.surface for f in findings(en, "repeated-word")] == ["the the"]


def test_unbalanced_brackets_and_quotes() -> None:
    got = findings(ar("وأضاف جيانج قائلاً: \"إن هذه المناسبة مهمة أيضاً (بالنسبة لفيتنام.\n"), "unbalanced")
    assert sorted(f.surface for f in got) == ['"', "("]
    assert findings(ar("وأضاف جيانج قائلاً: \"إن هذه المناسبة مهمة\" (بالنسبة لفيتنام).\n"), "unbalanced") == []
    assert findings(ar("سيعقد تحت شعار «مكافحة الجرائم الإلكترونية» يومي 25 و26 أكتوبر.\n"), "unbalanced") == []


def test_space_before_bracket_and_double_space() -> None:
    [f] = findings(ar(AR_PAREN), "spacing")
    assert f.surface == " )" and "space before" in f.message
    [f] = findings(ar("بادرت الأمم المتحدة  إلى وضع اتفاقية.\n"), "spacing")
    assert f.message == "double space" and f.end - f.start == 2
    assert findings(ar(AR_PAREN.replace(" )", ")")), "spacing") == []


def test_direction_marks_cause_no_finding_but_their_own() -> None:
    marked = AR_PAREN.replace(" )", ")").replace("هانوي)", "هانوي\u200f)").replace("اتفاقية", "اتفا\u200fقية", 1)
    run = run_checks(ar(marked))
    assert [f.check for f in run.findings] == ["invisible-char"]  # only the RLM between two Arabic letters
    assert run.findings[0].surface == "\u200f"
    assert "same direction" in run.findings[0].message
    spaced = "بادرت الأمم المتحدة\u200f إلى وضع اتفاقية (2019\u200f).\n"
    assert [f.check for f in run_checks(ar(spaced)).findings] == []


def test_stray_invisible_characters() -> None:
    assert [why for _, why in stray("a\u200bb", "en")] == ["ZERO WIDTH SPACE (U+200B) in the text"]
    assert [why for _, why in stray("\u2067هانوي", "ar")] == ["RLI left open"]
    assert list(stray("\u2067هانوي\u2069", "ar")) == []
    assert list(stray("می\u200cکند", "fa")) == []
    assert [why for _, why in stray("می\u200cکند", "ar")] == ["ZWNJ outside Persian text"]
    assert list(stray("\ufeffThe Convention", "en")) == []
    assert [why for _, why in stray("Hanoi\u200f\u200f 2025", "en")] == ["RLM repeated"]


def test_persian_words_needing_zwnj() -> None:
    assert zwnj_fix("میکند") == "می\u200cکند"
    assert zwnj_fix("بینالمللی") == "بین\u200cالمللی"
    assert zwnj_fix("آژانسهای", frozenset({"آژانس"})) == "آژانس\u200cهای"
    assert zwnj_fix("زمینهای", frozenset({"زمینه"})) == "زمینه\u200cای"
    assert zwnj_fix("منطقهای") is None  # neither reading attested: left alone
    for word in ("میزگرد", "میزبانی", "کشورها", "تنها", "می\u200cکند", "سفیر", "مین"):
        assert zwnj_fix(word) is None, word
    ctx = context(("fa/a.txt", "fa", FA))
    got = [(f.surface, f.suggestion) for f in findings(ctx, "zwnj")]
    assert got == [("بینالمللی", "بین\u200cالمللی"), ("میکند", "می\u200cکند")]
    assert FA[findings(ctx, "zwnj")[0].start:findings(ctx, "zwnj")[0].end] == "بینالمللی"


def test_persian_perfect_forms_need_zwnj() -> None:
    assert zwnj_fix("کردهاند") == "کرده\u200cاند"
    assert zwnj_fix("نرفتهایم") == "نرفته\u200cایم"
    assert zwnj_fix("میگفتهاند") == "می\u200cگفته\u200cاند"
    assert zwnj_fix("نوشتهای") == "نوشته\u200cای"
    # not a participle before the ending: رهاند (a verb of its own), خانهاند (no past stem)
    for word in ("رهاند", "خانهاند", "گفته\u200cاند"):
        assert zwnj_fix(word) is None, word
    text = "نمایندگان گفتند که این طرح را بررسی کردهاند و به زودی پاسخ میدهند.\n"
    got = [(f.surface, f.suggestion) for f in findings(context(("fa/a.txt", "fa", text)), "zwnj")]
    assert got == [("کردهاند", "کرده\u200cاند"), ("میدهند", "می\u200cدهند")]


def test_persian_compound_written_with_a_space() -> None:
    text = ("این گزارش نشان دهنده رشد همکاری است و مصرف کنندگان از آن سود می‌برند.\n"
            "امضا کنندگان سند و سازمان دهنده نشست حاضر بودند؛ کار به دهنده سپرده شد.\n")
    got = [(f.surface, f.suggestion) for f in findings(context(("fa/a.txt", "fa", text)), "zwnj")]
    assert got == [("نشان دهنده", "نشان\u200cدهنده"), ("مصرف کنندگان", "مصرف\u200cکنندگان"),
                   ("امضا کنندگان", "امضاکنندگان"),  # after a letter that does not join: closed up
                   ("سازمان دهنده", "سازمان\u200cدهنده")]  # not «به دهنده»: a preposition
    assert "is one word" in findings(context(("fa/a.txt", "fa", text)), "zwnj")[0].message


def test_zwnj_is_only_for_persian() -> None:
    en = context(("en/a.txt", "en", "The Convention is a milestone.\n"), glossary=False)
    assert findings(en, "zwnj") == []
    fixed = FA.replace("بینالمللی", "بین\u200cالمللی").replace("میکند", "می\u200cکند")
    assert findings(context(("fa/a.txt", "fa", fixed)), "zwnj") == []


def test_grammatical_repetitions_and_spelled_abbreviations_are_not_repeated_words() -> None:
    text = "You are breathing all right right now. She had had a cough. He said that that was all. It was very very bad.\n"
    en = context(("en/a.txt", "en", text), glossary=False)
    assert [f.surface for f in findings(en, "repeated-word")] == ["very very"]
    # دي بي بي spells DPP; في في ("in in") is a repetition
    got = findings(ar("ثنائي بيتيديل ببتيداز 4 (دي بي بي 4) يعمل في في الخلية.\n"), "repeated-word")
    assert [f.surface for f in got] == ["في في"]


def test_arabic_quotation_marks_in_either_order() -> None:
    # CLDR gives Arabic ” … “; the English order stays balanced too
    text = "تحذّر المنظمة من أن المرض هو ”عدو الجمهور رقم 1“ ويُحتمل أن يكون أقوى.\n"
    assert findings(ar(text), "unbalanced") == [] and findings(ar(text), "spacing") == []
    assert findings(ar(text.replace("”", "\x00").replace("“", "”").replace("\x00", "“")), "unbalanced") == []
    assert [f.surface for f in findings(ar("هو ”عدو الجمهور رقم 1 ويُحتمل أن يكون أقوى.\n"), "unbalanced")] == ["”"]
    en = context(("en/a.txt", "en", "It is ”public enemy number 1“ now.\n"), glossary=False)
    assert len(findings(en, "unbalanced")) == 2


def test_no_zwnj_after_latin_letters() -> None:
    # no letter joins across scripts: CoVها needs no ZWNJ
    assert zwnj_fix("CoVها") is None and zwnj_fix("IFNهای") is None
    assert zwnj_fix("سالهای", frozenset({"سال"})) == "سال\u200cهای"
