"""Every file the tool writes into a project stays inside it: symbolic links
planted in build/, tmx/ or glossary/, and names that climb out, are refused
with one line, and nothing outside changes."""
from __future__ import annotations

import dataclasses
import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from workbench.build import build
from workbench.cli import cli
from workbench.errors import InputError
from workbench.project import Project

ROOT = Path(__file__).resolve().parent.parent
DOC = "000_58c3c70ad8fced54_deputy-minister-interview"


@pytest.fixture
def outside(tmp_path: Path) -> Path:
    folder = tmp_path / "outside"
    folder.mkdir()
    return folder


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


#: Files and folders a build writes, as symbolic links to a file (or folder) outside the project.
PLANTED = [".lock", f"segments/ar/{DOC}.jsonl", "align", "memory.sqlite", "terms.jsonl", "report.html", "report.json",
           "manifest.json"]


def test_links_planted_in_build_and_tmx_send_no_write_outside(project: Path, outside: Path) -> None:
    links = [project / "build" / name for name in PLANTED] + [project / "tmx" / "hanoi-convention.ar-en.tmx"]
    for i, link in enumerate(links):
        link.parent.mkdir(parents=True, exist_ok=True)
        if link.name == "align":
            (outside / "dir").mkdir()
            link.symlink_to(outside / "dir", target_is_directory=True)
        else:
            (outside / f"victim{i}").write_text("precious", encoding="utf-8")
            link.symlink_to(outside / f"victim{i}")
    before = _snapshot(outside)
    refused = set()
    for _ in range(len(links) + 1):
        res = CliRunner().invoke(cli, ["build", "--project", str(project)])
        if res.exit_code == 0:
            break
        assert res.exit_code == 2 and res.stderr.count("\n") == 1, res.output
        # refused where it is written, or (the store) when workbench.toml is checked
        assert re.search("refusing to write outside the project|expected a relative path inside", res.stderr), res.stderr
        named = [link for link in links if re.search(rf"{re.escape(str(link))}[:/]|'{link.relative_to(project)}'",
                                                     res.stderr)]
        assert len(named) == 1, res.stderr
        named[0].unlink()
        refused.add(named[0])
    assert res.exit_code == 0, res.output
    assert refused == set(links)
    assert _snapshot(outside) == before and not list((outside / "dir").iterdir())


def test_a_project_name_that_climbs_out_writes_nothing_outside(project: Path, tmp_path: Path) -> None:
    """Beside the check of workbench.toml, the writing side refuses a name that leaves the project."""
    climbing = dataclasses.replace(Project.load(project), name="../../x")  # tmx/../../x.ar-en.tmx
    with pytest.raises(InputError, match="refusing to write outside the project"):
        build(climbing)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["proj"]


def test_glossary_add_does_not_follow_a_planted_link(project: Path, outside: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    victim = outside / "victim.csv"
    victim.write_text("precious", encoding="utf-8")
    twin = next((project / "glossary").glob("*.csv"))
    twin.unlink()
    twin.symlink_to(victim)
    monkeypatch.chdir(project)
    res = CliRunner().invoke(cli, ["glossary", "add", "--concept", "new-one", "--lang", "en", "--term", "new term"])
    assert res.exit_code == 2 and res.stderr.count("\n") == 1, res.output
    assert "refusing to write outside the project" in res.stderr
    assert victim.read_text(encoding="utf-8") == "precious"


def test_glossary_import_into_the_project_does_not_follow_a_planted_link(project: Path, outside: Path,
                                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    victim = outside / "victim.tbx"
    victim.write_text("precious", encoding="utf-8")
    (project / "glossary" / "partner.tbx").symlink_to(victim)
    monkeypatch.chdir(project)
    res = CliRunner().invoke(cli, ["glossary", "import", str(ROOT / "tests/data/glossary/basic-v3.tbx"), "--force",
                                   "-o", str(project / "glossary" / "partner.tbx")])
    assert res.exit_code == 0  # a path given on the command line is the user's: written where it leads
    victim.write_text("precious", encoding="utf-8")
    shutil.copy(ROOT / "tests/data/glossary/basic-v3.tbx", project / "partner.tbx")
    res = CliRunner().invoke(cli, ["glossary", "import", "partner.tbx", "--force"])
    assert res.exit_code == 2 and "refusing to write outside the project" in res.stderr, res.output
    assert victim.read_text(encoding="utf-8") == "precious"


def test_tm_import_records_nothing_through_a_planted_link(project: Path, outside: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    victim = outside / "victim"
    victim.write_text("precious", encoding="utf-8")
    (project / "tmx" / ".omegat_ar_level1.tmx.new").symlink_to(victim)  # where the recording is staged
    monkeypatch.chdir(project)
    res = CliRunner().invoke(cli, ["tm", "import", str(ROOT / "tests/data/tm/omegat_ar_level1.tmx")])
    assert res.exit_code == 2 and res.stderr.count("\n") == 1, res.output
    assert "refusing to write outside the project" in res.stderr
    assert victim.read_text(encoding="utf-8") == "precious"
