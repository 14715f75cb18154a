"""The synonym, date, digit, rendering and capitals checks on the sample project:
every finding read against the articles and judged one a reviewer keeps."""
from __future__ import annotations

import pytest
from check_util import built_project

from workbench.check import project_context, run_checks
from workbench.project import Project

CHECKS = ["synonym", "date-format", "digit-system", "inconsistent-rendering", "target-term-case", "case-variant",
          "term-mismatch"]


def test_sample_project_findings(tmp_path_factory: pytest.TempPathFactory) -> None:
    root = built_project(tmp_path_factory.getbasetemp())
    project = Project.load(root)
    run = run_checks(project_context(project), config=project.section("check"), only=CHECKS)
    got = sorted((f.check, f.doc.split("_")[0], f.surface) for f in run.findings)
    assert got == sorted([
        ("synonym", "ar/001", "مراسم التوقيع"),            # حفل توقيع ×4, مراسم توقيع ×2
        ("synonym", "ar/001", "قمة"),                      # المؤتمر رفيع المستوى, then القمة, for one event
        ("synonym", "ar/002", "جلسة التشاور الإعلامي"),    # مشاورة إعلامية, then جلسة التشاور الإعلامي
        ("synonym", "fa/003", "فضای مجازی"),               # فضای سایبری and فضای مجازی
        ("date-format", "ar/000", "24 ديسمبر 2024"),       # beside ديسمبر/كانون الأول, أكتوبر/تشرين الأول
        ("date-format", "ar/004", "25 و26 أكتوبر/تشرين الأول"),  # beside 8 أكتوبر, السادس من أكتوبر
        ("date-format", "ar/004", "السادس من أكتوبر"),    # the day in words beside 8 أكتوبر (info)
        ("digit-system", "ar/000", "٢٠١٩"),                # the one Arabic-Indic number
        ("digit-system", "fa/003", "۹۰"),                  # ۹۰, ۱۱۹, ۷۲ beside 24 دسامبر 2024...
        ("target-term-case", "en/004", "member states"),  # Member States everywhere else
        ("case-variant", "en/001", "convention"),          # "The convention contains…", the Convention elsewhere
    ])
    day = next(f for f in run.findings if f.surface == "السادس من أكتوبر")
    assert day.severity == "info"
