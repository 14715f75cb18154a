"""``wb align`` through click's CliRunner: formats, memory, review, bad input."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from check_util import copy_sample
from click.testing import CliRunner
from lxml import etree

from workbench.cli import cli
from workbench.tm import Store

ROOT = Path(__file__).resolve().parent.parent
AR = ROOT / "corpus/ar/002_74555ccaf6b3bf05_unodc-vienna-briefing.txt"
EN = ROOT / "corpus/en/002_74555ccaf6b3bf05_unodc-vienna-briefing.txt"
FA = ROOT / "corpus/fa/003_2a7e24ddac758eb5_new-york-commemoration.txt"
EN3 = ROOT / "corpus/en/003_2a7e24ddac758eb5_new-york-commemoration.txt"


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


def test_help_has_an_example(runner: CliRunner) -> None:
    res = runner.invoke(cli, ["align", "--help"])
    assert res.exit_code == 0 and "Example" in res.output


def test_jsonl_beads(runner: CliRunner) -> None:
    res = runner.invoke(cli, ["align", "--format", "jsonl", str(AR), str(EN)])
    assert res.exit_code == 0, res.stderr
    rows = [json.loads(line) for line in res.stdout.splitlines()]
    assert len(rows) == 15  # 12 beads and 3 boilerplate segments at the end of the Arabic
    assert [(r["src"], r["kind"]) for r in rows[-3:]] == [([13], "boilerplate"), ([14], "boilerplate"), ([15], "boilerplate")]
    assert rows[0]["src"] == [0] and rows[0]["tgt"] == [0]
    assert {"src", "tgt", "score", "src_text", "tgt_text"} <= set(rows[0])
    assert any(len(r["tgt"]) == 2 for r in rows) and any(len(r["src"]) == 2 for r in rows)
    assert all(0 <= r["score"] <= 1 for r in rows)
    assert "12 beads" in res.stderr and "3 segments left out" in res.stderr


def test_text_shows_rtl_in_isolates(runner: CliRunner) -> None:
    res = runner.invoke(cli, ["align", str(FA), str(EN3)])
    assert res.exit_code == 0
    assert "\u2067به گزارش خبرنگار" in res.stdout
    assert "\u2066According to the VNA" in res.stdout


def test_tsv(runner: CliRunner) -> None:
    res = runner.invoke(cli, ["align", "--format", "tsv", str(AR), str(EN)])
    lines = res.stdout.splitlines()
    assert lines[0].split("\t")[:6] == ["src", "tgt", "score", "type", "unsure", "kind"]
    assert len(lines) == 16


def test_tmx_and_into_tm(runner: CliRunner, tmp_path: Path) -> None:
    out = tmp_path / "pairs.tmx"
    store = tmp_path / "m.sqlite"
    res = runner.invoke(cli, ["align", "--format", "tmx", "-o", str(out), "--into-tm", "--store", str(store), str(AR), str(EN)])
    assert res.exit_code == 0, res.stderr
    root = etree.parse(str(out)).getroot()
    tus = root.findall(".//tu")
    assert len(tus) == 12
    props = {p.get("type") for p in tus[0].findall("prop")}
    assert props == {"x-document", "x-bead", "x-align-score"}
    with Store(store) as s:
        assert s.count() == 12


def test_unsure_beads_stay_out_unless_asked(runner: CliRunner, tmp_path: Path) -> None:
    src = tmp_path / "src.txt"
    tgt = tmp_path / "tgt.txt"
    src.write_text("\n".join(AR.read_text(encoding="utf-8").splitlines()[:6]) + "\n", encoding="utf-8")
    lines = EN.read_text(encoding="utf-8").splitlines()[:6]
    tgt.write_text("\n".join(lines[:2] + ["The weather in Vienna was cold and grey that week."] + lines[2:]) + "\n",
                   encoding="utf-8")
    res = runner.invoke(cli, ["align", "--format", "text", "--unsure", str(src), str(tgt)])
    assert res.exit_code == 0
    assert "REVIEW" in res.stdout and "The weather in Vienna" in res.stdout  # the added sentence, to confirm
    strict = ["--threshold", "0.9999"]
    out = tmp_path / "a.tmx"
    runner.invoke(cli, ["align", "--format", "tmx", *strict, "-o", str(out), str(src), str(tgt)])
    kept = len(etree.parse(str(out)).getroot().findall(".//tu"))
    runner.invoke(cli, ["align", "--format", "tmx", *strict, "--include-unsure", "-o", str(out), str(src), str(tgt)])
    assert len(etree.parse(str(out)).getroot().findall(".//tu")) > kept


def test_presegmented_leaves_boilerplate_out(runner: CliRunner, tmp_path: Path) -> None:
    src = tmp_path / "s.txt"
    tgt = tmp_path / "t.txt"
    src.write_text("وقال الوزير إن الاتفاقية ستوقع في هانوي في عام 2025.\nتعليق (0)\nوأكد أن 72 دولة وقعت عليها.\n", encoding="utf-8")
    tgt.write_text("The minister said the Convention would be signed in Hanoi in 2025.\nHe stressed that 72 countries had signed it.\n", encoding="utf-8")
    res = runner.invoke(cli, ["align", "--presegmented", "--format", "jsonl", "--src-lang", "ar", "--tgt-lang", "en", str(src), str(tgt)])
    rows = [json.loads(line) for line in res.stdout.splitlines()]
    assert [(r["src"], r["tgt"], r["kind"]) for r in rows] == [([0], [0], "sentence"), ([1], [], "boilerplate"), ([2], [1], "sentence")]


def test_dictionary_file(runner: CliRunner, tmp_path: Path) -> None:
    d = tmp_path / "dict.tsv"
    d.write_text("# words\nاتفاقية\tconvention\nهانوي\tHanoi\n", encoding="utf-8")
    res = runner.invoke(cli, ["align", "--dict", str(d), "--format", "jsonl", str(AR), str(EN)])
    assert res.exit_code == 0


@pytest.mark.parametrize(
    ("setup", "args", "message"),
    [
        ("missing", [], "no such file"),
        ("empty", [], "no sentences to align"),
        ("wrong-language", ["--src-lang", "ar", "--tgt-lang", "en"], "looks like English text, not Arabic"),
        ("bad-dict", [], "d.tsv:2: expected 'source<TAB>target'"),
        ("bad-tag", ["--src-lang", "xx"], "language tag"),
    ],
)
def test_bad_input(runner: CliRunner, tmp_path: Path, setup: str, args: list[str], message: str) -> None:
    src, tgt = str(AR), str(EN)
    if setup == "missing":
        src = str(tmp_path / "nope.txt")
    elif setup == "empty":
        (tmp_path / "e.txt").write_text("", encoding="utf-8")
        tgt = str(tmp_path / "e.txt")
    elif setup == "wrong-language":
        src = str(EN)
    elif setup == "bad-dict":
        (tmp_path / "d.tsv").write_text("اتفاقية\tconvention\nbroken line\n", encoding="utf-8")
        args = ["--dict", str(tmp_path / "d.tsv")]
    res = runner.invoke(cli, ["align", *args, src, tgt])
    assert res.exit_code == 2, res.output
    assert message in res.stderr
    assert len(res.stderr.strip().splitlines()) == 1


def test_wildly_different_lengths_warn_and_align(runner: CliRunner, tmp_path: Path) -> None:
    short = tmp_path / "short.txt"
    short.write_text(EN.read_text(encoding="utf-8").splitlines()[0] + "\n", encoding="utf-8")
    res = runner.invoke(cli, ["align", "--format", "jsonl", str(ROOT / "corpus/ar/000_58c3c70ad8fced54_deputy-minister-interview.txt"), str(short)])
    assert res.exit_code == 0
    assert "differ widely" in res.stderr
    rows = [json.loads(line) for line in res.stdout.splitlines()]
    assert sum(1 for r in rows if r["tgt"] == []) >= 40


def test_into_the_project_store_survives_builds(runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Pairs aligned into the project's store are recorded in tmx/, so the next build keeps them."""
    copy_sample(tmp_path)
    monkeypatch.chdir(tmp_path)
    (tmp_path / "extra.ar.txt").write_text("وقعت الدول الأعضاء على البروتوكول الإضافي.\nوسيعقد الاجتماع القادم في جنيف.\n",
                                           encoding="utf-8")
    (tmp_path / "extra.en.txt").write_text("Member states signed the additional protocol.\n"
                                           "The next meeting will be held in Geneva.\n", encoding="utf-8")
    assert runner.invoke(cli, ["build"]).exit_code in (0, 3)
    res = runner.invoke(cli, ["align", "--into-tm", "--include-unsure", "extra.ar.txt", "extra.en.txt"])
    assert res.exit_code == 0, res.stderr
    assert "recorded in tmx/aligned-extra.ar.tmx" in res.stderr
    assert runner.invoke(cli, ["build"]).exit_code in (0, 3)
    found = runner.invoke(cli, ["tm", "concordance", "Geneva", "--lang", "en"])
    assert "جنيف" in found.stdout
