"""What an XLIFF file has that workbench keeps whole, and how it is put back.

The reader (:mod:`workbench.formats.xliff_read`) keeps, as props, what it reads
no other way: attributes (:func:`attr_map`, as JSON), child elements
(:func:`kept_xml`, as XML without the XLIFF namespace), a segmented unit's
``seg-source`` and ``target`` without their segments (:func:`skeleton`);
the writer puts them back (:func:`element`, :func:`attrs_text`,
:func:`kept_text`), checking first what it is given (:func:`fragment`,
:func:`name_ok`, :func:`loads`): such props may come from a TMX file anyone
can edit. Props of other formats that XLIFF has no place for ride in a
1.2 ``context-group`` or a 2.x ``mda:metaGroup`` (:func:`carry`,
:func:`carried_props`).
"""
from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from copy import deepcopy
from typing import Any

from lxml import etree

from ..model import Prop
from .xliff_inline import attr_text, local_name, parse_fragment, whole
from .xmlguard import XML_INVALID

XML_NS = "http://www.w3.org/XML/1998/namespace"
MDA = "urn:oasis:names:tc:xliff:metadata:2.0"
#: The 1.2 ``context-group`` name and 2.x ``mda:metaGroup`` category under which the writer puts the
#: props of other formats (a PO entry's ``msgctxt``, a TMX file's props), one ``context`` or
#: ``mda:meta`` each, its ``context-type`` or ``type`` the prop's type, and the reader takes them back.
#: A 1.2 ``context-type`` is an ``x-`` name: a type that is not one is written with ``x-`` before it,
#: in a group named :data:`CARRIED_UNPREFIXED` (consecutive props of each kind share a group; 1.2
#: group names are unique in a file, so each is ``NAME.N``).
CARRIED, CARRIED_UNPREFIXED = "x-workbench-props", "x-workbench-props-unprefixed"
_CARRIED_GROUP = re.compile(r"x-workbench-props(-unprefixed)?(?:\.\d+)?\Z")
_CONTEXT_TYPE = re.compile(r"x-\S+\Z")
#: Children of a file or group that hold units (the rest of a file or group is kept whole).
HOLDERS = frozenset({"body", "group", "trans-unit", "bin-unit", "unit"})
_XML_NAME = re.compile(r"(?:xmlns:)?[A-Za-z_][\w.\-]*(?::[A-Za-z_][\w.\-]*)?\Z")
_DECLARATION = re.compile(r"<!(?:DOCTYPE|ENTITY)", re.IGNORECASE)


def attr_map(el: Any, skip: frozenset[str]) -> dict[str, str]:
    """The attributes of ``el`` but ``skip`` (Clark names), named as written (``xml:space``,
    ``mq:status``), with an ``xmlns:PREFIX`` entry for each namespace they use."""
    out: dict[str, str] = {}
    for key, value in el.attrib.items():
        if key in skip:
            continue
        ns, name = local_name(key)
        if ns == XML_NS:
            name = f"xml:{name}"
        elif ns:
            prefix = next((p for p, uri in el.nsmap.items() if uri == ns and p), None) or f"ns{len(out)}"
            out[f"xmlns:{prefix}"] = ns
            name = f"{prefix}:{name}"
        out[name] = value
    return out


def to_json(value: object) -> str:
    """``value`` as the JSON of a kept prop."""
    return json.dumps(value, ensure_ascii=False)


def kept_xml(el: Any, ns: str) -> str:
    """An element kept whole, as XML without the XLIFF namespace ``ns``; '' for a comment
    or a processing instruction."""
    return "" if local_name(el.tag)[0] == "#" else whole(el, ns)


def kept_before(holder: Any, stop: Any, ns: str) -> list[Any]:
    """The children of a file or group before its first unit, group or body (or ``stop``) to keep
    whole; of a 1.2 ``header``, its children (but the ``tool`` element workbench writes)."""
    kept: list[Any] = []
    for child in holder.iterchildren():
        kind, name = local_name(child.tag)
        if child is stop or (name in HOLDERS and kind == ns):
            break
        if kind == ns and name == "header":
            kept += [c for c in child if isinstance(c.tag, str)
                     and not (local_name(c.tag) == (ns, "tool") and c.get("tool-id") == "workbench")]
        elif kind != "#":
            kept.append(child)
    return kept


def skeleton(segsrc: Any, target: Any | None, ns: str) -> str:
    """A segmented 1.2 unit's ``seg-source`` and ``target`` with the content of each segment
    taken out (JSON), when they hold more than segments and text between them (codes, segments
    inside codes); else ''."""
    def plain(box: Any | None) -> bool:
        return box is None or all(local_name(c.tag) == (ns, "mrk") and c.get("mtype") == "seg" for c in box)

    if plain(segsrc) and plain(target):
        return ""
    shells: dict[str, str | None] = {}
    for name, box in (("seg-source", segsrc), ("target", target)):
        if box is None:
            shells[name] = None
            continue
        copy = deepcopy(box)
        copy.attrib.clear()  # a target's state and the like are props of their own
        for mark in list(copy.iter(f"{{{ns}}}mrk" if ns else "mrk")):
            if mark.get("mtype") == "seg":
                mark.text = None
                del mark[:]
        shells[name] = whole(copy, ns)
    return to_json(shells)


def carried_props(el: Any, ns: str) -> tuple[list[Prop], str] | None:
    """The props of another format a unit's child carries (:data:`CARRIED`) and, of a 2.x
    ``mda:metadata``, the rest of it to keep ('' if nothing); None if it is no such child."""
    named = _CARRIED_GROUP.match(el.get("name") or "")
    if el.tag == (f"{{{ns}}}context-group" if ns else "context-group") and named:
        cut = 2 if named[1] else 0
        return [Prop((c.get("context-type") or "")[cut:], c.text or "") for c in el if isinstance(c.tag, str)], ""
    if el.tag == f"{{{MDA}}}metadata" and any(g.get("category") == CARRIED for g in el):
        props = [Prop(m.get("type") or "", m.text or "") for g in el if g.get("category") == CARRIED
                 for m in g if isinstance(m.tag, str)]
        rest = deepcopy(el)
        for group in [g for g in rest if g.get("category") == CARRIED]:
            rest.remove(group)
        return props, kept_xml(rest, ns) if len(rest) else ""
    return None


def carry(el: Any, props: Iterable[Prop], family: int, count: Iterator[int]) -> None:
    """Append ``props`` to a unit as :data:`CARRIED` (in 1.2, those whose type can be a ``context-type``);
    ``count`` numbers the 1.2 groups."""
    props = [p for p in props if family == 2 or _CONTEXT_TYPE.match(f"x-{p.type}")]
    if not props:
        return
    if family == 1:
        box, name = None, ""
        for prop in props:
            prefixed = prop.type.startswith("x-")
            if box is None or name != (CARRIED if prefixed else CARRIED_UNPREFIXED):
                name = CARRIED if prefixed else CARRIED_UNPREFIXED
                box = etree.SubElement(el, "context-group", name=f"{name}.{next(count)}", purpose="information")
            kind = XML_INVALID.sub("\ufffd", prop.type if prefixed else f"x-{prop.type}")
            etree.SubElement(box, "context", {"context-type": kind}).text = XML_INVALID.sub("\ufffd", prop.value)
        return
    box = el.find(f"{{{MDA}}}metadata")  # one a unit: a kept one, or a new one
    if box is None:
        box = etree.SubElement(el, f"{{{MDA}}}metadata", nsmap={"mda": MDA})
    group = etree.SubElement(box, f"{{{MDA}}}metaGroup", category=CARRIED)
    for prop in props:
        meta = etree.SubElement(group, f"{{{MDA}}}meta", type=XML_INVALID.sub("\ufffd", prop.type))
        meta.text = XML_INVALID.sub("\ufffd", prop.value)


def loads(value: str | None, kind: type) -> Any:
    """A kept JSON prop, or an empty ``kind`` if it is absent or not JSON of that kind."""
    try:
        data = json.loads(value) if value else kind()
    except ValueError:
        return kind()
    return data if isinstance(data, kind) else kind()


def name_ok(name: object) -> bool:
    """Whether a kept attribute's name can be written (an XML name; no ``xml``/``xmlns`` prefix declared)."""
    return isinstance(name, str) and bool(_XML_NAME.match(name)) and name not in ("xmlns:xml", "xmlns:xmlns")


def attrs_text(attrs: dict[str, Any], taken: Iterable[str] = ()) -> str:
    """Kept attributes as the text of a start tag (but names that cannot be written or that are ``taken``)."""
    skip = {"xmlns", *taken}
    return "".join(f' {k}="{attr_text(str(v))}"' for k, v in attrs.items() if name_ok(k) and k not in skip)


def fragment(xml: str) -> Any | None:
    """A kept element, parsed (None if it is not one, or declares or refers to entities)."""
    el = None if _DECLARATION.search(xml) else parse_fragment(xml)
    if el is None or not isinstance(el.tag, str) or any(isinstance(n, etree._Entity) for n in el.iter()):
        return None
    return el


def kept_text(xml: object) -> str:
    """A kept element as XML to write ('' if it is not one)."""
    el = fragment(xml) if isinstance(xml, str) else None
    return str(etree.tostring(el, encoding="unicode", with_tail=False)) if el is not None else ""


def element(tag: str, attrs: dict[str, Any]) -> Any:
    """An element with kept attributes (``xmlns:p`` entries declare the prefixes they use)."""
    nsmap = {k[6:]: str(v) for k, v in attrs.items() if k.startswith("xmlns:") and name_ok(k)}
    el = etree.Element(tag, nsmap=nsmap or None)
    for key, value in attrs.items():
        if key.startswith("xmlns:") or not name_ok(key):
            continue
        prefix, _, local = key.rpartition(":")
        if prefix == "xml":
            set_attr(el, f"{{{XML_NS}}}{local}", str(value))
        elif prefix:
            if prefix in nsmap:
                set_attr(el, f"{{{nsmap[prefix]}}}{local}", str(value))
        else:
            set_attr(el, key, str(value))
    return el


def unwrap(el: Any, keep: bool) -> None:
    """Take ``el`` out of its parent, its content kept in its place (``keep``) or not; its tail kept."""
    parent = el.getparent()
    at = parent.index(el)
    text = (el.text or "") if keep else ""
    children = list(el) if keep else []
    if children:
        children[-1].tail = (children[-1].tail or "") + (el.tail or "")
    else:
        text += el.tail or ""
    if at == 0:
        parent.text = (parent.text or "") + text
    else:
        parent[at - 1].tail = (parent[at - 1].tail or "") + text
    parent.remove(el)
    for k, child in enumerate(children):
        parent.insert(at + k, child)


def set_attr(el: Any, key: str, value: str) -> None:
    """Set an attribute, a character XML cannot hold (a control character in a file name) as U+FFFD."""
    el.set(key, XML_INVALID.sub("\ufffd", value))
