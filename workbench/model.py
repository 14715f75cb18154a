"""The nouns of the workbench: frozen, slotted dataclasses free of I/O.

The translation memory's (spans, TUs and their variants, props, notes, TMX
headers) are made here; those of documents, alignment, glossaries and checks
(segments, beads, terms, concepts, term hits, findings) in
:mod:`workbench.model_text`, imported when one of them is first asked for here:
a process that only looks up a memory does not make their classes (about half
of this module's import time).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # what __getattr__ gives, for the type checker
    from . import model_text

    Bead = model_text.Bead
    Concept = model_text.Concept
    Finding = model_text.Finding
    Place = model_text.Place
    Segment = model_text.Segment
    SegmentKind = model_text.SegmentKind
    Term = model_text.Term
    TermHit = model_text.TermHit
    TermStatus = model_text.TermStatus

#: The names :mod:`workbench.model_text` makes, given as this module's.
_TEXT_NOUNS = frozenset({"Bead", "Concept", "Finding", "Place", "Segment", "SegmentKind", "Term", "TermHit",
                         "TermStatus"})


def __getattr__(name: str) -> object:
    """A noun of :mod:`workbench.model_text`, imported on first use (PEP 562)."""
    if name not in _TEXT_NOUNS:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    from . import model_text

    value: object = getattr(model_text, name)
    globals()[name] = value
    return value


@dataclass(frozen=True, slots=True)
class Span:
    """A half-open character range ``[start, end)`` in some text."""

    start: int
    end: int

    def __post_init__(self) -> None:
        if not 0 <= self.start <= self.end:
            raise ValueError(f"bad span [{self.start}, {self.end})")

    def __len__(self) -> int:
        return self.end - self.start


#: An element's attributes as ``(name, value)`` pairs in document order;
#: namespaced names are written ``xml:lang`` or in Clark notation ``{uri}name``.
Attrs = tuple[tuple[str, str], ...]


def attr_of(attrs: Attrs, name: str) -> str | None:
    """The value of attribute ``name`` in ``attrs`` (``None`` when absent)."""
    for key, value in attrs:
        if key == name:
            return value
    return None


#: The type of a TU ``prop`` (value ``true``) marking a translation nobody has
#: checked, such as a PO ``#, fuzzy`` entry: lookups score it lower.
FUZZY_PROP = "x-fuzzy"
#: Prop types of what gettext keeps beside a message (PO ``msgctxt``, ``#.``
#: and ``#:``), also read from translate-toolkit's CSV columns.
CONTEXT_PROP, EXTRACTED_PROP, REFERENCE_PROP = "x-po-msgctxt", "x-po-extracted", "x-po-reference"


@dataclass(frozen=True, slots=True)
class Prop:
    """A TMX ``<prop>``: a typed value; ``attrs`` are all attributes but ``type``."""

    type: str
    value: str
    attrs: Attrs = ()


@dataclass(frozen=True, slots=True)
class Note:
    """A TMX ``<note>``; ``attrs`` are its attributes (``xml:lang``, ``o-encoding``...)."""

    text: str
    attrs: Attrs = ()


@dataclass(frozen=True, slots=True)
class TUV:
    """A variant of a translation unit in one language.

    ``seg`` is the content of the TMX ``<seg>`` element as XML, inline markup
    (``bpt``, ``ept``, ``it``, ``ph``, ``hi``, ``sub``, ``ut``) kept exactly;
    ``text`` is the plain text for matching (native codes left out).
    ``attrs`` hold every attribute but the language; ``extra`` the unknown
    child elements, as XML.
    """

    lang: str
    seg: str
    text: str
    attrs: Attrs = ()
    props: tuple[Prop, ...] = ()
    notes: tuple[Note, ...] = ()
    extra: tuple[str, ...] = ()

    @classmethod
    def plain(cls, lang: str, text: str, **fields: object) -> TUV:
        """A variant without markup: ``seg`` is ``text`` escaped for XML."""
        seg = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\r", "&#13;")
        return cls(lang, seg, text, **fields)  # type: ignore[arg-type]


@dataclass(frozen=True, slots=True)
class TU:
    """A translation unit: its variants, attributes (``tuid``, ``srclang``,
    dates, ids, usage count...) in document order, props, notes, unknown
    child elements (XML)."""

    tuvs: tuple[TUV, ...]
    attrs: Attrs = ()
    props: tuple[Prop, ...] = ()
    notes: tuple[Note, ...] = ()
    extra: tuple[str, ...] = ()

    def attr(self, name: str) -> str | None:
        """An attribute's value, ``None`` when absent."""
        return attr_of(self.attrs, name)

    def variant(self, lang: str) -> TUV | None:
        """The first variant whose language is ``lang`` or a region of it
        (case-insensitive: ``ar`` finds ``ar-SA``)."""
        want = lang.lower()
        for tuv in self.tuvs:
            have = tuv.lang.lower()
            if have == want or have.split("-", 1)[0] == want or want.split("-", 1)[0] == have:
                return tuv
        return None


@dataclass(frozen=True, slots=True)
class TMXHeader:
    """A TMX ``<header>``: attributes in document order, props, notes, and
    other children (``ude``, unknown elements) as XML."""

    attrs: Attrs = ()
    props: tuple[Prop, ...] = ()
    notes: tuple[Note, ...] = ()
    extra: tuple[str, ...] = ()

    def attr(self, name: str) -> str | None:
        """An attribute's value, ``None`` when absent."""
        return attr_of(self.attrs, name)


def lang_key(tag: str) -> str:
    """The primary subtag, lower-cased: how glossary languages are compared."""
    return tag.split("-", 1)[0].split("_", 1)[0].strip().lower()
