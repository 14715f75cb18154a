"""``wb tm copy``: a whole memory from one store to another, SQLite and PostgreSQL either way."""
from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pg_util
import pytest
from click.testing import CliRunner
from test_formats_tmx import OTHER_TOOLS

from workbench.cli import cli
from workbench.tm import StoreError, import_file
from workbench.tm.copying import copy_store
from workbench.tm.engine import TMStore, open_store
from workbench.tm.fuzzy import FuzzyIndex
from workbench.tm.lexicon import stored_lexicon

DATA = Path(__file__).parent / "data" / "tm"
HANOI = Path(__file__).resolve().parent.parent / "tmx" / "hanoi-convention.ar-en.tmx"
#: Every table the copy keeps as it is (the fuzzy index is made again).
TABLES = ("source", "tu", "tuv", "setting", "lex_cache")


def wb(*args: str | Path) -> tuple[int, str, str]:
    res = CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)
    return res.exit_code, res.stdout, res.stderr


@pytest.fixture
def specs(tmp_path: Path, request: pytest.FixtureRequest) -> Callable[[str], str | Path]:
    """A new store's name on an engine ("sqlite", "postgres")."""
    made = iter(range(1000))

    def new(engine: str) -> str | Path:
        if engine == "sqlite":
            return tmp_path / f"copy{next(made)}.sqlite"
        server: pg_util.Server = request.getfixturevalue("pg_server")
        return server.new_schema()
    return new


def rows(store: TMStore) -> dict[str, list[tuple[object, ...]]]:
    """Every row of the tables a copy keeps, the fuzzy index's settings aside."""
    out = {}
    for table in TABLES:
        found = [tuple(r) for r in store.db.execute(f"SELECT * FROM {table}")]
        out[table] = sorted((r for r in found if not (table == "setting" and str(r[0]).startswith("fuzzy"))), key=repr)
    return out


def filled(spec: str | Path) -> None:
    """Several imports (inline markup, props, notes, dates, users, headers) and a cached word list."""
    with open_store(spec) as store:
        for path in (HANOI, DATA / "spec_full.tmx", *(DATA / name for name in OTHER_TOOLS)):
            import_file(store, path, on_duplicate="add")
        stored_lexicon(store, "ar", "en")
        store.set_setting("build/token", "abc")


PAIRS = [("sqlite", "postgres"), ("postgres", "sqlite"), ("sqlite", "sqlite"), ("postgres", "postgres")]


@pytest.mark.parametrize(("one", "other"), PAIRS)
def test_a_copy_keeps_everything_and_exports_the_same_tmx(specs: Callable[[str], str | Path], tmp_path: Path,
                                                          one: str, other: str) -> None:
    src, dst, back = specs(one), specs(other), specs(one)
    filled(src)
    assert wb("tm", "copy", src, dst)[0] == 0
    code, out, err = wb("tm", "copy", dst, back)  # and back again
    assert code == 0, err
    assert "TU(s)" in out and "fuzzy index made" in out
    exports = []
    for n, spec in enumerate((src, dst, back)):
        assert wb("tm", "export", "--store", spec, "-o", tmp_path / f"{n}.tmx")[0] == 0
        exports.append(re.sub(rb'creationdate="[^"]*"', b"", (tmp_path / f"{n}.tmx").read_bytes(), count=1))  # the export's
    assert exports[0] == exports[1] == exports[2]
    with open_store(src, create=False) as a, open_store(dst, create=False) as b:
        assert rows(b) == rows(a)
        assert b.setting("fuzzy") == "fresh" and b.setting("build/token") == "abc"
        assert len(rows(b)["lex_cache"]) == 1
        first = next(iter(b.tus()))
        text = first.tuvs[0].text
        assert FuzzyIndex(b).lookup(text, "ar", "en") == FuzzyIndex(a).lookup(text, "ar", "en")  # type: ignore[arg-type]
        stats_a, stats_b = a.stats(), b.stats()
        assert stats_b["imports"] == stats_a["imports"] and stats_b["tus"] == stats_a["tus"] > 100
        b.add_tus(list(a.tus())[:1], on_duplicate="add")  # new rows take the ids after those copied
        assert b.count() == a.count() + 1


@pytest.mark.parametrize("engine", ["sqlite", "postgres"])
def test_a_store_holding_tus_is_refused_unless_on_duplicate_says(specs: Callable[[str], str | Path],
                                                                 engine: str) -> None:
    src, dst = specs("sqlite"), specs(engine)
    with open_store(src) as s:
        import_file(s, DATA / "spec_full.tmx")
    with open_store(dst) as d:
        import_file(d, HANOI)
    code, _, err = wb("tm", "copy", src, dst)
    assert code == 2 and "--on-duplicate" in err and len(err.strip().splitlines()) == 1
    code, out, err = wb("tm", "copy", src, dst, "--on-duplicate", "keep")
    assert code == 0, err
    assert "4 read, 4 stored" in out
    assert wb("tm", "copy", src, dst, "--on-duplicate", "keep")[1].count("4 merged") == 1
    code, out, _ = wb("tm", "copy", src, dst, "--on-duplicate", "add", "--format", "json")
    assert code == 0 and '"stored": 4' in out
    with open_store(dst, create=False) as d:
        assert d.count() == 110 + 8 and d.setting("fuzzy") == "fresh"
        assert [Path(i["name"]).name for i in d.stats()["imports"]] == ["hanoi-convention.ar-en.tmx",
                                                                        "spec_full.tmx", "spec_full.tmx"]


@pytest.mark.parametrize("engine", ["sqlite", "postgres"])
def test_a_failed_copy_leaves_nothing(specs: Callable[[str], str | Path], engine: str,
                                      monkeypatch: pytest.MonkeyPatch) -> None:
    src, dst = specs("sqlite"), specs(engine)
    filled(src)
    monkeypatch.setattr("workbench.tm.copying._BATCH", 10)
    seen: list[tuple[int, int, int]] = []

    def progress(done: int, total: int, size: int) -> None:
        seen.append((done, total, size))
        if done >= 30:
            raise RuntimeError("stopped")
    with open_store(src, create=False) as s, pytest.raises(RuntimeError):
        copy_store(s, dst, progress=progress)
    assert [d for d, _, _ in seen] == [10, 20, 30] and seen[0][1] > 100 and 0 < seen[0][2] < seen[1][2]
    if engine == "sqlite":
        assert not list(Path(dst).parent.glob(f"*{Path(dst).name}*"))  # no file, no temporary
    else:
        with open_store(dst, create=False) as d:
            assert d.count() == 0 and d.db.execute("SELECT count(*) FROM source").fetchone()[0] == 0
    with open_store(src, create=False) as s:  # and then it goes through
        indexed: list[tuple[int, int]] = []
        copied = copy_store(s, dst, indexing=lambda done, total: indexed.append((done, total)))
        assert copied.tus == s.count() and copied.sources == 2 + len(OTHER_TOOLS)
        assert indexed[-1] == (copied.variants, copied.variants)


def test_copy_errors_are_one_line(tmp_path: Path) -> None:
    src = tmp_path / "a.sqlite"
    code, _, err = wb("tm", "copy", src, tmp_path / "b.sqlite")
    assert code == 2 and "no such store" in err
    with open_store(src) as s:
        import_file(s, DATA / "spec_full.tmx")
    code, _, err = wb("tm", "copy", src, src)
    assert code == 2 and "the same store" in err
    code, _, err = wb("tm", "copy", src, "postgresql://tm:s3cret@127.0.0.1:1/memory")  # nothing listens there
    assert code == 2 and "cannot connect" in err and "s3cret" not in err and len(err.strip().splitlines()) == 1
    with open_store(src, create=False) as s:
        copy_store(s, tmp_path / "c.sqlite")
        with pytest.raises(StoreError, match="holds 4 TUs"):
            copy_store(s, tmp_path / "c.sqlite")
