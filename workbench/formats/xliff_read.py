"""Reading XLIFF 1.x and 2.x: :class:`XliffReader`, a streaming reader of TUs.

The reader walks the file with ``iterparse`` (units freed once read), after
:func:`~workbench.formats.xmlguard.guard` has refused entity declarations;
what it reads, and as which props, is told in :mod:`workbench.formats.xliff`.
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

from lxml import etree

from ..errors import FormatError, InputError, LanguageTagError
from ..fileio import open_input
from ..model import FUZZY_PROP, TU, TUV, Note, Prop
from ..text.langtag import parse_tag, tag_or_name
from . import xliff_tools
from .issues import ReadLog
from .xliff import (
    DONE_12,
    DONE_20,
    MAX_KEPT,
    MTC,
    NS1X,
    NS20,
    P_AFTER,
    P_APPROVED,
    P_BEFORE,
    P_DATA,
    P_DATATYPE,
    P_EXTRA,
    P_FILE,
    P_FILE_ATTRS,
    P_FILE_EXTRA,
    P_GROUP,
    P_MATCH_ORIGIN,
    P_MATCH_QUALITY,
    P_MATCH_SOURCE,
    P_MATCH_TARGET,
    P_NOTES,
    P_ORIGINAL,
    P_QUALIFIER,
    P_RESNAME,
    P_ROOT_ATTRS,
    P_SEGMENT,
    P_SKELETON,
    P_STATE,
    P_SUBSTATE,
    P_TAGS,
    P_TARGET_ATTRS,
    P_TRANSLATE,
    P_TYPE,
    P_UNIT_ATTRS,
    P_VERSION,
    XML_LANG,
    XML_SPACE,
)
from .xliff_inline import (
    InlineReader,
    escape,
    local_name,
    whole,
)
from .xliff_kept import (
    attr_map,
    carried_props,
    kept_before,
    kept_xml,
    skeleton,
    to_json,
)
from .xmlguard import ENTITY_MESSAGE, PARSE_OPTIONS, guard, syntax_error

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
        self.phrase = False  # a Phrase file: its tags in the text are codes
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
        self.phrase = self.family == 1 and xliff_tools.PHRASE in root.nsmap.values()
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
            return tag_or_name(tag)
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
        inline = InlineReader(self.ns, 1, self.phrase)
        props += self._alt_trans(el, inline)
        alt_tags = inline.tags
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
            tags = inline.tags
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
            if inline.tags > tags or alt_tags:
                mark_props.append(Prop(P_TAGS, "phrase"))
            if not has_target and self.untranslated and tgt is not None:
                variants.append(TUV(tgt, "", ""))
            self.log.unit_line = line
            yield TU(tuple(variants), (("tuid", uid), ("srclang", src)),
                     (*self._file_once(), *props, *piece_states, *extra, *mark_props), notes)

    def _alt_trans(self, el: Any, inline: InlineReader) -> list[Prop]:
        """The first ``alt-trans`` (a match a tool offered) as props."""
        alt = el.find(self._q("alt-trans"))
        return [] if alt is None else self._match(alt, "match-quality", inline)

    def _match(self, el: Any, quality: str, inline: InlineReader) -> list[Prop]:
        """A match a tool offered (1.2 ``alt-trans``, 2.x ``mtc:match``, its quality in attribute
        ``quality``) as props: quality, origin, source and target text."""
        props = [Prop(prop, el.get(attr)) for attr, prop in ((quality, P_MATCH_QUALITY), ("origin", P_MATCH_ORIGIN))
                 if el.get(attr) is not None]
        for child, prop in (("source", P_MATCH_SOURCE), ("target", P_MATCH_TARGET)):
            part = el.find(self._q(child))
            if part is not None:
                props.append(Prop(prop, inline.run(part)[0]))
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
            out[ref] = self._match(match, "matchQuality", InlineReader(self.ns, 2))
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
