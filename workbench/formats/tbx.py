"""TBX termbases: TBX v3 (ISO 30042:2019) TBX-Basic in DCA style, read (DCT too) and
written; TBX v2 (``martif``, TBX-Basic 2008), read and written for the tools
that read no other (OmegaT 3.6, translate-toolkit's ``tbx2po``).

The mapping to :class:`~workbench.model.Concept` (TBX-Basic data categories):

==========================================  ===============================
conceptEntry ``id`` / termEntry ``id``      ``Concept.id`` (an XML name: see :mod:`workbench.glossary.ids`)
``descrip type="subjectField"``             ``Concept.subject_field``
``descripGrp/descrip type="definition"``    ``Concept.definition`` (``admin type="source"`` beside it: ``Concept.source``)
``note`` in the entry                       ``Concept.note``
langSec/langSet ``xml:lang``                ``Term.lang``
termSec/tig (v2 ntig too) ``term``          ``Term.text``
``termNote type="partOfSpeech"``            ``Term.part_of_speech``
``termNote type="administrativeStatus"``    ``Term.status``
``descrip type="context"``                  ``Term.context``
``note`` in the term                        ``Term.note``
==========================================  ===============================

TBX-Basic's administrative statuses are preferred, admitted, deprecated and
superseded. ``forbidden`` has no value of its own: it is written as
``deprecatedTerm-admn-sts`` plus a ``<note>status: forbidden</note>``, which
other tools show as a deprecated term with that note; superseded terms are
read as deprecated.

Other data categories (termType, transactions, cross-references, images,
term-level sources) are read past and not kept. Entities are never resolved,
no DTD is loaded, nothing is fetched: a file that declares entities (billion
laughs, XXE) is a FormatError.
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from lxml import etree

from ..errors import FormatError
from ..fileio import atomic_open, open_input
from ..model import Concept, Term, TermStatus
from .termbase import LocatedConcept
from .xmlguard import ENTITY_MESSAGE, PARSE_OPTIONS, guard, syntax_error

NS_V3 = ("urn:iso:std:iso:30042:ed-2", "urn:iso:std:iso:30042:ed:3.0")
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
DIALECTS = ("TBX-Basic", "TBX-Core")
FORBIDDEN_NOTE = "status: forbidden"

_STATUS_OUT = {
    TermStatus.PREFERRED: "preferredTerm-admn-sts",
    TermStatus.ADMITTED: "admittedTerm-admn-sts",
    TermStatus.DEPRECATED: "deprecatedTerm-admn-sts",
    TermStatus.FORBIDDEN: "deprecatedTerm-admn-sts",
}
_STATUS_IN = {
    "preferredterm-admn-sts": TermStatus.PREFERRED,
    "admittedterm-admn-sts": TermStatus.ADMITTED,
    "deprecatedterm-admn-sts": TermStatus.DEPRECATED,
    "supersededterm-admn-sts": TermStatus.DEPRECATED,
}
_PARSE: dict[str, Any] = dict(PARSE_OPTIONS, remove_comments=True, remove_pis=True)


def _local(tag: object) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _text(el: Any) -> str:
    """The text of an element, inline markup (``hi``...) flattened."""
    return "".join(el.itertext()).strip()


def read_tbx(source: str | Path | IO[bytes]) -> Iterator[Concept]:
    """The concepts of a TBX v3 (TBX-Basic/TBX-Core, DCA or DCT style) or v2 (martif) file or binary stream."""
    for located in read_tbx_located(source):
        yield located.concept


def read_tbx_located(source: str | Path | IO[bytes]) -> Iterator[LocatedConcept]:
    """Like :func:`read_tbx`, with the line of each entry and term."""
    if not isinstance(source, (str, Path)):
        yield from _read(source, getattr(source, "name", "-"))
        return
    with open_input(source, "TBX file") as fh:
        yield from _read(fh, str(source))


def _read(fh: IO[bytes], name: str) -> Iterator[LocatedConcept]:
    events = etree.iterparse(guard(fh, name), events=("start", "end"), **_PARSE)
    version = 0
    try:
        for event, el in events:
            if not version:
                version = _check_root(el, name)
                continue
            if event != "end" or _local(el.tag) not in ("conceptEntry", "termEntry"):
                continue
            if any(isinstance(x, etree._Entity) for x in el.iter()):
                raise FormatError("entity reference in an entry (entities are not allowed)",
                                  path=name, line=el.sourceline)
            yield _entry(el, name, version)
            el.clear(keep_tail=False)
            parent = el.getparent()
            if parent is not None:
                while el.getprevious() is not None:
                    del parent[0]
    except etree.XMLSyntaxError as exc:
        raise syntax_error(exc, name) from None
    if not version:
        raise FormatError("empty file, not TBX", path=name)


def _check_root(root: Any, name: str) -> int:
    """Check the root element and the DTD; return the TBX major version."""
    dtd = root.getroottree().docinfo.internalDTD
    if dtd is not None and any(True for _ in dtd.entities()):
        raise FormatError(ENTITY_MESSAGE, path=name, line=1)  # an encoding the guard cannot read
    tag = root.tag if isinstance(root.tag, str) else ""
    local, ns = _local(tag), tag[1:].split("}")[0] if tag.startswith("{") else ""
    if local == "martif":
        dialect = root.get("type") or "TBX-Basic"
        if dialect not in ("TBX-Basic", "TBX", "TBX-Default"):
            raise FormatError(f"unsupported TBX dialect {dialect!r} (TBX-Basic is read)", path=name,
                              line=root.sourceline)
        return 2
    if local != "tbx":
        raise FormatError(f"not a TBX file: root element is <{local or tag}>", path=name, line=root.sourceline)
    if ns not in NS_V3:
        raise FormatError(f"unknown TBX namespace {ns!r}", path=name, line=root.sourceline)
    dialect, style = root.get("type", ""), root.get("style", "")
    if dialect not in DIALECTS:
        raise FormatError(f"unsupported TBX dialect {dialect!r} (TBX-Basic and TBX-Core are read)",
                          path=name, line=root.sourceline)
    if style not in ("dca", "dct"):
        raise FormatError(f"unsupported TBX style {style!r} (DCA and DCT are read)", path=name, line=root.sourceline)
    return 3


# DCT style names a data category by an element of a module's namespace
# (``<basic:administrativeStatus>``) where DCA writes ``<termNote type="...">``.
_DCT_KIND = {"subjectField": "descrip", "definition": "descrip", "context": "descrip",
             "partOfSpeech": "termNote", "administrativeStatus": "termNote", "termType": "termNote",
             "source": "admin", "customerSubset": "admin", "projectSubset": "admin"}


def _kind_type(el: Any) -> tuple[str, str | None]:
    """An element's (kind, data category) in DCA terms, whichever style it is written in."""
    tag = el.tag if isinstance(el.tag, str) else ""
    local = _local(tag)
    ns = tag[1:].split("}")[0] if tag.startswith("{") else ""
    if ns and ns not in NS_V3:
        return _DCT_KIND.get(local, local), local
    return local, el.get("type")


def _entry(el: Any, name: str, version: int) -> LocatedConcept:
    cid = el.get("id", "").strip()
    if not cid:
        raise FormatError("concept entry without an id", path=name, line=el.sourceline)
    fields = {"subject_field": "", "definition": "", "note": "", "source": ""}
    terms: list[Term] = []
    lines: list[int | None] = []
    for child in el:
        kind = _local(child.tag)
        if kind in ("langSec", "langSet"):
            lang = (child.get(XML_LANG) or child.get("lang") or "").strip()
            if not lang:
                raise FormatError(f"<{kind}> without xml:lang", path=name, line=child.sourceline)
            for sec in child:
                if _local(sec.tag) in ("termSec", "tig", "ntig"):
                    terms.append(_term(sec, lang, name))
                    lines.append(sec.sourceline)
        else:
            _concept_field(child, fields)
    if not terms:
        raise FormatError(f"concept {cid!r} has no term", path=name, line=el.sourceline)
    return LocatedConcept(Concept(cid, tuple(terms), **fields), el.sourceline, tuple(lines))


def _concept_field(el: Any, fields: dict[str, str]) -> None:
    kind, typ = _kind_type(el)
    if kind == "descrip" and typ == "subjectField":
        fields["subject_field"] = _text(el)
    elif kind == "descrip" and typ == "definition":
        fields["definition"] = _text(el)
    elif kind == "descripGrp":
        for sub in el:
            _concept_field(sub, fields)
    elif kind == "admin" and typ == "source":
        fields["source"] = _text(el)
    elif kind == "note":
        fields["note"] = _text(el)


def _term(sec: Any, lang: str, name: str) -> Term:
    text, status_raw, pos, context, notes = "", "", "", "", []
    for el in sec.iter():
        kind, typ = _kind_type(el)
        if kind == "term" and not text:
            text = _text(el)
        elif kind == "termNote" and typ == "administrativeStatus":
            status_raw = _text(el)
        elif kind == "termNote" and typ == "partOfSpeech":
            pos = _text(el)
        elif kind == "descrip" and typ == "context":
            context = _text(el)
        elif kind == "note":
            notes.append(_text(el))
    if not text:
        raise FormatError("term section without a term", path=name, line=sec.sourceline)
    status = TermStatus.ADMITTED
    if status_raw:
        try:
            status = _STATUS_IN[status_raw.lower()]
        except KeyError:
            raise FormatError(f"unknown administrativeStatus {status_raw!r}", path=name,
                              line=sec.sourceline) from None
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
            if t.context:
                sub(ts, "descrip", t.context, type="context")
            if t.note:
                sub(ts, "note", t.note)
            if t.status is TermStatus.FORBIDDEN:
                sub(ts, "note", FORBIDDEN_NOTE)
    return entry


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
