"""``wb segment``, ``wb rules`` and the root command through click's CliRunner."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from lxml import etree

from workbench import __version__
from workbench.cli import cli
from workbench.segment.rules import rules_for

ROOT = Path(__file__).resolve().parent.parent
FA = ROOT / "corpus/fa/003_2a7e24ddac758eb5_new-york-commemoration.txt"
AR = ROOT / "corpus/ar/002_74555ccaf6b3bf05_unodc-vienna-briefing.txt"


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


def test_version_and_help(runner: CliRunner) -> None:
    res = runner.invoke(cli, ["--version"])
    assert res.exit_code == 0 and __version__ in res.output
    for args in (["--help"], ["segment", "--help"], ["rules", "--help"], ["rules", "show", "--help"], ["rules", "export", "--help"], ["build", "--help"]):
        res = runner.invoke(cli, args)
        assert res.exit_code == 0, args
        assert "Example" in res.output, args


def test_text_output_leaves_boilerplate_out(runner: CliRunner) -> None:
    res = runner.invoke(cli, ["segment", str(AR)])
    assert res.exit_code == 0, res.output
    lines = res.output.splitlines()
    assert len(lines) == 13
    assert not any(line.startswith(("المصدر", "تعليق", "[إعلان")) for line in lines)


def test_jsonl_keeps_boilerplate_marked(runner: CliRunner) -> None:
    res = runner.invoke(cli, ["segment", "--format", "jsonl", str(FA)])
    assert res.exit_code == 0
    rows = [json.loads(line) for line in res.output.splitlines()]
    assert {"doc", "index", "lang", "start", "end", "line", "kind", "text"} <= set(rows[0])
    assert [r["kind"] for r in rows[-2:]] == ["boilerplate", "boilerplate"]
    assert {r["lang"] for r in rows} == {"fa"}
    text = FA.read_text(encoding="utf-8")
    assert all(text[r["start"] : r["end"]] == r["text"] for r in rows)


def test_tsv_and_kinds_filter(runner: CliRunner) -> None:
    res = runner.invoke(cli, ["segment", "--format", "tsv", "--kinds", "boilerplate", str(AR)])
    assert res.exit_code == 0
    lines = res.output.splitlines()
    assert lines[0].split("\t") == ["doc", "index", "lang", "start", "end", "line", "kind", "text"]
    assert len(lines) == 4 and all("\tboilerplate\t" in line for line in lines[1:])


def test_stdin_with_lang(runner: CliRunner) -> None:
    res = runner.invoke(cli, ["segment", "--lang", "en", "-"], input="Dr. Smith left the U.S. on Monday. He came back!\n")
    assert res.exit_code == 0
    assert res.output.splitlines() == ["Dr. Smith left the U.S. on Monday.", "He came back!"]


def test_language_detected_without_lang(runner: CliRunner) -> None:
    res = runner.invoke(cli, ["segment", "--format", "jsonl", "-"], input="گزارش خبرنگار در تهران. خبر دوم.\n".encode())
    assert res.exit_code == 0
    assert {json.loads(line)["lang"] for line in res.output.splitlines()} == {"fa"}


def test_output_file(runner: CliRunner, tmp_path: Path) -> None:
    out = tmp_path / "segs.txt"
    res = runner.invoke(cli, ["segment", str(AR), "-o", str(out)])
    assert res.exit_code == 0 and res.output == ""
    assert len(out.read_text(encoding="utf-8").splitlines()) == 13


def test_utf16_and_crlf_and_empty(runner: CliRunner, tmp_path: Path) -> None:
    f16 = tmp_path / "u16.txt"
    f16.write_bytes("جملة أولى. جملة ثانية.\r\nسطر آخر.\r\n".encode("utf-16"))
    res = runner.invoke(cli, ["segment", "--format", "jsonl", str(f16)])
    assert res.exit_code == 0
    rows = [json.loads(line) for line in res.output.splitlines()]
    assert [r["text"] for r in rows] == ["جملة أولى.", "جملة ثانية.", "سطر آخر."]
    assert rows[2]["start"] == len("جملة أولى. جملة ثانية.\r\n")
    res = runner.invoke(cli, ["segment", "-"], input=f16.read_bytes())  # UTF-16 on stdin, known by its BOM
    assert res.exit_code == 0 and res.output.splitlines() == ["جملة أولى.", "جملة ثانية.", "سطر آخر."]
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    res = runner.invoke(cli, ["segment", str(empty)])
    assert res.exit_code == 2 and res.output.strip().endswith("empty.txt: empty input")
    res = runner.invoke(cli, ["segment", "-"], input="")
    assert res.exit_code == 2 and res.output.strip().endswith("<stdin>: empty input")


@pytest.mark.parametrize(
    ("make", "args", "message"),
    [
        (None, ["missing.txt"], "no such file"),
        ("dir", [], "directory"),
        ("binary", [], "binary file"),
        ("latin1", [], "invalid UTF-8 at byte offset 9"),
        ("ok", ["--lang", "xx-$$"], "language tag"),
        ("ok", ["--lang", "zz"], "language tag"),
        ("ok", ["--kinds", "nonsense"], "unknown kind"),
    ],
)
def test_bad_input_is_one_line_and_exit_2(runner: CliRunner, tmp_path: Path, make: str | None, args: list[str], message: str) -> None:
    target: list[str] = []
    if make == "dir":
        target = [str(tmp_path)]
    elif make == "binary":
        (tmp_path / "b.bin").write_bytes(b"\x00\x01\x02PK\x03\x04")
        target = [str(tmp_path / "b.bin")]
    elif make == "latin1":
        (tmp_path / "l.txt").write_bytes("abcdef".encode() + "café".encode("latin-1"))
        target = [str(tmp_path / "l.txt")]
    elif make == "ok":
        (tmp_path / "ok.txt").write_text("Fine.\n", encoding="utf-8")
        target = [str(tmp_path / "ok.txt")]
    res = runner.invoke(cli, ["segment", *args, *target])
    assert res.exit_code == 2
    assert message in res.stderr
    assert len(res.stderr.strip().splitlines()) == 1
    assert "Traceback" not in res.stderr


def test_traceback_flag_reraises(runner: CliRunner) -> None:
    res = runner.invoke(cli, ["--traceback", "segment", "missing.txt"])
    assert res.exit_code != 2
    assert res.exception is not None


def test_rules_show_and_export(runner: CliRunner, tmp_path: Path) -> None:
    res = runner.invoke(cli, ["rules", "show", "--lang", "ar"])
    assert res.exit_code == 0
    assert "ماميلوكو" in res.output or "تي" in res.output
    out = tmp_path / "ar-fa.srx"
    res = runner.invoke(cli, ["rules", "export", "--format", "srx", "--lang", "ar,fa", "-o", str(out)])
    assert res.exit_code == 0
    root = etree.parse(str(out)).getroot()
    ns = {"s": "http://www.lisa.org/srx20"}
    assert root.get("version") == "2.0"
    names = [lr.get("languagerulename") for lr in root.iterfind(".//s:languagerule", ns)]
    assert names == ["ar", "fa", "generic"]
    exported = {lr.get("languagerulename"): len(lr.findall("s:rule", ns)) for lr in root.iterfind(".//s:languagerule", ns)}
    for lang in ("ar", "fa"):  # every rule of the language's chain, none left out
        assert exported[lang] == len(rules_for(lang).rules)
    assert exported["generic"] == len(rules_for(None).rules)
    befores = [b.text for b in root.iterfind(".//s:beforebreak", ns)]
    assert any("؟" in (b or "") for b in befores)
    res = runner.invoke(cli, ["rules", "export", "--lang", "zz"])
    assert res.exit_code == 2 and "language tag" in res.stderr


def test_compressed_stdin_reads_as_its_content(runner: CliRunner) -> None:
    import gzip

    res = runner.invoke(cli, ["segment", "--lang", "en", "-"], input=gzip.compress("Hello there. Bye now.\n".encode()))
    assert res.exit_code == 0 and res.output.splitlines() == ["Hello there.", "Bye now."]
    res = runner.invoke(cli, ["segment", "-"], input=gzip.compress(b""))
    assert res.exit_code == 2 and res.output.strip().endswith("<stdin>: empty input")
