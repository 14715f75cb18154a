"""Atomic writes: all or nothing, permissions kept, special files left alone; compressed files
read as their content and written compressed."""
from __future__ import annotations

import bz2
import errno
import gzip
import io
import lzma
import os
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

from workbench.errors import InputError, WorkbenchError
from workbench.fileio import (Notes, Peeked, atomic_open, atomic_output, atomic_write_bytes, compression, confined,
                              file_lock, make_dirs, open_input, plain_copy, plain_name, shown_names, spooled,
                              unpacked)


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


COMPRESSORS = [(gzip.compress, ".gz"), (bz2.compress, ".bz2"), (lzma.compress, ".xz")]
TEXT = "اتفاقية هانوي\tHanoi Convention\n".encode() * 2000


@pytest.mark.parametrize(("compress", "suffix"), COMPRESSORS)
def test_a_compressed_file_reads_as_its_content(tmp_path: Path, compress: object, suffix: str) -> None:
    path = tmp_path / f"pairs.tsv{suffix}"
    packed = compress(TEXT)  # type: ignore[operator]
    path.write_bytes(packed)
    with open_input(path) as fh:
        first = fh.read(100)
        assert 0 < fh.tell() <= len(packed)  # progress counts the file's bytes, not the content's
        assert first + fh.read() == TEXT
    assert plain_name(path) == tmp_path / "pairs.tsv" and plain_name(tmp_path / "a.tmx") == tmp_path / "a.tmx"


def test_only_real_compressed_data_is_unpacked(tmp_path: Path) -> None:
    assert compression(b"BZh91AY&SY") == "bz2" and compression(gzip.compress(b"x")[:10]) == "gzip"
    assert compression(b"BZh is how this text starts") is None and compression(b"\x1f\x8bno") is None
    path = tmp_path / "notes.txt"
    path.write_bytes(b"BZh is how this text starts\n")
    with open_input(path) as fh:
        assert fh.read() == b"BZh is how this text starts\n"


@pytest.mark.parametrize(("data", "message"), [
    (gzip.compress(TEXT)[:-30], "gzip data cut short"),
    (gzip.compress(TEXT)[:40] + b"\0" * 200 + gzip.compress(TEXT)[240:], "damaged gzip data"),
    (bz2.compress(TEXT)[:60], "bz2 data cut short"),
    (lzma.compress(TEXT)[:30] + b"junk" * 20, "damaged lzma data"),
])
def test_damaged_compressed_data_is_an_input_error_naming_the_file(tmp_path: Path, data: bytes, message: str) -> None:
    path = tmp_path / "memory.tmx.gz"
    path.write_bytes(data)
    with pytest.raises(InputError, match=message) as caught, open_input(path) as fh:
        fh.read()
    assert caught.value.path == str(path)


def test_compressed_stdin_reads_as_its_content() -> None:
    stream = unpacked(Peeked(io.BytesIO(gzip.compress(TEXT)), "<stdin>"))
    assert stream.head(20) == TEXT[:20] and stream.read() == TEXT
    plain = Peeked(io.BytesIO(TEXT), "<stdin>")
    assert unpacked(plain) is plain
    with spooled(io.BytesIO(lzma.compress(TEXT))) as copy:  # what a reader that takes a path gets of stdin
        assert copy.read_bytes() == TEXT


def test_a_reader_that_opens_by_name_gets_a_plain_copy(tmp_path: Path) -> None:
    path = tmp_path / "ui.po.gz"
    path.write_bytes(gzip.compress(TEXT))
    with plain_copy(path) as copy:
        assert copy != path and copy.read_bytes() == TEXT
        assert shown_names(f"{copy}:3: bad") == f"{path}:3: bad"
    assert not copy.exists()
    plain = tmp_path / "ui.po"
    plain.write_bytes(TEXT)
    with plain_copy(plain) as same:
        assert same == plain


@pytest.mark.parametrize(("decompress", "suffix"), [(gzip.decompress, ".gz"), (bz2.decompress, ".bz2"),
                                                     (lzma.decompress, ".xz")])
def test_a_compressed_name_is_written_compressed(tmp_path: Path, decompress: object, suffix: str) -> None:
    target = tmp_path / f"memory.tmx{suffix}"
    with atomic_open(target, "w", encoding="utf-8") as fh:
        fh.write("اتفاقية\n")
    assert decompress(target.read_bytes()) == "اتفاقية\n".encode()  # type: ignore[operator]
    with atomic_open(target, "wb") as fh:
        fh.write(TEXT)
    assert decompress(target.read_bytes()) == TEXT  # type: ignore[operator]
    assert [p.name for p in tmp_path.iterdir()] == [target.name]


def test_gzip_output_is_the_same_for_the_same_content(tmp_path: Path) -> None:
    target = tmp_path / "memory.tmx.gz"
    atomic_write_bytes(target, TEXT)
    first = target.read_bytes()
    assert first[4:8] == b"\0\0\0\0"  # no date in the header
    atomic_write_bytes(target, TEXT)
    assert target.read_bytes() == first
    with gzip.open(target) as fh:
        assert fh.read() == TEXT


def test_a_failed_compressed_write_leaves_nothing_and_says_nothing(tmp_path: Path) -> None:
    script = ("from workbench.fileio import atomic_open\n"
              "try:\n"
              f"    with atomic_open({str(tmp_path / 'out.tmx.gz')!r}, 'w', encoding='utf-8') as fh:\n"
              "        fh.write('x' * 100000)\n"
              "        raise RuntimeError('boom')\n"
              "except RuntimeError:\n"
              "    pass\n")
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert done.stderr == "" and list(tmp_path.iterdir()) == []
