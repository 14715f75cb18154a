"""``wb score`` through CliRunner: sacrebleu per document and corpus, signatures, warnings."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

from check_util import ROOT
from click.testing import CliRunner

from workbench.cli import cli
from workbench.score import score, tokenization_warnings, tokenizer_for

EN = ROOT / "corpus" / "en"
DOC = "002_74555ccaf6b3bf05_unodc-vienna-briefing.txt"


def wb(*args: str) -> object:
    return CliRunner().invoke(cli, list(args))


def test_help_has_an_example() -> None:
    res = wb("score", "--help")
    assert res.exit_code == 0 and "Example" in res.output


def test_identical_files_score_100_with_signatures() -> None:
    res = wb("score", str(EN / DOC), str(EN / DOC))
    assert res.exit_code == 0 and res.stderr == ""
    assert "100.00" in res.stdout and "nrefs:1|case:mixed|eff:no|tok:13a" in res.stdout and "version:" in res.stdout


def test_folders_per_document_and_corpus(tmp_path: Path) -> None:
    hyp = tmp_path / "hyp"
    shutil.copytree(EN, hyp)
    doc = hyp / DOC
    doc.write_text(doc.read_text(encoding="utf-8").replace("Convention", "Treaty"), encoding="utf-8")
    res = wb("score", str(hyp), str(EN), "--format", "json", "--metrics", "bleu,chrf")
    assert res.exit_code == 0, res.output
    data = json.loads(res.stdout)
    scores = {d["name"]: d["bleu"] for d in data["documents"]}
    assert scores[DOC] < 100 and sum(v == 100 for v in scores.values()) == 4
    assert 0 < data["corpus"]["bleu"] < 100 and set(data["signatures"]) == {"bleu", "chrf"}


def test_arabic_target_uses_intl_tokenizer(tmp_path: Path) -> None:
    ref = tmp_path / "ref.ar"
    hyp = tmp_path / "hyp.ar"
    ref.write_text("قال السفير فو لي ثاي هوانغ إن هذا الحدث يعزز التعاون العالمي، وخاصة في منطقة آسيا.\n", encoding="utf-8")
    hyp.write_text("قال السفير فو لي ثاي هوانغ إن هذا الحدث يعزز التعاون الدولي، وخاصة في منطقة آسيا.\n", encoding="utf-8")
    assert tokenizer_for("ar") == tokenizer_for("fa") == "intl" and tokenizer_for("en") == "13a"
    report = score(hyp, [ref], ["bleu"])
    assert report.lang == "ar" and "tok:intl" in report.signatures["bleu"] and 0 < report.corpus.scores["bleu"] < 100


def test_warns_on_tokenized_or_segmented_text(tmp_path: Path) -> None:
    assert tokenization_warnings(["و+ قال ال+ سفير إن الحدث مهم ."], "x")
    assert tokenization_warnings(["the Con@@ vention was adopted"], "x")
    assert tokenization_warnings(["The Convention was adopted ( in 2024 ) ."], "x")
    assert tokenization_warnings(["The Convention was adopted (in 2024)."], "x") == []
    hyp = tmp_path / "hyp.txt"
    hyp.write_text("The United Nations Convention against Cybercrime was adopted unanimously .\n", encoding="utf-8")
    ref = tmp_path / "ref.txt"
    ref.write_text("The United Nations Convention against Cybercrime was adopted unanimously.\n", encoding="utf-8")
    res = wb("score", str(hyp), str(ref))
    assert res.exit_code == 0 and "looks tokenized" in res.stderr and "hypothesis" in res.stderr


def test_bad_input(tmp_path: Path) -> None:
    res = wb("score", str(tmp_path / "missing.txt"), str(EN / DOC))
    assert res.exit_code == 2 and res.stderr.count("\n") == 1 and "no such file" in res.stderr
    short = tmp_path / "short.txt"
    short.write_text("One line.\n", encoding="utf-8")
    res = wb("score", str(short), str(EN / DOC))
    assert res.exit_code == 2 and "reference lines" in res.stderr
    res = wb("score", str(EN / DOC), str(EN / DOC), "--metrics", "meteor")
    assert res.exit_code == 2 and "unknown metric" in res.stderr


def test_an_empty_hypothesis_is_named_once(tmp_path: Path) -> None:
    """A file is named once; a folder's document after the folder."""
    (tmp_path / "hyp").mkdir()
    (tmp_path / "ref").mkdir()
    empty = tmp_path / "hyp" / DOC
    empty.write_text("", encoding="utf-8")
    shutil.copy(EN / DOC, tmp_path / "ref" / DOC)
    res = wb("score", str(empty), str(EN / DOC))
    assert res.exit_code == 2 and res.stderr == f"wb: error: {empty}: empty hypothesis\n"
    res = wb("score", str(tmp_path / "hyp"), str(tmp_path / "ref"))
    assert res.exit_code == 2 and f"{tmp_path / 'hyp'}: {DOC}: empty hypothesis" in res.stderr
