"""Atomic writes: all or nothing, permissions kept, special files left alone."""
from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from workbench.errors import InputError
from workbench.fileio import atomic_open, atomic_output, atomic_write_bytes, open_input


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
