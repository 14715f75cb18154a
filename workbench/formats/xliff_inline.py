"""XLIFF inline codes to and from TMX inline markup, for :mod:`workbench.formats.xliff`.

Reading, :class:`InlineReader` turns the content of a source or target into
TMX seg markup whose native code is the XLIFF markup of each code; writing,
:class:`InlineWriter` puts that markup back, or writes markup from elsewhere
as the version's native-code elements (see the module docstring of
:mod:`workbench.formats.xliff`).
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from copy import deepcopy
from dataclasses import dataclass, field
from typing import Any

from lxml import etree

from .xmlguard import PARSE_OPTIONS, XML_INVALID

#: Inline elements whose content is translatable text, per version family.
CONTAINERS = {1: frozenset({"g", "mrk"}), 2: frozenset({"pc", "mrk"})}
#: Inline elements written whole as native code, per version family.
CODES = {1: frozenset({"x", "bx", "ex", "ph", "bpt", "ept", "it"}), 2: frozenset({"ph", "sc", "ec", "sm", "em", "cp"})}
#: Start and end codes: what pairs them (1.2 by ``rid``, else ``id``; 2.x ``id`` with ``startRef``).
STARTS = {1: frozenset({"bx", "bpt"}), 2: frozenset({"sc", "sm"})}
ENDS = {1: frozenset({"ex", "ept"}), 2: frozenset({"ec", "em"})}
#: 1.2 ``ctype`` values TMX ``type`` values map to (others as ``x-TYPE``).
_CTYPES = {"bold": "bold", "italic": "italic", "ulined": "underlined", "underlined": "underlined", "link": "link",
           "image": "image", "pb": "pb", "lb": "lb"}
#: Phrase (Memsource) tags, which an ``.mxliff`` has as text in its segments: ``{1>``/``<1}`` a
#: numbered pair, ``{b>``/``<b}`` (``i``, ``u``, ``sup``, ``sub``) formatting, ``{2}`` standalone.
PHRASE_TAG = re.compile(r"\{(\d+|b|i|u|sup|sub)>|<(\d+|b|i|u|sup|sub)\}|\{(\d+)\}")
#: TMX ``type`` of Phrase's formatting tags.
_PHRASE_TYPES = {"b": "bold", "i": "italic", "u": "ulined"}
_START_TAG = re.compile(r"<([A-Za-z_][\w.\-]*)(?:\s[^<>]*)?>\Z", re.DOTALL)
_FRAGMENT = etree.XMLParser(**PARSE_OPTIONS)


def local_name(tag: object) -> tuple[str, str]:
    """(namespace, local name) of a tag; ``("#", "")`` for comments and processing instructions."""
    if not isinstance(tag, str):
        return "#", ""
    if tag.startswith("{"):
        ns, _, name = tag[1:].partition("}")
        return ns, name
    return "", tag


def escape(text: str) -> str:
    """``text`` as XML character data (as :func:`workbench.formats.tmx.escape`)."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\r", "&#13;")


def attr_text(value: str) -> str:
    """``value`` as an attribute value; a character XML cannot hold as U+FFFD."""
    return escape(XML_INVALID.sub("\ufffd", value)).replace('"', "&quot;").replace("\n", "&#10;").replace("\t", "&#9;")


def _strip_ns(el: Any, ns: str, shallow: bool = False) -> Any:
    """A copy of ``el`` (tail dropped; content too if ``shallow``) with the XLIFF namespace ``ns`` taken off its names."""
    copy = deepcopy(el)
    copy.tail = None
    if shallow:
        copy.text = None
        del copy[:]
    prefix = f"{{{ns}}}"
    for node in copy.iter():
        if isinstance(node.tag, str) and node.tag.startswith(prefix):
            node.tag = node.tag[len(prefix):]
    etree.cleanup_namespaces(copy)
    return copy


def whole(el: Any, ns: str) -> str:
    return str(etree.tostring(_strip_ns(el, ns), encoding="unicode", with_tail=False))


def _start_tag(el: Any, ns: str) -> str:
    """The start tag of ``el`` (its attributes, the namespaces they need), without the namespace ``ns``."""
    shell = _strip_ns(el, ns, shallow=True)
    text = str(etree.tostring(shell, encoding="unicode"))
    return text[:-2] + ">"


@dataclass(slots=True)
class InlineReader:
    """Turns the content of one XLIFF source or target into TMX seg markup and plain text.

    With ``phrase`` (a Phrase file), :data:`PHRASE_TAG` tags in the text are codes too: an
    opening tag and the closing tag of the same name after it a ``bpt``/``ept`` pair, one
    without the other an ``it``, ``{2}`` a ``ph``, each holding the tag as its native code;
    ``tags`` counts them over every run.
    """

    ns: str
    family: int
    phrase: bool = False
    parts: list[str] = field(default_factory=list)
    text: list[str] = field(default_factory=list)
    roles: dict[Any, tuple[str, str]] = field(default_factory=dict)
    counter: int = 0
    tags: int = 0
    _tag_roles: list[tuple[str, str] | None] = field(default_factory=list)

    def run(self, el: Any) -> tuple[str, str]:
        self.parts, self.text, self.roles, self.counter = [], [], {}, 0
        self._pair(el, {})
        if self.phrase:
            self._pair_tags(el)
        self._content(el)
        return "".join(self.parts), "".join(self.text)

    def _texts(self, el: Any) -> Iterator[str]:
        """The text nodes of ``el`` that :meth:`_content` reads as text, in order."""
        yield el.text or ""
        for child in el:
            ns, name = local_name(child.tag)
            if ns == self.ns and name in CONTAINERS[self.family]:
                yield from self._texts(child)
            yield child.tail or ""

    def _pair_tags(self, el: Any) -> None:
        """The role of each Phrase tag of ``el``, in order: a pair's ``bpt``/``ept`` and its ``i``, or None."""
        found = [m for text in self._texts(el) for m in PHRASE_TAG.finditer(text)]
        roles: list[tuple[str, str] | None] = [None] * len(found)
        open_: dict[str, list[int]] = {}
        pairs = []
        for k, match in enumerate(found):
            if match.group(1):
                open_.setdefault(match.group(1), []).append(k)
            elif match.group(2) and open_.get(match.group(2)):
                pairs.append((open_[match.group(2)].pop(), k))
        for start, end in sorted(pairs):  # numbered in the order they open
            self.counter += 1
            roles[start], roles[end] = ("bpt", str(self.counter)), ("ept", str(self.counter))
        self._tag_roles = roles[::-1]  # popped from the end as the tags are met

    def _pair(self, el: Any, open_: dict[str, Any]) -> None:
        """Give each start code whose end is in the segment (and that end) a TMX ``i``."""
        for child in el:
            ns, name = local_name(child.tag)
            if ns != self.ns:
                continue
            if name in CONTAINERS[self.family]:
                self._pair(child, open_)
            elif name in STARTS[self.family] and child.get("isolated") != "yes":
                key = (child.get("rid") or child.get("id") or "") if self.family == 1 else (child.get("id") or "")
                open_[key] = child
            elif name in ENDS[self.family] and child.get("isolated") != "yes":
                key = (child.get("rid") or child.get("id") or "") if self.family == 1 else (child.get("startRef") or "")
                start = open_.pop(key, None)
                if start is not None:
                    self.counter += 1
                    self.roles[start] = ("bpt", str(self.counter))
                    self.roles[child] = ("ept", str(self.counter))

    def _add(self, text: str | None) -> None:
        if not text:
            return
        last = 0
        for match in PHRASE_TAG.finditer(text) if self.phrase else ():
            self._plain(text[last:match.start()])
            self._tag(match)
            last = match.end()
        self._plain(text[last:])

    def _plain(self, text: str) -> None:
        if text:
            self.parts.append(escape(text))
            self.text.append(text)

    def _tag(self, match: re.Match[str]) -> None:
        """A Phrase tag as TMX inline markup (its native code the tag itself)."""
        self.tags += 1
        role = self._tag_roles.pop() if self._tag_roles else None
        name = match.group(1) or match.group(2) or match.group(3)
        native = escape(match.group())
        x = f' x="{name}"' if name.isdigit() else ""
        kind = f' type="{_PHRASE_TYPES[name]}"' if name in _PHRASE_TYPES else ""
        if match.group(3):
            self.parts.append(f"<ph{x}>{native}</ph>")
        elif role is not None and role[0] == "ept":
            self.parts.append(f'<ept i="{role[1]}">{native}</ept>')
        elif role is not None:
            self.parts.append(f'<bpt i="{role[1]}"{x}{kind}>{native}</bpt>')
        else:
            self.parts.append(f'<it pos="{"begin" if match.group(1) else "end"}"{x}{kind}>{native}</it>')

    def _content(self, el: Any) -> None:
        self._add(el.text)
        for child in el:
            self._code(child)
            self._add(child.tail)

    def _code(self, el: Any) -> None:
        ns, name = local_name(el.tag)
        if ns == "#":
            return
        xid = el.get("id") or el.get("startRef") or ""
        x = f' x="{xid}"' if xid.isdigit() else ""
        ctype = el.get("ctype") if self.family == 1 else None
        kind = f' type="{attr_text(ctype)}"' if ctype else ""
        if ns == self.ns and name in CONTAINERS[self.family]:
            self.counter += 1
            i = self.counter
            self.parts.append(f'<bpt i="{i}"{x}{kind}>{escape(_start_tag(el, self.ns))}</bpt>')
            self._content(el)
            self.parts.append(f'<ept i="{i}">{escape(f"</{name}>")}</ept>')
            return
        native = escape(whole(el, self.ns))
        role = self.roles.get(el)
        if role is not None:
            tag, pair = role
            extra = f"{x}{kind}" if tag == "bpt" else ""
            self.parts.append(f'<{tag} i="{pair}"{extra}>{native}</{tag}>')
        elif ns == self.ns and (name in STARTS[self.family] or name in ENDS[self.family] or name == "it"):
            begin = name in STARTS[self.family] or (name == "it" and el.get("pos") == "open")
            self.parts.append(f'<it pos="{"begin" if begin else "end"}"{x}{kind}>{native}</it>')
        else:
            self.parts.append(f"<ph{x}{kind}>{native}</ph>")


@dataclass(slots=True)
class InlineWriter:
    """Turns TMX seg markup into the inline content of one XLIFF version; with ``phrase``
    (writing back a Phrase file), a code whose native code is a Phrase tag is that text again."""

    family: int
    data: dict[str, str] = field(default_factory=dict)  # native code -> data id (2.x originalData)
    phrase: bool = False

    def content(self, parent: Any, seg: str, native: bool) -> None:
        """Append ``seg`` to ``parent`` as XLIFF content; ``native``: codes hold XLIFF markup of this version."""
        tree = etree.fromstring(f"<seg>{seg}</seg>", _FRAGMENT)
        box = etree.Element("box")
        if not (native and self._native(box, tree)):
            box = etree.Element("box")
            self._generic(box, tree, {}, set())
        append_text(parent, box.text)
        parent.extend(list(box))

    def _native(self, parent: Any, tree: Any) -> bool:
        """Put the codes back as they were read; False when the markup is not what the reader made."""
        stack: list[tuple[Any, str | None]] = [(parent, None)]
        append_text(parent, tree.text)
        for code in tree:
            if len(code) or code.tag not in ("bpt", "ept", "ph", "it"):
                return False
            native = code.text or ""
            top = stack[-1][0]
            if self.phrase and PHRASE_TAG.fullmatch(native):
                append_text(top, native + (code.tail or ""))
                continue
            start = _START_TAG.match(native) if code.tag == "bpt" else None
            if start and start.group(1) in CONTAINERS[self.family] and not native.endswith("/>"):
                el = parse_fragment(native + f"</{start.group(1)}>")
                if el is None:
                    return False
                top.append(el)
                stack.append((el, code.get("i")))
            elif code.tag == "ept" and len(stack) > 1 and stack[-1][1] == code.get("i"):
                if native != f"</{stack[-1][0].tag}>":
                    return False
                stack.pop()
            else:
                el = parse_fragment(native)
                if el is None or (el.tag not in CODES[self.family] and not str(el.tag).startswith("{")):
                    return False  # not a code of this version, nor an element of another namespace
                top.append(el)
            append_text(stack[-1][0], code.tail)
        return len(stack) == 1

    def _generic(self, parent: Any, tree: Any, ids: dict[str, str], used: set[str]) -> None:
        append_text(parent, tree.text)
        for code in tree:
            tag = code.tag if isinstance(code.tag, str) else ""
            if not tag:  # a comment or processing instruction in the segment: not content
                append_text(parent, code.tail)
                continue
            native = "".join(code.itertext()) if tag != "hi" else ""
            if tag == "hi":
                el = etree.SubElement(parent, "mrk")
                if self.family == 1:
                    el.set("mtype", "x-tmx-hi")
                else:
                    el.set("id", _fresh("m", used))
                self._generic(el, code, ids, used)
            elif tag in ("bpt", "ept", "ph", "it", "ut"):
                self._code(parent, tag, code, native, ids, used)
            elif tag != "sub":  # an element TMX does not define (XLIFF's <g> in a TMX): its text as text
                self._generic(parent, code, ids, used)
            append_text(parent, code.tail)

    def _code(self, parent: Any, tag: str, code: Any, native: str, ids: dict[str, str], used: set[str]) -> None:
        x = code.get("x")
        if tag == "ept":
            cid = ids.get(code.get("i") or "", "")
        else:
            cid = x if x and x not in used else _fresh("", used)
            used.add(cid)
            if tag == "bpt":
                ids[code.get("i") or ""] = cid
        if self.family == 1:
            name = {"ut": "ph"}.get(tag, tag)
            el = etree.SubElement(parent, name, id=cid or _fresh("", used))
            if tag == "it":
                el.set("pos", "close" if code.get("pos") == "end" else "open")
            kind = code.get("type")
            if kind and tag != "ept":
                el.set("ctype", _CTYPES.get(kind, kind if kind.startswith("x-") else f"x-{kind}"))
            el.text = native
            return
        ref = self.data.setdefault(native, f"d{len(self.data) + 1}")
        if tag in ("ph", "ut"):
            etree.SubElement(parent, "ph", id=cid, dataRef=ref)
        elif tag == "bpt" or (tag == "it" and code.get("pos") != "end"):
            el = etree.SubElement(parent, "sc", id=cid, dataRef=ref)
            if tag == "it":
                el.set("isolated", "yes")
        elif tag == "ept" and cid:
            etree.SubElement(parent, "ec", startRef=cid, dataRef=ref)
        else:
            etree.SubElement(parent, "ec", id=_fresh("", used), isolated="yes", dataRef=ref)


def _fresh(prefix: str, used: set[str]) -> str:
    n = len(used) + 1
    while f"{prefix}{n}" in used:
        n += 1
    used.add(f"{prefix}{n}")
    return f"{prefix}{n}"


def parse_fragment(markup: str) -> Any | None:
    try:
        return etree.fromstring(markup, _FRAGMENT)
    except etree.XMLSyntaxError:
        return None


def append_text(el: Any, text: str | None, cp: bool = False) -> None:
    """Append ``text`` at the end of ``el``'s content; with ``cp``, a character XML
    cannot hold as an XLIFF 2 ``<cp hex="..."/>``."""
    if not text:
        return
    if cp and XML_INVALID.search(text):
        for piece in re.split(f"({XML_INVALID.pattern})", text):
            if XML_INVALID.fullmatch(piece):
                etree.SubElement(el, "cp", hex=f"{ord(piece):04X}")
            else:
                append_text(el, piece)
        return
    if len(el):
        el[-1].tail = (el[-1].tail or "") + text
    else:
        el.text = (el.text or "") + text

