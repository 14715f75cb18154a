"""The date-format check: dates written in two formats inside one document."""
from __future__ import annotations

import pytest
from check_util import context, findings

from workbench.check import run_checks, text_document
from workbench.check.checks.dates import dates
from workbench.errors import ConfigError

AR_TWO_NAMINGS = ("اعتمدت الجمعية العامة الاتفاقية في 24 ديسمبر 2024.\n"
                  "وفُتح باب التوقيع يومي 25 و26 أكتوبر/تشرين الأول في هانوي.\n"
                  "ووقعت الدول في 29 أكتوبر/تشرين الأول 2025 على البروتوكول.\n")


def ar(text: str) -> object:
    return context(("ar/a.txt", "ar", text), glossary=False)


def test_month_names_of_two_systems() -> None:
    [f] = findings(ar(AR_TWO_NAMINGS), "date-format")
    assert f.surface == "24 ديسمبر 2024" and "month names" in f.message
    assert "western/levantine ×2" in f.message and "western ×1" in f.message
    assert [p[5] for p in f.places] == ["24 ديسمبر 2024"]


def test_consistent_dates_and_words_that_are_no_dates() -> None:
    same = "في 8 أكتوبر/تشرين الأول عقدت الوزارة مؤتمرا. وفي 25 و26 أكتوبر/تشرين الأول يقام الحفل.\n"
    assert findings(ar(same), "date-format") == []
    # مارس is also a verb ("practised"); a month needs a day or a year beside it
    assert findings(ar("مارس المحامي المهنة في 24 ديسمبر 2024 بعد أن مارس التدريس.\n"), "date-format") == []
    en = context(("en/a.txt", "en", "On 24 December 2024 the Assembly adopted it; States may sign from 25 October.\n"),
                 glossary=False)
    assert findings(en, "date-format") == []


def test_day_in_words_and_digits_is_information() -> None:
    text = "في 8 أكتوبر عقدت الوزارة مؤتمرا. وحتى السادس من أكتوبر تلقت فيتنام 100 تأكيد. وفي 9 أكتوبر انتهى.\n"
    [f] = findings(ar(text), "date-format")
    assert f.surface == "السادس من أكتوبر" and f.severity == "info" and "the day" in f.message


def test_english_order_numeric_and_capitals() -> None:
    text = ("The Convention was adopted on 24 December 2024. It opened for signature on October 25, 2025, "
            "and on 26 October 2025. The deadline is 2026-12-31. Some may 12 countries sign?\n")
    found = findings(context(("en/a.txt", "en", text), glossary=False), "date-format")
    by = {f.message.split("(")[1].split(")")[0]: f for f in found}
    assert by["order of day and month"].surface == "October 25, 2025"
    assert by["named or numeric"].surface == "2026-12-31"
    assert all("may 12" not in f.surface for f in found)


def test_persian_calendars_and_project_preference() -> None:
    fa = "این کنوانسیون در 24 دسامبر 2024 تصویب شد و در ۴ آبان ۱۴۰۴ برای امضا افتتاح شد.\n"
    [f] = findings(context(("fa/a.txt", "fa", fa), glossary=False), "date-format")
    assert "gregorian" in f.message and "solar" in f.message
    one = "في 24 ديسمبر 2024 اعتمدت الجمعية العامة الاتفاقية.\n"
    run = run_checks(ar(one), config={"date-format": {"months": {"ar": "western/levantine"}}}, only=["date-format"])
    [f] = run.findings
    assert f.surface == "24 ديسمبر 2024" and "workbench.toml" in f.message
    for bad in ({"months": {"ar": "roman"}}, {"day": {"ar": "letters"}}, {"months": "western"}):
        with pytest.raises(ConfigError):
            run_checks(ar(one), config={"date-format": bad}, only=["date-format"])


def test_date_features() -> None:
    doc = text_document("ar/a.txt", "ar", "في السادس من فبراير/شباط و(ديسمبر/كانون الأول 2024) و2024/12/24.\n")
    got = [(d.text, d.feature("months"), d.feature("day"), d.feature("form")) for d in dates(doc)]
    assert got == [("السادس من فبراير/شباط", "western/levantine", "words", "named"),
                   ("ديسمبر/كانون الأول 2024", "western/levantine", "", "named"),
                   ("2024/12/24", "", "", "numeric yyyy/nn/nn")]
