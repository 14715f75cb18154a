"""Which format a file is in: names, file extensions and sniffed content.

A format is registered with one call and loaded only when used::

    register("tbx", "workbench.formats.tbx:read_tbx", extensions=(".tbx",), roots=("tbx", "martif"))

A format registered without an entry point is recognised, to be named in
errors, but not read. A memory format also names its reader and writer of
TUs (``reads``, ``writes``), which meet the one contract of
:mod:`workbench.formats.memory`; :func:`memory_reader` and
:func:`memory_writer` find them by name.
"""
from __future__ import annotations

import importlib
import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Literal, cast

from ..errors import FormatError, InputError
from ..fileio import ZIP_START, open_input, plain_name
from .plaintext import sniff_bom

if TYPE_CHECKING:
    from .memory import Reader, Writer

_SNIFF_BYTES = 4096
_ROOT = re.compile(r"<([A-Za-z_][\w.:-]*)")
_PROLOG = re.compile(r"<\?.*?\?>|<!--.*?-->|<!DOCTYPE[^>\[]*(\[.*?\])?\s*>", re.DOTALL)
#: Extensions that plain-text documents use as well as a format (a ``.txt`` file is seldom a TSV memory).
_DOCUMENT_EXTENSIONS = (".txt",)


@dataclass(frozen=True, slots=True)
class Format:
    """A registered format: its name, ``module:attribute`` of its entry point
    (empty when there is no reader), file extensions, XML root element names,
    leading text patterns and what the file is, for people; for a memory
    format, ``module:attribute`` of its TU reader and writer, whether it
    holds two languages only (``bilingual``) and whether they come in two
    files, one a language, the second given as the reader's ``pair`` (``paired``)."""

    name: str
    target: str
    extensions: tuple[str, ...] = ()
    roots: tuple[str, ...] = ()
    starts: tuple[str, ...] = ()
    description: str = ""
    reads: str = ""
    writes: str = ""
    bilingual: bool = False
    paired: bool = False
    magic: bytes = b""

    def load(self) -> object:
        """Import and return the entry point."""
        if not self.target:
            raise FormatError(f"workbench cannot read {self.description or self.name} yet")
        module, _, attr = self.target.partition(":")
        return getattr(importlib.import_module(module), attr)


FORMATS: dict[str, Format] = {}
#: Where the readers and writers of the memory formats are (:mod:`workbench.formats.memory`).
_MEMORY = "workbench.formats.memory:"


def register(name: str, target: str, *, extensions: tuple[str, ...] = (), roots: tuple[str, ...] = (),
             starts: tuple[str, ...] = (), description: str = "", reads: str = "", writes: str = "",
             bilingual: bool = False, paired: bool = False, magic: bytes = b"") -> None:
    """Register (or replace) a format (``magic``: the bytes its files start with, for binary formats)."""
    FORMATS[name] = Format(name, target, tuple(e.lower() for e in extensions),
                           tuple(r.lower() for r in roots), starts, description or f"a {name.upper()} file",
                           reads, writes, bilingual, paired, magic)


def memory_formats(kind: Literal["reads", "writes"]) -> tuple[str, ...]:
    """The formats whose TUs can be read (``reads``) or written (``writes``)."""
    return tuple(name for name, fmt in FORMATS.items() if getattr(fmt, kind))


def _entry(name: str, kind: Literal["reads", "writes"]) -> object:
    fmt = FORMATS.get(name)
    if fmt is None or not getattr(fmt, kind):
        verb = "import" if kind == "reads" else "export"
        raise FormatError(f"cannot {verb} {name!r}; formats: {', '.join(memory_formats(kind))}")
    module, _, attr = getattr(fmt, kind).partition(":")
    return getattr(importlib.import_module(module), attr)


def memory_reader(name: str) -> Reader:
    """The TU reader of format ``name`` (a :class:`FormatError` naming the formats there are if none)."""
    return cast("Reader", _entry(name, "reads"))


def memory_writer(name: str) -> Writer:
    """The TU writer of format ``name`` (a :class:`FormatError` naming the formats there are if none)."""
    return cast("Writer", _entry(name, "writes"))


register("tmx", "workbench.formats.tmx:TmxReader", extensions=(".tmx",), roots=("tmx",),
         description="a TMX translation memory", reads=f"{_MEMORY}read_tmx", writes=f"{_MEMORY}write_tmx")
register("po", "workbench.formats.po:read_po", extensions=(".po", ".pot"), starts=("msgid", "msgctxt"),
         description="a PO (gettext) catalogue", reads=f"{_MEMORY}read_po", writes=f"{_MEMORY}write_po", bilingual=True)
register("tsv", "workbench.formats.tabular:read_tabular", extensions=(".tsv", ".tab", ".txt"),
         description="a tab-separated table (memory or glossary)", reads=f"{_MEMORY}read_tsv",
         writes=f"{_MEMORY}write_tsv", bilingual=True)
register("csv", "workbench.formats.tabular:read_tabular", extensions=(".csv",),
         description="a CSV table (memory or glossary)", reads=f"{_MEMORY}read_csv", writes=f"{_MEMORY}write_csv",
         bilingual=True)
register("xlsx", "workbench.formats.tabular:read_tabular", extensions=(".xlsx",),
         description="a spreadsheet (.xlsx) of two languages, a column each", reads=f"{_MEMORY}read_xlsx",
         bilingual=True, magic=ZIP_START)
register("moses", "workbench.formats.moses:read_moses", description="a Moses parallel text",
         reads=f"{_MEMORY}read_moses", writes=f"{_MEMORY}write_moses", bilingual=True, paired=True)
register("tbx", "workbench.formats.tbx:read_tbx", extensions=(".tbx",), roots=("tbx", "martif", "mtf"),
         description="a TBX termbase")
register("glossary-tab", "workbench.formats.glossary_tab:read_glossary_tab", extensions=(".utf8",),
         description="a tab-separated glossary (source, target, comment: OmegaT)")
register("xliff", "workbench.formats.xliff_read:read_xliff", extensions=(".xlf", ".xliff", ".sdlxliff", ".mqxliff", ".mxliff"),
         roots=("xliff",), description="an XLIFF bilingual file", reads=f"{_MEMORY}read_xliff",
         writes=f"{_MEMORY}write_xliff", bilingual=True)
register("srx", "", extensions=(".srx",), roots=("srx",), description="SRX segmentation rules")


def _head(path: Path) -> bytes:
    with open_input(path, "file") as fh:
        return fh.read(_SNIFF_BYTES)


def sniff_content(raw: bytes) -> str | None:
    """The format of content that starts with ``raw`` (its first 4 KB at least): by
    XML root element or leading keyword; None when the content does not say
    (a table, plain text)."""
    for fmt in FORMATS.values():
        if fmt.magic and raw.startswith(fmt.magic):
            return fmt.name
    encoding, skip = sniff_bom(raw)
    if not skip and raw[:2] in (b"<\0", b"\0<"):  # XML in UTF-16 without a byte order mark
        encoding = "utf-16-le" if raw[0] else "utf-16-be"
    head = raw[skip:].decode(encoding, "ignore")
    text = _PROLOG.sub("", head).lstrip()
    if text.startswith("<"):
        m = _ROOT.match(text)
        root = m.group(1).rsplit(":", 1)[-1].lower() if m else ""
        for fmt in FORMATS.values():
            if root in fmt.roots:
                return fmt.name
    for line in head.splitlines():
        word = line.strip()
        if word and not word.startswith("#"):
            for fmt in FORMATS.values():
                if word.startswith(fmt.starts) and fmt.starts:
                    return fmt.name
            break
    return None


def sniff(path: str | Path, document: bool = False) -> str | None:
    """The format of a file by content (:func:`sniff_content`), else by
    extension; with ``document``, not by an extension plain-text documents use too."""
    p = Path(path)
    name = sniff_content(_head(p))
    if name is not None:
        return name
    if document and plain_name(p).suffix.lower() in _DOCUMENT_EXTENSIONS:
        return None
    return by_name(p)


def by_name(path: str | Path, allowed: tuple[str, ...] | None = None) -> str | None:
    """The format a file name's extension says (that of ``memory.tmx.gz`` is ``.tmx``), among
    ``allowed`` if given; None when it says none."""
    suffix = plain_name(path).suffix.lower()
    return next((fmt.name for fmt in FORMATS.values()
                 if suffix in fmt.extensions and (allowed is None or fmt.name in allowed)), None)


def detect(path: str | Path, allowed: tuple[str, ...] | None = None, head: bytes | None = None) -> str:
    """The format of ``path``, or an :class:`InputError` naming the formats known.
    With ``head``, the first bytes of a stream without a file name (stdin) that
    ``path`` names: known by content alone (:func:`sniff_content`)."""
    name = sniff(path) if head is None else sniff_content(head)
    known = allowed or tuple(FORMATS)
    if name is None or name not in known:
        if head == b"":
            raise InputError("empty input", path=path)
        if head is not None and name is None:
            raise InputError(f"cannot tell the format from the content (a table, say, has no file name to "
                             f"tell it by): say which with --from ({', '.join(known)})", path=path)
        what = f"{FORMATS[name].description}, " if name else ""
        raise InputError(f"{what}not a format this command reads ({', '.join(known)}); "
                         "say which with --from", path=path)
    return name
