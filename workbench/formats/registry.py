"""Which format a file is in: names, file extensions and sniffed content.

A format is registered with one call and loaded only when used::

    register("tbx", "workbench.formats.tbx:read_tbx", extensions=(".tbx",), roots=("tbx", "martif"))
"""
from __future__ import annotations

import codecs
import importlib
import re
from dataclasses import dataclass
from pathlib import Path

from ..fileio import open_input
from ..errors import InputError

_SNIFF_BYTES = 4096
_ROOT = re.compile(r"<([A-Za-z_][\w.:-]*)")
_PROLOG = re.compile(r"<\?.*?\?>|<!--.*?-->|<!DOCTYPE[^>\[]*(\[.*?\])?\s*>", re.S)


@dataclass(frozen=True, slots=True)
class Format:
    """A registered format: its name, ``module:attribute`` of its entry point,
    file extensions, XML root element names and leading text patterns."""

    name: str
    target: str
    extensions: tuple[str, ...] = ()
    roots: tuple[str, ...] = ()
    starts: tuple[str, ...] = ()

    def load(self) -> object:
        """Import and return the entry point."""
        module, _, attr = self.target.partition(":")
        return getattr(importlib.import_module(module), attr)


FORMATS: dict[str, Format] = {}


def register(name: str, target: str, *, extensions: tuple[str, ...] = (), roots: tuple[str, ...] = (),
             starts: tuple[str, ...] = ()) -> None:
    """Register (or replace) a format."""
    FORMATS[name] = Format(name, target, tuple(e.lower() for e in extensions),
                           tuple(r.lower() for r in roots), starts)


register("tmx", "workbench.formats.tmx:TmxReader", extensions=(".tmx",), roots=("tmx",))
register("po", "workbench.formats.po:read_po", extensions=(".po", ".pot"), starts=("msgid", "msgctxt"))
register("tsv", "workbench.formats.tabular:read_tabular", extensions=(".tsv", ".tab", ".txt"))
register("csv", "workbench.formats.tabular:read_tabular", extensions=(".csv",))
register("moses", "workbench.formats.moses:read_moses")
register("tbx", "workbench.formats.tbx:read_tbx", extensions=(".tbx",), roots=("tbx", "martif"))


def _head(path: Path) -> str:
    with open_input(path, "file") as fh:
        raw = fh.read(_SNIFF_BYTES)
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return raw[: len(raw) // 2 * 2].decode("utf-16", "ignore")
    return raw.decode("utf-8", "ignore").lstrip("\ufeff")


def sniff(path: str | Path) -> str | None:
    """The format of a file by content (XML root element, leading keyword), else by extension."""
    p = Path(path)
    head = _head(p)
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
    suffix = p.suffix.lower()
    for fmt in FORMATS.values():
        if suffix in fmt.extensions:
            return fmt.name
    return None


def detect(path: str | Path, allowed: tuple[str, ...] | None = None) -> str:
    """The format of ``path``, or an :class:`InputError` naming the formats known."""
    name = sniff(path)
    known = allowed or tuple(FORMATS)
    if name is None or name not in known:
        what = f"a {name.upper()} file, " if name else ""
        raise InputError(f"{what}not a format this command reads ({', '.join(known)}); "
                         "say which with --from", path=path)
    return name
