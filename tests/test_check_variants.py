"""The variant-cluster check: names and terms written several ways."""
from __future__ import annotations

import pytest
from check_util import built_project, context, findings

from workbench.check import CheckContext, project_context, run_checks, text_document
from workbench.check.keys import gender, loose
from workbench.glossary import Glossary
from workbench.model import Concept, Term, TermStatus
from workbench.project import Project

GIANG_J = "قال نائب وزير الخارجية دانج هوانج جيانج إن حفل توقيع اتفاقية هانوي سيعقد يومي 25 و26 أكتوبر.\n"
GIANG_GH = "نائب الوزير دانغ هوانغ جيانغ: تدخل فيتنام مرحلةً من السعي نحو التطور.\n"
P, A = TermStatus.PREFERRED, TermStatus.ADMITTED
HOANG = "وأكد السفير فو لي ثاي هوانغ أن فيتنام تعتبر دائمًا منع الجرائم الإلكترونية إحدى الأولويات.\n"


def test_loose_key_folds_transliteration_letters() -> None:
    assert loose("دانج هوانج جيانج") == loose("دانغ هوانغ جيانغ")
    assert loose("مينه") == loose("مينة")
    assert gender("وزيرة") == "وزير" and gender("ة") == "ة"


def test_two_spellings_of_a_name_without_glossary() -> None:
    ctx = context(("ar/a.txt", "ar", GIANG_J + GIANG_GH + GIANG_J), glossary=False)
    [f] = findings(ctx, "variant-cluster")
    assert f.surface == "دانغ هوانغ جيانغ"  # the first occurrence to change
    assert f.suggestion == "دانج هوانج جيانج"  # the most frequent
    assert "×2" in f.message and "×1" in f.message
    assert [p[5] for p in f.places] == ["دانج هوانج جيانج", "دانغ هوانغ جيانغ", "دانج هوانج جيانج"]
    assert (f.line, f.column) == (2, 13)


def test_glossary_deprecated_spelling_is_left_to_deprecated_term() -> None:
    # the glossary deprecates دانج هوانج جيانج: deprecated-term reports each use with the
    # preferred spelling; a cluster listing the same uses again would be a second finding
    ctx = context(("ar/a.txt", "ar", GIANG_J + GIANG_GH + GIANG_J))
    assert findings(ctx, "variant-cluster") == []
    found = findings(ctx, "deprecated-term")
    assert [(f.surface, f.suggestion) for f in found] == [("دانج هوانج جيانج", "دانغ هوانغ جيانغ")] * 2


def test_deprecated_wordings_beside_admitted_ones_make_no_cluster() -> None:
    # my own sentences: the Ad Hoc Committee as «اللجنة الخاصة» (deprecated), «لجنة التفاوض»
    # (admitted) and the preferred «اللجنة المخصصة»
    text = ("اجتمعت اللجنة الخاصة في فيينا لمناقشة مشروع النص.\n"
            "وقدمت لجنة التفاوض تقريرها إلى الجمعية العامة في الخريف.\n"
            "ثم أنهت اللجنة المخصصة عملها بعد ثلاث سنوات.\n")
    ctx = context(("ar/a.txt", "ar", text))
    assert findings(ctx, "variant-cluster") == []
    [f] = findings(ctx, "deprecated-term")
    assert f.surface == "اللجنة الخاصة" and f.suggestion == "اللجنة المخصصة"


def test_alike_spellings_are_still_a_cluster_beside_a_deprecated_term() -> None:
    # جنوب إفريقيا (admitted, spelled like the preferred جنوب أفريقيا) is this check's;
    # the deprecated «اللجنة الخاصة» in the same text changes nothing
    text = ("زار وفد من جنوب إفريقيا العاصمة الأسبوع الماضي.\n"
            "وقالت حكومة جنوب أفريقيا إنها ستوقع قريبا.\n"
            "وناقشت اللجنة الخاصة عرض جنوب أفريقيا.\n")
    [f] = findings(context(("ar/a.txt", "ar", text)), "variant-cluster")
    assert f.surface == "جنوب إفريقيا" and f.suggestion == "جنوب أفريقيا"


def test_two_admitted_wordings_of_a_term_are_left_to_synonym() -> None:
    # information-session is a term (lower-case English): مشاورة إعلامية and جلسة التشاور
    # الإعلامي in one document are synonym's, which proposes the glossary's جلسة إعلامية
    text = ("نظمت البعثة مشاورة إعلامية للصحفيين صباح الاثنين.\n"
            "وفي ختام جلسة التشاور الإعلامي وزعت البعثة بيانا.\n")
    ctx = context(("ar/a.txt", "ar", text))
    assert findings(ctx, "variant-cluster") == []
    [f] = findings(ctx, "synonym")
    assert f.suggestion == "جلسة إعلامية" and "not used here" in f.message


def test_one_spelling_and_another_persons_name_are_no_cluster() -> None:
    # هوانغ also ends the name of Ambassador Vu Le Thai Hoang: one spelling, no finding
    ctx = context(("ar/a.txt", "ar", GIANG_GH + HOANG + GIANG_GH), glossary=False)
    assert findings(ctx, "variant-cluster") == []


def test_hamza_variants_of_south_africa() -> None:
    text = ("وتربط جنوب أفريقيا وفيتنام علاقات متينة.\n"
            "مما يخلق فرصاً للتعاون العالمي، وكذلك بين جنوب إفريقيا وفيتنام.\n"
            "لا سيما في أعقاب الزيارة الرسمية التي قام بها رئيس جنوب أفريقيا إلى فيتنام.\n")
    for glossary in (True, False):
        [f] = findings(context(("ar/a.txt", "ar", text), glossary=glossary), "variant-cluster")
        assert "إفريقيا" in f.surface and f.suggestion.endswith("أفريقيا")


def test_hamza_on_short_function_words_is_no_variant() -> None:
    text = "وأكد السيد مينه أنها مهمة.\nإنها حملة مناصرة منهجية وجذرية.\n"
    assert findings(context(("ar/a.txt", "ar", text), glossary=False), "variant-cluster") == []


def test_gender_mismatch_in_a_fixed_title() -> None:
    text = ("أكدت وزيرة العدل الجنوب أفريقية، ماميلوكو تي. كوباي، أن الاتفاقية ذات أهمية بالغة.\n"
            "وزيرة العدل الجنوب أفريقية تجيب على أسئلة مراسل وكالة الأنباء الفيتنامية.\n"
            "وصف وزير العدل الجنوب أفريقي الحدث بأنه ناجح للغاية.\n")
    [f] = findings(context(("ar/a.txt", "ar", text), glossary=False), "variant-cluster")
    assert f.surface == "وزير العدل الجنوب أفريقي"
    assert f.suggestion == "وزيرة العدل الجنوب أفريقية"


def test_adjective_agreeing_with_different_nouns_is_no_mismatch() -> None:
    text = ("تحرص فيتنام على تعزيز التعاون متعدد الأطراف.\n"
            "انطلاقًا من شعار الارتقاء بالدبلوماسية متعددة الأطراف.\n"
            "بتنظيم هذا الحدث متعدد الأطراف المهم.\n")
    assert findings(context(("ar/a.txt", "ar", text), glossary=False), "variant-cluster") == []


def test_direction_marks_do_not_make_variants() -> None:
    text = GIANG_GH + GIANG_GH.replace("دانغ", "دانغ\u200f")
    assert findings(context(("ar/a.txt", "ar", text), glossary=False), "variant-cluster") == []


def test_sample_project_clusters(tmp_path_factory: pytest.TempPathFactory) -> None:
    """Precision on the sample project: every cluster is one a reviewer keeps."""
    root = built_project(tmp_path_factory.getbasetemp())
    run = run_checks(project_context(Project.load(root)), only=["variant-cluster"])
    got = {(f.doc.split("_")[0], f.suggestion) for f in run.findings}
    # the deprecated wordings of the convention, of Dang Hoang Giang, of Department A05, of
    # Kubayi's name and of the Ad Hoc Committee are deprecated-term's (one finding per use);
    # مشاورة إعلامية beside جلسة التشاور الإعلامي (a term) is synonym's
    assert got == {
        ("ar/000", "فيتنام بلس"),  # VietnamPlus and فيتنام+ in one article, never فيتنام بلس
        ("ar/001", "جنوب أفريقيا"),  # جنوب إفريقيا twice
        ("ar/001", "وزيرة العدل الجنوب أفريقية"),  # وزير العدل الجنوب أفريقي for the same minister
        ("ar/001", "وزيرة كوباي"),  # وأشار الوزير كوباي
    }


def test_one_admitted_term_in_singular_and_plural_is_one_wording() -> None:
    """Issue 15.8: جريمة إلكترونية and its plural (both admitted, the preferred جريمة سيبرانية
    unused) are one wording; an admitted synonym beside them is a second one."""
    text = ("برزت الجريمة الإلكترونية كتحد بالغ الخطورة.\n"
            "ونحتاج إلى التعاون في منع الجرائم الإلكترونية ومكافحتها.\n")
    assert findings(context(("ar/a.txt", "ar", text)), "variant-cluster") == []
    # the admitted synonym is synonym's to report (a term, not a name), with the preferred term
    more = context(("ar/a.txt", "ar", text + "وتتزايد الجرائم السيبرانية في المنطقة.\n"))
    assert findings(more, "variant-cluster") == []
    [f] = findings(more, "synonym")
    assert f.suggestion == "جريمة سيبرانية"


def test_two_admitted_wordings_in_one_document() -> None:
    """One outlet (a name) called by two admitted wordings of the glossary, never by its preferred one."""
    text = ("أجرت صحيفة VietnamPlus مقابلة مطولة مع الوزير.\n"
            "ونقل موقع فيتنام+ عن الوزير قوله إن التوقيع قريب.\n")
    [f] = findings(context(("ar/a.txt", "ar", text)), "variant-cluster")
    assert f.suggestion == "فيتنام بلس" and f.surface == "VietnamPlus"
    # each wording alone in its own document is what the glossary allows
    apart = context(("ar/a.txt", "ar", text.splitlines()[0] + "\n"), ("ar/b.txt", "ar", text.splitlines()[1] + "\n"))
    assert findings(apart, "variant-cluster") == []
    # an abbreviation beside an admitted wording is no second wording
    assert findings(context(("ar/a.txt", "ar", "أعلن مكتب UNODC أن وكالة VNA حضرت.\nوقالت VNA إن الحدث مهم.\n")),
                    "variant-cluster") == []


def test_a_nickname_the_text_gives_is_labelled() -> None:
    accord = Concept("accord", (Term("Riverside Accord", "en", P), Term("اتفاقية ضفة النهر", "ar", P),
                                Term("إتفاقية ضفة النهر", "ar", A), Term("اتفاقية النهر", "ar", A)))
    ctx = CheckContext(glossary=Glossary([accord]))
    ctx.documents["ar/a.txt"] = text_document("ar/a.txt", "ar", (
        "وقعت الدول إتفاقية ضفة النهر، المعروفة أيضا باسم اتفاقية النهر.\n"
        "وتدخل اتفاقية النهر حيز النفاذ قريبا.\nونشرت اتفاقية ضفة النهر كاملة.\n"))
    [f] = findings(ctx, "variant-cluster")
    assert "اتفاقية النهر ×2 (allowed: a name the text gives it)" in f.message
    assert f.surface == "إتفاقية ضفة النهر" and f.suggestion == "اتفاقية ضفة النهر"


def test_a_deprecated_title_beside_its_nickname_is_deprecated_terms() -> None:
    text = ("وقعت الدول اتفاقية الأمم المتحدة بشأن الجرائم الإلكترونية، المعروفة أيضا باسم اتفاقية هانوي.\n"
            "وتدخل اتفاقية هانوي حيز النفاذ قريبا.\n")
    ctx = context(("ar/a.txt", "ar", text))
    assert findings(ctx, "variant-cluster") == []
    [f] = findings(ctx, "deprecated-term")
    assert f.surface == "اتفاقية الأمم المتحدة بشأن الجرائم الإلكترونية"
