"""``wb tm``: import, export, stats, lookup, analyze, and their errors (exit 2, one line)."""
from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from workbench.cli import cli
from workbench.formats.tmx import TmxReader

DATA = Path(__file__).parent / "data" / "tm"
ROOT = Path(__file__).resolve().parent.parent


def wb(*args: str | Path) -> tuple[int, str, str]:
    res = CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)
    return res.exit_code, res.stdout, res.stderr


@pytest.fixture
def store(tmp_path: Path) -> Path:
    path = tmp_path / "tm.sqlite"
    code, _, err = wb("tm", "import", DATA / "spec_full.tmx", DATA / "tmx11.tmx", "--store", path)
    assert code == 0, err
    return path


def test_import_reports_read_stored_merged_skipped(tmp_path: Path) -> None:
    code, out, _ = wb("tm", "import", DATA / "repairs.tmx", "--store", tmp_path / "s.sqlite")
    assert code == 0
    assert "repairs.tmx: 5 read, 4 stored, 0 merged, 1 skipped" in out
    assert "repairs.tmx:11 (tuid no-seg): skipped: TUV (ar) without <seg>" in out
    code, out, _ = wb("tm", "import", DATA / "repairs.tmx", "--store", tmp_path / "s.sqlite", "--format", "json")
    report = json.loads(out)[0]
    assert (report["read"], report["stored"], report["merged"], report["skipped"]) == (5, 0, 4, 1)
    assert {"action": "repaired", "kind": "missing-srclang", "count": 1} in report["issue_counts"]


@pytest.mark.parametrize(("name", "message"), [
    ("malformed.tmx", "malformed.tmx:6:"),
    ("truncated.tmx", "malformed XML"),
    ("billion_laughs.tmx", "entity declarations are not allowed"),
    ("xxe.tmx", "entity declarations are not allowed"),
    ("not_tmx.xml", "not a format this command reads"),
    ("missing.tmx", "no such file"),
])
def test_bad_input_is_one_line_exit_2_and_store_unchanged(store: Path, name: str, message: str) -> None:
    before = wb("tm", "stats", "--store", store, "--format", "json")[1]
    code, out, err = wb("tm", "import", DATA / name, "--store", store)
    assert code == 2 and message in err and err.count("\n") == 1 and err.startswith("wb: error: ")
    after = json.loads(wb("tm", "stats", "--store", store, "--format", "json")[1])
    assert after["tus"] == json.loads(before)["tus"] and after["imports"] == json.loads(before)["imports"]


def test_strict_import_fails(tmp_path: Path) -> None:
    code, _, err = wb("tm", "import", DATA / "repairs.tmx", "--strict", "--store", tmp_path / "s.sqlite")
    assert code == 2 and "unless --strict" in err


def test_not_a_store_and_no_store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    bogus = tmp_path / "bogus.sqlite"
    bogus.write_text("not sqlite at all, just text " * 50)
    code, _, err = wb("tm", "stats", "--store", bogus)
    assert code == 2 and "not a workbench store" in err
    monkeypatch.chdir(tmp_path)
    code, _, err = wb("tm", "stats")
    assert code == 2 and "give --store PATH" in err


def test_project_store_is_the_default(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    shutil.copy(ROOT / "workbench.toml", tmp_path)
    monkeypatch.chdir(tmp_path)
    assert wb("tm", "import", DATA / "tmx11.tmx")[0] == 0
    assert (tmp_path / "build" / "memory.sqlite").is_file()
    assert json.loads(wb("tm", "stats", "--format", "json")[1])["tus"] == 2


def test_export_tmx_to_stdout_and_file(store: Path, tmp_path: Path) -> None:
    code, out, err = wb("tm", "export", "--store", store)
    assert code == 0 and out.startswith("<?xml") and "6 TU(s) written" in err
    code, dash, _ = wb("tm", "export", "--store", store, "-o", "-")  # - is stdout too
    assert code == 0 and dash.startswith("<?xml") and not Path("-").exists()
    code, _, _ = wb("tm", "export", "--store", store, "--langs", "ar,en", "-o", tmp_path / "ar-en.tmx")
    with TmxReader(tmp_path / "ar-en.tmx") as reader:
        tus = list(reader)
    assert len(tus) == 6 and all({t.lang.split("-")[0] for t in tu.tuvs} == {"ar", "en"} for tu in tus)


@pytest.mark.parametrize("fmt", ["tsv", "csv", "po"])
def test_export_bitext_and_import_back(store: Path, tmp_path: Path, fmt: str) -> None:
    out = tmp_path / f"pairs.{fmt}"
    assert wb("tm", "export", "--store", store, "--format", fmt, "--langs", "ar,en", "-o", out)[0] == 0
    code, report, err = wb("tm", "import", out, "--store", tmp_path / "again.sqlite",
                           *(["--src-lang", "ar", "--tgt-lang", "en"] if fmt == "po" else []))
    assert code == 0, err
    assert f"{out}: 6 read, 6 stored" in report


def test_export_and_import_moses(store: Path, tmp_path: Path) -> None:
    assert wb("tm", "export", "--store", store, "--format", "moses", "--langs", "en,ar", "-o", tmp_path / "c")[0] == 0
    code, out, _ = wb("tm", "import", tmp_path / "c.en", tmp_path / "c.ar", "--from", "moses",
                      "--store", tmp_path / "m.sqlite")
    assert code == 0 and "6 read, 6 stored" in out
    code, _, err = wb("tm", "export", "--store", store, "--format", "moses", "--langs", "en,ar")
    assert code == 2 and "-o STEM" in err


def test_bitext_export_needs_two_languages(store: Path) -> None:
    code, _, err = wb("tm", "export", "--store", store, "--format", "tsv")
    assert code == 2 and "--langs" in err


def test_stats_formats(store: Path) -> None:
    code, out, _ = wb("tm", "stats", "--store", store)
    assert code == 0 and "TUs        6" in out
    rows = list(csv.DictReader(io.StringIO(wb("tm", "stats", "--store", store, "--format", "csv")[1])))
    assert {"what": "language", "key": "fa", "count": "1"} in rows


def test_lookup_formats(store: Path) -> None:
    code, out, _ = wb("tm", "lookup", "قال نائب الوزير إن المؤتمر ناجح", "--store", store)
    assert code == 0 and "deputy minister" in out
    matches = json.loads(wb("tm", "lookup", "قال نائب الوزير إن المؤتمر ناجح", "--store", store, "--format", "json")[1])
    assert matches[0]["score"] > 90 and matches[0]["target_lang"] == "en"
    code, out, err = wb("tm", "lookup", "لا شيء يشبه هذا", "--store", store, "--min", "95")
    assert code == 0 and out == "" and "no match" in err
    code, _, err = wb("tm", "lookup", "x", "--store", store, "--src", "not a tag!")
    assert code == 2 and "language tag" in err


def test_analyze(store: Path, tmp_path: Path) -> None:
    doc = tmp_path / "doc.txt"
    doc.write_text("قال نائب الوزير إن المؤتمر ناجح. قال نائب الوزير إن المؤتمر ناجح. جملة لا تشبه شيئا هنا أبدا.\n",
                   encoding="utf-8")
    code, out, err = wb("tm", "analyze", doc, "--store", store, "--src", "ar", "--format", "json")
    assert code == 0, err
    total = json.loads(out)[-1]
    assert total["document"] == "total"
    bands = {b: v["segments"] for b, v in total["bands"].items()}
    assert bands["repetitions"] == 1 and bands["no match"] == 1 and bands["95-99%"] + bands["100%"] == 1
    rows = list(csv.DictReader(io.StringIO(wb("tm", "analyze", doc, "--store", store, "--format", "csv")[1])))
    assert len(rows) == 14 and rows[0]["band"] == "repetitions"


def test_every_command_has_help_with_an_example() -> None:
    for command in ("import", "export", "stats", "lookup", "analyze"):
        code, out, _ = wb("tm", command, "--help")
        assert code == 0 and "Example:" in out


def test_po_without_msgstr_and_unknown_language(tmp_path: Path) -> None:
    po = tmp_path / "empty.po"
    po.write_text('msgid "Hello"\nmsgstr ""\n', encoding="utf-8")
    code, _, err = wb("tm", "import", po, "--src-lang", "en", "--tgt-lang", "ar", "--store", tmp_path / "s.sqlite")
    assert code == 2 and "no translated entry" in err
    tsv = tmp_path / "p.tsv"
    tsv.write_text("one\tواحد\n", encoding="utf-8")
    code, _, err = wb("tm", "import", tsv, "--src-lang", "english!", "--tgt-lang", "ar", "--store", tmp_path / "s.sqlite")
    assert code == 2 and "language tag" in err
    assert json.loads(wb("tm", "stats", "--store", tmp_path / "s.sqlite", "--format", "json")[1])["tus"] == 0
