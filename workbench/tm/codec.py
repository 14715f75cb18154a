"""Compact JSON for what a TU, TUV or header carries besides its text."""
from __future__ import annotations

import json
from hashlib import blake2b
from typing import Any

from ..model import Attrs, Note, Prop, TMXHeader, TU, TUV

_dumps = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode


def _attrs(data: list[list[str]] | None) -> Attrs:
    return tuple((k, v) for k, v in data) if data else ()


def encode_meta(attrs: Attrs, props: tuple[Prop, ...], notes: tuple[Note, ...], extra: tuple[str, ...]) -> str | None:
    """JSON of the metadata, ``None`` when there is none."""
    out: dict[str, Any] = {}
    if attrs:
        out["a"] = attrs
    if props:
        out["p"] = [(p.type, p.value, p.attrs) if p.attrs else (p.type, p.value) for p in props]
    if notes:
        out["n"] = [(n.text, n.attrs) if n.attrs else (n.text,) for n in notes]
    if extra:
        out["x"] = extra
    return _dumps(out) if out else None


def decode_meta(text: str | None) -> tuple[Attrs, tuple[Prop, ...], tuple[Note, ...], tuple[str, ...]]:
    """The inverse of :func:`encode_meta`."""
    if not text:
        return (), (), (), ()
    data = json.loads(text)
    props = tuple(Prop(p[0], p[1], _attrs(p[2]) if len(p) > 2 else ()) for p in data.get("p", ()))
    notes = tuple(Note(n[0], _attrs(n[1]) if len(n) > 1 else ()) for n in data.get("n", ()))
    return _attrs(data.get("a")), props, notes, tuple(data.get("x", ()))


def encode_header(header: TMXHeader) -> str:
    return encode_meta(header.attrs, header.props, header.notes, header.extra) or "{}"


def decode_header(text: str | None) -> TMXHeader | None:
    if text is None:
        return None
    return TMXHeader(*decode_meta(text))


def escape(text: str) -> str:
    """``text`` as XML character data, escaped exactly as lxml serializes it."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\r", "&#13;")


def tuv_row(tuv: TUV) -> tuple[str, str, str | None, str | None]:
    """``(lang, text, seg or None, meta)`` for the ``tuv`` table."""
    seg = None if tuv.seg == escape(tuv.text) else tuv.seg
    return tuv.lang, tuv.text, seg, encode_meta(tuv.attrs, tuv.props, tuv.notes, tuv.extra)


def tuv_from_row(lang: str, text: str, seg: str | None, meta: str | None) -> TUV:
    attrs, props, notes, extra = decode_meta(meta)
    return TUV(lang, escape(text) if seg is None else seg, text, attrs, props, notes, extra)


def hash64(*parts: str) -> int:
    """A stable signed 64-bit hash (SQLite INTEGER) of some strings."""
    data = "\0".join(parts).encode("utf-8", "surrogatepass")
    return int.from_bytes(blake2b(data, digest_size=8).digest(), "little", signed=True)


def source_variant(tu: TU, srclang: str) -> TUV:
    """The variant in the source language (the first one for ``*all*``)."""
    if srclang != "*all*":
        for tuv in tu.tuvs:
            if tuv.lang == srclang:
                return tuv
        found = tu.variant(srclang)
        if found is not None:
            return found
    return tu.tuvs[0]
