"""The check registry, profiles, settings, finding ids and the baseline file."""
from __future__ import annotations

from pathlib import Path

import pytest
from check_util import AR_GIANG, ROOT, context

from workbench.check import CHECKS, PROFILES, Baseline, CheckContext, run_checks, selected
from workbench.errors import ConfigError, InputError


def test_every_check_has_id_severity_title_and_docs() -> None:
    checks = selected("strict")
    assert {c.id for c in checks} == set(CHECKS) and len(CHECKS) >= 10
    for c in checks:
        assert c.severity in ("error", "warning", "info") and c.title and not c.title.endswith(".")
        assert (ROOT / "docs" / "checks.md").read_text(encoding="utf-8").count(f"## `{c.id}`") == 1


def test_profiles_select_subsets() -> None:
    strict = {c.id for c in selected("strict")}
    for name in PROFILES:
        assert {c.id for c in selected(name)} <= strict
    assert "zwnj" not in {c.id for c in selected("minimal")}
    assert "variant-cluster" in {c.id for c in selected("terminology")}
    with pytest.raises(ConfigError, match="unknown profile"):
        selected("loose")


def test_settings_from_workbench_toml() -> None:
    ctx = context(("ar/a.txt", "ar", AR_GIANG), glossary=False)
    assert run_checks(ctx, only=["variant-cluster"]).findings
    off = run_checks(ctx, config={"variant-cluster": {"enabled": False}})
    assert "variant-cluster" not in {c.id for c in off.checks}
    as_error = run_checks(ctx, config={"variant-cluster": {"severity": "error"}}, only=["variant-cluster"])
    assert {f.severity for f in as_error.findings} == {"error"}
    assert as_error.signature != run_checks(ctx, only=["variant-cluster"]).signature
    with pytest.raises(ConfigError, match="unknown setting"):
        run_checks(ctx, config={"variant-cluster": {"min_leters": 3}})
    with pytest.raises(ConfigError, match="unknown check"):
        run_checks(ctx, config={"disable": ["no-such-check"]})


def test_finding_ids_are_stable_and_survive_edits_elsewhere() -> None:
    a = run_checks(context(("ar/a.txt", "ar", AR_GIANG), glossary=False)).findings
    edited = "تعليق جديد في أول الوثيقة.\n" + AR_GIANG
    b = run_checks(context(("ar/a.txt", "ar", edited), glossary=False)).findings
    assert [f.id for f in a] == [f.id for f in b]
    assert [f.line for f in b] == [f.line + 1 for f in a]


def test_empty_corpus_gives_an_empty_run() -> None:
    run = run_checks(CheckContext())
    assert run.findings == [] and run.counts() == {"error": 0, "warning": 0, "info": 0}


def test_baseline_records_then_reports_only_new(tmp_path: Path) -> None:
    path = tmp_path / "baseline.txt"
    run = run_checks(context(("ar/a.txt", "ar", AR_GIANG), glossary=False))
    base = Baseline.load(path)
    assert len(base) == 0 and base.record(run.findings) == len(run.findings)
    base.save()
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# wb check baseline v1") and text.endswith("\n")
    assert all(len(line.split("\t")) == 5 for line in text.splitlines()[1:])
    again = Baseline.load(path)
    assert again.new(run.findings) == []
    more = run_checks(context(("ar/a.txt", "ar", AR_GIANG + "تحرص فيتنام على المشاركة الفاعلة والفاعلة.\n"), glossary=False))
    assert [f.check for f in again.new(more.findings)] == ["repeated-word"]
    again.dismiss(more.findings[-1], "a quotation, kept as said")
    again.save()
    assert "dismissed: a quotation, kept as said" in path.read_text(encoding="utf-8")
    assert Baseline.load(path).new(more.findings) == []


def test_bad_baseline_file(tmp_path: Path) -> None:
    path = tmp_path / "baseline.txt"
    path.write_text("not\ta baseline\n", encoding="utf-8")
    with pytest.raises(InputError, match="5 tab-separated fields"):
        Baseline.load(path)
