"""Compact JSON for what a TU, TUV or header carries besides its text, and
the records (:data:`~workbench.formats.tmx.TURecord`) the store is filled from."""
from __future__ import annotations

import json
from collections.abc import Sequence
from json import encoder as _json_encoder
from typing import TYPE_CHECKING, Any

from ..errors import WorkbenchError
from ..model import Attrs, Note, Prop, TMXHeader, TU, TUV

if TYPE_CHECKING:  # the TMX reader is imported by imports alone
    from ..formats.tmx import NoteRow, PropRow, TURecord

try:  # CPython's own BLAKE2: hashlib would load OpenSSL too, a tenth of a lookup process's start-up
    from _blake2 import blake2b
except ImportError:  # pragma: no cover - other Pythons
    from hashlib import blake2b

# CPython's C encoder, made once (JSONEncoder.encode makes it again on every call);
# its output is that of _PY_ENCODE.
_MAKE_ENCODER = getattr(_json_encoder, "c_make_encoder", None)
_C_ENCODE = (_MAKE_ENCODER(None, None, _json_encoder.encode_basestring, None, ":", ",", False, False, True)
             if _MAKE_ENCODER is not None else None)
_PY_ENCODE = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode


class StoreDataError(WorkbenchError):
    """Stored data that does not decode: a damaged store (:class:`~workbench.tm.store.Store` names it)."""


def _dumps(data: dict[str, Any]) -> str:
    return "".join(_C_ENCODE(data, 0)) if _C_ENCODE is not None else _PY_ENCODE(data)


def _attrs(data: list[list[str]] | None) -> Attrs:
    return tuple((k, v) for k, v in data) if data else ()


def prop_row(prop: Prop) -> PropRow:
    """A prop as a record keeps it."""
    return (prop.type, prop.value, prop.attrs) if prop.attrs else (prop.type, prop.value)


def note_row(note: Note) -> NoteRow:
    """A note as a record keeps it."""
    return (note.text, note.attrs) if note.attrs else (note.text,)


def encode_meta(attrs: Attrs, props: Sequence[PropRow], notes: Sequence[NoteRow], extra: Sequence[str]) -> str | None:
    """JSON of the metadata, ``None`` when there is none."""
    if not (props or notes or extra):
        return _dumps({"a": attrs}) if attrs else None
    out: dict[str, Any] = {}
    if attrs:
        out["a"] = attrs
    if props:
        out["p"] = props
    if notes:
        out["n"] = notes
    if extra:
        out["x"] = extra
    return _dumps(out)


def decode_meta(text: str | None) -> tuple[Attrs, tuple[Prop, ...], tuple[Note, ...], tuple[str, ...]]:
    """The inverse of :func:`encode_meta`."""
    if not text:
        return (), (), (), ()
    try:
        data = json.loads(text)
        props = tuple(Prop(p[0], p[1], _attrs(p[2]) if len(p) > 2 else ()) for p in data.get("p", ()))
        notes = tuple(Note(n[0], _attrs(n[1]) if len(n) > 1 else ()) for n in data.get("n", ()))
        return _attrs(data.get("a")), props, notes, tuple(data.get("x", ()))
    except (ValueError, TypeError, KeyError, IndexError, AttributeError) as exc:
        raise StoreDataError(f"metadata that is not what the store writes: {exc}: {text[:40]!r}") from None


def encode_header(header: TMXHeader) -> str:
    return encode_meta(header.attrs, [prop_row(p) for p in header.props], [note_row(n) for n in header.notes],
                       header.extra) or "{}"


def decode_header(text: str | None) -> TMXHeader | None:
    if text is None:
        return None
    return TMXHeader(*decode_meta(text))


def escape(text: str) -> str:
    """``text`` as XML character data, escaped exactly as lxml serializes it."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\r", "&#13;")


def record(tu: TU) -> TURecord:
    """The record of a model TU (``seg`` ``None`` when it is ``text`` escaped), as the TMX reader makes it."""
    return ([(t.lang, None if t.seg == escape(t.text) else t.seg, t.text, t.attrs, [prop_row(p) for p in t.props] or (),
              [note_row(n) for n in t.notes] or (), list(t.extra) or ()) for t in tu.tuvs],
            tu.attrs, [prop_row(p) for p in tu.props] or (), [note_row(n) for n in tu.notes] or (), list(tu.extra) or ())


def tuv_from_row(lang: str, text: str, seg: str | None, meta: str | None) -> TUV:
    attrs, props, notes, extra = decode_meta(meta)
    return TUV(lang, escape(text) if seg is None else seg, text, attrs, props, notes, extra)


def source_hash(srclang: str, seg: str) -> int:
    """A TU's source hash in the store (column ``tu.src_hash``): a stable signed 64-bit
    hash (SQLite INTEGER) of its source language and source seg markup."""
    return int.from_bytes(blake2b(f"{srclang}\0{seg}".encode("utf-8", "surrogatepass"), digest_size=8).digest(),
                          "little", signed=True)
