"""Gettext PO as bitext, through polib.

Each translated entry is a TU: ``msgid`` in the source language, ``msgstr``
in the target language. What else an entry carries becomes TU props and
notes, and comes back on export:

==================  =========================================
PO                  TU
==================  =========================================
``msgctxt``         prop ``x-po-msgctxt``
``# comment``       note
``#. extracted``    prop ``x-po-extracted``
``#: reference``    prop ``x-po-reference`` (one per place)
``#, flags``        prop ``x-po-flags`` (comma-separated)
``#| msgid``        prop ``x-po-previous-msgid`` (and ``-msgctxt``)
``msgid_plural``    prop ``x-po-msgid-plural``
``msgstr[n]``, n>0  prop ``x-po-msgstr-n``
==================  =========================================

polib reads the whole file into memory: PO files are small.
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO

import polib

from ..errors import FormatError, InputError
from ..model import Note, Prop, TU, TUV
from ..text.langtag import parse_tag
from ..fileio import atomic_output
from .issues import ReadLog

CTXT, EXTRACTED, REFERENCE, FLAGS = "x-po-msgctxt", "x-po-extracted", "x-po-reference", "x-po-flags"
PREV_ID, PREV_CTXT, PLURAL = "x-po-previous-msgid", "x-po-previous-msgctxt", "x-po-msgid-plural"
PLURAL_STR = "x-po-msgstr-"


def _load(path: str | Path) -> polib.POFile:
    p = Path(path)
    if not p.is_file():
        raise InputError("no such file" if not p.exists() else "is a directory", path=p)
    try:
        return polib.pofile(str(p), wrapwidth=0)
    except (OSError, ValueError) as exc:
        raise FormatError(f"not a valid PO file: {exc}", path=p) from None
    except UnicodeDecodeError as exc:
        raise FormatError(f"cannot decode: {exc.reason}", path=p) from None


def read_po(path: str | Path, src_lang: str | None, tgt_lang: str | None, log: ReadLog | None = None) -> Iterator[TU]:
    """The translated entries of a PO file as TUs.

    The target language defaults to the header's ``Language``, the source
    language to ``X-Source-Language``; an untranslated or obsolete entry is
    skipped (and logged); a file with no translated entry is an error.
    """
    po = _load(path)
    log = log or ReadLog(str(path))
    src = parse_tag(src_lang or po.metadata.get("X-Source-Language", "") or _need("source", "--src-lang", path))
    tgt = parse_tag(tgt_lang or po.metadata.get("Language", "") or _need("target", "--tgt-lang", path))
    found = 0
    for entry in po:
        log.read += 1
        if entry.obsolete:
            log.skipped += 1
            log.add("skipped", "po-obsolete", "obsolete entry", entry.linenum)
            continue
        target = entry.msgstr if not entry.msgid_plural else entry.msgstr_plural.get(0, "")
        if not target or not entry.msgid:
            log.skipped += 1
            log.add("skipped", "po-untranslated", f"untranslated entry {entry.msgid[:40]!r}", entry.linenum)
            continue
        found += 1
        yield TU((TUV.plain(src, entry.msgid), TUV.plain(tgt, target)), (("srclang", src),),
                 _props(entry), tuple(Note(line) for line in entry.tcomment.split("\n") if entry.tcomment))
    if not found:
        raise InputError("no translated entry (every msgstr is empty)", path=path)


def _need(which: str, option: str, path: str | Path) -> str:
    raise InputError(f"the {which} language is not in the PO header: give {option}", path=path)


def _props(entry: polib.POEntry) -> tuple[Prop, ...]:
    props: list[Prop] = []
    if entry.msgctxt is not None:
        props.append(Prop(CTXT, entry.msgctxt))
    if entry.comment:
        props.append(Prop(EXTRACTED, entry.comment))
    props.extend(Prop(REFERENCE, f"{f}:{n}" if n else f) for f, n in entry.occurrences)
    if entry.flags:
        props.append(Prop(FLAGS, ", ".join(entry.flags)))
    if entry.previous_msgctxt:
        props.append(Prop(PREV_CTXT, entry.previous_msgctxt))
    if entry.previous_msgid:
        props.append(Prop(PREV_ID, entry.previous_msgid))
    if entry.msgid_plural:
        props.append(Prop(PLURAL, entry.msgid_plural))
        props.extend(Prop(f"{PLURAL_STR}{n}", s) for n, s in sorted(entry.msgstr_plural.items()) if n)
    return tuple(props)


def _entry(tu: TU, src: TUV, tgt: TUV) -> polib.POEntry:
    props = {p.type: p.value for p in tu.props}
    entry = polib.POEntry(msgid=src.text, msgstr=tgt.text)
    if CTXT in props:
        entry.msgctxt = props[CTXT]
    entry.comment = props.get(EXTRACTED, "")
    entry.tcomment = "\n".join(n.text for n in tu.notes)
    entry.occurrences = [tuple(p.value.rsplit(":", 1)) if ":" in p.value else (p.value, "")
                         for p in tu.props if p.type == REFERENCE]
    entry.flags = [f.strip() for f in props.get(FLAGS, "").split(",") if f.strip()]
    entry.previous_msgctxt = props.get(PREV_CTXT)
    entry.previous_msgid = props.get(PREV_ID)
    if PLURAL in props:
        entry.msgid_plural = props[PLURAL]
        entry.msgstr_plural = {0: tgt.text, **{int(p.type[len(PLURAL_STR):]): p.value
                                               for p in tu.props if p.type.startswith(PLURAL_STR)}}
        entry.msgstr = ""
    return entry


def write_po(target: str | Path | IO[bytes], tus: Iterable[TU], src_lang: str, tgt_lang: str) -> tuple[int, int]:
    """Write the ``src_lang``-``tgt_lang`` pairs of ``tus`` as PO.

    Returns ``(written, dropped)``: PO holds one entry per (msgctxt, msgid),
    so a later TU with the same source and context is dropped.
    """
    po = polib.POFile(wrapwidth=0)
    po.metadata = {"Project-Id-Version": "workbench", "Language": tgt_lang, "X-Source-Language": src_lang,
                   "MIME-Version": "1.0", "Content-Type": "text/plain; charset=UTF-8",
                   "Content-Transfer-Encoding": "8bit"}
    seen: set[tuple[str | None, str]] = set()
    dropped = 0
    for tu in tus:
        src, tgt = tu.variant(src_lang), tu.variant(tgt_lang)
        if src is None or tgt is None:
            continue
        entry = _entry(tu, src, tgt)
        if (entry.msgctxt, entry.msgid) in seen:
            dropped += 1
            continue
        seen.add((entry.msgctxt, entry.msgid))
        po.append(entry)
    with atomic_output(target) as fh:
        fh.write(str(po).encode("utf-8") + b"\n")
    return len(po), dropped
