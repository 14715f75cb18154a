"""Writing XLIFF 1.2 and 2.0/2.1: :class:`XliffWriter`, which writes TUs as units.

TUs read from XLIFF (they carry the props of :data:`~workbench.formats.xliff.PROPS`)
are written back as the units, groups and files they were read from; see
:mod:`workbench.formats.xliff` for what is kept and how codes are written.
"""
from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from copy import deepcopy
from itertools import chain, count
from pathlib import Path
from typing import IO, Any

from lxml import etree

from .. import __version__
from ..errors import FormatError
from ..fileio import atomic_output
from ..model import FUZZY_PROP, TU, TUV, Note, Prop
from ..text.langtag import parse_tag
from . import xliff_tools
from .xliff import (
    DEFAULT_VERSION,
    DONE_12,
    MTC,
    NS12,
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
    PROPS,
    VERSIONS,
    XML_LANG,
    XML_SPACE,
)
from .xliff_inline import (
    InlineWriter,
    append_text,
    attr_text,
    local_name,
    parse_fragment,
)
from .xliff_kept import (
    attrs_text,
    carry,
    element,
    fragment,
    kept_text,
    loads,
    set_attr,
    unwrap,
)
from .xmlguard import XML_INVALID

_NMTOKEN_BAD = re.compile(r"[^\w.\-:]")


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
        native = self._native(first)
        inline = InlineWriter(self.family, phrase=native and self.family == 1 and any(
            _prop(tu, P_TAGS) == "phrase" for tu in tus))
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
