"""Bead indices are the input's own: line numbers with --presegmented, the
segment numbers ``wb segment`` gives without; boilerplate left out of the
alignment is a bead of its own, marked with its kind, and stays out of TMX."""
from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from lxml import etree

from workbench.align import align_documents
from workbench.cli import cli
from workbench.segment import segment_file

PAIRS = [
    ("وقعت 72 دولة على اتفاقية هانوي في 25 أكتوبر 2025.",
     "72 countries signed the Hanoi Convention on 25 October 2025."),
    ("وقال الوزير إن الاتفاقية ستدخل حيز النفاذ بعد 90 يوما.",
     "The minister said the Convention would enter into force after 90 days."),
    ("وشارك في الحفل أكثر من 100 وفد من جميع أنحاء العالم.",
     "More than 100 delegations from around the world attended the ceremony."),
    ("وأكد الأمين العام أن التعاون الدولي ضروري لمكافحة الجريمة الإلكترونية.",
     "The Secretary-General stressed that international cooperation is essential to fight cybercrime."),
    ("وستعقد الدورة الأولى لمؤتمر الدول الأطراف في عام 2027.",
     "The first session of the Conference of the States Parties will be held in 2027."),
]
BOILERPLATE = {"src": ["المصدر: https://example.org/news/42", "تعليق (3)"], "tgt": ["Source: https://example.org/news/42", "Comments (3)"]}
AT = {"start": 0, "middle": 2, "end": len(PAIRS)}
ARGS = ["--src-lang", "ar", "--tgt-lang", "en"]


def _write(path: Path, lines: list[str]) -> str:
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return str(path)


def _lines(side: str, where: str | None) -> list[str]:
    """One side of the test document, a boilerplate line at ``where``, and
    on the source side a blank line after the second sentence."""
    lines = [p[0 if side == "src" else 1] for p in PAIRS]
    if where is not None:
        lines.insert(AT[where], BOILERPLATE[side][0])
    if side == "src":
        lines.insert(lines.index(PAIRS[1][0]) + 1, "")
    return lines


def _jsonl(runner: CliRunner, *args: str) -> list[dict[str, Any]]:
    res = runner.invoke(cli, ["align", "--format", "jsonl", *ARGS, *args])
    assert res.exit_code == 0, res.stderr
    return [json.loads(line) for line in res.stdout.splitlines()]


def _covers(rows: list[dict[str, Any]], side: str, texts: dict[int, str]) -> None:
    """Every line (segment) once, in order, each row's text the input's at its indices."""
    assert [i for r in rows for i in r[side]] == sorted(texts)
    for r in rows:
        assert r[f"{side}_text"] == " ".join(texts[i] for i in r[side])


@pytest.mark.parametrize("where", list(AT))
@pytest.mark.parametrize("side", ["src", "tgt"])
def test_presegmented_indices_are_line_numbers(tmp_path: Path, side: str, where: str) -> None:
    src = _lines("src", where if side == "src" else None)
    tgt = _lines("tgt", where if side == "tgt" else None)
    rows = _jsonl(CliRunner(), "--presegmented", _write(tmp_path / "s.txt", src), _write(tmp_path / "t.txt", tgt))
    _covers(rows, "src", {n: t for n, t in enumerate(src) if t})
    _covers(rows, "tgt", dict(enumerate(tgt)))
    left = [r for r in rows if r["kind"] == "boilerplate"]
    lines = src if side == "src" else tgt
    assert [(r["src"], r["tgt"], r["unsure"]) for r in left] == [
        ([lines.index(BOILERPLATE[side][0])], [], False) if side == "src" else ([], [lines.index(BOILERPLATE[side][0])], False)]
    pairs = {(r["src"][0], r["tgt"][0]) for r in rows if r["kind"] == "sentence"}
    assert pairs == {(src.index(a), tgt.index(b)) for a, b in PAIRS}


def test_every_format_gives_the_same_indices(tmp_path: Path) -> None:
    src = _lines("src", "start")
    tgt = _lines("tgt", "end")
    tgt.insert(3, BOILERPLATE["tgt"][1])
    s, t = _write(tmp_path / "s.txt", src), _write(tmp_path / "t.txt", tgt)
    runner = CliRunner()
    want = [(r["src"], r["tgt"], r["kind"]) for r in _jsonl(runner, "--presegmented", s, t)]
    assert [w for w in want if w[2] == "boilerplate"] == [([0], [], "boilerplate"), ([], [3], "boilerplate"),
                                                          ([], [6], "boilerplate")]

    def ix(cell: str) -> list[int]:
        return [] if cell.lstrip("'") == "-" else [int(x) for x in cell.split(",")]

    tsv = runner.invoke(cli, ["align", "--format", "tsv", "--presegmented", *ARGS, s, t]).stdout.splitlines()
    assert tsv[0].split("\t")[:6] == ["src", "tgt", "score", "type", "unsure", "kind"]
    assert [(ix(c[0]), ix(c[1]), c[5]) for c in (line.split("\t") for line in tsv[1:])] == want
    text = runner.invoke(cli, ["align", "--format", "text", "--presegmented", *ARGS, s, t]).stdout
    heads = re.findall(r"^(\S+) -> (\S+)  \d-\d  (?:score [\d.]+|(\w+), left out)", text, re.MULTILINE)
    assert [(ix(a), ix(b), k or "sentence") for a, b, k in heads] == want


def test_boilerplate_stays_out_of_the_memory(tmp_path: Path) -> None:
    s = _write(tmp_path / "s.txt", _lines("src", "middle"))
    t = _write(tmp_path / "t.txt", _lines("tgt", "start"))
    out = tmp_path / "a.tmx"
    res = CliRunner().invoke(cli, ["align", "--format", "tmx", "--presegmented", "--include-unsure", *ARGS, "-o", str(out), s, t])
    assert res.exit_code == 0, res.stderr
    assert "2 segments left out" in res.stderr
    segs = [seg.text for seg in etree.parse(str(out)).getroot().iter("seg")]
    assert len(segs) == 2 * len(PAIRS) and not any("example.org" in x for x in segs)


def test_segmented_indices_are_wb_segment_numbers(tmp_path: Path) -> None:
    """Without --presegmented, boilerplate lines at the start, in the middle
    and at the end of articles of paragraphs."""
    (a1, e1), (a2, e2), (a3, e3), (a4, e4), (a5, e5) = PAIRS
    src = _write(tmp_path / "s.txt", [BOILERPLATE["src"][0], f"{a1} {a2}", BOILERPLATE["src"][1], f"{a3} {a4}", a5])
    tgt = _write(tmp_path / "t.txt", [f"{e1} {e2}", e3, BOILERPLATE["tgt"][1], f"{e4} {e5}", BOILERPLATE["tgt"][0]])
    rows = _jsonl(CliRunner(), src, tgt)
    s_segs, t_segs = segment_file(src, "ar")[1], segment_file(tgt, "en")[1]
    _covers(rows, "src", {s.index: s.text for s in s_segs})
    _covers(rows, "tgt", {t.index: t.text for t in t_segs})
    assert [(r["src"], r["tgt"]) for r in rows if r["kind"] == "boilerplate"] == [([0], []), ([3], []), ([], [3]), ([], [6])]
    assert [(r["src"], r["tgt"]) for r in rows if r["kind"] == "sentence"] == [([1], [0]), ([2], [1]), ([4], [2]), ([5], [4]), ([6], [5])]


def test_the_library_result_says_what_was_left_out(tmp_path: Path) -> None:
    src = _write(tmp_path / "s.txt", _lines("src", "end"))
    tgt = _write(tmp_path / "t.txt", _lines("tgt", None))
    result = align_documents(src, tgt, "ar", "en", presegmented=True)
    assert len(result.beads) == len(PAIRS)  # the aligned beads only
    every = result.in_order()
    last = every[-1]
    assert (last.src, last.tgt) == ((6,), ()) and result.left_out(last) and not result.unsure(last)
    assert result.texts(last) == (BOILERPLATE["src"][0], "")
    assert [b for b in every if not result.left_out(b)] == list(result.beads)
