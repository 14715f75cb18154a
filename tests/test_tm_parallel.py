"""TMX import with the parse in a child process, and TMX export with a helper process: the same store,
bytes, reports and errors as the serial paths."""
from __future__ import annotations

import multiprocessing
import os
import re
import sqlite3
import subprocess
import sys
import textwrap
import time
from pathlib import Path
from typing import Any

import pytest

from workbench.errors import FormatError
from workbench.formats.issues import ReadLog
from workbench.formats.tmx import ChildTmxReader, tus_xml
from workbench.model import TU, TUV
from workbench.tm import Store, export_store, import_file, transfer
from workbench.tm.codec import StoreDataError
from workbench.tm.store import numbered_tus

from test_tm_bench import load_bench  # noqa: E402  (the synthetic TMX)
from test_tm_store import DATA, content  # noqa: E402

GOOD = ["spec_full.tmx", "repairs.tmx", "tmx11.tmx", "oddcase.tmx", "unknown.tmx", "utf16.tmx", "ttk_po2tmx.tmx",
        "ttk_po2tmx_notes.tmx", "ttk_csv2po2tmx.tmx", "omegat_ar_level2.tmx", "omegat_fa_level1.tmx", "xml_tmx_writer.tmx"]
BAD = ["malformed.tmx", "truncated.tmx", "billion_laughs.tmx", "xxe.tmx", "not_tmx.xml"]


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """3,000 TUs with markup, props, notes and duplicate sources (many batches)."""
    path = tmp_path_factory.mktemp("synthetic") / "bench.tmx"
    load_bench().generate(path, 3000, 5, path.with_suffix(".json"))  # type: ignore[no-untyped-call]
    return path


def _import(tmp_path: Path, name: str, tmx: Path, parallel: bool, **kwargs: Any) -> tuple[Any, str, list[Any]]:
    """(report without its timing, store content, TUs) of importing ``tmx`` into a seeded store."""
    with Store(tmp_path / f"{name}.sqlite") as store:
        import_file(store, DATA / "spec_full.tmx")
        report = import_file(store, tmx, parallel=parallel, **kwargs).as_dict()
        report.pop("seconds")
        tus = list(store.tus())
    return report, content(tmp_path / f"{name}.sqlite"), tus


@pytest.mark.parametrize("policy", ["keep", "replace", "add"])
def test_parallel_import_equals_serial_import(tmp_path: Path, synthetic: Path, policy: str) -> None:
    ticks: dict[bool, list[tuple[int, int]]] = {True: [], False: []}
    for tmx in [synthetic, *(DATA / name for name in GOOD)]:
        got = [_import(tmp_path, f"{tmx.stem}-{parallel}", tmx, parallel, on_duplicate=policy,
                       progress=lambda done, total, tus, p=parallel: ticks[p].append((done, total)))
               for parallel in (False, True)]
        assert got[1] == got[0], tmx.name
    assert ticks[True] and len(ticks[True]) == len(ticks[False])
    assert [d for d, _ in ticks[True]] == sorted(d for d, _ in ticks[True])
    assert {t for _, t in ticks[True]} == {t for _, t in ticks[False]}


def test_parallel_import_of_an_empty_store_equals_serial(tmp_path: Path, synthetic: Path) -> None:
    for parallel in (False, True):
        with Store(tmp_path / f"{parallel}.sqlite") as store:
            report = import_file(store, synthetic, parallel=parallel)
        assert (report.read, report.stored, report.merged) == (3000, 3000 - report.merged, report.merged)
    assert content(tmp_path / "True.sqlite") == content(tmp_path / "False.sqlite")


def test_a_compressed_tmx_imports_as_its_content_in_the_child_too(tmp_path: Path, synthetic: Path) -> None:
    import gzip

    packed = tmp_path / "bench.tmx.gz"
    packed.write_bytes(gzip.compress(synthetic.read_bytes()))
    plain = _import(tmp_path, "plain", synthetic, False)
    for parallel in (False, True):
        ticks: list[tuple[int, int]] = []
        report, stored, tus = _import(tmp_path, f"gz-{parallel}", packed, parallel,
                                      progress=lambda done, total, _: ticks.append((done, total)))
        assert (stored, tus) == plain[1:] and report["read"] == plain[0]["read"]
        assert {total for _, total in ticks} == {packed.stat().st_size}
        assert all(done <= total for done, total in ticks)  # progress in the file's bytes


@pytest.mark.parametrize("name", BAD)
def test_parallel_import_of_a_bad_file_fails_as_the_serial_one(tmp_path: Path, name: str) -> None:
    errors = []
    with Store(tmp_path / "tm.sqlite") as store:
        import_file(store, DATA / "tmx11.tmx")
        before = content(store.path)
        for parallel in (False, True):
            with pytest.raises(FormatError) as caught:
                import_file(store, DATA / name, format="tmx", parallel=parallel)
            errors.append((str(caught.value), caught.value.line, caught.value.column))
        assert store.db.execute("SELECT count(*) FROM source").fetchone()[0] == 1
    assert content(tmp_path / "tm.sqlite") == before
    assert errors[1] == errors[0]
    assert not multiprocessing.active_children()


def test_parallel_strict_import_fails_as_the_serial_one_and_stores_nothing(tmp_path: Path, synthetic: Path) -> None:
    broken = tmp_path / "late-issue.tmx"
    text = synthetic.read_text(encoding="utf-8")
    last = text.rindex("<tu ")
    broken.write_text(text[:last] + text[last:].replace('srclang="ar"', 'srclang="AR_eg"', 1), encoding="utf-8")
    errors = []
    with Store(tmp_path / "tm.sqlite") as store:
        for path in (DATA / "repairs.tmx", broken):
            for parallel in (False, True):
                with pytest.raises(FormatError) as caught:
                    import_file(store, path, strict=True, parallel=parallel)
                errors.append(str(caught.value))
        assert store.count() == 0
    assert errors[0] == errors[1] and errors[2] == errors[3] and "AR_eg" in errors[2]


def test_small_files_take_the_serial_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("no child process for a small file")

    monkeypatch.setattr("workbench.formats.tmx.ChildTmxReader", refuse)
    with Store(tmp_path / "tm.sqlite") as store:
        assert import_file(store, DATA / "spec_full.tmx").stored == 4
    monkeypatch.setattr(transfer, "PARALLEL_BYTES", 0)
    with Store(tmp_path / "tm2.sqlite") as store, pytest.raises(AssertionError, match="no child"):
        import_file(store, DATA / "spec_full.tmx")


def test_closing_the_reader_early_ends_the_child(synthetic: Path) -> None:
    with ChildTmxReader(synthetic, ReadLog(str(synthetic)), batch=10) as reader:
        assert next(reader.records())[0]
    assert not multiprocessing.active_children()


_KILLED = textwrap.dedent("""
    import multiprocessing, sys, time
    from workbench.tm import Store, import_file, transfer

    def progress(done, total, tus):
        if done > total // 3:
            print(multiprocessing.active_children()[0].pid, flush=True)
            time.sleep(60)

    store = Store(sys.argv[1])
    store.db.execute("PRAGMA cache_size = 50")  # spill pages to the disk before the kill
    if sys.argv[3] == "bulk":
        transfer.PARALLEL_BYTES = 0
    import_file(store, sys.argv[2], parallel=True, progress=progress)
""")


def _gone(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/status").read_text().split("State:")[1].split()[0] in ("Z", "X")
    except (OSError, IndexError):
        return True


@pytest.mark.parametrize("mode", ["wal", "bulk"])
def test_kill_9_during_a_parallel_import_leaves_the_store_and_no_child(tmp_path: Path, synthetic: Path,
                                                                       mode: str) -> None:
    path = tmp_path / "tm.sqlite"
    with Store(path) as s:
        import_file(s, DATA / "spec_full.tmx")
    before, size = content(path), path.stat().st_size
    proc = subprocess.Popen([sys.executable, "-c", _KILLED, str(path), str(synthetic), mode], stdout=subprocess.PIPE,
                            text=True, env={**os.environ, "PYTHONPATH": str(Path(__file__).parent)})
    try:
        assert proc.stdout is not None
        child = int(proc.stdout.readline())
        if mode == "bulk":  # the transaction reached the store file, its old pages are in the journal
            assert Path(f"{path}-journal").exists() and path.stat().st_size > size + 100_000
        else:
            assert Path(f"{path}-wal").stat().st_size > 100_000  # the transaction reached the disk
        assert not _gone(child)
    finally:
        proc.kill()  # SIGKILL
        proc.wait()
    deadline = time.monotonic() + 10
    while not _gone(child) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert _gone(child)
    assert content(path) == before
    with Store(path) as s:
        assert s.count() == 4
        assert s.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


# -- export: serialized by this process and a forked helper ---------------------

def _exported(store: Store, path: Path, parallel: bool, **kwargs: Any) -> bytes:
    export_store(store, path, parallel=parallel, **kwargs)
    return re.sub(rb'creationdate="[^"]*"', b"", path.read_bytes(), count=1)


@pytest.mark.parametrize("langs", [None, ["ar", "en"], ["en"]])
def test_parallel_export_writes_the_serial_bytes(tmp_path: Path, synthetic: Path, langs: list[str] | None) -> None:
    ticks: list[tuple[int, int]] = []
    with Store(tmp_path / "tm.sqlite") as store:
        for name in ("spec_full.tmx", "repairs.tmx", "unknown.tmx"):
            import_file(store, DATA / name)
        import_file(store, synthetic)
        serial = _exported(store, tmp_path / "serial.tmx", False, langs=langs)
        parallel = _exported(store, tmp_path / "parallel.tmx", True, langs=langs,
                             progress=lambda done, total: ticks.append((done, total)))
    assert parallel == serial
    written = serial.count(b"<tu ") + serial.count(b"<tu>")
    assert written > 2000
    assert [d for d, _ in ticks] == sorted(d for d, _ in ticks) and ticks[-1][0] == written
    assert not multiprocessing.active_children()


def test_a_tu_xml_cannot_hold_fails_the_parallel_export_as_the_serial_one(tmp_path: Path, synthetic: Path) -> None:
    with Store(tmp_path / "tm.sqlite") as store:
        import_file(store, synthetic)
        first_bad = store.count() + 1  # the last batch: the helper's or this process's, by parity
        store.add_tus([TU((TUV.plain("en", "bell \x07"),)) for _ in range(2)], on_duplicate="add")
        errors = []
        for parallel in (False, True):
            target = tmp_path / f"{parallel}.tmx"
            with pytest.raises(FormatError) as caught:
                export_store(store, target, parallel=parallel)
            errors.append(str(caught.value))
            assert not target.exists()
    assert errors[0] == errors[1] == f"TU number {first_bad}: character U+0007 cannot be written in XML 1.0"
    assert not multiprocessing.active_children()


def test_tmx_straight_from_rows_is_that_of_model_tus(tmp_path: Path, synthetic: Path) -> None:
    """An export serializes most TUs from the store's rows, without model objects;
    the others (namespaced names, unknown elements, markup to check) by the
    general path: the bytes are those of serializing every TU as a model."""
    with Store(tmp_path / "tm.sqlite") as store:
        for name in ("spec_full.tmx", "repairs.tmx", "unknown.tmx"):
            import_file(store, DATA / name)
        import_file(store, synthetic)
        store.add_tus([TU((TUV("en", '<bpt i="1">&lt;b&gt;</bpt>x', "x"), TUV.plain("ar", "نص"))),
                       TU((TUV.plain("en", "a&b <c>"),), (("{urn:x}k", "v"),)),
                       TU((TUV.plain("en", "extra"),), (), (), (), ("<x-mine>kept</x-mine>",))], on_duplicate="add")
        done = 0
        for rows in store.tu_rows():
            n, text = transfer._tmx_chunk(None, (done, rows))
            want = tus_xml(numbered_tus(rows, None, done))
            assert (n, text.decode("utf-8")) == want
            done += n
        assert done == store.count()


def test_metadata_that_is_not_json_fails_an_export_as_a_damaged_store(tmp_path: Path) -> None:
    with Store(tmp_path / "tm.sqlite") as store:
        import_file(store, DATA / "spec_full.tmx")
        store.db.execute("UPDATE tu SET meta = '{bad' WHERE id = 1")
        for parallel in (False, True):
            with pytest.raises(StoreDataError, match="metadata that is not what the store writes"):
                export_store(store, tmp_path / "out.tmx", parallel=parallel)
            assert not (tmp_path / "out.tmx").exists()


def test_small_stores_are_exported_without_a_helper(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("no helper for a small store")

    monkeypatch.setattr(transfer, "ordered_map", refuse)
    with Store(tmp_path / "tm.sqlite") as store:
        import_file(store, DATA / "spec_full.tmx")
        assert export_store(store, tmp_path / "out.tmx").count == 4
        monkeypatch.setattr(transfer, "PARALLEL_TUS", 0)
        with pytest.raises(AssertionError, match="no helper"):
            export_store(store, tmp_path / "out.tmx")


def test_a_bulk_import_writes_without_the_wal_and_goes_back_to_it(tmp_path: Path, synthetic: Path,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    modes: list[str] = []

    def spy(done: int, total: int, tus: int) -> None:  # the store's journal mode while the import runs
        if not modes:
            db = sqlite3.connect(f"file:{tmp_path / 'tm.sqlite'}?mode=ro", uri=True, timeout=0)
            modes.append(db.execute("PRAGMA journal_mode").fetchone()[0])
            db.close()
    monkeypatch.setattr(transfer, "PARALLEL_BYTES", 0)
    with Store(tmp_path / "tm.sqlite") as store:
        import_file(store, DATA / "spec_full.tmx")
        before = content(store.path)
        with pytest.raises(FormatError):  # a failed bulk import changes nothing either
            import_file(store, DATA / "truncated.tmx")
        assert content(store.path) == before
        report = import_file(store, synthetic, progress=spy)
        assert store.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert store.db.execute("PRAGMA foreign_keys").fetchone()[0] == 1
        assert store.count() == 4 + report.stored
    assert modes and modes[0] == "delete"
    with Store(tmp_path / "serial.sqlite") as serial:
        monkeypatch.setattr(transfer, "PARALLEL_BYTES", 10**12)
        import_file(serial, DATA / "spec_full.tmx")
        import_file(serial, synthetic)
    assert content(tmp_path / "serial.sqlite") == content(tmp_path / "tm.sqlite")


def test_a_bulk_import_beside_a_reader_keeps_the_wal(tmp_path: Path, synthetic: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(transfer, "PARALLEL_BYTES", 0)
    with Store(tmp_path / "tm.sqlite") as store:
        import_file(store, DATA / "spec_full.tmx")
        reader = sqlite3.connect(store.path)
        assert reader.execute("SELECT count(*) FROM tu").fetchone()[0] == 4
        report = import_file(store, synthetic)
        assert reader.execute("SELECT count(*) FROM tu").fetchone()[0] == 4 + report.stored
        assert store.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        reader.close()


def test_a_reader_holding_the_store_after_a_bulk_import_is_no_error(tmp_path: Path) -> None:
    with Store(tmp_path / "tm.sqlite", timeout=0.05) as store:
        import_file(store, DATA / "spec_full.tmx")
        reader = sqlite3.connect(store.path)
        with store.bulk_mode():
            assert store.db.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
            reader.execute("BEGIN")
            assert reader.execute("SELECT count(*) FROM tu").fetchone()[0] == 4  # holds the store
        reader.close()
    with Store(tmp_path / "tm.sqlite") as store:  # opening sets WAL again
        assert store.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal" and store.count() == 4


def test_an_index_build_leaves_no_staged_rows(tmp_path: Path, synthetic: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The trigram rows wait in a temporary file while segments are made; the
    build moves them all into ``fz_gram`` and closes (so deletes) it."""
    import tempfile

    from workbench.tm import fuzzy

    original, made = tempfile.TemporaryFile, []

    def temporary_file() -> Any:
        made.append(original())
        return made[-1]

    monkeypatch.setattr(fuzzy, "SEGMENT_DOCS", 1000)  # several segments
    monkeypatch.setattr(fuzzy, "PARALLEL_DOCS", 1 << 62)  # in this process, where its file can be seen
    with Store(tmp_path / "tm.sqlite") as store:
        import_file(store, synthetic)
        monkeypatch.setattr(tempfile, "TemporaryFile", temporary_file)
        fuzzy.FuzzyIndex(store).build()
        db = store.db
        assert len(made) == 1 and made[0].closed
        segs = db.execute("SELECT count(*) FROM fz_seg").fetchone()[0]
        assert segs > 2
        assert db.execute("SELECT count(DISTINCT seg) FROM fz_gram").fetchone()[0] == segs
