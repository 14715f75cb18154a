"""Golden segmentation cases: tests/data/segment/{ar,fa,en}.txt.

File format (translators can extend it without Python):

    ## case title
    input paragraph(s), one per line
    >>>
    expected segment
    [heading] expected segment with its kind (sentence is the default)

A case ends where the next ``##`` line begins. Lines starting with ``#`` and
a space before the first case are comments.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from workbench.segment import rules_for, segment_string

DATA = Path(__file__).parent / "data" / "segment"


def _cases(lang: str) -> list[tuple[str, str, list[tuple[str, str]]]]:
    cases = []
    text = (DATA / f"{lang}.txt").read_text(encoding="utf-8")
    for block in ("\n" + text).split("\n## ")[1:]:
        title, _, body = block.partition("\n")
        source, sep, expected = body.partition("\n>>>\n")
        assert sep, f"{lang}: case {title!r} has no >>> line"
        want = []
        for line in expected.strip("\n").split("\n"):
            if line.startswith("[") and "] " in line:
                kind, _, seg = line[1:].partition("] ")
            else:
                kind, seg = "sentence", line
            want.append((kind, seg))
        cases.append((title.strip(), source, want))
    return cases


@pytest.mark.parametrize("lang", ["ar", "fa", "en"])
def test_enough_cases(lang: str) -> None:
    assert len(_cases(lang)) >= 40


@pytest.mark.parametrize(
    ("lang", "title", "source", "want"),
    [pytest.param(lang, *case, id=f"{lang}:{case[0]}") for lang in ("ar", "fa", "en") for case in _cases(lang)],
)
def test_golden(lang: str, title: str, source: str, want: list[tuple[str, str]]) -> None:
    segments = segment_string(source, rules_for(lang), lang=lang)
    got = [(s.kind.value, s.text) for s in segments]
    assert got == want
    for s in segments:
        assert source[s.start : s.end] == s.text
