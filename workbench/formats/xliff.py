"""XLIFF 1.2 and 2.0/2.1: a streaming reader and writer of translation units.

The reader walks the file with ``iterparse`` (units freed once read), after
:func:`~workbench.formats.xmlguard.guard` has refused entity declarations.
Each 1.2 ``trans-unit`` (or each ``mrk mtype="seg"`` of its ``seg-source``)
and each 2.x ``segment`` is a TU: the source and target variants, languages
from the ``file``/``xliff`` element (an element's ``xml:lang`` first), and
what else the unit says as props (:data:`PROPS` names them): file, state,
state qualifier or sub-state, approval, ``translate``, resource name, the
text between segments, the unit's 2.x ``originalData``, a 1.2 ``alt-trans``
or 2.x ``mtc:match`` (quality, origin, source, target). Notes are TU notes.

Inline codes become TMX inline markup whose native code is the XLIFF markup
itself, so nothing is lost and the writer puts back what it read: paired
codes with translatable content (1.2 ``g``, ``mrk``; 2.x ``pc``, ``mrk``) a
``bpt``/``ept`` pair holding the start and end tags around the content; a
start and end code in the segment (1.2 ``bx``/``ex``, ``bpt``/``ept``; 2.x
``sc``/``ec``, ``sm``/``em``) a ``bpt``/``ept`` pair, an isolated one ``it``;
anything else (1.2 ``x``, ``ph``, ``it``; 2.x ``ph``, ``cp``; elements of
other namespaces) a ``ph``. The plain text for matching is the content
without codes. Markup from elsewhere (a TMX file's ``bpt`` holding ``<b>``)
is written as the version's native-code elements (1.2 ``bpt``/``ept``/``ph``/
``it``; 2.x ``sc``/``ec``/``ph`` with ``originalData``).

CAT tools' own statuses, scores, locks and comments (Trados Studio, memoQ,
Phrase) are read by :mod:`~workbench.formats.xliff_tools`. Whatever else a
unit, file, group or the root carries (attributes, child elements such as
``context-group``, ``sdl:seg-defs``, a 1.2 ``header``, 2.x modules) is kept
whole in props (:data:`P_UNIT_ATTRS` to :data:`P_ROOT_ATTRS`, by
:mod:`~workbench.formats.xliff_kept`) and written back to the same version;
props of other formats ride along (:data:`~workbench.formats.xliff_kept.CARRIED`).
``bin-unit`` is skipped, logged; what is not kept (elements outside the
files, attributes of a source, comments' dates) is warned once per kind.
"""
from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from copy import deepcopy
from dataclasses import dataclass
from itertools import chain, count
from pathlib import Path
from typing import IO, Any, BinaryIO

from lxml import etree

from .. import __version__
from ..errors import FormatError, InputError, LanguageTagError
from ..fileio import atomic_output, open_input
from ..model import FUZZY_PROP, TU, TUV, Note, Prop
from ..text.langtag import parse_tag
from . import xliff_tools
from .issues import ReadLog
from .xliff_inline import (
    InlineReader,
    InlineWriter,
    append_text,
    attr_text,
    escape,
    local_name,
    parse_fragment,
    whole,
)
from .xliff_kept import (
    XML_NS,
    attr_map,
    attrs_text,
    carried_props,
    carry,
    element,
    fragment,
    kept_before,
    kept_text,
    kept_xml,
    loads,
    set_attr,
    skeleton,
    to_json,
    unwrap,
)
from .xmlguard import ENTITY_MESSAGE, PARSE_OPTIONS, XML_INVALID, guard, syntax_error

NS12 = "urn:oasis:names:tc:xliff:document:1.2"
NS20 = "urn:oasis:names:tc:xliff:document:2.0"
MTC = "urn:oasis:names:tc:xliff:matches:2.0"
#: Namespaces read as XLIFF 1.x (1.0 had none; po2xliff still writes 1.1).
NS1X = ("urn:oasis:names:tc:xliff:document:1.1", NS12, "")
XML_LANG = f"{{{XML_NS}}}lang"
XML_SPACE = f"{{{XML_NS}}}space"
VERSIONS = ("1.2", "2.0", "2.1")
DEFAULT_VERSION = "1.2"

P_VERSION, P_FILE, P_ORIGINAL, P_DATATYPE = "x-xliff-version", "x-xliff-file", "x-xliff-original", "x-xliff-datatype"
P_SEGMENT, P_STATE, P_QUALIFIER, P_SUBSTATE = "x-xliff-segment", "x-xliff-state", "x-xliff-state-qualifier", "x-xliff-substate"
P_APPROVED, P_TRANSLATE, P_RESNAME, P_TYPE = "x-xliff-approved", "x-xliff-translate", "x-xliff-resname", "x-xliff-type"
P_BEFORE, P_AFTER, P_DATA, P_NOTES = "x-xliff-before", "x-xliff-after", "x-xliff-original-data", "x-xliff-note-attrs"
P_MATCH_QUALITY, P_MATCH_ORIGIN = "x-xliff-match-quality", "x-xliff-match-origin"
P_MATCH_SOURCE, P_MATCH_TARGET = "x-xliff-match-source", "x-xliff-match-target"
#: What is kept whole to be written back: attributes (JSON: name -> value, ``xmlns:p`` entries
#: for the prefixes they use) of the unit, of a 1.2 target or 2.x segment, and of the file; child
#: elements read no other way, as XML, one prop each, of the unit and of the file (its 1.2
#: ``header``, 2.x ``skeleton`` and modules); the groups around a unit (JSON, outermost first);
#: a segmented 1.2 unit's ``seg-source`` and ``target`` with the segments' content taken out.
P_UNIT_ATTRS, P_TARGET_ATTRS, P_FILE_ATTRS = "x-xliff-unit-attrs", "x-xliff-target-attrs", "x-xliff-file-attrs"
P_EXTRA, P_FILE_EXTRA, P_GROUP, P_SKELETON = "x-xliff-extra", "x-xliff-file-extra", "x-xliff-group", "x-xliff-skeleton"
#: The root element's attributes but the version and languages (JSON, as the others), on the first TU.
P_ROOT_ATTRS = "x-xliff-root-attrs"
#: The most characters an element kept whole may have (more is not a translation memory's to keep).
MAX_KEPT = 1 << 20
#: Every prop this module reads and writes.
PROPS = (P_VERSION, P_FILE, P_ORIGINAL, P_DATATYPE, P_SEGMENT, P_STATE, P_QUALIFIER, P_SUBSTATE, P_APPROVED,
         P_TRANSLATE, P_RESNAME, P_TYPE, P_BEFORE, P_AFTER, P_DATA, P_NOTES, P_MATCH_QUALITY, P_MATCH_ORIGIN,
         P_MATCH_SOURCE, P_MATCH_TARGET, P_UNIT_ATTRS, P_TARGET_ATTRS, P_FILE_ATTRS, P_EXTRA, P_FILE_EXTRA, P_GROUP,
         P_SKELETON, P_ROOT_ATTRS, *xliff_tools.PROPS)

#: 1.2 target states a translator has finished with; other states are unchecked work.
DONE_12 = frozenset({"translated", "final", "signed-off"})
DONE_20 = frozenset({"translated", "reviewed", "final"})
STATES_12 = frozenset({"final", "needs-adaptation", "needs-l10n", "needs-review-adaptation", "needs-review-l10n",
                       "needs-review-translation", "needs-translation", "new", "signed-off", "translated"})
_NMTOKEN_BAD = re.compile(r"[^\w.\-:]")
_TAGS = ["{*}xliff", "{*}file", "{*}group", "{*}trans-unit", "{*}unit", "{*}bin-unit", f"{{{xliff_tools.SDL}}}cmt-def"]
#: Attributes read into props of their own (or written from the content: ``xml:space``), per version family.
_READ_UNIT_ATTRS = {1: frozenset({"id", "translate", "resname", "restype", "approved", XML_SPACE}),
                    2: frozenset({"id", "translate", "name", "type", XML_SPACE})}
_READ_FILE_ATTRS = {1: frozenset({"original", "datatype", "source-language", "target-language"}),
                    2: frozenset({"id", "original"})}
_READ_TARGET_ATTRS = {1: frozenset({"state", "state-qualifier", XML_LANG, XML_SPACE}),
                      2: frozenset({"id", "state", "subState"})}
#: Children of a unit read as such (the rest is kept whole), per version family.
_UNIT_PARTS = {1: frozenset({"source", "seg-source", "target", "note"}),
               2: frozenset({"notes", "originalData", "segment", "ignorable"})}


@dataclass(slots=True)
class _File:
    """What a ``file`` element says that each of its units needs."""

    key: str
    original: str | None
    datatype: str | None
    src: str | None
    tgt: str | None


class XliffReader:
    """Stream the TUs of an XLIFF 1.x or 2.x file.

    Only translated units are TUs unless ``everything``: a unit without a
    target, with ``translate="no"``, or in a state that is not finished
    (1.2 ``new``, ``needs-*``, or a CAT tool's status that means the same,
    such as Studio's Draft; 2.x ``initial`` given explicitly: a target
    without any state, as converters write it, is read as a translation)
    is skipped and logged, as is a ``bin-unit`` (with ``untranslated``, a translatable unit
    without a target is kept, with an empty target); with
    ``keep_fuzzy`` an unfinished translation is kept, marked with the prop
    :data:`~workbench.model.FUZZY_PROP`. ``src_lang``/``tgt_lang`` stand in
    for languages the file does not give.
    """

    def __init__(self, source: str | Path | BinaryIO, log: ReadLog | None = None, *, src_lang: str | None = None,
                 tgt_lang: str | None = None, keep_fuzzy: bool = False, everything: bool = False,
                 untranslated: bool = False) -> None:
        self.name = str(source) if isinstance(source, (str, Path)) else getattr(source, "name", "-")
        self.log = log or ReadLog(self.name)
        self.source = source
        self.src_lang = parse_tag(src_lang) if src_lang else None
        self.tgt_lang = parse_tag(tgt_lang) if tgt_lang else None
        self.keep_fuzzy = keep_fuzzy
        self.everything = everything
        self.untranslated = untranslated
        self.version = ""
        self.ns = ""
        self.family = 0
        self._file: _File | None = None
        self._translate: list[bool] = []
        self._root_src: str | None = None
        self._root_tgt: str | None = None
        self._files = 0
        self._file_el: Any = None
        self._file_props: list[Prop] = []  # for the first TU yielded of the file
        self._file_kept = False
        self._root_props: list[Prop] = []  # for the first TU yielded
        self._parts: set[str] = set()  # the tags of a unit's children read as such
        self._groups: list[dict[str, Any]] = []
        self._group_els: list[Any] = []
        self._group_count = 0
        self._comments: dict[str, list[xliff_tools.Comment]] = {}
        self._warned: set[str] = set()

    def __iter__(self) -> Iterator[TU]:
        if isinstance(self.source, (str, Path)):
            with open_input(self.source, "XLIFF file") as fh:
                yield from self._read(fh)
        else:
            yield from self._read(self.source)

    def _read(self, fh: BinaryIO) -> Iterator[TU]:
        stream = guard(fh, self.name)
        events = etree.iterparse(stream, events=("start", "end"), tag=_TAGS, **PARSE_OPTIONS)
        try:
            for event, el in events:
                if not self.version:
                    self._root(el.getroottree().getroot())
                ns, name = local_name(el.tag)
                if ns == xliff_tools.SDL:
                    if event == "end":
                        cid, comments = xliff_tools.sdl_comment_defs(el)
                        self._comments[cid] = comments
                    continue
                if ns != self.ns:
                    continue
                if event == "start":
                    if name == "file":
                        self._file = self._read_file(el)
                    elif name in ("group", "unit", "trans-unit", "bin-unit"):
                        self._context(el)
                        self._translate.append(self._translatable(el))
                        if name == "group":
                            self._group_start(el)
                    continue
                if name in ("unit", "trans-unit"):
                    yield from self._unit(el) if self.family == 2 else self._trans_unit(el)
                    self._translate.pop()
                    _free(el)
                elif name == "bin-unit":
                    self._bin_unit(el)
                    self._translate.pop()
                    _free(el)
                elif name == "group":
                    self._translate.pop()
                    self._groups.pop()
                    self._group_els.pop()
                    _free(el)
        except etree.XMLSyntaxError as exc:
            raise syntax_error(exc, self.name) from None
        except UnicodeDecodeError as exc:
            raise FormatError(f"cannot decode: {exc.reason}", path=self.name) from None
        except ValueError as exc:  # what lxml refuses to copy or serialize (an invalid namespace URI)
            raise FormatError(f"invalid XML: {exc}", path=self.name) from None
        if not self.version:
            root = events.root
            what = f"root element is <{local_name(root.tag)[1]}>" if root is not None else "no root element"
            raise FormatError(f"not an XLIFF file: {what}", path=self.name)

    def _root(self, root: Any) -> None:
        ns, name = local_name(root.tag)
        if name != "xliff":
            raise FormatError(f"not an XLIFF file: root element is <{name}>", path=self.name, line=root.sourceline)
        dtd = root.getroottree().docinfo.internalDTD
        if dtd is not None and any(True for _ in dtd.entities()):
            raise FormatError(ENTITY_MESSAGE, path=self.name, line=1)
        version = root.get("version") or ""
        if ns == NS20 or (not ns and version.startswith("2")):
            self.family, self.version = 2, version or "2.0"
            if version not in ("2.0", "2.1", "2.2"):
                self.log.add("warning", "xliff-version", f"XLIFF version {version!r} read as 2.1", root.sourceline)
        elif ns in NS1X:
            self.family, self.version = 1, version or "1.2"
            if version not in ("1.0", "1.1", "1.2"):
                self.log.add("warning", "xliff-version", f"XLIFF version {version!r} read as 1.2", root.sourceline)
        else:
            raise FormatError(f"not an XLIFF file: unknown namespace {ns!r}", path=self.name, line=root.sourceline)
        self.ns = ns
        self._parts = {self._q(name) for name in _UNIT_PARTS[self.family]} | xliff_tools.READ_CHILDREN
        attrs = attr_map(root, frozenset({"version", "srcLang", "trgLang"}))
        self._root_props = [Prop(P_ROOT_ATTRS, to_json(attrs))] if attrs else []
        if self.family == 2:
            self._root_src = self._lang(root.get("srcLang"), "srcLang", root.sourceline)
            self._root_tgt = self._lang(root.get("trgLang"), "trgLang", root.sourceline)

    def _lang(self, tag: str | None, what: str, line: int | None) -> str | None:
        if not tag:
            return None
        try:
            return parse_tag(tag)
        except LanguageTagError:
            raise FormatError(f"{what} {tag!r} is not a language tag", path=self.name, line=line) from None

    def _read_file(self, el: Any) -> _File:
        self._files += 1
        self._file_el, self._file_props, self._file_kept, self._group_count = el, [], False, 0
        root = el.getparent()
        for child in root.iterchildren() if root is not None else ():
            if child is el:
                break
            cns, cname = local_name(child.tag)
            if cns != "#" and cname != "file":
                notes = "; its comments are read as notes" if (cns, cname) == (xliff_tools.SDL, "doc-info") else ""
                self._not_kept(f"<{cname}> outside the files ({_tool_of(cns)}{notes})", child.sourceline)
        attrs = attr_map(el, _READ_FILE_ATTRS[self.family])
        if attrs:
            self._file_props.append(Prop(P_FILE_ATTRS, to_json(attrs)))
        if self.family == 2:
            return _File(el.get("id") or str(self._files), el.get("original"), None, self._root_src, self._root_tgt)
        src = self._lang(el.get("source-language"), "source-language", el.sourceline)
        tgt = self._lang(el.get("target-language"), "target-language", el.sourceline)
        original = el.get("original") or str(self._files)
        return _File(original, None, el.get("datatype"), src, tgt)

    def _side_attrs(self, source: Any, target: Any | None) -> None:
        """Warn of attributes of a source or target that are not kept (a 1.2 target's are)."""
        for side, el in (("source", source), ("target", target if self.family == 2 else None)):
            if el is None:
                continue
            names = [k for k in el.attrib if k not in (XML_LANG, XML_SPACE)]
            if names:
                names = [k for k in attr_map(el, frozenset({XML_LANG, XML_SPACE})) if not k.startswith("xmlns:")]
                self._not_kept(f"attributes of <{side}>", el.sourceline, f" (first: {', '.join(names)})")

    def _not_kept(self, what: str, line: int | None, detail: str = "") -> None:
        """Warn, once per kind (``what``), of something the file has that is not kept."""
        if what not in self._warned:
            self._warned.add(what)
            self.log.add("warning", "xliff-not-kept", f"{what}{detail}: not kept", line)

    def _context(self, el: Any) -> None:
        """At the start of a unit or group: keep what its file and innermost group have
        before it (a file's 1.2 ``header`` or 2.x ``skeleton`` and modules, a group's
        notes and context), complete by then."""
        if not self._file_kept and self._file_el is not None:
            self._file_kept = True
            self._file_props += [Prop(P_FILE_EXTRA, xml) for xml in self._kept(kept_before(self._file_el, el, self.ns))]
        if self._groups and "extra" not in self._groups[-1]:
            self._groups[-1]["extra"] = self._kept(kept_before(self._group_els[-1], el, self.ns))

    def _kept(self, elements: list[Any]) -> list[str]:
        """Elements kept whole, as XML; one larger than :data:`MAX_KEPT` (a tool's embedded copy of the
        original document) is not kept, with a warning."""
        out = []
        for el in elements:
            xml = kept_xml(el, self.ns)
            if len(xml) > MAX_KEPT:
                self._not_kept(f"<{local_name(el.tag)[1]}> of more than {MAX_KEPT >> 20} MiB", el.sourceline,
                               f" ({len(xml):,} characters)")
            elif xml:
                out.append(xml)
        return out

    def _group_start(self, el: Any) -> None:
        self._group_count += 1
        self._groups.append({"n": self._group_count, "attrs": attr_map(el, frozenset())})
        self._group_els.append(el)

    def _bin_unit(self, el: Any) -> None:
        self.log.read += 1
        uid = el.get("id") or ""
        self._skip("xliff-bin-unit", f"bin-unit {uid!r} ({el.get('mime-type') or 'binary'}) is not text",
                   el.sourceline, uid)

    def _translatable(self, el: Any) -> bool:
        value = el.get("translate")
        return value != "no" if value is not None else (self._translate[-1] if self._translate else True)

    def _languages(self, source: Any, target: Any | None, line: int | None) -> tuple[str, str | None]:
        file = self._file
        src = self._lang(source.get(XML_LANG), "xml:lang", line) or (file.src if file else None) or self.src_lang
        tgt = (self._lang(target.get(XML_LANG), "xml:lang", line) if target is not None else None) \
            or (file.tgt if file else None) or self.tgt_lang
        if src is None:
            raise InputError("no source language in the file: give --src-lang", path=self.name, line=line)
        return src, tgt

    def _base_props(self, el: Any) -> list[Prop]:
        """The props every TU of unit ``el`` has: its file, attributes, groups and the children kept whole."""
        file = self._file
        props = [Prop(P_VERSION, self.version)]
        if file is not None:
            props.append(Prop(P_FILE, file.key))
            if file.original:
                props.append(Prop(P_ORIGINAL, file.original))
            if file.datatype:
                props.append(Prop(P_DATATYPE, file.datatype))
        for attr, prop in (("translate", P_TRANSLATE), ("resname" if self.family == 1 else "name", P_RESNAME),
                           ("restype" if self.family == 1 else "type", P_TYPE)):
            value = el.get(attr)
            if value is not None:
                props.append(Prop(prop, value))
        if el.get("translate") is None and not self._translate[-1]:
            props.append(Prop(P_TRANSLATE, "no"))  # inherited from a group
        attrs = attr_map(el, _READ_UNIT_ATTRS[self.family])
        if attrs:
            props.append(Prop(P_UNIT_ATTRS, to_json(attrs)))
        if self._groups:
            props.append(Prop(P_GROUP, to_json(self._groups)))
        for child in el.iterchildren():
            if child.tag in self._parts:
                continue
            carried = carried_props(child, self.ns)
            if carried is not None:
                props += carried[0]
                if carried[1]:
                    props.append(Prop(P_EXTRA, carried[1]))
                continue
            props += [Prop(P_EXTRA, xml) for xml in self._kept([child])]
        return props

    def _file_once(self) -> list[Prop]:
        """The file's kept attributes and children, for the first TU yielded of it (the root's, for the first of all)."""
        props, self._file_props, self._root_props = self._root_props + self._file_props, [], []
        return props

    def _notes(self, notes: Iterable[Any], comments: Iterable[xliff_tools.Comment] = ()
               ) -> tuple[tuple[Note, ...], list[Prop]]:
        """Notes (and tools' comments, as notes) with the prop of their attributes."""
        out: list[Note] = []
        attrs: list[dict[str, str]] = []
        for note in notes:
            lang = note.get(XML_LANG)
            out.append(Note(note.text or "", (("xml:lang", lang),) if lang else ()))
            attrs.append({k: v for k, v in note.items() if k != XML_LANG})
        for text, given in comments:
            out.append(Note(text))
            attrs.append(given)
        props = [Prop(P_NOTES, to_json(attrs))] if any(attrs) else []
        return tuple(out), props

    def _q(self, name: str) -> str:
        return f"{{{self.ns}}}{name}" if self.ns else name

    def _accept(self, state: str | None, done: bool, has_target: bool, translatable: bool, line: int | None,
                unit: str) -> Prop | None | bool:
        """Whether a unit is imported: False (skipped, logged), True, or the fuzzy mark to add."""
        if self.everything:
            return True
        if not translatable:
            self._skip("xliff-not-translatable", f"unit {unit!r} is not translatable (translate=\"no\")", line, unit)
            return False
        if not has_target and self.untranslated:
            return True
        if not has_target:
            self._skip("xliff-untranslated", f"unit {unit!r} has no translation", line, unit)
            return False
        if done:
            return True
        if not self.keep_fuzzy:
            self._skip("xliff-unfinished", f"unit {unit!r} is in state {state!r}: its translation is unchecked "
                       "(--keep-fuzzy imports it, marked)", line, unit)
            return False
        self.log.add("info", "xliff-unfinished-kept", f"unit {unit!r} in state {state!r} kept, marked {FUZZY_PROP}",
                     line, unit)
        return Prop(FUZZY_PROP, "true")

    def _skip(self, kind: str, message: str, line: int | None, unit: str) -> None:
        self.log.skipped += 1
        self.log.add("skipped", kind, message, line, unit)

    def _trans_unit(self, el: Any) -> Iterator[TU]:
        uid = el.get("id") or ""
        line = el.sourceline
        source = el.find(self._q("source"))
        if source is None:
            self.log.read += 1
            self._skip("xliff-no-source", f"trans-unit {uid!r} without <source>", line, uid)
            return
        target = el.find(self._q("target"))
        src, tgt = self._languages(source, target, line)
        if el.get("restype") == "x-gettext-domain-header":
            self.log.read += 1
            self._skip("xliff-po-header", "the PO header (restype x-gettext-domain-header)", line, uid)
            return
        props = self._base_props(el)
        self._side_attrs(source, target)
        if el.get("approved") is not None:
            props.append(Prop(P_APPROVED, el.get("approved")))
        given = target.get("state") if target is not None else None
        states = [Prop(prop, value) for value, prop in ((given, P_STATE), (
            target.get("state-qualifier") if target is not None else None, P_QUALIFIER)) if value is not None]
        if target is not None:
            attrs = attr_map(target, _READ_TARGET_ATTRS[1])
            if attrs:
                states.append(Prop(P_TARGET_ATTRS, to_json(attrs)))
        props += self._alt_trans(el)
        comments = xliff_tools.memoq_comments(el)
        if comments:
            self._not_kept("memoQ comments' ids, times and types (their text and author are notes)", line)
        refs = xliff_tools.sdl_comment_refs((source, el.find(self._q("seg-source")), target)) if self._comments else []
        for cid in refs:
            if cid in self._comments:
                comments += self._comments[cid]
                self._not_kept("Trados Studio comments' severities and dates (their text and author are notes)", line)
        notes, note_props = self._notes(el.iterchildren(self._q("note")), comments)
        props += note_props
        inline = InlineReader(self.ns, 1)
        segsrc = el.find(self._q("seg-source"))
        marks = [m for m in segsrc.iter(self._q("mrk")) if m.get("mtype") == "seg"] if segsrc is not None else []
        if not marks:
            self.log.read += 1
            pieces: list[tuple[Any, Any, list[Prop], str | None]] = [(source, target, [], None)]
        else:
            by_mid = {m.get("mid"): m for m in target.iter(self._q("mrk")) if m.get("mtype") == "seg"} \
                if target is not None else {}
            shell = skeleton(segsrc, target, self.ns)
            pieces = []
            for k, mark in enumerate(marks):
                self.log.read += 1
                mid = mark.get("mid") or str(k + 1)
                seg_props = [Prop(P_SEGMENT, mid)]
                if k == 0 and segsrc.text:
                    seg_props.append(Prop(P_BEFORE, escape(segsrc.text)))
                if mark.tail:
                    seg_props.append(Prop(P_AFTER, escape(mark.tail)))
                if k == 0 and shell:
                    seg_props.append(Prop(P_SKELETON, shell))
                pieces.append((mark, by_mid.get(mark.get("mid")), seg_props, mid))
        for src_el, tgt_el, extra, mid in pieces:
            status = xliff_tools.tool_status(el, mid)
            state, piece_states = given, states
            if status is not None:
                if given is None:
                    state = status.state
                    piece_states = [Prop(P_STATE, state), *states]
                piece_states = [*piece_states, *status.props]
                if not status.known:
                    self._not_kept(f"{status.tool} status {status.status!r} (read as unfinished work)", line)
            done = el.get("approved") == "yes" or state is None or state in DONE_12
            seg, text = inline.run(src_el)
            variants = [TUV(src, seg, text)]
            has_target = False
            if tgt_el is not None and tgt is not None:
                tseg, ttext = inline.run(tgt_el)
                if ttext.strip() or "<" in tseg:  # text, or codes alone
                    variants.append(TUV(tgt, tseg, ttext))
                    has_target = True
            elif tgt_el is not None and tgt is None and (tgt_el.text or len(tgt_el)):
                raise InputError("no target language in the file: give --tgt-lang", path=self.name, line=line)
            verdict = self._accept(state, done, has_target, self._translate[-1], line, uid)
            if verdict is False:
                continue
            mark_props = [verdict] if isinstance(verdict, Prop) else []
            if not has_target and self.untranslated and tgt is not None:
                variants.append(TUV(tgt, "", ""))
            self.log.unit_line = line
            yield TU(tuple(variants), (("tuid", uid), ("srclang", src)),
                     (*self._file_once(), *props, *piece_states, *extra, *mark_props), notes)

    def _alt_trans(self, el: Any) -> list[Prop]:
        """The first ``alt-trans`` (a match a tool offered) as props."""
        alt = el.find(self._q("alt-trans"))
        if alt is None:
            return []
        props = []
        for attr, prop in (("match-quality", P_MATCH_QUALITY), ("origin", P_MATCH_ORIGIN)):
            if alt.get(attr) is not None:
                props.append(Prop(prop, alt.get(attr)))
        for child, prop in (("source", P_MATCH_SOURCE), ("target", P_MATCH_TARGET)):
            part = alt.find(self._q(child))
            if part is not None:
                props.append(Prop(prop, InlineReader(self.ns, 1).run(part)[0]))
        return props

    def _unit(self, el: Any) -> Iterator[TU]:
        uid = el.get("id") or ""
        line = el.sourceline
        props = self._base_props(el)
        notes_el = el.find(self._q("notes"))
        notes, note_props = self._notes(notes_el.iterchildren(self._q("note")) if notes_el is not None else ())
        props += note_props
        data = el.find(self._q("originalData"))
        if data is not None:
            props.append(Prop(P_DATA, whole(data, self.ns)))
        matches = self._matches(el)
        inline = InlineReader(self.ns, 2)
        parts = [c for c in el if local_name(c.tag) in ((self.ns, "segment"), (self.ns, "ignorable"))]
        before = ""
        found: list[tuple[Any, list[Prop]]] = []
        for part in parts:
            source = part.find(self._q("source"))
            text = inline.run(source)[0] if source is not None else ""
            if local_name(part.tag)[1] == "ignorable":
                target = part.find(self._q("target"))
                if target is not None and inline.run(target)[0] != text:
                    self._not_kept("the target of an <ignorable> unlike its source", part.sourceline)
                if found:
                    found[-1][1].append(Prop(P_AFTER, text))
                else:
                    before += text
                continue
            extra = [Prop(P_BEFORE, before)] if before and not found else []
            found.append((part, extra))
        if not found:
            self.log.read += 1
            self._skip("xliff-no-segment", f"unit {uid!r} without a segment", line, uid)
            return
        for k, (segment, extra) in enumerate(found):
            self.log.read += 1
            source = segment.find(self._q("source"))
            if source is None:
                self._skip("xliff-no-source", f"segment of unit {uid!r} without <source>", segment.sourceline, uid)
                continue
            target = segment.find(self._q("target"))
            src, tgt = self._languages(source, target, segment.sourceline)
            self._side_attrs(source, target)
            seg_props = [Prop(P_SEGMENT, segment.get("id"))] if segment.get("id") else []
            if len(found) > 1 and not seg_props:
                seg_props = [Prop(P_SEGMENT, f"#{k + 1}")]
            state = segment.get("state")
            for value, prop in ((state, P_STATE), (segment.get("subState"), P_SUBSTATE)):
                if value is not None:
                    seg_props.append(Prop(prop, value))
            attrs = attr_map(segment, _READ_TARGET_ATTRS[2])
            if attrs:
                seg_props.append(Prop(P_TARGET_ATTRS, to_json(attrs)))
            seg, text = inline.run(source)
            variants = [TUV(src, seg, text)]
            has_target = False
            if target is not None:
                if tgt is None:
                    raise InputError("no target language in the file (trgLang): give --tgt-lang", path=self.name,
                                     line=segment.sourceline)
                tseg, ttext = inline.run(target)
                if ttext.strip() or "<" in tseg:  # text, or codes alone
                    variants.append(TUV(tgt, tseg, ttext))
                    has_target = True
            sid = segment.get("id")
            match = matches.get(sid, []) if sid else (matches.get("", []) if len(found) == 1 else [])
            done = state in DONE_20 if state is not None else True  # a target without a state: a converter's
            verdict = self._accept(state or "initial", done, has_target, self._translate[-1], segment.sourceline, uid)
            if verdict is False:
                continue
            mark_props = [verdict] if isinstance(verdict, Prop) else []
            if not has_target and self.untranslated and tgt is not None:
                variants.append(TUV(tgt, "", ""))
            self.log.unit_line = segment.sourceline
            yield TU(tuple(variants), (("tuid", uid), ("srclang", src)),
                     (*self._file_once(), *props, *seg_props, *extra, *match, *mark_props), notes)

    def _matches(self, el: Any) -> dict[str, list[Prop]]:
        """The first ``mtc:match`` per segment id (``""``: for a unit of one segment) as props."""
        out: dict[str, list[Prop]] = {}
        box = el.find(f"{{{MTC}}}matches")
        if box is None:
            return out
        for match in box.iterchildren(f"{{{MTC}}}match"):
            ref = (match.get("ref") or "").lstrip("#")
            if ref in out:
                continue
            props = []
            for attr, prop in (("matchQuality", P_MATCH_QUALITY), ("origin", P_MATCH_ORIGIN)):
                if match.get(attr) is not None:
                    props.append(Prop(prop, match.get(attr)))
            for child, prop in (("source", P_MATCH_SOURCE), ("target", P_MATCH_TARGET)):
                part = match.find(self._q(child))
                if part is not None:
                    props.append(Prop(prop, InlineReader(self.ns, 2).run(part)[0]))
            out[ref] = props
        if out:
            out[""] = next(iter(out.values()))
        return out


def _tool_of(ns: str) -> str:
    return {xliff_tools.SDL: "SDL Trados Studio", xliff_tools.MQ: "memoQ", xliff_tools.PHRASE: "Phrase"}.get(ns, ns or
                                                                                                          "XLIFF")


def _free(el: Any) -> None:
    el.clear(keep_tail=False)
    parent = el.getparent()
    if parent is not None:
        del parent[:parent.index(el)]


def read_xliff(source: str | Path | BinaryIO, log: ReadLog | None = None, **options: Any) -> Iterator[TU]:
    """The TUs of an XLIFF file (see :class:`XliffReader` for ``options``)."""
    return iter(XliffReader(source, log, **options))


# --- writing ---------------------------------------------------------------


def _prop(tu: TU, name: str) -> str | None:
    for prop in tu.props:
        if prop.type == name:
            return prop.value
    return None


def _nmtoken(value: str, fallback: str) -> str:
    token = _NMTOKEN_BAD.sub("_", value)
    return token or fallback


def _needs_preserve(texts: Iterable[str]) -> bool:
    return any(t != t.strip() or "\n" in t or "\t" in t or "  " in t for t in texts)


#: Note attributes of XLIFF 1.2 and their 2.x counterparts.
_NOTE_12_20 = {"from": "category", "priority": "priority", "annotates": "appliesTo"}
_STATE_20 = {"final": "final", "signed-off": "final", "translated": "translated"}
_STATE_12 = {"initial": "needs-translation", "translated": "translated", "reviewed": "signed-off", "final": "final"}


class XliffWriter:
    """Write TUs as XLIFF ``version`` (1.2, 2.0 or 2.1), ``src_lang`` to ``tgt_lang``.

    TUs that carry the props of :data:`PROPS` are written back as the units
    and files they were read from; others are units of one file, ``original``.
    """

    def __init__(self, src_lang: str, tgt_lang: str, version: str = DEFAULT_VERSION, original: str = "memory") -> None:
        if version not in VERSIONS:
            raise FormatError(f"unknown XLIFF version {version!r}; versions: {', '.join(VERSIONS)}")
        self.src, self.tgt, self.version, self.original = parse_tag(src_lang), parse_tag(tgt_lang), version, original
        self.family = 2 if version.startswith("2") else 1
        self.written = self.dropped = 0
        self._ids: set[str] = set()
        self._units = 0
        self._open: list[Any] = []  # the groups open, outermost first
        self._carried = count(1)  # numbers the groups of carried props (their names are unique in a file)

    def write(self, target: str | Path | IO[bytes], tus: Iterable[TU]) -> int:
        """Write ``tus`` to ``target`` (a path is written atomically); returns the TUs written."""
        units = self._units_of(tus)
        first = next(units, None)
        with atomic_output(target) as fh:
            fh.write(b'<?xml version="1.0" encoding="UTF-8"?>\n')
            kept = attrs_text(loads(_prop(first[1][0], P_ROOT_ATTRS), dict), ("version", "srcLang", "trgLang")) \
                if first is not None and self._native(first[1][0]) else ""
            if self.family == 1:
                fh.write(f'<xliff xmlns="{NS12}" version="1.2"{kept}>\n'.encode())
            else:
                fh.write(f'<xliff xmlns="{NS20}" version="{self.version}" '
                         f'srcLang="{self.src}" trgLang="{self.tgt}"{kept}>\n'.encode())
            current: str | None = None
            for file, unit in chain([first] if first is not None else [], units):
                if file != current:
                    if current is not None:
                        fh.write(self._groups_to([]) + self._file_end())
                    fh.write(self._file_start(file, unit[0]))
                    current, self._ids = file, set()
                fh.write(self._groups_to(loads(_prop(unit[0], P_GROUP), list) if self._native(unit[0]) else []))
                fh.write(self._unit(unit).encode("utf-8"))
            if current is None and self.family == 1:  # 1.2 needs a file, which may be empty
                fh.write(self._file_start(self.original, TU(())))
                current = self.original
            if current is not None:
                fh.write(self._groups_to([]) + self._file_end())
            fh.write(b"</xliff>\n")
        return self.written

    def _units_of(self, tus: Iterable[TU]) -> Iterator[tuple[str, list[TU]]]:
        """Consecutive TUs of one unit (same file and id, each a segment), with the file's key."""
        unit: list[TU] = []
        file = self.original
        key: tuple[str, str | None] | None = None
        for tu in tus:
            if tu.variant(self.src) is None:
                self.dropped += 1
                continue
            this_file = _prop(tu, P_FILE) or self.original
            this = (this_file, tu.attr("tuid")) if _prop(tu, P_SEGMENT) is not None else None
            if unit and (this is None or this != key):
                yield file, unit
                unit = []
            if not unit:
                file = this_file
            unit.append(tu)
            key = this
        if unit:
            yield file, unit

    def _groups_to(self, path: list[Any]) -> bytes:
        """Close and open groups (as read: attributes, children before the units) so that the next unit is in ``path``."""
        path = [g for g in path if isinstance(g, dict) and isinstance(g.get("attrs"), dict)]
        same = 0
        while same < min(len(path), len(self._open)) and path[same] == self._open[same]:
            same += 1
        out = "".join("</group>\n" for _ in self._open[same:])
        for entry in path[same:]:
            out += f"<group{attrs_text(entry['attrs'])}>\n"
            out += "".join(f"{text}\n" for xml in entry.get("extra", []) for text in [kept_text(xml)] if text)
        self._open = path
        return out.encode()

    def _file_start(self, file: str, tu: TU) -> bytes:
        native = self._native(tu)
        kept = attrs_text(loads(_prop(tu, P_FILE_ATTRS), dict), _FILE_ATTRS) if native else ""
        extras = "".join(f"    {text}\n" for p in tu.props if p.type == P_FILE_EXTRA and native
                         for text in [kept_text(p.value)] if text)
        if self.family == 1:
            datatype = _prop(tu, P_DATATYPE) or "plaintext"
            header = f"    <header>\n{extras}    </header>\n" if extras else (
                f'    <header>\n      <tool tool-id="workbench" tool-name="workbench" tool-version="{__version__}"/>\n'
                "    </header>\n")
            return (f'  <file original="{attr_text(file)}" datatype="{attr_text(datatype)}" source-language="{self.src}" '
                    f'target-language="{self.tgt}"{kept}>\n{header}    <body>\n').encode()
        original = _prop(tu, P_ORIGINAL)
        extra = f' original="{attr_text(original)}"' if original else ""
        return f'  <file id="{attr_text(_nmtoken(file, "f1"))}"{extra}{kept}>\n{extras}'.encode()

    def _file_end(self) -> bytes:
        return b"    </body>\n  </file>\n" if self.family == 1 else b"  </file>\n"

    def _unit_id(self, tu: TU) -> str:
        self._units += 1
        uid = tu.attr("tuid") or str(self._units)
        if self.family == 2:
            uid = _nmtoken(uid, str(self._units))
        base, n = uid, 1
        while uid in self._ids:
            n += 1
            uid = f"{base}-{n}"
        self._ids.add(uid)
        return uid

    def _native(self, tu: TU) -> bool:
        version = _prop(tu, P_VERSION) or ""
        return (version.startswith("2")) == (self.family == 2) and bool(version)

    def _unit(self, tus: list[TU]) -> str:
        first = tus[0]
        uid = self._unit_id(first)
        inline = InlineWriter(self.family)
        native = self._native(first)
        try:
            el = self._trans_unit(tus, uid, inline, native) if self.family == 1 else \
                self._unit20(tus, uid, inline, native)
        except ValueError:  # lxml refuses a character XML 1.0 cannot hold
            bad = next((m.group() for tu in tus for v in tu.tuvs for m in [XML_INVALID.search(v.text)] if m), "")
            where = f"character U+{ord(bad):04X}" if bad else "a character"
            raise FormatError(f"unit {uid}: {where} cannot be written in XML 1.0"
                              + (" (XLIFF 2 writes it as <cp/>: --xliff-version 2.1)" if self.family == 1 else "")) from None
        self.written += len(tus)
        try:
            text = str(etree.tostring(el, encoding="unicode"))
        except ValueError as exc:
            raise FormatError(f"unit {uid}: {exc}") from None
        if XML_INVALID.search(text):
            raise FormatError(f"unit {uid}: a character XML 1.0 cannot hold")
        return ("      " if self.family == 1 else "    ") + text + "\n"

    def _common(self, el: Any, tu: TU, native: bool) -> None:
        for prop, attr in ((P_TRANSLATE, "translate"), (P_RESNAME, "resname" if self.family == 1 else "name"),
                           (P_TYPE, "restype" if self.family == 1 else "type")):
            value = _prop(tu, prop) if prop != P_TYPE or native else None
            if value is not None:
                set_attr(el, attr, value)

    def _state(self, tu: TU, has_target: bool, native: bool) -> str | None:
        """The state to write: as read (same version family), else mapped or from the fuzzy mark."""
        state = _prop(tu, P_STATE)
        if native:
            return state
        fuzzy = _prop(tu, FUZZY_PROP) == "true"
        if self.family == 1:
            if not has_target:
                return None
            if state in _STATE_12:
                return "needs-review-translation" if state == "initial" else _STATE_12[state]
            return "needs-review-translation" if fuzzy else "translated"
        if not has_target:
            return "initial" if state is not None else None
        if state is not None:
            return _STATE_20.get(state, "initial")
        return "initial" if fuzzy else "translated"

    def _fill(self, el: Any, variant: TUV, inline: InlineWriter, native: bool) -> None:
        self._content(el, variant.seg, inline, native)

    def _content(self, el: Any, markup: str, inline: InlineWriter, native: bool) -> None:
        """Append TMX seg ``markup`` to ``el`` as XLIFF content."""
        if "<" not in markup:  # text alone
            text = markup.replace("&lt;", "<").replace("&gt;", ">").replace("&#13;", "\r").replace("&amp;", "&")
            append_text(el, text, cp=self.family == 2)
            return
        try:
            inline.content(el, markup, native)
        except etree.XMLSyntaxError as exc:
            raise FormatError(f"invalid markup in a segment: {exc}") from None

    def _notes(self, tus: list[TU], native: bool) -> list[tuple[Note, dict[str, str]]]:
        """The notes of a unit's TUs, each once, with their XLIFF attributes (mapped across versions)."""
        seen: list[tuple[Note, dict[str, str]]] = []
        for tu in tus:
            raw = _prop(tu, P_NOTES)
            try:
                attrs = json.loads(raw) if raw else []
            except ValueError:
                attrs = []
            for k, note in enumerate(tu.notes):
                given = attrs[k] if isinstance(attrs, list) and k < len(attrs) and isinstance(attrs[k], dict) else {}
                names = {} if native else (_NOTE_12_20 if self.family == 2 else {v: k for k, v in _NOTE_12_20.items()})
                kept = {str(key): str(value) for key, value in given.items() if native or key in names}
                if not native:
                    kept = {names[key]: value for key, value in kept.items()
                            if names[key] != "appliesTo" or value in ("source", "target")}
                item = (note, kept)
                if item not in seen:
                    seen.append(item)
        return seen

    def _note(self, parent: Any, note: Note, attrs: dict[str, str]) -> None:
        el = etree.SubElement(parent, "note")
        for key, value in note.attrs:
            set_attr(el, XML_LANG if key == "xml:lang" else key, value)
        for key, value in attrs.items():
            set_attr(el, key, value)
        el.text = note.text

    def _trans_unit(self, tus: list[TU], uid: str, inline: InlineWriter, native: bool) -> Any:
        first = tus[0]
        el = element("trans-unit", loads(_prop(first, P_UNIT_ATTRS), dict) if native else {})
        el.set("id", uid)
        self._common(el, first, native)
        approved = _prop(first, P_APPROVED)
        if approved is not None:
            set_attr(el, "approved", approved)
        pairs = [(tu.variant(self.src), tu.variant(self.tgt)) for tu in tus]
        segmented = len(tus) > 1 or (native and _prop(first, P_SEGMENT) is not None)
        if _needs_preserve(v.text for pair in pairs for v in pair if v is not None):
            el.set(XML_SPACE, "preserve")
        source = etree.SubElement(el, "source")
        has_target = any(t is not None for _, t in pairs)
        target = element("target", loads(_prop(first, P_TARGET_ATTRS), dict) if native else {}) \
            if has_target else None
        shells = loads(_prop(first, P_SKELETON), dict) if native and segmented else {}
        if not segmented:
            self._fill(source, pairs[0][0], inline, native)  # type: ignore[arg-type]
            if target is not None:
                self._fill(target, pairs[0][1], inline, native)  # type: ignore[arg-type]
        elif isinstance(shells.get("seg-source"), str) and fragment(shells["seg-source"]) is not None:
            el.append(self._from_skeleton(el, source, target, shells, tus, pairs, inline, native))
        else:
            segsrc = etree.Element("seg-source")
            for k, (tu, (src, tgt)) in enumerate(zip(tus, pairs)):
                before = _prop(tu, P_BEFORE) if k == 0 else None
                for box in (source, segsrc, target):
                    if box is not None and before:
                        append_text(box, _unescape(before))
                mid = _prop(tu, P_SEGMENT) or str(k + 1)
                self._fill(source, src, inline, native)  # type: ignore[arg-type]
                mark = etree.SubElement(segsrc, "mrk", mtype="seg", mid=mid)
                self._fill(mark, src, inline, native)  # type: ignore[arg-type]
                if target is not None and tgt is not None:
                    tmark = etree.SubElement(target, "mrk", mtype="seg", mid=mid)
                    self._fill(tmark, tgt, inline, native)
                after = _prop(tu, P_AFTER)
                for box in (source, segsrc, target):
                    if box is not None and after:
                        append_text(box, _unescape(after))
            el.append(segsrc)
        if target is not None:
            el.append(target)
            state = self._unit_state(tus, native)
            if state:
                set_attr(target, "state", state)
            qualifier = _prop(first, P_QUALIFIER)
            if qualifier:
                set_attr(target, "state-qualifier", qualifier)
        extras = [x for p in first.props if p.type == P_EXTRA and native for x in [fragment(p.value)] if x is not None]
        el.extend(x for x in extras if not local_name(x.tag)[0])  # XLIFF's own (context-group, alt-trans...)
        carry(el, self._foreign(tus, native), 1, self._carried)
        if not any(x.tag == "alt-trans" for x in extras):
            self._alt_trans(el, first, inline, native)
        for note, attrs in self._notes(tus, native):
            self._note(el, note, attrs)
        el.extend(x for x in extras if local_name(x.tag)[0])  # other namespaces' (sdl:seg-defs...)
        _indent(el, "\n        ", "\n      ", extras)
        return el

    def _foreign(self, tus: list[TU], native: bool) -> list[Prop]:
        """The props of a unit to carry (:func:`~workbench.formats.xliff_kept.carry`): those of other formats
        that every TU of the unit has (a segment's own are not the unit's); written to the other XLIFF version,
        a tool's status too (its own attributes are not written there)."""
        own = _OWN if native else _OWN - set(xliff_tools.PROPS)
        return [p for p in tus[0].props if p.type not in own and all(p in tu.props for tu in tus[1:])]

    def _unit_state(self, tus: list[TU], native: bool) -> str | None:
        """The state of a 1.2 target: its segments', if they agree; else none when a tool's own
        status (kept with the unit) says it per segment, or the least finished."""
        states = [self._state(tu, tu.variant(self.tgt) is not None, native) for tu in tus]
        if len(set(states)) <= 1:
            return states[0]
        if native and _prop(tus[0], xliff_tools.P_TOOL_STATUS) is not None:
            return None
        return next((s for s in states if s not in DONE_12), states[0])

    def _from_skeleton(self, el: Any, source: Any, target: Any | None, shells: dict[str, Any], tus: list[TU],
                       pairs: list[tuple[TUV | None, TUV | None]], inline: InlineWriter, native: bool) -> Any:
        """A segmented unit's ``seg-source`` and ``target`` as read (codes around and between its
        segments), filled with the segments; its ``source`` the ``seg-source`` without segment marks."""
        by_mid = {_prop(tu, P_SEGMENT) or str(k + 1): pair for k, (tu, pair) in enumerate(zip(tus, pairs))}
        segsrc: Any = fragment(shells["seg-source"])  # the caller saw it parse
        tshell = fragment(shells["target"]) if isinstance(shells.get("target"), str) else None
        for box, side in ((segsrc, 0), (tshell if target is not None else None, 1)):
            if box is None:
                continue
            for mark in [m for m in box.iter("mrk") if m.get("mtype") == "seg"]:
                pair = by_mid.get(mark.get("mid") or "")
                variant = pair[side] if pair is not None else None
                if variant is not None:
                    self._fill(mark, variant, inline, native)
                elif pair is None:
                    unwrap(mark, keep=False)  # a segment not written
        if target is not None and tshell is not None:
            target.text = tshell.text
            target.extend(list(tshell))
        copy = deepcopy(segsrc)
        for mark in [m for m in copy.iter("mrk") if m.get("mtype") == "seg"]:
            unwrap(mark, keep=True)
        source.text = copy.text
        source.extend(list(copy))
        return segsrc

    def _alt_trans(self, el: Any, tu: TU, inline: InlineWriter, native: bool) -> None:
        quality, origin = _prop(tu, P_MATCH_QUALITY), _prop(tu, P_MATCH_ORIGIN)
        msrc, mtgt = _prop(tu, P_MATCH_SOURCE), _prop(tu, P_MATCH_TARGET)
        if mtgt is None:
            return
        alt = etree.SubElement(el, "alt-trans")
        if quality is not None:
            set_attr(alt, "match-quality", quality)
        if origin is not None:
            set_attr(alt, "origin", origin)
        if msrc is not None:
            self._content(etree.SubElement(alt, "source"), msrc, inline, native)
        self._content(etree.SubElement(alt, "target"), mtgt, inline, native)

    def _unit20(self, tus: list[TU], uid: str, inline: InlineWriter, native: bool) -> Any:
        first = tus[0]
        el = element("unit", loads(_prop(first, P_UNIT_ATTRS), dict) if native else {})
        el.set("id", uid)
        self._common(el, first, native)
        extras = [x for p in first.props if p.type == P_EXTRA and native for x in [fragment(p.value)] if x is not None]
        el.extend(extras)  # modules (mtc:matches, mda:metadata...), before notes and segments
        carry(el, self._foreign(tus, native), 2, self._carried)
        kept_matches = any(x.tag == f"{{{MTC}}}matches" for x in extras)
        matches: list[Any] = []
        segments: list[Any] = []
        texts: list[str] = []
        for k, tu in enumerate(tus):
            src, tgt = tu.variant(self.src), tu.variant(self.tgt)
            assert src is not None
            before = _prop(tu, P_BEFORE) if k == 0 else None
            if before:
                segments.append(self._ignorable(before, inline, native))
            seg = element("segment", loads(_prop(tu, P_TARGET_ATTRS), dict) if native else {})
            sid = _prop(tu, P_SEGMENT)
            if sid is not None and not sid.startswith("#"):
                set_attr(seg, "id", sid)
            state = self._state(tu, tgt is not None, native)
            if state:
                set_attr(seg, "state", state)
            substate = _prop(tu, P_SUBSTATE)
            if substate:
                set_attr(seg, "subState", substate)
            self._fill(etree.SubElement(seg, "source"), src, inline, native)
            texts.append(src.text)
            if tgt is not None:
                self._fill(etree.SubElement(seg, "target"), tgt, inline, native)
                texts.append(tgt.text)
            segments.append(seg)
            match = self._match(tu, seg, inline, native, k) if not kept_matches else None
            if match is not None:
                matches.append(match)
            after = _prop(tu, P_AFTER)
            if after:
                segments.append(self._ignorable(after, inline, native))
        if matches:
            etree.SubElement(el, f"{{{MTC}}}matches", nsmap={"mtc": MTC}).extend(matches)
        notes = self._notes(tus, native)
        if notes:
            box = etree.SubElement(el, "notes")
            for note, attrs in notes:
                self._note(box, note, attrs)
        data = _prop(first, P_DATA) if native else None
        kept = parse_fragment(data) if data is not None else None
        if kept is not None:
            el.append(kept)
            extras.append(kept)
        elif inline.data:
            box = etree.SubElement(el, "originalData")
            for code, ref in inline.data.items():
                etree.SubElement(box, "data", id=ref).text = code
        el.extend(segments)
        if _needs_preserve(texts):
            el.set(XML_SPACE, "preserve")
        _indent(el, "\n      ", "\n    ", extras)
        return el

    def _ignorable(self, markup: str, inline: InlineWriter, native: bool) -> Any:
        el = etree.Element("ignorable")
        self._content(etree.SubElement(el, "source"), markup, inline, native)
        return el

    def _match(self, tu: TU, seg: Any, inline: InlineWriter, native: bool, k: int) -> Any | None:
        """The ``mtc:match`` of a segment (its id made if it has none)."""
        mtgt = _prop(tu, P_MATCH_TARGET)
        if mtgt is None:
            return None
        if seg.get("id") is None:
            seg.set("id", f"s{k + 1}")
        match = etree.Element(f"{{{MTC}}}match", ref=f"#{seg.get('id')}")
        for prop, attr in ((P_MATCH_QUALITY, "matchQuality"), (P_MATCH_ORIGIN, "origin")):
            value = _prop(tu, prop)
            if value is not None:
                set_attr(match, attr, value)
        self._content(etree.SubElement(match, "source"), _prop(tu, P_MATCH_SOURCE) or "", inline, native)
        self._content(etree.SubElement(match, "target"), mtgt, inline, native)
        return match


#: File attributes the writer writes itself.
_FILE_ATTRS = ("original", "datatype", "source-language", "target-language", "id")
#: Props that XLIFF says in its own way (so not carried).
_OWN = frozenset({*PROPS, FUZZY_PROP})


def _unescape(markup: str) -> str:
    """The text of markup that is text alone (the props before and after segments)."""
    tree = parse_fragment(f"<seg>{markup}</seg>")
    return "".join(tree.itertext()) if tree is not None else markup


def _indent(el: Any, inner: str, outer: str, kept: list[Any] | None = None) -> None:
    """Indent the structural children of a unit (never inside source, target, note or an element ``kept`` as read)."""
    if not len(el):
        return
    el.text = inner
    for child in el:
        child.tail = inner
        if local_name(child.tag)[1] in ("segment", "ignorable", "notes", "matches", "originalData", "alt-trans",
                                     "match") and not any(child is k for k in kept or ()):
            _indent(child, inner + "  ", inner)
    el[-1].tail = outer


def write_xliff(target: str | Path | IO[bytes], tus: Iterable[TU], src_lang: str, tgt_lang: str,
                version: str = DEFAULT_VERSION, original: str = "memory") -> tuple[int, int]:
    """Write ``tus`` as XLIFF ``version``; returns (TUs written, TUs without a source variant dropped)."""
    writer = XliffWriter(src_lang, tgt_lang, version, original)
    writer.write(target, tus)
    return writer.written, writer.dropped
