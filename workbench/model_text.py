"""The nouns of documents, alignment, glossaries and checks: segments, beads, terms,
concepts, term hits and findings (frozen, slotted dataclasses free of I/O; re-exported
by :mod:`workbench.model`, which imports this module when one of them is first used)."""
from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from .model import lang_key


class SegmentKind(str, Enum):
    """What a segment is, as a translator sees it."""

    SENTENCE = "sentence"
    HEADING = "heading"
    CAPTION = "caption"
    BYLINE = "byline"
    CREDIT = "credit"
    BOILERPLATE = "boilerplate"

    @property
    def translatable(self) -> bool:
        """Boilerplate is kept for the record but never translated or aligned."""
        return self is not SegmentKind.BOILERPLATE

    @property
    def checked(self) -> bool:
        """Whether checks look at the segment's terms and wording: not boilerplate,
        nor a credit (a name that repeats across articles, e.g. (صورة: وكالة الأنباء الفيتنامية))."""
        return self not in (SegmentKind.BOILERPLATE, SegmentKind.CREDIT)


@dataclass(frozen=True, slots=True)
class Segment:
    """A sentence (or heading, caption...) of a document.

    ``start``/``end`` are character offsets in the decoded document, so
    ``document[start:end] == text``; ``line`` is 1-based.
    """

    doc: str
    index: int
    lang: str
    start: int
    end: int
    line: int
    kind: SegmentKind
    text: str

    def as_dict(self) -> dict[str, object]:
        """A JSON-ready mapping (the ``jsonl`` output of ``wb segment``)."""
        return {
            "doc": self.doc,
            "index": self.index,
            "lang": self.lang,
            "start": self.start,
            "end": self.end,
            "line": self.line,
            "kind": self.kind.value,
            "text": self.text,
        }


@dataclass(frozen=True, slots=True)
class Bead:
    """An alignment bead: source and target sentence indices (0-based) and a score."""

    src: tuple[int, ...]
    tgt: tuple[int, ...]
    score: float

    @property
    def kind(self) -> str:
        """The bead type, e.g. ``"1-2"``."""
        return f"{len(self.src)}-{len(self.tgt)}"


class TermStatus(str, Enum):
    """How a term may be used, best first (``preferred`` ... ``forbidden``)."""

    PREFERRED = "preferred"
    ADMITTED = "admitted"
    DEPRECATED = "deprecated"
    FORBIDDEN = "forbidden"

    @property
    def rank(self) -> int:
        """0 for preferred up to 3 for forbidden."""
        return _STATUS_ORDER.index(self)


_STATUS_ORDER = tuple(TermStatus)


@dataclass(frozen=True, slots=True)
class Term:
    """One designation of a concept in one language."""

    text: str
    lang: str
    status: TermStatus = TermStatus.ADMITTED
    part_of_speech: str = ""
    context: str = ""
    note: str = ""


@dataclass(frozen=True, slots=True)
class Concept:
    """A termbase entry: one concept and its terms in every language."""

    id: str
    terms: tuple[Term, ...] = ()
    subject_field: str = ""
    definition: str = ""
    note: str = ""
    source: str = ""

    def __post_init__(self) -> None:
        # One canonical order, as TBX stores it: terms grouped by language,
        # languages in order of first appearance, terms in given order.
        order = {lang: i for i, lang in enumerate(dict.fromkeys(t.lang for t in self.terms))}
        grouped = tuple(sorted(self.terms, key=lambda t: order[t.lang]))
        if grouped != self.terms:
            object.__setattr__(self, "terms", grouped)

    @property
    def languages(self) -> tuple[str, ...]:
        """The languages of the terms, in order of first appearance."""
        return tuple(dict.fromkeys(t.lang for t in self.terms))

    def terms_in(self, lang: str) -> tuple[Term, ...]:
        """The terms in ``lang`` (compared by primary subtag), best status first."""
        want = lang_key(lang)
        found = [t for t in self.terms if lang_key(t.lang) == want]
        return tuple(sorted(found, key=lambda t: t.status.rank))


@dataclass(frozen=True, slots=True)
class TermHit:
    """An occurrence of a glossary term in running text.

    ``start``/``end`` are offsets in the original text and cover the whole
    word form, clitic ``prefix`` and ``suffix`` included (``surface`` is
    ``text[start:end]``). ``nested`` is true when a longer hit covers this one.
    ``folds`` names the folds of the match key that were needed to match.
    """

    start: int
    end: int
    surface: str
    concept: str
    lang: str
    term: str
    status: TermStatus
    nested: bool = False
    prefix: str = ""
    suffix: str = ""
    folds: tuple[str, ...] = ()

    def as_dict(self) -> dict[str, object]:
        """A JSON-ready mapping."""
        return {
            "start": self.start,
            "end": self.end,
            "surface": self.surface,
            "concept": self.concept,
            "lang": self.lang,
            "term": self.term,
            "status": self.status.value,
            "nested": self.nested,
            "prefix": self.prefix,
            "suffix": self.suffix,
            "folds": list(self.folds),
        }


#: Where a finding (or one of its related places) is: document, 1-based line
#: and column, character offsets ``[start, end)`` in the document, surface text.
Place = tuple[str, int, int, int, int, str]


@dataclass(frozen=True, slots=True)
class Finding:
    """A problem a check found, at an exact span of an original document.

    ``start``/``end`` are character offsets in document ``doc`` (``line`` and
    ``column`` are 1-based); ``segment`` is the text of the segment around it,
    starting at ``segment_start``, and ``fingerprint`` identifies that segment's
    match key (a baseline entry survives edits elsewhere). ``places`` are the
    other spans involved (a variant cluster's occurrences), ``involved`` the
    terms or segments involved, ``suggestion`` the proposed fix.

    A finding on an aligned pair carries the pair: ``source`` and ``target``
    texts (segments joined by a space), their languages and documents, and
    the flagged span in each, as offsets into that text, where known.
    ``renderings`` are the competing renderings or wordings with their counts,
    ``term`` the term, concept or cluster the finding is about (reports group
    by it). None of these enter the id or the fingerprint.
    """

    id: str
    check: str
    severity: str
    doc: str
    lang: str
    line: int
    column: int
    start: int
    end: int
    surface: str
    message: str
    segment: str
    segment_start: int
    fingerprint: str
    suggestion: str = ""
    involved: tuple[str, ...] = ()
    places: tuple[Place, ...] = ()
    source: str = ""
    target: str = ""
    source_lang: str = ""
    target_lang: str = ""
    source_doc: str = ""
    target_doc: str = ""
    source_span: tuple[int, int] | None = None
    target_span: tuple[int, int] | None = None
    renderings: tuple[tuple[str, int], ...] = ()
    term: str = ""

    @property
    def bilingual(self) -> bool:
        """Whether the finding carries an aligned pair."""
        return bool(self.source_doc and self.target_doc)

    def as_dict(self) -> dict[str, object]:
        """A JSON-ready mapping (the ``findings`` of ``wb check --format json``); ``pair`` is
        ``null`` for a finding on no aligned pair, a span ``null`` where it is not known."""
        return {
            "id": self.id, "check": self.check, "severity": self.severity, "doc": self.doc, "lang": self.lang,
            "line": self.line, "column": self.column, "start": self.start, "end": self.end,
            "surface": self.surface, "message": self.message, "suggestion": self.suggestion,
            "segment": self.segment, "segment_start": self.segment_start, "fingerprint": self.fingerprint,
            "involved": list(self.involved),
            "places": [dict(zip(("doc", "line", "column", "start", "end", "surface"), p)) for p in self.places],
            "term": self.term,
            "renderings": [{"text": text, "count": n} for text, n in self.renderings],
            "pair": {
                "source": {"doc": self.source_doc, "lang": self.source_lang, "text": self.source,
                           "span": list(self.source_span) if self.source_span else None},
                "target": {"doc": self.target_doc, "lang": self.target_lang, "text": self.target,
                           "span": list(self.target_span) if self.target_span else None},
            } if self.bilingual else None,
        }
