"""The translation memory store: one SQLite file, WAL, one transaction per import.

>>> from workbench.tm import Store                      # doctest: +SKIP
>>> with Store("build/memory.sqlite") as store:
...     report = store.add_tus(tus, name="aligned", on_duplicate="keep")
...     for tu in store.tus(langs=["ar", "en"]): ...

What a TMX file carries, the store keeps (see :mod:`workbench.tm.schema`);
what the store keeps, :meth:`Store.tus` gives back as the same model.
"""
from __future__ import annotations

import datetime as _dt
import json
import json.scanner
import sqlite3
import time
from array import array
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager, nullcontext, suppress
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, TypeVar

from ..errors import WorkbenchError
from .. import fileio
from ..fileio import log
from ..formats.issues import ReadLog
from ..model import Attrs, TMXHeader, TU, TUV, attr_of
from . import codec
from .report import ImportReport
from .schema import APPLICATION_ID, MIGRATIONS, SCHEMA_VERSION, expected_columns

if TYPE_CHECKING:  # the TMX reader is imported by imports alone
    from ..formats.tmx import TURecord, VariantRecord

OnDuplicate = Literal["keep", "replace", "add"]
#: A row of :meth:`Store.tu_rows`: TU id and meta, variant language, text, seg and meta.
TURow = tuple[int, str | None, str, str, str | None, str | None]
#: Rows an import inserts: ``tu`` (id, source, srclang, src_hash, meta, changed) and ``tuv`` (tu, lang, text, seg, meta).
TUInsert = tuple[int, int, str, int, str | None, str | None]
TUVInsert = tuple[int, str, str, str | None, str | None]
#: What the ``stored`` callback of an import gets after each batch it wrote: the batch's ``tu`` and ``tuv``
#: rows (the ``tuv`` rows the last ones inserted, in id order), or None when other ``tuv`` rows were
#: inserted or deleted since the last call (variants added to a stored TU, TUs replaced).
StoredRows = tuple[list[TUInsert], list[TUVInsert]]
Stored = Callable[[StoredRows | None], None]
ON_DUPLICATE: tuple[str, ...] = ("keep", "replace", "add")
_BATCH = 2000
#: Seconds SQLite itself waits for a lock before :meth:`Store._patiently` tries again.
_BUSY = 0.5
_MAGIC = b"SQLite format 3\0"
_T = TypeVar("_T")
#: Columns holding JSON (:mod:`workbench.tm.codec`).
_JSON_COLUMNS = (("tu", "meta"), ("tuv", "meta"), ("source", "header"), ("source", "report"))
#: Columns of the fuzzy index holding arrays, with the bytes of a number (:mod:`workbench.tm.fuzzy`).
_ARRAY_COLUMNS = (("fz_gram", "postings", 2), ("fz_seg", "length", 2), ("fz_seg", "newest", 8))


class StoreError(WorkbenchError):
    """A store that cannot be used: not a workbench store, locked, too new, damaged."""


class DamagedStoreError(StoreError):
    """A store whose file or content is damaged (it fails its checks, or holds what does not decode)."""


#: What to do about a damaged store, unless the opener knows better.
REPAIR = "wb build makes a project's store again; restore another from a backup or from its TMX files"


#: Every variant of every TU in import order (:meth:`Reading.tu_rows`).
ROWS_QUERY = ("SELECT tu.id, tu.meta, tuv.lang, tuv.text, tuv.seg, tuv.meta FROM tu JOIN tuv ON tuv.tu = tu.id "
              "ORDER BY tu.id, tuv.id")


#: The query of :meth:`Reading.newest_first`; ``hint``: how the engine is told to walk index ``tu_changed``,
#: ``where``: which TUs (an engine that sorts TUs without a date first walks them apart).
NEWEST_FIRST = ("SELECT tuv.id, tu.id, tu.changed, tuv.lang, tuv.text FROM tu{hint} JOIN tuv ON tuv.tu = tu.id{where} "
                "ORDER BY tu.changed DESC, tu.id DESC")


class Reading:
    """The reading queries both engines share (their ``db`` takes the same SQL);
    an engine gives the cursor over :data:`ROWS_QUERY`, its identity and its check."""

    db: Any

    def _identity(self) -> tuple[str, int, int]:
        raise NotImplementedError

    def check(self) -> None:
        raise NotImplementedError

    def setting(self, key: str) -> str | None:
        raise NotImplementedError

    def _row_cursor(self) -> Any:
        return self.stream(ROWS_QUERY)

    def stream(self, sql: str) -> Any:
        """A cursor over the rows of ``sql`` (no parameters), read as they are fetched."""
        return self.db.execute(sql)

    def newest_first(self) -> Any:
        """Rows (tuv id, tu id, date, language, text) of every variant, walking the TUs newest first
        (by date, then id; a TU's variants by id), read as they are fetched."""
        return self.stream(NEWEST_FIRST.format(hint=" INDEXED BY tu_changed", where=""))  # else SQLite sorts them all

    def tus(self, langs: Sequence[str] | None = None) -> Iterator[TU]:
        """Every TU in import order, streaming. With ``langs``, only TUs that have
        a variant in each of them, and only those variants."""
        for rows in self.tu_rows():
            yield from tus_of_rows(rows, langs)

    def tu_rows(self, batch: int = 512) -> Iterator[list[TURow]]:
        """The rows of every TU in import order (:data:`TURow`, one per variant), in
        lists holding whole TUs, about ``batch`` TUs each: for :func:`tus_of_rows`."""
        cur = self._row_cursor()
        rows: list[TURow] = []
        while chunk := cur.fetchmany(2 * batch):
            rows += chunk
            last = rows[-1][0]
            cut = len(rows)
            while cut and rows[cut - 1][0] == last:  # the last TU may go on in the next chunk
                cut -= 1
            if cut:
                yield rows[:cut]
                rows = rows[cut:]
        if rows:
            yield rows
        cur.close()

    def tu(self, tu_id: int) -> TU:
        """One TU by its store id."""
        row = self.db.execute("SELECT meta FROM tu WHERE id = ?", (tu_id,)).fetchone()
        if row is None:
            raise KeyError(tu_id)
        rows = self.db.execute("SELECT lang, text, seg, meta FROM tuv WHERE tu = ? ORDER BY id", (tu_id,))
        return _tu(row[0], [codec.tuv_from_row(*r) for r in rows])

    def count(self) -> int:
        """Number of TUs."""
        return int(self.db.execute("SELECT count(*) FROM tu").fetchone()[0])

    def languages(self) -> dict[str, int]:
        """Variants per language."""
        return {str(k): int(v) for k, v in self.db.execute("SELECT lang, count(*) FROM tuv GROUP BY lang ORDER BY lang")}

    def header(self) -> TMXHeader | None:
        """The TMX header the TUs came with, when they all came from one file; when they
        came from several, the creating tool of those whose TUs hold inline codes, if they
        name one (:func:`~workbench.formats.tmx.tool_header`): the tool whose tags they are."""
        rows = self.db.execute("SELECT DISTINCT source FROM tu LIMIT 2").fetchall()
        if len(rows) > 1:
            from ..formats.tmx import tool_header
            coded = self.db.execute("SELECT header FROM source WHERE id IN (SELECT DISTINCT tu.source FROM tu "
                                    "JOIN tuv ON tuv.tu = tu.id WHERE tuv.seg IS NOT NULL)").fetchall()
            return tool_header(codec.decode_header(h) for (h,) in coded)
        if not rows:
            return None
        found = self.db.execute("SELECT header FROM source WHERE id = ?", (rows[0][0],)).fetchone()
        return codec.decode_header(found[0]) if found else None

    def srclang(self) -> str | None:
        """The most common source language."""
        row = self.db.execute("SELECT srclang, count(*) n FROM tu GROUP BY srclang ORDER BY n DESC, srclang "
                              "LIMIT 1").fetchone()
        return None if row is None else str(row[0])

    def stats(self, exact: bool = False) -> dict[str, Any]:
        """Counts for ``wb tm stats``, once the store passed :meth:`check`.

        Variants and pairs are counted under their language (``en``, ``en-GB``
        and ``en-US`` under ``en``; ``tags`` says which tags each holds), or,
        when ``exact``, under their tags."""
        self.check()
        db = self.db
        name, schema, size = self._identity()
        tags = self.languages()
        pairs = db.execute(
            "SELECT tu.srclang, tuv.lang, count(*) FROM tu JOIN tuv ON tuv.tu = tu.id "
            "WHERE tuv.lang <> tu.srclang GROUP BY tu.srclang, tuv.lang").fetchall()
        sources = db.execute(
            "SELECT s.name, s.format, s.imported, count(tu.id) FROM source s LEFT JOIN tu ON tu.source = s.id "
            "GROUP BY s.id ORDER BY s.id").fetchall()
        group = (lambda tag: tag) if exact else _language
        languages: dict[str, int] = {}
        held: dict[str, dict[str, int]] = {}
        for tag, n in tags.items():
            languages[group(tag)] = languages.get(group(tag), 0) + n
            held.setdefault(group(tag), {})[tag] = n
        by_pair: dict[tuple[str, str], int] = {}
        for src, tgt, n in pairs:
            key = (group(src), group(tgt))
            if key[0] != key[1]:
                by_pair[key] = by_pair.get(key, 0) + n
        out: dict[str, Any] = {
            "store": name,
            "schema": schema,
            "tus": self.count(),
            "tuvs": int(db.execute("SELECT count(*) FROM tuv").fetchone()[0]),
            "languages": dict(sorted(languages.items())),
            "pairs": [{"source": s, "target": t, "tus": n}
                      for (s, t), n in sorted(by_pair.items(), key=lambda item: (-item[1], item[0]))],
            "imports": [{"name": n, "format": f, "imported": i, "tus": c} for n, f, i, c in sources if c],
            "fuzzy_index": self.setting("fuzzy") or "none",
            "bytes": size,
        }
        if not exact:
            out["tags"] = {lang: dict(sorted(held[lang].items())) for lang in sorted(languages)}
        return out


class Store(Reading):
    """A translation memory in an SQLite file (created when ``create`` is true).

    Another process writing the store is waited for (said once, on the
    ``workbench`` logger) for up to ``timeout`` seconds (default
    :data:`~workbench.fileio.WAIT_SECONDS`). Every error of the
    store within a ``with Store(...)`` block is a :class:`StoreError` naming
    it: a damaged one (:class:`DamagedStoreError`) says what to do,
    ``repair``.
    """

    def __init__(self, path: str | Path, *, create: bool = True, timeout: float | None = None,
                 repair: str = REPAIR) -> None:
        self.path = Path(path)
        self.timeout = fileio.WAIT_SECONDS if timeout is None else timeout
        self.repair = repair
        if not self.path.exists():
            if not create:
                raise StoreError(f"{self.path}: no such store (import something first: wb tm import FILE)")
            self.path.parent.mkdir(parents=True, exist_ok=True)
        elif self.path.is_dir():
            raise StoreError(f"{self.path}: is a directory, not a store")
        try:
            self.db = sqlite3.connect(self.path, timeout=min(self.timeout, _BUSY), isolation_level=None,
                                      check_same_thread=False)
        except sqlite3.Error as exc:
            raise self.error(exc) from None
        try:
            self._patiently(self._open)
            self._check_schema()
        except BaseException as exc:
            self.db.close()
            if isinstance(exc, sqlite3.Error):
                raise self.error(exc) from None
            if isinstance(exc, UnicodeDecodeError):  # its schema's text, read on opening
                raise self.damaged("text that is not UTF-8") from None
            raise

    # -- opening ------------------------------------------------------------

    def _open(self) -> None:
        """Check what the file is, make or migrate its schema, and set WAL."""
        db = self.db
        app = db.execute("PRAGMA application_id").fetchone()[0]
        version = db.execute("PRAGMA user_version").fetchone()[0]
        tables = db.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
        if app != APPLICATION_ID and (tables or app):
            raise StoreError(f"{self.path}: not a workbench store (an SQLite database of something else)")
        if version > SCHEMA_VERSION:
            raise StoreError(f"{self.path}: store schema {version} is newer than this workbench ({SCHEMA_VERSION}); upgrade workbench")
        db.execute("PRAGMA foreign_keys = ON")
        db.execute("PRAGMA synchronous = NORMAL")
        if version < SCHEMA_VERSION:  # before WAL: a new store's file is whole (marked as a store) once made
            self._migrate()
        if db.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
            db.execute("PRAGMA journal_mode = WAL")  # busy while another process imports in bulk mode: waited for

    def _migrate(self) -> None:
        with self.transaction():
            version = self.db.execute("PRAGMA user_version").fetchone()[0]  # another process may have done it
            if version == 0 and self.db.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]:
                raise self.damaged("it has tables but no schema version")
            for step in range(version, SCHEMA_VERSION):
                for statement in _statements(MIGRATIONS[step]):
                    self.db.execute(statement)
            self.db.execute(f"PRAGMA application_id = {APPLICATION_ID}")
            self.db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")

    def _check_schema(self) -> None:
        """Every table of the schema, with its columns (cheap: the schema is in memory)."""
        for table, columns in expected_columns().items():
            have = tuple(row[1] for row in self.db.execute(f"PRAGMA table_info({table})"))
            if have != columns:
                what = f"table {table} is missing" if not have else f"table {table} has other columns"
                raise self.damaged(what)

    def check(self) -> None:
        """Check the whole store: ``PRAGMA quick_check`` (every page and record
        well formed), the JSON of every metadata column and the arrays of the fuzzy index. A
        :class:`DamagedStoreError` if it fails. Its cost grows with the store
        (about 0.25 s per 100k TUs, 1 s from a cold disk cache), so opening a store
        does not run it."""
        try:
            rows = self.db.execute("PRAGMA quick_check(3)").fetchall()
            if rows != [("ok",)]:
                found = " ".join(" ".join(str(r[0]) for r in rows).replace("*** in database main ***", "").split())
                raise self.damaged(found)
            for table, column in _JSON_COLUMNS:
                row = self.db.execute(f"SELECT id FROM {table} WHERE {column} IS NOT NULL AND NOT json_valid({column}) "
                                      "LIMIT 1").fetchone()
                if row is not None:
                    raise self.damaged(f"the {column} of {table} {row[0]} is not JSON")
            for table, column, size in _ARRAY_COLUMNS:
                if self.db.execute(f"SELECT 1 FROM {table} WHERE {column} IS NOT NULL AND (typeof({column}) <> 'blob' "
                                   f"OR length({column}) % {size}) LIMIT 1").fetchone():
                    raise self.damaged(f"a {column} list of {table} that is not {8 * size}-bit numbers")
        except sqlite3.Error as exc:
            raise self.error(exc) from None

    def _patiently(self, action: Callable[[], _T]) -> _T:
        """``action()``, again while another process holds the store (said once),
        for up to :attr:`timeout` seconds."""
        deadline: float | None = None
        while True:
            try:
                return action()
            except sqlite3.OperationalError as exc:
                if not _busy(exc):
                    raise
                now = time.monotonic()
                if deadline is None:
                    deadline = now + self.timeout
                    log.info("waiting for another process using %s…", self.path)
                if now >= deadline:
                    raise StoreError(f"{self.path}: the store is locked by another process (waited "
                                     f"{self.timeout:g} s); try again when it is done") from None
                time.sleep(0.05)

    def damaged(self, what: str) -> DamagedStoreError:
        """The error of a damaged store: what is wrong, and what to do (:attr:`repair`)."""
        return DamagedStoreError(f"{self.path}: the store is damaged ({what}); {self.repair}")

    def error(self, exc: sqlite3.Error) -> StoreError:
        """An SQLite error as one line naming the store."""
        text = str(exc)
        if _busy(exc):
            return StoreError(f"{self.path}: the store is locked by another process; try again when it is done")
        if "disk is full" in text:
            return StoreError(f"{self.path}: no space left on device")
        if "readonly" in text or "read-only" in text:
            return StoreError(f"{self.path}: cannot write the store (a read-only file or folder)")
        if "not a database" in text and self.path.is_file() and self.path.stat().st_size and not _sqlite_file(self.path):
            return StoreError(f"{self.path}: not a workbench store (not an SQLite database)")
        if "disk I/O error" in text or "unable to open" in text:
            return StoreError(f"{self.path}: cannot read or write the store: {text}")
        if isinstance(exc, (sqlite3.ProgrammingError, sqlite3.InterfaceError, sqlite3.NotSupportedError)):
            return StoreError(f"{self.path}: {text}")  # how the store was used, not what it holds
        return self.damaged(text)

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None, tb: object) -> None:
        """Close; an error of the store in the block becomes a :class:`StoreError` naming it."""
        self.close()
        if isinstance(exc, sqlite3.Error):
            raise self.error(exc) from None
        if isinstance(exc, codec.StoreDataError):
            raise self.damaged(str(exc)) from None

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """``BEGIN IMMEDIATE`` ... ``COMMIT`` (waiting for another process that writes);
        any exception rolls everything back. Inside another transaction of this
        store, the block is part of it."""
        if self.db.in_transaction:
            yield self.db
            return
        try:
            self._patiently(lambda: self.db.execute("BEGIN IMMEDIATE"))
        except sqlite3.Error as exc:
            raise self.error(exc) from None
        try:
            yield self.db
            self.db.execute("COMMIT")
        except BaseException as exc:
            if self.db.in_transaction:  # SQLite rolls back itself on some errors (a full disk)
                with suppress(sqlite3.Error):
                    self.db.execute("ROLLBACK")
            if isinstance(exc, sqlite3.Error):
                raise self.error(exc) from None
            raise

    @contextmanager
    def bulk_mode(self) -> Iterator[None]:
        """Settings for a large import (outside its transaction; inside one, nothing changes).

        When no other connection has the store open, it leaves WAL for a
        rollback journal while the import runs: new pages are then written
        once, not to the WAL and again to the store, and a process that comes
        meanwhile waits until it is done. Foreign keys are not checked (the
        writer makes them). Both are set back after (WAL, at the latest, when
        the store is next opened).
        """
        db = self.db
        if db.in_transaction:
            yield
            return
        try:
            mode = str(db.execute("PRAGMA journal_mode = DELETE").fetchone()[0])
        except sqlite3.OperationalError:  # another connection has the store open
            mode = "wal"
        db.execute("PRAGMA foreign_keys = OFF")
        try:
            yield
        finally:
            db.execute("PRAGMA foreign_keys = ON")
            if mode != "wal":
                # A reader that came meanwhile can hold the store; then the next opening sets WAL again.
                with suppress(sqlite3.OperationalError):
                    db.execute("PRAGMA journal_mode = WAL")

    @contextmanager
    def snapshot(self) -> Iterator[None]:
        """Reads in the block see the store as it was at its start (one read
        transaction; inside a transaction of this store, that one)."""
        if self.db.in_transaction:
            yield
            return
        try:
            self._patiently(lambda: self.db.execute("BEGIN DEFERRED"))
            self.db.execute("SELECT count(*) FROM setting")  # the snapshot begins at the first read
        except sqlite3.Error as exc:
            raise self.error(exc) from None
        try:
            yield
        finally:
            if self.db.in_transaction:
                with suppress(sqlite3.Error):
                    self.db.execute("COMMIT")

    def restart_ids(self) -> None:
        """After rows were written with their ids: new rows get the next ids (SQLite does that itself)."""

    def text_bytes(self) -> int:
        """The bytes of the variants' text (UTF-8)."""
        return int(self.db.execute("SELECT coalesce(sum(length(CAST(text AS BLOB))), 0) FROM tuv").fetchone()[0])

    # -- settings -----------------------------------------------------------

    def setting(self, key: str) -> str | None:
        row = self.db.execute("SELECT value FROM setting WHERE key = ?", (key,)).fetchone()
        return None if row is None else str(row[0])

    def set_setting(self, key: str, value: str) -> None:
        """Set a setting (inside the caller's transaction, if any)."""
        self.db.execute("INSERT OR REPLACE INTO setting(key, value) VALUES (?, ?)", (key, value))

    # -- writing --------------------------------------------------------------

    def add_tus(
        self,
        tus: Iterable[TU],
        *,
        name: str = "api",
        format: str = "api",
        header: TMXHeader | None = None,
        on_duplicate: OnDuplicate = "keep",
        log: ReadLog | None = None,
        progress: Callable[[int], None] | None = None,
        bulk: bool = False,
        stored: Stored | None = None,
    ) -> ImportReport:
        """Store ``tus`` in one transaction: all of them, or (on any error) none.

        A *duplicate* has the same source language and source segment
        (markup included) as a TU already stored. ``keep``: when no variant
        conflicts, the newcomer's extra languages are added to the stored TU
        and it counts as merged; otherwise it is stored beside it (an
        alternative translation). ``replace``: the stored TU(s) are replaced
        (merged). ``add``: always stored.
        ``header`` is kept with the import; its ``srclang`` is the source
        language of TUs without one. ``bulk`` (a large import) writes in
        :meth:`bulk_mode`. ``stored`` is called each time a batch of TUs
        has been written (in the transaction: to index them as they come), with
        its rows (:data:`StoredRows`).
        """
        return self.add_records(map(codec.record, tus), name=name, format=format, header=header,
                                on_duplicate=on_duplicate, log=log, progress=progress, bulk=bulk, stored=stored)

    def add_records(
        self,
        records: Iterable[TURecord],
        *,
        name: str = "api",
        format: str = "api",
        header: TMXHeader | None = None,
        on_duplicate: OnDuplicate = "keep",
        log: ReadLog | None = None,
        progress: Callable[[int], None] | None = None,
        bulk: bool = False,
        stored: Stored | None = None,
    ) -> ImportReport:
        """:meth:`add_tus` for TUs as records (:meth:`TmxReader.records
        <workbench.formats.tmx.TmxReader.records>`): the fast path of imports."""
        if on_duplicate not in ON_DUPLICATE:
            raise WorkbenchError(f"on-duplicate must be one of {', '.join(ON_DUPLICATE)}, not {on_duplicate!r}")
        report = ImportReport(name, format, log or ReadLog(name))
        counting = log is None
        started = time.perf_counter()
        try:
            with self.bulk_mode() if bulk else nullcontext(), self.transaction() as db:
                now = _dt.datetime.now(_dt.timezone.utc).isoformat(timespec="seconds")
                source = db.execute("INSERT INTO source(name, format, imported) VALUES (?, ?, ?)",
                                    (name, format, now)).lastrowid
                write_source(self, db, int(source or 0), records, report, header=header, on_duplicate=on_duplicate,
                             counting=counting, progress=progress, stored=stored)
        except sqlite3.Error as exc:
            raise self.error(exc) from None
        report.seconds = time.perf_counter() - started
        return report

    # -- reading --------------------------------------------------------------

    def _identity(self) -> tuple[str, int, int]:
        """For :meth:`stats`: the store's name, schema version and size in bytes."""
        return str(self.path), SCHEMA_VERSION, self.path.stat().st_size if self.path.exists() else 0


def _language(tag: str) -> str:
    """The primary language of a stored (canonical) tag: ``en-GB`` -> ``en``."""
    return tag.split("-", 1)[0].lower()


def remove_store_files(path: str | Path, *, main: bool = True) -> None:
    """Remove an SQLite store's file (unless not ``main``) and its journals."""
    for suffix in ("-wal", "-shm", "-journal", *([""] if main else [])):
        Path(f"{path}{suffix}").unlink(missing_ok=True)


def _busy(exc: sqlite3.Error) -> bool:
    text = str(exc)
    return "locked" in text or "busy" in text


def _header(path: Path) -> bytes:
    """The first 100 bytes of a file (SQLite's header), or less."""
    try:
        with path.open("rb") as fh:
            return fh.read(100)
    except OSError:
        return b""


def _sqlite_file(path: Path) -> bool:
    return _header(path)[:16] == _MAGIC


def is_store_file(path: str | Path) -> bool:
    """Whether the file at ``path`` is marked as a workbench store (an SQLite file
    with the store's application id), by its header alone: it may still be damaged."""
    head = _header(Path(path))
    return head[:16] == _MAGIC and int.from_bytes(head[68:72], "big") == APPLICATION_ID


def _statements(script: str) -> Iterator[str]:
    """The complete SQL statements of a script (semicolons in comments are fine)."""
    pending = ""
    for line in script.splitlines(keepends=True):
        pending += line
        if sqlite3.complete_statement(pending):
            yield pending
            pending = ""
    if pending.strip() and not pending.strip().startswith("--"):
        yield pending


def write_source(store: Any, db: Any, source: int, records: Iterable[TURecord], report: ImportReport, *,
                 header: TMXHeader | None, on_duplicate: OnDuplicate, counting: bool,
                 progress: Callable[[int], None] | None, stored: Stored | None) -> None:
    """Store one import's records under its ``source`` row, inside the caller's write
    transaction on ``db`` (either engine): the duplicate policy, the source's header and
    report, and the fuzzy index marked appended to or stale."""
    default = (header.attr("srclang") if header else None) or "*all*"
    writer = _Writer(db, source, on_duplicate, report, default)
    writer.stored = stored
    add = writer.add
    for record in records:
        if counting:
            report.log.read += 1
        add(record)
        if progress is not None:
            progress(1)
    writer.finish()
    db.execute("UPDATE source SET header = ?, report = ? WHERE id = ?",
               (codec.encode_header(header) if header is not None else None,
                json.dumps({"read": report.read, "stored": report.stored, "merged": report.merged,
                            "skipped": report.skipped}), source))
    if report.stored or report.merged:
        grew = store.setting("fuzzy") in ("fresh", "appended") and not writer.deleted
        store.set_setting("fuzzy", "appended" if grew else "stale")


def tus_of_rows(rows: Sequence[TURow], langs: Sequence[str] | None = None) -> Iterator[TU]:
    """The TUs of rows from :meth:`Store.tu_rows` (as :meth:`Store.tus` gives them)."""
    return (tu for _, tu in numbered_tus(rows, langs))


def numbered_tus(rows: Sequence[TURow], langs: Sequence[str] | None = None,
                 start: int = 0) -> Iterator[tuple[int, TU]]:
    """:func:`tus_of_rows`, each TU with its place among all TUs of ``rows``
    (counting from ``start + 1``; TUs left out by ``langs`` are counted too)."""
    want = [lang.lower() for lang in langs] if langs else None
    number = start
    current: int | None = None
    meta: str | None = None
    tuvs: list[TUV] = []
    for tu_id, tu_meta, lang, text, seg, tuv_meta in rows:
        if tu_id != current:
            if tuvs:
                number += 1
                tu = _select(_tu(meta, tuvs), want)
                if tu is not None:
                    yield number, tu
            current, meta, tuvs = tu_id, tu_meta, []
        tuvs.append(codec.tuv_from_row(lang, text, seg, tuv_meta))
    if tuvs:
        tu = _select(_tu(meta, tuvs), want)
        if tu is not None:
            yield number + 1, tu


def record_of_rows(rows: Sequence[TURow]) -> TURecord | None:
    """The record of one TU's rows (attribute lists and prop and note rows as
    JSON lists), without model objects: the fast path of a TMX export; None when
    the metadata is not JSON (:func:`numbered_tus` says what is wrong)."""
    try:
        tuvs: list[Any] = [(lang, seg, text, *_meta_lists(meta)) for _, _, lang, text, seg, meta in rows]
        return (tuvs, *_meta_lists(rows[0][1]))
    except (ValueError, AttributeError):
        return None


def _meta_lists(meta: str | None) -> tuple[Any, Any, Any, Any]:
    if not meta:
        return (), (), (), ()
    try:  # the C scanner alone: a third of json.loads's time on the store's compact JSON
        data, end = _SCAN(meta, 0)
    except StopIteration:
        raise ValueError("not JSON") from None
    if end != len(meta):
        data = json.loads(meta)
    return data.get("a", ()), data.get("p", ()), data.get("n", ()), data.get("x", ())


_SCAN: Callable[[str, int], tuple[Any, int]] = json.scanner.make_scanner(json.JSONDecoder())  # type: ignore[arg-type]


def _tu(meta: str | None, tuvs: list[TUV]) -> TU:
    attrs, props, notes, extra = codec.decode_meta(meta)
    return TU(tuple(tuvs), attrs, props, notes, extra)


def _select(tu: TU, want: list[str] | None) -> TU | None:
    if want is None:
        return tu
    keep = []
    for lang in want:
        tuv = tu.variant(lang)
        if tuv is None:
            return None
        keep.append(tuv)
    chosen = [t for t in tu.tuvs if any(t is k for k in keep)]
    return TU(tuple(chosen), tu.attrs, tu.props, tu.notes, tu.extra)


def _source(srclang: str, tuvs: Sequence[VariantRecord]) -> tuple[str, VariantRecord]:
    """A TU's source language and variant when its first variant is not in
    ``srclang`` exactly: ``*all*`` and the first variant; else the tag of the
    first variant in ``srclang`` or a region of it (as :meth:`TU.variant
    <workbench.model.TU.variant>` finds it) and that variant; else ``srclang``
    and the first variant."""
    want = srclang.lower()
    if want == "*all*":
        return "*all*", tuvs[0]
    for tuv in tuvs:
        have = tuv[0].lower()
        if have == want or have.split("-", 1)[0] == want or want.split("-", 1)[0] == have:
            return tuv[0], tuv
    return srclang, tuvs[0]


def _seg(tuv: VariantRecord) -> str:
    """A variant's seg markup."""
    return codec.escape(tuv[2]) if tuv[1] is None else tuv[1]


_SRC_HASH_INDEX = "CREATE INDEX tu_src_hash ON tu(src_hash)"
_CHANGED_INDEX = "CREATE INDEX tu_changed ON tu(changed, id)"
_TU_INSERT = "INSERT INTO tu(id, source, srclang, src_hash, meta, changed) VALUES (?, ?, ?, ?, ?, ?)"
_TUV_INSERT = "INSERT INTO tuv(tu, lang, text, seg, meta) VALUES (?, ?, ?, ?, ?)"


#: Bits of :attr:`_Writer.seen` (4 MB): at a million TUs, one new TU in 30 is looked up in vain.
_SEEN_BITS = 1 << 25
#: Source hashes :class:`_Known` keeps in a dict before it sorts them into its arrays.
_RECENT = 1 << 16
#: Stored TUs whose segments :class:`_Writer` keeps to compare duplicates with (a few MB).
_SEGS_KEPT = 1 << 14
#: Kinds of TU (languages, plain or markup) :meth:`_Writer._signature` tells apart; the bits of its hash.
_KINDS, _HASH_BITS = 1 << 15, 48
#: The signature of a TU that may be a duplicate of any other.
_UNKNOWN = -1


class _Known:
    """The source hashes of the TUs an import into an empty store has stored,
    with their TU ids, in about 16 bytes a TU: the latest in a dict, the
    others in two arrays sorted by hash (merged with numpy, a few times a
    million TUs). TUs replaced meanwhile are left out."""

    def __init__(self) -> None:
        self.recent: dict[int, int | list[int]] = {}  # ints, not lists, where they can: the cyclic collector skips them
        self.limit = _RECENT  # recent hashes sorted into the arrays from this many on
        self.hashes: Any = None
        self.ids: Any = None
        self.gone: set[int] = set()

    def get(self, h: int) -> list[int]:
        """The ids of the TUs of source hash ``h``, in increasing order."""
        ids: list[int] = []
        if self.hashes is not None:
            lo = int(self.hashes.searchsorted(h, "left"))
            hi = int(self.hashes.searchsorted(h, "right"))
            ids = self.ids[lo:hi].tolist()
        recent = self.recent.get(h)
        if recent is not None:
            ids += [recent] if isinstance(recent, int) else recent
        return [i for i in ids if i not in self.gone] if self.gone else ids

    def add(self, h: int, tu_id: int) -> None:
        known = self.recent.setdefault(h, tu_id)
        if known != tu_id:
            self.recent[h] = [known, tu_id] if isinstance(known, int) else [*known, tu_id]
        if len(self.recent) >= self.limit:
            self._merge()

    def replaced(self, ids: list[int]) -> None:
        """The TUs ``ids`` replaced by the first of them."""
        self.gone.update(ids[1:])

    def _merge(self) -> None:
        import numpy as np

        pairs = [(h, i) for h, ids in self.recent.items() for i in ([ids] if isinstance(ids, int) else ids)]
        hashes = np.fromiter((h for h, _ in pairs), dtype=np.int64, count=len(pairs))
        ids = np.fromiter((i for _, i in pairs), dtype=np.int64, count=len(pairs))
        if self.hashes is not None:
            hashes, ids = np.concatenate((self.hashes, hashes)), np.concatenate((self.ids, ids))
        order = np.argsort(hashes, kind="stable")  # equal hashes stay in id order
        self.hashes, self.ids = hashes[order], ids[order]
        self.recent = {}
        self.limit = max(_RECENT, len(self.hashes) // 4)


class _Writer:
    """Batches rows for one import and applies the duplicate policy.

    Into an empty store, the source-hash and date indexes are made once at
    the end (a sort) instead of growing row by row; until then the source
    hashes stored are marked in :attr:`seen`, a bitmap of fixed size, and
    kept with their TU ids in :attr:`known` (:class:`_Known`): a TU whose
    hash's bit is clear has no duplicate, only the others are looked up.
    Under ``keep``, each TU this import stores has a :meth:`_signature` in
    :attr:`signatures`: a newcomer whose signature says that it differs from
    a stored TU of the same source (an alternative translation) is stored
    beside it without reading it; the others (a likely merge, a TU stored
    before) are read and compared, and the segments read stay in :attr:`segs`
    (:data:`_SEGS_KEPT` TUs at most).
    """

    def __init__(self, db: sqlite3.Connection, source: int, policy: str, report: ImportReport,
                 default_srclang: str) -> None:
        self.db, self.source, self.policy, self.report = db, source, policy, report
        self.default_srclang = default_srclang
        self.next_id = int(db.execute("SELECT coalesce(max(id), 0) + 1 FROM tu").fetchone()[0])
        self.deleted = False
        self.stored: Stored | None = None
        self.other = False  # tuv rows inserted or deleted since the last call of stored, besides a batch
        self.fresh = self.next_id == 1
        self.seen = bytearray(_SEEN_BITS >> 3) if self.fresh and policy != "add" else None
        self.known = _Known()
        self.segs: dict[int, dict[str, str]] = {}
        self.first_id = self.next_id
        self.signatures = array("q")  # of TU first_id + i
        self.kinds: dict[tuple[tuple[str, bool], ...], int] = {}
        if self.fresh:
            db.execute("DROP INDEX tu_src_hash")
            db.execute("DROP INDEX tu_changed")
        self.pending: set[int] = set()
        self.tu_rows: list[TUInsert] = []
        self.tuv_rows: list[TUVInsert] = []

    def add(self, record: TURecord) -> None:
        tuvs, attrs, props, notes, extra = record
        srclang = attr_of(attrs, "srclang") or self.default_srclang
        src = tuvs[0]
        if src[0] != srclang:
            srclang, src = _source(srclang, tuvs)
        h = codec.source_hash(srclang, codec.escape(src[2]) if src[1] is None else src[1])
        seen = self.seen
        if seen is not None:
            byte, bit = (h & (_SEEN_BITS - 1)) >> 3, 1 << (h & 7)
            known = seen[byte] & bit
            seen[byte] |= bit
        else:
            known = not self.fresh
        signature = self._signature(tuvs) if self.policy == "keep" else _UNKNOWN
        if known and self.policy != "add" and self._duplicate(record, srclang, h, signature):
            self.report.merged += 1
            return
        self.pending.add(h)
        tu_id = self.next_id
        self.next_id += 1
        if seen is not None:
            self.known.add(h, tu_id)
        if self.policy == "keep":
            self.signatures.append(signature)
        self.tu_rows.append((tu_id, self.source, srclang, h, codec.encode_meta(attrs, props, notes, extra), _changed(attrs)))
        self.tuv_rows += _tuv_rows(tu_id, tuvs)
        self.report.stored += 1
        if len(self.tu_rows) >= _BATCH:
            self.flush()

    def _duplicate(self, record: TURecord, srclang: str, h: int, signature: int) -> bool:
        """Apply the policy to a TU whose source may already be stored (under ``keep``, of
        :meth:`_signature` ``signature``); True if handled."""
        if self.seen is None:
            if h in self.pending:
                self.flush()
            ids = [r[0] for r in self.db.execute("SELECT id FROM tu WHERE src_hash = ? ORDER BY id", (h,))]
        else:
            ids = self.known.get(h)
        if not ids:
            return False
        tuvs, attrs, props, notes, extra = record
        if self.policy == "replace":
            if h in self.pending:
                self.flush()
            self.deleted = True
            self.db.execute(f"DELETE FROM tuv WHERE tu IN ({','.join('?' * len(ids))})", ids)
            self.db.execute(f"DELETE FROM tu WHERE id IN ({','.join('?' * len(ids))})", ids)
            self.db.execute(_TU_INSERT, (ids[0], self.source, srclang, h, codec.encode_meta(attrs, props, notes, extra),
                                         _changed(attrs)))
            self.db.executemany(_TUV_INSERT, _tuv_rows(ids[0], tuvs))
            self.other = True
            self.known.replaced(ids)
            return True
        first, signatures = self.first_id, self.signatures
        ids = [i for i in ids if i < first or not _differ(signatures[i - first], signature)]
        segs = [(tuv[0], _seg(tuv)) for tuv in tuvs]
        for tu_id, stored in zip(ids, self._segments(ids)):
            if all(stored.get(lang, seg) == seg for lang, seg in segs):
                added = [tuv for tuv in tuvs if tuv[0] not in stored]
                if added:
                    self._written(tu_id)
                    self.db.executemany(_TUV_INSERT, _tuv_rows(tu_id, added))
                    self.other = True
                    stored.update((tuv[0], _seg(tuv)) for tuv in added)
                    if tu_id >= first:
                        signatures[tu_id - first] = _UNKNOWN
                return True
        return False

    def _signature(self, tuvs: Sequence[VariantRecord]) -> int:
        """A number saying which languages a TU has in which order, and whether each is plain
        text or markup (its *kind*, above :data:`_HASH_BITS`), and a hash of their segments
        (below); :data:`_UNKNOWN` for a TU with a language twice. Two TUs of the same kind
        whose signatures differ differ in a segment: neither is merged into the other."""
        kind = tuple([(tuv[0], tuv[1] is None) for tuv in tuvs])
        number = self.kinds.get(kind)
        if number is None:
            if len({lang for lang, _ in kind}) < len(kind) or len(self.kinds) >= _KINDS:
                return _UNKNOWN
            number = self.kinds[kind] = len(self.kinds)
        segments = hash(tuple([tuv[2] if tuv[1] is None else tuv[1] for tuv in tuvs]))
        return number << _HASH_BITS | segments & ((1 << _HASH_BITS) - 1)

    def _segments(self, ids: list[int]) -> list[dict[str, str]]:
        """The seg markup of the variants of stored TUs ``ids`` (increasing) by language (the
        last one of a language); those not kept in :attr:`segs` read at once, then kept."""
        kept = self.segs
        missing = [i for i in ids if i not in kept]
        if missing:
            self._written(missing[-1])
            read: dict[int, dict[str, str]] = {i: {} for i in missing}
            for start in range(0, len(missing), 500):
                some = missing[start:start + 500]
                for tu_id, lang, text, seg in self.db.execute(
                        f"SELECT tu, lang, text, seg FROM tuv WHERE tu IN ({','.join('?' * len(some))}) ORDER BY id", some):
                    read[tu_id][lang] = codec.escape(text) if seg is None else seg
            if len(kept) + len(read) > _SEGS_KEPT:
                wanted = {i: kept[i] for i in ids if i in kept}
                kept.clear()
                kept.update(wanted)
            kept.update(read)
        return [kept[i] for i in ids]

    def _written(self, tu_id: int) -> None:
        """Write the batch if TU ``tu_id`` is in it (to read it, or to add variants after its own)."""
        if self.tu_rows and tu_id >= self.tu_rows[0][0]:
            self.flush()

    def finish(self) -> None:
        """Write what is left (and make the indexes that were dropped)."""
        self.flush()
        if self.fresh:
            self.db.execute(_SRC_HASH_INDEX)
            self.db.execute(_CHANGED_INDEX)

    def flush(self) -> None:
        if self.tu_rows:
            self.db.executemany(_TU_INSERT, self.tu_rows)
            self.db.executemany(_TUV_INSERT, self.tuv_rows)
            if self.stored is not None:
                self.stored(None if self.other else (self.tu_rows, self.tuv_rows))
                self.other = False
        self.tu_rows, self.tuv_rows = [], []
        self.pending.clear()


def _differ(a: int, b: int) -> bool:
    """Whether two TUs of these :meth:`_Writer._signature` surely differ in a segment."""
    return a != b and a >> _HASH_BITS == b >> _HASH_BITS and a != _UNKNOWN and b != _UNKNOWN


def _changed(attrs: Attrs) -> str | None:
    """A TU's date for newest-first lists: its changedate, else its creationdate."""
    return attr_of(attrs, "changedate") or attr_of(attrs, "creationdate")


def _tuv_rows(tu_id: int, tuvs: Iterable[VariantRecord]) -> list[TUVInsert]:
    """``tuv`` table rows: (tu, lang, text, seg or None, meta)."""
    return [(tu_id, lang, text, seg, codec.encode_meta(attrs, props, notes, extra) if attrs or props or notes or extra
             else None) for lang, seg, text, attrs, props, notes, extra in tuvs]


__all__ = ["ON_DUPLICATE", "REPAIR", "DamagedStoreError", "OnDuplicate", "Store", "StoreError", "Stored", "StoredRows",
           "TURow", "is_store_file", "remove_store_files",
           "numbered_tus", "record_of_rows", "tus_of_rows"]
