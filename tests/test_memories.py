"""``workbench.memories``: the project's memories in tmx/ and how an import is recorded there."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from workbench.memories import imported_memories, recording, same_but_dates
from workbench.project import Project

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data" / "tm"


@pytest.fixture
def project(tmp_path: Path) -> Project:
    shutil.copy(ROOT / "workbench.toml", tmp_path)
    return Project.load(tmp_path)


def test_the_exports_are_not_memories_brought_in(project: Project) -> None:
    project.tmx_dir.mkdir()
    for name in ("hanoi-convention.ar-en.tmx", "hanoi-convention.fa-en.tmx", "b.tmx", "a.tmx", "notes.txt"):
        (project.tmx_dir / name).write_text("x", encoding="utf-8")
    assert [p.name for p in imported_memories(project)] == ["a.tmx", "b.tmx"]


def test_compressed_memories_in_tmx_are_memories_brought_in(project: Project) -> None:
    import gzip

    project.tmx_dir.mkdir()
    packed = project.tmx_dir / "partner.tmx.gz"
    packed.write_bytes(gzip.compress((DATA / "tmx11.tmx").read_bytes()))
    (project.tmx_dir / "notes.gz").write_bytes(gzip.compress(b"x"))
    assert imported_memories(project) == [packed]
    assert same_but_dates(packed, DATA / "tmx11.tmx") and not same_but_dates(packed, DATA / "spec_full.tmx")
    with recording(project, packed) as rec:  # already in tmx/: left as it is
        pass
    assert rec.path == packed and not rec.new and sorted(p.name for p in project.tmx_dir.iterdir()) == [
        "notes.gz", "partner.tmx.gz"]


def test_a_memory_is_recorded_only_when_its_import_succeeds(project: Project) -> None:
    with pytest.raises(RuntimeError), recording(project, DATA / "tmx11.tmx") as rec:
        assert rec.new and rec.path == project.tmx_dir / "tmx11.tmx"
        raise RuntimeError("the import failed")
    assert list(project.tmx_dir.iterdir()) == []
    with recording(project, DATA / "tmx11.tmx") as rec:
        pass
    assert rec.path.read_bytes() == (DATA / "tmx11.tmx").read_bytes()


def test_a_compressed_memory_is_recorded_as_its_content(project: Project, tmp_path: Path) -> None:
    import gzip

    packed = tmp_path / "partner.tmx.gz"
    packed.write_bytes(gzip.compress((DATA / "tmx11.tmx").read_bytes()))
    seen: list[tuple[int, int]] = []
    with recording(project, packed, progress=lambda done, total: seen.append((done, total))) as rec:
        pass
    assert rec.path == project.tmx_dir / "partner.tmx"
    assert rec.path.read_bytes() == (DATA / "tmx11.tmx").read_bytes()
    assert seen[-1] == (packed.stat().st_size, packed.stat().st_size)


def test_moses_files_are_recorded_under_the_first_ones_stem(project: Project, tmp_path: Path) -> None:
    (tmp_path / "c.ar").write_text("مرحبا\n", encoding="utf-8")
    (tmp_path / "c.en").write_text("Hello\n", encoding="utf-8")
    with recording(project, tmp_path / "c.ar", format="moses", src_lang="ar", tgt_lang="en",
                   pair=tmp_path / "c.en") as rec:
        pass
    assert rec.converted and rec.path == project.tmx_dir / "c.tmx"
    text = rec.path.read_text(encoding="utf-8")
    assert 'srclang="ar"' in text and "<seg>مرحبا</seg>" in text and "<seg>Hello</seg>" in text
