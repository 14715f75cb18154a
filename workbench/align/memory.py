"""Aligned pairs as translation units for the memory and TMX."""
from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from ..model import TU, TUV, Prop
from .documents import DocumentAlignment

PROP_DOCUMENT = "x-document"
PROP_BEAD = "x-bead"
PROP_SCORE = "x-align-score"


def alignment_tus(result: DocumentAlignment, include_unsure: bool = False, document: str | None = None) -> Iterator[TU]:
    """One TU per bead with sentences on both sides; beads under the review
    threshold only with ``include_unsure``. Props name the document, the bead
    type and its score; ``tuid`` is ``<document>:<n>`` (stable across runs)."""
    name = document or Path(result.src_doc).stem
    for n, bead in enumerate(result.beads, start=1):
        if not bead.src or not bead.tgt or (result.unsure(bead) and not include_unsure):
            continue
        src_text, tgt_text = result.texts(bead)
        yield TU(
            tuvs=(TUV.plain(result.src_lang, src_text), TUV.plain(result.tgt_lang, tgt_text)),
            attrs=(("tuid", f"{name}:{n}"), ("srclang", result.src_lang), ("segtype", "sentence")),
            props=(Prop(PROP_DOCUMENT, name), Prop(PROP_BEAD, bead.kind), Prop(PROP_SCORE, f"{bead.score:.2f}")),
        )
