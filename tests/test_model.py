"""The nouns: those of documents, glossaries and checks are workbench.model's, made on first use."""
from __future__ import annotations

import pickle
import subprocess
import sys

import pytest

from workbench import model, model_text
from workbench.model import Concept, Segment, SegmentKind, Term, TermStatus


def test_the_nouns_made_apart_are_the_models() -> None:
    for name in ("Bead", "Concept", "Finding", "Place", "Segment", "SegmentKind", "Term", "TermHit", "TermStatus"):
        assert getattr(model, name) is getattr(model_text, name)
    concept = Concept("c1", (Term("اتفاقية", "ar", TermStatus.PREFERRED), Term("convention", "en")))
    assert pickle.loads(pickle.dumps(concept)) == concept  # forked helpers pass them by pickle
    assert Segment("d", 0, "ar", 0, 1, 1, SegmentKind.SENTENCE, "x").as_dict()["kind"] == "sentence"


def test_a_name_the_model_lacks_is_an_attribute_error() -> None:
    with pytest.raises(AttributeError, match="no attribute 'Nothing'"):
        model.Nothing  # noqa: B018


def test_the_memory_nouns_are_made_without_the_others() -> None:
    code = "import sys\nimport workbench.model\nprint('workbench.model_text' in sys.modules)"
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert proc.stdout.strip() == "False"
