"""Atomic writes: all or nothing, permissions kept, special files left alone."""
from __future__ import annotations

import errno
import os
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

from workbench.errors import InputError, WorkbenchError
from workbench.fileio import (Notes, atomic_open, atomic_output, atomic_write_bytes, confined, file_lock,
                              make_dirs, open_input)


def test_nothing_is_half_written(tmp_path: Path) -> None:
    target = tmp_path / "out.txt"
    target.write_text("old", encoding="utf-8")
    with pytest.raises(RuntimeError):
        with atomic_open(target, "w", encoding="utf-8") as fh:
            fh.write("new, half")
            raise RuntimeError("boom")
    assert target.read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["out.txt"]


def test_permissions_are_kept_and_new_files_follow_the_umask(tmp_path: Path) -> None:
    target = tmp_path / "keep.txt"
    target.write_text("x", encoding="utf-8")
    target.chmod(0o640)
    atomic_write_bytes(target, b"y")
    assert stat.S_IMODE(target.stat().st_mode) == 0o640
    fresh = tmp_path / "fresh.txt"
    atomic_write_bytes(fresh, b"z")
    mask = os.umask(0)
    os.umask(mask)
    assert stat.S_IMODE(fresh.stat().st_mode) == 0o666 & ~mask


def test_devices_are_written_to_not_replaced() -> None:
    with atomic_open("/dev/null", "w", encoding="utf-8") as fh:
        fh.write("gone")
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode)


def test_a_symlink_keeps_pointing_at_its_target(tmp_path: Path) -> None:
    real = tmp_path / "real.txt"
    real.write_bytes(b"a")
    link = tmp_path / "link.txt"
    link.symlink_to(real)
    atomic_write_bytes(link, b"b")
    assert link.is_symlink() and real.read_bytes() == b"b"


def test_streams_pass_through(tmp_path: Path) -> None:
    with (tmp_path / "s.bin").open("wb") as raw, atomic_output(raw) as fh:
        assert fh is raw


def test_open_input_errors(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        open_input(tmp_path / "nope")
    with pytest.raises(InputError, match="directory, not a TMX file"):
        open_input(tmp_path, "TMX file")


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="no /dev/full here")
def test_a_full_device_is_an_input_error_naming_it() -> None:
    with pytest.raises(InputError, match="^/dev/full: cannot write: No space left on device$"):
        with atomic_open("/dev/full", "w", encoding="utf-8") as fh:
            fh.write("x" * 100)


@pytest.mark.parametrize("code", [errno.ENOSPC, errno.EDQUOT, errno.EFBIG, errno.EROFS])
def test_a_full_disk_keeps_the_old_file(tmp_path: Path, code: int) -> None:
    target = tmp_path / "out.txt"
    target.write_text("old", encoding="utf-8")
    with pytest.raises(InputError, match=f"out.txt: cannot write: {os.strerror(code)}"):
        with atomic_open(target, "w", encoding="utf-8"):
            raise OSError(code, os.strerror(code))  # what a write meets when the disk is full
    assert target.read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["out.txt"]


def test_other_errors_in_the_block_are_not_the_output_s(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        with atomic_open(tmp_path / "out.txt", "w", encoding="utf-8"):
            open(tmp_path / "missing-input.txt", encoding="utf-8")  # an input's error stays the input's
    assert list(tmp_path.iterdir()) == []


def test_a_loop_of_links_is_an_input_error(tmp_path: Path) -> None:
    (tmp_path / "a").symlink_to(tmp_path / "b")
    (tmp_path / "b").symlink_to(tmp_path / "a")
    with pytest.raises(InputError, match="a loop of symbolic links"):
        atomic_write_bytes(tmp_path / "a", b"x")
    with pytest.raises(InputError, match="a loop of symbolic links"):
        make_dirs(tmp_path / "a" / "sub")


def test_confined_writes_stay_inside(tmp_path: Path) -> None:
    root, outside = tmp_path / "project", tmp_path / "outside"
    root.mkdir()
    outside.mkdir()
    victim = outside / "victim.txt"
    victim.write_text("mine", encoding="utf-8")
    (root / "link.txt").symlink_to(victim)
    (root / "dir").symlink_to(outside)
    with confined(root):
        atomic_write_bytes(root / "plain.txt", b"ok")
        with pytest.raises(InputError, match="refusing to write outside the project"):
            atomic_write_bytes(root / "link.txt", b"overwritten")
        with pytest.raises(InputError, match="refusing to write outside the project"):
            make_dirs(root / "dir" / "made")
        with pytest.raises(InputError, match="refusing to write outside the project"):
            atomic_write_bytes(root / ".." / "outside" / "new.txt", b"x")
    atomic_write_bytes(root / "link.txt", b"given")  # not confined: the link's target is written, as asked
    assert victim.read_text(encoding="utf-8") == "given"
    assert sorted(p.name for p in outside.iterdir()) == ["victim.txt"]


_LOCKER = """
import sys, time
from workbench.fileio import file_lock
with file_lock(sys.argv[1], "the thing"):
    print("locked", flush=True)
    time.sleep(float(sys.argv[2]))
"""


def test_file_lock_waits_for_another_process_then_gives_up(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    lock = tmp_path / ".lock"
    proc = subprocess.Popen([sys.executable, "-c", _LOCKER, str(lock), "0.6"], stdout=subprocess.PIPE, text=True)
    try:
        assert proc.stdout is not None and proc.stdout.readline().strip() == "locked"
        with pytest.raises(WorkbenchError, match="the thing is in use by another process"):
            with file_lock(lock, "the thing", timeout=0.1):
                pass
        started = time.monotonic()
        with caplog.at_level("INFO", logger="workbench"), file_lock(lock, "the thing", timeout=30):
            assert time.monotonic() - started > 0.2  # it waited for the other process
    finally:
        assert proc.wait(timeout=30) == 0
    assert "waiting for another process using the thing…" in [r.getMessage() for r in caplog.records]


def test_notes_are_prepared_once_before_the_first_message(caplog: pytest.LogCaptureFixture) -> None:
    notes, seen = Notes(), []
    notes.prepare = lambda: seen.append(len(caplog.records))
    with caplog.at_level("INFO", logger="workbench"):
        notes.info("waiting for %s…", "it")
        notes.info("still")
    assert seen == [0]
    assert [r.getMessage() for r in caplog.records] == ["waiting for it…", "still"]
