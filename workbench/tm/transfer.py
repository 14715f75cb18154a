"""Import files into a store and export a store to files, in any registered format."""
from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from functools import partial
from itertools import groupby
from operator import itemgetter
from pathlib import Path
from typing import IO, TYPE_CHECKING, BinaryIO, TypeVar, cast

from ..errors import InputError, WorkbenchError
from ..fileio import STDIN_NAME, Peeked, binary, shown_names, spooled, unpacked
from ..formats import tmx
from ..formats.issues import ReadLog
from ..formats.memory import ReadOptions, WriteOptions, Written
from ..formats.registry import FORMATS, detect, memory_reader, memory_writer
from ..model import TU
from ..parallel import can_fork, ordered_map
from ..text.langtag import parse_tag
from .names import EXPORT_FORMATS, IMPORT_FORMATS
from .report import ImportReport
from .store import OnDuplicate, Stored, TURow, numbered_tus, record_of_rows

if TYPE_CHECKING:
    from .engine import TMStore

T = TypeVar("T")
#: Called with (done, total): TUs written by an export; total 0 when unknown.
Progress = Callable[[int, int], None]
#: Called with (bytes read, bytes in all, TUs read) by an import; bytes read stay 0 where the reader
#: does not say (formats other than TMX).
ImportProgress = Callable[[int, int, int], None]
#: Imports from this size on are written in the store's bulk mode (:meth:`Store.bulk_mode`), and
#: TMX files are parsed in a child process while this one writes the store.
PARALLEL_BYTES = 5_000_000
#: Stores from this many TUs on are written to TMX by this process and a forked helper together.
PARALLEL_TUS = 20_000


def import_file(
    store: TMStore,
    path: str | Path | IO[bytes],
    *,
    name: str | None = None,
    format: str | None = None,
    on_duplicate: OnDuplicate = "keep",
    strict: bool = False,
    src_lang: str | None = None,
    tgt_lang: str | None = None,
    pair: str | Path | None = None,
    keep_fuzzy: bool = False,
    header: bool | None = None,
    progress: ImportProgress | None = None,
    parallel: bool | None = None,
    stored: Stored | None = None,
) -> ImportReport:
    """Import one file (for ``moses``, ``path`` and its ``pair``) in one transaction.

    ``keep_fuzzy`` and ``header`` are those of :func:`read_tus`; ``stored``
    that of :meth:`Store.add_tus <workbench.tm.store.Store.add_tus>`. The
    import (and the report, and the issues) are named ``name``, else the path.

    ``path`` may be a stream read once (stdin), named ``name``, else ``<stdin>``: its
    format is ``format``, else known by its content (a TMX, XLIFF or PO says what
    it is; a table does not: an :class:`InputError` asking for ``format``). A TMX
    streams from it (:func:`_import_tmx_stream`); other formats are copied to a
    temporary file first (their readers take a path), then read from it.

    Any error (malformed file, no translation unit in it, ``strict`` and an
    issue, a locked store...) leaves the store as it was. A TMX file is parsed
    in a child process (:class:`~workbench.formats.tmx.ChildTmxReader`) when ``parallel`` is
    true, or when it is None and the file has :data:`PARALLEL_BYTES` or more;
    from that size on, any format is written in the store's bulk mode.
    ``progress`` is called every 512 TUs (:data:`ImportProgress`).
    """
    if not isinstance(path, (str, Path)):
        label = name or STDIN_NAME
        peeked = unpacked(path if isinstance(path, Peeked) else Peeked(path, label))
        head = peeked.head()
        if not head or binary(head):
            raise InputError("binary file (NUL bytes), not text" if head else "empty input", path=label)
        fmt = format or detect(label, IMPORT_FORMATS, head=head)
        if fmt == "tmx":
            return _import_tmx_stream(store, peeked, label, on_duplicate, strict, progress, parallel, stored)
        with spooled(cast(BinaryIO, peeked), label) as copy:
            return import_file(store, copy, name=label, format=fmt, on_duplicate=on_duplicate, strict=strict,
                               src_lang=src_lang, tgt_lang=tgt_lang, pair=pair, keep_fuzzy=keep_fuzzy,
                               header=header, progress=progress, stored=stored)
    name = name or shown_names(str(path))  # a copy of stdin (spooled) is named as stdin
    fmt = format or detect(path, IMPORT_FORMATS)
    log = ReadLog(name if pair is None else f"{name}+{shown_names(str(pair))}", strict=strict)
    size = _size(path) + (_size(pair) if pair is not None else 0)
    bulk = size >= PARALLEL_BYTES
    if fmt == "tmx":
        forked = (size >= PARALLEL_BYTES and can_fork()) if parallel is None else parallel
        reader = tmx.ChildTmxReader(path, log) if forked else tmx.TmxReader(path, log)
        return _import_tmx(store, reader, name, log, on_duplicate, size, progress, stored)
    tus = read_tus(path, fmt, log, src_lang=src_lang, tgt_lang=tgt_lang, pair=pair, keep_fuzzy=keep_fuzzy,
                   header=header)
    tick = _ticker(progress, lambda: 0, size)
    return store.add_tus(_units(tus, log), name=log.path, format=fmt, on_duplicate=on_duplicate, log=log,
                         progress=tick, bulk=bulk, stored=stored)


def _import_tmx_stream(store: TMStore, stream: Peeked, name: str, on_duplicate: OnDuplicate, strict: bool,
                       progress: ImportProgress | None, parallel: bool | None, stored: Stored | None) -> ImportReport:
    """A TMX streamed from ``stream``, parsed in this process or, when ``parallel`` is true,
    or None and it has :data:`PARALLEL_BYTES` or more (or is a pipe that goes on past its
    first MB: its size is unknown), by a forked child that reads the stream it inherits;
    progress counts the bytes read."""
    log = ReadLog(name, strict=strict)
    size = stream.size()
    big = size == 0 or size >= PARALLEL_BYTES
    source = cast(BinaryIO, stream)
    forked = (big and can_fork() and _has_fd(source)) if parallel is None else parallel
    reader = tmx.ChildTmxReader(source, log) if forked else tmx.TmxReader(source, log)
    return _import_tmx(store, reader, name, log, on_duplicate, size, progress, stored, bulk=big)


def _has_fd(stream: IO[bytes]) -> bool:
    """Whether ``stream`` is a file descriptor's (a forked child can read it), not an object in memory."""
    try:
        stream.fileno()
    except (AttributeError, OSError, ValueError):
        return False
    return True


def _import_tmx(store: TMStore, reader: tmx.TmxReader | tmx.ChildTmxReader, name: str, log: ReadLog,
                on_duplicate: OnDuplicate, size: int, progress: ImportProgress | None, stored: Stored | None,
                bulk: bool | None = None) -> ImportReport:
    """Store the records of ``reader`` (a TMX file or stream of ``size`` bytes, 0 when unknown) as import ``name``."""
    with reader:
        tmx_header = reader.header
        tick = _ticker(progress, lambda: reader.position, size)
        return store.add_records(_units(reader.records(), log), name=name, format="tmx", header=tmx_header,
                                 on_duplicate=on_duplicate, log=log, progress=tick,
                                 bulk=size >= PARALLEL_BYTES if bulk is None else bulk, stored=stored)


def _units(units: Iterable[T], log: ReadLog) -> Iterator[T]:
    """``units`` as they come; at their end, if there was none, an InputError: a file
    with no translation unit to import (empty, or every unit skipped) is an error
    in every format."""
    found = False
    for unit in units:
        found = True
        yield unit
    if not found:
        why = ""
        if log.read:
            first = next((i for i in log.issues if i.action == "skipped"), None)
            why = f": {log.read} read, {log.skipped} skipped"
            why += f", line {first.line}: {first.message}" if first else ""
        raise InputError(f"no translation units{why}", path=log.path)


def read_tus(path: str | Path, format: str, log: ReadLog, *, src_lang: str | None = None,
             tgt_lang: str | None = None, pair: str | Path | None = None, keep_fuzzy: bool = False,
             header: bool | None = None) -> Iterator[TU]:
    """The TUs of a file in any memory format, by the format's registered reader
    (for ``moses``, ``path`` and its ``pair``).

    ``keep_fuzzy``: import unchecked translations (PO fuzzy entries, XLIFF
    units in an unfinished state), marked; ``header``: the first TSV/CSV
    row is a header, data, or None: detected
    (:func:`~workbench.formats.tabular.read_tabular`).
    """
    reader = memory_reader(format)
    return reader(path, log, ReadOptions(src_lang, tgt_lang, pair, keep_fuzzy, header))


def _size(path: str | Path) -> int:
    try:
        return Path(path).stat().st_size
    except OSError:
        raise InputError("no such file", path=path) from None


def _ticker(progress: ImportProgress | None, position: Callable[[], int], size: int) -> Callable[[int], None] | None:
    """The store's callback per TU read, calling ``progress`` every 512 TUs."""
    if progress is None:
        return None
    seen = [0]

    def tick(_: int) -> None:
        seen[0] += 1
        if seen[0] % 512 == 0:
            progress(min(position(), size) if size else position(), size, seen[0])
    return tick


#: What an export wrote: TUs (pairs), files, and what could not be written.
ExportResult = Written


def export_store(
    store: TMStore,
    target: str | Path,
    *,
    format: str = "tmx",
    langs: Sequence[str] | None = None,
    progress: Progress | None = None,
    parallel: bool | None = None,
    version: str | None = None,
) -> ExportResult:
    """Write the store (or the TUs with every language in ``langs``) to ``target``.

    TMX keeps everything; the bilingual formats need two languages (``langs``,
    or the store's two languages): XLIFF (``version`` 1.2, 2.0 or 2.1) keeps
    inline markup, notes and props it knows, the others plain text only. TMX is serialized
    by this process and a forked helper together (:func:`~workbench.parallel.ordered_map`)
    when ``parallel`` is true, or when it is None and the store has
    :data:`PARALLEL_TUS` TUs or more: the same bytes, in less time. A TU
    that cannot be written is named by its ``tuid``, else by its place in the store.
    """
    if format not in EXPORT_FORMATS:
        raise WorkbenchError(f"cannot export {format!r}; formats: {', '.join(EXPORT_FORMATS)}")
    wanted = [parse_tag(lang) for lang in langs] if langs else None
    total = store.count()
    if format == "tmx":
        base = store.header()
        srclang = (wanted[0] if wanted else None) or (base.attr("srclang") if base else None) or store.srclang() or "*all*"
        header = tmx.header_for_export(base, srclang)
        forked = (total >= PARALLEL_TUS and can_fork()) if parallel is None else parallel
        serialize = partial(_tmx_chunk, wanted)
        chunks = ordered_map(serialize, _numbered(store)) if forked else map(serialize, _numbered(store))
        n = tmx.write_tmx_body(target, _chunk_ticks(chunks, progress, total), header)
        return ExportResult(n, (str(target),))
    tick = _export_ticker(progress, total)
    tus = store.tus(wanted)
    src, tgt = _pair(store, wanted) if FORMATS[format].bilingual else ((wanted or [store.srclang() or ""])[0], "")
    written = memory_writer(format)(target, _counted(tus, tick), WriteOptions(src, tgt, version))
    return written


def _pair(store: TMStore, wanted: list[str] | None) -> tuple[str, str]:
    if wanted is not None and len(wanted) == 2:
        return wanted[0], wanted[1]
    if wanted is None:
        langs = sorted({parse_tag(lang).split("-")[0] for lang in store.languages()})
        if len(langs) == 2:
            src = store.srclang() or langs[0]
            src = src.split("-")[0] if src != "*all*" else langs[0]
            return src, next(x for x in langs if x != src)
    raise WorkbenchError("this format holds two languages: give --langs SRC,TGT (e.g. --langs ar,en)")


def _export_ticker(progress: Progress | None, total: int) -> Callable[[], None] | None:
    if progress is None:
        return None
    done = [0]

    def tick() -> None:
        done[0] += 1
        if done[0] % 512 == 0 or done[0] == total:
            progress(done[0], total)
    return tick


def _counted(tus: Iterator[TU], tick: Callable[[], None] | None) -> Iterator[TU]:
    if tick is None:
        yield from tus
        return
    for tu in tus:
        tick()
        yield tu


def _numbered(store: TMStore) -> Iterator[tuple[int, list[TURow]]]:
    """The store's row batches, each with the number of TUs before it."""
    done = 0
    for rows in store.tu_rows():
        yield done, rows
        done += len({row[0] for row in rows})


def _tmx_chunk(langs: list[str] | None, batch: tuple[int, list[TURow]]) -> tuple[int, bytes]:
    """The TMX body text (UTF-8) of a batch of rows (run in either process):
    straight from the rows (:func:`~workbench.tm.store.record_of_rows`), or,
    for a TU that needs it (``langs``, markup or names of the general path,
    metadata that does not decode), through model TUs."""
    start, rows = batch
    if langs is not None:
        n, body = tmx.tus_xml(numbered_tus(rows, langs, start))
        return n, body.encode("utf-8")
    parts: list[str] = []
    for number, (_, group) in enumerate(groupby(rows, itemgetter(0)), start + 1):
        unit = list(group)
        record = record_of_rows(unit)
        text: str | None = None
        try:
            text = tmx.record_xml(record) if record is not None else None
        except (TypeError, ValueError, AttributeError, IndexError):  # not what the store writes: said below
            pass
        parts.append("\n    " + text if text is not None else tmx.tus_xml(numbered_tus(unit, None, number - 1))[1])
    return len(parts), "".join(parts).encode("utf-8")


def _chunk_ticks(chunks: Iterable[tuple[int, bytes]], progress: Progress | None,
                 total: int) -> Iterator[tuple[int, bytes]]:
    done = 0
    for n, text in chunks:
        done += n
        if progress is not None:
            progress(min(done, total), total)
        yield n, text
