"""The name-variant check: one named thing called by several wordings.

The texts in tests/data/check/names/ were written for these tests: each plants
variant wordings of names (a preposition replaced, a synonym inside the name)
beside wordings that must not be reported (a nickname given with "known as",
quoted speech, two different treaties named in one sentence, two ministries).
"""
from __future__ import annotations

from pathlib import Path

import pytest
from check_util import built_project, context, findings

from workbench.check import project_context, run_checks
from workbench.check.names import language, stem
from workbench.model import Finding
from workbench.project import Project

DATA = Path(__file__).parent / "data" / "check" / "names"


def run(lang: str, text: str, glossary: bool = False) -> list[Finding]:
    return findings(context((f"{lang}/t.txt", lang, text), glossary=glossary), "name-variant")


def planted(lang: str) -> str:
    return (DATA / f"{lang}.txt").read_text(encoding="utf-8")


def test_word_key_sets_aside_article_clitics_and_endings() -> None:
    assert stem("والمنظمات", "ar") == stem("منظمة", "ar")
    assert stem("آژانسهای", "fa") == stem("آژانس", "fa")
    assert stem("Conventions", "en") == "convention"
    table = language("ar-EG")
    assert table is not None and stem("اتفاقية", "ar") in table.heads and language("de") is None


@pytest.mark.parametrize("glossary", [False, True])
def test_arabic_preposition_and_synonym_inside_a_name(glossary: bool) -> None:
    found = run("ar", planted("ar"), glossary)
    assert [(f.line, f.suggestion) for f in found] == [
        (4, "المؤتمر الوزاري بشأن حماية الطيور المهاجرة"),
        (9, "لجنة الرصد البيئي للأراضي الرطبة"),
    ]
    conference, committee = found
    assert "“المؤتمر الوزاري لحماية الطيور المهاجرة” ×1 (“لحماية”)" in conference.message
    assert "equally frequent; used first" in conference.message
    # the quoted wording is counted and shown as accepted; the other is the one to change
    assert "×2, 1 accepted: quoted speech (“الرصد البيئي”)" in committee.message
    assert committee.surface == "لجنة مراقبة البيئة للأراضي الرطبة" and len(committee.places) == 3


def test_persian_synonym_inside_a_committee_name() -> None:
    [f] = run("fa", planted("fa"))
    assert f.line == 2 and "×1 (“مهاجرت”)" in f.message and "×1 (“مهاجران”)" in f.message
    assert f.suggestion == "کمیته امور مهاجرت و پناهندگی مجلس"


def test_english_name_wordings_are_capitalised_frames() -> None:
    office, committee = run("en", planted("en"))
    assert (office.line, office.surface, office.suggestion) == (2, "Office of Maritime Affairs and Fisheries",
                                                                "Office of Coastal Affairs and Fisheries")
    # a modifier before the head: what tells one committee from another in English
    assert (committee.line, committee.surface) == (10, "Permanent Committee on Coastal Fisheries Policy")
    assert "“Standing Committee on Coastal Fisheries Policy” ×1 (“Standing”)" in committee.message
    # the same words in lower case are prose, not a name (the modifier frame stays: one is enough)
    assert [f.line for f in run("en", planted("en").lower())] == [10]


def test_an_english_modifier_added_is_no_variant() -> None:
    text = ("The signing ceremony and high-level conference was held in Hanoi.\n"
            "The successful signing ceremony and high-level conference ended on Sunday.\n")
    assert run("en", text) == []
    assert len(run("en", text.replace("successful signing", "opening"))) == 1


@pytest.mark.parametrize(("lang", "intro", "plain"), [
    ("en", "known as the Lima Accord", "which some call the Lima Accord"),
    ("ar", "المعروفة باسم اتفاقية ليما", "وهي اتفاقية مهمة"),
    ("fa", "که به پیمان لیما معروف است", "که پیمانی مهم است"),
])
def test_a_nickname_given_earlier_is_accepted(lang: str, intro: str, plain: str) -> None:
    """Issue 15: "… known as the Hanoi Convention", then "the Hanoi Convention", is no inconsistency."""
    text = planted(lang)
    assert intro in text
    assert not any("Lima" in f.message or "ليما" in f.message or "لیما" in f.message for f in run(lang, text))
    # without the introduction the nickname and the full title are two wordings
    found = run(lang, text.replace(intro, plain))
    assert any("Lima" in f.message or "ليما" in f.message or "لیما" in f.message for f in found)


def test_quoted_speech_is_accepted() -> None:
    text = planted("fa")
    quoted = "«نشست وزیران دفتر منطقه‌ای آب و محیط زیست را تأیید کرد.»"
    assert quoted in text and not any("منطقه" in f.message for f in run("fa", text))
    unquoted = run("fa", text.replace(quoted, quoted.strip("«»")))
    assert any("منابع" in f.message and "quoted" not in f.message for f in unquoted)


def test_names_in_one_sentence_are_two_things() -> None:
    text = ("The United Nations Convention against Corruption Review Mechanism and the United Nations "
            "Convention against Terrorism Review Mechanism met.\n")
    assert run("en", text) == []
    apart = text.replace(" and the United Nations", ". The United Nations")
    assert [f.surface for f in run("en", apart)] == ["Convention against Terrorism Review Mechanism"]


def test_different_specifiers_and_listed_bodies_are_no_variants() -> None:
    text = ("ووقعت الدول اتفاقية الأمم المتحدة لمكافحة الفساد الموقعة في عام 2003.\n"
            "ثم انضمت إلى اتفاقية الأمم المتحدة لمكافحة الإرهاب الموقعة في عام 2005.\n"
            "وعقدت وزارة الخارجية ووزارة البيئة اجتماعا مشتركا.\nوقالت وزارة البيئة إن الاجتماع مهم.\n"
            "وقال الوزير إن الاتفاقية في مكافحة الفساد مهمة.\nوأكد أن اتفاقية مكافحة الفساد مهمة.\n")
    assert run("ar", text) == []


def test_a_wording_close_to_a_glossary_term_gets_its_preferred_form() -> None:
    text = "على غرار اتفاقيات الأمم المتحدة بشأن الجريمة المنظمة عبر الوطنية الموقعة في عام 2000.\n"
    [f] = run("ar", text, glossary=True)
    assert f.suggestion == "اتفاقية الأمم المتحدة لمكافحة الجريمة المنظمة عبر الوطنية"
    assert "[untoc, preferred]" in f.message and "(glossary, preferred)" in f.message
    assert run("ar", text) == []  # without the glossary there is nothing to compare it with


def test_wordings_of_one_glossary_concept_are_left_to_the_glossary_checks() -> None:
    text = ("وقال إن إدارة الأمن السيبراني ومنع جرائم التكنولوجيا المتقدمة ستعاقب المخالفين.\n"
            "وتعاونت إدارة الأمن السيبراني ومنع ومكافحة جرائم التكنولوجيا المتقدمة مع الشركاء.\n")
    assert run("ar", text, glossary=True) == []
    assert len(run("ar", text)) == 1


def test_settings_are_checked() -> None:
    from workbench.errors import ConfigError

    ctx = context(("en/t.txt", "en", planted("en")), glossary=False)
    assert run_checks(ctx, only=["name-variant"], config={"name-variant": {"max_slot": 1}}).findings
    with pytest.raises(ConfigError):
        run_checks(ctx, only=["name-variant"], config={"name-variant": {"max_slot": "2"}})


def test_sample_project(tmp_path_factory: pytest.TempPathFactory) -> None:
    """Every finding on the sample is one a reviewer keeps (read against the articles):
    the summit called a conference and a summit (ar/001), the UNTOC with «بشأن» and
    in the plural against the glossary's title (ar/004), the signing ceremony that
    becomes an opening ceremony (fa/003, and its English translation en/003), and
    سازمان ملل used before سازمان ملل متحد is given (fa/003). The nicknames «اتفاقية هانوي», «کنوانسیون
    هانوی» and "Hanoi Convention" are not reported."""
    root = built_project(tmp_path_factory.getbasetemp())
    found = run_checks(project_context(Project.load(root)), only=["name-variant"]).findings
    assert [(f.doc.split("_")[0], f.line) for f in found] == [("ar/001", 20), ("ar/004", 4), ("en/003", 6),
                                                                ("fa/003", 2), ("fa/003", 8)]
    assert "(“والقمة”)" in found[0].message and "(“والمؤتمر رفيع المستوى”)" in found[0].message
    assert found[1].suggestion == "اتفاقية الأمم المتحدة لمكافحة الجريمة المنظمة عبر الوطنية"
    assert "“opening ceremony and high-level conference” ×1 (“opening”)" in found[2].message
    # سازمان ملل twice in the first paragraph, before سازمان ملل متحد is given; once after it (accepted)
    assert found[3].surface == "سازمان ملل" and found[3].suggestion == "سازمان ملل متحد"
    assert "“سازمان ملل” ×3, 1 accepted: short form after the full name" in found[3].message
    assert "(“افتتاحیه”)" in found[4].message
    assert not any(w in f.message for f in found for w in ("هانوي", "هانوی", "Hanoi"))


def test_reports_show_the_cluster() -> None:
    """HTML (escaped, each right-to-left wording isolated), JSON and CSV carry the wordings and the one to keep."""
    import csv
    import io
    import json

    from lxml import html as lxml_html

    from workbench.report import render

    ctx = context(("fa/t.txt", "fa", planted("fa")), ("en/t.txt", "en", planted("en") + "The <b>Office</b>.\n"),
                  glossary=False)
    run = run_checks(ctx, only=["name-variant"])
    page = lxml_html.fromstring(render(run, "html"))
    msgs = page.xpath("//article[@data-check='name-variant']//p[@class='msg']")
    assert len(msgs) == 3 and "<b>" not in render(run, "html").split("<main>")[1].split("The ")[0]
    fa = next(m for m in msgs if "مهاجرت" in m.text_content())
    assert [b.text_content() for b in fa.iter("bdi")][:2] == ["کمیته امور مهاجرت و پناهندگی مجلس", "مهاجرت"]
    data = json.loads(render(run, "json"))["findings"]
    assert {f["suggestion"] for f in data} >= {"کمیته امور مهاجرت و پناهندگی مجلس",
                                               "Office of Coastal Affairs and Fisheries"}
    assert all(len(f["places"]) >= 2 and f["involved"] for f in data)
    rows = list(csv.DictReader(io.StringIO(render(run, "csv"))))
    assert any("×1" in r["message"] and r["check"] == "name-variant" for r in rows)


def test_time_grows_linearly_on_hostile_input() -> None:
    """Many heads, quotes and parentheses in one segment: n and 4n words take about 4 times as long."""
    import time

    def seconds(n: int) -> float:
        text = " ".join(["«Office of (Coastal) Affairs and Fisheries» Committee"] * n) + ".\n"
        started = time.perf_counter()
        run("en", text)
        return time.perf_counter() - started

    seconds(50)
    small, large = min(seconds(200) for _ in range(3)), min(seconds(800) for _ in range(3))
    assert large < 12 * small + 0.05



# -- wordings that differ at an end (texts in tests/data/check/names/*_ends*.txt) ------------------

def two_docs(lang: str, glossary: bool = False, one: bool = False) -> list[Finding]:
    a, b = planted(f"{lang}_ends"), planted(f"{lang}_ends_2")
    docs = [(f"{lang}/t.txt", lang, a + b)] if one else [(f"{lang}/t.txt", lang, a), (f"{lang}/u.txt", lang, b)]
    return findings(context(*docs, glossary=glossary), "name-variant")


@pytest.mark.parametrize(("lang", "short", "full"), [("ar", "هيئة الرقابة", "هيئة الرقابة النووية"),
                                                     ("fa", "سازمان ملل", "سازمان ملل متحد")])
@pytest.mark.parametrize("glossary", [False, True])
def test_a_short_form_before_its_full_name(lang: str, short: str, full: str, glossary: bool) -> None:
    """Used before the full name in a document: reported, the full name kept; used after
    it (the other document, or later in the same one): accepted with the reason."""
    found = [f for f in two_docs(lang, glossary) if f.surface == short]
    assert [(f.doc, f.line, f.suggestion) for f in found] == [(f"{lang}/t.txt", 1, full)]
    assert "1 accepted: short form after the full name" in found[0].message
    assert "(the full name, used in the same document)" in found[0].message


def test_what_is_no_short_form() -> None:
    """A name that goes on with a preposition (another office), a sub-body (a head in the
    added words), a nickname the text gives, words that happen to follow a name."""
    ar = ("عقد مكتب الأمم المتحدة المعني بالمخدرات والجريمة ندوة.\nثم استضاف مكتب الأمم المتحدة في فيينا ندوة.\n"
          "وشارك مكتب الأمم المتحدة المعني بالمخدرات والجريمة في الندوتين.\n"
          "وقعت اتفاقية هانوي، ثم قال إن فرص تنفيذ اتفاقية هانوي هائلة.\nوعرضت اتفاقية هانوي للتوقيع.\n")
    assert run("ar", ar) == []
    en = planted("en_ends")
    assert "at the United Nations welcomed" in en and run("en", en) == []
    fa = "مراسم افتتاحیه تأیید کرد که مراسم امضا موفق بود.\nدر مراسم افتتاحیه و کنفرانس سطح بالا شرکت کرد.\n"
    assert run("fa", fa) == []


@pytest.mark.parametrize("glossary", [False, True])
def test_a_last_word_or_a_head_word_replaced(glossary: bool) -> None:
    """اللجنة الخاصة / اللجنة المخصصة (one root), معاهدة / اتفاقية + the same words,
    کمیته امنیت سایبری / مجازی (a synonym set), پیمان / کنوانسیون, Lisbon Convention / Treaty."""
    ar = {f.surface: f for f in two_docs("ar", glossary)}
    if glossary:  # both wordings are the glossary's, one deprecated: left to deprecated-term and variant-cluster
        assert "اللجنة المخصصة" not in ar and "اللجنة الخاصة" not in ar
    else:
        assert "“اللجنة الخاصة” ×1 (“الخاصة”), “اللجنة المخصصة” ×1 (“المخصصة”)" in ar["اللجنة المخصصة"].message
    assert "(“معاهدة”)" in ar["اتفاقية حماية الأنهار الدولية"].message
    fa = {f.surface: f for f in two_docs("fa", glossary)}
    assert fa["پیمان مبارزه با جرایم سایبری"].suggestion == "کنوانسیون مبارزه با جرایم سایبری"
    assert fa["کمیته امنیت مجازی"].suggestion == "کمیته امنیت سایبری"
    [en] = two_docs("en", glossary)
    assert (en.surface, en.suggestion) == ("Lisbon Convention", "Lisbon Treaty")


def test_two_synonyms_in_one_document_are_left_to_the_synonym_check() -> None:
    assert {f.surface for f in two_docs("fa", one=True)} == {"سازمان ملل"}
    assert two_docs("en", one=True) == []
    ar = {f.surface for f in two_docs("ar", one=True)}
    assert "اتفاقية حماية الأنهار الدولية" not in ar and "اللجنة المخصصة" in ar  # a root, not a synonym set


def test_related_last_words() -> None:
    from workbench.check.names import _related

    table = language("ar")
    assert table is not None
    assert _related(stem("الخاصة", "ar"), stem("المخصصة", "ar"), "ar", table) == "root"
    assert _related(stem("الجريمة", "ar"), stem("الجرائم", "ar"), "ar", table) == ""  # one word inflected
    assert _related(stem("الفساد", "ar"), stem("الإرهاب", "ar"), "ar", table) == ""


def test_a_latin_name_beside_its_transcription() -> None:
    """VietnamPlus in Latin inside Arabic text, فيتنام بلس elsewhere: reported without a
    glossary entry; with one, variant-cluster speaks for the concept. A segment giving
    both introduces the name; a country (Vietnam / في فيتنام) is no twin."""
    [f] = two_docs("ar")[-1:]
    assert (f.surface, f.suggestion) == ("VietnamPlus", "فيتنام بلس")
    assert "“فيتنام بلس” ×2" in f.message and "“VietnamPlus” ×1" in f.message
    assert not any(f.surface == "VietnamPlus" for f in two_docs("ar", glossary=True))
    text = "ونشرت صحيفة فيتنام بلس (VietnamPlus) مقابلة.\nوقالت فيتنام بلس إن الوزير سيزور Vietnam قريبا.\n"
    assert run("ar", text + "وعاد الوفد إلى فيتنام.\n") == []


@pytest.mark.parametrize("glossary", [False, True])
def test_an_english_name_in_lower_case(glossary: bool) -> None:
    """Member States twice mid-sentence, member states once: one name in two wordings, unless
    the glossary has the term (then target-term-case reports it); a title before a name
    ("Deputy Minister Dang") is capitalised there only, and a sentence's first word is no capital."""
    text = ("The resolution was welcomed by Member States in New York.\nSeveral Member States asked for a vote.\n"
            "Delegates of member states met again on Friday.\nMember States must act, said the chair.\n"
            "Deputy Minister Dang Hoang Giang spoke.\nThe deputy minister said the signing would be in Hanoi.\n"
            "Thank you, Deputy Minister.\n")
    found = run("en", text, glossary)
    if glossary:
        assert found == []
        assert "member states" in {f.surface for f in findings(context(("en/t.txt", "en", text)), "target-term-case")}
    else:
        [f] = found
        assert (f.line, f.surface, f.suggestion) == (3, "member states", "Member States")
        assert "“Member States” ×2" in f.message


def test_a_wording_is_carried_to_the_end_of_the_term_it_cuts() -> None:
    # written for this test: one event, two wordings of its second part; the shared words after
    # it stop at «الأمم», inside the convention's title, which the glossary knows whole
    text = ("أقيم حفل الافتتاح والاجتماع الوزاري بشأن اتفاقية الأمم المتحدة لمكافحة الجرائم الإلكترونية في القاعة.\n"
            "وحضر الوزراء حفل الافتتاح والمنتدى بشأن اتفاقية الأمم المتحدة لمكافحة الجرائم الإلكترونية صباح الأحد.\n")
    title = "اتفاقية الأمم المتحدة لمكافحة الجرائم الإلكترونية"
    [f] = findings(context(("ar/a.txt", "ar", text)), "name-variant")
    assert f.surface == f"حفل الافتتاح والمنتدى بشأن {title}"
    assert f.suggestion == f"حفل الافتتاح والاجتماع الوزاري بشأن {title}"
    # without a glossary nothing tells where the name ends: the shared words as found
    [f] = findings(context(("ar/a.txt", "ar", text), glossary=False), "name-variant")
    assert f.surface == "حفل الافتتاح والمنتدى بشأن اتفاقية الأمم"
