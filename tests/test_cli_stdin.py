"""``-`` as stdin for every command input (once per command), named ``<stdin>``; ``-`` as stdout for outputs.

TMX on stdin streams (in this process, or in a forked child that reads the inherited pipe); other
formats are copied to a temporary file first. Formats are known by content: a table needs --from.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from workbench.cli import cli
from workbench.formats.issues import ReadLog
from workbench.formats.tmx import TmxReader
from workbench.tm.engine import open_store
from workbench.tm.transfer import import_file

TESTS = Path(__file__).parent
TM = TESTS / "data" / "tm"
EXCHANGED = TESTS / "data" / "exchanged"
GLOSSARY = TESTS / "data" / "glossary"
CORPUS = TESTS.parent / "corpus"
WB = Path(sys.executable).with_name("wb")


def wb(*args: str | Path, data: bytes = b"") -> tuple[int, str, str]:
    res = CliRunner().invoke(cli, [str(a) for a in args], input=data, catch_exceptions=False)
    return res.exit_code, res.stdout, res.stderr


def one_line_error(code: int, err: str) -> str:
    """The one line of an input or usage error (exit 2), without a traceback or a temporary file's name."""
    assert code == 2, err
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("wb: error: "), err
    assert "Traceback" not in err and "wb-stdin-" not in err
    return lines[0]


def stats(store: Path) -> dict[str, object]:
    code, out, err = wb("tm", "stats", "--store", store, "--format", "json")
    assert code == 0, err
    result: dict[str, object] = json.loads(out)
    return result


@pytest.fixture(autouse=True)
def private_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """Temporary files (stdin's copies) in a folder of the test's, which holds none after each command."""
    folder = tmp_path / "tmp"
    folder.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(folder))
    yield folder
    assert not [p for p in folder.iterdir() if p.name.startswith("wb-stdin-")]


@pytest.fixture(scope="module")
def big_tmx(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A TMX of about 2 MB (more than the 1 MB a pipe is probed for): the units of
    data/tm/spec_full.tmx, again and again, each time with new tuids."""
    text = (TM / "spec_full.tmx").read_text(encoding="utf-8")
    head, rest = text.split("<body>", 1)
    body, tail = rest.rsplit("</body>", 1)
    parts = [head, "<body>"]
    size, n = 0, 0
    while size < 2_000_000:
        n += 1
        copy = body.replace('tuid="', f'tuid="{n}-')
        parts.append(copy)
        size += len(copy.encode("utf-8"))
    parts += ["</body>", tail]
    path = tmp_path_factory.mktemp("big") / "big.tmx"
    path.write_text("".join(parts), encoding="utf-8")
    return path


def tus_of(path: Path) -> int:
    with TmxReader(path) as reader:
        return sum(1 for _ in reader)


# --- wb tm import -------------------------------------------------------------------------------------------

def test_tm_import_tmx_from_stdin_is_the_file_named_stdin(tmp_path: Path) -> None:
    code, out, err = wb("tm", "import", "-", "--store", tmp_path / "a.sqlite", data=(TM / "spec_full.tmx").read_bytes())
    assert code == 0, err
    assert out.startswith("<stdin>: ")
    assert wb("tm", "import", TM / "spec_full.tmx", "--store", tmp_path / "b.sqlite")[0] == 0
    piped, filed = stats(tmp_path / "a.sqlite"), stats(tmp_path / "b.sqlite")
    assert [i["name"] for i in piped["imports"]] == ["<stdin>"]  # type: ignore[index]
    assert (piped["tus"], piped["tuvs"], piped["languages"]) == (filed["tus"], filed["tuvs"], filed["languages"])
    exports = [wb("tm", "export", "--store", tmp_path / f"{s}.sqlite")[1] for s in "ab"]
    body = [e.split("<body>", 1)[1] for e in exports]
    assert body[0] == body[1]


def test_tm_import_report_names_stdin_in_issues(tmp_path: Path) -> None:
    code, out, _ = wb("tm", "import", "-", "--store", tmp_path / "s.sqlite", "--format", "json",
                      data=(TM / "repairs.tmx").read_bytes())
    assert code == 0
    report = json.loads(out)[0]
    assert report["path"] == "<stdin>" and report["read"] == 5
    assert report["issues"] and all(i["path"] == "<stdin>" for i in report["issues"])


def test_tm_import_table_from_stdin_needs_from(tmp_path: Path) -> None:
    store = tmp_path / "s.sqlite"
    data = (EXCHANGED / "units.tsv").read_bytes()
    line = one_line_error(*wb("tm", "import", "-", "--store", store, data=data)[::2])
    assert "<stdin>: cannot tell the format from the content" in line and "--from" in line
    assert not store.exists() or stats(store)["tus"] == 0
    code, out, err = wb("tm", "import", "-", "--store", store, "--from", "tsv", data=data)
    assert code == 0, err
    assert "<stdin>: 4 read, 3 stored" in out and "<stdin>:1: info: first row" in out


def test_tm_import_po_and_xliff_from_stdin(tmp_path: Path) -> None:
    store = tmp_path / "s.sqlite"
    code, out, err = wb("tm", "import", "-", "--store", store, "--src-lang", "ar", "--tgt-lang", "en",
                        data=(EXCHANGED / "units.po").read_bytes())
    assert code == 0, err
    assert out.startswith("<stdin>: ") and " stored" in out
    # a reader's error about the copy names <stdin>, not the temporary file
    line = one_line_error(*wb("tm", "import", "-", "--store", store, data=(EXCHANGED / "units.po").read_bytes())[::2])
    assert line.startswith("wb: error: <stdin>: ") and "--src-lang" in line
    code, out, err = wb("tm", "import", "-", "--store", store, "--src-lang", "ar", "--tgt-lang", "en",
                        data=(EXCHANGED / "units-12.xlf").read_bytes())
    assert code == 0, err
    assert out.startswith("<stdin>: ")


@pytest.mark.parametrize("name", ["malformed.tmx", "truncated.tmx", "billion_laughs.tmx", "not_tmx.xml"])
def test_tm_import_bad_tmx_on_stdin_is_one_line_and_changes_nothing(tmp_path: Path, name: str) -> None:
    store = tmp_path / "s.sqlite"
    assert wb("tm", "import", TM / "tmx11.tmx", "--store", store)[0] == 0
    before = stats(store)
    line = one_line_error(*wb("tm", "import", "-", "--store", store, data=(TM / name).read_bytes())[::2])
    assert line.startswith("wb: error: <stdin>")
    assert stats(store) == before


def test_tm_import_empty_stdin(tmp_path: Path) -> None:
    line = one_line_error(*wb("tm", "import", "-", "--store", tmp_path / "s.sqlite", data=b"")[::2])
    assert line == "wb: error: <stdin>: empty input"


def test_stdin_twice_is_a_usage_error(tmp_path: Path) -> None:
    data = (TM / "tmx11.tmx").read_bytes()
    for args in (("tm", "import", "-", "-", "--store", tmp_path / "s.sqlite"),
                 ("glossary", "scan", "-", "-g", "-"),
                 ("align", "-", "-"),
                 ("check", "-", "-g", "-")):
        line = one_line_error(*wb(*args, data=data)[::2])
        assert "- (stdin) can be read once" in line, args
    assert not (tmp_path / "s.sqlite").exists()


def test_tm_import_stdin_into_the_projects_store_is_refused(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(project)
    recorded = sorted(p.name for p in (project / "tmx").iterdir())
    line = one_line_error(*wb("tm", "import", "-", data=(TM / "tmx11.tmx").read_bytes())[::2])
    assert "cannot be recorded in the project's tmx/" in line and "--store" in line
    assert sorted(p.name for p in (project / "tmx").iterdir()) == recorded
    code, out, err = wb("tm", "import", "-", "--store", project / "other.sqlite", data=(TM / "tmx11.tmx").read_bytes())
    assert code == 0 and out.startswith("<stdin>: 2 read"), err


def test_tm_import_progress_of_a_stream_of_unknown_size_is_in_mb(tmp_path: Path, big_tmx: Path,
                                                                shown: dict[str, list[tuple[int, int, str]]]) -> None:
    code, out, err = wb("tm", "import", "-", "--store", tmp_path / "s.sqlite", "--no-index", data=big_tmx.read_bytes())
    assert code == 0, err
    bars = shown["importing <stdin>"]
    assert bars and all(total == 0 and "/" not in words and words.endswith(" TUs") for _, total, words in bars)
    assert bars[-1][0] > 1_000_000 and " MB, " in bars[-1][2]
    assert f"{tus_of(big_tmx)} read" in out


def test_tm_import_through_a_real_pipe(tmp_path: Path, big_tmx: Path) -> None:
    """cat FILE | wb tm import -: a pipe past its first MB is parsed by a forked child reading the inherited stdin."""
    store = tmp_path / "s.sqlite"
    cat = subprocess.Popen(["cat", str(big_tmx)], stdout=subprocess.PIPE)
    done = subprocess.run([str(WB), "tm", "import", "-", "--store", str(store)], stdin=cat.stdout,
                          capture_output=True, text=True, check=False, env={**os.environ, "TMPDIR": str(tmp_path)})
    assert cat.stdout is not None
    cat.stdout.close()
    assert cat.wait() == 0
    assert done.returncode == 0, done.stderr
    n = tus_of(big_tmx)
    assert done.stdout.startswith(f"<stdin>: {n} read, ")
    assert stats(store)["imports"][0]["name"] == "<stdin>"  # type: ignore[index]
    # a truncated stream through the same path: one line, the store as it was
    before = stats(store)
    cut = tmp_path / "cut.tmx"
    cut.write_bytes(big_tmx.read_bytes()[:1_500_000])
    with cut.open("rb") as fh:
        cat = subprocess.Popen(["cat"], stdin=fh, stdout=subprocess.PIPE)
        bad = subprocess.run([str(WB), "tm", "import", "-", "--store", str(store)], stdin=cat.stdout,
                             capture_output=True, text=True, check=False)
        assert cat.stdout is not None
        cat.stdout.close()
        cat.wait()
    one_line_error(bad.returncode, bad.stderr)
    assert bad.stderr.startswith("wb: error: <stdin>:") and "malformed XML" in bad.stderr
    assert stats(store) == before


@pytest.mark.parametrize("parallel", [False, True])
def test_import_of_a_pipe_reads_it_in_this_process_or_a_child(tmp_path: Path, big_tmx: Path, parallel: bool) -> None:
    cat = subprocess.Popen(["cat", str(big_tmx)], stdout=subprocess.PIPE)
    assert cat.stdout is not None
    with open_store(tmp_path / "s.sqlite") as store, store.transaction():
        report = import_file(store, cat.stdout, parallel=parallel)
    cat.stdout.close()
    cat.wait()
    assert (report.path, report.read) == ("<stdin>", tus_of(big_tmx))


# --- the header srclang warning in the import report ---------------------------------------------------------

def test_tm_import_report_shows_the_header_srclang_warning_once(tmp_path: Path) -> None:
    code, out, err = wb("tm", "import", "-", "--store", tmp_path / "s.sqlite", data=(TM / "srclang_unmatched.tmx").read_bytes())
    assert code == 0, err
    assert "      1 warning: srclang-not-in-tu" in out
    assert out.count("header srclang 'en' matches no variant of 2 TU(s)") == 1
    assert "<stdin>:11 (tuid ar-fr): warning: " in out
    line = one_line_error(*wb("tm", "import", TM / "srclang_unmatched.tmx", "--store", tmp_path / "t.sqlite",
                              "--strict")[::2])
    assert "matches no variant of 2 TU(s)" in line
    assert not (tmp_path / "t.sqlite").exists() or stats(tmp_path / "t.sqlite")["tus"] == 0


# --- wb convert ---------------------------------------------------------------------------------------------

def test_convert_stdin_to_stdout(tmp_path: Path) -> None:
    code, out, err = wb("convert", "-", "-", "--to", "xliff", data=(TM / "spec_full.tmx").read_bytes())
    assert code == 0, err
    assert out.startswith("<?xml") and "urn:oasis:names:tc:xliff:document:1.2" in out
    assert err.startswith("<stdin>: ") and "stored" in err  # the report, off the data's way
    code, out, err = wb("convert", "-", tmp_path / "out.tmx", data=(EXCHANGED / "units-12.xlf").read_bytes())
    assert code == 0, err
    assert out.startswith("<stdin>: ") and tus_of(tmp_path / "out.tmx") > 0
    code, out, err = wb("convert", "-", "-", "--to", "csv", data=(GLOSSARY / "basic-v3.tbx").read_bytes())
    assert code == 0 and out.startswith("concept,lang,term") and "written to stdout" in err


def test_convert_bad_stdin_is_one_line_and_no_output(tmp_path: Path) -> None:
    target = tmp_path / "out.xlf"
    line = one_line_error(*wb("convert", "-", target, data=(TM / "malformed.tmx").read_bytes())[::2])
    assert line.startswith("wb: error: <stdin>:") and not target.exists()
    line = one_line_error(*wb("convert", "-", target, data=(EXCHANGED / "units.tsv").read_bytes())[::2])
    assert "<stdin>" in line and "--from" in line
    code, out, err = wb("convert", "-", "-", "--from", "tsv", "--to", "tmx", data=(EXCHANGED / "units.tsv").read_bytes())
    assert code == 0 and out.startswith("<?xml"), err
    line = one_line_error(*wb("convert", TM / "tmx11.tmx", "-")[::2])
    assert "--to" in line and not Path("-").exists()


# --- wb check, wb glossary -------------------------------------------------------------------------------------

def test_check_pairs_from_stdin_name_stdin() -> None:
    po = ("--lang", "ar", "--target-lang", "en", "--format", "json", "--no-baseline")
    filed = json.loads(wb("check", EXCHANGED / "units.po", *po, "-g", EXCHANGED / "glossary.csv")[1])
    code, out, err = wb("check", "-", *po, "-g", EXCHANGED / "glossary.csv", data=(EXCHANGED / "units.po").read_bytes())
    assert code in (0, 3), err
    piped = json.loads(out)
    assert [f["check"] for f in piped["findings"]] == [f["check"] for f in filed["findings"]]
    assert piped["findings"] and all(f["doc"].startswith("<stdin>") for f in piped["findings"])
    # the glossary from stdin instead
    code, out, err = wb("check", EXCHANGED / "units.po", *po, "-g", "-", data=(EXCHANGED / "glossary.csv").read_bytes())
    assert code in (0, 3), err
    assert [f["check"] for f in json.loads(out)["findings"]] == [f["check"] for f in filed["findings"]]


def test_glossary_validate_and_import_from_stdin(tmp_path: Path) -> None:
    code, out, err = wb("glossary", "validate", "-", "--format", "jsonl", data=(GLOSSARY / "problems.csv").read_bytes())
    assert code == 3
    problems = [json.loads(line) for line in out.splitlines()]
    assert problems and all(p["path"] == "<stdin>" for p in problems)
    line = one_line_error(*wb("glossary", "validate", "-", data=(GLOSSARY / "malformed.tbx").read_bytes())[::2])
    assert line.startswith("wb: error: <stdin>:")
    line = one_line_error(*wb("glossary", "import", "-", data=(GLOSSARY / "basic-v2.tbx").read_bytes())[::2])
    assert "give -o" in line
    code, out, err = wb("glossary", "import", "-", "-o", "-", data=(GLOSSARY / "basic-v2.tbx").read_bytes())
    assert code == 0 and out.startswith("<?xml") and "<tbx" in out and "written to stdout" in err
    assert not Path("-").exists()
    code, _, err = wb("glossary", "import", "-", "-o", tmp_path / "g.tbx", data=(GLOSSARY / "basic-v2.tbx").read_bytes())
    assert code == 0, err
    assert (tmp_path / "g.tbx").is_file() and (tmp_path / "g.csv").is_file()
    code, out, _ = wb("glossary", "lookup", "UNODC", "-g", "-", data=(GLOSSARY / "basic-v3.tbx").read_bytes())
    assert code == 0 and "c-unodc" in out
    line = one_line_error(*wb("glossary", "add", "--concept", "x", "--lang", "en", "--term", "x", "-g", "-")[::2])
    assert "not -" in line


def test_glossary_scan_names_stdin() -> None:
    code, out, _ = wb("glossary", "scan", "-", "-g", GLOSSARY / "basic-v3.tbx", "--format", "jsonl",
                      data=b"UNODC held a session.\n")
    assert code == 0
    assert [json.loads(line)["file"] for line in out.splitlines()] == ["<stdin>"]


# --- documents: segment, align, score, translate, tm analyze -------------------------------------------------------

def doc(lang: str) -> Path:
    return next(iter(sorted((CORPUS / lang).glob("002_*.txt"))))


def test_segment_names_stdin() -> None:
    code, out, _ = wb("segment", "-", "--format", "jsonl", data=doc("en").read_bytes())
    assert code == 0 and out
    assert {json.loads(line)["doc"] for line in out.splitlines()} == {"<stdin>"}


def test_align_either_side_from_stdin_is_the_file() -> None:
    args = ("--format", "jsonl", "--no-seed")
    filed = wb("align", doc("ar"), doc("en"), *args)[1]
    assert filed
    assert wb("align", "-", doc("en"), *args, data=doc("ar").read_bytes())[1] == filed
    assert wb("align", doc("ar"), "-", *args, data=doc("en").read_bytes())[1] == filed


def test_score_translate_analyze_from_stdin(tmp_path: Path) -> None:
    code, out, _ = wb("score", "-", doc("en"), "--metrics", "bleu", "--format", "tsv", data=doc("en").read_bytes())
    assert code == 0 and "\t100.00" in out
    store = tmp_path / "s.sqlite"
    assert wb("align", doc("ar"), doc("en"), "--into-tm", "--store", store, "--format", "tsv")[0] == 0
    line = one_line_error(*wb("translate", "-", "--to", "en", "--store", store, data=doc("ar").read_bytes())[::2])
    assert "give -o" in line
    code, out, err = wb("translate", "-", "--to", "en", "--store", store, "-o", "-", data=doc("ar").read_bytes())
    assert code == 0, err
    assert out.startswith("<?xml") and 'original="&lt;stdin&gt;"' in out and "-> stdout" in err
    code, out, err = wb("tm", "analyze", "-", "--store", store, "--src", "ar", "--format", "json",
                        data=doc("ar").read_bytes())
    assert code == 0, err
    assert json.loads(out)[0]["document"] == "<stdin>"
    assert json.loads(out)[0]["bands"]["100%"]["segments"] > 0


def test_align_pairs_of_stdin_are_not_recorded_in_the_project(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(project)
    recorded = sorted(p.name for p in (project / "tmx").iterdir())
    line = one_line_error(*wb("align", "-", doc("en"), "--into-tm", "--src-lang", "ar",
                              data=doc("ar").read_bytes())[::2])
    assert "cannot be recorded" in line
    assert sorted(p.name for p in (project / "tmx").iterdir()) == recorded


def test_readlog_names_stdin_for_a_stream() -> None:
    with (TM / "tmx11.tmx").open("rb") as fh:
        from workbench.fileio import Peeked

        log = ReadLog("<stdin>")
        with TmxReader(Peeked(fh), log) as reader:
            assert reader.name == "<stdin>" and len(list(reader)) == 2


def test_tm_import_moses_pair_with_one_side_from_stdin(tmp_path: Path) -> None:
    store = tmp_path / "s.sqlite"
    code, out, err = wb("tm", "import", EXCHANGED / "pairs.ar", "-", "--from", "moses", "--src-lang", "ar",
                        "--tgt-lang", "en", "--store", store, "--format", "json", data=(EXCHANGED / "pairs.en").read_bytes())
    assert code == 0, err
    assert json.loads(out)[0]["path"] == f"{EXCHANGED / 'pairs.ar'}+<stdin>"
    assert [i["name"] for i in stats(store)["imports"]] == [f"{EXCHANGED / 'pairs.ar'}+<stdin>"]  # type: ignore[index]
