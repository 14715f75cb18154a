"""Several ``wb`` processes at once on one store or one project: the later one
waits (and says so), then succeeds; a command that fails has changed nothing."""
from __future__ import annotations

import os
import select
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from workbench import fileio
from workbench.cli import cli

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).parent / "data" / "tm"
MEMORY = ROOT / "tmx" / "hanoi-convention.ar-en.tmx"
OTHER = ROOT / "tmx" / "hanoi-convention.fa-en.tmx"
LIMIT = 120  # seconds any process here may take

_HOLD_STORE = """
import sqlite3, sys
db = sqlite3.connect(sys.argv[1], isolation_level=None)
db.execute("BEGIN IMMEDIATE")
print("holding", flush=True)
sys.stdin.readline()
db.execute("COMMIT")
"""
_HOLD_BUILD = """
import sys
from workbench.fileio import file_lock
with file_lock(sys.argv[1], "build"):
    print("holding", flush=True)
    sys.stdin.readline()
"""


def hold(script: str, path: Path) -> subprocess.Popen[str]:
    """A process that holds ``path`` (a store, a lock file) until its stdin closes, returned once it does."""
    proc = subprocess.Popen([sys.executable, "-c", script, str(path)], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                            text=True)
    assert proc.stdout is not None and proc.stdout.readline().strip() == "holding"
    return proc


def release(holder: subprocess.Popen[str]) -> None:
    assert holder.stdin is not None
    holder.stdin.close()
    assert holder.wait(timeout=LIMIT) == 0


def waiting(proc: subprocess.Popen[str]) -> str:
    """The first line ``proc`` writes on stderr (within :data:`LIMIT` seconds)."""
    assert proc.stderr is not None
    ready, _, _ = select.select([proc.stderr], [], [], LIMIT)
    assert ready, "no message on stderr"
    return proc.stderr.readline()


def wb_process(*args: str | Path, cwd: Path | None = None) -> subprocess.Popen[str]:
    return subprocess.Popen([sys.executable, "-m", "workbench", *map(str, args)], cwd=cwd, text=True,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, env={**os.environ, "COLUMNS": "200"})


def finish(procs: list[subprocess.Popen[str]]) -> list[tuple[int, str, str]]:
    out = []
    for proc in procs:
        stdout, stderr = proc.communicate(timeout=LIMIT)
        out.append((proc.returncode, stdout, stderr))
    return out


def tus(store: Path) -> int:
    db = sqlite3.connect(store)
    try:
        return int(db.execute("SELECT count(*) FROM tu").fetchone()[0])
    finally:
        db.close()


def test_two_imports_into_one_store_both_succeed(tmp_path: Path) -> None:
    store = tmp_path / "tm.sqlite"
    assert CliRunner().invoke(cli, ["tm", "import", str(DATA / "spec_full.tmx"), "--store", str(store)]).exit_code == 0
    holder = hold(_HOLD_STORE, store)  # both imports start while another process writes the store
    imports = [wb_process("tm", "import", MEMORY, "--store", store), wb_process("tm", "import", OTHER, "--store", store)]
    assert [waiting(p) for p in imports] == [f"wb: waiting for another process using {store}…\n"] * 2
    release(holder)
    results = finish(imports)
    assert [code for code, _, _ in results] == [0, 0], results
    assert all("stored" in out for _, out, _ in results)
    assert tus(store) == 4 + sum(f.read_text(encoding="utf-8").count("<tu ") for f in (MEMORY, OTHER))


def test_an_import_that_fails_has_changed_nothing(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(project)
    runner = CliRunner()
    assert runner.invoke(cli, ["tm", "import", str(DATA / "spec_full.tmx")]).exit_code == 0
    store = project / "build" / "memory.sqlite"
    recorded = sorted(p.name for p in (project / "tmx").iterdir())
    shutil.copy(OTHER, project / "other.tmx")
    res = runner.invoke(cli, ["tm", "import", "other.tmx", str(DATA / "truncated.tmx")])
    assert res.exit_code == 2 and res.stderr.count("\n") == 1 and "truncated.tmx" in res.stderr
    assert tus(store) == 4  # not the 16 TUs of the first file either
    assert sorted(p.name for p in (project / "tmx").iterdir()) == recorded


def test_an_import_gives_up_after_the_timeout(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    store = tmp_path / "tm.sqlite"
    assert CliRunner().invoke(cli, ["tm", "import", str(DATA / "spec_full.tmx"), "--store", str(store)]).exit_code == 0
    monkeypatch.setattr(fileio, "WAIT_SECONDS", 0.3)
    holder = hold(_HOLD_STORE, store)
    try:
        res = CliRunner().invoke(cli, ["tm", "import", str(OTHER), "--store", str(store)])
    finally:
        release(holder)
    assert res.exit_code == 2
    assert res.stderr.splitlines() == [f"wb: waiting for another process using {store}…",
                                       f"wb: error: {store}: the store is locked by another process (waited 0.3 s); "
                                       "try again when it is done"]
    assert tus(store) == 4


def test_two_builds_of_one_project_at_once(project: Path) -> None:
    (project / "build").mkdir()
    holder = hold(_HOLD_BUILD, project / "build" / ".lock")  # both builds start while a third one runs
    builds = [wb_process("build", "--project", project), wb_process("build", "--project", project)]
    assert [waiting(p) for p in builds] == [f"wb: waiting for another process using {project / 'build'}…\n"] * 2
    release(holder)
    results = finish(builds)
    assert [code for code, _, _ in results] == [0, 0], results
    aligned = sum(f.read_text(encoding="utf-8").count("<tu ") for f in (MEMORY, OTHER))  # the exports a build remakes
    for _, _, err in results:
        assert f"memory {aligned} TUs" in " ".join(err.split())
    assert tus(project / "build" / "memory.sqlite") == aligned
    again = CliRunner().invoke(cli, ["build", "--project", str(project)])
    assert again.exit_code == 0 and f"memory {aligned} TUs" in " ".join(again.stderr.split())


def test_a_build_gives_up_after_the_timeout(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (project / "build").mkdir()
    monkeypatch.setattr(fileio, "WAIT_SECONDS", 0.3)
    holder = hold(_HOLD_BUILD, project / "build" / ".lock")
    try:
        res = CliRunner().invoke(cli, ["build", "--project", str(project)])
    finally:
        release(holder)
    assert res.exit_code == 2
    assert res.stderr.splitlines()[-1] == (f"wb: error: {project / 'build'} is in use by another process "
                                           "(waited 0.3 s); try again when it is done")
    assert sorted(p.name for p in (project / "build").iterdir()) == [".lock"]
