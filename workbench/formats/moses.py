"""Moses-style line-parallel bitext: ``corpus.ar`` and ``corpus.en``, line n
of one the translation of line n of the other.

Only plain text is kept. A line break inside a segment cannot be written:
it becomes a space (and is counted).
"""
from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from itertools import zip_longest
from pathlib import Path

from ..errors import FormatError
from ..model import TU, TUV
from ..text.langtag import parse_tag
from ..fileio import atomic_output
from .issues import ReadLog
from .plaintext import iter_lines, open_document

_BREAK = re.compile(r"\r\n|\r|\n")


def language_of(path: str | Path) -> str:
    """The language named by a file's last suffix (``corpus.ar`` -> ``ar``)."""
    return parse_tag(Path(path).suffix.lstrip(".") or Path(path).name)


def read_moses(src_path: str | Path, tgt_path: str | Path, src_lang: str | None = None, tgt_lang: str | None = None,
               log: ReadLog | None = None, untranslated: bool = False) -> Iterator[TU]:
    """Pairs of lines as TUs (a line and an empty one too, when ``untranslated``);
    files of different lengths are an error."""
    src = parse_tag(src_lang) if src_lang else language_of(src_path)
    tgt = parse_tag(tgt_lang) if tgt_lang else language_of(tgt_path)
    log = log or ReadLog(f"{src_path}+{tgt_path}")
    with open_document(src_path) as a, open_document(tgt_path) as b:
        for left, right in zip_longest(iter_lines(a, str(src_path)), iter_lines(b, str(tgt_path))):
            if left is None or right is None:
                short = src_path if left is None else tgt_path
                line = (right or left).number
                raise FormatError(f"has fewer lines than its pair (ends before line {line})", path=short)
            log.read += 1
            log.unit_line = left.number
            if not left.text.strip() or not right.text.strip() and not untranslated:
                log.skipped += 1
                log.add("skipped", "empty-segment", "empty source or target line", left.number)
                continue
            yield TU((TUV.plain(src, left.text), TUV.plain(tgt, right.text)), (("srclang", src),))


def write_moses(stem: str | Path, tus: Iterable[TU], src_lang: str, tgt_lang: str) -> tuple[int, int]:
    """Write ``stem.<src>`` and ``stem.<tgt>``; returns (pairs written, line breaks replaced)."""
    count = flattened = 0
    base = str(stem)
    with atomic_output(Path(f"{base}.{src_lang}")) as fa, atomic_output(Path(f"{base}.{tgt_lang}")) as fb:
        for tu in tus:
            s, t = tu.variant(src_lang), tu.variant(tgt_lang)
            if s is None or t is None:
                continue
            lines = []
            for text in (s.text, t.text):
                flat = _BREAK.sub(" ", text)
                flattened += flat != text
                lines.append(flat)
            fa.write(lines[0].encode("utf-8") + b"\n")
            fb.write(lines[1].encode("utf-8") + b"\n")
            count += 1
    return count, flattened
