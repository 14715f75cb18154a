"""``wb glossary``: lookup, scan, list, validate, import, export, add, folds."""
from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from omegat_util import needs_omegat, omegat_glossary

from workbench.cli import cli
from workbench.glossary import twin_path

ROOT = Path(__file__).resolve().parents[1]
DATA = Path(__file__).parent / "data" / "glossary"
GLOSSARY = str(ROOT / "glossary" / "hanoi-convention.tbx")


@pytest.fixture()
def run(monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    monkeypatch.chdir(ROOT)

    def invoke(*args: str, input: str | None = None):  # type: ignore[no-untyped-def]
        return CliRunner().invoke(cli, ["glossary", *args], input=input)

    return invoke


def test_help_has_examples(run) -> None:  # type: ignore[no-untyped-def]
    for cmd in ("lookup", "scan", "list", "validate", "import", "export", "add", "folds"):
        result = run(cmd, "--help")
        assert result.exit_code == 0 and "Example" in result.stdout, cmd


def test_lookup(run) -> None:  # type: ignore[no-untyped-def]
    result = run("lookup", "UNODC")
    assert result.exit_code == 0
    assert result.stdout.splitlines()[0] == "unodc  (United Nations)"
    assert "  ar: مكتب الأمم المتحدة المعني بالمخدرات والجريمة [preferred]" in result.stdout
    data = json.loads(run("lookup", "اتفاقية هانوي", "--format", "json").stdout)
    assert data[0]["id"] == "un-convention-cybercrime"
    miss = run("lookup", "Hanoy Convention")
    assert miss.exit_code == 0 and miss.stdout == ""
    assert "did you mean: Hanoi Convention" in miss.stderr


def test_scan_text_jsonl_csv(run) -> None:  # type: ignore[no-untyped-def]
    doc = "corpus/fa/003_2a7e24ddac758eb5_new-york-commemoration.txt"
    text = run("scan", doc, "--explain")
    assert text.exit_code == 0
    assert (f"{doc}:3:438: جامعه بینالمللی -> جامعه بین\u200cالمللی [international-community, preferred]  "
            "(folds: zwnj)") in text.stdout.splitlines()
    assert text.stderr.strip().endswith("hit(s) in 1 file(s)")
    rows = [json.loads(line) for line in run("scan", doc, "--format", "jsonl").stdout.splitlines()]
    source = (ROOT / doc).read_text(encoding="utf-8")
    for r in rows:
        assert source[r["start"]:r["end"]] == r["surface"]
        assert {"file", "line", "col", "start", "end", "surface", "concept", "lang", "term", "status"} <= set(r)
    table = list(csv.reader(io.StringIO(run("scan", doc, "--format", "csv", "--no-nested").stdout)))
    assert table[0][:10] == ["file", "line", "col", "start", "end", "surface", "concept", "lang", "term", "status"]
    assert len(table) - 1 == sum(1 for r in rows if not r["nested"])


def test_scan_stdin_with_lang(run) -> None:  # type: ignore[no-untyped-def]
    result = run("scan", "-", "--lang", "ar", "--format", "jsonl", input="دعمت فيتنام المبادرة للأمم المتحدة\n")
    assert [json.loads(x)["surface"] for x in result.stdout.splitlines()] == ["فيتنام", "للأمم المتحدة"]


def test_a_compressed_glossary_and_document_read_as_their_content(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    import gzip

    doc = "corpus/fa/003_2a7e24ddac758eb5_new-york-commemoration.txt"
    terms = tmp_path / "terms.tbx.gz"  # the name says TBX: its reader, not the CSV one
    terms.write_bytes(gzip.compress((ROOT / GLOSSARY).read_bytes()))
    packed_doc = tmp_path / "doc.txt.gz"
    packed_doc.write_bytes(gzip.compress((ROOT / doc).read_bytes()))
    want = run("scan", doc, "--format", "jsonl")
    got = run("scan", str(packed_doc), "-g", str(terms), "--lang", "fa", "--format", "jsonl")
    assert got.exit_code == 0, got.output
    strip = [{k: v for k, v in json.loads(x).items() if k != "file"} for x in want.stdout.splitlines()]
    assert [{k: v for k, v in json.loads(x).items() if k != "file"} for x in got.stdout.splitlines()] == strip
    assert run("validate", str(terms)).exit_code == 0


def test_scan_folds_off(run) -> None:  # type: ignore[no-untyped-def]
    args = ("scan", "-", "--lang", "fa", "--format", "jsonl")
    assert run(*args, input="جامعه بینالمللی").stdout
    assert run(*args, "--folds-off", "zwnj", input="جامعه بینالمللی").stdout == ""
    bad = run(*args, "--folds-off", "nope", input="x")
    assert bad.exit_code == 2 and "unknown fold" in bad.stderr


def test_list_and_folds(run) -> None:  # type: ignore[no-untyped-def]
    out = run("list", "--lang", "fa", "--format", "jsonl")
    assert out.exit_code == 0
    first = json.loads(out.stdout.splitlines()[0])
    assert {t["lang"] for t in first["terms"]} == {"fa"}
    folds = run("folds").stdout.splitlines()
    assert any(line.startswith("zwnj ") and " on " in line for line in folds)


def test_validate_project_and_problems(run) -> None:  # type: ignore[no-untyped-def]
    ok = run("validate")
    assert ok.exit_code == 0 and "0 error(s), 0 warning(s)" in ok.stderr and ok.stdout == ""
    assert run("validate", "--strict").exit_code == 0
    bad = run("validate", str(DATA / "problems.csv"))
    assert bad.exit_code == 3
    assert "problems.csv:6: error: bad language tag 'english'" in bad.stdout


@pytest.mark.parametrize(("args", "message"), [
    (("scan", "missing.txt"), "missing.txt: no such file"),
    (("validate", str(DATA / "missing-column.csv")), "missing column(s): part_of_speech"),
    (("validate", str(DATA / "bad-status.csv")), "bad-status.csv:3:4: bad status 'approved'"),
    (("validate", str(DATA / "unknown-dialect.tbx")), "unsupported TBX dialect 'TBX-Linguist'"),
    (("validate", str(DATA / "billion-laughs.tbx")), "entity declarations are not allowed"),
    (("validate", str(DATA / "xxe.tbx")), "entity declarations are not allowed"),
    (("lookup", "x", "--glossary", "nowhere.tbx"), "nowhere.tbx: no such file"),
])
def test_bad_input_is_one_line_exit_2(run, args: tuple[str, ...], message: str) -> None:  # type: ignore[no-untyped-def]
    result = run(*args)
    assert result.exit_code == 2
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("wb: error: ") and message in lines[0]


def test_import_export_add(tmp_path: Path, run) -> None:  # type: ignore[no-untyped-def]
    dest = tmp_path / "partner.tbx"
    result = run("import", str(DATA / "basic-v2.tbx"), "-o", str(dest))
    assert result.exit_code == 0 and dest.exists() and (tmp_path / "partner.csv").exists()
    again = run("import", str(DATA / "basic-v2.tbx"), "-o", str(dest))
    assert again.exit_code == 2 and "exists already" in again.stderr
    added = run("add", "--glossary", str(dest), "--concept", "t1", "--lang", "ar", "--term", "تسليم المجرمين",
                "--status", "preferred")
    assert added.exit_code == 0
    checked = run("validate", str(dest))  # t2 has no preferred term; the twins still agree
    assert checked.stdout.count("[no-preferred]") == 1 and "[twin]" not in checked.stdout
    bad_tag = run("add", "--glossary", str(dest), "--concept", "t1", "--lang", "arabic!", "--term", "x")
    assert bad_tag.exit_code == 2 and "language tag" in bad_tag.stderr
    out = tmp_path / "out.csv"
    assert run("export", "--glossary", str(dest), "-o", str(out)).exit_code == 0
    assert "t1,ar,تسليم المجرمين,preferred" in out.read_text(encoding="utf-8")
    tbx = run("export", "--glossary", str(dest), "-o", "-")
    assert tbx.stdout.startswith('<?xml version="1.0" encoding="UTF-8"?>')


def test_outside_a_project_needs_a_glossary(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(cli, ["glossary", "lookup", "UNODC"])
    assert result.exit_code == 2 and "--glossary" in result.stderr
    shutil.copy(DATA / "bom.csv", tmp_path / "g.csv")
    ok = CliRunner().invoke(cli, ["glossary", "lookup", "hanoi", "-g", "g.csv"])
    assert ok.exit_code == 0 and "hanoi" in ok.stdout


def _project(tmp_path: Path, folds_off: str) -> Path:
    (tmp_path / "workbench.toml").write_text(
        f'[project]\nsource_languages = ["fa"]\n[glossary]\nfolds_off = {folds_off}\n', encoding="utf-8")
    (tmp_path / "glossary").mkdir()
    (tmp_path / "glossary" / "g.csv").write_text(
        "concept,lang,term,status,part_of_speech,note\nc,fa,جامعه بین\u200cالمللی,preferred,noun,\n", encoding="utf-8")
    (tmp_path / "corpus" / "fa").mkdir(parents=True)
    (tmp_path / "corpus" / "fa" / "a.txt").write_text("جامعه بینالمللی\n", encoding="utf-8")
    return tmp_path


def test_project_folds_off_and_corpus_language(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(_project(tmp_path, "[]"))
    found = CliRunner().invoke(cli, ["glossary", "scan", "corpus/fa/a.txt", "--format", "jsonl"])
    assert json.loads(found.stdout)["folds"] == ["zwnj"]
    (tmp_path / "workbench.toml").write_text(
        '[project]\nsource_languages = ["fa"]\n[glossary]\nfolds_off = ["zwnj"]\n', encoding="utf-8")
    off = CliRunner().invoke(cli, ["glossary", "scan", "corpus/fa/a.txt"])
    assert off.exit_code == 0 and off.stdout == "" and "0 hit(s)" in off.stderr
    assert " off " in [x for x in CliRunner().invoke(cli, ["glossary", "folds"]).stdout.splitlines()
                       if x.startswith("zwnj")][0]


def test_bad_folds_off_in_config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(_project(tmp_path, '["final_yeh_to_alef"]'))
    result = CliRunner().invoke(cli, ["glossary", "scan", "corpus/fa/a.txt"])
    assert result.exit_code == 2
    assert result.stderr.strip() == (f"wb: error: {tmp_path.resolve() / 'workbench.toml'}: [glossary] folds_off: "
                                     "unknown fold(s) final_yeh_to_alef; see `wb glossary folds`")


def test_a_second_preferred_term_is_a_warning(tmp_path: Path, run) -> None:  # type: ignore[no-untyped-def]
    """Issue 11: add gave a concept a second preferred term in a language and validate said nothing."""
    dest = tmp_path / "g.tbx"
    shutil.copy(DATA / "basic-v3.tbx", dest)
    added = run("add", "--glossary", str(dest), "--concept", "c-unodc", "--lang", "en",
                "--term", "UN Office on Drugs and Crime", "--status", "preferred")
    assert added.exit_code == 0
    warning = ("wb: warning: concept 'c-unodc' has 2 preferred terms in 'en' ('United Nations Office on Drugs and "
               "Crime', 'UN Office on Drugs and Crime'): keep one preferred and make the others admitted")
    assert warning in added.stderr.splitlines()
    other = run("add", "--glossary", str(dest), "--concept", "c-unodc", "--lang", "en", "--term", "the Office")
    assert other.exit_code == 0 and warning in other.stderr.splitlines()  # still true, still said
    checked = run("validate", str(dest))
    assert checked.exit_code == 0 and "warning: concept 'c-unodc' has 2 preferred terms in 'en'" in checked.stdout
    strict = run("validate", "--strict", str(dest))
    assert strict.exit_code == 3 and "error: concept 'c-unodc' has 2 preferred terms in 'en'" in strict.stdout
    assert "1 error(s), 0 warning(s)" in strict.stderr
    fine = run("add", "--glossary", str(dest), "--concept", "c-vienna-hq", "--lang", "en", "--term", "UNOV")
    assert fine.exit_code == 0 and "warning" not in fine.stderr


def test_import_refuses_concept_ids_the_project_has(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A partner's termbase whose ids clash with the project's would make every glossary command fail."""
    shutil.copytree(ROOT / "glossary", tmp_path / "glossary")
    shutil.copy(ROOT / "workbench.toml", tmp_path)
    monkeypatch.chdir(tmp_path)
    partner = tmp_path / "partner.csv"
    partner.write_text("concept,lang,term,status,part_of_speech,note\ncybercrime,en,computer crime,preferred,noun,\n",
                       encoding="utf-8")
    result = CliRunner().invoke(cli, ["glossary", "import", str(partner)])
    assert result.exit_code == 2 and "cybercrime (hanoi-convention.tbx)" in result.stderr
    assert not (tmp_path / "glossary" / "partner.tbx").exists()
    assert CliRunner().invoke(cli, ["glossary", "lookup", "UNODC"]).exit_code == 0
    partner.write_text(partner.read_text(encoding="utf-8").replace("cybercrime,", "ptn-1,"), encoding="utf-8")
    assert CliRunner().invoke(cli, ["glossary", "import", str(partner)]).exit_code == 0
    assert "computer crime" in CliRunner().invoke(cli, ["glossary", "lookup", "computer crime"]).stdout


def test_import_into_a_folder_of_other_files_ignores_those_that_are_no_glossary(tmp_path: Path) -> None:
    """A memory's CSV or a broken file beside the output is no glossary whose ids could clash."""
    (tmp_path / "pairs.csv").write_text("source,target\nHanoi,هانوي\n", encoding="utf-8")
    (tmp_path / "notes.tbx").write_text("<martif><text>", encoding="utf-8")
    partner = tmp_path / "in.csv"
    partner.write_text("concept,lang,term,status,part_of_speech,note\nc1,en,treaty,preferred,noun,\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["glossary", "import", str(partner), "-o", str(tmp_path / "out.csv")])
    assert result.exit_code == 0, result.stderr
    assert "treaty" in (tmp_path / "out.csv").read_text(encoding="utf-8")


def test_import_writes_canonical_tags_that_validate_accepts(tmp_path: Path, run) -> None:  # type: ignore[no-untyped-def]
    """Issue 12: import wrote the tags as given (``EN_us``), and any tag at all (``english``), which validate rejected."""
    (tmp_path / "in").mkdir()
    source = tmp_path / "in" / "partner.csv"
    source.write_text("concept,lang,term,status,part_of_speech,note\nc1,EN_us,Hanoi,preferred,,\n"
                      "c1,AR,هانوي,preferred,,\n", encoding="utf-8")
    dest = tmp_path / "g.tbx"
    assert run("import", str(source), "-o", str(dest)).exit_code == 0
    assert 'xml:lang="en-US"' in dest.read_text(encoding="utf-8") and "c1,en-US,Hanoi" in twin_path(dest).read_text(
        encoding="utf-8")
    assert run("validate", str(dest)).exit_code == 0
    source.write_text("concept,lang,term,status,part_of_speech,note\nc1,english,Hanoi,preferred,,\n", encoding="utf-8")
    bad = run("import", str(source), "-o", str(tmp_path / "h.tbx"))
    assert bad.exit_code == 2 and not (tmp_path / "h.tbx").exists()
    assert bad.stderr == (f"wb: error: {source}:2: bad language tag 'english' (1 term, first in concept 'c1'): "
                          "say which language it is, e.g. --lang-map english=en\n")  # a name: its tag


@pytest.mark.parametrize("command", ["import", "validate"])
def test_a_nul_in_a_csv_glossary_is_one_line_with_its_place(tmp_path: Path, run, command: str) -> None:  # type: ignore[no-untyped-def]
    """Issue 12: import failed with a traceback (lxml: "All strings must be XML compatible") and validate passed."""
    (tmp_path / "in").mkdir()
    source = tmp_path / "in" / "g.csv"
    source.write_text("concept,lang,term,status,part_of_speech,note\nc1,en,Ha\x00noi,preferred,,\n", encoding="utf-8")
    result = run(command, str(source), *(["-o", str(tmp_path / "g.tbx")] if command == "import" else []))
    assert result.exit_code == 2 and not (tmp_path / "g.tbx").exists()
    assert result.stderr == f"wb: error: {source}:2:3: character U+0000 in column 3: XML (so TBX) cannot hold it\n"


def test_add_refuses_a_control_character(tmp_path: Path, run) -> None:  # type: ignore[no-untyped-def]
    dest = tmp_path / "g.tbx"
    shutil.copy(DATA / "basic-v3.tbx", dest)
    before = dest.read_bytes()
    result = run("add", "-g", str(dest), "--concept", "c1", "--lang", "en", "--term", "Ha\x01noi")
    assert result.exit_code == 2 and result.stderr.count("\n") == 1 and "U+0001" in result.stderr
    assert dest.read_bytes() == before


PEERS = DATA / "peers"  # glossaries written by other tools: peers/make.sh


def test_import_a_csv2tbx_file(tmp_path: Path, run) -> None:  # type: ignore[no-untyped-def]
    """translate-toolkit's csv2tbx writes ids with spaces (one twice) and the language xx (issue 16.4)."""
    dest = tmp_path / "g.tbx"
    refused = run("import", str(PEERS / "csv2tbx.tbx"), "-o", str(dest))
    assert refused.exit_code == 2 and len(refused.stderr.splitlines()) == 1 and not dest.exists()
    assert "bad language tag 'xx' (5 terms" in refused.stderr and "--lang-map xx=ar" in refused.stderr
    strict = run("import", str(PEERS / "csv2tbx.tbx"), "-o", str(dest), "--lang-map", "xx=ar", "--strict")
    assert strict.exit_code == 2 and "4 concept id(s)" in strict.stderr and not dest.exists()
    done = run("import", str(PEERS / "csv2tbx.tbx"), "-o", str(dest), "--lang-map", "xx=ar")
    assert done.exit_code == 0, done.stderr
    assert ("wb: concept id '2024 session' is not an XML name or is used twice (TBX refuses both): written as "
            "'c-2024-session'") in done.stderr.splitlines()
    text = dest.read_text(encoding="utf-8")
    assert '<conceptEntry id="Hanoi-Convention-2">' in text and 'xml:lang="ar"' in text and "xx" not in text
    assert "[concept-id]" not in run("validate", str(dest)).stdout
    bad_map = run("import", str(PEERS / "csv2tbx.tbx"), "-o", str(dest), "--lang-map", "xx")
    assert bad_map.exit_code == 2 and "CODE=LANGUAGE" in bad_map.stderr


def test_import_a_tab_glossary(tmp_path: Path, run) -> None:  # type: ignore[no-untyped-def]
    source = tmp_path / "omegat.txt"
    source.write_text("اتفاقية هانوي\tHanoi Convention\tshort name\n2024 دورة\t2024 session\n", encoding="utf-8")
    dest = tmp_path / "g.tbx"
    no_langs = run("import", str(source), "-o", str(dest))  # the sample project has two source languages
    assert no_langs.exit_code == 2 and "--src-lang" in no_langs.stderr and not dest.exists()
    ok = run("import", str(source), "-o", str(dest), "--src-lang", "ar", "--tgt-lang", "en")
    assert ok.exit_code == 0
    listed = run("list", "-g", str(dest)).stdout
    assert "اتفاقية-هانوي\n  ar: اتفاقية هانوي [preferred]\n  en: Hanoi Convention [preferred]  -- short name" in listed


def test_export_tbx_v2_and_tab(tmp_path: Path, run) -> None:  # type: ignore[no-untyped-def]
    v2 = tmp_path / "g.tbx"
    assert run("export", "--format", "tbx-v2", "-o", str(v2)).exit_code == 0
    assert '<martif type="TBX-Basic"' in v2.read_text(encoding="utf-8")
    tab = tmp_path / "g.txt"
    two_sources = run("export", "-o", str(tab))
    assert two_sources.exit_code == 2 and "--src-lang" in two_sources.stderr  # the sample project: ar and fa
    assert run("export", "-o", str(tab), "--src-lang", "fa").exit_code == 0  # target: the project's, en
    first = tab.read_text(encoding="utf-8").splitlines()[0].split("\t")
    assert len(first) in (2, 3) and first[1].isascii()
    out = run("export", "--format", "tab", "--src-lang", "ar", "--tgt-lang", "en", "-o", "-")
    assert out.exit_code == 0 and "اتفاقية هانوي\tHanoi Convention" in out.stdout


def test_export_renames_ids_tbx_cannot_carry(tmp_path: Path, run) -> None:  # type: ignore[no-untyped-def]
    source = tmp_path / "g.csv"
    source.write_text("concept,lang,term,status,part_of_speech,note\n2024 session,en,2024 session,preferred,,\n",
                      encoding="utf-8")
    out = tmp_path / "g.tbx"
    result = run("export", "-g", str(source), "-o", str(out))
    assert result.exit_code == 0 and "written as 'c-2024-session'" in result.stderr
    assert '<conceptEntry id="c-2024-session">' in out.read_text(encoding="utf-8")
    strict = run("export", "-g", str(source), "-o", str(tmp_path / "h.tbx"), "--strict")
    assert strict.exit_code == 2 and not (tmp_path / "h.tbx").exists()
    same = run("export", "-g", str(source), "--format", "csv", "-o", "-")
    assert same.stdout.startswith("concept,") and "\n2024 session,en," in same.stdout  # CSV keeps the ids


@needs_omegat
def test_omegat_reads_the_tbx_v2_and_tab_exports(tmp_path: Path, run) -> None:  # type: ignore[no-untyped-def]
    """OmegaT 3.6's own readers, in a loaded Arabic-English project, read both exports (issue 16.1, 16.2)."""
    v2, tab = tmp_path / "hanoi.tbx", tmp_path / "hanoi.txt"
    assert run("export", "--format", "tbx-v2", "-o", str(v2)).exit_code == 0
    assert run("export", "-o", str(tab), "--src-lang", "ar").exit_code == 0
    rows = omegat_glossary(tmp_path, [v2, tab])
    by_file = {name: [r for r in rows if r[0] == name] for name in ("hanoi.tbx", "hanoi.txt")}
    assert len(by_file["hanoi.txt"]) == len(tab.read_text(encoding="utf-8").splitlines())
    pairs = {(r[1], r[2]) for r in by_file["hanoi.tbx"]}
    assert ("اتفاقية هانوي", "Hanoi Convention") in pairs and len(pairs) > 100
    assert {(r[1], r[2]) for r in by_file["hanoi.txt"]} <= pairs  # the tab layout: usable targets only
