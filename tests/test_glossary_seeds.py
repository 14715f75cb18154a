"""Golden term hits on the seed articles and their English translations.

``tests/data/glossary/seed-hits/<lang>/<doc>.tsv`` holds every hit of the
project's glossary in each seed document, as reviewed by hand against the
text (one row per hit: line, col, surface, concept, term, status, nested).
A change in the matcher or the glossary that changes a hit fails here; after
reviewing the new hits, write them with ``WB_UPDATE_GOLDEN=1 pytest
tests/test_glossary_seeds.py``.
"""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from workbench.glossary import Glossary, load_glossary
from workbench.model import TermHit

ROOT = Path(__file__).resolve().parents[1]
GOLDEN = Path(__file__).parent / "data" / "glossary" / "seed-hits"
DOCS = sorted(p.relative_to(ROOT / "corpus") for p in (ROOT / "corpus").glob("*/*.txt"))


@pytest.fixture(scope="module")
def glossary() -> Glossary:
    return load_glossary(ROOT / "glossary" / "hanoi-convention.tbx")


def _row(line: int, col: int, h: TermHit) -> str:
    return "\t".join((str(line), str(col), h.surface, h.concept, h.term, h.status.value, "nested" if h.nested else ""))


@pytest.mark.parametrize("doc", DOCS, ids=str)
def test_seed_hits(glossary: Glossary, doc: Path) -> None:
    text = (ROOT / "corpus" / doc).read_text(encoding="utf-8")
    got = [_row(n, h.start - off + 1, h) for n, off, h in glossary.matcher(doc.parts[0]).iter_hits(text)]
    golden = GOLDEN / doc.with_suffix(".tsv")
    if os.environ.get("WB_UPDATE_GOLDEN"):
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text("".join(r + "\n" for r in got), encoding="utf-8")
    assert got == golden.read_text(encoding="utf-8").splitlines()
    for _, _, h in glossary.matcher(doc.parts[0]).iter_hits(text):
        assert text[h.start:h.end] == h.surface
