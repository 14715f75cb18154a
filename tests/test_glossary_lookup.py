"""``lookup``: a term in any language, as running text, or close suggestions."""
from __future__ import annotations

from pathlib import Path

import pytest

from workbench.glossary import Glossary, load_glossary, lookup

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def glossary() -> Glossary:
    return load_glossary(ROOT / "glossary" / "hanoi-convention.tbx")


@pytest.mark.parametrize(("query", "concept"), [
    ("Hanoi Convention", "un-convention-cybercrime"),
    ("hanoi convention", "un-convention-cybercrime"),
    ("UNODC", "unodc"),
    ("اتفاقية هانوي", "un-convention-cybercrime"),
    ("جنوب افريقيا", "south-africa"),
    ("للأمم المتحدة", "united-nations"),      # clitic: found by the matcher
    ("آژانسهای سازمان ملل متحد", "un-agency"),  # lost ZWNJ and plural suffix
    ("UN agencies", "un-agency"),
])
def test_found(glossary: Glossary, query: str, concept: str) -> None:
    result = lookup(glossary, query)
    assert [c.id for c in result.concepts] == [concept]


def test_language_filter_and_suggestions(glossary: Glossary) -> None:
    assert lookup(glossary, "UNODC", lang="ar").concepts
    assert not lookup(glossary, "Hanoi Convention", lang="ar").concepts
    miss = lookup(glossary, "Hanoy Convention")
    assert miss.concepts == () and "Hanoi Convention" in miss.suggestions
