"""The store on both engines (SQLite and PostgreSQL): the same assertions on
each, the same fuzzy matches on the same memory, concurrent writers and
readers on PostgreSQL, and ``wb tm`` with ``--store postgresql://...``."""
from __future__ import annotations

import re
import subprocess
import sys
import threading
from collections.abc import Iterator
from itertools import count
from pathlib import Path

import pg_util
import pytest
from click.testing import CliRunner

from workbench.cli import cli
from workbench.errors import FormatError
from workbench.formats.tmx import TmxReader
from workbench.model import TU, TUV
from workbench.tm import StoreError, import_file
from workbench.tm.engine import TMStore, is_url, open_store
from workbench.tm.fuzzy import FuzzyIndex
from workbench.tm.postgres import display

DATA = Path(__file__).parent / "data" / "tm"
ROOT = Path(__file__).resolve().parent.parent
HANOI = ROOT / "tmx" / "hanoi-convention.ar-en.tmx"
HANOI_TUS = 110
_names = count()


@pytest.fixture
def server(pg_server: pg_util.Server) -> pg_util.Server:
    return pg_server


@pytest.fixture
def pg_url(server: pg_util.Server) -> str:
    """A new empty database on the test server."""
    return server.new_database(f"wb_{next(_names)}")


@pytest.fixture
def spec(store_spec: str | Path) -> str | Path:
    """A new store's name on each engine."""
    return store_spec


@pytest.fixture
def store(tm_store: TMStore) -> TMStore:
    return tm_store


def wb(*args: str | Path) -> tuple[int, str, str]:
    res = CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)
    return res.exit_code, res.stdout, res.stderr


def pair(ar: str, en: str) -> TU:
    return TU((TUV.plain("ar", ar), TUV.plain("en", en)), (("srclang", "ar"),))


# -- the same assertions on both engines ----------------------------------------


def test_duplicate_policies(store: TMStore) -> None:
    store.add_tus([pair("سلام", "hello"), pair("شكرا", "thanks")])
    report = store.add_tus([pair("سلام", "hello"), TU((TUV.plain("ar", "سلام"), TUV.plain("fa", "درود")),
                                                      (("srclang", "ar"),))], on_duplicate="keep")
    assert (report.stored, report.merged) == (0, 2)
    assert [t.text for t in store.tu(1).tuvs] == ["سلام", "hello", "درود"]
    report = store.add_tus([pair("سلام", "hi")], on_duplicate="keep")
    assert (report.stored, report.merged) == (1, 0)  # a conflicting variant: stored beside it
    report = store.add_tus([pair("سلام", "greetings")], on_duplicate="replace")
    assert (report.stored, report.merged) == (0, 1)
    assert [tu.tuvs[1].text for tu in store.tus(["ar", "en"])] == ["greetings", "thanks"]
    store.add_tus([pair("شكرا", "thanks")], on_duplicate="add")
    assert store.count() == 3
    assert store.languages() == {"ar": 3, "en": 3}


def test_a_failed_import_leaves_nothing(store: TMStore) -> None:
    import_file(store, DATA / "spec_full.tmx")
    before = (store.count(), list(store.tus()))
    with pytest.raises(FormatError):
        import_file(store, DATA / "truncated.tmx")
    with pytest.raises(RuntimeError):
        store.add_tus(_failing([pair("أ", "a"), pair("ب", "b")]))
    assert (store.count(), list(store.tus())) == before
    assert len(store.stats()["imports"]) == 1


def _failing(tus: list[TU]) -> Iterator[TU]:
    yield from tus
    raise RuntimeError("stopped")


def test_stats_and_header(store: TMStore) -> None:
    import_file(store, DATA / "spec_full.tmx")
    stats = store.stats()
    assert (stats["tus"], stats["tuvs"], stats["languages"]) == (4, 9, {"ar": 4, "en": 4, "fa": 1})
    assert stats["pairs"][0] == {"source": "ar", "target": "en", "tus": 4}
    assert stats["bytes"] > 0 and store.srclang() == "ar"
    header = store.header()
    assert header is not None and header.attr("srclang") == "ar"


def test_no_such_store_unless_created(spec: str | Path) -> None:
    with pytest.raises(StoreError, match="no such store"):
        open_store(spec, create=False)


# -- the same fuzzy matches on both engines --------------------------------------


def _queries() -> list[str]:
    with TmxReader(HANOI) as reader:
        sources = [tu.tuvs[0].text for tu in reader]
    assert len(sources) == HANOI_TUS
    out = []
    for i, text in enumerate(sources):
        words = text.split()
        if len(words) > 3:
            del words[i % len(words)]  # one word less: a fuzzy match
        out.append(" ".join(words))
    return out


def test_lookups_equal_sqlite_on_the_same_memory(tmp_path: Path, pg_url: str) -> None:
    results = []
    for spec in (tmp_path / "tm.sqlite", pg_url):
        with open_store(spec) as s:
            import_file(s, HANOI)
            index = FuzzyIndex(s)  # type: ignore[arg-type]
            found = [[m.as_dict() for m in index.lookup(q, "ar", "en", 50.0, 10)] for q in _queries()]
            found.append([m.as_dict() for m in index.lookup("اتفاقية", "ar", "en", 30.0, 5)])
            candidates = [index.candidates(s_key, "ar", 50.0) for s_key in map(index.norm.fold, _queries()[:10])]
            results.append((found, candidates))
    assert results[0] == results[1]
    assert sum(len(f) for f in results[0][0]) > HANOI_TUS  # real matches, not none on both sides


def test_lookups_equal_sqlite_over_many_segments_and_stop_grams(tmp_path: Path, pg_url: str,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    """Segments of 64 variants with stop grams, the second import indexed as new segments
    by the next lookup: every candidate list, score and match equal on both engines."""
    from workbench.tm import fuzzy

    monkeypatch.setattr(fuzzy, "SEGMENT_DOCS", 64)
    monkeypatch.setattr(fuzzy, "STOP_MIN", 5)
    with TmxReader(HANOI) as reader:
        tus = list(reader)
    queries = _queries()
    results = []
    for spec in (tmp_path / "tm.sqlite", pg_url):
        with open_store(spec) as s:
            s.add_tus(tus[:60])
            FuzzyIndex(s).build()  # type: ignore[arg-type]
            s.add_tus(tus[60:])
            index = FuzzyIndex(s)  # type: ignore[arg-type]
            found = [[m.as_dict() for m in index.lookup(q, "ar", "en", 40.0, 10)] for q in queries]
            assert s.setting("fuzzy") == "fresh"
            candidates = [index.candidates(index.norm.fold(q), "ar", least) for q in queries for least in (40.0, 80.0)]
            shape = s.db.execute("SELECT count(DISTINCT seg), count(*) - count(postings) FROM fz_gram").fetchone()
            results.append((found, candidates, tuple(shape)))
    assert results[0] == results[1]
    segments, stop_grams = results[0][2]
    assert segments >= 3 and stop_grams > 0 and sum(map(len, results[0][0])) > HANOI_TUS


# -- PostgreSQL: concurrent writers and readers ------------------------------------


def test_two_concurrent_imports_both_land(pg_url: str, tmp_path: Path) -> None:
    files = [DATA / "spec_full.tmx", HANOI]
    procs = [subprocess.Popen([sys.executable, "-m", "workbench", "tm", "import", str(f), "--store", pg_url],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=tmp_path)
             for f in files]
    outs = [p.communicate(timeout=120) for p in procs]
    assert [p.returncode for p in procs] == [0, 0], outs
    with open_store(pg_url, create=False) as s:
        assert s.count() == 4 + HANOI_TUS
        assert sorted(i["tus"] for i in s.stats()["imports"]) == [4, HANOI_TUS]
        assert s.setting("fuzzy") == "fresh"


def test_concurrent_duplicates_follow_the_policy_as_in_sequence(pg_url: str) -> None:
    started, go = threading.Event(), threading.Event()

    def slow() -> Iterator[TU]:
        yield pair("سلام", "hello")
        started.set()
        go.wait(10)

    with open_store(pg_url) as first, open_store(pg_url) as second:
        worker = threading.Thread(target=first.add_tus, args=(slow(),))
        worker.start()
        started.wait(10)
        done: list[int] = []
        other = threading.Thread(target=lambda: done.append(second.add_tus([pair("سلام", "hello")]).merged))
        other.start()
        go.set()
        worker.join(10)
        other.join(10)
        assert done == [1] and second.count() == 1


def test_a_lookup_during_an_import_sees_before_or_after(pg_url: str) -> None:
    with open_store(pg_url) as s:
        s.add_tus([pair("القانون الدولي العام", "public international law")])
        FuzzyIndex(s).build()  # type: ignore[arg-type]
    started, go = threading.Event(), threading.Event()

    def slow() -> Iterator[TU]:
        yield pair("القانون الدولي الخاص", "private international law")
        started.set()
        go.wait(10)
        yield pair("القانون الدولي الإنساني", "international humanitarian law")

    with open_store(pg_url) as writer:
        worker = threading.Thread(target=lambda: (writer.add_tus(slow()), FuzzyIndex(writer).build()))  # type: ignore[arg-type]
        worker.start()
        started.wait(10)
        with open_store(pg_url) as reader:  # during: the memory before the import
            found = FuzzyIndex(reader).lookup("القانون الدولي", "ar", "en", 40.0, 10)  # type: ignore[arg-type]
            assert [m.target for m in found] == ["public international law"] and reader.count() == 1
            go.set()
            worker.join(20)
            assert reader.count() == 1  # one snapshot until the store writes
        with open_store(pg_url) as reader:  # after: all of it
            found = FuzzyIndex(reader).lookup("القانون الدولي", "ar", "en", 40.0, 10)  # type: ignore[arg-type]
            assert len(found) == 3 and reader.count() == 3


# -- wb tm on PostgreSQL ------------------------------------------------------------


def test_wb_tm_import_export_lookup_stats(pg_url: str, tmp_path: Path) -> None:
    code, out, err = wb("tm", "import", HANOI, "--store", pg_url)
    assert code == 0, err
    assert f"{HANOI_TUS} stored" in out
    code, out, err = wb("tm", "stats", "--store", pg_url)
    assert code == 0, err
    assert f"TUs        {HANOI_TUS}" in out and "fuzzy index fresh" in out
    with TmxReader(HANOI) as reader:
        first = next(iter(reader))
    code, out, err = wb("tm", "lookup", first.tuvs[0].text, "--store", pg_url, "--format", "json")
    assert code == 0, err
    assert '"score": 100.0' in out and first.tuvs[1].text in out
    code, _, err = wb("tm", "export", "--store", pg_url, "-o", tmp_path / "out.tmx")
    assert code == 0, err
    with TmxReader(HANOI) as a, TmxReader(tmp_path / "out.tmx") as b:
        assert list(b) == list(a)


def test_connection_errors_are_one_line_exit_2(server: pg_util.Server, pg_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    database = pg_url.split("@/")[1].split("?")[0]
    monkeypatch.delenv("PGPASSWORD", raising=False)
    wrong = server.url(database, tcp=True, password="not-the-password")
    code, _, err = wb("tm", "stats", "--store", wrong)
    assert code == 2 and "password authentication failed" in err and "not-the-password" not in err
    assert len(err.strip().splitlines()) == 1
    monkeypatch.setenv("PGPASSWORD", pg_util.PASSWORD)  # from the environment: it connects
    code, _, err = wb("tm", "import", DATA / "spec_full.tmx", "--store", server.url(database, tcp=True))
    assert code == 0, err
    refused = f"postgresql://nobody@127.0.0.1:{server.port + 1 if server.port < 65535 else 1}/x"
    code, _, err = wb("tm", "stats", "--store", refused)
    assert code == 2 and "cannot connect" in err and len(err.strip().splitlines()) == 1
    code, _, err = wb("tm", "stats", "--store", "postgresql://tm:s3cret@[::1/x")
    assert code == 2 and "s3cret" not in err and len(err.strip().splitlines()) == 1


def test_another_schema_version_is_refused(server: pg_util.Server, pg_url: str) -> None:
    with open_store(pg_url):
        pass
    database = pg_url.split("@/")[1].split("?")[0]
    server.sql("UPDATE wb_store SET value = '99' WHERE key = 'schema'", database)
    code, _, err = wb("tm", "stats", "--store", pg_url)
    assert code == 2 and "schema 99 is newer" in err and len(err.strip().splitlines()) == 1
    code, _, err = wb("tm", "lookup", "x", "--store", pg_url)
    assert code == 2


def test_a_database_of_something_else_is_refused(server: pg_util.Server, pg_url: str) -> None:
    server.sql("CREATE TABLE tu (x int)", pg_url.split("@/")[1].split("?")[0])
    code, _, err = wb("tm", "import", DATA / "spec_full.tmx", "--store", pg_url)
    assert code == 2 and "not a workbench store" in err


# -- no server needed ------------------------------------------------------------------


def test_store_names() -> None:
    assert is_url("postgresql://u@h/db") and is_url("POSTGRES://h/db") and not is_url("tm.sqlite")
    assert not is_url(Path("postgresql:/x"))
    assert display("postgresql://tm:s3cret@db.example:5432/memory") == "postgresql://tm@db.example:5432/memory"
    assert "s3cret" not in display('in URI: "postgresql://h/db?user=tm&password=s3cret"')


def test_an_sqlite_store_does_not_import_psycopg(tmp_path: Path) -> None:
    code = ("import sys; from workbench.tm.engine import open_store; "
            f"open_store({str(tmp_path / 'x.sqlite')!r}).close(); print('psycopg' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "False"


def test_concordance_and_analyze_equal_sqlite(pg_url: str, tmp_path: Path) -> None:
    doc = min((ROOT / "corpus" / "ar").glob("*.txt"))
    outputs = []
    for spec in (tmp_path / "tm.sqlite", pg_url):
        assert wb("tm", "import", HANOI, "--store", spec)[0] == 0
        concordance = wb("tm", "concordance", "الأمم المتحدة", "--store", spec, "--format", "json")
        analysis = wb("tm", "analyze", doc, "--src", "ar", "--tgt", "en", "--store", spec, "--format", "json")
        assert concordance[0] == 0 and analysis[0] == 0
        outputs.append((concordance[1], analysis[1]))
    assert outputs[0] == outputs[1]
    assert outputs[0][0].count('"tu"') >= 5


def test_project_tm_store_takes_a_url(project: Path, pg_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    from workbench.project import Project

    settings = project / "workbench.toml"
    original = settings.read_text(encoding="utf-8")
    settings.write_text(original + f'\n[tm]\nstore = "{pg_url}"\n', encoding="utf-8")
    assert Project.load(project).tm_store == pg_url
    monkeypatch.chdir(project)
    code, _, err = wb("tm", "import", DATA / "spec_full.tmx")
    assert code == 0, err
    with open_store(pg_url, create=False) as s:
        assert s.count() == 4
    assert wb("tm", "stats")[1].count("TUs        4") == 1
    settings.write_text(original + '\n[tm]\nstore = "postgresql://tm:secret@db.example/memory"\n', encoding="utf-8")
    code, _, err = wb("tm", "stats")
    assert code == 2 and "holds no password" in err and "secret@" not in err and len(err.strip().splitlines()) == 1
    code, _, err = wb("build")  # and every command that reads the project's settings
    assert code == 2 and "holds no password" in err and len(err.strip().splitlines()) == 1


def test_both_engines_keep_the_same_tables_and_columns(pg_url: str) -> None:
    from workbench.tm.schema import expected_columns

    with open_store(pg_url) as s:
        rows = s.db.execute("SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = "
                            "current_schema() ORDER BY table_name, ordinal_position").fetchall()
    have: dict[str, tuple[str, ...]] = {}
    for table, column in rows:
        have[table] = (*have.get(table, ()), column)
    have.pop("wb_store")
    assert have == expected_columns()


def test_an_older_schema_is_migrated(server: pg_util.Server, pg_url: str) -> None:
    from workbench.tm.postgres import SCHEMA_VERSION

    with open_store(pg_url) as s:
        s.add_tus([pair("سلام", "hello")])
    database = pg_url.split("@/")[1].split("?")[0]
    with open_store(pg_url) as s:  # back to schema 1: the columns fz_seg had then
        later = [c for (c,) in s.db.execute("SELECT column_name FROM information_schema.columns WHERE table_name = "
                                            "'fz_seg'") if c not in ("seg", "first", "last", "langs", "lang", "length")]
    assert later
    server.sql(f"ALTER TABLE fz_seg {', '.join(f'DROP COLUMN {c}' for c in later)}; UPDATE wb_store SET value = '1' "
               "WHERE key = 'schema'", database)
    code, out, err = wb("tm", "lookup", "سلام", "--store", pg_url, "--format", "json")
    assert code == 0 and '"hello"' in out, err
    with open_store(pg_url) as s:
        assert s.db.execute("SELECT value FROM wb_store WHERE key = 'schema'").fetchone()[0] == str(SCHEMA_VERSION)


_KILLED = r"""
import sys, time
from workbench.model import TU, TUV
from workbench.tm.engine import open_store

def tus():
    for i in range(5000):
        yield TU((TUV.plain("ar", f"جملة {i}"), TUV.plain("en", f"sentence {i}")), (("srclang", "ar"),))
    print("ready", flush=True)
    time.sleep(60)

with open_store(sys.argv[1]) as store:
    store.add_tus(tus())
"""


def test_a_killed_import_leaves_nothing_and_no_lock(pg_url: str) -> None:
    with open_store(pg_url) as s:
        s.add_tus([pair("سلام", "hello")])
    proc = subprocess.Popen([sys.executable, "-c", _KILLED, pg_url], stdout=subprocess.PIPE, text=True)
    try:
        assert proc.stdout is not None and proc.stdout.readline().strip() == "ready"
    finally:
        proc.kill()
        proc.wait()
    with open_store(pg_url, timeout=20) as s:
        assert s.count() == 1
        s.add_tus([pair("شكرا", "thanks")])  # the killed writer's lock went with its connection
        assert s.count() == 2 and len(s.stats()["imports"]) == 2


# -- wb build and wb align with [tm] store = "postgresql://..." ----------------------------------------------


def _team_project(project: Path, url: str) -> None:
    settings = project / "workbench.toml"
    settings.write_text(settings.read_text(encoding="utf-8") + f'\n[tm]\nstore = "{url}"\n', encoding="utf-8")


def test_wb_build_fills_the_team_store_with_the_builds_memory(project: Path, server: pg_util.Server,
                                                              monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    url = server.new_schema()
    _team_project(project, url)
    monkeypatch.chdir(project)
    code, _, err = wb("build")
    assert code == 0, err
    team, local = wb("tm", "export"), wb("tm", "export", "--store", "build/memory.sqlite")
    assert team[0] == local[0] == 0 and tu_count(team[1]) > 100
    assert undated(team[1]) == undated(local[1])
    with open_store(url, create=False) as s:
        assert s.setting("fuzzy") == "fresh" and s.db.execute("SELECT count(*) FROM lex_cache").fetchone()[0] == 2
        before = s.stats()["imports"]
    assert wb("build")[0] == 0  # nothing changed: the team's store is left as it is
    with open_store(url, create=False) as s:
        assert s.stats()["imports"] == before
    # an import into the team's store is recorded in tmx/, and the next build keeps it
    code, _, err = wb("tm", "import", DATA / "spec_full.tmx")
    assert code == 0 and "recorded" in err
    assert wb("build")[0] == 0
    with open_store(url, create=False) as s:
        assert s.count() == tu_count(local[1]) + 4
    assert undated(wb("tm", "export")[1]) == undated(wb("tm", "export", "--store", "build/memory.sqlite")[1])


def undated(tmx: str) -> str:
    """An export without its header's creation date (two exports may fall in two seconds)."""
    return re.sub(r'creationdate="[^"]*"', "", tmx, count=1)


def tu_count(tmx: str) -> int:
    """The TUs of a TMX document."""
    return tmx.count("<tu ") + tmx.count("<tu>")


def test_wb_build_never_replaces_a_memory_it_did_not_make(project: Path, server: pg_util.Server,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    url = server.new_schema()
    with open_store(url) as s:
        import_file(s, DATA / "spec_full.tmx")
    _team_project(project, url)
    monkeypatch.chdir(project)
    code, _, err = wb("build")
    assert code == 2 and "did not put there" in err and len(err.strip().splitlines()) == 1
    with open_store(url, create=False) as s:
        assert s.count() == 4


def test_wb_align_learns_from_and_stores_into_a_postgres_store(project: Path, server: pg_util.Server,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    url = server.new_schema()
    with open_store(url) as s:
        import_file(s, DATA / "spec_full.tmx")
    monkeypatch.chdir(project)
    src = min((project / "corpus" / "ar").glob("*.txt"))
    tgt = project / "corpus" / "en" / src.name
    code, _, err = wb("align", src, tgt, "--store", url, "--into-tm", "--format", "jsonl")
    assert code == 0, err
    with open_store(url, create=False) as s:
        assert s.count() > 10
        assert s.db.execute("SELECT count(*) FROM lex_cache").fetchone()[0] == 1  # its word list, cached
