"""Shared fixtures: paths of the sample project; stores on both engines (SQLite, a throw-away PostgreSQL server)."""
from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from itertools import count
from pathlib import Path
from typing import TYPE_CHECKING

import pg_util
import pytest
from hypothesis import settings

if TYPE_CHECKING:
    from workbench.tm.engine import TMStore

settings.register_profile("workbench", derandomize=True, deadline=None, max_examples=150)
settings.load_profile("workbench")

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def root() -> Path:
    """The repository root (also the sample project)."""
    return ROOT


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A copy of the sample project in ``tmp_path/proj``, with the memories brought in but not its exports."""
    from check_util import copy_sample

    return copy_sample(tmp_path / "proj", exports=False)


@pytest.fixture
def seeds() -> list[Path]:
    """The five source articles of the sample project."""
    return sorted([*ROOT.glob("corpus/ar/*.txt"), *ROOT.glob("corpus/fa/*.txt")])


# -- the memory's tests on both engines (SQLite and PostgreSQL) ----------------------------------


@pytest.fixture(scope="session")
def pg_server() -> Iterator[pg_util.Server]:
    """One throw-away PostgreSQL server for the session (skipped where none is installed, failing under CI)."""
    pg_util.requires_server()
    with pg_util.server() as running:
        yield running


@pytest.fixture(params=["sqlite", "postgres"])
def new_spec(request: pytest.FixtureRequest, tmp_path: Path) -> Callable[[], str | Path]:
    """Each call: the name of a new store on the engine of the parameter (an SQLite file in
    ``tmp_path``, or a schema of its own on the session's PostgreSQL server)."""
    if request.param == "postgres":
        return request.getfixturevalue("pg_server").new_schema  # type: ignore[no-any-return]
    made = count()
    return lambda: tmp_path / f"tm{next(made)}.sqlite"


@pytest.fixture
def store_spec(new_spec: Callable[[], str | Path]) -> str | Path:
    """A new store's name, on each engine."""
    return new_spec()


@pytest.fixture
def tm_store(store_spec: str | Path) -> Iterator[TMStore]:
    """A new store, open, on each engine."""
    from workbench.tm.engine import open_store

    with open_store(store_spec) as store:
        yield store


@pytest.fixture
def emptied_spec(new_spec: Callable[[], str | Path], request: pytest.FixtureRequest) -> Callable[[], str | Path]:
    """Each call: the name of an empty store on each engine, for the examples of a property test:
    a new SQLite file, or on PostgreSQL one schema emptied again (a new one costs ten times more)."""
    if request.node.callspec.params.get("new_spec") != "postgres":
        return new_spec
    spec = new_spec()

    def emptied() -> str | Path:
        from workbench.tm.engine import open_store

        with open_store(spec) as store, store.transaction() as db:
            for table in ("fz_gram", "fz_seg", "lex_cache", "setting", "tuv", "tu", "source"):
                db.execute(f"DELETE FROM {table}")
            store.restart_ids()
        return spec
    return emptied


@pytest.fixture
def shown(monkeypatch: pytest.MonkeyPatch) -> dict[str, list[tuple[int, int, str]]]:
    """Every progress bar's updates, by label: (done, total, words), as a terminal would show them."""
    bars: dict[str, list[tuple[int, int, str]]] = {}

    @contextmanager
    def bar(label: str) -> Iterator[object]:
        bars[label] = []
        yield lambda done, total, words: bars[label].append((done, total, words))
    from workbench.cli import tm as tm_cli

    monkeypatch.setattr(tm_cli, "_bar", bar)
    return bars
