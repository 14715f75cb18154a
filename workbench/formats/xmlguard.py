"""Hostile XML stays out, whatever libxml2 version lxml brings.

Before a parser sees a file, :func:`guard` reads its prolog (everything
before the root element's start tag) and refuses a document type whose
internal subset declares entities: billion laughs and XXE need such a
declaration, and no TMX, TBX or XLIFF file needs one. The stream it returns
gives the whole file again, so stdin and pipes work as files do (a declaration
of UTF-16 at the head of an 8-bit file reads as UTF-8). The parse
options in :data:`PARSE_OPTIONS` keep entities unresolved and the network
off, and :func:`syntax_error` turns libxml2's own entity limits (which newer
versions apply before any caller can look) into the same message.
"""
from __future__ import annotations

import codecs
import io
import re
from typing import IO, Any

from lxml import etree

from ..errors import FormatError
from ..fileio import Peeked

#: What a refused file is told, from the guard and from libxml2's limits alike.
ENTITY_MESSAGE = "entity declarations are not allowed (billion-laughs/XXE guard)"
#: Options every XML reader passes to lxml.
PARSE_OPTIONS: dict[str, Any] = dict(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)
#: A character XML 1.0 cannot hold, not even as a character reference.
XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
#: A prolog longer than this (a document type declaration of this size) is refused.
MAX_PROLOG = 1 << 20
_CHUNK = 1 << 16

#: libxml2's words when one of its own entity limits stops a parse.
_LIMIT_WORDS = ("amplification", "entity reference loop", "entity loop", "entities overflow")
#: In a prolog: white space, a declaration or processing instruction, a comment.
_MISC = re.compile(r"\s+|<\?.*?\?>|<!--.*?-->", re.S)
#: Inside a document type declaration: a quoted literal, a comment, a
#: processing instruction, an entity declaration, or any other character.
_DTD_TOKEN = re.compile(r"\"[^\"]*\"|'[^']*'|<!--.*?-->|<\?.*?\?>|(<!ENTITY\b)|([\[\]>])|[^\"'<\[\]>]+|<", re.S)


def _decode(head: bytes) -> str:
    """The prolog as text: by its byte order mark, else as Latin-1 (markup is ASCII in every
    ASCII-compatible encoding, so this finds it whatever the declared encoding is)."""
    for bom, codec in ((codecs.BOM_UTF32_LE, "utf-32-le"), (codecs.BOM_UTF32_BE, "utf-32-be"),
                       (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be")):
        if head.startswith(bom):
            body = head[len(bom):]
            width = 4 if "32" in codec else 2
            return body[: len(body) // width * width].decode(codec, "replace")
    if head[:2] in (b"<\0", b"\0<"):  # UTF-16 without a byte order mark
        codec = "utf-16-le" if head[0] == 0x3C else "utf-16-be"
        return head[: len(head) // 2 * 2].decode(codec, "replace")
    return head.removeprefix(codecs.BOM_UTF8).decode("latin-1")


def _doctype_declares_entities(text: str, start: int) -> bool | None:
    """Whether the document type declaration at ``start`` declares entities;
    None if ``text`` ends before the declaration does."""
    depth = 0
    for m in _DTD_TOKEN.finditer(text, start + len("<!DOCTYPE")):
        if m.group(1):
            return True
        mark = m.group(2)
        if mark == "[":
            depth += 1
        elif mark == "]":
            depth -= 1
        elif mark == ">" and depth <= 0:
            return False
    return None


def _prolog_verdict(text: str) -> bool | None:
    """True if the prolog declares entities, False if the root element starts
    without any, None if more of the file is needed to tell."""
    pos = 0
    while True:
        m = _MISC.match(text, pos)
        if m:
            pos = m.end()
            continue
        if text.startswith("<!DOCTYPE", pos):
            return _doctype_declares_entities(text, pos)
        rest = text[pos:pos + len("<!DOCTYPE")]
        if not rest or any(rest.startswith(o) or o.startswith(rest) for o in ("<?", "<!--", "<!DOCTYPE")):
            return None  # the file, or a construct it has begun, goes on
        return False  # the root element (or text the parser will refuse)


def guard(fh: IO[bytes], name: str) -> IO[bytes]:
    """Refuse a file whose prolog declares entities (:class:`FormatError`);
    else a stream that reads the whole file from its start. The stream has no
    ``name``: lxml would encode a file's name as UTF-8, which a name of bytes
    from another encoding (``\udcff`` in Python) cannot be."""
    etree.clear_error_log()  # so that a syntax error's log holds this file's errors only
    head = b""
    while True:
        chunk = fh.read(_CHUNK)
        head += chunk
        verdict = _prolog_verdict(_decode(head))
        if verdict:
            raise FormatError(ENTITY_MESSAGE, path=name, line=1)
        if verdict is False or not chunk:
            break
        if len(head) > MAX_PROLOG:
            raise FormatError(f"document type declaration longer than {MAX_PROLOG >> 20} MiB", path=name, line=1)
    return io.BufferedReader(Peeked(fh, None, _declared_8bit(head)))


#: Most bytes, and tags (``<``), a streaming reader reads while one entry is open (a TMX ``<tu>``, a
#: termbase entry, or what lies between two): all of it is held in memory until the entry ends, a
#: few hundred bytes a tag (a TU of 100,000 props, or a flood of ``<x/>``, takes 50 MB at this bound).
MAX_ENTRY_BYTES, MAX_ENTRY_TAGS = 32 << 20, 1 << 18


class EntryBound:
    """The stream a reader hands :func:`lxml.etree.iterparse`, which refuses to read more than
    ``bytes`` bytes or ``tags`` tags past the last :meth:`done` (called as each entry ends):
    one entry that goes on and on (an endless stream on stdin, a hostile file) is a
    :class:`FormatError` naming ``what`` an entry is, not all the memory there is."""

    def __init__(self, raw: IO[bytes], name: str, what: str, bytes: int = MAX_ENTRY_BYTES,
                 tags: int = MAX_ENTRY_TAGS) -> None:
        self._raw, self._name, self._what, self._limits = raw, name, what, (bytes, tags)
        self._read = self._tags = 0

    def read(self, size: int = -1) -> bytes:
        data = self._raw.read(size)
        self._read += len(data)
        self._tags += data.count(b"<")
        if self._read > self._limits[0] or self._tags > self._limits[1]:
            raise FormatError(f"{self._what} (or what lies between two) of more than {self._limits[0] >> 20} MB or "
                              f"{self._limits[1]:,} tags: refused, as all of it would be held in memory",
                              path=self._name)
        return data

    def done(self) -> None:
        """An entry has ended: the next may read as much again."""
        self._read = self._tags = 0


#: An XML declaration naming a 16-bit encoding, at the start of a file of 8-bit bytes.
_SIXTEEN_BIT_DECLARATION = re.compile(rb"""\A(<\?xml[^>]*?\bencoding\s*=\s*["'])(?:utf-?16(?:le|be)?|ucs-?2|unicode)(["'])""",
                                      re.IGNORECASE)


def _declared_8bit(head: bytes) -> bytes:
    """``head`` with a declaration of UTF-16 that the bytes belie (an 8-bit ``<?xml``,
    no byte order mark: what .NET tools that serialize to a string and save it as
    UTF-8 write) made to declare UTF-8, which libxml2 would otherwise refuse."""
    return _SIXTEEN_BIT_DECLARATION.sub(rb"\1UTF-8\2", head, count=1)


#: libxml2's advice to lift its limits, which wb does not take.
_HUGE_ADVICE = re.compile(r",? (?:use|try) XML_PARSE_HUGE(?: option)?$")


def syntax_error(exc: etree.XMLSyntaxError, name: str) -> FormatError:
    """The :class:`FormatError` for a parse error: libxml2's entity limits read
    as the guard's message, anything else as malformed XML with its place."""
    fatal = exc.error_log.filter_from_fatals()  # the first fatal error (the last may be its echo)
    line, col, msg = (fatal[0].line, fatal[0].column, fatal[0].message) if fatal else (*exc.position, exc.msg)
    msg = _HUGE_ADVICE.sub("", str(msg or exc).split(", line ")[0].strip())  # not wb's
    if any(word in msg.lower() for word in _LIMIT_WORDS):
        return FormatError(ENTITY_MESSAGE, path=name, line=line or 1)
    return FormatError(f"malformed XML: {msg}", path=name, line=line or None, column=col or None)
