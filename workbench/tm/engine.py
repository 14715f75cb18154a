"""One store interface, two engines: an SQLite file (:class:`~workbench.tm.store.Store`)
or a team's PostgreSQL database (:class:`~workbench.tm.postgres.PgStore`).

:func:`open_store` chooses the engine from the store's name: a ``postgresql://``
(or ``postgres://``) URL, else a path. The PostgreSQL engine (and psycopg) is
imported only when such a store is opened.

Both engines keep the same tables (:mod:`workbench.tm.schema`) and give their
connection as :attr:`TMStore.db`, which takes SQLite's ``?`` placeholders and
the SQL both engines speak, so the fuzzy index, concordance and lexicon work on
either; what each engine says its own way is a method of the store
(:meth:`~TMStore.stream`, :meth:`~TMStore.newest_first`, :meth:`~TMStore.text_bytes`,
:meth:`~TMStore.snapshot`, :meth:`~TMStore.restart_ids`).
"""
from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path, PurePath
from typing import TYPE_CHECKING, Any, Protocol, Self

from .store import REPAIR, DamagedStoreError, OnDuplicate, Store, Stored, TURow, remove_store_files

if TYPE_CHECKING:
    from ..formats.issues import ReadLog
    from ..formats.tmx import TURecord
    from ..model import TU, TMXHeader
    from .report import ImportReport

#: The URL schemes of a PostgreSQL store.
SCHEMES = ("postgresql://", "postgres://")


class TMStore(Protocol):
    """What the commands, the fuzzy index and the build use of a store."""

    @property
    def path(self) -> PurePath:
        """The store's name for messages (a path, or the URL without its password)."""
    #: Seconds to wait for another process writing the store.
    timeout: float
    #: What to do about a damaged store (said in its error).
    repair: str

    @property
    def db(self) -> Any:
        """A DB-API connection taking ``?`` placeholders, in the store's transaction when one is open."""

    def close(self) -> None: ...

    def __enter__(self) -> Self: ...

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None, tb: object) -> None: ...

    def transaction(self) -> AbstractContextManager[Any]:
        """One write transaction (writers one at a time); a block inside another is part of it."""

    def bulk_mode(self) -> AbstractContextManager[None]:
        """Settings for a large import (around its transaction)."""

    def snapshot(self) -> AbstractContextManager[None]:
        """Reads in the block see the store as it was at its start."""

    def stream(self, sql: str) -> Any:
        """A cursor over the rows of ``sql`` (no parameters), read as they are fetched."""

    def newest_first(self) -> Iterable[Any]:
        """Rows (tuv id, tu id, date, language, text) of every variant, the TUs newest first."""

    def text_bytes(self) -> int:
        """The bytes of the variants' text (UTF-8)."""

    def restart_ids(self) -> None:
        """After rows were written with their ids: new rows get the next ids."""

    def damaged(self, what: str) -> DamagedStoreError: ...

    def check(self) -> None:
        """Check the whole store; a :class:`DamagedStoreError` if it fails."""

    def setting(self, key: str) -> str | None: ...

    def set_setting(self, key: str, value: str) -> None: ...

    def add_tus(self, tus: Iterable[TU], *, name: str = ..., format: str = ..., header: TMXHeader | None = ...,
                on_duplicate: OnDuplicate = ..., log: ReadLog | None = ..., progress: Callable[[int], None] | None = ...,
                bulk: bool = ..., stored: Stored | None = ...) -> ImportReport: ...

    def add_records(self, records: Iterable[TURecord], *, name: str = ..., format: str = ...,
                    header: TMXHeader | None = ..., on_duplicate: OnDuplicate = ..., log: ReadLog | None = ...,
                    progress: Callable[[int], None] | None = ..., bulk: bool = ...,
                    stored: Stored | None = ...) -> ImportReport: ...

    def tus(self, langs: Sequence[str] | None = None) -> Iterator[TU]: ...

    def tu_rows(self, batch: int = 512) -> Iterator[list[TURow]]: ...

    def tu(self, tu_id: int) -> TU: ...

    def count(self) -> int: ...

    def languages(self) -> dict[str, int]: ...

    def header(self) -> TMXHeader | None: ...

    def srclang(self) -> str | None: ...

    def stats(self, exact: bool = False) -> dict[str, Any]: ...


def is_url(spec: str | PurePath) -> bool:
    """Whether ``spec`` names a PostgreSQL store."""
    return isinstance(spec, str) and spec.lower().startswith(SCHEMES)


def open_store(spec: str | PurePath, *, create: bool = True, timeout: float | None = None,
               repair: str = REPAIR) -> TMStore:
    """The store ``spec`` names: a PostgreSQL URL or an SQLite file (created when ``create``)."""
    if is_url(spec):
        from .postgres import PgStore

        return PgStore(str(spec), create=create, timeout=timeout, repair=repair)
    return Store(Path(spec), create=create, timeout=timeout, repair=repair)


@contextmanager
def removed_if_failed(spec: str | PurePath) -> Iterator[None]:
    """An SQLite store ``spec`` that does not exist yet is removed again (with its journals)
    if the block fails: a first import that fails leaves no empty store behind."""
    path = None if is_url(spec) else Path(spec)
    fresh = path is not None and not path.exists()
    try:
        yield
    except BaseException:
        if fresh and path is not None:
            remove_store_files(path)
        raise


__all__ = ["SCHEMES", "TMStore", "is_url", "open_store", "removed_if_failed"]
