"""The rule files' digest: the cache key of segmentation in ``wb build``."""
from __future__ import annotations

from pathlib import Path

import pytest

from workbench.build import build
from workbench.project import Project
from workbench.segment import rules
from workbench.segment.rules import RULES_VERSION, rules_digest


def test_the_digest_follows_the_chain_of_files() -> None:
    assert rules_digest("ar-EG") == rules_digest("ar") != rules_digest("fa")
    assert rules_digest("de") == rules_digest(None)  # no file of its own: generic alone
    assert rules_digest("fa").startswith(f"{RULES_VERSION}:")


def test_a_changed_rule_file_resegments_the_project(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert any(doc.redone for doc in build(Project.load(project)).documents)
    assert not any(doc.redone for doc in build(Project.load(project)).documents)
    real = rules._file
    monkeypatch.setattr(rules, "_file", lambda name: (real(name) or b"") + (b"\n# edited\n" if name == "fa" else b""))
    redone = {(doc.lang, doc.redone) for doc in build(Project.load(project)).documents}
    assert redone == {("fa", True), ("ar", False), ("en", False)}
