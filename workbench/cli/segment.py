"""``wb segment``: cut documents into sentences."""
from __future__ import annotations

import json
from itertools import islice
from typing import IO, BinaryIO, cast

import click

from ..errors import InputError
from ..fileio import STDIN_NAME, Peeked, unpacked
from ..formats.plaintext import open_document
from ..model import SegmentKind
from ..project import Project
from ..safeout import GuardedWriter
from ..segment import segment_stream
from .common import (
    InputPath,
    current_project,
    is_stdin,
    output,
    split_list,
    stdin_stream,
)

FORMATS = ("text", "jsonl", "tsv")
KINDS = tuple(k.value for k in SegmentKind)


def _boilerplate(project: Project | None, lang: str | None) -> tuple[str, ...]:
    if project is None or lang is None:
        return ()
    table = project.section("segment").get("boilerplate", {})
    return tuple(table.get(lang.split("-")[0], ()))


def _nonempty(raw: IO[bytes] | None, name: str) -> Peeked:
    """The document ``raw`` (named ``name``), else stdin, which must not be empty;
    compressed data on stdin reads as its content, as a compressed file does."""
    peeked = Peeked(raw, name) if raw is not None else unpacked(Peeked(stdin_stream(), STDIN_NAME))
    if not peeked.head(1):
        raise InputError("empty input", path=name if raw is not None else STDIN_NAME)
    return peeked


@click.command("segment")
@click.argument("files", nargs=-1, required=True, type=InputPath())
@click.option("--lang", "lang", help="BCP 47 tag of the documents (default: project settings, else detected).")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="text", show_default=True)
@click.option("--kinds", help=f"Comma-separated kinds to output ({', '.join(KINDS)}). "
              "Default: all but boilerplate for text, all for jsonl and tsv.")
@click.option("-o", "--output", "out", type=click.Path(dir_okay=False, allow_dash=True), help="Write here instead of stdout.")
def segment_cmd(files: tuple[str, ...], lang: str | None, fmt: str, kinds: str | None, out: str | None) -> None:
    """Cut documents into sentences, headings, captions and boilerplate.

    FILE is a UTF-8 or UTF-16 text file, one paragraph a line; - reads stdin
    (named <stdin>). Compressed input (gzip, bzip2, xz) reads as its content;
    an empty input is an error.

    \b
    Examples:
      wb segment corpus/ar/*.txt
      wb segment --format jsonl corpus/fa/003_*.txt
      echo 'Dr. Smith left. He came back!' | wb segment --lang en -
    """
    wanted = set(split_list(kinds)) if kinds else None
    if wanted is not None and (bad := wanted - set(KINDS)):
        raise click.BadParameter(f"unknown kind(s): {', '.join(sorted(bad))}", param_hint="--kinds")
    if wanted is None:
        wanted = set(KINDS) - {"boilerplate"} if fmt == "text" else set(KINDS)
    chosen = {SegmentKind(k) for k in wanted}
    project = current_project()
    with output(out) as fh:
        writer = GuardedWriter(fh, delimiter="\t") if fmt == "tsv" else None
        if writer:
            writer.writerow(["doc", "index", "lang", "start", "end", "line", "kind", "text"])
        for path in files:
            piped = is_stdin(path)
            tag = lang or (project.language_of(path) if project is not None and not piped else None)
            raw = None if piped else open_document(path)
            try:
                stream = cast(BinaryIO, _nonempty(raw, path))
                _, segments = segment_stream(stream, STDIN_NAME if piped else path, tag, _boilerplate(project, tag))
                kept = (seg for seg in segments if seg.kind in chosen)
                if fmt == "text":
                    # a few hundred lines a write: each write shows control characters, one call per batch
                    while batch := list(islice(kept, 500)):
                        fh.write("".join(f"{seg.text}\n" for seg in batch))
                for seg in kept:
                    if fmt == "jsonl":
                        fh.write(json.dumps(seg.as_dict(), ensure_ascii=False) + "\n")
                    elif writer:
                        writer.writerow(seg.as_dict().values())
            finally:
                if raw is not None:
                    raw.close()



