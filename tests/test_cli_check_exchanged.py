"""``wb check FILE.po|FILE.tmx|FILE.xlf|FILE.tsv``: checks on the files translators exchange, through CliRunner."""
from __future__ import annotations

import csv
import io
import json
import shutil
import subprocess
from pathlib import Path

import polib
import pytest
from click.testing import CliRunner
from tools import needs, tool

from workbench.cli import cli

DATA = Path(__file__).parent / "data" / "exchanged"
GLOSSARY = str(DATA / "glossary.csv")
PO = ("--lang", "ar", "--target-lang", "en")  # csv2po wrote no Language header


def wb(*args: str) -> object:
    return CliRunner().invoke(cli, list(args))


@pytest.mark.parametrize(("name", "options", "where"), [
    ("units.po", PO, "units.po#ar:15:8"),
    ("units.tmx", (), "units.tmx#ar:1:8"),
    ("units.xlf", PO, "units.xlf#ar:29:8"),
    ("units-12.xlf", (), "units-12.xlf#ar:5:8"),
    ("units-20.xlf", (), "units-20.xlf#ar:5:8"),
    ("units.tsv", (), "units.tsv#ar:2:8"),
])
def test_each_format_is_checked_and_points_at_the_unit(name: str, options: tuple[str, ...], where: str) -> None:
    res = wb("check", str(DATA / name), "-g", GLOSSARY, *options)
    assert res.exit_code == 3, res.output  # errors: numbers or untranslated
    assert where in res.stdout and "term-mismatch" in res.stdout and "→ General Assembly" in res.stdout
    assert res.stdout.count("→ General Assembly") == 1  # not where it is given whole


def test_report_formats(tmp_path: Path) -> None:
    path = str(DATA / "units.po")
    data = json.loads(wb("check", path, *PO, "-g", GLOSSARY, "--format", "json").stdout)
    lines = {f["check"]: f["line"] for f in data["findings"]}
    assert lines["term-mismatch"] == 15 and lines["number-mismatch"] == 23 and data["summary"]["documents"] == 2
    rows = list(csv.DictReader(io.StringIO(wb("check", path, *PO, "--format", "csv").stdout)))
    assert {r["doc"] for r in rows} == {"units.po#ar", "units.po#en"} and all(r["line"] for r in rows)
    assert any(r["message"] == "translation is the same as the source (unit 5)" for r in rows)
    out = tmp_path / "r.html"
    res = wb("check", path, *PO, "-g", GLOSSARY, "-o", str(out))
    assert res.exit_code == 3 and "units.po#ar" in out.read_text(encoding="utf-8")


def test_baseline_and_dismiss(tmp_path: Path) -> None:
    path, base = str(DATA / "units-20.xlf"), str(tmp_path / "baseline.txt")
    res = wb("check", path, "--baseline", base, "--format", "json")
    assert res.exit_code == 0 and "recorded 2 findings" in res.stderr
    assert json.loads(res.stdout)["findings"] == []
    found = json.loads(wb("check", path, "--no-baseline", "--format", "json").stdout)["findings"]
    number = next(f["id"] for f in found if f["check"] == "number-mismatch")
    res = wb("dismiss", number, "--reason", "the date moved", "--baseline", base, path)
    assert res.exit_code == 0, res.output
    assert "the date moved" in Path(base).read_text(encoding="utf-8")
    res = wb("check", path, "--baseline", base, "--format", "json")
    assert json.loads(res.stdout)["summary"]["dismissed"] == 1


def test_in_a_project_its_glossary_and_settings_apply(tmp_path: Path) -> None:
    project = tmp_path / "p"
    (project / "glossary").mkdir(parents=True)
    shutil.copy(GLOSSARY, project / "glossary" / "terms.csv")
    toml = '[project]\nname = "p"\nsource_languages = ["ar"]\ntarget_language = "en"\n'
    (project / "workbench.toml").write_text(toml, encoding="utf-8")
    path = str(DATA / "units.tsv")
    outside = wb("check", path)
    assert "untranslated" in outside.stdout and "term-mismatch" not in outside.stdout  # no glossary
    inside = wb("check", path, "--project", str(project))
    assert "untranslated" in inside.stdout and "units.tsv#ar:2:8" in inside.stdout  # the project's glossary
    (project / "workbench.toml").write_text(toml + '[check]\ndisable = ["untranslated"]\n', encoding="utf-8")
    inside = wb("check", path, "--project", str(project))
    assert "term-mismatch" in inside.stdout and "untranslated" not in inside.stdout and inside.exit_code == 0


_LOL = ('<?xml version="1.0"?>\n<!DOCTYPE x [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;">]>\n'
        '<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2"><file source-language="ar" '
        'target-language="en"><body><trans-unit id="1"><source>&b;</source><target>x</target></trans-unit>'
        '</body></file></xliff>\n')
_XXE = ('<?xml version="1.0"?>\n<!DOCTYPE tmx [<!ENTITY x SYSTEM "file:///etc/passwd">]>\n<tmx version="1.4">'
        '<header srclang="ar"/><body><tu><tuv xml:lang="ar"><seg>&x;</seg></tuv><tuv xml:lang="en"><seg>x</seg>'
        '</tuv></tu></body></tmx>\n')
_BAD_LANG = ('<?xml version="1.0"?>\n<tmx version="1.4"><header srclang="ar"/><body><tu><tuv xml:lang="!!">'
             '<seg>x</seg></tuv><tuv xml:lang="en"><seg>y</seg></tuv></tu></body></tmx>\n')



def _one_tu(src: str, src_text: str, tgt: str, tgt_text: str) -> bytes:
    """A TMX of one TU, its source variant first."""
    return (f'<?xml version="1.0"?>\n<tmx version="1.4"><header srclang="{src}"/><body><tu><tuv xml:lang="{src}">'
            f'<seg>{src_text}</seg></tuv><tuv xml:lang="{tgt}"><seg>{tgt_text}</seg></tuv></tu></body></tmx>\n').encode()


@pytest.mark.parametrize(("name", "content", "options", "says"), [
    ("missing.po", None, (), "no such file"),
    ("empty.po", b"", (), "empty file"),
    ("empty.tmx", b"", (), "empty file"),
    ("broken.tmx", b'<?xml version="1.0"?>\n<tmx version="1.4"><header srclang="ar"/><body><tu>\n', (),
     "malformed XML"),
    ("lol.xlf", _LOL.encode(), (), "entity declarations are not allowed"),
    ("xxe.tmx", _XXE.encode(), (), "entity declarations are not allowed"),
    ("latin.po", 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\nmsgid "café"\nmsgstr "x"\n'
     .encode("latin-1"), PO, "can't decode"),
    ("nolang.po", (DATA / "units.po").read_bytes(), (), "the source language is not in the PO header: give --lang"),
    ("badlang.tmx", _BAD_LANG.encode(), (), "no translation pairs to check (skipped: TUV with unknown language"),
    ("units.tsv", (DATA / "units.tsv").read_bytes(), ("--lang", "xx_bad!"), "language tag 'xx_bad!'"),
    ("units.tmx", (DATA / "units.tmx").read_bytes(), ("--target-lang", "fr"), "no fr text in the file"),
    ("nolang.xlf", (DATA / "units.xlf").read_bytes(), (), "no target language in the file: give --target-lang"),
    ("blank.tmx", _one_tu("ar", " ", "en", "Hello"), (), "no translation pairs to check (every unit's source"),
    ("same.tmx", _one_tu("en", "Hi", "EN", "Hello"), (), "no translation pairs to check (every unit's source"),
])
def test_bad_input_is_one_line_and_exit_2(tmp_path: Path, name: str, content: bytes | None,
                                          options: tuple[str, ...], says: str) -> None:
    path = tmp_path / name
    if content is not None:
        path.write_bytes(content)
    res = wb("check", str(path), *options)
    assert res.exit_code == 2 and res.stdout == "" and res.stderr.count("\n") == 1, res.output
    assert says in res.stderr


def test_files_of_pairs_and_documents_do_not_mix(tmp_path: Path) -> None:
    doc = tmp_path / "news.txt"
    doc.write_text("نص عربي.\n", encoding="utf-8")
    res = wb("check", str(DATA / "units.tsv"), str(doc))
    assert res.exit_code == 2 and res.stderr.count("\n") == 1
    assert "files of translation pairs alone" in res.stderr and "not both (" in res.stderr and "news.txt" in res.stderr


def test_two_files_are_checked_together() -> None:
    res = wb("check", str(DATA / "units-12.xlf"), str(DATA / "units-20.xlf"), "--format", "json")
    docs = {f["doc"] for f in json.loads(res.stdout)["findings"]}
    assert {"units-12.xlf#en", "units-20.xlf#en"} <= docs


@needs("pofilter", install="pip install translate-toolkit")
def test_numbers_and_untranslated_as_pofilter_finds_them(tmp_path: Path) -> None:
    """pofilter's numbers and untranslated tests flag entries ours flag too (ours also reads
    number words and digit scripts, so it may flag more, never fewer)."""
    out = tmp_path / "pofilter.po"
    subprocess.run([str(tool("pofilter")), "--progress=none", "-t", "numbers", "-t", "untranslated", str(DATA / "units.po"),
                    str(out)], check=True, capture_output=True)
    theirs: dict[str, set[str]] = {"numbers": set(), "untranslated": set()}
    for entry in polib.pofile(str(out)):
        for test, flagged in theirs.items():
            if f"(pofilter) {test}" in entry.tcomment:
                flagged.add(entry.msgid)
    assert theirs["numbers"] and theirs["untranslated"]
    msgids = {e.linenum: e.msgid for e in polib.pofile(str(DATA / "units.po"))}
    findings = json.loads(wb("check", str(DATA / "units.po"), *PO, "--format", "json").stdout)["findings"]
    ours = {test: {msgids[f["line"]] for f in findings if f["check"] == check}
            for test, check in (("numbers", "number-mismatch"), ("untranslated", "untranslated"))}
    assert ours["numbers"] == theirs["numbers"]
    assert theirs["untranslated"] <= ours["untranslated"]


def test_moses_pairs_with_from(tmp_path: Path) -> None:
    ar, en = str(DATA / "pairs.ar"), str(DATA / "pairs.en")
    res = wb("check", ar, en, "--from", "moses", "-g", GLOSSARY, "--format", "json")
    assert res.exit_code == 3, res.output
    found = {(f["check"], f["doc"], f["line"]) for f in json.loads(res.stdout)["findings"]}
    assert found == {("term-mismatch", "pairs.ar", 1), ("number-mismatch", "pairs.en", 2),
                     ("untranslated", "pairs.ar", 4)}  # each side at its own file's line; line 3 empty on both
    res = wb("check", ar, "--from", "moses")
    assert res.exit_code == 2 and "come two by two" in res.stderr and res.stderr.count("\n") == 1
    plain = tmp_path / "units.txt"  # --from reads a file as that format whatever its name
    shutil.copy(DATA / "units.tsv", plain)
    res = wb("check", str(plain), "--from", "tsv", "--format", "json")
    assert {f["doc"] for f in json.loads(res.stdout)["findings"]} == {"units.txt#ar"}


def test_a_memory_given_is_compared(tmp_path: Path) -> None:
    mem, store = tmp_path / "mem.tsv", str(tmp_path / "s.sqlite")
    mem.write_text("ar\ten\nناقشت الجمعية العامة التقرير.\tThe General Assembly debated the report.\n", encoding="utf-8")
    assert wb("tm", "import", str(mem), "--store", store).exit_code == 0
    args = ("check", str(DATA / "units-12.xlf"), "--check", "inconsistent-translation", "--format", "json")
    assert json.loads(wb(*args).stdout)["findings"] == []
    found = json.loads(wb(*args, "--tm", store).stdout)["findings"]
    assert [(f["line"], f["involved"][-1]) for f in found] == [
        (9, "memory s.sqlite: The General Assembly debated the report.")]
