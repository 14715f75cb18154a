"""The variant-cluster check: names and terms written several ways."""
from __future__ import annotations

import pytest
from check_util import built_project, context, findings

from workbench.check import project_context, run_checks
from workbench.check.keys import gender, loose
from workbench.project import Project

GIANG_J = "قال نائب وزير الخارجية دانج هوانج جيانج إن حفل توقيع اتفاقية هانوي سيعقد يومي 25 و26 أكتوبر.\n"
GIANG_GH = "نائب الوزير دانغ هوانغ جيانغ: تدخل فيتنام مرحلةً من السعي نحو التطور.\n"
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


def test_glossary_preferred_spelling_is_kept() -> None:
    ctx = context(("ar/a.txt", "ar", GIANG_J + GIANG_GH + GIANG_J))
    [f] = findings(ctx, "variant-cluster")
    assert f.suggestion == "دانغ هوانغ جيانغ"
    assert "glossary, preferred" in f.message
    assert f.surface == "دانج هوانج جيانج"


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
    assert {
        ("ar/000", "دانغ هوانغ جيانغ"),
        ("ar/000", "اتفاقية الأمم المتحدة لمكافحة الجريمة السيبرانية"),
        ("ar/001", "جنوب أفريقيا"),
        ("ar/001", "وزيرة العدل الجنوب أفريقية"),
        ("fa/003", "کنوانسیون سازمان ملل متحد علیه جرایم سایبری"),
    } <= got
    expected_keepers = {"دانغ هوانغ جيانغ", "اتفاقية الأمم المتحدة لمكافحة الجريمة السيبرانية", "جنوب أفريقيا",
                        "وزيرة العدل الجنوب أفريقية", "کنوانسیون سازمان ملل متحد علیه جرایم سایبری",
                        "إدارة الأمن السيبراني ومنع ومكافحة جرائم التكنولوجيا المتقدمة", "ماميلوكو كوباي",
                        "وزيرة كوباي", "نهو يي",
                        # issue 15: two admitted wordings in one document, never the preferred one
                        "فيتنام بلس", "جلسة إعلامية",
                        # issue 15.8: the Ad Hoc Committee as اللجنة الخاصة (deprecated, 002), لجنة التفاوض (000)
                        "اللجنة المخصصة"}
    assert {s for _, s in got} <= expected_keepers
    assert {("ar/000", "فيتنام بلس"), ("ar/002", "جلسة إعلامية")} <= got
    [convention] = [f for f in run.findings if f.doc.startswith("ar/") and "اتفاقية هانوي" in f.message]
    assert "اتفاقية هانوي ×9 (allowed: a name the text gives it)" in convention.message


def test_one_admitted_term_in_singular_and_plural_is_one_wording() -> None:
    """Issue 15.8: جريمة إلكترونية and its plural (both admitted, the preferred جريمة سيبرانية
    unused) are one wording; an admitted synonym beside them is a second one."""
    text = ("برزت الجريمة الإلكترونية كتحد بالغ الخطورة.\n"
            "ونحتاج إلى التعاون في منع الجرائم الإلكترونية ومكافحتها.\n")
    assert findings(context(("ar/a.txt", "ar", text)), "variant-cluster") == []
    [f] = findings(context(("ar/a.txt", "ar", text + "وتتزايد الجرائم السيبرانية في المنطقة.\n")), "variant-cluster")
    assert f.suggestion == "جريمة سيبرانية"


def test_two_admitted_wordings_in_one_document() -> None:
    """One event called by two admitted wordings of the glossary, never by its preferred one."""
    text = ("عقد المكتب مشاورة إعلامية مع وفود الدول الأعضاء.\n"
            "وفي جلسة التشاور الإعلامي، أكد السفير التزام بلاده.\n")
    [f] = findings(context(("ar/a.txt", "ar", text)), "variant-cluster")
    assert f.suggestion == "جلسة إعلامية" and f.surface == "مشاورة إعلامية"
    # each wording alone in its own document is what the glossary allows
    apart = context(("ar/a.txt", "ar", text.splitlines()[0] + "\n"), ("ar/b.txt", "ar", text.splitlines()[1] + "\n"))
    assert findings(apart, "variant-cluster") == []
    # an abbreviation beside an admitted wording is no second wording
    assert findings(context(("ar/a.txt", "ar", "أعلن مكتب UNODC أن وكالة VNA حضرت.\nوقالت VNA إن الحدث مهم.\n")),
                    "variant-cluster") == []


def test_a_nickname_the_text_gives_is_labelled() -> None:
    text = ("وقعت الدول اتفاقية الأمم المتحدة بشأن الجرائم الإلكترونية، المعروفة أيضا باسم اتفاقية هانوي.\n"
            "وتدخل اتفاقية هانوي حيز النفاذ قريبا.\n")
    [f] = findings(context(("ar/a.txt", "ar", text)), "variant-cluster")
    assert "اتفاقية هانوي ×2 (allowed: a name the text gives it)" in f.message
    assert f.surface == "اتفاقية الأمم المتحدة بشأن الجرائم الإلكترونية"
