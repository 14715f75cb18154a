"""The digit-system check: numbers in two digit systems inside one document."""
from __future__ import annotations

import pytest
from check_util import context, findings

from workbench.check import run_checks
from workbench.check.checks.digits import convert, system_of
from workbench.errors import ConfigError

AR_MIXED = ("بادرت الأمم المتحدة في عام ٢٠١٩ إلى وضع اتفاقية.\n"
            "وخلال الفترة من 2022 إلى 2024 شاركت فيتنام في جميع الجولات، ووقعت 40 دولة.\n")
FA_MIXED = ("این مراسم با حضور نزدیک به ۹۰ سفیر برگزار شد و ۱۱۹ کشور مشارکت کردند.\n"
            "این کنوانسیون در 25 اکتبر 2025 برای امضا افتتاح شد.\n")


def test_minority_system_reported_once_with_every_number() -> None:
    [f] = findings(context(("ar/a.txt", "ar", AR_MIXED), glossary=False), "digit-system")
    assert f.surface == "٢٠١٩" and f.suggestion == "2019"
    assert "Latin ×3" in f.message and "Arabic-Indic ×1" in f.message
    assert [p[5] for p in f.places] == ["٢٠١٩"]


def test_persian_document_keeps_its_majority() -> None:
    [f] = findings(context(("fa/a.txt", "fa", FA_MIXED), glossary=False), "digit-system")
    assert "Persian ×2" in f.message and "Latin ×2" in f.message
    assert f.surface == "25"  # a tie: the system used first (Persian) is kept
    assert f.suggestion == "۲۵" and [p[5] for p in f.places] == ["25", "2025"]


def test_one_system_codes_and_urls_are_not_reported() -> None:
    latin = "قال مدير إدارة الأمن السيبراني (A05) إن هناك 100 ألف حالة في عام 2024.\n"
    assert findings(context(("ar/a.txt", "ar", latin), glossary=False), "digit-system") == []
    eastern = "نشر المكتب في عام ٢٠٢٤ تقريرا على الموقع https://example.org/post1068342 وفيه ١٠٠ صفحة.\n"
    assert findings(context(("ar/a.txt", "ar", eastern), glossary=False), "digit-system") == []
    assert findings(context(("en/a.txt", "en", "In 2019, 40 States signed it.\n"), glossary=False), "digit-system") == []


def test_project_preference_and_wrong_system_for_the_language() -> None:
    ctx = context(("ar/a.txt", "ar", "وقعت 40 دولة في عام 2024.\n"), glossary=False)
    run = run_checks(ctx, config={"digit-system": {"prefer": {"ar": "arabic-indic"}}}, only=["digit-system"])
    [f] = run.findings
    assert f.suggestion == "٤٠" and "prefer" in f.message
    persian_in_arabic = context(("ar/a.txt", "ar", "وقعت ۴۰ دولة.\n"), glossary=False)
    [f] = findings(persian_in_arabic, "digit-system")
    assert f.suggestion == "٤٠" and "not used in ar" in f.message
    with pytest.raises(ConfigError):
        run_checks(ctx, config={"digit-system": {"prefer": {"ar": "roman"}}}, only=["digit-system"])


def test_a_number_mixing_two_systems() -> None:
    [f] = findings(context(("ar/a.txt", "ar", "في عام 20٢٤ وقعت الدول.\n"), glossary=False), "digit-system")
    assert "mixes digits" in f.message and f.surface == "20٢٤"


def test_systems_and_conversion() -> None:
    assert system_of("٢٠١٩") == "arabic-indic" and system_of("۲۰۱۹") == "persian" and system_of("2,019") == "latin"
    assert system_of("2٠") == ""
    assert convert("1,234.5", "persian") == "۱,۲۳۴.۵" and convert("٤٥", "latin") == "45"


def test_persian_keeps_persian_digits_even_in_the_minority() -> None:
    # written for this test: one count in Persian digits, three numbers in Latin ones
    text = ("در نشست روز 12 مارس 2026 نمایندگان 35 کشور شرکت کردند.\n"
            "گزارش نهایی ۶ فصل دارد.\n")
    [f] = findings(context(("fa/a.txt", "fa", text), glossary=False), "digit-system")
    assert f.surface == "12" and f.suggestion == "۱۲" and "standard digits of fa" in f.message
    assert [p[5] for p in f.places] == ["12", "2026", "35"]
    # a document in Latin digits only mixes nothing: no finding
    assert findings(context(("fa/a.txt", "fa", text.splitlines()[0] + "\n"), glossary=False), "digit-system") == []
    # the project's choice wins over the standard
    run = run_checks(context(("fa/a.txt", "fa", text), glossary=False),
                     config={"digit-system": {"prefer": {"fa": "latin"}}}, only=["digit-system"])
    assert [f.surface for f in run.findings] == ["۶"]


def test_arabic_without_a_standard_keeps_the_majority() -> None:
    text = "اجتمع ممثلو ٣٥ دولة يوم ١٢ مارس، وصدر التقرير في 6 فصول.\n"
    [f] = findings(context(("ar/a.txt", "ar", text), glossary=False), "digit-system")
    assert f.surface == "6" and f.suggestion == "٦"
