"""The format registry: sniffing by content, then extension; one-line registration."""
from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from workbench.errors import InputError
from workbench.formats.registry import FORMATS, detect, register, sniff, sniff_content

DATA = Path(__file__).parent / "data" / "tm"


@pytest.mark.parametrize(("name", "fmt"), [("spec_full.tmx", "tmx"), ("utf16.tmx", "tmx"), ("oddcase.tmx", "tmx"),
                                           ("sample_ar.po", "po"), ("ttk_csv2po.po", "po")])
def test_sniffs_content(name: str, fmt: str) -> None:
    assert sniff(DATA / name) == fmt


def test_content_beats_extension(tmp_path: Path) -> None:
    path = tmp_path / "memory.txt"
    path.write_bytes((DATA / "tmx11.tmx").read_bytes())
    assert sniff(path) == "tmx"
    po = tmp_path / "x.dat"
    po.write_text('# comment\nmsgid ""\nmsgstr ""\n', encoding="utf-8")
    assert sniff(po) == "po"


def test_registering_is_one_line(tmp_path: Path) -> None:
    register("tbx-test", "workbench.formats.tmx:TmxReader", extensions=(".tbxt",), roots=("martif-test",))
    try:
        path = tmp_path / "g.xml"
        path.write_text('<?xml version="1.0"?>\n<!-- c -->\n<martif-test type="TBX"/>', encoding="utf-8")
        assert sniff(path) == "tbx-test"
        assert FORMATS["tbx-test"].load().__name__ == "TmxReader"  # type: ignore[attr-defined]
    finally:
        del FORMATS["tbx-test"]


def test_unknown_format_is_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "x.bin"
    path.write_bytes(b"\x00\x01")
    with pytest.raises(InputError, match="not a format this command reads"):
        detect(path)
    with pytest.raises(InputError, match="no such file"):
        detect(tmp_path / "missing.tmx")
    with pytest.raises(InputError, match="not a format this command reads"):
        detect(DATA / "not_tmx.xml")


@pytest.mark.parametrize("xml", [
    '<?xml version="1.0"?>\n<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2"><file/></xliff>',
    '<xliff:xliff xmlns:xliff="urn:oasis:names:tc:xliff:document:2.0" version="2.0"/>',
])
def test_xliff_is_sniffed_and_named(tmp_path: Path, xml: str) -> None:
    path = tmp_path / "app.dat"
    path.write_text(xml, encoding="utf-8")
    assert sniff(path) == "xliff"
    with pytest.raises(InputError, match="an XLIFF bilingual file, not a format this command reads"):
        detect(path, ("tmx", "po"))
    assert FORMATS["xliff"].load().__name__ == "read_xliff"  # type: ignore[attr-defined]


def test_a_txt_document_is_no_table(tmp_path: Path) -> None:
    """``.txt`` is a TSV memory's extension too: as a document, only content says a format."""
    doc = tmp_path / "article.txt"
    doc.write_text("قال نائب الوزير.\n", encoding="utf-8")
    assert sniff(doc) == "tsv" and sniff(doc, document=True) is None
    tmx = tmp_path / "memory.txt"
    tmx.write_bytes((DATA / "tmx11.tmx").read_bytes())
    assert sniff(tmx, document=True) == "tmx"
    assert sniff(DATA / "sample_ar.po", document=True) == "po"


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-16", "utf-32", "utf-16-be", "utf-32-be"])
def test_sniffs_content_whatever_the_bom(tmp_path: Path, encoding: str) -> None:
    """Issue 12: a UTF-32 file was sniffed as UTF-16 (the UTF-32 LE BOM begins with the UTF-16 LE one)."""
    bom = {"utf-16-be": codecs.BOM_UTF16_BE, "utf-32-be": codecs.BOM_UTF32_BE}.get(encoding, b"")
    path = tmp_path / "memory.dat"
    path.write_bytes(bom + '<?xml version="1.0"?>\n<tmx version="1.4"><header/><body/></tmx>\n'.encode(encoding))
    assert sniff(path) == "tmx"
    path.write_bytes(bom + 'msgid ""\nmsgstr ""\n'.encode(encoding))
    assert sniff(path) == "po"


@pytest.mark.parametrize("name", ["utf16le-nobom.tmx", "utf16be-nobom.tmx"])
def test_sniffs_utf16_xml_without_a_bom_by_content(name: str) -> None:
    """On stdin there is no extension to fall back on: XML in UTF-16 without a byte order mark is told by its bytes."""
    assert sniff_content((DATA / "dialects" / name).read_bytes()[:4096]) == "tmx"
    assert sniff_content(b"\0\0\0\0" * 8) is None
