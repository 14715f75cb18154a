"""Issue 12: what ``wb`` writes for people cannot attack them.

Every command is found through click and run on hostile input (document text,
file names, glossary notes, memory segments): a CSV or TSV for people has no
cell a spreadsheet would run, and text (every format) has no control
character a terminal would obey nor a bidi override. Exchange formats
(``wb tm export``, ``wb glossary export``, ``wb rules export``, ``wb align
--format tmx``) are data: their cells round-trip exactly (docs/formats.md).
A command or format added without an entry here fails
:func:`test_every_command_and_format_is_covered`.
"""
from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Callable
from pathlib import Path

import click
import pytest
from click.testing import CliRunner, Result
from hypothesis import given
from hypothesis import strategies as st

from workbench.cli import COMMANDS, cli
from workbench.formats.tabular import unescape
from workbench.safeout import FORMULA_START, guard, json_text, unguard, visible

ROOT = Path(__file__).resolve().parent.parent
FORMULA = "=cmd|' /C calc'!A0"
#: A window title (OSC), clear screen (CSI), an 8-bit CSI, DEL, a lone CR, a right-to-left override.
CONTROLS = "\x1b]0;pwned\x07\x1b[2J\x9b31m\x7f\r\u202e"
#: What :func:`visible` shows of the override, in every output that carries the hostile text.
SHOWN = "\\u202e"
#: A raw character no output for people may hold (CR only before a line feed).
RAW = re.compile("\r(?!\n)|[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
#: Document and file names start with a formula and hold controls.
NAME = f"=1+cmd|'calc'!A0{CONTROLS}.txt"
STORE = f"memory{CONTROLS}.sqlite"
TEXT = (f"{FORMULA} the Hanoi Convention was signed in Hanoi.\n"
        f"-5 degrees {CONTROLS} in Hanoi, the Convention.\n")
GLOSSARY = ("concept,lang,term,status,part_of_speech,note\n"
            f"hanoi,en,Hanoi Convention,preferred,noun,\"{FORMULA} \x9b2J \u202enote\"\n"
            "hanoi,fr,Convention de Hanoï,preferred,noun,\n"
            "ev\u202eil,en,@SUM(1+1),admitted,noun,\n")
TARGET = f"+SUM(1,2) {CONTROLS.replace(chr(13), '')} la Convention de Hanoï"
PAIRS = ("en\tfr\n"
         f"{FORMULA} the Hanoi Convention was signed\t{TARGET}\n"
         "-5 degrees in Hanoi\t-5 degrés à Hanoï\n")

#: Data for other tools, written as is (docs/formats.md); None: every format of the command.
DATA_OUTPUTS: dict[tuple[str, ...], str | None] = {("tm", "export"): None, ("glossary", "export"): None,
                                                  ("rules", "export"): None, ("align",): "tmx"}
#: Outputs that hold no text of the user's (nothing hostile can reach them); None: every format.
NO_USER_TEXT = {(("rules", "show"), None), (("glossary", "folds"), None), (("tm", "stats"), "csv")}


def wb(*args: str | Path) -> Result:
    return CliRunner().invoke(cli, [str(a) for a in args])


@pytest.fixture(scope="module")
def scene(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder outside any project: a hostile document (and its translation, and
    copies in hyp/ and ref/ for scoring), glossary, memory and tiny project."""
    root = tmp_path_factory.mktemp("scene")
    (root / NAME).write_text(TEXT, encoding="utf-8")
    for folder in ("en", "fr", "hyp", "ref"):
        (root / folder).mkdir()
        (root / folder / NAME).write_text(TEXT.replace("the Hanoi", "la Hanoi") if folder == "fr" else TEXT,
                                          encoding="utf-8")
        (root / folder / "b.txt").write_text("The plan was sound.\n", encoding="utf-8")
    (root / "g.csv").write_text(GLOSSARY, encoding="utf-8")
    (root / "imported").mkdir()
    (root / f"pairs{CONTROLS}.tsv").write_text(PAIRS, encoding="utf-8")
    project = root / "project"
    for lang in ("en", "fr"):  # a build exports TMX, which cannot hold C0 controls: C1 and bidi ones here
        (project / "corpus" / lang).mkdir(parents=True)
        (project / "corpus" / lang / "\u202eevil\x9b.txt").write_text(f"The \u202eplan\x9b{FORMULA}.\n", encoding="utf-8")
    (project / "workbench.toml").write_text('[project]\nname = "p"\nsource_languages = ["en"]\ntarget_language = "fr"\n',
                                            encoding="utf-8")
    mp = pytest.MonkeyPatch()
    mp.chdir(root)
    res = wb("tm", "import", root / f"pairs{CONTROLS}.tsv", "--store", STORE)
    mp.undo()
    assert res.exit_code == 0, res.output
    return root


@pytest.fixture(autouse=True)
def _in_scene(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    if "scene" in request.fixturenames:
        monkeypatch.chdir(request.getfixturevalue("scene"))


def _finding_id() -> str:
    res = wb("check", NAME, "--lang", "en", "-g", "g.csv", "--format", "json")
    return str(json.loads(res.stdout)["findings"][0]["id"])


#: How to run each command on the scene's hostile files (``--format`` is added per format).
ARGS: dict[tuple[str, ...], Callable[[], list[str]]] = {
    ("segment",): lambda: ["segment", "--lang", "en", NAME],
    ("align",): lambda: ["align", f"en/{NAME}", f"fr/{NAME}", "--src-lang", "en", "--tgt-lang", "fr", "--no-seed"],
    ("score",): lambda: ["score", "hyp", "ref"],
    ("check",): lambda: ["check", NAME, "--lang", "en", "-g", "g.csv"],
    ("dismiss",): lambda: ["dismiss", _finding_id(), "--reason", f"kept {CONTROLS}", "--baseline", f"b{CONTROLS}.txt",
                           NAME, "--lang", "en", "-g", "g.csv"],
    ("build",): lambda: ["build", "--project", "project"],
    ("rules", "show"): lambda: ["rules", "show", "--lang", "en"],
    ("glossary", "lookup"): lambda: ["glossary", "lookup", "Hanoi Convention", "-g", "g.csv"],
    ("glossary", "scan"): lambda: ["glossary", "scan", NAME, "--lang", "en", "-g", "g.csv"],
    ("glossary", "list"): lambda: ["glossary", "list", "-g", "g.csv"],
    ("glossary", "validate"): lambda: ["glossary", "validate", "g.csv"],
    ("glossary", "import"): lambda: ["glossary", "import", "g.csv", "-o", f"imported/out{CONTROLS}.tbx", "--force"],
    ("glossary", "add"): lambda: ["glossary", "add", "--concept", "c\u202e\x9b", "--lang", "en", "--term", "t\u202e",
                                  "-g", _copy("g.csv", "add.csv")],
    ("glossary", "folds"): lambda: ["glossary", "folds"],
    ("tm", "import"): lambda: ["tm", "import", f"pairs{CONTROLS}.tsv", "--store", f"other{CONTROLS}.sqlite"],
    ("tm", "stats"): lambda: ["tm", "stats", "--store", STORE],
    ("tm", "lookup"): lambda: ["tm", "lookup", f"{FORMULA} the Hanoi Convention was signed", "--src", "en",
                               "--tgt", "fr", "--store", STORE],
    ("tm", "concordance"): lambda: ["tm", "concordance", "Hanoi", "--lang", "en", "--store", STORE],
    ("tm", "analyze"): lambda: ["tm", "analyze", NAME, "--src", "en", "--tgt", "fr", "--store", STORE],
    ("tm", "copy"): lambda: ["tm", "copy", STORE, f"copy{CONTROLS}.sqlite", "--on-duplicate", "keep"],
    ("glossary", "export"): lambda: ["glossary", "export", "-g", "g.csv", "-o", "-"],
    ("convert",): lambda: ["convert", f"pairs{CONTROLS}.tsv", f"imported/pairs{CONTROLS}.csv"],
    ("translate",): lambda: ["translate", NAME, "--from", "en", "--to", "fr", "--store", STORE, "-o", "out.xlf",
                             "--xliff-version", "2.1"],
}


def _commands() -> dict[tuple[str, ...], click.Command]:
    ctx = click.Context(cli)
    out: dict[tuple[str, ...], click.Command] = {}
    for name in COMMANDS:
        cmd = cli.get_command(ctx, name)
        assert cmd is not None
        if isinstance(cmd, click.Group):
            out |= {(name, sub): sc for sub in cmd.list_commands(ctx) if (sc := cmd.get_command(ctx, sub))}
        else:
            out[(name,)] = cmd
    return out


def _formats(cmd: click.Command) -> list[str | None]:
    for p in cmd.params:
        if isinstance(p, click.Option) and "--format" in p.opts and isinstance(p.type, click.Choice):
            return [str(c) for c in p.type.choices]
    return [None]


def _is_data(path: tuple[str, ...], fmt: str | None) -> bool:
    return path in DATA_OUTPUTS and DATA_OUTPUTS[path] in (None, fmt)


def _people_outputs() -> list[tuple[tuple[str, ...], str | None]]:
    """Every (command, format) but the data outputs."""
    return [(p, f) for p, cmd in _commands().items() for f in _formats(cmd) if not _is_data(p, f)]


def _spreadsheet_outputs() -> list[tuple[tuple[str, ...], str | None]]:
    """Every CSV and TSV for people, and the glossary's CSV (data, but the twin people edit in spreadsheets)."""
    return [(p, f) for p, cmd in _commands().items() for f in _formats(cmd)
            if f in ("csv", "tsv") and (not _is_data(p, f) or p == ("glossary", "export"))]


def _copy(name: str, to: str) -> str:
    Path(to).write_bytes(Path(name).read_bytes())
    return to


def _invoke(path: tuple[str, ...], fmt: str | None) -> Result:
    args = ARGS[path]()
    res = wb(*args, *(["--format", fmt] if fmt else []))
    assert res.exception is None or isinstance(res.exception, SystemExit), res.exception
    assert res.exit_code in (0, 3), res.output
    return res


def test_every_command_and_format_is_covered() -> None:
    assert set(_commands()) == set(ARGS) | {p for p, f in DATA_OUTPUTS.items() if f is None}


@pytest.mark.parametrize(("path", "fmt"), _people_outputs(), ids=lambda v: " ".join(v) if isinstance(v, tuple) else v)
def test_text_for_people_shows_control_characters(scene: Path, path: tuple[str, ...], fmt: str | None) -> None:
    res = _invoke(path, fmt)
    for stream in (res.stdout, res.stderr):
        if (path, fmt) == (("align",), "text"):  # its own isolates, one around each side of a line
            stream = re.sub("[\u2066\u2067]([^\u2066-\u2069\n]*)\u2069", r"\1", stream)
        assert not RAW.search(stream), f"raw {RAW.search(stream)!r} in: {stream[:2000]}"
    if (path, None) not in NO_USER_TEXT and (path, fmt) not in NO_USER_TEXT:
        assert SHOWN in res.output
    if fmt in ("json", "jsonl"):  # the escapes are JSON's own (test_json_text_is_the_same_data_and_nothing_raw)
        assert [json.loads(line) for line in ([res.stdout] if fmt == "json" else res.stdout.split("\n")) if line]


@pytest.mark.parametrize(("path", "fmt"), _spreadsheet_outputs(), ids=lambda v: " ".join(v) if isinstance(v, tuple) else v)
def test_csv_for_people_has_no_formula(scene: Path, path: tuple[str, ...], fmt: str | None) -> None:
    res = _invoke(path, fmt)
    rows = list(csv.reader(io.StringIO(res.stdout), delimiter="," if fmt == "csv" else "\t"))
    cells = [cell for row in rows for cell in row]
    assert cells and not [c for c in cells if c.startswith(FORMULA_START)]
    if path != ("tm", "stats"):  # its cells are counts and language tags
        assert [c for c in cells if c.startswith(("'=", "'@", "'+", "'-"))], res.stdout


def test_only_the_shared_writers_write() -> None:
    """Every CSV is written by the guarded writer, but the exchange format's; every
    command prints through cli.common (echo, output) and rich Text, never raw."""
    package = ROOT / "workbench"
    raw_csv = {str(p.relative_to(package)) for p in package.rglob("*.py")
               if re.search(r"csv\.(writer|DictWriter)\(", p.read_text(encoding="utf-8"))}
    assert raw_csv == {"safeout.py", "formats/tabular.py"}
    for module in (package / "cli").glob("*.py"):
        if module.name in ("common.py", "__init__.py"):
            continue
        source = module.read_text(encoding="utf-8")
        assert not re.search(r"click\.echo\(|(?<![.\w])print\(|sys\.std(out|err)\.write\(", source), module.name


def test_exchange_csv_and_tsv_keep_every_cell(scene: Path, tmp_path: Path) -> None:
    """``wb tm export --format csv|tsv`` is data for other tools: ``-5 degrees`` and a
    formula come out as they went in, and import reads back the same pairs."""
    for fmt in ("csv", "tsv"):
        out = tmp_path / f"pairs.{fmt}"
        assert wb("tm", "export", "--store", STORE, "--format", fmt, "--langs", "en,fr", "-o", out).exit_code == 0
        text = out.read_bytes().decode("utf-8")
        rows = (list(csv.reader(io.StringIO(text, newline=""))) if fmt == "csv"
                else [[unescape(cell) for cell in line.split("\t")] for line in text.split("\n")])
        assert [FORMULA + " the Hanoi Convention was signed", TARGET] in rows
        assert ["-5 degrees in Hanoi", "-5 degrés à Hanoï"] in rows
        again = tmp_path / f"again{fmt}.sqlite"
        assert wb("tm", "import", out, "--store", again).exit_code == 0
        back = tmp_path / f"back.{fmt}"
        assert wb("tm", "export", "--store", again, "--format", fmt, "--langs", "en,fr", "-o", back).exit_code == 0
        assert back.read_bytes() == out.read_bytes()


def test_glossary_csv_guards_and_reads_back(tmp_path: Path) -> None:
    """The glossary's CSV twin is for spreadsheets: its cells are guarded, and reading undoes the guard."""
    src = tmp_path / "g.csv"
    src.write_text("concept,lang,term,status,part_of_speech,note\n"
                   "c,en,-5 degrees,preferred,noun,=1+1\nc,fr,''=x,admitted,noun,'quoted\n", encoding="utf-8")
    twin = tmp_path / "twin.csv"
    assert wb("glossary", "export", "-g", src, "-o", twin).exit_code == 0
    rows = list(csv.reader(io.StringIO(twin.read_text(encoding="utf-8"))))
    assert rows[1][2:6] == ["'-5 degrees", "preferred", "noun", "'=1+1"] and rows[2][2] == "''=x" and rows[2][5] == "'quoted"
    again = tmp_path / "again.csv"
    assert wb("glossary", "export", "-g", twin, "-o", again).exit_code == 0
    assert again.read_bytes() == twin.read_bytes()


def test_error_messages_show_control_characters(tmp_path: Path) -> None:
    res = wb("segment", tmp_path / "missing\x1b]0;pwned\x07\u202e.txt")
    assert res.exit_code == 2 and not RAW.search(res.stderr)


@given(st.text())
def test_guard_is_undone_exactly(text: str) -> None:
    guarded = guard(text)
    assert unguard(guarded) == text and not guarded.startswith(FORMULA_START)


@given(st.recursive(st.text() | st.integers(), lambda inner: st.lists(inner) | st.dictionaries(st.text(), inner)))
def test_json_text_is_the_same_data_and_nothing_raw(data: object) -> None:
    text = json_text(data)
    assert json.loads(text) == data and not RAW.search(text)


def test_visible_keeps_text_and_shows_controls() -> None:
    kept = "آژانس\u200cهای ملل متحد\u200d \u200f(RLM) \u200e\u061c\tعربي\n\r\n"
    assert visible(kept) == kept
    assert visible("a\x1b[2Jb\x9b\u202e\u2066\x7f\rc\udc80") == "a\\u001b[2Jb\\u009b\\u202e\\u2066\\u007f\\u000dc\\udc80"
