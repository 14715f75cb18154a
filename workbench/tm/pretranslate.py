"""Pre-translation: a document's segments filled from the memory, as XLIFF for a CAT tool.

Each translatable segment becomes a unit: an exact match (score 100) is
filled in as translated (1.2 ``state="translated"``,
``state-qualifier="exact-match"``; 2.x ``state="translated"``), the best
fuzzy match at or above the threshold is filled in for review (1.2
``state="needs-review-translation"``, ``state-qualifier="fuzzy-match"``;
2.x ``state="initial"``), and either comes with the match itself, its score
and origin (1.2 ``alt-trans`` with ``match-quality``; 2.x ``mtc:match``
with ``matchQuality``); the rest have no target. Boilerplate is a unit with
``translate="no"``: the translator sees the document whole and in order,
the CAT tool locks it, and ``wb tm import`` skips it. Headings, captions,
bylines and credits are translated, marked with their kind (1.2
``restype="x-KIND"``, 2.x ``type="wb:KIND"``). A fuzzy pre-fill that the
translator leaves unconfirmed stays out of the memory when the file comes
back (its state is unfinished).
"""
from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from ..errors import InputError, LanguageTagError
from ..formats import xliff
from ..formats.xliff_inline import escape
from ..formats.xliff_write import XliffWriter
from ..model import TU, TUV, Prop, SegmentKind
from ..segment import segment_file
from ..text.langtag import parse_tag
from .fuzzy import FuzzyIndex
from .store import Store


@dataclass(slots=True)
class Pretranslated:
    """What a pre-translation did: units written, exact and fuzzy matches, units
    left empty, and units not to translate (boilerplate)."""

    path: str
    units: int = 0
    exact: int = 0
    fuzzy: int = 0
    empty: int = 0
    locked: int = 0

    def summary(self) -> str:
        return (f"{self.path}: {self.units} units, {self.exact} exact, {self.fuzzy} fuzzy, {self.empty} empty, "
                f"{self.locked} not to translate")


def pretranslated_units(store: Store, doc: str | Path, tgt: str, src: str | None = None, min_score: float = 75.0,
                        version: str = xliff.DEFAULT_VERSION, result: Pretranslated | None = None
                        ) -> tuple[str, Iterator[TU]]:
    """(source language, units) of ``doc`` pre-translated from ``store`` into ``tgt``;
    ``result`` counts them as they are made."""
    lang, segments = segment_file(doc, src)
    try:
        lang = parse_tag(lang)
    except LanguageTagError:  # "und": nothing to tell it by
        raise InputError("cannot tell the document's language (is it empty?): give --from", path=doc) from None
    if not any(seg.text.strip() for seg in segments):
        raise InputError("no text to translate", path=doc)
    tgt = parse_tag(tgt)
    index = FuzzyIndex(store)
    origin = store.path.name
    counts = result if result is not None else Pretranslated(str(doc))
    two = version.startswith("2")

    def units() -> Iterator[TU]:
        for seg in segments:
            if not seg.text.strip():
                continue
            counts.units += 1
            props = [Prop(xliff.P_VERSION, version), Prop(xliff.P_FILE, Path(doc).name)]
            if seg.kind is not SegmentKind.SENTENCE:
                props.append(Prop(xliff.P_TYPE, f"wb:{seg.kind.value}" if two else f"x-{seg.kind.value}"))
            source = TUV.plain(lang, seg.text)
            attrs = (("tuid", str(seg.index + 1)), ("srclang", lang))
            if not seg.kind.translatable:
                counts.locked += 1
                yield TU((source,), attrs, (*props, Prop(xliff.P_TRANSLATE, "no")))
                continue
            best = index.lookup(seg.text, lang, tgt, min_score=min_score, limit=1)
            if not best:
                counts.empty += 1
                yield TU((source,), attrs, tuple(props))
                continue
            match = best[0]
            exact = match.score >= 100.0
            if exact:
                counts.exact += 1
                props += [Prop(xliff.P_STATE, "translated")]
                if not two:
                    props.append(Prop(xliff.P_QUALIFIER, "exact-match"))
            else:
                counts.fuzzy += 1
                props.append(Prop(xliff.P_STATE, "initial" if two else "needs-review-translation"))
                if not two:
                    props.append(Prop(xliff.P_QUALIFIER, "fuzzy-match"))
            props += [Prop(xliff.P_MATCH_QUALITY, f"{match.score:g}"), Prop(xliff.P_MATCH_ORIGIN, origin),
                      Prop(xliff.P_MATCH_SOURCE, escape(match.source)),
                      Prop(xliff.P_MATCH_TARGET, escape(match.target))]
            yield TU((source, TUV.plain(tgt, match.target)), attrs, tuple(props))
    return lang, units()


def pretranslate(store: Store, doc: str | Path, target: str | Path | IO[bytes], tgt: str, src: str | None = None,
                 min_score: float = 75.0, version: str = xliff.DEFAULT_VERSION) -> Pretranslated:
    """Write ``doc`` pre-translated from ``store`` as XLIFF ``version`` to ``target``
    (a path is written atomically)."""
    result = Pretranslated(str(doc))
    lang, units = pretranslated_units(store, doc, tgt, src, min_score, version, result)
    XliffWriter(lang, tgt, version, Path(doc).name).write(target, units)
    return result
