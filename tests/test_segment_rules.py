"""The rule files' digest: the cache key of segmentation in ``wb build``; the
line kinds shared by every language, the lists their patterns splice in (a
language's words, then the shared ones), and the short-line limit of the
built-in boilerplate patterns."""
from __future__ import annotations

from pathlib import Path

import pytest

from workbench.build import build
from workbench.project import Project
from workbench.segment import rules, rules_for, segment_string
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



def _kinds(lang: str, text: str, extra: tuple[str, ...] = ()) -> list[tuple[str, str]]:
    return [(s.kind.value, s.text) for s in segment_string(text, rules_for(lang, extra), lang=lang)]


def test_a_language_without_a_file_of_its_own_gets_the_shared_line_kinds() -> None:
    text = ("12.06.2025 09:15\n"
            "Die Regierung hat am Donnerstag ein neues Gesetz zum Schutz persönlicher Daten verabschiedet.\n"
            "https://example.org/nachrichten/datenschutz-123.html\n(Illustration)\n")
    assert [k for k, _ in _kinds("de", text)] == ["boilerplate", "sentence", "boilerplate", "credit"]


def test_language_words_and_shared_words_both_make_boilerplate() -> None:
    assert rules_for("ar").kinds.boilerplate[0] == "(?:إعلان|اعلان)"  # the language's own patterns come first
    text = "شارك على فيسبوك\nShare | Telegram\nFacebook واتساب\n"
    assert {k for k, _ in _kinds("ar", text)} == {"boilerplate"}


def test_a_long_line_that_ends_a_sentence_is_a_paragraph_but_project_patterns_see_every_line() -> None:
    long = "Read more: " + "the ministry said that the new rules would apply to every province from next year " * 2 + "."
    assert _kinds("en", long) == [("sentence", long)]
    assert _kinds("en", long, ("Read more:.*",)) == [("boilerplate", long)]
