"""``wb convert``: memories and glossaries from one format to another, without a store."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from workbench.cli import cli
from workbench.formats.issues import ReadLog
from workbench.formats.tmx import TmxReader
from workbench.glossary.store import load_glossary, read_located
from workbench.model import TU, TMXHeader

DATA = Path(__file__).parent / "data"
TM = DATA / "tm"
EXAMPLES = DATA / "examples"
GLOSSARY = DATA / "glossary"


def wb(*args: str | Path) -> Result:
    return CliRunner().invoke(cli, [str(a) for a in args])


def ok(*args: str | Path) -> Result:
    res = wb(*args)
    assert res.exit_code == 0, res.output
    return res


def tmx(path: Path) -> tuple[TMXHeader, list[TU]]:
    with TmxReader(path, ReadLog(str(path))) as reader:
        return reader.header, list(reader)


def pairs(tus: list[TU], src: str, tgt: str) -> list[tuple[str, str]]:
    out = []
    for tu in tus:
        a, b = tu.variant(src), tu.variant(tgt)
        assert a is not None and b is not None
        out.append((a.text, b.text))
    return out


def fails(res: Result, message: str) -> None:
    assert res.exit_code == 2, res.output
    assert res.exception is None or isinstance(res.exception, SystemExit)
    lines = res.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("wb: error:") and message in lines[0], res.stderr


class TestMemories:
    @pytest.mark.parametrize("name", ["spec_full.tmx", "ttk_po2tmx_notes.tmx", "omegat_ar_level2.tmx", "utf16.tmx"])
    def test_tmx_to_tmx_is_lossless(self, tmp_path: Path, name: str) -> None:
        out = tmp_path / "out.tmx"
        res = ok("convert", TM / name, out)
        header, tus = tmx(TM / name)
        header2, tus2 = tmx(out)
        assert tus2 == tus
        assert f"{len(tus)} read, {len(tus)} stored" in res.stdout
        assert header2.props[:-1] == header.props and header2.notes == header.notes and header2.extra == header.extra
        assert header2.attr("creationtool") == header.attr("creationtool") or header.attr("creationtool") in (None, "workbench")

    def test_tmx_to_xliff_and_back(self, tmp_path: Path) -> None:
        source = Path("tmx/hanoi-convention.ar-en.tmx")
        source = Path(__file__).parent.parent / source
        ok("convert", source, tmp_path / "h.xlf", "--xliff-version", "2.1")
        assert b'version="2.1"' in (tmp_path / "h.xlf").read_bytes()[:400]
        ok("convert", tmp_path / "h.xlf", tmp_path / "back.tmx")
        _, tus = tmx(source)
        _, back = tmx(tmp_path / "back.tmx")
        assert pairs(back, "ar", "en") == pairs(tus, "ar", "en") and len(back) == 110

    def test_po_to_tmx_with_the_import_report(self, tmp_path: Path) -> None:
        res = ok("convert", EXAMPLES / "ui.ar.po", tmp_path / "ui.tmx", "--src-lang", "en", "--tgt-lang", "ar")
        assert "7 read, 4 stored, 0 merged, 3 skipped" in res.stdout
        assert "skipped: po-fuzzy" in res.stdout and "ui.ar.po:20: skipped: fuzzy entry" in res.stdout
        _, tus = tmx(tmp_path / "ui.tmx")
        assert len(tus) == 4 and all(tu.variant("en") and tu.variant("ar") for tu in tus)
        res = ok("convert", EXAMPLES / "ui.ar.po", tmp_path / "fuzzy.tmx", "--src-lang", "en", "--tgt-lang", "ar",
                 "--keep-fuzzy", "--format", "json")
        assert json.loads(res.stdout)[0]["stored"] == 5

    def test_tmx_to_tsv_and_back(self, tmp_path: Path) -> None:
        ok("convert", TM / "spec_full.tmx", tmp_path / "p.tsv", "--src-lang", "ar", "--tgt-lang", "en")
        lines = (tmp_path / "p.tsv").read_text(encoding="utf-8").splitlines()
        _, tus = tmx(TM / "spec_full.tmx")
        with_both = [tu for tu in tus if tu.variant("ar") and tu.variant("en")]
        assert lines[0] == "ar\ten" and len(lines) == len(with_both) + 1
        ok("convert", tmp_path / "p.tsv", tmp_path / "p.tmx")
        _, back = tmx(tmp_path / "p.tmx")
        assert lines[1:] == [f"{a}\t{b}" for a, b in pairs(back, "ar", "en")]
        assert pairs(back, "ar", "en")[0] == pairs(with_both, "ar", "en")[0]

    def test_moses_pair_in_and_out(self, tmp_path: Path) -> None:
        for lang in ("ar", "en"):
            shutil.copy(EXAMPLES / f"corpus.{lang}", tmp_path / f"corpus.{lang}")
        res = ok("convert", tmp_path / "corpus", tmp_path / "c.tmx", "--from", "moses", "--src-lang", "ar",
                 "--tgt-lang", "en")
        assert "3 read, 3 stored" in res.stdout
        ok("convert", tmp_path / "corpus.ar", tmp_path / "c2.tmx", "--from", "moses", "--src-lang", "ar",
           "--tgt-lang", "en")
        assert tmx(tmp_path / "c2.tmx")[1] == tmx(tmp_path / "c.tmx")[1]
        ok("convert", tmp_path / "c.tmx", tmp_path / "again", "--to", "moses")
        for lang in ("ar", "en"):
            assert (tmp_path / f"again.{lang}").read_text(encoding="utf-8") == \
                (tmp_path / f"corpus.{lang}").read_text(encoding="utf-8")

    def test_moses_needs_its_languages(self, tmp_path: Path) -> None:
        fails(wb("convert", EXAMPLES / "corpus", tmp_path / "c.tmx", "--from", "moses"), "--src-lang and --tgt-lang")


class TestGlossaries:
    def test_tbx_v3_to_v2_and_back(self, tmp_path: Path) -> None:
        ok("convert", GLOSSARY / "basic-v3.tbx", tmp_path / "v2.tbx", "--to", "tbx-v2")
        assert b"<martif" in (tmp_path / "v2.tbx").read_bytes()
        ok("convert", tmp_path / "v2.tbx", tmp_path / "v3.tbx")
        assert b"<tbx" in (tmp_path / "v3.tbx").read_bytes()
        assert list(load_glossary(tmp_path / "v3.tbx")) == list(load_glossary(GLOSSARY / "basic-v3.tbx"))

    def test_csv_to_tab(self, tmp_path: Path) -> None:
        res = ok("convert", EXAMPLES / "terms.csv", tmp_path / "terms.txt", "--to", "tab", "--src-lang", "ar",
                 "--tgt-lang", "en")
        assert "concept(s) written" in res.stderr
        rows = [line.split("\t") for line in (tmp_path / "terms.txt").read_text(encoding="utf-8").splitlines()]
        assert ["حماية البيانات", "data protection"] == rows[0][:2]
        back = read_located(tmp_path / "terms.txt", "tab", ("ar", "en"))
        assert {t.text for e in back for t in e.concept.terms} >= {"حماية البيانات", "data protection"}

    def test_a_glossary_csv_is_told_from_a_memory_csv(self, tmp_path: Path) -> None:
        ok("convert", EXAMPLES / "terms.csv", tmp_path / "terms.tbx")
        assert len(load_glossary(tmp_path / "terms.tbx")) == len(load_glossary(EXAMPLES / "terms.csv"))

    def test_ids_are_made_valid_and_reported(self, tmp_path: Path) -> None:
        fails(wb("convert", EXAMPLES / "csv2tbx-output.tbx", tmp_path / "out.tbx"), "--lang-map xx=ar")
        res = ok("convert", EXAMPLES / "csv2tbx-output.tbx", tmp_path / "out.tbx", "--lang-map", "xx=ar")
        assert "is not an XML name or is used twice" in res.stderr
        assert all(c.id.replace("-", "").replace("_", "").isalnum() for c in load_glossary(tmp_path / "out.tbx"))
        res = wb("convert", EXAMPLES / "csv2tbx-output.tbx", tmp_path / "strict.tbx", "--lang-map", "xx=ar", "--strict")
        assert res.exit_code == 2 and not (tmp_path / "strict.tbx").exists()

    def test_tab_needs_its_languages(self, tmp_path: Path) -> None:
        fails(wb("convert", EXAMPLES / "terms.csv", tmp_path / "t.txt", "--to", "tab"), "--src-lang and --tgt-lang")


class TestBadInput:
    def test_missing_file(self, tmp_path: Path) -> None:
        fails(wb("convert", tmp_path / "nope.tmx", tmp_path / "out.xlf"), "no such file")
        assert not (tmp_path / "out.xlf").exists()

    def test_a_memory_is_not_a_glossary(self, tmp_path: Path) -> None:
        fails(wb("convert", TM / "spec_full.tmx", tmp_path / "out.tbx"), "cannot convert tmx (memory) to tbx")

    def test_a_document_is_no_format(self, tmp_path: Path) -> None:
        doc = tmp_path / "doc.html"
        doc.write_text("<html><body>text</body></html>", encoding="utf-8")
        fails(wb("convert", doc, tmp_path / "out.tmx"), "not a format convert reads")

    def test_an_unknown_output_name(self, tmp_path: Path) -> None:
        fails(wb("convert", TM / "spec_full.tmx", tmp_path / "out.bin"), "say which with --to")

    @pytest.mark.parametrize("name", ["billion_laughs.tmx", "xxe.tmx", "malformed.tmx", "truncated.tmx"])
    def test_hostile_or_broken_tmx_leaves_no_output(self, tmp_path: Path, name: str) -> None:
        out = tmp_path / "out.xlf"
        res = wb("convert", TM / name, out, "--src-lang", "ar", "--tgt-lang", "en")
        fails(res, name)
        assert not out.exists() and list(tmp_path.iterdir()) == []

    @pytest.mark.parametrize("name", ["billion-laughs.tbx", "xxe.tbx", "undefined-entity.tbx"])
    def test_hostile_tbx(self, tmp_path: Path, name: str) -> None:
        fails(wb("convert", GLOSSARY / name, tmp_path / "out.csv"), name)
        assert list(tmp_path.iterdir()) == []

    def test_an_existing_output_stays_on_error(self, tmp_path: Path) -> None:
        out = tmp_path / "out.tmx"
        out.write_bytes(b"old")
        fails(wb("convert", TM / "truncated.tmx", out), "truncated.tmx")
        assert out.read_bytes() == b"old"

    def test_languages_the_file_does_not_hold_leave_no_empty_output(self, tmp_path: Path) -> None:
        """A PO or table of a pair no unit holds is an error naming the file's languages, not an empty file."""
        out = tmp_path / "out.po"
        out.write_bytes(b"old")
        fails(wb("convert", TM / "spec_full.tmx", out, "--src-lang", "fa", "--tgt-lang", "de"),
              "no translation unit holds both fa and de (the file holds ")
        assert out.read_bytes() == b"old"
        res = wb("convert", TM / "spec_full.tmx", "-", "--to", "tsv", "--src-lang", "fa", "--tgt-lang", "de")
        assert res.exit_code == 2 and res.stdout == ""

    def test_the_report_adds_up_when_a_writer_leaves_units_out(self, tmp_path: Path) -> None:
        """PO keeps one entry per msgid, and no bilingual output holds a TU without the pair: both counted and said."""
        units = "".join(f'<tu><tuv xml:lang="ar"><seg>نص {i % 3}</seg></tuv><tuv xml:lang="en"><seg>text {i}</seg></tuv></tu>'
                        for i in range(10))
        units += '<tu><tuv xml:lang="ar"><seg>وحيد</seg></tuv><tuv xml:lang="fr"><seg>seul</seg></tuv></tu>'
        source = tmp_path / "dup.tmx"
        source.write_text('<tmx version="1.4"><header creationtool="t" creationtoolversion="1" segtype="sentence" '
                          'o-tmf="t" adminlang="en" srclang="ar" datatype="plaintext"/>'
                          f"<body>{units}</body></tmx>", encoding="utf-8")
        res = ok("convert", source, tmp_path / "out.po", "--src-lang", "ar", "--tgt-lang", "en")
        assert "11 read, 3 stored, 7 merged, 0 skipped" in res.stdout
        assert "1 TU(s) without both ar and en left out" in res.stdout and "7 TU(s) with a msgid already" in res.stdout

    def test_empty_input(self, tmp_path: Path) -> None:
        empty = tmp_path / "empty.tsv"
        empty.write_text("", encoding="utf-8")
        fails(wb("convert", empty, tmp_path / "out.tmx", "--src-lang", "ar", "--tgt-lang", "en"), "no translation units")
        assert not (tmp_path / "out.tmx").exists()


def test_compressed_input_and_output_convert_as_their_content(tmp_path: Path) -> None:
    import bz2
    import gzip

    packed = tmp_path / "spec_full.tmx.bz2"
    packed.write_bytes(bz2.compress((TM / "spec_full.tmx").read_bytes()))
    (tmp_path / "plain").mkdir()
    ok("convert", TM / "spec_full.tmx", tmp_path / "plain" / "out.xlf")
    res = ok("convert", packed, tmp_path / "out.xlf.gz")
    assert "spec_full.tmx.bz2: " in res.output
    assert gzip.decompress((tmp_path / "out.xlf.gz").read_bytes()) == (tmp_path / "plain" / "out.xlf").read_bytes()
    glossary = tmp_path / "terms.tbx.gz"
    glossary.write_bytes(gzip.compress((GLOSSARY / "basic-v3.tbx").read_bytes()))
    ok("convert", glossary, tmp_path / "terms.csv")
    ok("convert", GLOSSARY / "basic-v3.tbx", tmp_path / "plain.csv")
    assert (tmp_path / "terms.csv").read_bytes() == (tmp_path / "plain.csv").read_bytes()
