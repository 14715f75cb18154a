"""``-`` as stdin for every command input (once per command), named ``<stdin>``; ``-`` as stdout for outputs.

TMX on stdin streams (in this process, or in a forked child that reads the inherited pipe); other
formats are copied to a temporary file first. Formats are known by content: a table needs --from.
"""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import tempfile
import time
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


# --- hostile and careless stdin: closed, unreadable, endless, killed, UTF-16, half outputs --------------------------

def run_wb(args: list[str | Path], tmp: Path, redirect: str = "", **kwargs: object) -> subprocess.CompletedProcess[str]:
    """``wb ARGS`` in a shell with stdin redirected by ``redirect`` (``<&-``: closed), temporary files in ``tmp``."""
    return subprocess.run(["bash", "-c", f'"$@" {redirect}', "_", str(WB), *map(str, args)], capture_output=True,
                          text=True, check=False, env={**os.environ, "TMPDIR": str(tmp)}, timeout=120, **kwargs)  # type: ignore[call-overload, no-any-return]


def no_copies_left(tmp: Path) -> bool:
    return not [p for p in tmp.iterdir() if p.name.startswith("wb-stdin-")]


READERS = [["tm", "import", "-", "--store", "s.sqlite"], ["tm", "import", "-", "--from", "tsv", "--store", "s.sqlite"],
           ["convert", "-", "out.tmx"], ["segment", "-"], ["glossary", "validate", "-"], ["check", "-", "--no-baseline"]]


@pytest.mark.parametrize("redirect", ["<&-", "0>not-for-reading"])
def test_closed_or_write_only_stdin_is_one_line(tmp_path: Path, redirect: str) -> None:
    for args in READERS:
        done = run_wb(args, tmp_path, redirect, cwd=tmp_path)
        line = one_line_error(done.returncode, done.stderr)
        assert line.startswith("wb: error: <stdin>: ") and ("closed" in line or "cannot read" in line), args
        assert not (tmp_path / "out.tmx").exists()


def test_endless_binary_stdin_is_refused_before_it_is_copied(tmp_path: Path) -> None:
    """/dev/zero: refused by its first bytes (it was copied to a temporary file until the disk was full)."""
    for args in READERS:
        done = run_wb(args, tmp_path, "</dev/zero", cwd=tmp_path)
        assert one_line_error(done.returncode, done.stderr) == "wb: error: <stdin>: binary file (NUL bytes), not text", args
        assert no_copies_left(tmp_path) and not (tmp_path / "out.tmx").exists()


def test_binary_stdin_is_no_copy() -> None:
    line = one_line_error(*wb("convert", "-", "-", "--to", "csv", "--from", "tbx", data=b"GIF89a\0\0\x01" * 100)[::2])
    assert line == "wb: error: <stdin>: binary file (NUL bytes), not text"


def test_sigterm_removes_the_copy_of_stdin_and_leaves_the_store(tmp_path: Path, big_tmx: Path) -> None:
    """A command killed with SIGTERM while it reads stdin cleans up as an error does: no copy of stdin
    left, no output file, the store as it was."""
    store = tmp_path / "s.sqlite"
    assert wb("tm", "import", TM / "tmx11.tmx", "--store", store)[0] == 0
    before = stats(store)
    env = {**os.environ, "TMPDIR": str(tmp_path)}
    data = big_tmx.read_bytes()[:1_500_000]
    for args in (["convert", "-", tmp_path / "out.xlf"], ["tm", "import", "-", "--store", store, "--no-index"]):
        proc = subprocess.Popen([str(WB), *map(str, args)], stdin=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
        assert proc.stdin is not None
        proc.stdin.write(data)  # done once the command has read most of it: it runs, its handler is set
        proc.stdin.flush()  # and left open: the command waits for the rest
        for _ in range(600):
            if "convert" not in args or not no_copies_left(tmp_path):
                break  # the copy of stdin is being made
            time.sleep(0.05)
        proc.terminate()
        _, err = proc.communicate(timeout=60)
        proc.stdin.close()
        assert proc.returncode == 128 + signal.SIGTERM and b"Traceback" not in err, err
        assert no_copies_left(tmp_path) and not (tmp_path / "out.xlf").exists()
    assert stats(store) == before


def test_utf16_xml_without_a_bom_on_stdin_is_told_by_its_bytes(tmp_path: Path) -> None:
    for name in ("utf16le-nobom.tmx", "utf16be-nobom.tmx"):
        code, out, err = wb("tm", "import", "-", "--store", tmp_path / "s.sqlite", data=(TM / "dialects" / name).read_bytes())
        assert code == 0 and out.startswith("<stdin>: 1 read, "), err


def test_convert_to_stdout_writes_all_or_nothing(big_tmx: Path) -> None:
    """A conversion stopped by a truncated input leaves nothing on stdout (it left 1 MB of a TMX cut short)."""
    data = big_tmx.read_bytes()
    code, out, err = wb("convert", "-", "-", "--to", "tmx", data=data[:1_000_000])
    assert one_line_error(code, err).startswith("wb: error: <stdin>:") and out == ""
    code, out, err = wb("convert", "-", "-", "--to", "tmx", data=data)
    assert code == 0 and out.rstrip().endswith("</tmx>"), err


@pytest.mark.parametrize("args", [["convert", "{big}", "-", "--to", "tmx"], ["convert", "-", "-", "--to", "tsv"],
                                  ["segment", "-"], ["tm", "export", "--store", "{store}"]])
def test_a_reader_that_goes_away_is_no_traceback(tmp_path: Path, big_tmx: Path, args: list[str]) -> None:
    """wb ... | head -1: the pipe closes under the command, which stops without a word."""
    store = tmp_path / "s.sqlite"
    if "{store}" in args:
        assert wb("tm", "import", big_tmx, "--store", store, "--no-index")[0] == 0
    argv = [a.format(big=big_tmx, store=store) for a in args]
    source = big_tmx if "-" in argv[:2] and "convert" in argv else doc("en")
    with source.open("rb") as fh:
        proc = subprocess.Popen([str(WB), *argv], stdin=fh, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        assert proc.stdout is not None and proc.stdout.readline()
        proc.stdout.close()
        _, err = proc.communicate(timeout=120)
    assert proc.returncode in (0, 1) and b"Traceback" not in err and b"Error" not in err, err


def test_stdin_in_and_stdout_out_together() -> None:
    code, out, err = wb("segment", "-", "-o", "-", data=b"Dr. Smith left. He came back!\n")
    assert code == 0 and out.splitlines() == ["Dr. Smith left.", "He came back!"], err
    for name in ("basic-v3.tbx", "dialects/multiterm-export.xml", "dialects/tbx-v3-min.tbx"):
        code, out, err = wb("glossary", "export", "-g", "-", "-o", "-", "--format", "csv",
                            data=(GLOSSARY / name).read_bytes())
        assert code == 0 and out.startswith("concept,lang,term"), err
        code, out, err = wb("convert", "-", "-", "--to", "tbx-v2", data=(GLOSSARY / name).read_bytes())
        assert code == 0 and "<martif" in out, err


@pytest.mark.parametrize("name", ["xxe", "billion-laughs"])
@pytest.mark.parametrize("root", ["mtf", "tbx-min"])
def test_hostile_multiterm_and_tbx_min_on_stdin(tmp_path: Path, name: str, root: str) -> None:
    """The entity guard holds for every termbase dialect read from stdin, as for files."""
    decl = ('<!DOCTYPE {r} [<!ENTITY e SYSTEM "file:///etc/passwd">]>' if name == "xxe" else
            '<!DOCTYPE {r} [<!ENTITY a "aaaaaaaaaa"><!ENTITY e "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>')
    body = ('<mtf><conceptGrp><concept>1</concept><languageGrp><language lang="EN"/><termGrp><term>&e;</term>'
            '</termGrp></languageGrp></conceptGrp></mtf>' if root == "mtf" else
            '<tbx type="TBX-Min" style="dca" xml:lang="en" xmlns="urn:iso:std:iso:30042:ed-2"><text><body>'
            '<conceptEntry id="c1"><langSec xml:lang="en"><termSec><term>&e;</term></termSec></langSec>'
            '</conceptEntry></body></text></tbx>')
    data = ('<?xml version="1.0"?>\n' + decl.format(r=body[1:4]) + "\n" + body).encode()
    for args in (["glossary", "import", "-", "-o", tmp_path / "g.tbx"], ["glossary", "validate", "-"],
                 ["convert", "-", "-", "--to", "csv"], ["check", doc("en"), "-g", "-", "--no-baseline"]):
        line = one_line_error(*wb(*args, data=data)[::2])
        assert line == "wb: error: <stdin>:1: entity declarations are not allowed (billion-laughs/XXE guard)", args
    assert not (tmp_path / "g.tbx").exists()


def test_convert_moses_from_stdin_says_why_not() -> None:
    line = one_line_error(*wb("convert", "-", "out.tsv", "--from", "moses", "--src-lang", "ar", "--tgt-lang", "en",
                              data=(EXCHANGED / "pairs.ar").read_bytes())[::2])
    assert "moses input is two files" in line and not Path("out.tsv").exists()


@pytest.mark.parametrize("args", [["tm", "import", "-", "--store", "-"], ["tm", "stats", "--store", "-"],
                                  ["tm", "copy", "-", "x.sqlite"], ["check", "-", "--tm", "-"],
                                  ["check", "x.txt", "--baseline", "-"], ["align", "-", "x.txt", "--store", "-"]])
def test_a_store_or_baseline_is_no_dash(args: list[str]) -> None:
    """`-` is stdin or stdout; a store or a baseline named so was made (or read) as a file called -."""
    line = one_line_error(*wb(*args, data=(TM / "tmx11.tmx").read_bytes())[::2])
    assert "- (stdin, stdout) cannot be this file" in line
    assert not Path("-").exists()


@pytest.mark.parametrize("redirect", [">&-", "2>&-", ">&- 2>&-"])
def test_closed_stdout_or_stderr_keeps_the_exit_code(tmp_path: Path, redirect: str) -> None:
    """Output to a closed stdout or stderr is dropped, as Python's print drops it; the exit code
    still says how the command went (it was 1, from a traceback nobody saw)."""
    store = tmp_path / "s.sqlite"
    for args, code in ((["segment", doc("en")], 0), (["tm", "import", TM / "tmx11.tmx", "--store", store], 0),
                       (["tm", "export", "--store", store], 0), (["tm", "import", TM / "truncated.tmx", "--store", store], 2),
                       (["convert", TM / "spec_full.tmx", "-", "--to", "po", "--src-lang", "en", "--tgt-lang", "ar"], 0)):
        done = run_wb(args, tmp_path, redirect + " </dev/null")
        assert done.returncode == code and "Traceback" not in done.stderr, (args, done.stderr)
    assert stats(store)["tus"] == 2


@pytest.mark.parametrize("args", [["segment", "-"], ["convert", "-", "-", "--to", "csv"], ["glossary", "validate", "-"],
                                  ["glossary", "scan", "-", "-g", str(GLOSSARY / "basic-v3.tbx")],
                                  ["check", "-", "--no-baseline"], ["tm", "import", "-", "--from", "xliff"],
                                  ["score", "-", str(doc("en"))], ["align", str(doc("ar")), str(doc("en")), "--dict", "-"]])
def test_an_empty_pipe_is_empty_input_everywhere(args: list[str], tmp_path: Path) -> None:
    """`cat missing | wb ...`: was read as an empty document (exit 0), or told to use a file extension."""
    if args[0] == "tm":
        args = [*args, "--store", str(tmp_path / "s.sqlite")]
    assert one_line_error(*wb(*args, data=b"")[::2]) == "wb: error: <stdin>: empty input"
