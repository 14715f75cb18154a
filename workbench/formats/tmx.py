"""TMX 1.4b: a streaming reader and writer that lose nothing.

The reader walks the file with ``iterparse`` and frees each ``<tu>`` once it
is read, so memory stays flat however large the file. It accepts what real
tools write (UTF-16 with BOM, TMX 1.1 ``lang``, any case of element names and
language tags, elements the DTD does not know) and logs every repair in a
:class:`~workbench.formats.issues.ReadLog`. Entities are never resolved, no
DTD is loaded, nothing is fetched: a file declaring entities (billion laughs,
XXE) is a :class:`~workbench.errors.FormatError`. Besides model TUs, it gives
plain tuples (:meth:`TmxReader.records`), which a store loads without making
objects it would throw away.

The writer streams: ``xmlfile`` writes the prolog, header and body, and each
TU is serialized on its own (by lxml, or by a string fast path that gives
the same bytes), in one canonical layout, so a file it wrote comes back
byte-identical except the header's tool version and date.
"""
from __future__ import annotations

import datetime as _dt
import gc
import marshal
import multiprocessing
import pickle
import re
from collections.abc import Iterable, Iterator, Sequence
from copy import deepcopy
from itertools import product
from pathlib import Path
from typing import IO, Any, BinaryIO

from lxml import etree

from .. import __version__
from ..errors import FormatError, LanguageTagError, WorkbenchError
from ..model import Attrs, Note, Prop, TMXHeader, TU, TUV, attr_of
from ..text.langtag import same_language, tag_or_name
from ..text.normalize import NORM_VERSION
from ..fileio import atomic_output, open_input
from ..parallel import error_of, portable, widen
from .issues import ReadLog
from .xmlguard import ENTITY_MESSAGE, PARSE_OPTIONS, EntryBound, guard, syntax_error

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
DOCTYPE = '<!DOCTYPE tmx SYSTEM "tmx14.dtd">'
SIGNATURE_PROP = "x-workbench-signature"

#: A reference to an entity in serialized XML (the five predefined ones and characters aside).
_ENTITY_REF = re.compile(r"&(?!(?:amp|lt|gt|quot|apos);|#)")
#: An inline element whose name is not in lower case (``<BPT``, ``</Ph``), in serialized XML.
_ODD_CASE_INLINE = re.compile(r"</?(?!(?:bpt|ept|it|ph|hi|sub|ut)\b)(?i:bpt|ept|it|ph|hi|sub|ut)\b")
#: The start of an element in serialized ``<seg>`` content that is no TMX inline element.
_FOREIGN_INLINE = re.compile(r"<(?!/?(?i:bpt|ept|it|ph|hi|sub|ut)[\s/>])/?[A-Za-z_]")
#: Element names of TMX (any case is read as these).
ELEMENTS = frozenset("tmx header body tu tuv seg prop note ude map bpt ept it ph hi sub ut".split())
#: XML namespaces tools put TMX in (that of an XML schema of TMX 1.4, which .NET
#: serializers write), read as TMX without a namespace.
NAMESPACES = ("{http://www.lisa.org/tmx14}",)
#: Inline elements: their content is native code, except ``hi`` and ``sub``.
INLINE = frozenset("bpt ept it ph hi sub ut".split())
#: Attribute names of TMX (any case is read as these).
ATTRIBUTES = frozenset(
    "version tuid srclang adminlang datatype usagecount lastusagedate creationtool creationtoolversion "
    "creationdate creationid changedate changeid segtype o-tmf o-encoding type name base unicode code ent "
    "subst i x pos assoc".split()
)

#: More attributes than this on one element is a FormatError, raised before
#: any is read: TMX defines at most 17 for an element, and lxml reads the
#: values in time quadratic in their number (100,000 took five minutes).
MAX_ATTRIBUTES = 1000
#: More namespace declarations than this in scope is a FormatError: lxml
#: serializes an element (markup, an unknown element) with every declaration
#: in scope, in time quadratic in their number.
MAX_NAMESPACES = 100

#: A ``<prop>`` as ``(type, value)`` or ``(type, value, attrs)``, a ``<note>`` as
#: ``(text,)`` or ``(text, attrs)``: the shapes a store can keep as they are.
PropRow = tuple[str, str] | tuple[str, str, Attrs]
NoteRow = tuple[str] | tuple[str, Attrs]
#: A ``<tuv>`` as ``(lang, seg, text, attrs, props, notes, extra)``, ``seg``
#: ``None`` when it is just ``text`` escaped (:func:`escape`); none of them is
#: an empty list (``()`` instead, which costs nothing to send to another process).
VariantRecord = tuple[str, str | None, str, Attrs, Sequence[PropRow], Sequence[NoteRow], Sequence[str]]
#: A ``<tu>`` as ``(variants, attrs, props, notes, extra)``: what :meth:`TmxReader.records` yields.
TURecord = tuple[list[VariantRecord], Attrs, Sequence[PropRow], Sequence[NoteRow], Sequence[str]]

_names: dict[object, str] = {}
_attr_names: dict[str, str] = {}


def _name(tag: object) -> str:
    """The TMX name of a tag (``TU`` -> ``tu``); ``""`` for unknown elements,
    ``"#"`` for comments and processing instructions."""
    try:
        return _names[tag]
    except KeyError:
        pass
    if not isinstance(tag, str):
        name = "#"
    else:
        local = tag.rsplit("}", 1)[-1].lower()
        name = local if local in ELEMENTS and (not tag.startswith("{") or tag.startswith(NAMESPACES)) else ""
    _names[tag] = name
    return name


def _attr_name(key: str) -> str:
    try:
        return _attr_names[key]
    except KeyError:
        pass
    if key == XML_LANG:
        name = "xml:lang"
    elif key.startswith("{"):
        name = key
    else:
        name = key.lower() if key.lower() in ATTRIBUTES else key
    _attr_names[key] = name
    return name


#: Per list of attribute names and names to skip: the model names of all the
#: attributes, and ``None`` when all are kept, else the position of each kept.
#: The names are the same string objects every time, so a batch of records
#: marshals each once.
_plans: dict[tuple[tuple[str, ...], tuple[str, ...]], tuple[tuple[str, ...], tuple[int, ...] | None]] = {}


def _crowded(el: Any, name: str) -> FormatError:
    return FormatError(f"<{el.tag}> has more than {MAX_ATTRIBUTES} attributes", path=name, line=el.sourceline)


def _attrs(el: Any, name: str, skip: tuple[str, ...] = ()) -> Attrs:
    """An element's attributes as model pairs, names mapped by :func:`_attr_name`,
    ``skip`` left out (too many: a FormatError naming the file ``name``). The
    mapping is planned once per list of names."""
    keys = tuple(el.keys())
    if len(keys) > MAX_ATTRIBUTES:
        raise _crowded(el, name)
    try:
        names, picks = _plans[(keys, skip)]
    except KeyError:
        names = tuple(_attr_name(k) for k in keys)
        picks = tuple(i for i, n in enumerate(names) if n not in skip) if set(names) & set(skip) else None
        _plans[(keys, skip)] = names, picks
    if picks is None:
        return tuple(zip(names, el.values()))
    values = el.values()
    return tuple((names[i], values[i]) for i in picks)


def _prop(el: Any, name: str) -> PropRow:
    attrs = _attrs(el, name)
    if len(attrs) == 1 and attrs[0][0] == "type":
        return (attrs[0][1], el.text or "")
    rest = tuple(a for a in attrs if a[0] != "type")
    kind, value = attr_of(attrs, "type") or "", el.text or ""
    return (kind, value, rest) if rest else (kind, value)


def _note(el: Any, name: str) -> NoteRow:
    attrs = _attrs(el, name)
    return (el.text or "", attrs) if attrs else (el.text or "",)


def escape(text: str) -> str:
    """``text`` as XML character data, escaped exactly as lxml serializes it."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\r", "&#13;")


def _xml(el: Any) -> str:
    return str(etree.tostring(el, encoding="unicode", with_tail=False))


def _extra(el: Any) -> str:
    """An unknown element as XML, without namespace declarations it does not use."""
    if not el.nsmap:
        return _xml(el)
    copy = deepcopy(el)
    etree.cleanup_namespaces(copy)
    return _xml(copy)


def seg_markup(seg: Any) -> str:
    """The content of a ``<seg>`` element as XML (inline tags lower-cased)."""
    for el in seg.iterdescendants():
        tag = el.tag
        if isinstance(tag, str) and tag not in INLINE and _name(tag) in INLINE:
            el.tag = _name(tag)
    whole = _xml(seg)
    if whole.endswith("/>") and len(seg) == 0 and not seg.text:
        return ""
    return whole[whole.index(">") + 1: whole.rindex("</")]


def plain_text(seg: Any) -> str:
    """The translatable text of a ``<seg>``: ``hi`` content kept, and that of elements
    TMX does not define (XLIFF's ``<g>``, which some tools copy into TMX), native
    codes (``bpt``, ``ept``, ``it``, ``ph``, ``ut`` with their ``sub``) left out."""
    parts = [seg.text or ""]
    for child in seg:
        if _name(child.tag) in ("hi", ""):
            parts.append(plain_text(child))
        if child.tail:
            parts.append(child.tail)
    return "".join(parts)


_PARSE_OPTIONS: dict[str, Any] = dict(PARSE_OPTIONS, remove_comments=False)
_FRAGMENT_PARSER = etree.XMLParser(**_PARSE_OPTIONS)


def _any_case(word: str) -> set[str]:
    return {"".join(p) for p in product(*((c.lower(), c.upper()) for c in word))}


#: The parser reports only these (in C), so elements inside a TU cost no Python:
#: ``tu`` in any case, and a lower-case ``header``, so that a document type is
#: checked before the body is parsed. A header in another case is read from
#: the tree when the first TU ends (64 more names to match cost 10% of a parse).
_UNIT_TAGS = [*sorted(_any_case("tu")), "header", *(ns + "tu" for ns in NAMESPACES)]


class TmxReader:
    """Stream the header and TUs of a TMX file.

    >>> with TmxReader("memory.tmx", ReadLog("memory.tmx")) as tmx:  # doctest: +SKIP
    ...     header = tmx.header
    ...     for tu in tmx: ...

    Languages are normalized to BCP 47 (``EN_us`` -> ``en-US``); a TUV without
    language or ``<seg>`` is skipped; an empty segment (``<seg/>``, OmegaT's
    translation left empty on purpose) is kept, but a TU left without variants,
    or with empty segments only, is skipped; each case is logged in ``log``.
    TUs without a ``srclang`` of their own that have no variant in the header's
    ``srclang`` are counted, and logged once, at the end of the file. Iterating
    gives model TUs; :meth:`records` the same TUs as plain tuples.
    """

    def __init__(self, source: str | Path | BinaryIO, log: ReadLog | None = None) -> None:
        self.name = str(source) if isinstance(source, (str, Path)) else getattr(source, "name", "-")
        self.log = log or ReadLog(self.name)
        if isinstance(source, (str, Path)):
            self._fh: BinaryIO = open_input(source, "TMX file")
            self._owned = True
        else:
            self._fh, self._owned = source, False
        try:
            stream = guard(self._fh, self.name)
        except BaseException:
            self.close()
            raise
        self._bound = EntryBound(stream, self.name, "a <tu>")
        self._events = etree.iterparse(self._bound, events=("end", "start-ns", "end-ns"), tag=_UNIT_TAGS,
                                       **_PARSE_OPTIONS)
        self._header: TMXHeader | None = None
        self._pending: TURecord | None = None
        self._started = False
        self._langs: dict[str, str | None] = {}
        #: The header's srclang (canonical; None for none or *all*), and the TUs it names no variant of: (count, first line, first tuid).
        self._srclang: str | None = None
        self._strays: tuple[int, int | None, str | None] = (0, None, None)
        self.version: str | None = None
        self._stream = self._items()  # one generator: the header comes out of the first TU's event

    def __enter__(self) -> TmxReader:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        if self._owned:
            self._fh.close()

    @property
    def position(self) -> int:
        """Bytes of the file read so far (for progress bars)."""
        try:
            return self._fh.tell()
        except (OSError, ValueError):
            return 0

    @property
    def header(self) -> TMXHeader:
        """The header (read on first access; empty if the file has none)."""
        if self._header is None and not self._started:
            item = next(self._stream, None)
            if item is not None and not isinstance(item, TMXHeader):
                self._pending = item
        return self._header or TMXHeader()

    def __iter__(self) -> Iterator[TU]:
        return map(tu_of, self.records())

    def records(self) -> Iterator[TURecord]:
        """The TUs as plain tuples (:data:`TURecord`), for bulk loading: the
        same TUs, repairs and log as iterating the reader, without model objects."""
        self.header  # noqa: B018 - reads up to the first TU
        if self._pending is not None:
            record, self._pending = self._pending, None
            yield record
        for item in self._stream:
            if not isinstance(item, TMXHeader):
                yield item

    def _items(self) -> Iterator[TURecord | TMXHeader]:
        self._started = True
        try:
            log = self.log
            unit = self._tu
            units = 0
            in_scope = 0  # namespace declarations
            for event, el in self._events:
                if event != "end":
                    in_scope += 1 if event == "start-ns" else -1
                    if in_scope > MAX_NAMESPACES:
                        raise FormatError(f"more than {MAX_NAMESPACES} namespace declarations in scope", path=self.name)
                    continue
                if not self.version:
                    header = self._start(el.getroottree().getroot())
                    if header is not None:
                        yield header
                if el.tag == "header":  # read by _start
                    self._bound.done()
                    continue
                log.read += 1
                record = unit(el)
                el.clear(keep_tail=False)
                self._bound.done()
                units += 1
                if not units % 64:  # the tree keeps at most 64 emptied units
                    _free(el)
                if record is None:
                    log.skipped += 1
                else:
                    yield record
        except etree.XMLSyntaxError as exc:
            raise syntax_error(exc, self.name) from None
        except UnicodeDecodeError as exc:
            raise FormatError(f"cannot decode: {exc.reason}", path=self.name) from None
        count, line, tuid = self._strays
        if count:
            self.log.add("warning", "srclang-not-in-tu",
                         f"header srclang {self._srclang!r} matches no variant of {count} TU(s) without a srclang "
                         "of their own (this is the first): their source language is unknown", line, tuid)
        if not self.version:  # no TU: the root and header all the same
            root = self._events.root
            if root is None:
                raise FormatError("not a TMX file: no root element", path=self.name)
            header = self._start(root)
            if header is not None:
                yield header

    def _start(self, root: Any) -> TMXHeader | None:
        """Check the root element; read the header, if there is one before the first TU."""
        self._check_root(root)
        for child in root:
            if _name(child.tag) == "header":
                self._header = self._read_header(child)
                return self._header
        return None

    def _check_root(self, root: Any) -> None:
        if _name(root.tag) != "tmx":
            raise FormatError(f"not a TMX file: root element is <{root.tag}>", path=self.name, line=root.sourceline)
        dtd = root.getroottree().docinfo.internalDTD
        if dtd is not None and any(True for _ in dtd.entities()):
            raise FormatError(ENTITY_MESSAGE, path=self.name, line=1)  # an encoding the guard cannot read
        self.version = root.get("version") or "?"
        if self.version not in ("1.1", "1.2", "1.3", "1.4"):
            self.log.add("warning", "version", f"TMX version {self.version!r} read as 1.4", root.sourceline)

    def _lang(self, tag: str, line: int | None, unit: str | None) -> str | None:
        """The canonical form of a language tag, logging a repair; None if unusable."""
        if tag in self._langs:
            canonical = self._langs[tag]
        else:
            try:
                canonical = tag_or_name(tag)
            except LanguageTagError:
                canonical = None
            self._langs[tag] = canonical
        if canonical is None:
            return None
        if canonical != tag:
            self.log.add("repaired", "language-tag", f"language tag {tag!r} normalized to {canonical!r}", line, unit)
        return canonical

    def _read_header(self, el: Any) -> TMXHeader:
        attrs = _attrs(el, self.name)
        line = el.sourceline
        srclang = attr_of(attrs, "srclang")
        if srclang and srclang.lower() != "*all*":
            fixed = self._lang(srclang, line, None)
            if fixed is None:
                self.log.add("warning", "bad-srclang", f"header srclang {srclang!r} is not a language tag; ignored", line)
                attrs = tuple(a for a in attrs if a[0] != "srclang")
            else:
                attrs = tuple((k, fixed if k == "srclang" else v) for k, v in attrs)
                self._srclang = fixed
        props, notes, extra = [], [], []
        for child in el:
            name = _name(child.tag)
            if name == "prop":
                props.append(Prop(*self._prop(child, None)))
            elif name == "note":
                notes.append(Note(*_note(child, self.name)))
            elif name != "#":
                extra.append(_extra(child))
        return TMXHeader(attrs, tuple(props), tuple(notes), tuple(extra))

    def _tu(self, el: Any) -> TURecord | None:
        attrs = _attrs(el, self.name)
        tuid = attr_of(attrs, "tuid")
        tuvs: list[VariantRecord] = []
        props: list[PropRow] = []
        notes: list[NoteRow] = []
        extra: list[str] = []
        for child in el:
            tag = child.tag
            name = tag if tag == "tuv" or tag == "prop" else _name(tag)
            if name == "tuv":
                tuv = self._tuv(child, tuid)
                if tuv is not None:
                    tuvs.append(tuv)
            elif name == "prop":
                kind = child.get("type")
                if kind is not None and len(child.attrib) == 1:  # the common case, without a call
                    props.append((kind, child.text or ""))
                else:
                    if len(child.attrib) > MAX_ATTRIBUTES:
                        raise _crowded(child, self.name)
                    props.append(self._prop(child, tuid))
            else:
                self._file(child, name, "tu", tuid, props, notes, extra)
        if not tuvs:
            self.log.add("skipped", "no-variant", "TU without a usable variant", el.sourceline, tuid)
            return None
        if _blank(tuvs[0]) and all(map(_blank, tuvs)):
            self.log.add("skipped", "empty-unit", "TU with empty segments only", el.sourceline, tuid)
            return None
        srclang = attr_of(attrs, "srclang")
        first = tuvs[0][0]
        if srclang == first:
            return tuvs, attrs, props or (), notes or (), extra or ()
        if srclang is not None and srclang.lower() != "*all*":
            fixed = self._lang(srclang, el.sourceline, tuid)
            if fixed is None:
                self.log.add("repaired", "bad-srclang", f"srclang {srclang!r} is not a language tag; dropped",
                             el.sourceline, tuid)
                attrs = tuple(a for a in attrs if a[0] != "srclang")
                srclang = None
            elif fixed != srclang:
                attrs = tuple((k, fixed if k == "srclang" else v) for k, v in attrs)
                srclang = fixed
        if srclang is None and not (self._header and self._header.attr("srclang")):
            srclang = first
            attrs = (*attrs, ("srclang", srclang))
            self.log.add("repaired", "missing-srclang",
                         f"missing srclang (TU and header): took {srclang!r} from its first variant", el.sourceline, tuid)
        elif srclang is not None and srclang != first and srclang.lower() != "*all*":
            if not any(tuv[0] == srclang for tuv in tuvs):
                self.log.add("warning", "srclang-without-variant", f"srclang {srclang!r} has no variant in this TU",
                             el.sourceline, tuid)
        elif srclang is None and (src := self._srclang) is not None and first != src:
            if not any(same_language(tuv[0], src) for tuv in tuvs):
                count, line, who = self._strays
                self._strays = (count + 1, line, who) if count else (1, el.sourceline, tuid)
        return tuvs, attrs, props or (), notes or (), extra or ()

    def _file(self, child: Any, name: str, parent: str, tuid: str | None, props: list[PropRow],
              notes: list[NoteRow], extra: list[str]) -> None:
        """File a child of a ``tu`` or ``tuv`` other than a variant or segment:
        a prop, a note, or an unknown element (kept as XML, warned)."""
        if name == "prop":
            props.append(self._prop(child, tuid))
        elif name == "note":
            notes.append(_note(child, self.name))
        elif name != "#":
            extra.append(_extra(child))
            self.log.add("warning", "unknown-element", f"element <{child.tag}> in <{parent}> kept as is",
                         child.sourceline, tuid)

    def _prop(self, el: Any, tuid: str | None) -> PropRow:
        row = _prop(el, self.name)
        if not row[0] and el.get("type") is None:
            self.log.add("warning", "prop-without-type", "<prop> without a type (required by TMX): kept with an "
                         "empty type", el.sourceline, tuid)
        return row

    def _tuv(self, el: Any, tuid: str | None) -> VariantRecord | None:
        count = len(el.attrib)
        raw = el.get(XML_LANG)
        if count == 1 and raw is not None:  # most TUVs
            attrs: Attrs = ()
        else:
            if count > MAX_ATTRIBUTES:
                raise _crowded(el, self.name)
            skip: tuple[str, ...] = ("xml:lang",)
            if raw is None:
                raw = el.get("lang")
                if raw is None:
                    self.log.add("skipped", "tuv-no-lang", "TUV without a language", el.sourceline, tuid)
                    return None
                skip = ("xml:lang", "lang")
                self.log.add("repaired", "tmx11-lang", "TMX 1.1 'lang' attribute read as xml:lang", el.sourceline, tuid)
            attrs = _attrs(el, self.name, skip)
        cached = self._langs.get(raw)
        lang = cached if cached == raw else self._lang(raw, el.sourceline, tuid)
        if lang is None:
            self.log.add("skipped", "tuv-bad-lang", f"TUV with unknown language tag {raw!r}", el.sourceline, tuid)
            return None
        seg = el[0] if len(el) == 1 else None
        if seg is not None and seg.tag != "seg":
            seg = None
        elif seg is not None and not len(seg):  # most TUVs: a seg of plain text and nothing else
            text = seg.text or ""
            if text and not text.isspace():
                return lang, None, text, attrs, (), (), ()
        props: list[PropRow] = []
        notes: list[NoteRow] = []
        extra: list[str] = []
        if seg is None:
            for child in el:
                name = _name(child.tag)
                if name == "seg" and seg is None:
                    seg = child
                else:
                    self._file(child, name, "tuv", tuid, props, notes, extra)
            if seg is None:
                self.log.add("skipped", "tuv-no-seg", f"TUV ({lang}) without <seg>", el.sourceline, tuid)
                return None
        markup: str | None = None
        if len(seg):
            text, markup = self._seg(seg)
            if _FOREIGN_INLINE.search(markup):
                self.log.add("warning", "foreign-inline", "elements TMX does not define in <seg> (XLIFF's <g>...) "
                             "kept as they are, their text as text", seg.sourceline, tuid)
        else:
            text = seg.text or ""
        return lang, markup, text, attrs, props or (), notes or (), extra or ()

    def _seg(self, seg: Any) -> tuple[str, str]:
        """(plain text, markup) of a ``<seg>`` with children."""
        whole = _xml(seg)
        if "&" in whole and _ENTITY_REF.search(whole):
            for sub in seg.iter(etree.Entity):
                raise FormatError(f"entity reference {sub.text} in a segment", path=self.name, line=sub.sourceline)
        if _ODD_CASE_INLINE.search(whole):
            markup = seg_markup(seg)
        else:  # the serialization as it is: no inline tag to lower-case
            markup = whole[whole.index(">") + 1: whole.rindex("</")]
        return plain_text(seg), markup  # never the text escaped: each child is written with a "<"


def _blank(tuv: VariantRecord) -> bool:
    """Whether a variant's segment is empty (or white space), without markup."""
    return tuv[1] is None and not tuv[2].strip()


class ChildTmxReader:
    """:meth:`TmxReader.records` run in a child process, so that parsing
    overlaps what the caller does with the records (a store writing them).

    The child sends the header, then batches of ``batch`` records through a
    pipe (it waits while the pipe, 1 MB, is full, so memory stays flat), then
    its log, which is copied into ``log``; an error it meets is raised here,
    where the serial reader would raise it. The child only reads the file: a
    path, or a stream it inherits (stdin: this process must not read it
    meanwhile), whose :meth:`tell`, if it has one, gives :attr:`position`. It
    is a daemon, and it exits when the parent goes (its next send finds the
    pipe broken); :meth:`close` ends it early.
    """

    def __init__(self, source: str | Path | BinaryIO, log: ReadLog, batch: int = 100) -> None:
        self.log = log
        self.position = 0
        self._header: TMXHeader | None = None
        context = multiprocessing.get_context("fork")
        self._recv, send = context.Pipe(duplex=False)
        widen(send)  # the child waits less on the parent's bursts
        path = str(source) if isinstance(source, (str, Path)) else source
        self._proc = context.Process(target=_feed, args=(path, log.path, log.strict, batch, send, self._recv),
                                     daemon=True, name="wb-tmx-reader")
        self._proc.start()
        send.close()

    def __enter__(self) -> ChildTmxReader:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        """Stop the child (if it is still reading) and wait for it."""
        if self._proc.is_alive():
            self._proc.kill()
        self._proc.join()
        self._recv.close()

    @property
    def header(self) -> TMXHeader:
        """The header (empty if the file has none)."""
        if self._header is None:
            self._header = self._next()[1]
        return self._header

    def records(self) -> Iterator[TURecord]:
        """The records :meth:`TmxReader.records` gives, in the same order."""
        self.header  # noqa: B018 - the header comes first
        while True:
            message = self._next()
            if message[0] == "end":
                _, self.log.read, self.log.skipped, self.log.issues, self.log.counts, self.log.repeats = message
                return
            batch, self.position = message
            yield from batch

    def _next(self) -> Any:
        try:
            data = self._recv.recv_bytes()
        except (EOFError, OSError):  # OSError: it ended in the middle of a message (killed)
            self._proc.join()
            raise WorkbenchError(f"{self.log.path}: the TMX reader process ended unexpectedly "
                                 f"(exit code {self._proc.exitcode})") from None
        if data[:1] == _BATCH:
            return marshal.loads(memoryview(data)[1:])
        message = pickle.loads(data)
        if message[0] == "error":
            raise error_of(message[1])
        return message


#: The first byte of a message of :func:`_feed` holding records (in marshal
#: format, about twice as fast as pickle for tuples of strings); other
#: messages are pickles, which start with another byte.
_BATCH = b"M"


def _feed(path: str | BinaryIO, name: str, strict: bool, batch: int, send: Any, recv: Any) -> None:
    """The child of :class:`ChildTmxReader`: read ``path`` (or the stream), send what it holds.

    Records are acyclic and freed by reference counting, so the cyclic
    collector, which only slowed reading here, is off.
    """
    recv.close()
    gc.disable()

    def post(message: tuple[Any, ...]) -> None:
        send.send_bytes(pickle.dumps(message, pickle.HIGHEST_PROTOCOL))
    try:
        try:
            log = ReadLog(name, strict=strict)
            with TmxReader(path, log) as reader:
                post(("header", reader.header))
                chunk: list[TURecord] = []
                for record in reader.records():
                    chunk.append(record)
                    if len(chunk) == batch:
                        send.send_bytes(_BATCH + marshal.dumps((chunk, reader.position)))
                        chunk = []
                send.send_bytes(_BATCH + marshal.dumps((chunk, reader.position)))
            post(("end", log.read, log.skipped, log.issues, log.counts, log.repeats))
        except (BrokenPipeError, KeyboardInterrupt):
            raise
        except Exception as exc:  # noqa: BLE001 - raised again in the parent
            post(("error", portable(exc)))
    except (BrokenPipeError, KeyboardInterrupt):
        return  # the parent is gone or going: nobody to tell
    finally:
        send.close()


def tu_of(record: TURecord) -> TU:
    """The model TU of a record."""
    tuvs, attrs, props, notes, extra = record
    return TU(tuple(TUV(lang, escape(text) if seg is None else seg, text, a,
                        tuple(Prop(*p) for p in ps), tuple(Note(*n) for n in ns), tuple(x))
                    for lang, seg, text, a, ps, ns, x in tuvs),
              attrs, tuple(Prop(*p) for p in props), tuple(Note(*n) for n in notes), tuple(extra))


def _free(el: Any) -> None:
    """Drop a processed element and its earlier siblings from the tree."""
    el.clear(keep_tail=False)
    parent = el.getparent()
    if parent is not None:
        del parent[:parent.index(el)]


# --- writing ---------------------------------------------------------------

def _clark(name: str) -> str:
    return XML_LANG if name == "xml:lang" else name


def _element(tag: str, attrs: Attrs, text: str | None = None) -> Any:
    el = etree.Element(tag, {_clark(k): v for k, v in attrs})
    if text:
        el.text = text
    return el


def _fill(parent: Any, props: tuple[Prop, ...], notes: tuple[Note, ...], extra: tuple[str, ...],
          indent: str) -> None:
    for prop in props:
        parent.append(_element("prop", (("type", prop.type), *prop.attrs), prop.value))
    for note in notes:
        parent.append(_element("note", note.attrs, note.text))
    for xml in extra:
        parent.append(etree.fromstring(xml, _FRAGMENT_PARSER))
    for child in parent:
        child.tail = indent


def _layout(el: Any, indent: str) -> None:
    """Indent structural children one level under ``el`` (never inside ``seg``)."""
    if len(el):
        el.text = indent + "  "
        for child in el:
            child.tail = indent + "  "
        el[-1].tail = indent


_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


_ATTR_SPECIAL = re.compile('[&<>"\n\r\t]')


def _attr_text(value: str) -> str:
    if not _ATTR_SPECIAL.search(value):
        return value
    return (value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")
            .replace("\n", "&#10;").replace("\r", "&#13;").replace("\t", "&#9;"))


def _open_tag(tag: str, attrs: Attrs) -> str:
    if _ATTR_SPECIAL.search("".join([v for _, v in attrs])):
        return "<" + tag + "".join([f' {k}="{_attr_text(v)}"' for k, v in attrs])
    return "<" + tag + "".join([f' {k}="{v}"' for k, v in attrs])


def _simple(tag: str, attrs: Attrs, text: str) -> str:
    head = _open_tag(tag, attrs)
    return f"{head}>{escape(text)}</{tag}>" if text else head + "/>"


def _prop_xml(prop: PropRow) -> str:
    if len(prop) > 2:
        return _simple("prop", (("type", prop[0]), *prop[2]), prop[1])
    value = prop[1]
    return (f'<prop type="{_attr_text(prop[0])}">{escape(value)}</prop>' if value
            else f'<prop type="{_attr_text(prop[0])}"/>')


def _note_xml(note: NoteRow) -> str:
    return _simple("note", note[1] if len(note) > 1 else (), note[0])


def _well_formed(seg: str) -> bool:
    try:
        etree.fromstring(f"<seg>{seg}</seg>", _FRAGMENT_PARSER)
    except etree.XMLSyntaxError:
        return False
    return True


#: ``<tuv xml:lang="...">`` per language, for variants without other attributes.
_TUV_TAGS: dict[str, str] = {}


def record_xml(record: TURecord) -> str | None:
    """The ``<tu>`` of a record (:data:`TURecord`, attribute lists and prop and note
    rows as tuples or lists) as text, as :func:`tu_element` serializes it (seg
    markup verbatim once checked); ``None`` when it needs the general path
    (namespaced names, unknown children, bad markup or characters)."""
    tuvs, attrs, props, notes, extra = record
    if extra or any(k.startswith("{") for k, _ in attrs):
        return None
    parts = [_open_tag("tu", attrs), ">"]
    for prop in props:
        parts += ("\n      ", _prop_xml(prop))
    for note in notes:
        parts += ("\n      ", _note_xml(note))
    for lang, seg, text, a, ps, ns, x in tuvs:
        if x:
            return None
        if seg is None:
            seg = escape(text)
        elif "<" in seg and not _well_formed(seg):
            return None
        if a:
            if any(k.startswith("{") for k, _ in a):
                return None
            parts += ("\n      ", _open_tag("tuv", (("xml:lang", lang), *a)), ">")
        else:
            head = _TUV_TAGS.get(lang)
            if head is None:
                head = _TUV_TAGS[lang] = _open_tag("tuv", (("xml:lang", lang),)) + ">"
            parts += ("\n      ", head)
        for prop in ps:
            parts += ("\n        ", _prop_xml(prop))
        for note in ns:
            parts += ("\n        ", _note_xml(note))
        parts += ("\n        <seg>", seg, "</seg>\n      </tuv>") if seg else ("\n        <seg/>\n      </tuv>",)
    parts.append("\n    </tu>")
    out = "".join(parts)
    return None if _INVALID.search(out) else out


def tu_xml(tu: TU) -> str | None:
    """:func:`record_xml` of a model TU."""
    return record_xml(([(v.lang, v.seg, v.text, v.attrs, [(p.type, p.value, p.attrs) for p in v.props],
                         [(n.text, n.attrs) for n in v.notes], v.extra) for v in tu.tuvs],
                       tu.attrs, [(p.type, p.value, p.attrs) for p in tu.props], [(n.text, n.attrs) for n in tu.notes],
                       tu.extra))


def tu_element(tu: TU, number: int = 0) -> Any:
    """The ``<tu>`` element for ``tu`` (``number`` names it in errors)."""
    try:
        el = _element("tu", tu.attrs)
        _fill(el, tu.props, tu.notes, tu.extra, "")
        for tuv in tu.tuvs:
            v = _element("tuv", (("xml:lang", tuv.lang), *tuv.attrs))
            _fill(v, tuv.props, tuv.notes, tuv.extra, "")
            if "<" in tuv.seg or "&" in tuv.seg:
                v.append(etree.fromstring(f"<seg>{tuv.seg}</seg>", _FRAGMENT_PARSER))
            else:
                etree.SubElement(v, "seg").text = tuv.seg
            _layout(v, "\n      ")
            el.append(v)
        _layout(el, "\n    ")
        return el
    except (ValueError, etree.XMLSyntaxError) as exc:
        who = f"tuid {tu.attr('tuid')}" if tu.attr("tuid") else f"number {number}"
        bad = _bad_char(tu)
        why = f"character U+{ord(bad):04X} cannot be written in XML 1.0" if bad else f"invalid markup: {exc}"
        raise FormatError(f"TU {who}: {why}") from None


def _bad_char(tu: TU) -> str | None:
    texts = [v for _, v in tu.attrs] + [t.seg for t in tu.tuvs] + [p.value for p in tu.props] + [n.text for n in tu.notes]
    for text in texts:
        for ch in text:
            o = ord(ch)
            if (o < 0x20 and ch not in "\t\n\r") or 0xD800 <= o <= 0xDFFF or o in (0xFFFE, 0xFFFF):
                return ch
    return None


#: Header attributes that say whose inline codes the units hold and how to read
#: them: OmegaT reads ``bpt``/``ept`` content as its own tags (``<b0>``) only
#: under ``creationtool="OmegaT"``, and as foreign codes otherwise.
TOOL_ATTRS = ("creationtool", "creationtoolversion", "o-tmf", "datatype")
TOOL = "workbench"


def tool_header(headers: Iterable[TMXHeader | None]) -> TMXHeader | None:
    """The :data:`TOOL_ATTRS` of ``headers`` (those of the files whose units a
    memory's inline codes come from), when they all name one creating tool
    other than this one; else None."""
    found = list(headers)
    tools = {h.attr("creationtool") if h is not None else None for h in found}
    if len(tools) != 1 or None in tools or TOOL in tools:
        return None
    first = found[0]
    assert first is not None
    return TMXHeader(tuple((k, v) for k, v in first.attrs if k in TOOL_ATTRS))


def header_for_export(base: TMXHeader | None, srclang: str, now: _dt.datetime | None = None,
                      settings: str = "") -> TMXHeader:
    """The header this tool writes: ``base`` kept, date set, required
    attributes filled in, the signature of the settings that made the content
    (``settings``, e.g. ``seg@1|align:lenanchor@1``) and of this version as a
    prop. The creating tool is this one, unless ``base`` names another: then
    its :data:`TOOL_ATTRS` stay, so that the tool reads its inline codes back
    as its own (``base`` is the header of the file the units came from, or
    :func:`tool_header`)."""
    stamp = (now or _dt.datetime.now(_dt.timezone.utc)).strftime("%Y%m%dT%H%M%SZ")
    foreign = base is not None and base.attr("creationtool") not in (None, TOOL)
    ours = {"creationdate": stamp} if foreign else {"creationtool": TOOL, "creationtoolversion": __version__,
                                                     "creationdate": stamp}
    defaults = {"segtype": "sentence", "o-tmf": "workbench", "adminlang": "en", "srclang": srclang, "datatype": "plaintext"}
    attrs = list(base.attrs) if base else []
    names = [k for k, _ in attrs]
    for key, value in ours.items():
        if key in names:
            attrs[names.index(key)] = (key, value)
        else:
            attrs.append((key, value))
    for key, value in defaults.items():
        if key not in names:
            attrs.append((key, value))
    signature = Prop(SIGNATURE_PROP, "|".join(x for x in (settings, NORM_VERSION, f"workbench:{__version__}") if x))
    props = [p for p in (base.props if base else ()) if p.type != SIGNATURE_PROP] + [signature]
    return TMXHeader(tuple(attrs), tuple(props), base.notes if base else (), base.extra if base else ())


def tus_xml(tus: Iterable[tuple[int, TU]]) -> tuple[int, str]:
    """(how many, body text) of ``tus``, each ``<tu>`` on its own indented
    line; each TU comes with its number, which names it in errors."""
    parts: list[str] = []
    for number, tu in tus:
        text = tu_xml(tu)
        if text is None:
            text = etree.tostring(tu_element(tu, number), encoding="unicode")
        parts.append("\n    " + text)
    return len(parts), "".join(parts)


def write_tmx(target: str | Path | IO[bytes], tus: Iterable[TU], header: TMXHeader) -> int:
    """Write ``tus`` under ``header`` (see :func:`header_for_export`) as TMX 1.4b.

    A path is written atomically (temporary file, then rename). Returns the
    number of TUs written. Streams: at most a few hundred TUs are in memory.
    """
    chunks = (tus_xml(batch) for batch in _batches(enumerate(tus, 1), 512))
    return write_tmx_body(target, ((n, text.encode("utf-8")) for n, text in chunks), header)


def _batches(items: Iterable[tuple[int, TU]], size: int) -> Iterator[list[tuple[int, TU]]]:
    batch: list[tuple[int, TU]] = []
    for item in items:
        batch.append(item)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def write_tmx_body(target: str | Path | IO[bytes], chunks: Iterable[tuple[int, bytes]], header: TMXHeader) -> int:
    """Write a TMX file whose body is ``chunks`` of (TUs, UTF-8 text), the text
    as :func:`tus_xml` makes it (the parallel path of an export). Returns the
    number of TUs written; a path is written atomically."""
    with atomic_output(target) as fh:
        count = 0
        with etree.xmlfile(fh, encoding="UTF-8") as xf:
            xf.write_declaration()
            xf.write_doctype(DOCTYPE)
            with xf.element("tmx", version="1.4"):
                xf.write("\n  ")
                head = _element("header", header.attrs)
                _fill(head, header.props, header.notes, header.extra, "")
                _layout(head, "\n  ")
                xf.write(head)
                xf.write("\n  ")
                with xf.element("body"):
                    xf.flush()
                    for n, text in chunks:
                        count += n
                        fh.write(text)
                    xf.write("\n  ")
                xf.write("\n")
        fh.write(b"\n")
        return count
