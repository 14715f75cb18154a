"""``wb translate``: a document pre-translated from the memory as XLIFF, translated
as a CAT tool would, and brought back with ``wb tm import``; ``wb tm export --format xliff``."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from lxml import etree

from workbench.cli import cli
from workbench.formats.issues import ReadLog
from workbench.formats.xliff import MTC, NS12, NS20
from workbench.formats.xliff_read import XliffReader

ROOT = Path(__file__).resolve().parent.parent
DOC = ROOT / "corpus" / "ar" / "000_58c3c70ad8fced54_deputy-minister-interview.txt"
Q12 = f"{{{NS12}}}"
Q20 = f"{{{NS20}}}"


def wb(*args: str | Path) -> tuple[int, str, str]:
    res = CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)
    return res.exit_code, res.stdout, res.stderr


@pytest.fixture
def store(store_spec: str | Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str | Path:
    """A store of the sample project's Arabic-English memory, outside any project (a SQLite file,
    a PostgreSQL database)."""
    monkeypatch.chdir(tmp_path)
    code, _, err = wb("tm", "import", ROOT / "tmx" / "hanoi-convention.ar-en.tmx", "--store", store_spec)
    assert code == 0, err
    return store_spec


@pytest.fixture
def doc(tmp_path: Path) -> Path:
    """The interview with one sentence changed a little (a fuzzy match) and one new sentence."""
    text = DOC.read_text(encoding="utf-8").split("\n")
    first = next(i for i, line in enumerate(text) if "بالإجماع" in line)
    text[first] = text[first].replace("بالإجماع", "بأغلبية ساحقة")
    text.insert(first + 1, "وهذه جملة جديدة لم يترجمها أحد بعد.")
    path = tmp_path / "interview.txt"
    path.write_text("\n".join(text), encoding="utf-8")
    return path


def test_translate_fill_import_lookup(store: str | Path, doc: Path, tmp_path: Path) -> None:
    out = tmp_path / "interview.xlf"
    code, _, err = wb("translate", doc, "--to", "en", "--store", store, "-o", out)
    assert code == 0, err
    assert "exact" in err and "fuzzy" in err and str(out) in err
    tree = etree.parse(str(out))
    units = list(tree.iter(f"{Q12}trans-unit"))
    states = [(u.find(f"{Q12}target").get("state") if u.find(f"{Q12}target") is not None else None,
               u.find(f"{Q12}target").get("state-qualifier") if u.find(f"{Q12}target") is not None else None)
              for u in units]
    assert ("translated", "exact-match") in states and ("needs-review-translation", "fuzzy-match") in states
    locked = [u for u in units if u.get("translate") == "no"]
    assert locked and all(u.get("restype") == "x-boilerplate" for u in locked)
    fuzzy = next(u for u in units if u.find(f"{Q12}target") is not None
                 and u.find(f"{Q12}target").get("state-qualifier") == "fuzzy-match")
    quality = float(fuzzy.find(f"{Q12}alt-trans").get("match-quality"))
    assert 75 <= quality < 100
    new = next(u for u in units if "جملة جديدة" in u.findtext(f"{Q12}source"))
    assert new.find(f"{Q12}target") is None

    # The translator: translates the new sentence, leaves the fuzzy pre-fill unconfirmed.
    target = etree.SubElement(new, f"{Q12}target", state="translated")
    target.text = "This is a new sentence nobody has translated yet."
    tree.write(str(out), encoding="UTF-8", xml_declaration=True)

    code, report, err = wb("tm", "import", out, "--store", store, "--format", "json")
    assert code == 0, err
    result = json.loads(report)[0]
    assert result["stored"] == 1 and result["skipped"] >= 3
    kinds = {c["kind"] for c in result["issue_counts"]}
    assert {"xliff-unfinished", "xliff-not-translatable"} <= kinds
    code, found, _ = wb("tm", "lookup", "وهذه جملة جديدة لم يترجمها أحد بعد.", "--src", "ar", "--tgt", "en",
                        "--store", store, "--format", "json")
    assert json.loads(found)[0]["target"] == "This is a new sentence nobody has translated yet."
    assert json.loads(found)[0]["score"] == 100
    fuzzy_source = fuzzy.findtext(f"{Q12}source")
    code, found, _ = wb("tm", "lookup", fuzzy_source, "--src", "ar", "--tgt", "en", "--store", store, "--format", "json")
    assert json.loads(found)[0]["score"] < 100  # the unconfirmed pre-fill stayed out


def test_translate_as_xliff_21(store: str | Path, doc: Path, tmp_path: Path) -> None:
    out = tmp_path / "interview.xlf"
    code, _, err = wb("translate", doc, "--to", "en", "--from", "ar", "--store", store, "-o", out,
                      "--xliff-version", "2.1", "--min", "60")
    assert code == 0, err
    root = etree.parse(str(out)).getroot()
    assert (root.get("version"), root.get("srcLang"), root.get("trgLang")) == ("2.1", "ar", "en")
    states = [s.get("state") for s in root.iter(f"{Q20}segment")]
    assert "translated" in states and "initial" in states and None in states
    qualities = [float(m.get("matchQuality")) for m in root.iter(f"{{{MTC}}}match")]
    assert min(qualities) >= 60 and 100 in qualities
    tus = list(XliffReader(out, ReadLog(str(out))))
    assert tus and all(t.variant("en") is not None for t in tus)


def test_tm_export_xliff(store: str | Path, tmp_path: Path) -> None:
    tus = json.loads(wb("tm", "stats", "--store", store, "--format", "json")[1])["tus"]
    for version in ("1.2", "2.1"):
        out = tmp_path / f"m{version}.xlf"
        code, _, err = wb("tm", "export", "--store", store, "--format", "xliff", "--xliff-version", version,
                          "--langs", "ar,en", "-o", out)
        assert code == 0, err
        assert f"{tus} TU(s) written" in err
        log = ReadLog(str(out))
        assert len(list(XliffReader(out, log))) == tus and log.skipped == 0
    code, report, _ = wb("tm", "import", tmp_path / "m2.1.xlf", "--store", tmp_path / "again.sqlite")
    assert code == 0 and f"{tus} read, {tus} stored" in report


@pytest.mark.parametrize(("args", "message"), [
    (["missing.txt", "--to", "en"], "no such file"),
    (["{doc}", "--to", "english!!"], "english!!"),
    (["{doc}", "--to", "en", "--store", "{tmp}/none.sqlite"], "no such store"),
    (["{tmp}/empty.txt", "--to", "en"], "give --from"),
    (["{tmp}/empty.txt", "--to", "en", "--from", "ar"], "no text to translate"),
])
def test_bad_input_is_one_line_and_exit_2(store: str | Path, doc: Path, tmp_path: Path, args: list[str],
                                          message: str) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    args = [a.format(doc=doc, tmp=tmp_path) for a in args]
    if "--store" not in args:
        args += ["--store", str(store)]
    code, _, err = wb("translate", *args)
    assert code == 2 and message in err and len(err.strip().splitlines()) == 1
    assert not list(tmp_path.glob("*.xlf"))


def test_import_of_hostile_xliff_is_refused(store: str | Path, tmp_path: Path) -> None:
    bad = tmp_path / "bad.xlf"
    bad.write_text('<?xml version="1.0"?><!DOCTYPE xliff [<!ENTITY a "aa"><!ENTITY b "&a;&a;&a;">]>'
                   '<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">&b;</xliff>', encoding="utf-8")
    code, _, err = wb("tm", "import", bad, "--store", store)
    assert code == 2 and "entity declarations are not allowed" in err and len(err.strip().splitlines()) == 1
