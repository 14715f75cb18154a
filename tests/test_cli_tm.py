"""``wb tm``: import, export, stats, lookup, analyze, and their errors (exit 2, one line); the commands
on a store on each engine (the ``store`` fixture: SQLite, PostgreSQL)."""
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
def store(store_spec: str | Path) -> str | Path:
    """A store on each engine (an SQLite file, a PostgreSQL URL) holding two imports."""
    code, _, err = wb("tm", "import", DATA / "spec_full.tmx", DATA / "tmx11.tmx", "--store", store_spec)
    assert code == 0, err
    return store_spec


def test_import_reports_read_stored_merged_skipped(store_spec: str | Path) -> None:
    code, out, _ = wb("tm", "import", DATA / "repairs.tmx", "--store", store_spec)
    assert code == 0
    assert "repairs.tmx: 5 read, 4 stored, 0 merged, 1 skipped" in out
    assert "repairs.tmx:11 (tuid no-seg): skipped: TUV (ar) without <seg>" in out
    code, out, _ = wb("tm", "import", DATA / "repairs.tmx", "--store", store_spec, "--format", "json")
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
def test_bad_input_is_one_line_exit_2_and_store_unchanged(store: str | Path, name: str, message: str) -> None:
    before = wb("tm", "stats", "--store", store, "--format", "json")[1]
    code, out, err = wb("tm", "import", DATA / name, "--store", store)
    assert code == 2 and message in err and err.count("\n") == 1 and err.startswith("wb: error: ")
    after = json.loads(wb("tm", "stats", "--store", store, "--format", "json")[1])
    assert after["tus"] == json.loads(before)["tus"] and after["imports"] == json.loads(before)["imports"]


def test_strict_import_fails(tmp_path: Path) -> None:
    code, _, err = wb("tm", "import", DATA / "repairs.tmx", "--strict", "--store", tmp_path / "s.sqlite")
    assert code == 2 and "unless --strict" in err


@pytest.mark.parametrize("name", ["truncated.tmx", "repairs.tmx", "missing.tmx"])
def test_a_failed_first_import_leaves_no_store(tmp_path: Path, name: str) -> None:
    """A store the failed command would have made is not left behind, empty; one that was there stays."""
    code, _, _ = wb("tm", "import", DATA / name, "--strict", "--store", tmp_path / "s.sqlite")
    assert code == 2 and sorted(p.name for p in tmp_path.iterdir()) == []
    assert wb("tm", "import", DATA / "tmx11.tmx", "--store", tmp_path / "s.sqlite")[0] == 0
    assert wb("tm", "import", DATA / name, "--strict", "--store", tmp_path / "s.sqlite")[0] == 2
    assert (tmp_path / "s.sqlite").is_file()


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


def test_export_tmx_to_stdout_and_file(store: str | Path, tmp_path: Path) -> None:
    code, out, err = wb("tm", "export", "--store", store)
    assert code == 0 and out.startswith("<?xml") and "6 TU(s) written" in err
    code, dash, _ = wb("tm", "export", "--store", store, "-o", "-")  # - is stdout too
    assert code == 0 and dash.startswith("<?xml") and not Path("-").exists()
    code, _, _ = wb("tm", "export", "--store", store, "--langs", "ar,en", "-o", tmp_path / "ar-en.tmx")
    with TmxReader(tmp_path / "ar-en.tmx") as reader:
        tus = list(reader)
    assert len(tus) == 6 and all({t.lang.split("-")[0] for t in tu.tuvs} == {"ar", "en"} for tu in tus)


@pytest.mark.parametrize("fmt", ["tsv", "csv", "po"])
def test_export_bitext_and_import_back(store: str | Path, tmp_path: Path, fmt: str) -> None:
    out = tmp_path / f"pairs.{fmt}"
    assert wb("tm", "export", "--store", store, "--format", fmt, "--langs", "ar,en", "-o", out)[0] == 0
    code, report, err = wb("tm", "import", out, "--store", tmp_path / "again.sqlite",
                           *(["--src-lang", "ar", "--tgt-lang", "en"] if fmt == "po" else []))
    assert code == 0, err
    assert f"{out}: 6 read, 6 stored" in report


def test_export_and_import_moses(store: str | Path, tmp_path: Path) -> None:
    assert wb("tm", "export", "--store", store, "--format", "moses", "--langs", "en,ar", "-o", tmp_path / "c")[0] == 0
    code, out, _ = wb("tm", "import", tmp_path / "c.en", tmp_path / "c.ar", "--from", "moses",
                      "--store", tmp_path / "m.sqlite")
    assert code == 0 and "6 read, 6 stored" in out
    code, _, err = wb("tm", "export", "--store", store, "--format", "moses", "--langs", "en,ar")
    assert code == 2 and "-o STEM" in err


def test_bitext_export_needs_two_languages(store: str | Path) -> None:
    code, _, err = wb("tm", "export", "--store", store, "--format", "tsv")
    assert code == 2 and "--langs" in err


def test_stats_formats(store: str | Path) -> None:
    code, out, _ = wb("tm", "stats", "--store", store)
    assert code == 0 and "TUs        6" in out
    rows = list(csv.DictReader(io.StringIO(wb("tm", "stats", "--store", store, "--format", "csv")[1])))
    assert {"what": "language", "key": "fa", "count": "1"} in rows


def test_lookup_formats(store: str | Path) -> None:
    code, out, _ = wb("tm", "lookup", "قال نائب الوزير إن المؤتمر ناجح", "--store", store)
    assert code == 0 and "deputy minister" in out
    matches = json.loads(wb("tm", "lookup", "قال نائب الوزير إن المؤتمر ناجح", "--store", store, "--format", "json")[1])
    assert matches[0]["score"] > 90 and matches[0]["target_lang"] == "en"
    code, out, err = wb("tm", "lookup", "لا شيء يشبه هذا", "--store", store, "--min", "95")
    assert code == 0 and out == "" and "no match" in err
    code, _, err = wb("tm", "lookup", "x", "--store", store, "--src", "not a tag!")
    assert code == 2 and "language tag" in err


def test_analyze(store: str | Path, tmp_path: Path) -> None:
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
    assert not (tmp_path / "s.sqlite").exists()  # nothing stored: no store made


def test_po_fuzzy_entries_are_skipped_or_kept_marked(tmp_path: Path) -> None:
    po, skipped, kept = DATA / "po" / "ar.po", tmp_path / "s.sqlite", tmp_path / "k.sqlite"
    code, out, _ = wb("tm", "import", po, "--src-lang", "en", "--store", skipped, "--format", "json")
    report = json.loads(out)[0]
    assert code == 0 and (report["read"], report["stored"], report["skipped"]) == (7, 4, 3)
    assert {"action": "skipped", "kind": "po-fuzzy", "message": "fuzzy entry 'Close the window': its translation is "
            "unchecked, made for 'Close the file' (--keep-fuzzy imports it, marked)", "path": str(po), "line": 20,
            "tuid": None} in report["issues"]
    lookup = ("tm", "lookup", "Close the window", "--src", "en", "--tgt", "ar", "--format", "json", "--store")
    assert json.loads(wb(*lookup, skipped)[1]) == []
    code, out, _ = wb("tm", "import", po, "--src-lang", "en", "--keep-fuzzy", "--store", kept, "--format", "json")
    assert code == 0 and json.loads(out)[0]["stored"] == 5
    (match,) = json.loads(wb(*lookup, kept)[1])
    assert (match["target"], match["score"], match["fuzzy"]) == ("أغلق الملف", 90.0, True)  # not a 100% match
    assert "أغلق الملف  (fuzzy: unchecked translation)" in wb(*lookup[:-3], "--store", kept)[1]
    code, out, _ = wb("tm", "export", "--format", "po", "--langs", "en,ar", "--store", kept)
    assert '#, fuzzy\n#| msgid "Close the file"\nmsgid "Close the window"' in out and 'msgstr[4] "%d وثيقةً"' in out


def test_tsv_header_is_detected_or_decided(tmp_path: Path) -> None:
    en_ar, into = ("--src-lang", "en", "--tgt-lang", "ar"), ("--format", "json", "--store")
    code, out, _ = wb("tm", "import", DATA / "header_words.tsv", *en_ar, *into, tmp_path / "a.sqlite")
    report = json.loads(out)[0]
    assert code == 0 and (report["read"], report["stored"]) == (2, 2)
    assert {"action": "info", "kind": "header", "count": 1} in report["issue_counts"]
    code, out, _ = wb("tm", "import", DATA / "header_words.tsv", *en_ar, "--no-header", *into, tmp_path / "b.sqlite")
    assert json.loads(out)[0]["stored"] == 3
    code, out, _ = wb("tm", "import", DATA / "header_langs.csv", *into, tmp_path / "c.sqlite")
    assert code == 0 and json.loads(out)[0]["stored"] == 2
    code, _, err = wb("tm", "import", DATA / "header_langs.csv", *en_ar, "--store", tmp_path / "d.sqlite")
    assert code == 2 and err.startswith("wb: error: ") and err.count("\n") == 1 and "--no-header" in err
    assert "--header / --no-header" in wb("tm", "import", "--help")[1]


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    shutil.copy(ROOT / "workbench.toml", tmp_path)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_import_into_a_project_records_the_file_once(project: Path) -> None:
    code, out, err = wb("tm", "import", DATA / "tmx11.tmx")
    assert code == 0
    assert "recorded in tmx/tmx11.tmx" in err
    assert out.count("tmx11.tmx: 2 read") == 1 and " read, " not in err  # the report once, on stdout
    assert (project / "tmx" / "tmx11.tmx").read_bytes() == (DATA / "tmx11.tmx").read_bytes()
    code, _, err = wb("tm", "import", DATA / "tmx11.tmx", "--store", project / "build" / "memory.sqlite")
    assert code == 0 and "already among the project's memories (tmx/tmx11.tmx)" in err
    code, _, err = wb("tm", "import", project / "tmx" / "tmx11.tmx")
    assert code == 0 and "already among" in err
    assert [p.name for p in (project / "tmx").iterdir()] == ["tmx11.tmx"]


def test_a_different_memory_of_a_recorded_name_is_an_error(project: Path) -> None:
    assert wb("tm", "import", DATA / "tmx11.tmx")[0] == 0
    before = wb("tm", "stats", "--format", "json")[1]
    for name in ("tmx11.tmx", "hanoi-convention.ar-en.tmx"):  # a memory recorded, the project's export
        other = project / "elsewhere" / name
        other.parent.mkdir(exist_ok=True)
        shutil.copy(DATA / "spec_full.tmx", other)
        code, _, err = wb("tm", "import", other)
        assert code == 2 and err.startswith("wb: error: ") and err.count("\n") == 1 and "rename the file" in err
    assert (project / "tmx" / "tmx11.tmx").read_bytes() == (DATA / "tmx11.tmx").read_bytes()
    assert [p.name for p in (project / "tmx").iterdir()] == ["tmx11.tmx"]
    assert wb("tm", "stats", "--format", "json")[1] == before


def test_a_failed_import_or_another_store_records_nothing(project: Path) -> None:
    code, _, _ = wb("tm", "import", DATA / "malformed.tmx")
    assert code == 2
    code, _, err = wb("tm", "import", DATA / "tmx11.tmx", "--store", project / "other.sqlite")
    assert code == 0 and "recorded" not in err
    assert not (project / "tmx").exists() or not list((project / "tmx").iterdir())


def test_other_formats_are_recorded_as_the_tmx_of_what_they_stored(project: Path) -> None:
    code, _, err = wb("tm", "import", DATA / "sample_ar.po", "--src-lang", "en", "--tgt-lang", "ar",
                      "--on-duplicate", "add")
    assert code == 0, err
    assert "recorded (as TMX) in tmx/sample_ar.tmx" in err and "--on-duplicate keep" in err
    again = project / "again.sqlite"
    assert wb("tm", "import", project / "tmx" / "sample_ar.tmx", "--store", again)[0] == 0
    stored = wb("tm", "export", "--format", "tsv", "--langs", "en,ar")[1]
    assert stored and wb("tm", "export", "--format", "tsv", "--langs", "en,ar", "--store", again)[1] == stored
    code, _, err = wb("tm", "import", DATA / "sample_ar.po", "--src-lang", "en", "--tgt-lang", "ar")
    assert code == 0 and "already among the project's memories (tmx/sample_ar.tmx)" in err
    assert [p.name for p in (project / "tmx").iterdir()] == ["sample_ar.tmx"]


def test_stats_counts_regional_variants_under_their_language(tmp_path: Path) -> None:
    from workbench.model import TU, TUV
    from workbench.tm import Store

    path = tmp_path / "regions.sqlite"
    with Store(path) as s:
        s.add_tus([TU((TUV.plain("ar", f"جملة {i}"), TUV.plain(lang, f"sentence {i}")), attrs=(("srclang", "ar"),))
                   for i, lang in enumerate(["en", "en-GB", "en-GB", "en-US", "fa"])])
        s.add_tus([TU((TUV.plain("en-US", "color"), TUV.plain("en-GB", "colour")), attrs=(("srclang", "en-US"),))])
    stats = json.loads(wb("tm", "stats", "--store", path, "--format", "json")[1])
    assert stats["languages"] == {"ar": 5, "en": 6, "fa": 1}
    assert stats["tags"]["en"] == {"en": 1, "en-GB": 3, "en-US": 2}
    assert stats["pairs"] == [{"source": "ar", "target": "en", "tus": 4}, {"source": "ar", "target": "fa", "tus": 1}]
    code, out, _ = wb("tm", "stats", "--store", path)
    assert code == 0 and "  en       6  (en 1, en-GB 3, en-US 2)\n" in out and "  ar       5\n" in out
    exact = json.loads(wb("tm", "stats", "--store", path, "--exact", "--format", "json")[1])
    assert exact["languages"] == {"ar": 5, "en": 1, "en-GB": 3, "en-US": 2, "fa": 1} and "tags" not in exact
    assert {"source": "en-US", "target": "en-GB", "tus": 1} in exact["pairs"]
    rows = list(csv.DictReader(io.StringIO(wb("tm", "stats", "--store", path, "--format", "csv")[1])))
    assert {"what": "language", "key": "en", "count": "6"} in rows


def test_every_phase_of_an_import_shows_progress_in_tus_and_mb(project: Path,
                                                                shown: dict[str, list[tuple[int, int, str]]]) -> None:
    from workbench.formats.tmx import header_for_export, write_tmx
    from workbench.model import TU, TUV

    tmx = project / "big.tmx"
    write_tmx(tmx, (TU((TUV.plain("ar", f"الجملة رقم {i}"), TUV.plain("en", f"Sentence number {i}")),
                       attrs=(("srclang", "ar"),)) for i in range(1100)), header_for_export(None, "ar"))
    size = f"{tmx.stat().st_size / 1e6:,.1f}"
    assert wb("tm", "import", tmx)[0] == 0
    assert list(shown) == ["recording big.tmx in tmx/", "importing big.tmx", "indexing 1,100 TUs"]
    assert shown["recording big.tmx in tmx/"][-1] == (tmx.stat().st_size, tmx.stat().st_size, f"{size}/{size} MB")
    importing = [words.split(", ") for _, _, words in shown["importing big.tmx"]]  # every 512 TUs
    assert [tus for _, tus in importing] == ["512 TUs", "1,024 TUs"]
    assert all(mb.endswith(f"/{size} MB") for mb, _ in importing)
    done, total, words = shown["indexing 1,100 TUs"][-1]
    assert done == total == 2200 and words.startswith("1,100/1,100 TUs, ") and words.endswith(" MB")


def test_a_store_migrated_from_schema_4_makes_its_fuzzy_index_again_with_progress(
        tmp_path: Path, shown: dict[str, list[tuple[int, int, str]]]) -> None:
    import sqlite3

    from workbench.formats.tmx import header_for_export, write_tmx
    from workbench.model import TU, TUV

    tmx, path = tmp_path / "m.tmx", tmp_path / "tm.sqlite"
    write_tmx(tmx, (TU((TUV.plain("ar", f"الجملة رقم {i}"), TUV.plain("en", f"Sentence number {i}")),
                       attrs=(("srclang", "ar"),)) for i in range(60)), header_for_export(None, "ar"))
    assert wb("tm", "import", tmx, "--store", path)[0] == 0
    db = sqlite3.connect(path)  # the store as schema 4 had it: segments without each variant's date
    db.execute("ALTER TABLE fz_seg DROP COLUMN newest")
    db.execute("PRAGMA user_version = 4")
    db.commit()
    db.close()
    shown.clear()  # the import's bars
    code, out, _ = wb("tm", "lookup", "الجملة رقم 17", "--store", path, "--min", "100")
    assert code == 0 and "Sentence number 17" in out
    assert list(shown) == ["indexing 60 TUs"]
    done, total, words = shown["indexing 60 TUs"][-1]
    assert done == total == 120 and words.startswith("60/60 TUs, ") and words.endswith(" MB")
    shown.clear()
    assert wb("tm", "concordance", "رقم 17", "--store", path)[0] == 0
    assert not shown  # made once


@pytest.mark.parametrize("policy", ["keep", "replace"])
def test_a_large_import_indexes_as_it_stores(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, policy: str) -> None:
    from workbench.tm import Store, fuzzy, indexer, transfer
    from workbench.tm.concordance import concordance
    from workbench.tm.fuzzy import FuzzyIndex

    monkeypatch.setattr(transfer, "PARALLEL_BYTES", 0)  # "large": the index made alongside, in a helper
    monkeypatch.setattr(fuzzy, "SEGMENT_DOCS", 7)
    monkeypatch.setattr(indexer, "CHUNK", 5)
    path, again = tmp_path / "tm.sqlite", tmp_path / "again.sqlite"
    for tmx in [DATA / "spec_full.tmx", *sorted(DATA.glob("omegat_ar_*.tmx"))]:
        code, _, err = wb("tm", "import", tmx, "--store", path, "--on-duplicate", policy)
        assert code == 0, err
        with Store(path) as s:
            assert s.setting("fuzzy") == "fresh"
    shutil.copy(path, again)
    with Store(path) as made, Store(again) as whole:
        whole.set_setting("fuzzy", "stale")
        FuzzyIndex(whole).build()
        texts = [tuv.text for tu in made.tus() for tuv in tu.tuvs if tuv.text.strip()]
        assert len(texts) > 20 and made.db.execute("SELECT count(*) FROM fz_seg").fetchone()[0] > 2
        for text in texts:
            for lang in ("ar", "en"):
                assert FuzzyIndex(made).lookup(text, lang, "en" if lang == "ar" else "ar", 50) == \
                    FuzzyIndex(whole).lookup(text, lang, "en" if lang == "ar" else "ar", 50)
            assert concordance(made, text) == concordance(whole, text)


def _stats(store: Path) -> dict[str, object]:
    stats = json.loads(wb("tm", "stats", "--store", store, "--format", "json")[1])
    return {k: stats[k] for k in ("tus", "tuvs", "languages", "pairs")}


@pytest.mark.parametrize(("name", "args"), [
    ("spec_full.tmx", ()), ("sample_ar.po", ("--src-lang", "en")), ("header_words.tsv", ("--src-lang", "ar", "--tgt-lang", "en")),
])
@pytest.mark.parametrize("module", ["gzip", "bz2", "lzma"])
def test_a_compressed_file_imports_as_its_content(tmp_path: Path, name: str, args: tuple[str, ...], module: str) -> None:
    import importlib

    packed = tmp_path / f"{name}.{ {'gzip': 'gz', 'bz2': 'bz2', 'lzma': 'xz'}[module] }"
    packed.write_bytes(importlib.import_module(module).compress((DATA / name).read_bytes()))
    code, out, err = wb("tm", "import", packed, "--store", tmp_path / "packed.sqlite", *args)
    assert code == 0, err
    assert wb("tm", "import", DATA / name, "--store", tmp_path / "plain.sqlite", *args)[0] == 0
    assert _stats(tmp_path / "packed.sqlite") == _stats(tmp_path / "plain.sqlite")
    assert out.startswith(f"{packed}: ")


def test_compressed_stdin_imports_as_its_content(tmp_path: Path) -> None:
    import gzip

    res = CliRunner().invoke(cli, ["tm", "import", "-", "--store", str(tmp_path / "s.sqlite")],
                             input=gzip.compress((DATA / "spec_full.tmx").read_bytes()))
    assert res.exit_code == 0, res.stderr
    assert wb("tm", "import", DATA / "spec_full.tmx", "--store", tmp_path / "plain.sqlite")[0] == 0
    assert _stats(tmp_path / "s.sqlite") == _stats(tmp_path / "plain.sqlite")


def test_damaged_compressed_input_is_one_line_and_the_store_stays(store: str | Path, tmp_path: Path) -> None:
    import gzip

    cut = tmp_path / "cut.tmx.gz"
    cut.write_bytes(gzip.compress((DATA / "spec_full.tmx").read_bytes())[:-40])
    before = wb("tm", "stats", "--store", store, "--format", "json")[1]
    code, _, err = wb("tm", "import", cut, "--store", store)
    assert code == 2 and err == f"wb: error: {cut}: gzip data cut short: the file is incomplete\n"
    assert wb("tm", "stats", "--store", store, "--format", "json")[1] == before


@pytest.mark.parametrize(("name", "starts"), [
    ("pairs.tsv", b"ar\ten\n"), ("pairs.csv", b"ar,en"), ("pairs.po", b"#"), ("pairs.xlf", b"<?xml"),
    ("memory.tmx", b"<?xml"), ("memory.out", b"<?xml"),
])
def test_export_takes_the_format_from_the_output_name(tmp_path: Path, name: str, starts: bytes) -> None:
    store = tmp_path / "s.sqlite"
    assert wb("tm", "import", DATA / "header_words.tsv", "--store", store, "--src-lang", "ar", "--tgt-lang", "en")[0] == 0
    code, _, err = wb("tm", "export", "--store", store, "-o", tmp_path / name, "--langs", "ar,en")
    assert code == 0, err
    assert (tmp_path / name).read_bytes().lstrip(b"\xef\xbb\xbf").startswith(starts)
    if name.endswith(".xlf"):
        assert b"urn:oasis:names:tc:xliff" in (tmp_path / name).read_bytes()


def test_a_compressed_export_round_trips(tmp_path: Path) -> None:
    import gzip

    store = tmp_path / "s.sqlite"
    assert wb("tm", "import", DATA / "spec_full.tmx", "--store", store)[0] == 0
    assert wb("tm", "export", "--store", store, "-o", tmp_path / "m.tmx")[0] == 0
    code, _, err = wb("tm", "export", "--store", store, "-o", tmp_path / "m.tmx.gz")
    assert code == 0 and "written to" in err
    assert gzip.decompress((tmp_path / "m.tmx.gz").read_bytes()) == (tmp_path / "m.tmx").read_bytes()
    code, _, err = wb("tm", "export", "--store", store, "-o", tmp_path / "p.tsv.gz", "--langs", "en,ar")
    assert code == 0, err
    assert gzip.decompress((tmp_path / "p.tsv.gz").read_bytes()).startswith(b"en\tar\n")


def test_opus_and_flores_language_codes_are_the_languages_they_name(tmp_path: Path) -> None:
    """``arb`` (Standard Arabic) and ``pes`` (Iranian Persian), as OPUS, NTREX and FLORES tag them,
    are stored as ``ar`` and ``fa`` (a repair the report names), so lookups in ``ar`` find them."""
    tmx = tmp_path / "opus.tmx"
    tmx.write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4"><header srclang="arb" creationtool="t" '
        'creationtoolversion="1" segtype="sentence" o-tmf="t" adminlang="en" datatype="plaintext"/><body>\n'
        '<tu><tuv xml:lang="arb"><seg>وقعت فيتنام على اتفاقية هانوي في العاصمة</seg></tuv>'
        '<tuv xml:lang="eng"><seg>Viet Nam signed the Hanoi Convention in the capital</seg></tuv>'
        '<tuv xml:lang="pes_Arab"><seg>ویتنام کنوانسیون هانوی را در پایتخت امضا کرد</seg></tuv></tu>\n'
        '</body></tmx>\n', encoding="utf-8")
    store = tmp_path / "opus.sqlite"
    code, out, err = wb("tm", "import", tmx, "--store", store)
    assert code == 0, err
    assert "language tag 'arb' normalized to 'ar'" in out + err
    stats = json.loads(wb("tm", "stats", "--store", store, "--format", "json")[1])
    assert stats["languages"] == {"ar": 1, "en": 1, "fa": 1}
    matches = json.loads(wb("tm", "lookup", "وقعت فيتنام على اتفاقية هانوي", "--src", "ar", "--tgt", "en",
                            "--store", store, "--format", "json")[1])
    assert matches and matches[0]["target"] == "Viet Nam signed the Hanoi Convention in the capital"


def test_import_report_says_a_repeated_repair_once(tmp_path: Path) -> None:
    tmx = tmp_path / "repeated.tmx"
    tmx.write_text('<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4"><header srclang="en" creationtool="t" '
                   'creationtoolversion="1" segtype="sentence" o-tmf="t" adminlang="en" datatype="plaintext"/><body>\n'
                   + "".join(f'<tu><tuv xml:lang="en"><seg>one {i}</seg></tuv><tuv xml:lang="arb"><seg>واحد {i}</seg></tuv></tu>\n'
                             for i in range(30)) + "</body></tmx>\n", encoding="utf-8")
    code, out, err = wb("tm", "import", tmx, "--store", tmp_path / "r.sqlite")
    assert code == 0, err
    report = out + err
    assert "language tag 'arb' normalized to 'ar' (and 29 more like it)" in report
    assert report.count("normalized to 'ar'") == 1 and "more (see --format json" not in report
