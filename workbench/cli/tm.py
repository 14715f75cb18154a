"""``wb tm``: the translation memory (import, export, lookup, concordance, stats, analyze)."""
from __future__ import annotations

import io
import json
import sys
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager, nullcontext
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

import click

from ..errors import WorkbenchError
from ..fileio import STDIN_NAME, Peeked, confined, destination, plain_name
from ..safeout import GuardedWriter, visible
from ..tm.engine import TMStore, is_url, open_store, removed_if_failed
from ..tm.names import EXPORT_FORMATS, IMPORT_FORMATS
from ..tm.store import ON_DUPLICATE
from .common import (
    InputPath,
    current_project,
    default_store_path,
    echo,
    is_stdin,
    local_path,
    not_dash,
    stdin_stream,
)

if TYPE_CHECKING:  # each command imports what it uses: a lookup reads no file format
    from ..memories import Recorded
    from ..project import Project
    from ..tm.fuzzy import FuzzyIndex
    from ..tm.indexer import Indexer
    from ..tm.report import ImportReport
    from ..tm.store import Store

STORE_HELP = ("The store: an SQLite file, or a team's PostgreSQL database as postgresql://USER@HOST/DB "
              "(password from PGPASSWORD or ~/.pgpass). Default: the project's store (build/memory.sqlite).")


def _store_spec(ctx: click.Context, param: click.Parameter, value: str | None) -> str | Path | None:
    """``--store``: a PostgreSQL URL as given, else a path (not ``-``)."""
    value = not_dash(ctx, param, value)
    return value if value is None or is_url(value) else Path(value)


store_option = click.option("--store", "store_path", callback=_store_spec, metavar="PATH|URL", help=STORE_HELP)


def as_indexed(store: TMStore) -> Store:
    """``store`` as the fuzzy index, concordance and analysis annotate it (they use only what
    :class:`~workbench.tm.engine.TMStore` has, on either engine)."""
    return cast("Store", store)


def store_spec(store_path: str | Path | None) -> str | Path:
    """The store named by ``--store``, else the project's (``[tm] store``, else its build's store)."""
    if store_path is not None:
        return store_path
    project = current_project()
    return default_store_path(None) if project is None else project.tm_store


output_format = click.option("--format", "fmt", type=click.Choice(["text", "json", "csv"]), default="text",
                             show_default=True, help="Output format.")

#: A phase's progress bar: (done, total or 0 when unknown, how far in words).
Bar = Callable[[int, int, str], None]


@contextmanager
def _bar(label: str) -> Iterator[Bar | None]:
    """A progress bar on stderr for one phase of a command (only on a terminal); yields its :data:`Bar`."""
    if not sys.stderr.isatty():
        yield None
        return
    from rich.console import Console
    from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn, TimeRemainingColumn

    with Progress(TextColumn("{task.description}", markup=False), BarColumn(),
                  TextColumn("{task.fields[words]}", markup=False), TimeElapsedColumn(), TimeRemainingColumn(),
                  console=Console(stderr=True), transient=True) as progress:
        task = progress.add_task(visible(label), total=None, words="")

        def update(done: int, total: int, words: str) -> None:
            progress.update(task, completed=done, total=total or None, words=words)
        yield update


def _mb(size: float) -> str:
    return f"{size / 1e6:,.1f}"


def _copying(bar: Bar | None) -> Callable[[int, int], None] | None:
    """:func:`~workbench.memories.recording`'s progress on ``bar``: MB copied, or TUs written as TMX."""
    if bar is None:
        return None
    return lambda done, total: bar(done, total, f"{_mb(done)}/{_mb(total)} MB" if total else f"{done:,} TUs")


def _importing(bar: Bar | None) -> Callable[[int, int, int], None] | None:
    """:func:`~workbench.tm.transfer.import_file`'s progress on ``bar``: MB read (TMX) and TUs."""
    if bar is None:
        return None

    def update(read: int, size: int, tus: int) -> None:
        if read and not size:  # stdin from a pipe: how much, not how far
            bar(read, 0, f"{_mb(read)} MB, {tus:,} TUs")
        elif read:
            bar(read, size, f"{_mb(read)}/{_mb(size)} MB, {tus:,} TUs")
        else:  # a reader that does not say where it is
            bar(tus, 0, f"{tus:,} TUs of {_mb(size)} MB")
    return update


def _csv(rows: list[dict[str, Any]]) -> str:
    """``rows`` as CSV for spreadsheets (:class:`~workbench.safeout.GuardedWriter`), a header first."""
    if not rows:
        return ""
    out = io.StringIO()
    writer = GuardedWriter(out)
    writer.writerow(rows[0])
    writer.writerows(row.values() for row in rows)
    return out.getvalue()


@click.group("tm")
def tm_group() -> None:
    """Translation memory: import, export, look up and analyze.

    \b
    Example:
      wb tm import tmx/*.tmx
      wb tm lookup "بصفتها الدولة المضيفة، ستكون فيتنام من أوائل الدول التي توقع على الاتفاقية"
      wb tm concordance "اتفاقية هانوي" --lang ar --tgt en
    """


@tm_group.command("import")
@click.argument("files", nargs=-1, required=True, type=InputPath(path_type=Path))
@store_option
@click.option("--from", "input_format", type=click.Choice(IMPORT_FORMATS),
              help="Input format (default: sniffed from the content, then the extension; stdin: from the content, "
                   "which does not tell a table: say --from tsv or csv).")
@click.option("--on-duplicate", type=click.Choice(ON_DUPLICATE), default="keep", show_default=True,
              help="A TU whose source is already stored: keep the stored one (adding new languages), "
                   "replace it, or add the new one beside it.")
@click.option("--strict", is_flag=True, help="Any skipped or repaired unit is an error (nothing is stored).")
@click.option("--src-lang", help="Source language for PO, TSV/CSV and Moses files.")
@click.option("--tgt-lang", help="Target language for PO, TSV/CSV and Moses files.")
@click.option("--keep-fuzzy", is_flag=True,
              help="Import PO fuzzy entries (skipped by default), marked x-fuzzy: lookups score them 10 lower.")
@click.option("--header/--no-header", default=None,
              help="TSV/CSV: the first row is a header (language tags name the columns), or data. "
                   "Default: a header when it names two known languages (en<TAB>ar) or columns "
                   "(source<TAB>target); the report says so.")
@click.option("--no-index", is_flag=True,
              help="Do not bring the fuzzy index up to date now (the next lookup does); for batches of imports.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True,
              help="Report format.")
def import_cmd(files: tuple[Path, ...], store_path: str | Path | None, input_format: str | None, on_duplicate: str,
               strict: bool, src_lang: str | None, tgt_lang: str | None, keep_fuzzy: bool, header: bool | None,
               no_index: bool, fmt: str) -> None:
    """Import TMX, PO, TSV/CSV, Moses or XLIFF files into the store.

    Each file is one transaction: a malformed or truncated file, or with
    --strict any skipped or repaired unit, leaves the store unchanged. The
    report (read, stored, merged, skipped, and where and why) goes to
    stdout; with Moses, give the files in pairs (corpus.ar corpus.en).
    From XLIFF (1.2 or 2.x), translated units come in (states as props);
    untranslated, non-translatable and unfinished ones are skipped and
    counted (--keep-fuzzy imports unfinished ones, marked).

    FILE - reads stdin (named <stdin> in the report and the store); a TMX
    streams from it as from a file. Stdin cannot be recorded in the project's
    tmx/ (below): import it into another store (--store), or save it as a file.

    Into the project's store (the default in a project), each file is also
    recorded as tmx/NAME.tmx (a PO, TSV/CSV or Moses file as the TMX of what
    it stored), which every later `wb build` imports again: the build makes
    the store anew from the project's files. The same file twice is recorded
    once; a different file of the same name is an error.

    \b
    Example:
      wb tm import tmx/hanoi-convention.ar-en.tmx --on-duplicate replace
      wb tm import glossary.po --src-lang en --tgt-lang ar --store tm.sqlite
      wb tm import ui.ar.po --src-lang en --keep-fuzzy
      wb tm import pairs.tsv --no-header --src-lang en --tgt-lang ar
      wb tm import corpus.ar corpus.en --from moses
      wb tm import article.xlf
      wb tm import ar-en.tmx.gz --store big.sqlite   # gzip, bzip2, xz read as their content
      zcat big.tmx.gz | wb tm import - --store big.sqlite
    """
    from ..memories import recording
    from ..tm.transfer import PARALLEL_BYTES, import_file

    jobs: list[tuple[Path, Path | None]] = []
    if input_format == "moses":
        if len(files) % 2:
            raise WorkbenchError("moses files come in pairs: corpus.ar corpus.en")
        jobs = [(local_path(files[i]), local_path(files[i + 1])) for i in range(0, len(files), 2)]
    else:
        jobs = [(f, None) for f in files]
    piped = any(is_stdin(f) for f in files)
    reports = []
    target = store_spec(store_path)
    project = current_project()
    if project is not None and not _projects_store(target, project):
        project = None  # just a store: nothing to record
    if project is not None and piped:
        raise WorkbenchError(f"{STDIN_NAME} cannot be recorded in the project's tmx/, which every wb build imports: "
                             "save it as a file and import that, or import it into another store (--store PATH)")
    if project is not None:
        stems = [plain_name(path).stem for path, _ in jobs]
        if len(set(stems)) < len(stems):
            raise WorkbenchError("files of one name would be recorded as one tmx/NAME.tmx: import them one at a time")
        if not isinstance(target, str):
            with confined(project.root):
                destination(target)
    size = sum(p.stat().st_size for job in jobs for p in job if p is not None and not is_stdin(p) and p.is_file())
    stdin = Peeked(stdin_stream()) if any(is_stdin(path) for path, _ in jobs) else None
    if stdin is not None:  # a pipe that goes on past its first MB, of unknown size, is taken for a large one
        size += stdin.size() or PARALLEL_BYTES
    recorded: list[tuple[Path, Recorded]] = []
    # One transaction: a command that fails changes nothing; the files are recorded once it is committed.
    with removed_if_failed(target), open_store(target) as store, ExitStack() as records, \
            store.bulk_mode() if size >= PARALLEL_BYTES else nullcontext(), store.transaction():
        indexing = _indexing(store, records) if not no_index and size >= PARALLEL_BYTES else None
        for path, pair in jobs:
            if project is not None:
                with _bar(f"recording {path.name} in tmx/") as bar:
                    recorded.append((path, records.enter_context(recording(
                        project, path, format=input_format, src_lang=src_lang, tgt_lang=tgt_lang, pair=pair,
                        keep_fuzzy=keep_fuzzy, header=header, progress=_copying(bar)))))
            with _bar(f"importing {STDIN_NAME if stdin and is_stdin(path) else path.name}") as bar:
                source = stdin if stdin and is_stdin(path) else path
                reports.append(import_file(store, source, format=input_format, on_duplicate=on_duplicate,  # type: ignore[arg-type]
                                           strict=strict, src_lang=src_lang, tgt_lang=tgt_lang, pair=pair,
                                           keep_fuzzy=keep_fuzzy, header=header, progress=_importing(bar),
                                           stored=indexing and indexing[1].feed))
        if indexing is not None:
            with _bar("indexing the last TUs"):
                index, indexer = indexing
                indexer.feed()
                index.finished(indexer.finish())
        if not no_index:
            _index(store)
    if project is not None:
        for path, where in recorded:
            _tell_recorded(path, where, project.root)
        if on_duplicate != "keep":
            echo("note: wb build imports the memories in tmx/ with --on-duplicate keep", err=True)
    print_reports(reports, fmt)


def _projects_store(target: str | Path, project: Project) -> bool:
    """Whether ``target`` is the store a build makes (``[paths] store``) or fills (a ``[tm] store`` URL):
    what is imported there is recorded in tmx/ for the next build."""
    if isinstance(target, str):
        return target == project.tm_store
    return target.resolve() == project.store.resolve()


def print_reports(reports: list[ImportReport], fmt: str, err: bool = False) -> None:
    """The import report: JSON, or per file a summary line, counts per issue kind and the issues;
    on stdout, or with ``err`` on stderr (stdout carries data)."""
    if fmt == "json":
        echo(json.dumps([r.as_dict() for r in reports], ensure_ascii=False, indent=2), err=err)
        return
    for report in reports:
        echo(report.summary(), err=err)
        for (action, kind), n in sorted(report.log.counts.items()):
            echo(f"  {n:>7} {action}: {kind}", err=err)
        shown = 0
        for issue, times in report.log.grouped():
            echo(f"  {issue}" + (f" (and {times - 1} more like it)" if times > 1 else ""), err=err)
            shown += times
        hidden = sum(report.log.counts.values()) - shown
        if hidden > 0:
            echo(f"  ... and {hidden} more (see --format json for counts)", err=err)


def _tell_recorded(path: Path, recorded: Recorded, root: Path) -> None:
    """Say on stderr where an import into the project's store is recorded."""
    where = recorded.path.resolve()
    where = where.relative_to(root) if where.is_relative_to(root) else where
    if recorded.new:
        how = " (as TMX)" if recorded.converted else ""
        echo(f"{path}: recorded{how} in {where}; every wb build imports it", err=True)
    else:
        echo(f"{path}: already among the project's memories ({where})", err=True)


def _indexing(store: TMStore, stack: ExitStack) -> tuple[FuzzyIndex, Indexer]:
    """A fuzzy index made as a large import stores its TUs (in a helper process)."""
    from ..tm.fuzzy import FuzzyIndex

    index = FuzzyIndex(as_indexed(store))
    start, seg = index.resume()
    indexer = index.indexer(start, seg, total=1 << 62)
    stack.callback(indexer.close)
    return index, indexer


def _index(store: TMStore) -> None:
    """Bring the fuzzy index up to date (its bar in TUs and MB of their text): after an
    import, and before a lookup in a store whose index is to be made again (one
    an older workbench made, migrated)."""
    from ..tm.fuzzy import FuzzyIndex

    index = FuzzyIndex(as_indexed(store))
    if not index.stale():
        return
    tus = store.count()
    with _bar(f"indexing {tus:,} TUs") as bar:
        if bar is None:
            index.build()
            return
        size = store.text_bytes()

        def update(done: int, total: int) -> None:  # done and total count variants
            share = done / total if total else 1.0
            bar(done, total, f"{int(share * tus):,}/{tus:,} TUs, {_mb(share * size)}/{_mb(size)} MB")
        index.build(progress=update)


@tm_group.command("export")
@store_option
@click.option("--format", "fmt", type=click.Choice(EXPORT_FORMATS),
              help="Output format (po, tsv, csv and moses hold two languages and plain text). Default: "
                   "the output's extension says (.tmx, .po, .tsv, .csv, .xlf; also compressed, as .tmx.gz), else tmx.")
@click.option("--langs", help="Comma-separated languages; only TUs with all of them (e.g. ar,en).")
@click.option("-o", "--output", type=click.Path(dir_okay=False, allow_dash=True, path_type=Path),
              help="Output file (for moses: the stem, giving STEM.ar and STEM.en). Default, or -: stdout.")
@click.option("--xliff-version", type=click.Choice(["1.2", "2.0", "2.1"]), default="1.2", show_default=True,
              help="XLIFF version written by --format xliff.")
def export_cmd(store_path: str | Path | None, fmt: str | None, langs: str | None, output: Path | None,
               xliff_version: str) -> None:
    """Export the store as TMX 1.4b, PO, TSV/CSV, Moses or XLIFF files.

    Files are written atomically: on any error the old file stays. A name ending in
    .gz, .bz2 or .xz is written compressed.

    \b
    Example:
      wb tm export -o memory.tmx
      wb tm export -o memory.tmx.gz
      wb tm export --format tsv --langs ar,en > pairs.tsv
      wb tm export --format moses --langs ar,en -o pairs   # pairs.ar, pairs.en
      wb tm export --format xliff --xliff-version 2.1 --langs ar,en -o memory.xlf
    """
    from ..formats.registry import by_name
    from ..tm.transfer import export_store

    if fmt is None:
        fmt = (by_name(output, EXPORT_FORMATS) if output is not None else None) or "tmx"
    lang_list = [x.strip() for x in langs.split(",") if x.strip()] if langs else None
    if output is not None and str(output) == "-":
        output = None
    if fmt == "moses" and output is None:
        raise WorkbenchError("moses export writes two files: give -o STEM")
    with open_store(store_spec(store_path), create=False) as store:
        with _bar("exporting") as bar:
            target: Any = output if output is not None else sys.stdout.buffer
            result = export_store(store, target, format=fmt, langs=lang_list, version=xliff_version,
                                  progress=bar and (lambda done, total: bar(done, total, f"{done:,}/{total:,} TUs")))
    if output is None:
        sys.stdout.flush()
    echo(f"{result.count} TU(s) written to {', '.join(result.files) if output else 'stdout'}", err=True)
    if result.note:
        echo(f"note: {result.note}", err=True)


@tm_group.command("copy")
@click.argument("src", metavar="SRC", callback=_store_spec)
@click.argument("dst", metavar="DST", callback=_store_spec)
@click.option("--on-duplicate", type=click.Choice(ON_DUPLICATE),
              help="Copy into a store that already holds TUs, importing each import of SRC again: keep the "
                   "stored TU (adding new languages), replace it, or add the copy beside it. Without it, "
                   "such a store is refused.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True,
              help="Report format.")
def copy_cmd(src: str | Path, dst: str | Path, on_duplicate: str | None, fmt: str) -> None:
    """Copy a whole memory from store SRC to store DST (each an SQLite file or a postgresql:// URL).

    Into an empty or new store, everything SRC holds is copied as it is:
    every TU and variant with its attributes, props, notes and inline
    markup, each import's name, date and TMX header, the aligner's cached
    word lists; both export the same TMX. The copy is one transaction of
    DST, read from one snapshot of SRC: a failed copy leaves nothing (a new
    file appears only once whole). DST's fuzzy index is made at the end. A
    team moves its memory to its server with, for instance,
    wb tm copy build/memory.sqlite postgresql://tm@db.example/memory.

    \b
    Example:
      wb tm copy build/memory.sqlite backup.sqlite
      wb tm copy build/memory.sqlite team.sqlite --on-duplicate keep
    """
    from ..tm.copying import copy_store
    from ..tm.postgres import display

    names = [display(s) if isinstance(s, str) else str(s) for s in (src, dst)]
    with open_store(src, create=False) as store, _bar(f"copying {names[0]}") as bar:
        copied = copy_store(store, dst, on_duplicate=on_duplicate,  # type: ignore[arg-type]
                            progress=bar and (lambda done, total, size: bar(done, total,
                                                                              f"{done:,}/{total:,} TUs, {_mb(size)} MB")),
                            indexing=bar and (lambda done, total: bar(done, total,
                                                                      f"fuzzy index: {done:,}/{total:,} variants")))
    if fmt == "json":
        echo(json.dumps({"from": names[0], "to": names[1], "tus": copied.tus, "variants": copied.variants,
                         "imports": copied.sources,
                         "bytes": copied.bytes, "seconds": round(copied.seconds, 3),
                         "merged": [r.as_dict() for r in copied.merged]}, ensure_ascii=False, indent=2))
        return
    if copied.merged:
        print_reports(copied.merged, fmt)
    echo(f"{names[0]} -> {names[1]}: {copied.tus:,} TU(s), {copied.variants:,} variant(s) of {copied.sources} "
         f"import(s) copied ({_mb(copied.bytes)} MB) in {copied.seconds:.1f} s; fuzzy index made")


@tm_group.command("stats")
@store_option
@click.option("--exact", is_flag=True, help="Count variants and pairs per language tag (en-GB apart from en-US).")
@output_format
def stats_cmd(store_path: str | Path | None, exact: bool, fmt: str) -> None:
    """Counts of the store: TUs, variants per language, pairs, imports.

    Regional variants are counted under their language (en, en-GB and
    en-US under en, with the tags it holds) unless --exact.

    The store is checked whole first (its pages and records, the JSON of its
    metadata, its fuzzy index lists): a damaged store is an error. This
    takes about 0.25 s per 100k TUs.

    \b
    Example:
      wb tm stats
      wb tm stats --exact --format json
    """
    with open_store(store_spec(store_path), create=False) as store:
        stats = store.stats(exact)
    if fmt == "json":
        echo(json.dumps(stats, ensure_ascii=False, indent=2))
    elif fmt == "csv":
        rows = [{"what": "tus", "key": "", "count": stats["tus"]}, {"what": "tuvs", "key": "", "count": stats["tuvs"]}]
        rows += [{"what": "language", "key": k, "count": v} for k, v in stats["languages"].items()]
        rows += [{"what": "pair", "key": f"{p['source']}-{p['target']}", "count": p["tus"]} for p in stats["pairs"]]
        echo(_csv(rows), nl=False)
    else:
        echo(f"store      {stats['store']} (schema {stats['schema']}, {stats['bytes']:,} bytes)")
        echo(f"TUs        {stats['tus']:,}")
        echo(f"variants   {stats['tuvs']:,}")
        for lang, n in stats["languages"].items():
            held = stats.get("tags", {}).get(lang, {})
            tags = f"  ({', '.join(f'{t} {c:,}' for t, c in held.items())})" if set(held) - {lang} else ""
            echo(f"  {lang:<9}{n:,}{tags}")
        for pair in stats["pairs"]:
            echo(f"pair       {pair['source']} -> {pair['target']}: {pair['tus']:,}")
        for imp in stats["imports"]:
            echo(f"import     {imp['name']} ({imp['format']}, {imp['imported']}): {imp['tus']:,} TUs")
        echo(f"fuzzy index {stats['fuzzy_index']}")


@tm_group.command("lookup")
@click.argument("text")
@store_option
@click.option("--src", default="ar", show_default=True, help="Language of TEXT.")
@click.option("--tgt", default="en", show_default=True, help="Language of the translations wanted.")
@click.option("--min", "min_score", type=click.FloatRange(1, 100), default=70.0, show_default=True,
              help="Lowest score shown (0-100).")
@click.option("--limit", type=click.IntRange(1, 100), default=5, show_default=True, help="Most matches shown.")
@output_format
def lookup_cmd(text: str, store_path: str | Path | None, src: str, tgt: str, min_score: float, limit: int, fmt: str) -> None:
    """Exact and fuzzy matches of TEXT in the memory, best first.

    The score is the normalized Levenshtein similarity (0-100) of the match
    keys, so hamza, yeh, diacritics, ZWNJ and digit script do not lower it.
    The differing parts of each stored source are shown in [brackets].

    \b
    Example:
      wb tm lookup "بصفتها الدولة المضيفة، ستكون فيتنام من أوائل الدول التي توقع على الاتفاقية" --min 70 --limit 5
    """
    from ..tm.fuzzy import lookup

    with open_store(store_spec(store_path), create=False) as store:
        _index(store)
        matches = lookup(as_indexed(store), text, src, tgt, min_score, limit)
    if fmt == "json":
        echo(json.dumps([m.as_dict() for m in matches], ensure_ascii=False, indent=2))
    elif fmt == "csv":
        echo(_csv([{"score": m.score, "source": m.source, "target": m.target, "tu": m.tu,
                    "diff": " ".join(f"{s.start}-{s.end}" for s in m.diff)} for m in matches]), nl=False)
    else:
        if not matches:
            echo(f"no match at or above {min_score:g}", err=True)
        for m in matches:
            mark = "  (fuzzy: unchecked translation)" if m.fuzzy else ""
            echo(f"{m.score:6.2f}  {_marked(m.source, m.diff)}\n        {m.target}{mark}")


@tm_group.command("concordance")
@click.argument("text")
@store_option
@click.option("--lang", help="Search only the variants in this language (default: source and target).")
@click.option("--tgt", help="Language of the translations shown (default: any other than the variant found).")
@click.option("--exact", is_flag=True, help="The words as one phrase, in their order (default: all of them, any order).")
@click.option("--limit", type=click.IntRange(1, 1000), default=20, show_default=True, help="Most TUs shown.")
@output_format
def concordance_cmd(text: str, store_path: str | Path | None, lang: str | None, tgt: str | None, exact: bool, limit: int,
                    fmt: str) -> None:
    """Every TU whose source or target holds the words of TEXT, newest first.

    The words are found in any order (--exact: as one phrase), whatever
    their hamza, yeh or kaf forms, diacritics, ZWNJ, digit script or
    attached clitics; each one is shown in [brackets] with the TU's other
    side below. Newest first: by the TU's change date, else its creation
    date, then the latest stored.

    \b
    Example:
      wb tm concordance "اتفاقية هانوي" --lang ar --tgt en
      wb tm concordance "Hanoi Convention" --exact --limit 5
    """
    from ..tm.concordance import concordance

    with open_store(store_spec(store_path), create=False) as store:
        _index(store)
        found = concordance(as_indexed(store), text, lang, tgt, limit, exact)
    if fmt == "json":
        echo(json.dumps([o.as_dict() for o in found], ensure_ascii=False, indent=2))
    elif fmt == "csv":
        echo(_csv([{"tu": o.tu, "date": o.date or "", "lang": o.lang, "text": o.text, "translation": o.translation or "",
                    "spans": " ".join(f"{s.start}-{s.end}" for s in o.spans)} for o in found]), nl=False)
    else:
        if not found:
            echo(f"no TU holds {text!r}" + (f" in {lang}" if lang else ""), err=True)
        for o in found:
            echo(f"{_marked(o.text, o.spans)}\n    {o.translation or '(no translation)'}")


def _marked(text: str, spans: Any) -> str:
    out, pos = [], 0
    for span in spans:
        out += [text[pos:span.start], "[", text[span.start:span.end], "]"]
        pos = span.end
    return "".join([*out, text[pos:]])


@tm_group.command("analyze")
@click.argument("docs", nargs=-1, required=True, type=InputPath(path_type=Path))
@store_option
@click.option("--src", help="Language of the documents (default: detected).")
@click.option("--tgt", default="en", show_default=True, help="Language of the translations.")
@output_format
def analyze_cmd(docs: tuple[Path, ...], store_path: str | Path | None, src: str | None, tgt: str, fmt: str) -> None:
    """How much of new documents the memory covers, by match band.

    Documents are segmented; each translatable segment is a repetition (seen
    earlier in the documents analyzed), or falls in a band by its best match:
    100%, 95-99%, 85-94%, 75-84%, 50-74%, no match. Segments, words and
    characters per band, per document and in total. A DOC - reads stdin
    (named <stdin>).

    \b
    Example:
      wb tm analyze corpus/ar/*.txt --src ar --tgt en --format csv
    """
    from ..tm.analysis import analyze_files

    with open_store(store_spec(store_path), create=False) as store:
        _index(store)
        results, total = analyze_files(as_indexed(store), [local_path(d) for d in docs], src, tgt)
    everything = [*results, total]
    if fmt == "json":
        echo(json.dumps([{"document": r.name, "bands": {b: {"segments": t.segments, "words": t.words,
                                                             "characters": t.characters}
                                                         for b, t in r.bands.items()}}
                         for r in everything], ensure_ascii=False, indent=2))
    elif fmt == "csv":
        echo(_csv([row for r in everything for row in r.rows()]), nl=False)
    else:
        for r in everything:
            echo(r.name)
            echo(f"  {'band':<12}{'segments':>9}{'words':>9}{'chars':>9}")
            for band, t in r.bands.items():
                echo(f"  {band:<12}{t.segments:>9}{t.words:>9}{t.characters:>9}")
