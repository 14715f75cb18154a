"""Copy a whole memory from one store to another, either engine to either (``wb tm copy``).

>>> from workbench.tm.copying import copy_store            # doctest: +SKIP
>>> with open_store("build/memory.sqlite", create=False) as src:
...     copy_store(src, "postgresql://tm@db.example/memory")

Into an empty store, every row of every table of the memory is copied as it
is, ids included (sources with their headers and reports, TUs and variants
with their metadata and markup, settings, the aligner's cached word lists):
the destination exports the same TMX as the source. Into a store that holds
TUs, each import of the source is imported again under a duplicate policy.
Either way the copy is one transaction of the destination (a failed copy
leaves nothing, and a new SQLite file appears only once it is whole), read
from one snapshot of the source, and ends with the fuzzy index made.
"""
from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path, PurePath
from typing import TYPE_CHECKING, Any, cast

from ..errors import WorkbenchError
from ..fileio import destination
from . import codec
from .engine import TMStore, is_url, open_store
from .report import ImportReport
from .schema import expected_columns
from .store import OnDuplicate, StoreError, TURow, record_of_rows, remove_store_files

if TYPE_CHECKING:
    from ..formats.tmx import TURecord
    from .store import Store

#: Called with (TUs copied, TUs in all, bytes of text and metadata copied).
Progress = Callable[[int, int, int], None]
#: Called with (variants indexed, variants to index) as the fuzzy index is made.
Indexing = Callable[[int, int], None]
#: Tables made again in the destination rather than copied: the fuzzy index.
REBUILT = ("fz_seg", "fz_gram")
#: Settings not copied: the state of the fuzzy index, which the copy makes again.
_INDEX_SETTINGS = "fuzzy"
#: Tables copied first, in this order (the others hold no reference to them).
_FIRST = ("source", "tu", "tuv")
#: TUs copied at once.
_BATCH = 2000


@dataclass
class Copied:
    """What a copy did: TUs, variants and imports copied, bytes of their text and metadata;
    ``merged`` holds the import report of each import of the source when the destination held TUs."""

    tus: int = 0
    variants: int = 0
    sources: int = 0
    bytes: int = 0
    seconds: float = 0.0
    merged: list[ImportReport] = field(default_factory=list)


def copy_store(src: TMStore, dst: str | PurePath, *, on_duplicate: OnDuplicate | None = None,
               progress: Progress | None = None, indexing: Indexing | None = None,
               timeout: float | None = None) -> Copied:
    """Copy the memory of ``src`` into the store ``dst`` names (made when missing).

    A destination holding TUs is refused unless ``on_duplicate`` says what to
    do with a TU whose source it already holds (as :meth:`Store.add_records
    <workbench.tm.store.Store.add_records>`); into an empty one, the copy keeps
    every row as it is."""
    if not is_url(dst) and isinstance(src.path, Path) and Path(dst).resolve() == src.path.resolve():  # both files
        raise WorkbenchError(f"{dst}: the source and the destination are the same store")
    with _opened(dst, timeout) as target, target.bulk_mode():
        return copy_into(src, target, on_duplicate=on_duplicate, progress=progress, indexing=indexing)


def copy_into(src: TMStore, dst: TMStore, *, on_duplicate: OnDuplicate | None = None, replace: bool = False,
              progress: Progress | None = None, indexing: Indexing | None = None) -> Copied:
    """:func:`copy_store` into the open store ``dst``; with ``replace``, what ``dst`` held
    is deleted first (in the same transaction: its readers see the old memory or the new one)."""
    started = time.perf_counter()
    copied = Copied()
    with dst.transaction(), src.snapshot():
        held = 0 if replace else int(dst.db.execute("SELECT count(*) FROM tu").fetchone()[0])
        if held and on_duplicate is None:
            raise StoreError(f"{dst.path}: the store holds {held:,} TUs; give --on-duplicate keep, replace "
                             "or add to merge the copy into them")
        if held:
            _merge(src, dst, on_duplicate or "keep", copied, progress)
        else:
            _copy_rows(src, dst, copied, progress)
        from .fuzzy import FuzzyIndex

        FuzzyIndex(cast("Store", dst)).build(progress=indexing)
    copied.seconds = time.perf_counter() - started
    return copied


@contextmanager
def _opened(spec: str | PurePath, timeout: float | None) -> Iterator[TMStore]:
    """The destination store; a new SQLite file is made under a temporary name
    and takes its own once the block ends without error."""
    if is_url(spec):
        with open_store(spec, timeout=timeout) as store:
            yield store
        return
    path = destination(Path(spec))
    if path.exists():
        with open_store(path, timeout=timeout) as store:
            yield store
        return
    part = path.with_name(f".{path.name}.copying")
    remove_store_files(part)
    try:
        with open_store(part, timeout=timeout) as store:
            yield store
        os.replace(part, path)
    finally:
        remove_store_files(part)


def _size(row: tuple[Any, ...]) -> int:
    return sum(len(v.encode()) for v in row if isinstance(v, str))


def _copy_rows(src: TMStore, dst: TMStore, copied: Copied, progress: Progress | None) -> None:
    """Every row of every table but the fuzzy index's, ids included, into ``dst`` (emptied first)."""
    db = dst.db
    for table in ("setting", "lex_cache", *REBUILT, "tuv", "tu", "source"):  # what an empty store may hold
        db.execute(f"DELETE FROM {table}")
    columns = expected_columns()
    total = src.count()
    tables = [*_FIRST, *sorted(set(columns) - set(_FIRST) - set(REBUILT))]
    for table in tables:
        if table in ("tu", "tuv"):
            continue
        names = ", ".join(columns[table])
        insert = f"INSERT INTO {table} ({names}) VALUES ({', '.join('?' * len(columns[table]))})"
        if table == "source":
            rows = list(src.stream(f"SELECT {names} FROM source ORDER BY id"))
            copied.sources = len(rows)
            db.executemany(insert, rows)
            _copy_tus(src, dst, copied, total, progress)
        else:
            where = f" WHERE key NOT LIKE '{_INDEX_SETTINGS}%'" if table == "setting" else ""
            db.executemany(insert, list(src.stream(f"SELECT {names} FROM {table}{where}")))
    dst.restart_ids()


def _copy_tus(src: TMStore, dst: TMStore, copied: Copied, total: int, progress: Progress | None) -> None:
    """The TUs and their variants, :data:`_BATCH` TUs at a time."""
    columns = expected_columns()
    tu_names, tuv_names = ", ".join(columns["tu"]), ", ".join(columns["tuv"])
    tu_insert = f"INSERT INTO tu ({tu_names}) VALUES ({', '.join('?' * len(columns['tu']))})"
    tuv_insert = f"INSERT INTO tuv ({tuv_names}) VALUES ({', '.join('?' * len(columns['tuv']))})"
    cursor = src.stream(f"SELECT {tu_names} FROM tu ORDER BY id")
    while batch := cursor.fetchmany(_BATCH):
        variants = src.db.execute(f"SELECT {tuv_names} FROM tuv WHERE tu BETWEEN ? AND ? ORDER BY id",
                                  (batch[0][0], batch[-1][0])).fetchall()
        dst.db.executemany(tu_insert, batch)
        dst.db.executemany(tuv_insert, variants)
        copied.tus += len(batch)
        copied.variants += len(variants)
        copied.bytes += sum(map(_size, batch)) + sum(map(_size, variants))
        if progress is not None:
            progress(copied.tus, total, copied.bytes)
    cursor.close()


def _merge(src: TMStore, dst: TMStore, on_duplicate: OnDuplicate, copied: Copied, progress: Progress | None) -> None:
    """Each import of ``src``, in order, imported into ``dst`` (which holds TUs) under ``on_duplicate``."""
    total = src.count()
    sources = src.db.execute("SELECT id, name, format, header FROM source ORDER BY id").fetchall()
    for source, name, format, header in sources:
        def tick(n: int) -> None:
            copied.tus += n
            if progress is not None:
                progress(copied.tus, total, copied.bytes)
        records = _records(src, int(source), copied)
        report = dst.add_records(records, name=str(name), format=str(format), header=codec.decode_header(header),
                                 on_duplicate=on_duplicate, progress=tick)
        if report.read:
            copied.sources += 1
            copied.merged.append(report)


def _records(src: TMStore, source: int, copied: Copied) -> Iterator[TURecord]:
    """The TUs of one import of ``src`` as records, in order."""
    cursor = src.stream("SELECT tu.id, tu.meta, tuv.lang, tuv.text, tuv.seg, tuv.meta FROM tu JOIN tuv ON tuv.tu = "
                        f"tu.id WHERE tu.source = {source:d} ORDER BY tu.id, tuv.id")
    rows: list[TURow] = []
    for row in cursor:
        if rows and row[0] != rows[0][0]:
            yield _record(src, rows, copied)
            rows = []
        rows.append(row)
    if rows:
        yield _record(src, rows, copied)
    cursor.close()


def _record(src: TMStore, rows: list[TURow], copied: Copied) -> TURecord:
    record = record_of_rows(rows)
    if record is None:
        raise src.damaged(f"the metadata of TU {rows[0][0]} is not JSON")
    copied.variants += len(rows)
    copied.bytes += sum(map(_size, rows))
    return record


__all__ = ["REBUILT", "Copied", "Indexing", "Progress", "copy_into", "copy_store"]
