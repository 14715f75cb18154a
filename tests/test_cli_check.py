"""``wb check`` and ``wb dismiss`` through click's CliRunner."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from check_util import ROOT, built_project
from click.testing import CliRunner

from workbench.cli import cli

DATA = ROOT / "tests" / "data" / "check"


@pytest.fixture
def sample(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return built_project(tmp_path_factory.getbasetemp())


def wb(*args: str) -> object:
    return CliRunner().invoke(cli, list(args))


def test_help_has_an_example() -> None:
    for cmd in ("check", "dismiss"):
        res = wb(cmd, "--help")
        assert res.exit_code == 0 and "Example" in res.output


def test_check_the_sample_project(sample: Path) -> None:
    res = wb("check", "--project", str(sample))
    assert res.exit_code == 0, res.output  # fail_on = "error" in workbench.toml and no errors
    assert "variant-cluster: Name or term written several ways" in res.stdout
    assert "دانغ هوانغ جيانغ" in res.stdout and "check:v1|profile:strict" in res.stdout
    res = wb("check", "--project", str(sample), "--fail-on", "warning")
    assert res.exit_code == 3


def test_formats_and_output_file(sample: Path, tmp_path: Path) -> None:
    out = tmp_path / "report.json"
    res = wb("check", "--project", str(sample), "--profile", "terminology", "-o", str(out))
    assert res.exit_code == 0 and res.stdout == ""
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["profile"] == "terminology" and "zwnj" not in data["summary"]["by_check"]
    res = wb("check", "--project", str(sample), "--check", "zwnj", "--format", "csv")
    assert res.exit_code == 0 and res.stdout.splitlines()[0].startswith("id,severity,check")
    assert len(res.stdout.splitlines()) > 40
    res = wb("check", "--project", str(sample), "--format", "html", "-o", str(tmp_path / "r.html"))
    assert (tmp_path / "r.html").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_baseline_then_dismiss(sample: Path, tmp_path: Path) -> None:
    base = tmp_path / "baseline.txt"
    res = wb("check", "--project", str(sample), "--baseline", str(base), "--fail-on", "info")
    assert res.exit_code == 0 and "recorded" in res.stderr and "0 findings" in res.stdout
    assert base.read_text(encoding="utf-8").startswith("# wb check baseline v1")
    base.write_text("\n".join(base.read_text(encoding="utf-8").splitlines()[:-1]) + "\n", encoding="utf-8")
    res = wb("check", "--project", str(sample), "--baseline", str(base), "--format", "json", "--fail-on", "info")
    assert res.exit_code == 3
    [new] = json.loads(res.stdout)["findings"]
    res = wb("dismiss", new["id"], "--reason", "kept as in the source", "--baseline", str(base), "--project", str(sample))
    assert res.exit_code == 0 and "dismissed" in res.stderr
    res = wb("check", "--project", str(sample), "--baseline", str(base), "--fail-on", "info")
    assert res.exit_code == 0
    res = wb("dismiss", "0000000000", "--reason", "x", "--baseline", str(base), "--project", str(sample))
    assert res.exit_code == 2 and res.stderr.count("\n") == 1 and "no finding 0000000000" in res.stderr


def test_explicit_files_without_a_project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """tests/data/check/{ar,en}/giang.txt: both spellings of the name, and 26 October translated as 27."""
    shutil.copytree(DATA, tmp_path / "data")
    monkeypatch.chdir(tmp_path / "data")
    res = wb("check", "ar/giang.txt", "en/giang.txt", "--format", "json",
             "--glossary", str(ROOT / "glossary" / "hanoi-convention.csv"))
    assert res.exit_code == 3, res.output  # the number mismatch is an error
    findings = json.loads(res.stdout)["findings"]
    # the glossary deprecates دانج هوانج جيانج: deprecated-term reports it, not a cluster too
    assert {"number-mismatch", "deprecated-term"} <= {f["check"] for f in findings}
    assert "variant-cluster" not in {f["check"] for f in findings}
    [numbers] = [f for f in findings if f["check"] == "number-mismatch"]
    assert numbers["doc"] == "en/giang.txt" and "26" in numbers["message"] and "27" in numbers["message"]
    res = wb("check", "ar/giang.txt", "en/giang.txt", "--check", "variant-cluster", "--fail-on", "warning")
    assert res.exit_code == 3 and "keep “دانج هوانج جيانج”" in res.stdout  # no glossary: the first used


@pytest.mark.parametrize("args, message", [
    (["--glossary", "missing.tbx"], "no such file"),
    (["--tm", "missing.sqlite"], "no such translation memory"),
    (["--profile", "loose"], "loose"),
    (["nothing-here.txt"], "no such file"),
])
def test_bad_input_is_one_line_and_exit_2(sample: Path, args: list[str], message: str) -> None:
    res = wb("check", "--project", str(sample), *args)
    assert res.exit_code == 2 and res.stdout == ""
    assert res.stderr.count("\n") == 1 and message in res.stderr


def test_unbuilt_project_and_bad_settings(tmp_path: Path) -> None:
    dest = tmp_path / "p"
    dest.mkdir()
    shutil.copy(ROOT / "workbench.toml", dest)
    shutil.copytree(ROOT / "corpus", dest / "corpus")
    res = wb("check", "--project", str(dest))
    assert res.exit_code == 2 and "run wb build first" in res.stderr and res.stderr.count("\n") == 1
    (dest / "workbench.toml").write_text((ROOT / "workbench.toml").read_text(encoding="utf-8").replace(
        'profile = "strict"', 'profile = "sloppy"'), encoding="utf-8")
    res = wb("check", "--project", str(dest))
    assert res.exit_code == 2 and "unknown profile 'sloppy'" in res.stderr


def test_unreadable_document(tmp_path: Path) -> None:
    bad = tmp_path / "en" / "bad.txt"
    bad.parent.mkdir()
    bad.write_bytes(b"\xff\xfe\xfa not utf-8 \x80")
    res = wb("check", str(bad))
    assert res.exit_code == 2 and res.stderr.count("\n") == 1


def test_empty_corpus_gives_a_valid_empty_report(tmp_path: Path) -> None:
    dest = tmp_path / "empty"
    (dest / "corpus" / "ar").mkdir(parents=True)
    (dest / "corpus" / "en").mkdir(parents=True)
    (dest / "workbench.toml").write_text('[project]\nname = "empty"\nsource_languages = ["ar"]\ntarget_language = "en"\n',
                                         encoding="utf-8")
    assert wb("build", "--project", str(dest)).exit_code == 0
    data = json.loads((dest / "build" / "report.json").read_text(encoding="utf-8"))
    assert data["findings"] == [] and data["summary"]["documents"] == 0
    res = wb("check", "--project", str(dest), "--format", "json")
    assert res.exit_code == 0 and json.loads(res.stdout)["findings"] == []


def test_build_writes_the_reports_incrementally(sample: Path) -> None:
    html, data = sample / "build" / "report.html", sample / "build" / "report.json"
    assert html.is_file() and json.loads(data.read_text(encoding="utf-8"))["summary"]["findings"] > 50
    before = data.stat().st_mtime_ns
    res = wb("build", "--project", str(sample))
    assert res.exit_code == 0 and "checks: 0 error" in res.stderr
    assert data.stat().st_mtime_ns == before  # nothing changed: not redone


def _copy(sample: Path, dest: Path, baseline_setting: str | None = 'baseline = "check-baseline.txt"') -> Path:
    """A copy of the built sample project, with ``[check] baseline`` set as given (left out for None)."""
    shutil.copytree(sample, dest)
    toml = dest / "workbench.toml"
    text = "\n".join(line for line in toml.read_text(encoding="utf-8").splitlines()
                     if not line.startswith("baseline ="))
    if baseline_setting is not None:
        text = text.replace('fail_on = "error"', f'fail_on = "error"\n{baseline_setting}')
    toml.write_text(text + "\n", encoding="utf-8")
    return dest


@pytest.mark.parametrize(("setting", "name"), [('baseline = "check-baseline.txt"', "check-baseline.txt"),
                                               ('baseline = "qa-dismissed.txt"', "qa-dismissed.txt"),
                                               (None, "check-baseline.txt")])
def test_a_dismissed_finding_stays_dismissed(sample: Path, tmp_path: Path, setting: str | None, name: str) -> None:
    """Issue 11: wb dismiss writes the project's baseline, and wb check and wb build read it by default."""
    proj = _copy(sample, tmp_path / "p", setting)
    first = json.loads(wb("check", "--project", str(proj), "--format", "json").stdout)
    assert first["summary"]["dismissed"] == 0
    fid = first["findings"][0]["id"]
    res = wb("dismiss", fid, "--reason", "kept as said", "--project", str(proj))
    assert res.exit_code == 0 and (proj / name).is_file()
    data = json.loads(wb("check", "--project", str(proj), "--format", "json").stdout)
    assert fid not in {f["id"] for f in data["findings"]}
    assert data["summary"]["findings"] == first["summary"]["findings"] - 1 and data["summary"]["dismissed"] == 1
    assert "; 1 dismissed, not shown;" in wb("check", "--project", str(proj)).stdout
    rows = wb("check", "--project", str(proj), "--format", "csv").stdout.splitlines()
    assert rows[0].endswith(",dismissed") and rows[-1].startswith(fid) and rows[-1].endswith(",kept as said")
    html = wb("check", "--project", str(proj), "--format", "html").stdout
    assert '<span id="left-out">1 dismissed, not shown</span>' in html
    everything = json.loads(wb("check", "--project", str(proj), "--format", "json", "--no-baseline").stdout)
    assert fid in {f["id"] for f in everything["findings"]} and everything["summary"]["dismissed"] == 0
    res = wb("build", "--project", str(proj))
    assert res.exit_code == 0 and "1 dismissed" in res.stderr
    report = json.loads((proj / "build" / "report.json").read_text(encoding="utf-8"))
    assert fid not in {f["id"] for f in report["findings"]} and report["summary"]["dismissed"] == 1
    assert "1 dismissed, not shown" in (proj / "build" / "report.html").read_text(encoding="utf-8")


def test_no_baseline_goes_alone(sample: Path) -> None:
    res = wb("check", "--project", str(sample), "--no-baseline", "--update-baseline")
    assert res.exit_code == 2 and res.stderr.count("\n") == 1 and "--no-baseline" in res.stderr


def test_update_baseline_outside_a_project_needs_a_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    shutil.copytree(DATA, tmp_path / "data")
    monkeypatch.chdir(tmp_path / "data")
    res = wb("check", "ar/giang.txt", "--update-baseline")
    assert res.exit_code == 2 and res.stderr.count("\n") == 1 and "--baseline" in res.stderr


_XLIFF = '<?xml version="1.0"?>\n<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0"><file/></xliff>\n'


@pytest.mark.parametrize(("name", "source", "what"), [
    ("app.ar.po", ROOT / "tests" / "data" / "tm" / "sample_ar.po", "a PO (gettext) catalogue"),
    ("memory.tmx", ROOT / "tests" / "data" / "tm" / "spec_full.tmx", "a TMX translation memory"),
    ("memory.txt", ROOT / "tests" / "data" / "tm" / "spec_full.tmx", "a TMX translation memory"),
    ("terms.tbx", ROOT / "glossary" / "hanoi-convention.tbx", "a TBX termbase"),
    ("terms.csv", ROOT / "glossary" / "hanoi-convention.csv", "a CSV table"),
    ("memory.tsv", None, "a tab-separated table"),
    ("app.xlf", None, "an XLIFF bilingual file"),
])
def test_structured_files_are_refused(tmp_path: Path, name: str, source: Path | None, what: str) -> None:
    """Issue 11: wb check read a PO file as text (10 spacing findings in its header) and a TMX as an empty document."""
    path = tmp_path / "ar" / name
    path.parent.mkdir()
    if source is not None:
        shutil.copy(source, path)
    else:
        path.write_text(_XLIFF if name.endswith(".xlf") else "Hanoi\tهانوي\n", encoding="utf-8")
    res = wb("check", str(path), str(DATA / "ar" / "giang.txt"))
    assert res.exit_code == 2 and res.stdout == "" and res.stderr.count("\n") == 1
    assert res.stderr.startswith(f"wb: error: {path}: not a plain-text document but {what}")
    assert "wb check reads plain-text documents, or files of translation pairs alone" in res.stderr
