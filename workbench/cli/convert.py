"""``wb convert``: one file from one memory format to another, or one glossary format to another."""
from __future__ import annotations

from contextlib import nullcontext
from pathlib import Path
from typing import cast

import click

from ..convert import ALL_FORMATS, INPUT_FORMATS, convert_glossary, convert_memory, plan
from ..errors import WorkbenchError
from .common import InputPath, echo, is_stdin, local_path, whole_stdout


@click.command("convert")
@click.argument("source", type=InputPath(dir_okay=False, path_type=Path))
@click.argument("target", type=click.Path(dir_okay=False, allow_dash=True, path_type=Path))
@click.option("--from", "from_format", type=click.Choice(INPUT_FORMATS),
              help="Input format (default: sniffed from the content, then the extension; moses: SOURCE is STEM.SRC "
                   "or STEM, read with STEM.TGT; stdin: from the content, which does not tell a table).")
@click.option("--to", "to_format", type=click.Choice(ALL_FORMATS),
              help="Output format (default: from TARGET's extension; moses: TARGET is the stem; stdout: needed).")
@click.option("--src-lang", help="Source language (PO, TSV/CSV, Moses, XLIFF out; the glossary tab layout).")
@click.option("--tgt-lang", help="Target language (as --src-lang).")
@click.option("--keep-fuzzy", is_flag=True, help="Keep PO fuzzy entries and unfinished XLIFF units, marked.")
@click.option("--header/--no-header", default=None,
              help="TSV/CSV input: the first row is a header, or data (default: detected).")
@click.option("--xliff-version", type=click.Choice(["1.2", "2.0", "2.1"]), default="1.2", show_default=True,
              help="XLIFF version written.")
@click.option("--lang-map", "lang_map", multiple=True, metavar="CODE=LANG",
              help="Glossaries: rename a language code that is not BCP 47 (csv2tbx writes xx): --lang-map xx=ar.")
@click.option("--strict", is_flag=True, help="Any skipped or repaired unit, or renamed concept id, is an error.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True,
              help="Report format (memories).")
def convert_cmd(source: Path, target: Path, from_format: str | None, to_format: str | None, src_lang: str | None,
                tgt_lang: str | None, keep_fuzzy: bool, header: bool | None, xliff_version: str,
                lang_map: tuple[str, ...], strict: bool, fmt: str) -> None:
    """Convert a memory (TMX, XLIFF, PO, TSV, CSV, Moses) or a glossary (TBX v3,
    TBX v2, CSV, tab) to another format, without a store.

    Memories stream from reader to writer; the report is that of `wb tm
    import` (read, written as "stored", skipped, and why). TMX to TMX keeps
    everything, header included. Glossary concept ids are made valid for TBX
    and listed. The output is written atomically: on any error, no file.

    SOURCE - reads stdin (copied to a temporary file first; its format is
    known by its content: a TSV or CSV table needs --from); TARGET - writes
    to stdout (with --to), and the report to stderr.

    \b
    Example:
      wb convert tmx/hanoi-convention.ar-en.tmx hanoi.xlf
      wb convert ui.ar.po ui.tmx --src-lang en --tgt-lang ar
      wb convert corpus.ar pairs.tsv --from moses --src-lang ar --tgt-lang en
      wb convert partner-terms.tbx partner-v2.tbx --to tbx-v2
      curl -s https://example.org/memory.tmx | wb convert - - --to xliff > memory.xlf
    """
    piped = is_stdin(target)
    if piped and (to_format == "moses" or (to_format is None and from_format == "moses")):
        raise WorkbenchError("moses output is two files: give TARGET as their stem, not -")
    if is_stdin(source) and from_format == "moses":
        raise WorkbenchError("moses input is two files (STEM.SRC and STEM.TGT): give SOURCE as their stem, not -")
    source = local_path(source)
    how = plan(source, target, from_format=from_format, to_format=to_format)
    if how.kind == "glossary":
        from ..glossary.ids import parse_language_map
        from .glossary import _report

        try:
            mapping = parse_language_map(lang_map)
        except ValueError as exc:
            raise click.BadParameter(str(exc), param_hint="--lang-map") from None
        with whole_stdout() if piped else nullcontext(target) as out:  # a writer takes a path or a binary stream
            result = convert_glossary(source, cast(Path, out), how.source, how.target, src_lang=src_lang,
                                      tgt_lang=tgt_lang, lang_map=mapping, strict=strict)
        _report(result.renamed, result.warnings)
        echo(f"{result.concepts} concept(s) written to {'stdout' if piped else target}", err=True)
        return
    from .tm import print_reports

    with whole_stdout() if piped else nullcontext(target) as out:
        report = convert_memory(source, cast(Path, out), how.source, how.target, src_lang=src_lang, tgt_lang=tgt_lang,
                                keep_fuzzy=keep_fuzzy, header=header, version=xliff_version, strict=strict)
    print_reports([report], fmt, err=piped)
