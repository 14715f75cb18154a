"""``wb translate``: pre-translate a document from the memory into XLIFF for a CAT tool."""
from __future__ import annotations

import sys
from pathlib import Path
from typing import IO

import click

from ..tm.engine import open_store
from .common import InputPath, echo, is_stdin, local_path
from .tm import as_indexed, store_option, store_spec


@click.command("translate")
@click.argument("doc", type=InputPath(dir_okay=False, path_type=Path))
@click.option("--to", "tgt", required=True, help="Target language (BCP 47), e.g. en.")
@click.option("--from", "src", help="Language of DOC (default: detected).")
@click.option("--min", "min_score", type=click.FloatRange(1, 100), default=75.0, show_default=True,
              help="Lowest fuzzy score filled in (0-100).")
@store_option
@click.option("--xliff-version", type=click.Choice(["1.2", "2.0", "2.1"]), default="1.2", show_default=True,
              help="XLIFF version written (1.2 is what most CAT tools read, OmegaT among them).")
@click.option("-o", "--output", type=click.Path(dir_okay=False, allow_dash=True, path_type=Path),
              help="The XLIFF file, - for stdout (default: DOC's name with .xlf, in the working directory).")
def translate_cmd(doc: Path, tgt: str, src: str | None, min_score: float, store_path: str | Path | None,
                  xliff_version: str, output: Path | None) -> None:
    """Pre-translate DOC from the memory into XLIFF for a CAT tool.

    DOC is segmented; each sentence gets the memory's exact match
    (translated), else its best fuzzy match at or above --min (to review,
    with its score), else no translation. Boilerplate is kept, locked
    (translate="no"). Translate the file in a CAT tool, then bring it back
    with `wb tm import DOC.xlf`: finished units go into the memory,
    unconfirmed pre-fills do not. DOC - reads stdin (named <stdin>; give -o).

    \b
    Example:
      wb translate corpus/ar/002_74555ccaf6b3bf05_unodc-vienna-briefing.txt --to en -o briefing.xlf && wb tm import briefing.xlf
      wb translate corpus/fa/003_2a7e24ddac758eb5_new-york-commemoration.txt --to en --min 60 --xliff-version 2.1 -o commemoration.xlf
    """
    from ..tm.pretranslate import pretranslate

    if output is None and is_stdin(doc):
        raise click.UsageError("stdin has no name to make DOC.xlf of: give -o FILE (or -o - for stdout)")
    target = output or Path(doc.stem + ".xlf")
    out: Path | IO[bytes] = sys.stdout.buffer if is_stdin(target) else target
    with open_store(store_spec(store_path), create=False) as store:
        result = pretranslate(as_indexed(store), local_path(doc), out, tgt, src, min_score, xliff_version)
    if is_stdin(target):
        sys.stdout.buffer.flush()
    echo(f"{result.summary()} -> {'stdout' if is_stdin(target) else target}", err=True)
