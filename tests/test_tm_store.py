"""The store: lossless round trips, duplicates and transactions on both engines (SQLite and PostgreSQL, the
``store`` fixture); bad files, locks and kill -9 of the SQLite file."""
from __future__ import annotations

import hashlib
import io
import re
import sqlite3
import subprocess
import sys
import textwrap
import threading
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_formats_tmx import OTHER_TOOLS, _tu  # noqa: E402  (shared strategy, files of other tools)

from workbench.errors import FormatError
from workbench.formats.tmx import TmxReader, header_for_export, write_tmx
from workbench.model import TU, TUV
from workbench.tm import Store, StoreError, codec, export_store, import_file
from workbench.tm import store as store_module
from workbench.tm.engine import TMStore, open_store
from workbench.tm.schema import SCHEMA_VERSION
from workbench.tm.store import DamagedStoreError, is_store_file

DATA = Path(__file__).parent / "data" / "tm"


def pair(ar: str, en: str, **attrs: str) -> TU:
    return TU((TUV.plain("ar", ar), TUV.plain("en", en)), (("srclang", "ar"), *attrs.items()))


_CONTENT = "SELECT tu.id, tu.meta, tuv.lang, tuv.text, tuv.seg FROM tu JOIN tuv ON tuv.tu = tu.id ORDER BY tuv.id"


def _digest(rows: list[tuple[object, ...]]) -> str:
    return hashlib.sha256(repr([tuple(r) for r in rows]).encode()).hexdigest()


def store_content(store: TMStore) -> str:
    """A digest of every TU and variant of the store."""
    return _digest(store.db.execute(_CONTENT).fetchall())


def content(path: Path) -> str:
    """:func:`store_content` of an SQLite store, read by sqlite3 alone."""
    db = sqlite3.connect(path)
    try:
        return _digest(db.execute(_CONTENT).fetchall())
    finally:
        db.close()


def indexes(store: TMStore, name: str) -> int:
    """How many indexes of that name the store has (either engine)."""
    query = ("SELECT count(*) FROM sqlite_master WHERE name = ?" if isinstance(store, Store) else
             "SELECT count(*) FROM pg_indexes WHERE indexname = ? AND schemaname = current_schema()")
    return int(store.db.execute(query, (name,)).fetchone()[0])


@pytest.fixture
def store(tm_store: TMStore) -> TMStore:
    """A new store on each engine (SQLite, PostgreSQL)."""
    return tm_store


def test_schema_version_wal_and_application_id(tmp_path: Path) -> None:
    with Store(tmp_path / "tm.sqlite") as store:
        assert store.db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert store.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_tmx_store_tmx_round_trip_is_exact(store: TMStore, tmp_path: Path) -> None:
    report = import_file(store, DATA / "spec_full.tmx")
    assert (report.read, report.stored, report.merged, report.skipped) == (4, 4, 0, 0)
    out = tmp_path / "out.tmx"
    export_store(store, out)
    with TmxReader(DATA / "spec_full.tmx") as a, TmxReader(out) as b:
        assert list(b) == list(a)
        assert b.header.props[:-1] == a.header.props and b.header.extra == a.header.extra


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(st.lists(_tu(), max_size=6))
def test_property_store_round_trip(emptied_spec: Callable[[], str | Path], tus: list[TU]) -> None:
    with open_store(emptied_spec()) as s:
        s.add_tus(tus, on_duplicate="add")
        assert list(s.tus()) == tus
        out = io.BytesIO()
        write_tmx(out, s.tus(), header_for_export(s.header(), "ar"))
    out.seek(0)
    assert list(TmxReader(out)) == tus


@pytest.mark.parametrize("name", [*OTHER_TOOLS, "ttk_po2tmx.tmx", "ttk_po2tmx_notes.tmx", "ttk_csv2po2tmx.tmx"])
def test_files_of_other_tools_round_trip_through_the_store(tmp_path: Path, name: str,
                                                          new_spec: Callable[[], str | Path]) -> None:
    with TmxReader(DATA / name) as reader:
        tus = list(reader)
    exported = []
    for step in ("first", "second"):
        with open_store(new_spec()) as s:
            report = import_file(s, DATA / name if step == "first" else tmp_path / "first.tmx", on_duplicate="add")
            assert report.stored == len(tus) and list(s.tus()) == tus
            export_store(s, tmp_path / f"{step}.tmx")
        exported.append(re.sub(rb'creationdate="[^"]*"', b"", (tmp_path / f"{step}.tmx").read_bytes(), count=1))
    assert exported[1] == exported[0]


def test_duplicates_keep_merges_new_languages_and_keeps_alternatives(store: TMStore) -> None:
    store.add_tus([pair("نص", "text")])
    fa = TU((TUV.plain("ar", "نص"), TUV.plain("fa", "متن")), (("srclang", "ar"),))
    report = store.add_tus([pair("نص", "text"), fa, pair("نص", "another text")])
    assert (report.stored, report.merged) == (1, 2)
    tus = list(store.tus())
    assert [t.lang for t in tus[0].tuvs] == ["ar", "en", "fa"]
    assert tus[1].variant("en").text == "another text"  # type: ignore[union-attr]


def test_duplicates_replace_and_add(store: TMStore) -> None:
    store.add_tus([pair("نص", "text", tuid="old")])
    report = store.add_tus([pair("نص", "new text", tuid="new")], on_duplicate="replace")
    assert (report.stored, report.merged) == (0, 1)
    assert [t.attr("tuid") for t in store.tus()] == ["new"]
    store.add_tus([pair("نص", "new text", tuid="again")], on_duplicate="add")
    assert store.count() == 2


@pytest.mark.parametrize("policy", ["keep", "replace", "add"])
def test_duplicates_within_an_import_into_an_empty_store(new_spec: Callable[[], str | Path], policy: str) -> None:
    """An empty store marks the sources it stored in a bitmap and looks up only
    those it may have: the outcome is that of a store that already had a TU
    (where every TU is looked up)."""
    alt = TU((TUV.plain("ar", "نص"), TUV.plain("en", "other")), (("srclang", "ar"), ("tuid", "alt")))
    fa = TU((TUV.plain("ar", "نص"), TUV.plain("fa", "متن")), (("srclang", "ar"), ("tuid", "fa")))
    tus = [pair("نص", "text", tuid="1"), pair("آخر", "more", tuid="2"), alt, fa, pair("نص", "text", tuid="3"),
           pair("آخر", "more", tuid="4"), alt]
    with open_store(new_spec()) as empty, open_store(new_spec()) as seeded:
        seeded.add_tus([pair("بذرة", "seed")])
        got = empty.add_tus(tus, on_duplicate=policy)  # type: ignore[arg-type]
        want = seeded.add_tus(tus, on_duplicate=policy)  # type: ignore[arg-type]
        assert (got.stored, got.merged) == (want.stored, want.merged)
        assert list(empty.tus()) == list(seeded.tus())[1:]
        assert indexes(empty, "tu_src_hash") == indexes(seeded, "tu_src_hash") == 1
        again = empty.add_tus([pair("نص", "text")], on_duplicate=policy)  # type: ignore[arg-type]
        assert again.merged == (0 if policy == "add" else 1)


def test_alternatives_told_apart_by_signature_as_by_their_segments(new_spec: Callable[[], str | Path],
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    """Under keep, a newcomer whose signature differs from a stored TU of its kind is stored beside it
    unread; the outcome is that of reading every one (no kind told apart): markup equal to another's
    text escaped, languages added by a merge, a language twice, variants in another order."""
    def variant(lang: str, text: str, seg: str | None = None) -> tuple[object, ...]:
        return (lang, seg, text, (), (), (), ())
    records = [([variant("ar", "نص"), variant("en", "a & b")], (("srclang", "ar"),), (), (), ()),
               ([variant("ar", "نص"), variant("en", "other", "a &amp; b")], (("srclang", "ar"),), (), (), ()),
               ([variant("ar", "نص"), variant("en", "c")], (("srclang", "ar"),), (), (), ()),
               ([variant("ar", "نص"), variant("en", "c"), variant("fa", "متن")], (("srclang", "ar"),), (), (), ()),
               ([variant("ar", "نص"), variant("en", "c"), variant("fa", "متن")], (("srclang", "ar"),), (), (), ()),
               ([variant("ar", "نص"), variant("en", "d"), variant("en", "c")], (("srclang", "ar"),), (), (), ()),
               ([variant("ar", "نص"), variant("en", "c")], (("srclang", "ar"),), (), (), ()),
               ([variant("en", "c"), variant("ar", "نص")], (("srclang", "ar"),), (), (), ())]
    outcomes = []
    for kinds in (store_module._KINDS, 0):  # 0: every TU of unknown kind, read
        monkeypatch.setattr(store_module, "_KINDS", kinds)
        with open_store(new_spec()) as s:
            report = s.add_records(records)  # type: ignore[arg-type]
            outcomes.append(((report.stored, report.merged), list(s.tus())))
    assert outcomes[0] == outcomes[1]
    assert outcomes[0][0] == (3, 5)


@pytest.mark.parametrize("policy", ["keep", "replace", "add"])
def test_duplicates_found_when_every_source_shares_one_bit_of_the_seen_map(new_spec: Callable[[], str | Path],
                                                                           policy: str,
                                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    """The bitmap of an import into an empty store only says which sources may be
    known: with eight bits for all, nearly every TU is looked up (in the sorted
    arrays of known hashes, replaced TUs left out), and the outcome is the same."""
    tus = [pair("نص", "text", tuid="1"), pair("آخر", "more", tuid="2"), pair("نص", "other", tuid="3"),
           pair("نص", "text", tuid="4"), pair("ثالث", "third", tuid="5"), *(pair(f"جملة {i}", f"s {i}") for i in range(40)),
           pair("نص", "again", tuid="6"), pair("آخر", "more", tuid="7")]
    with open_store(new_spec()) as wide:
        want = wide.add_tus(tus, on_duplicate=policy)  # type: ignore[arg-type]
        want_tus = list(wide.tus())
    monkeypatch.setattr(store_module, "_SEEN_BITS", 8)
    monkeypatch.setattr(store_module, "_RECENT", 2)  # the known hashes sorted into arrays as they come
    with open_store(new_spec()) as narrow:
        got = narrow.add_tus(tus, on_duplicate=policy)  # type: ignore[arg-type]
        assert (got.stored, got.merged) == (want.stored, want.merged)
        assert list(narrow.tus()) == want_tus
    assert want.merged == {"keep": 2, "replace": 4, "add": 0}[policy]


def test_failed_import_into_an_empty_store_keeps_the_index(store: TMStore) -> None:
    with pytest.raises(FormatError):
        import_file(store, DATA / "truncated.tmx")
    assert indexes(store, "tu_src_hash") == 1
    assert store.count() == 0


def test_metadata_json_is_that_of_the_json_module() -> None:
    import json

    from workbench.tm.codec import encode_meta

    attrs = (("tuid", 'a"b\\c'), ("x-ctl", "\x01\n\t\u2028"), ("{urn:x}y", "𝔸 عربي"))
    props = [("x-a", "v"), ("x-b", "w", (("xml:lang", "en"),))]
    notes = [("n",), ("m", (("o-encoding", "utf-8"),))]
    got = encode_meta(attrs, props, notes, ["<x/>"])
    assert got == json.dumps({"a": attrs, "p": props, "n": notes, "x": ["<x/>"]}, ensure_ascii=False,
                             separators=(",", ":"))
    assert encode_meta((), (), (), ()) is None


def test_languages_filter(store: TMStore) -> None:
    store.add_tus([pair("نص", "text"), TU((TUV.plain("ar", "فقط"),), (("srclang", "ar"),))])
    assert len(list(store.tus(["ar", "en"]))) == 1
    assert len(list(store.tus(["ar"]))) == 2


@pytest.mark.parametrize("name", ["malformed.tmx", "truncated.tmx", "billion_laughs.tmx", "xxe.tmx"])
def test_bad_file_stores_nothing(store: TMStore, name: str) -> None:
    import_file(store, DATA / "tmx11.tmx")
    before = store_content(store)
    with pytest.raises(FormatError):
        import_file(store, DATA / name)
    assert store_content(store) == before
    assert store.db.execute("SELECT count(*) FROM source").fetchone()[0] == 1


def test_strict_import_stores_nothing(store: TMStore) -> None:
    with pytest.raises(FormatError):
        import_file(store, DATA / "repairs.tmx", strict=True)
    assert store.count() == 0


def test_not_a_store(tmp_path: Path) -> None:
    text = tmp_path / "notes.txt"
    text.write_text("hello " * 200)
    with pytest.raises(StoreError, match="not a workbench store"):
        Store(text)
    other = tmp_path / "other.sqlite"
    sqlite3.connect(other).execute("CREATE TABLE x (y)").connection.commit()
    with pytest.raises(StoreError, match="not a workbench store"):
        Store(other)


def test_store_from_a_newer_workbench(tmp_path: Path) -> None:
    path = tmp_path / "tm.sqlite"
    Store(path).close()
    db = sqlite3.connect(path)
    db.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    db.close()
    with pytest.raises(StoreError, match="newer"):
        Store(path)


def test_missing_store_is_not_created_for_reading(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="no such store"):
        Store(tmp_path / "none.sqlite", create=False)
    assert not (tmp_path / "none.sqlite").exists()


def test_locked_store(tmp_path: Path) -> None:
    path = tmp_path / "tm.sqlite"
    Store(path).close()
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        with Store(path, timeout=0.1) as s, pytest.raises(StoreError, match="locked"):
            s.add_tus([pair("نص", "text")])
    finally:
        holder.execute("ROLLBACK")
        holder.close()


_KILLED = textwrap.dedent("""
    import sys, time
    from workbench.model import TU, TUV
    from workbench.tm import Store

    def tus():
        for i in range(30000):
            yield TU((TUV.plain("ar", f"جملة رقم {i}"), TUV.plain("en", f"sentence number {i}")), (("srclang", "ar"),))
        print("ready", flush=True)
        time.sleep(60)

    store = Store(sys.argv[1])
    store.db.execute("PRAGMA cache_size = 50")  # spill pages to the WAL before the kill
    store.add_tus(tus())
""")


def test_kill_9_during_import_leaves_the_store_as_before(tmp_path: Path) -> None:
    path = tmp_path / "tm.sqlite"
    with Store(path) as s:
        s.add_tus([pair("قبل", "before")])
    before = content(path)
    wal = Path(f"{path}-wal")
    proc = subprocess.Popen([sys.executable, "-c", _KILLED, str(path)], stdout=subprocess.PIPE, text=True)
    try:
        assert proc.stdout is not None and proc.stdout.readline().strip() == "ready"
        assert wal.exists() and wal.stat().st_size > 100_000  # the transaction reached the disk
    finally:
        proc.kill()  # SIGKILL
        proc.wait()
    assert content(path) == before
    with Store(path) as s:
        assert s.count() == 1
        s.add_tus([pair("بعد", "after")])
        assert s.count() == 2


def test_an_older_store_is_migrated(tmp_path: Path) -> None:
    from workbench.tm.schema import APPLICATION_ID, MIGRATIONS
    from workbench.tm.store import _statements

    path = tmp_path / "old.sqlite"
    db = sqlite3.connect(path)
    for statement in _statements(MIGRATIONS[0]):
        db.execute(statement)
    db.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    db.execute("PRAGMA user_version = 1")
    db.execute("INSERT INTO source(name, format, imported) VALUES ('old', 'tmx', 'then')")
    db.execute("INSERT INTO tu(id, source, srclang, src_hash) VALUES (1, 1, 'ar', 0)")
    db.execute("""INSERT INTO tu(id, source, srclang, src_hash, meta) VALUES (2, 1, 'ar', 1,
                  '{"a":[["tuid","7"],["creationdate","20200101T000000Z"],["changedate","20210101T000000Z"]]}')""")
    db.execute("""INSERT INTO tu(id, source, srclang, src_hash, meta) VALUES (3, 1, 'ar', 2,
                  '{"a":[["creationdate","20190101T000000Z"]]}')""")
    db.execute("INSERT INTO tuv(tu, lang, text) VALUES (1, 'ar', 'نص')")
    db.execute("INSERT INTO fz_doc(doc, tuv, lang, key, key_hash) VALUES (0, 1, 'ar', 'نص', 0)")
    db.execute("INSERT INTO setting(key, value) VALUES ('fuzzy', 'fresh')")
    db.commit()
    db.close()
    with Store(path) as s:
        assert s.db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert [t.tuvs[0].text for t in s.tus()] == ["نص"]
        # each TU's date for newest-first lists; the old fuzzy index gone, made again when used
        assert s.db.execute("SELECT changed FROM tu ORDER BY id").fetchall() == [
            (None,), ("20210101T000000Z",), ("20190101T000000Z",)]
        assert s.setting("fuzzy") is None


def test_statements_survive_semicolons_in_comments() -> None:
    from workbench.tm.store import _statements

    script = "CREATE TABLE a (x INTEGER); -- one; two\nCREATE TABLE b (\n  y TEXT -- a; b\n);\n"
    assert [s.strip().split()[2] for s in _statements(script)] == ["a", "b"]


# -- damaged stores, full disks, other processes ------------------------------------------------


def _damaged(tmp_path: Path, sql: str = "", flip: range | None = None) -> Path:
    """A store of two TUs (indexed), then damaged by ``sql`` or by flipping the bytes at ``flip``."""
    from workbench.tm.fuzzy import FuzzyIndex

    path = tmp_path / "damaged.sqlite"
    with Store(path) as s:
        s.add_tus([pair("اتفاقية الأمم المتحدة لمكافحة الجرائم", "convention", tuid="1"),
                   pair("توقيع الاتفاقية في هانوي", "signing in Hanoi")])
        FuzzyIndex(s).build()
    if sql:
        db = sqlite3.connect(path)
        db.executescript(sql)
        db.close()
    if flip is not None:
        with path.open("r+b") as fh:
            for offset in flip:
                fh.seek(offset)
                byte = fh.read(1)
                fh.seek(offset)
                fh.write(bytes([byte[0] ^ 0xFF]))
    return path


@pytest.mark.parametrize("sql", ["DROP TABLE tuv", "ALTER TABLE tu DROP COLUMN meta", "PRAGMA user_version = 0"])
def test_a_store_missing_its_schema_is_damaged_on_opening(tmp_path: Path, sql: str) -> None:
    path = _damaged(tmp_path, sql)
    with pytest.raises(DamagedStoreError, match=r"damaged.*restore"):
        Store(path)


def test_bad_json_in_a_column_is_a_damaged_store(tmp_path: Path) -> None:
    path = _damaged(tmp_path, "UPDATE tu SET meta = '{bad' WHERE id = 1")
    with pytest.raises(DamagedStoreError, match=f"{re.escape(str(path))}: the store is damaged"):
        with Store(path) as s:
            list(s.tus())
    with Store(path) as s, pytest.raises(DamagedStoreError, match="meta of tu 1 is not JSON"):
        s.stats()


@pytest.mark.parametrize("sql", ["UPDATE fz_gram SET postings = x'0102030405' WHERE postings IS NOT NULL",
                                 "UPDATE fz_gram SET postings = x'ff00' WHERE postings IS NOT NULL",  # offset 255
                                 "UPDATE fz_seg SET last = last + 3", "UPDATE fz_seg SET length = 'text'"])
def test_a_garbage_index_list_is_a_damaged_store(tmp_path: Path, sql: str) -> None:
    from workbench.tm.concordance import concordance
    from workbench.tm.fuzzy import lookup

    path = _damaged(tmp_path, sql)
    for search in (lambda s: lookup(s, "اتفاقية الأمم المتحدة لمكافحة الجرائم", "ar", "en"),
                   lambda s: concordance(s, "الاتفاقية")):
        with pytest.raises(DamagedStoreError, match="fuzzy index"), Store(path) as s:
            search(s)


def test_flipped_bytes_are_found_by_the_check(tmp_path: Path) -> None:
    path = _damaged(tmp_path)
    size = path.stat().st_size
    path = _damaged(tmp_path, flip=range(4096 + 200, size, 301))
    with pytest.raises(DamagedStoreError, match="damaged"):
        with Store(path) as s:
            s.check()


def test_is_store_file(tmp_path: Path) -> None:
    path = _damaged(tmp_path)
    other = tmp_path / "other.sqlite"
    sqlite3.connect(other).execute("CREATE TABLE t (x)").connection.close()
    (tmp_path / "text").write_text("SQLite format 3", encoding="utf-8")
    assert is_store_file(path) and not is_store_file(other) and not is_store_file(tmp_path / "text")
    assert not is_store_file(tmp_path / "none")


def test_a_full_disk_rolls_back_and_says_so(tmp_path: Path) -> None:
    path = tmp_path / "tm.sqlite"
    with Store(path) as s:
        s.add_tus([pair("قبل", "before")])
    before = content(path)
    with Store(path) as s:
        pages = s.db.execute("PRAGMA page_count").fetchone()[0]
        s.db.execute(f"PRAGMA max_page_count = {pages + 2}")  # what SQLite meets on a full disk: SQLITE_FULL
        with pytest.raises(StoreError, match="no space left on device") as caught:
            s.add_tus(pair(f"جملة {i}" * 20, f"sentence {i}" * 20) for i in range(3000))
        assert "rollback" not in str(caught.value)
        assert not s.db.in_transaction and s.count() == 1
    assert content(path) == before


_HOLD = textwrap.dedent("""
    import sqlite3, sys
    db = sqlite3.connect(sys.argv[1], isolation_level=None)
    db.execute("BEGIN IMMEDIATE")
    if db.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]:
        db.execute("INSERT INTO setting(key, value) VALUES ('held', 'yes')")
    print("holding", flush=True)
    sys.stdin.readline()
    db.execute("COMMIT")
""")


def hold(path: Path) -> subprocess.Popen[str]:
    """Another process writing the store (made if need be) until its stdin closes, started once it holds it."""
    proc = subprocess.Popen([sys.executable, "-c", _HOLD, str(path)], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                            text=True)
    assert proc.stdout is not None and proc.stdout.readline().strip() == "holding"
    return proc


def release(proc: subprocess.Popen[str]) -> None:
    assert proc.stdin is not None
    proc.stdin.close()
    assert proc.wait(timeout=60) == 0


def test_a_writer_waits_for_another_process_and_says_so(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    path = tmp_path / "tm.sqlite"
    Store(path).close()
    proc = hold(path)
    threading.Timer(1.5, release, (proc,)).start()  # past SQLite's own short wait (_BUSY)
    with caplog.at_level("INFO", logger="workbench"), Store(path, timeout=30) as s:
        s.add_tus([pair("نص", "text")])
        assert s.count() == 1 and s.setting("held") == "yes"  # after the other one committed
    assert [r.getMessage() for r in caplog.records] == [f"waiting for another process using {path}…"]


_MAKE = textwrap.dedent("""
    import logging, sys
    from workbench.model import TU, TUV
    from workbench.tm import Store
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    with Store(sys.argv[1]) as s:
        s.add_tus([TU((TUV.plain("ar", sys.argv[2]), TUV.plain("en", sys.argv[2])))])
""")


def test_a_new_store_made_by_several_processes_at_once(tmp_path: Path) -> None:
    path = tmp_path / "new.sqlite"
    holder = hold(path)  # the file exists, empty, and is being written: every process finds no schema yet
    procs = [subprocess.Popen([sys.executable, "-c", _MAKE, str(path), f"n{i}"], stderr=subprocess.PIPE, text=True)
             for i in range(3)]
    for proc in procs:
        assert proc.stderr is not None and proc.stderr.readline().startswith("waiting for another process")
    release(holder)
    errors = [p.communicate(timeout=60)[1] for p in procs]
    assert [p.returncode for p in procs] == [0] * 3, errors
    with Store(path) as s:
        assert s.count() == 3


#: The real TMX files of tests/data that import (written by OmegaT, translate-toolkit, XML::TMX::Writer,
#: or from the specification, with repairs, markup, props, notes and duplicates among them).
EXPORTED = [*(DATA / name for name in ("oddcase.tmx", "omegat_ar_empty_level2.tmx", "omegat_ar_level1.tmx",
                                       "omegat_ar_level2.tmx", "omegat_ar_omegat.tmx", "omegat_fa_level1.tmx",
                                       "omegat_fa_level2.tmx", "omegat_fa_omegat.tmx", "repairs.tmx", "spec_full.tmx",
                                       "tmx11.tmx", "ttk_csv2po2tmx.tmx", "ttk_po2tmx.tmx", "ttk_po2tmx_notes.tmx",
                                       "unknown.tmx", "utf16.tmx", "xml_tmx_writer.tmx")),
            DATA.parent / "exchanged" / "multi.tmx", DATA.parent / "exchanged" / "units.tmx"]
#: Their exports made before the import was sped up (tests/data/tm/exports/README.md).
EXPORTS = DATA / "exports"


def exported_body(spec: str | Path, policy: str, out: Path) -> bytes:
    """Every file of :data:`EXPORTED` twice in one import into an empty store (duplicates
    within the import and within a batch of rows), then each file again into the
    store that holds them: the body of the store's TMX export."""
    records = []
    for path in EXPORTED:
        with TmxReader(path) as reader:
            records += list(reader.records())
    with open_store(spec) as s:
        s.add_records(records + records, on_duplicate=policy)  # type: ignore[arg-type]
        for path in EXPORTED:
            import_file(s, path, on_duplicate=policy)  # type: ignore[arg-type]
        export_store(s, out)
    data = out.read_bytes()
    return data[data.index(b"<body>"):]


@pytest.mark.parametrize("batch", [3, 2000])
@pytest.mark.parametrize("policy", ["keep", "replace", "add"])
def test_what_is_stored_is_what_it_was(new_spec: Callable[[], str | Path], tmp_path: Path, policy: str, batch: int,
                                       monkeypatch: pytest.MonkeyPatch) -> None:
    """The same exports as before the import was made faster, whatever the rows written at a time."""
    monkeypatch.setattr(store_module, "_BATCH", batch)
    assert exported_body(new_spec(), policy, tmp_path / "out.tmx") == (EXPORTS / f"{policy}.tmx").read_bytes()


@pytest.mark.parametrize(("srclang", "seg", "stored"), [
    ("ar", "نص", -3829605135035687597),
    ("*all*", 'a &amp; <ph x="1"/>b', -8480365648288824470),
    ("en", "\ud800", -7820678674135612203),  # a lone surrogate (from a file read with surrogateescape)
])
def test_source_hashes_are_those_stores_hold(srclang: str, seg: str, stored: int) -> None:
    """Stores made by earlier versions find their duplicates: the hash is that they wrote."""
    assert codec.source_hash(srclang, seg) == stored
