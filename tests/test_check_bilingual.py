"""Checks over aligned pairs: numbers, untranslated targets, inconsistent translations."""
from __future__ import annotations

from check_util import context, findings

from workbench.check import MemoryUnit

AR = "في هذا السياق، بادرت الأمم المتحدة في عام ٢٠١٩ إلى وضع اتفاقية بشأن الجريمة الإلكترونية.\n"
EN = "Against this backdrop, in 2019 the United Nations took the initiative to draw up a convention on cybercrime.\n"


def pair(src: str, tgt: str, src_lang: str = "ar") -> object:
    return context((f"{src_lang}/a.txt", src_lang, src), ("en/a.txt", "en", tgt), pairs=((f"{src_lang}/a.txt", "en/a.txt"),),
                   glossary=False)


def test_numbers_match_across_digit_scripts() -> None:
    assert findings(pair(AR, EN), "number-mismatch") == []
    fa = "این کنوانسیون پس از تصویب توسط ۴۰ کشور، رسماً لازمالاجرا خواهد شد.\n"
    assert findings(pair(fa, "It will enter into force once it has been ratified by 40 countries.\n", "fa"), "number-mismatch") == []


def test_number_mismatch_is_reported_on_the_translation() -> None:
    [f] = findings(pair(AR, EN.replace("2019", "2018")), "number-mismatch")
    assert f.doc == "en/a.txt" and "2019" in f.message and "2018" in f.message
    assert f.severity == "error" and f.places[0][0] == "ar/a.txt"


def test_scale_words_separators_and_numbers_in_words() -> None:
    src = "وأفاد السيد مينه أن هناك ما يقدر بنحو 100 ألف حالة ذات صلة بالهجمات في العام الماضي.\n"
    assert findings(pair(src, "Minh said there had been an estimated 100,000 cases over the past year.\n"), "number-mismatch") == []
    src = "في السادس من فبراير/شباط، عقد المكتب مشاورة إعلامية.\n"
    assert findings(pair(src, "On 6 February, the Office held an information session.\n"), "number-mismatch") == []
    src = "ستستضيف فيتنام الحدث في 21 أكتوبر، وتحمل الوحدة الرمز A05.\n"
    assert findings(pair(src, "Viet Nam will host the event on 21st October; the unit is A05.\n"), "number-mismatch") == []
    src = "فُتح باب التوقيع على الاتفاقية في هانوي يومي 25 و26 أكتوبر.\n"
    assert findings(pair(src, "The Convention is opened for signature in Hanoi on 25 and 26 October.\n"), "number-mismatch") == []


def test_untranslated_and_same_as_source() -> None:
    sentence = "The Ambassador expressed the hope of receiving support from Member States and stakeholders.\n"
    ctx = context(("en-GB/a.txt", "en-GB", sentence), ("en/a.txt", "en", sentence), pairs=(("en-GB/a.txt", "en/a.txt"),),
                  glossary=False)
    [f] = findings(ctx, "untranslated")
    assert "same as the source" in f.message
    ctx = pair(AR, EN)
    assert findings(ctx, "untranslated") == []
    from workbench.check import Pair
    ctx.pairs = [Pair(ctx.documents["ar/a.txt"], ctx.documents["en/a.txt"], ctx.documents["ar/a.txt"].translatable[:1], ())]
    [f] = findings(ctx, "untranslated")
    assert f.doc == "ar/a.txt" and "no translation" in f.message


def test_short_names_kept_as_they_are_are_not_untranslated() -> None:
    assert findings(pair("(VNA/VietnamPlus)\n", "(VNA/VietnamPlus)\n"), "untranslated") == []


def test_one_source_translated_two_ways() -> None:
    src = "نحن نقدر بشدة هذه المنظمة والمبادرات العالمية.\n" * 2
    tgt = "We greatly appreciate this organization and the global initiatives.\nWe value this organization highly.\n"
    got = findings(pair(src, tgt), "inconsistent-translation")
    assert len(got) == 2 and all("translated 2 ways" in f.message for f in got)
    same = "We greatly appreciate this organization and the global initiatives.\n" * 2
    assert findings(pair(src, same), "inconsistent-translation") == []


def test_memory_unit_translating_a_source_differently() -> None:
    ctx = pair(AR, EN)
    ctx.memory = [MemoryUnit("ar", "en", AR.strip(), "In 2019 the UN started a cybercrime treaty.", "old.tmx:1")]
    [f] = findings(ctx, "inconsistent-translation")
    assert f.doc == "ar/a.txt" and any("memory old.tmx:1" in i for i in f.involved)
    ctx.memory = [MemoryUnit("ar", "en", AR.strip().replace("٢٠١٩", "2019"), EN.strip(), "old.tmx:1")]
    assert findings(ctx, "inconsistent-translation") == []  # digits differ only in script
