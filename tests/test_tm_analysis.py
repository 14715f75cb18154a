"""Match-band analysis."""
from __future__ import annotations

from pathlib import Path

import pytest

from workbench.model import TU, TUV, Segment, SegmentKind
from workbench.tm.analysis import BAND_NAMES, analyze_segments, band_of
from workbench.tm.engine import open_store
from workbench.tm.fuzzy import FuzzyIndex


@pytest.mark.parametrize(("score", "band"), [(100.0, "100%"), (99.99, "95-99%"), (95.0, "95-99%"), (94.9, "85-94%"),
                                             (75.0, "75-84%"), (50.0, "50-74%"), (None, "no match")])
def test_bands(score: float | None, band: str) -> None:
    assert band_of(score) == band


def seg(i: int, text: str, kind: SegmentKind = SegmentKind.SENTENCE) -> Segment:
    return Segment("d", i, "ar", 0, len(text), 1, kind, text)


def test_repetitions_span_documents_and_boilerplate_is_left_out(store_spec: str | Path) -> None:
    with open_store(store_spec) as store:
        store.add_tus([TU((TUV.plain("ar", "وقعت الدول على الاتفاقية"), TUV.plain("en", "States signed")))])
        docs = [("a", "ar", [seg(0, "وقعت الدول على الاتفاقية"), seg(1, "حقوق النشر محفوظة", SegmentKind.BOILERPLATE)]),
                ("b", "ar", [seg(0, "وَقَّعت الدول على الاتفاقية"), seg(1, "شيء آخر تماما")])]
        per_doc, total = analyze_segments(FuzzyIndex(store), docs, "en")
    assert list(total.bands) == list(BAND_NAMES)
    assert per_doc[0].bands["100%"].segments == 1 and per_doc[0].bands["100%"].words == 4
    assert per_doc[1].bands["repetitions"].segments == 1 and per_doc[1].bands["no match"].segments == 1
    assert sum(t.segments for t in total.bands.values()) == 3
