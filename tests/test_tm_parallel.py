"""TMX import with the parse in a child process: the same store, report and errors as the serial path."""
from __future__ import annotations

import multiprocessing
import os
import subprocess
import sys
import textwrap
import time
from pathlib import Path
from typing import Any

import pytest

from workbench.errors import FormatError
from workbench.formats.issues import ReadLog
from workbench.formats.tmx import ChildTmxReader
from workbench.tm import Store, import_file, transfer

from test_tm_bench import load_bench  # noqa: E402  (the synthetic TMX)
from test_tm_store import DATA, content  # noqa: E402

GOOD = ["spec_full.tmx", "repairs.tmx", "tmx11.tmx", "oddcase.tmx", "unknown.tmx", "utf16.tmx", "ttk_po2tmx.tmx",
        "ttk_po2tmx_notes.tmx", "ttk_csv2po2tmx.tmx"]
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
                       progress=lambda done, total, p=parallel: ticks[p].append((done, total)))
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
    from workbench.tm import Store, import_file

    def progress(done, total):
        if done > total // 3:
            print(multiprocessing.active_children()[0].pid, flush=True)
            time.sleep(60)

    store = Store(sys.argv[1])
    store.db.execute("PRAGMA cache_size = 50")  # spill pages to the WAL before the kill
    import_file(store, sys.argv[2], parallel=True, progress=progress)
""")


def _gone(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/status").read_text().split("State:")[1].split()[0] in ("Z", "X")
    except (OSError, IndexError):
        return True


def test_kill_9_during_a_parallel_import_leaves_the_store_and_no_child(tmp_path: Path, synthetic: Path) -> None:
    path = tmp_path / "tm.sqlite"
    with Store(path) as s:
        import_file(s, DATA / "spec_full.tmx")
    before = content(path)
    proc = subprocess.Popen([sys.executable, "-c", _KILLED, str(path), str(synthetic)], stdout=subprocess.PIPE,
                            text=True, env={**os.environ, "PYTHONPATH": str(Path(__file__).parent)})
    try:
        assert proc.stdout is not None
        child = int(proc.stdout.readline())
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
