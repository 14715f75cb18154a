"""Segmenting whole documents: files or streams, with language resolution."""
from __future__ import annotations

from collections.abc import Iterator, Sequence
from itertools import chain
from pathlib import Path
from typing import BinaryIO

from ..formats.plaintext import Line, iter_lines, open_document
from ..model import Segment
from ..text.langtag import parse_tag
from ..text.script import detect_language
from .engine import Segmenter
from .rules import rules_for

_PEEK_CHARS = 4000


def _peek(lines: Iterator[Line]) -> tuple[list[Line], str]:
    head: list[Line] = []
    size = 0
    for line in lines:
        head.append(line)
        size += len(line.text)
        if size >= _PEEK_CHARS:
            break
    return head, "\n".join(x.text for x in head)


def segment_stream(
    stream: BinaryIO,
    name: str,
    lang: str | None = None,
    extra_boilerplate: Sequence[str] = (),
) -> tuple[str, Iterator[Segment]]:
    """Segment a binary stream; returns the language used and the segments.

    Without ``lang`` the language is detected from the first lines' letters;
    text in no script we know is segmented with the generic rules (``und``).
    """
    lines = iter_lines(stream, name)
    tag = parse_tag(lang) if lang else None
    if tag is None:
        head, sample = _peek(lines)
        tag = detect_language(sample) or "und"
        lines = chain(head, lines)
    rules = rules_for(None if tag == "und" else tag, tuple(extra_boilerplate))
    return tag, Segmenter(rules).segment(lines, doc=name, lang=tag)


def segment_file(
    path: str | Path,
    lang: str | None = None,
    extra_boilerplate: Sequence[str] = (),
    doc: str | None = None,
) -> tuple[str, list[Segment]]:
    """Segment a document file (all segments, boilerplate included, in order)."""
    with open_document(path) as fh:
        tag, segments = segment_stream(fh, doc or str(path), lang, extra_boilerplate)
        return tag, list(segments)

