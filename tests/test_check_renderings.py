"""Checks on the deliverable: one source term rendered several ways, one target
term for two source terms, capitals of glossary terms and of references."""
from __future__ import annotations

from check_util import context, findings

from workbench.check import CheckContext, paired, text_document
from workbench.glossary import Glossary
from workbench.model import Concept, Term, TermStatus

P, A = TermStatus.PREFERRED, TermStatus.ADMITTED
GLOSSARY = Glossary([
    Concept("cyberspace", (Term("فضاء إلكتروني", "ar", P), Term("cyberspace", "en", P), Term("cyber domain", "en", A))),
    Concept("ratification", (Term("تصويب", "fa", P, note="Renderings in en: “ratification”, “ratify” (by a State); "
                                                          "“adoption”, “adopt” (of a text, by the General Assembly)."),
                             Term("ratification", "en", P), Term("ratify", "en", A, part_of_speech="verb"),
                             Term("adoption", "en", A))),
    Concept("signing-ceremony", (Term("حفل توقيع", "ar", P), Term("signing ceremony", "en", P))),
    Concept("opening-ceremony", (Term("حفل افتتاح", "ar", P), Term("opening ceremony", "en", P))),
    Concept("un", (Term("الأمم المتحدة", "ar", P), Term("United Nations", "en", P), Term("UN", "en", A))),
])


def pairs(src_lang: str, src: str, tgt: str) -> CheckContext:
    ctx = CheckContext(glossary=GLOSSARY)
    s, t = text_document(f"{src_lang}/a.txt", src_lang, src), text_document("en/a.txt", "en", tgt)
    ctx.documents = {s.id: s, t.id: t}
    ctx.pairs = paired(s, t)
    return ctx


def test_one_source_term_rendered_two_ways() -> None:
    src = ("تسعى الدول إلى فضاء إلكتروني آمن.\n"
           "ويجب حماية الفضاء الإلكتروني من الهجمات.\n"
           "وتعمل الوزارة على تأمين الفضاء الإلكتروني.\n")
    tgt = ("States seek a safe cyberspace.\n"
           "The cyber domain must be protected from attacks.\n"
           "The ministry works to secure cyberspace.\n")
    [f] = findings(pairs("ar", src, tgt), "inconsistent-rendering")
    assert f.doc == "en/a.txt" and f.surface == "cyber domain" and f.suggestion == "cyberspace"
    assert "“cyberspace” ×2" in f.message and "“cyber domain” ×1" in f.message
    same = tgt.replace("The cyber domain", "Cyberspace")
    assert findings(pairs("ar", src, same), "inconsistent-rendering") == []


def test_accepted_renderings_abbreviations_and_short_forms_are_not_reported() -> None:
    fa = "این کنوانسیون در سال 2024 تصویب شد.\nکشورها باید آن را تصویب کنند.\n"
    en = "The Convention was adopted in 2024.\nCountries must ratify it.\n"
    ctx = pairs("fa", fa, en)
    assert findings(ctx, "inconsistent-rendering") == []
    assert findings(ctx, "term-mismatch") == []  # "adopted" is an accepted rendering of تصویب
    ar = "تدعم الأمم المتحدة الاتفاقية.\nوقالت الأمم المتحدة إنها ستساعد الدول.\n"
    assert findings(pairs("ar", ar, "The UN supports the Convention.\nThe United Nations said it would help.\n"),
                    "inconsistent-rendering") == []


def test_one_target_term_for_two_source_terms() -> None:
    src = ("أقيم حفل توقيع الاتفاقية في هانوي.\n"
           "وحضر حفل افتتاح المؤتمر وزراء كثيرون.\n"
           "وألقى الأمين العام كلمة في حفل افتتاح المؤتمر.\n")
    tgt = ("The signing ceremony for the Convention was held in Hanoi.\n"
           "Many ministers attended the signing ceremony of the conference.\n"
           "The Secretary-General spoke at the signing ceremony of the conference.\n")
    [f] = findings(pairs("ar", src, tgt), "inconsistent-rendering")
    assert "one target term for two source terms" in f.message and f.suggestion == "opening ceremony"
    assert f.line == 2 and len(f.places) == 2


def test_glossary_term_written_in_lower_case() -> None:
    text = ("Promising to become a legal instrument for member states.\n"
            "Speakers at the Opening Ceremony for the Signing thanked the Member States and 90 ambassadors.\n")
    [f] = findings(context(("en/a.txt", "en", text)), "target-term-case")
    assert f.surface == "member states" and f.suggestion == "Member States" and "Member State" in f.message


def test_reference_capitalized_elsewhere() -> None:
    text = ("The Convention was adopted in 2024. Viet Nam will sign the Convention in Hanoi.\n"
            "The convention contains many provisions. Such a convention was needed.\n"
            "The seminar “The Road to Hanoi: Opening Ceremony for the Signing” was held.\n")
    [f] = findings(context(("en/a.txt", "en", text), glossary=False), "case-variant")
    assert f.surface == "convention" and f.suggestion == "Convention" and f.line == 2
    once = "The Convention was adopted. The convention contains many provisions.\n"
    assert findings(context(("en/a.txt", "en", once), glossary=False), "case-variant") == []
    arabic = context(("ar/a.txt", "ar", "اعتمدت الجمعية العامة الاتفاقية.\n"), glossary=False)
    assert findings(arabic, "case-variant") == []


def test_title_case_headings_are_not_references() -> None:
    text = ("Viet Nam Hosts the Signing of the Convention\n"
            "A Success for the Signing Ceremony Hosts\n"
            "The signing of the Convention took place in Hanoi on 25 October.\n")
    assert findings(context(("en/a.txt", "en", text), glossary=False), "case-variant") == []


def test_the_expansion_of_an_abbreviation_in_lower_case() -> None:
    # the capitals of "Severe Acute Respiratory Syndrome" spell SARS, which the glossary has: a common noun
    glossary = Glossary([Concept("sars-name", (Term("Severe Acute Respiratory Syndrome", "en", P),)),
                         Concept("sars", (Term("SARS", "en", P),)),
                         Concept("who", (Term("World Health Organization", "en", P),))])
    ctx = CheckContext(glossary=glossary)
    ctx.documents["en/a.txt"] = text_document("en/a.txt", "en", "It causes severe acute respiratory syndrome. "
                                              "The world health organization said so.\n")
    assert [f.surface for f in findings(ctx, "target-term-case")] == ["world health organization"]


def test_a_frequent_word_beside_an_untranslated_term_is_no_rendering_of_it() -> None:
    # حفل افتتاح lacks its term in five pairs; "signing ceremony" stands in two of them: no habit
    src = ("أقيم حفل توقيع الاتفاقية في هانوي.\n"
           "وحضر حفل افتتاح المؤتمر وزراء كثيرون.\n"
           "وألقى الأمين العام كلمة في حفل افتتاح المؤتمر.\n"
           "وبدأ حفل افتتاح المؤتمر صباحًا.\n"
           "وانتهى حفل افتتاح المؤتمر ظهرًا.\n"
           "وصُوّر حفل افتتاح المؤتمر.\n")
    tgt = ("The signing ceremony for the Convention was held in Hanoi.\n"
           "Many ministers attended the signing ceremony of the conference.\n"
           "The Secretary-General spoke at the signing ceremony of the conference.\n"
           "The conference began in the morning.\n"
           "The event ended at noon.\n"
           "The event was filmed.\n")
    assert findings(pairs("ar", src, tgt), "inconsistent-rendering") == []
    habit = tgt.replace("The conference began", "The signing ceremony began")
    [f] = findings(pairs("ar", src, habit), "inconsistent-rendering")
    assert "(3×)" in f.message
