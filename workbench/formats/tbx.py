"""TBX termbases: TBX v3 (ISO 30042:2019) TBX-Basic in DCA style, read (DCT too, and
TBX-Core and TBX-Min) and written; TBX v2 (``martif``: TBX-Basic 2008, and the default
dialect IATE and the Microsoft Terminology Collection write), read and written for the
tools that read no other (OmegaT 3.6, translate-toolkit's ``tbx2po``). MultiTerm XML
(root ``mtf``) is read too (:mod:`workbench.formats.glossary_multiterm`).

The mapping to :class:`~workbench.model.Concept` (TBX-Basic data categories):

==========================================  ===============================
conceptEntry ``id`` / termEntry ``id``      ``Concept.id`` (an XML name: see :mod:`workbench.glossary.ids`)
``descrip type="subjectField"``             ``Concept.subject_field`` (several: joined by ``; ``)
``descrip type="definition"``               ``Concept.definition`` (``admin type="source"`` beside it: ``Concept.source``)
``note`` in the entry                       ``Concept.note``
langSec/langSet ``xml:lang``                ``Term.lang``
termSec/tig (v2 ntig too) ``term``          ``Term.text``
``termNote type="partOfSpeech"``            ``Term.part_of_speech``
``termNote type="administrativeStatus"``    ``Term.status`` (``normativeAuthorization``, ``usageStatus`` too)
``descrip type="context"``                  ``Term.context``
``note`` in the term                        ``Term.note``
other term-level categories                 ``Term.note``, a ``type: value`` line each
==========================================  ===============================

TBX-Basic puts definitions in the language section (some tools in the term
section): the first one found is the concept's, any other is kept in the concept's note as ``definition (fr): ...``
(logged), as are language-level notes and sources. Term-level categories the
model has no field for (IATE's ``termType`` and ``reliabilityCode``,
``grammaticalGender``...) become lines of the term's note (``termType:
abbreviation``); those TBX-Basic defines as ``termNote`` (:data:`TERM_NOTES`)
are written back as such.

TBX-Basic's administrative statuses are preferred, admitted, deprecated and
superseded; the TBX default values and TBX-Min's are read too
(:func:`~workbench.formats.termbase.status_of`); an unknown one is read as
admitted, kept as a note line and logged. ``forbidden`` has no value of its
own: it is written as ``deprecatedTerm-admn-sts`` plus a ``<note>status:
forbidden</note>``, which other tools show as a deprecated term with that
note; superseded terms are read as deprecated. An entry without an id (v2
allows it) is named after its first term; an entry without terms is skipped;
both are logged in the :class:`~workbench.formats.issues.ReadLog` a caller
gives.

Data category names are matched without case (``Definition``). Transactions,
cross-references and images are read past and not kept.
Entities are never resolved, no DTD is loaded, nothing is fetched: a file
that declares entities (billion laughs, XXE) is a FormatError.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from lxml import etree

from ..errors import FormatError
from ..fileio import atomic_open, open_input
from ..model import Concept, Term, TermStatus
from .glossary_multiterm import MTF_ENTRY, read_mtf_entry
from .issues import ReadLog
from .termbase import LocatedConcept, make_id, status_of
from .xmlguard import ENTITY_MESSAGE, PARSE_OPTIONS, EntryBound, guard, syntax_error

NS_V3 = ("urn:iso:std:iso:30042:ed-2", "urn:iso:std:iso:30042:ed:3.0")
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
DIALECTS = ("TBX-Basic", "TBX-Core", "TBX-Min")
FORBIDDEN_NOTE = "status: forbidden"

_STATUS_OUT = {
    TermStatus.PREFERRED: "preferredTerm-admn-sts",
    TermStatus.ADMITTED: "admittedTerm-admn-sts",
    TermStatus.DEPRECATED: "deprecatedTerm-admn-sts",
    TermStatus.FORBIDDEN: "deprecatedTerm-admn-sts",
}
_PARSE: dict[str, Any] = dict(PARSE_OPTIONS, remove_comments=True, remove_pis=True)
#: Term-level data categories TBX-Basic writes as ``termNote`` that the model has no field
#: for: read into the term's note as ``termType: fullForm`` lines, written back as
#: ``termNote`` (with the values TBX-Basic allows; ``None``: any value).
TERM_NOTES: dict[str, frozenset[str] | None] = {
    "termType": frozenset({"fullForm", "acronym", "abbreviation", "shortForm", "variant", "phrase"}),
    "grammaticalGender": frozenset({"masculine", "feminine", "neuter", "other"}),
    "geographicalUsage": None,
    "termLocation": None,
}
#: Reads the entry element of a termbase dialect (one ``conceptEntry``, ``termEntry``,
#: ``conceptGrp``...): its concept, or None when it has nothing to keep (logged);
#: ``ids`` holds the ids of the file's entries so far.
EntryReader = Callable[[Any, str, ReadLog, set[str]], LocatedConcept | None]


_locals: dict[object, str] = {}


def _local(tag: object) -> str:
    """The local name of a tag (``""`` for comments and the like), worked out once per tag."""
    try:
        return _locals[tag]
    except KeyError:
        local = tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""
        if len(_locals) < 10_000:  # as _kinds
            _locals[tag] = local
        return local


def _text(el: Any) -> str:
    """The text of an element, inline markup (``hi``...) flattened."""
    return (el.text or "").strip() if not len(el) else "".join(el.itertext()).strip()


def read_tbx(source: str | Path | IO[bytes], log: ReadLog | None = None) -> Iterator[Concept]:
    """The concepts of a TBX v3 (TBX-Basic/TBX-Core/TBX-Min, DCA or DCT style) or v2
    (martif) file or binary stream, or of a MultiTerm XML export."""
    for located in read_tbx_located(source, log):
        yield located.concept


def read_tbx_located(source: str | Path | IO[bytes], log: ReadLog | None = None) -> Iterator[LocatedConcept]:
    """Like :func:`read_tbx`, with the line of each entry and term. What the reader
    repairs, moves or skips is logged in ``log`` (an entry without an id, or
    without terms, a status it does not know, a definition per language)."""
    if not isinstance(source, (str, Path)):
        name = getattr(source, "name", "-")
        yield from _read(source, name, log or ReadLog(name))
        return
    with open_input(source, "TBX file") as fh:
        yield from _read(fh, str(source), log or ReadLog(str(source)))


def _read(fh: IO[bytes], name: str, log: ReadLog) -> Iterator[LocatedConcept]:
    bound = EntryBound(guard(fh, name), name, "an entry")
    events = etree.iterparse(bound, events=("start", "end"), **_PARSE)
    entries: tuple[str, ...] = ()
    reader: EntryReader | None = None
    ids: set[str] = set()
    try:
        for event, el in events:
            if reader is None:
                entries, reader = _check_root(el, name)
                continue
            if event != "end" or _local(el.tag) not in entries:
                continue
            if next(el.iter(etree.Entity), None) is not None:
                raise FormatError("entity reference in an entry (entities are not allowed)",
                                  path=name, line=el.sourceline)
            log.read += 1
            located = reader(el, name, log, ids)
            if located is None:
                log.skipped += 1
            else:
                yield located
            el.clear(keep_tail=False)
            parent = el.getparent()
            if parent is not None:
                while el.getprevious() is not None:
                    del parent[0]
            bound.done()
    except etree.XMLSyntaxError as exc:
        raise syntax_error(exc, name) from None
    if reader is None:
        raise FormatError("empty file, not TBX", path=name)


def _check_root(root: Any, name: str) -> tuple[tuple[str, ...], EntryReader]:
    """Check the root element and the DTD; return the names of the entry elements and their reader."""
    dtd = root.getroottree().docinfo.internalDTD
    if dtd is not None and any(True for _ in dtd.entities()):
        raise FormatError(ENTITY_MESSAGE, path=name, line=1)  # an encoding the guard cannot read
    tag = root.tag if isinstance(root.tag, str) else ""
    local, ns = _local(tag), tag[1:].split("}")[0] if tag.startswith("{") else ""
    if local == "mtf" and not ns:
        return (MTF_ENTRY,), read_mtf_entry
    if local == "martif":
        dialect = root.get("type") or "TBX-Basic"
        if dialect not in ("TBX-Basic", "TBX", "TBX-Default"):
            raise FormatError(f"unsupported TBX dialect {dialect!r} (TBX-Basic is read)", path=name,
                              line=root.sourceline)
        return ("termEntry",), _entry
    if local != "tbx":
        raise FormatError(f"not a TBX file: root element is <{local or tag}>", path=name, line=root.sourceline)
    if ns not in NS_V3:
        raise FormatError(f"unknown TBX namespace {ns!r}", path=name, line=root.sourceline)
    dialect, style = root.get("type", ""), root.get("style", "")
    if dialect not in DIALECTS:
        raise FormatError(f"unsupported TBX dialect {dialect!r} ({', '.join(DIALECTS)} are read)",
                          path=name, line=root.sourceline)
    if style not in ("dca", "dct"):
        raise FormatError(f"unsupported TBX style {style!r} (DCA and DCT are read)", path=name, line=root.sourceline)
    return ("conceptEntry",), _entry


# DCT style names a data category by an element of a module's namespace
# (``<basic:administrativeStatus>``) where DCA writes ``<termNote type="...">``.
_DCT_KIND = {"subjectField": "descrip", "definition": "descrip", "context": "descrip", "reliabilityCode": "descrip",
             "partOfSpeech": "termNote", "administrativeStatus": "termNote", "termType": "termNote",
             "grammaticalGender": "termNote", "geographicalUsage": "termNote", "termLocation": "termNote",
             "normativeAuthorization": "termNote", "usageStatus": "termNote",
             "source": "admin", "customerSubset": "admin", "projectSubset": "admin"}


#: Data categories that give a term's status: TBX-Basic's, the TBX default XCS's, and
#: ``usageStatus``, which the TBX steward's own test files (LTAC Global) use.
_STATUS_CATEGORIES = ("administrativeStatus", "normativeAuthorization", "usageStatus")
#: The data categories read, by their name without case, spaces or punctuation
#: (``Definition``, ``part of speech``: as some tools write them).
_CATEGORIES = {re.sub(r"[\W_]", "", name.lower()): name for name in (*_DCT_KIND, "note")}


_kinds: dict[tuple[object, str | None], tuple[str, str | None]] = {}


def _kind_type(el: Any) -> tuple[str, str | None]:
    """An element's (kind, data category) in DCA terms, whichever style it is written in
    (worked out once per tag and type)."""
    key = (el.tag, el.get("type"))
    try:
        return _kinds[key]
    except KeyError:
        pass
    tag = el.tag if isinstance(el.tag, str) else ""
    local, typ = _local(tag), key[1]
    ns = tag[1:].split("}")[0] if tag.startswith("{") else ""
    if ns and ns not in NS_V3:
        found: tuple[str, str | None] = (_DCT_KIND.get(local, local), local)
    else:
        found = (local, typ if typ is None else _CATEGORIES.get(re.sub(r"[\W_]", "", typ.lower()), typ))
    if len(_kinds) < 10_000:  # the names a file uses are few; a hostile file's are not kept
        _kinds[key] = found
    return found


def _add(fields: dict[str, str], key: str, text: str, sep: str = "\n") -> None:
    """Set a field, or add ``text`` to what it holds (a second note is not lost)."""
    if text and text not in fields[key].split(sep):
        fields[key] = f"{fields[key]}{sep}{text}" if fields[key] else text


def _entry(el: Any, name: str, log: ReadLog, ids: set[str]) -> LocatedConcept | None:
    cid = el.get("id", "").strip()
    fields = {"subject_field": "", "definition": "", "note": "", "source": ""}
    terms: list[Term] = []
    lines: list[int | None] = []
    per_lang: list[tuple[str, dict[str, str], int | None]] = []
    for child in el:
        kind = _local(child.tag)
        if kind in ("langSec", "langSet"):
            lang = (child.get(XML_LANG) or child.get("lang") or "").strip()
            if not lang:
                log.add("skipped", "no-language", f"<{kind}> without xml:lang in concept {cid or '(no id)'!r}: "
                        "its terms are not read", child.sourceline, cid or None)
                continue
            here = {"subject_field": "", "definition": "", "note": "", "source": ""}
            for sec in child:
                if _local(sec.tag) in ("termSec", "tig", "ntig"):
                    term = _term(sec, lang, name, log, cid, here)
                    if term is not None:
                        terms.append(term)
                        lines.append(sec.sourceline)
                else:
                    _concept_field(sec, here)
            per_lang.append((lang, here, child.sourceline))
        else:
            _concept_field(child, fields)
    if not terms:
        log.add("skipped", "no-term", f"concept {cid or '(no id)'!r} has no term", el.sourceline, cid or None)
        return None
    if not cid:
        cid = make_id(terms[0].text, ids)
        log.add("repaired", "concept-id", f"entry without an id: named {cid!r}", el.sourceline, cid)
    ids.add(cid)
    for lang, here, line in per_lang:
        _language_fields(fields, lang, here, cid, line, log)
    return LocatedConcept(Concept(cid, tuple(terms), **fields), el.sourceline, tuple(lines))


def _language_fields(fields: dict[str, str], lang: str, here: dict[str, str], cid: str, line: int | None,
                     log: ReadLog) -> None:
    """Fold what a language section says of the concept (TBX-Basic puts definitions there) into
    the concept's fields: the first definition, its source with it; any other in the note."""
    if here["definition"] and not fields["definition"]:
        fields["definition"] = here["definition"]
        if here["source"] and not fields["source"]:
            fields["source"], here["source"] = here["source"], ""
    elif here["definition"]:
        _add(fields, "note", f"definition ({lang}): {here['definition']}")
        log.add("warning", "definition-per-language", f"concept {cid!r}: its definition in {lang!r} is kept "
                "in its note (a concept holds one definition)", line, cid)
    _add(fields, "subject_field", here["subject_field"], "; ")
    for key in ("source", "note"):
        if here[key]:
            _add(fields, "note", f"{key} ({lang}): {here[key]}")


def _concept_field(el: Any, fields: dict[str, str]) -> None:
    kind, typ = _kind_type(el)
    if kind == "descrip" and typ == "subjectField":
        _add(fields, "subject_field", _text(el), "; ")
    elif kind == "descrip" and typ == "definition":
        _add(fields, "definition", _text(el))
    elif kind == "descripGrp":
        for sub in el:
            _concept_field(sub, fields)
    elif kind == "admin" and typ == "source":
        _add(fields, "source", _text(el))
    elif kind == "note":
        _add(fields, "note", _text(el))
    elif kind in ("descrip", "admin") and _text(el):  # customerSubset, projectSubset...: a line of the note
        _add(fields, "note", f"{typ or kind}: {_text(el)}")


def _term(sec: Any, lang: str, name: str, log: ReadLog, cid: str, here: dict[str, str]) -> Term | None:
    """The term of a term section; a definition there is the language's (``here``)."""
    text, status_raw, pos, context = "", "", "", ""
    notes: list[str] = []
    for el in sec.iter():
        kind, typ = _kind_type(el)
        value = _text(el) if kind in ("term", "termNote", "descrip", "admin", "note") else ""
        if kind == "term":
            text = text or value
        elif kind == "termNote" and typ in _STATUS_CATEGORIES and not status_raw:
            status_raw = value
        elif kind == "termNote" and typ == "partOfSpeech" and not pos:
            pos = value
        elif kind == "descrip" and typ == "context" and not context:
            context = value
        elif kind == "descrip" and typ == "definition":
            _add(here, "definition", value)
        elif kind == "note" and value:
            notes.append(value)
        elif value:  # termType, reliabilityCode, a term's source...: kept as a line of its note
            notes.append(f"{typ or kind}: {value}")
    if not text:
        log.add("skipped", "no-term-text", f"term section ({lang}) without a term in concept {cid!r}",
                sec.sourceline, cid or None)
        return None
    status = TermStatus.ADMITTED
    if status_raw:
        found = status_of(status_raw)
        if found is None:
            notes.append(f"administrativeStatus: {status_raw}")
            log.add("warning", "unknown-status", f"unknown administrativeStatus {status_raw!r} of {text!r}: "
                    "read as admitted", sec.sourceline, cid or None)
        else:
            status = found
    if FORBIDDEN_NOTE in notes:
        notes.remove(FORBIDDEN_NOTE)
        status = TermStatus.FORBIDDEN
    return Term(text, lang, status, pos, context, "\n".join(notes))


@dataclass(frozen=True, slots=True)
class _Layout:
    """What TBX v3 and v2 name differently: the root, the header and the three levels of an entry."""

    prolog: str
    header: str
    close: str
    entry: str
    lang: str
    term: str


_V3 = _Layout(f'<tbx xmlns="{NS_V3[0]}" type="TBX-Basic" style="dca" xml:lang="en">', "tbxHeader", "</tbx>",
              "conceptEntry", "langSec", "termSec")
#: TBX-Basic 2008 as its own files begin (the DTD named is not needed to read it, nor fetched).
_V2 = _Layout('<!DOCTYPE martif SYSTEM "TBXBasiccoreStructV02.dtd">\n<martif type="TBX-Basic" xml:lang="en">',
              "martifHeader", "</martif>", "termEntry", "langSet", "tig")
#: The XCS of TBX-Basic 2008, which a v2 header names.
XCS_V2 = "TBXBasicXCSV02.xcs"


def write_tbx(concepts: Iterable[Concept], target: str | Path | IO[bytes], title: str = "",
              source_desc: str = "Written by workbench") -> None:
    """Write TBX v3 TBX-Basic (DCA); a path is replaced atomically."""
    _write_file(concepts, target, title, source_desc, _V3)


def write_tbx_v2(concepts: Iterable[Concept], target: str | Path | IO[bytes], title: str = "",
                 source_desc: str = "Written by workbench") -> None:
    """Write TBX v2 TBX-Basic (``martif``, as OmegaT 3.6 and translate-toolkit read it);
    a path is replaced atomically."""
    _write_file(concepts, target, title, source_desc, _V2)


def _write_file(concepts: Iterable[Concept], target: str | Path | IO[bytes], title: str, source_desc: str,
                layout: _Layout) -> None:
    if isinstance(target, (str, Path)):
        with atomic_open(target, "wb") as fh:
            _write(concepts, fh, title, source_desc, layout)
    else:
        _write(concepts, target, title, source_desc, layout)


def _write(concepts: Iterable[Concept], fh: IO[bytes], title: str, source_desc: str, layout: _Layout) -> None:
    # Elements are built without a namespace and written inside the root,
    # which declares TBX's (v3) as the default: one xmlns, no prefixes.
    header = etree.Element(layout.header)
    desc = etree.SubElement(header, "fileDesc")
    if title:
        etree.SubElement(etree.SubElement(desc, "titleStmt"), "title").text = title
    etree.SubElement(etree.SubElement(desc, "sourceDesc"), "p").text = source_desc
    if layout is _V2:
        etree.SubElement(etree.SubElement(header, "encodingDesc"), "p", type="XCSURI").text = XCS_V2
    _indent(header, 1)
    fh.write(b'<?xml version="1.0" encoding="UTF-8"?>\n')
    fh.write(f"{layout.prolog}\n  ".encode())
    fh.write(etree.tostring(header, encoding="utf-8"))
    fh.write(b"\n  <text>\n    <body>\n")
    for concept in concepts:
        entry = _concept_element(concept, layout)
        _indent(entry, 3)
        fh.write(b"      " + etree.tostring(entry, encoding="utf-8") + b"\n")
    fh.write(f"    </body>\n  </text>\n{layout.close}\n".encode())


def _concept_element(c: Concept, layout: _Layout) -> Any:
    def sub(parent: Any, tag: str, text: str | None = None, **attrs: str) -> Any:
        el = etree.SubElement(parent, tag, attrs)
        if text is not None:
            el.text = text
        return el

    entry = etree.Element(layout.entry, id=c.id)
    if c.subject_field:
        sub(entry, "descrip", c.subject_field, type="subjectField")
    if c.definition or c.source:
        grp = sub(entry, "descripGrp")
        sub(grp, "descrip", c.definition, type="definition")
        if c.source:
            sub(grp, "admin", c.source, type="source")
    if c.note:
        sub(entry, "note", c.note)
    for lang in c.languages:
        sec = sub(entry, layout.lang, **{XML_LANG: lang})
        for t in (t for t in c.terms if t.lang == lang):
            ts = sub(sec, layout.term)
            sub(ts, "term", t.text)
            if t.part_of_speech:
                sub(ts, "termNote", t.part_of_speech, type="partOfSpeech")
            sub(ts, "termNote", _STATUS_OUT[t.status], type="administrativeStatus")
            categories, note = _term_notes(t.note)
            for kind, value in categories:
                sub(ts, "termNote", value, type=kind)
            if t.context:
                sub(ts, "descrip", t.context, type="context")
            if note:
                sub(ts, "note", note)
            if t.status is TermStatus.FORBIDDEN:
                sub(ts, "note", FORBIDDEN_NOTE)
    return entry


def _term_notes(note: str) -> tuple[list[tuple[str, str]], str]:
    """The ``termNote`` categories (:data:`TERM_NOTES`) held as lines of a term's note,
    and the rest of the note."""
    categories: list[tuple[str, str]] = []
    rest: list[str] = []
    for line in note.split("\n") if note else ():
        kind, sep, value = line.partition(": ")
        allowed = TERM_NOTES.get(kind, frozenset())
        if sep and value.strip() == value and value and (allowed is None or value in allowed):
            categories.append((kind, value))
        else:
            rest.append(line)
    return categories, "\n".join(rest)


def _indent(el: Any, level: int) -> None:
    """Pretty-print an element's children two spaces a level (text kept as is)."""
    children = list(el)
    if not children:
        return
    pad = "\n" + "  " * (level + 1)
    el.text = pad
    for i, child in enumerate(children):
        _indent(child, level + 1)
        child.tail = pad if i < len(children) - 1 else "\n" + "  " * level
