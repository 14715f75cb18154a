"""``wb build`` on a copy of the sample project."""
from __future__ import annotations

import json
import re
import shutil
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from workbench.cli import cli
from workbench.model import TU, TUV

ROOT = Path(__file__).resolve().parent.parent


def _files(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*.jsonl"))}


def test_build_segments_every_document_and_is_idempotent(project: Path) -> None:
    runner = CliRunner()
    res = runner.invoke(cli, ["build", "--project", str(project)])
    assert res.exit_code == 0, res.output
    assert "hanoi-convention" in res.output
    segs = project / "build" / "segments"
    assert sorted(p.name for p in segs.iterdir()) == ["ar", "en", "fa"]
    assert len(list(segs.rglob("*.jsonl"))) == 10
    first = _files(segs)
    rows = [json.loads(line) for line in (segs / "fa" / "003_2a7e24ddac758eb5_new-york-commemoration.jsonl").read_text(encoding="utf-8").splitlines()]
    assert rows[0]["doc"] == "fa/003_2a7e24ddac758eb5_new-york-commemoration.txt"
    assert "10 segmented anew" in res.stderr
    res = runner.invoke(cli, ["build", "--project", str(project)])
    assert res.exit_code == 0
    assert "0 segmented anew" in res.stderr
    assert _files(segs) == first


def test_build_redoes_only_what_changed(project: Path) -> None:
    runner = CliRunner()
    assert runner.invoke(cli, ["build", "--project", str(project)]).exit_code == 0
    doc = project / "corpus" / "en" / "002_74555ccaf6b3bf05_unodc-vienna-briefing.txt"
    doc.write_text(doc.read_text(encoding="utf-8") + "One more sentence.\n", encoding="utf-8")
    res = runner.invoke(cli, ["build", "--project", str(project)])
    assert "1 segmented anew" in res.stderr


def test_build_finds_the_project_upward(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(project / "corpus" / "ar")
    res = CliRunner().invoke(cli, ["build"])
    assert res.exit_code == 0
    assert (project / "build" / "segments" / "ar").is_dir()


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("[project\nname = 1", "invalid TOML"),
        ('[project]\nsource_languages = ["xx"]\n', "language tag"),
        ("[project]\nsource_languages = []\n", "source_languages"),
        (b"\xff\xfe\x00[", "cannot read"),
    ],
)
def test_bad_settings_are_one_line_and_exit_2(tmp_path: Path, content: str | bytes, message: str) -> None:
    cfg = tmp_path / "workbench.toml"
    if isinstance(content, bytes):
        cfg.write_bytes(content)
    else:
        cfg.write_text(content, encoding="utf-8")
    res = CliRunner().invoke(cli, ["build", "--project", str(tmp_path)])
    assert res.exit_code == 2
    assert message in res.stderr
    assert len(res.stderr.strip().splitlines()) == 1


def test_build_outside_a_project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    res = CliRunner().invoke(cli, ["build"])
    assert res.exit_code == 2
    assert "no workbench.toml" in res.stderr


def _undated(data: bytes) -> bytes:
    return re.sub(rb'(creation|change)date="[^"]*"', b"", data)


def test_build_aligns_the_articles_as_the_translators_did_and_reproduces_tmx(project: Path) -> None:
    res = CliRunner().invoke(cli, ["build", "--project", str(project)])
    assert res.exit_code == 0, res.output
    for gold in sorted((ROOT / "tests/data/align/gold").glob("*.jsonl")):
        pair = "fa-en" if gold.name.startswith("003") else "ar-en"
        got = [json.loads(line) for line in (project / "build/align" / pair / gold.name).read_text(encoding="utf-8").splitlines()]
        want = [json.loads(line) for line in gold.read_text(encoding="utf-8").splitlines()]
        assert [(len(b["src"]), len(b["tgt"])) for b in got] == [(len(b["src"]), len(b["tgt"])) for b in want]
        assert [b["src_text"] for b in got] == [" ".join(b["src"]) for b in want]
        assert [b["tgt_text"] for b in got] == [" ".join(b["tgt"]) for b in want]
    for name in ("hanoi-convention.ar-en.tmx", "hanoi-convention.fa-en.tmx"):
        built = (project / "tmx" / name).read_bytes()
        assert _undated(built) == _undated((ROOT / "tmx" / name).read_bytes()), f"wb build no longer reproduces tmx/{name}"


def test_a_rebuild_keeps_exports_that_differ_only_in_dates(project: Path) -> None:
    for tmx in (ROOT / "tmx").glob("hanoi-convention.*.tmx"):
        shutil.copy(tmx, project / "tmx")
    assert CliRunner().invoke(cli, ["build", "--project", str(project)]).exit_code == 0
    for tmx in (ROOT / "tmx").glob("hanoi-convention.*.tmx"):
        assert (project / "tmx" / tmx.name).read_bytes() == tmx.read_bytes()


def _outputs(project: Path) -> dict[str, bytes]:
    """What a build makes: exports, report, term hits, segments and alignments."""
    build = project / "build"
    files = [*sorted((project / "tmx").glob("hanoi-convention.*.tmx")), build / "report.json", build / "terms.jsonl",
             *sorted((build / "segments").rglob("*.jsonl")), *sorted((build / "align").rglob("*.jsonl"))]
    return {str(p.relative_to(project)): p.read_bytes() for p in files}


def _build(project: Path) -> None:
    res = CliRunner().invoke(cli, ["build", "--project", str(project)])
    assert res.exit_code == 0, res.output


def test_a_memory_imported_into_the_project_survives_the_next_builds(project: Path,
                                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    _build(project)
    first = _outputs(project)
    monkeypatch.chdir(project)
    res = CliRunner().invoke(cli, ["tm", "import", str(ROOT / "tests/data/tm/omegat_ar_level1.tmx")])
    assert res.exit_code == 0, res.output
    assert "recorded in tmx/omegat_ar_level1.tmx" in res.stderr
    _build(project)
    stats = json.loads(CliRunner().invoke(cli, ["tm", "stats", "--exact", "--format", "json"]).stdout)
    assert stats["languages"].get("en-US") == 4  # the imported TUs' variants
    assert _outputs(project) == first
    _build(project)
    assert _outputs(project) == first


def test_a_compressed_memory_in_tmx_is_imported_by_the_build(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import gzip

    packed = project / "tmx" / "partner.tmx.gz"  # as OmegaT's tm/ reads it too
    packed.write_bytes(gzip.compress((ROOT / "tests/data/tm/omegat_ar_level1.tmx").read_bytes()))
    _build(project)
    monkeypatch.chdir(project)
    stats = json.loads(CliRunner().invoke(cli, ["tm", "stats", "--exact", "--format", "json"]).stdout)
    assert stats["languages"].get("en-US") == 4 and any(i["name"].endswith("partner.tmx.gz") for i in stats["imports"])


def test_build_outputs_depend_on_the_projects_files_alone(project: Path, tmp_path: Path,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    memories = [str(ROOT / "tests/data/tm" / name) for name in ("omegat_ar_level1.tmx", "ttk_po2tmx.tmx")]
    fresh = tmp_path / "fresh"
    shutil.copytree(project, fresh)
    for memory in memories:  # together they teach the aligner: some beads' scores change
        shutil.copy(memory, fresh / "tmx")
    _build(fresh)
    want = {k: _undated(v) for k, v in _outputs(fresh).items()}
    _build(project)
    assert {k: _undated(v) for k, v in _outputs(project).items()} != want
    monkeypatch.chdir(project)
    runner = CliRunner()
    assert runner.invoke(cli, ["tm", "import", *memories]).exit_code == 0
    assert runner.invoke(cli, ["tm", "lookup", "اتفاقية هانوي"]).exit_code == 0
    for _ in range(2):
        _build(project)
        assert {k: _undated(v) for k, v in _outputs(project).items()} == want


def test_build_does_not_read_word_statistics_other_commands_left_in_the_store(project: Path) -> None:
    from workbench.tm import Store
    from workbench.tm.lexicon import stored_lexicon

    _build(project)
    first = _outputs(project)
    with Store(project / "build" / "memory.sqlite") as store:  # as `wb align` does: from every TU, cached
        assert len(stored_lexicon(store, "ar", "en")) > 0
    _build(project)
    assert _outputs(project) == first


# -- what a build must not destroy, and the store it must not trust ------------------------------

def _set(project: Path, key: str, value: str) -> None:
    cfg = project / "workbench.toml"
    text = cfg.read_text(encoding="utf-8")
    cfg.write_text(re.sub(rf"(?m)^{key} = .*$", f'{key} = "{value}"', text), encoding="utf-8")


def _wb_build(project: Path) -> Result:
    return CliRunner().invoke(cli, ["build", "--project", str(project)])


@pytest.mark.parametrize("store", ["workbench.toml", "corpus/ar/000_58c3c70ad8fced54_deputy-minister-interview.txt",
                                   "team.sqlite", "empty.sqlite"])
def test_build_never_replaces_a_file_it_did_not_make(project: Path, store: str) -> None:
    from workbench.tm import Store

    with Store(project / "team.sqlite") as team:  # a memory of its own (wb tm import --store team.sqlite)
        team.add_tus([TU((TUV.plain("ar", "نص"), TUV.plain("en", "text")))])
    sqlite3.connect(project / "empty.sqlite").execute("CREATE TABLE notes (x)").connection.close()
    _set(project, "store", store)
    before = (project / store).read_bytes()
    res = _wb_build(project)
    assert res.exit_code == 2 and res.stderr.count("\n") == 1, res.output
    assert "is not a store this project's build made" in res.stderr
    assert (project / store).read_bytes() == before


def test_build_replaces_the_store_it_made_anywhere_in_the_project(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _set(project, "store", "memory/project.sqlite")
    _build(project)
    monkeypatch.chdir(project)
    assert CliRunner().invoke(cli, ["tm", "import", str(ROOT / "tests/data/tm/omegat_ar_level1.tmx")]).exit_code == 0
    _build(project)  # made again, in place
    stats = json.loads(CliRunner().invoke(cli, ["tm", "stats", "--exact", "--format", "json"]).stdout)
    assert stats["store"].endswith("memory/project.sqlite") and stats["languages"].get("en-US") == 4


@pytest.mark.parametrize("corpus", ["nowhere", "glossary"])
def test_a_wrong_corpus_is_an_error_and_the_exports_stay(project: Path, corpus: str) -> None:
    for tmx in (ROOT / "tmx").glob("hanoi-convention.*.tmx"):
        shutil.copy(tmx, project / "tmx")
    before = {p.name: p.read_bytes() for p in (project / "tmx").iterdir()}
    _set(project, "corpus", corpus)
    res = _wb_build(project)
    assert res.exit_code == 2 and res.stderr.count("\n") == 1 and "[paths] corpus" in res.stderr, res.output
    assert {p.name: p.read_bytes() for p in (project / "tmx").iterdir()} == before


def test_an_export_with_nothing_to_write_keeps_the_file_and_says_so(project: Path) -> None:
    for tmx in (ROOT / "tmx").glob("hanoi-convention.*.tmx"):
        shutil.copy(tmx, project / "tmx")
    before = {p.name: p.read_bytes() for p in (project / "tmx").iterdir()}
    shutil.rmtree(project / "corpus" / "en")  # no translations: no pairs
    res = _wb_build(project)
    assert res.exit_code == 0, res.output
    assert {p.name: p.read_bytes() for p in (project / "tmx").iterdir()} == before
    said = " ".join(res.stderr.split())
    assert said.count("kept as it is: this build has no") == 2 and "no ar pairs" in said and "no fa pairs" in said


def _damage_store(path: Path, how: str) -> None:
    if how == "flipped pages":
        data = bytearray(path.read_bytes())
        for i in range(4096 + 300, len(data), 211):
            data[i] ^= 0xFF
        path.write_bytes(bytes(data))
        return
    db = sqlite3.connect(path)
    db.executescript({"dropped table": "DROP TABLE tuv",
                      "emptied": "PRAGMA foreign_keys = OFF; DELETE FROM tuv; DELETE FROM tu",
                      "bad JSON": "UPDATE tu SET meta = '{bad'"}[how])
    db.close()


@pytest.mark.parametrize("how", ["dropped table", "emptied", "flipped pages", "bad JSON"])
def test_a_store_the_build_cannot_trust_is_made_again(project: Path, how: str) -> None:
    built = _wb_build(project)
    assert built.exit_code == 0, built.output
    size = re.search(r"memory \d+ TUs", " ".join(built.stderr.split()))
    assert size is not None
    first = _outputs(project)
    _damage_store(project / "build" / "memory.sqlite", how)
    res = _wb_build(project)
    assert res.exit_code == 0, res.output
    said = " ".join(res.stderr.split())
    assert size.group() in said
    assert ("the store is damaged" in said) == (how != "emptied")  # an emptied store is just not the one it left
    assert _outputs(project) == first
    assert size.group() in " ".join(_wb_build(project).stderr.split())
