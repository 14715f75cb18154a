"""workbench.check.exchanged: the pairs of PO, TMX, XLIFF and table files as a check context."""
from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from workbench.check.exchanged import Unit, _Builder, exchanged_context, exchanged_format, read_units
from workbench.check.session import CheckRequest, run_request
from workbench.errors import InputError
from workbench.model import Finding

DATA = Path(__file__).parent / "data" / "exchanged"
GLOSSARY = DATA / "glossary.csv"
#: file, --lang, --target-lang, line of unit 1 (the one whose "General Assembly" is half given), its id
FILES = [
    ("units.po", "ar", "en", 15, ""),
    ("units.tmx", None, None, 1, ""),
    ("units.xlf", "ar", "en", 29, "3"),
    ("units-12.xlf", None, None, 5, "title"),
    ("units-20.xlf", None, None, 5, "title"),
    ("units.tsv", None, None, 2, ""),
]


def _run(name: str, lang: str | None = None, target: str | None = None, glossary: Path | None = GLOSSARY
         ) -> list[Finding]:
    return run_request(CheckRequest(paths=(DATA / name,), glossary=glossary, lang=lang, target_lang=target)).findings


@pytest.mark.parametrize(("name", "lang", "target", "line", "uid"), FILES)
def test_a_half_given_name_is_flagged_at_its_unit(name: str, lang: str | None, target: str | None, line: int,
                                                  uid: str) -> None:
    found = [f for f in _run(name, lang, target) if f.check == "term-mismatch"]
    assert len(found) == 1, found  # not the unit that gives "General Assembly" whole
    f = found[0]
    assert (f.doc, f.line, f.column) == (f"{name}#ar", line, 8)  # the article is the term's
    assert f.surface == "الجمعية العامة" and f.suggestion == "General Assembly"
    assert f.segment == "اعتمدت الجمعية العامة الاتفاقية في عام 2024."
    assert f.message.endswith(f"(unit 1, id {uid!r})" if uid else "(unit 1)")
    assert f"line {line})" in f.message  # the check's own pointer to the target is the file's line too


@pytest.mark.parametrize(("name", "lang", "target", "line", "uid"), FILES)
def test_numbers_and_untranslated(name: str, lang: str | None, target: str | None, line: int, uid: str) -> None:
    findings = _run(name, lang, target, glossary=None)
    numbers = [f for f in findings if f.check == "number-mismatch"]
    assert [f.segment for f in numbers] in (["It opened for signature on 26 October."], [])
    if name != "units.tsv":  # its third row has no translation at all
        assert len(numbers) == 1 and "26" in numbers[0].message
    assert "65" not in " ".join(f.message for f in numbers)  # 65 countries: the same number
    untranslated = [f for f in findings if f.check == "untranslated"]
    if name != "units.tmx":  # po2tmx leaves the untranslated entry out
        assert any(f.message.startswith("no translation in") for f in untranslated)
    assert not [f for f in findings if f.check == "term-mismatch"]  # no glossary, no term checks


def test_the_po_file_gives_lines_of_its_entries() -> None:
    units = read_units(DATA / "units.po", "po", "ar", "en")
    lines = (DATA / "units.po").read_text(encoding="utf-8").splitlines()
    assert [u.line for u in units] == [15, 19, 23, 27, 31, 35, 40]
    for u in units:  # each line is the entry's first (its reference comment)
        assert lines[u.line - 1].startswith("#: ")
    assert units[3].texts == (("ar", "شكرا لكم جميعا على الحضور اليوم."), ("en", ""))  # kept, untranslated


def test_fuzzy_and_unfinished_units_are_checked() -> None:
    findings = _run("units-12.xlf")
    assert any(f.check == "number-mismatch" and "id 'date'" in f.message for f in findings)  # needs-review
    assert not any("UNODC" in f.segment for f in findings)  # translate="no" is not checked


def test_languages_given_rename_a_bilingual_files_sides() -> None:
    units = read_units(DATA / "units.xlf", "xliff", "ar", "en")  # po2xliff said en-US and no target
    assert {u.texts[0][0] for u in units} == {"ar"} and {u.texts[1][0] for u in units} == {"en"}


def test_a_multilingual_tmx_is_checked_per_pair() -> None:
    ex = exchanged_context([DATA / "multi.tmx"])
    assert sorted(ex.ctx.documents) == ["multi.tmx#ar", "multi.tmx#en", "multi.tmx#fr"]
    assert [(c.pairs[0].src.lang, c.pairs[0].tgt.lang) for c in ex.directions()] == [("ar", "en"), ("ar", "fr")]
    findings = _run("multi.tmx")
    # the same Arabic sentence in English and in French is not "translated 2 ways"
    assert not [f for f in findings if f.check == "inconsistent-translation"]
    assert [(f.check, f.doc, f.line) for f in findings if f.check in ("number-mismatch", "untranslated")] == [
        ("untranslated", "multi.tmx#ar", 2), ("number-mismatch", "multi.tmx#fr", 1)]
    assert _run("multi.tmx", target="en") == []


def test_one_source_translated_two_ways_within_a_file() -> None:
    found = [f for f in _run("units.po", "ar", "en") if f.check == "inconsistent-translation"]
    assert [(f.line, f.places[0][1]) for f in found] == [(35, 40), (40, 35)]
    assert len({f.id for f in found}) == 2


@pytest.mark.parametrize(("name", "fmt"), [("units.po", "po"), ("units.tmx", "tmx"), ("units.xlf", "xliff"),
                                           ("units-20.xlf", "xliff"), ("units.tsv", "tsv"), ("units.csv", "csv")])
def test_formats_come_from_the_registry(name: str, fmt: str) -> None:
    assert exchanged_format(DATA / name) == fmt


def test_documents_and_termbases_are_not_files_of_pairs(tmp_path: Path) -> None:
    doc = tmp_path / "news.txt"
    doc.write_text("نص عربي.\n", encoding="utf-8")
    assert exchanged_format(doc) is None
    with pytest.raises(InputError, match="TBX termbase; wb check reads plain-text documents"):
        exchanged_format(Path(__file__).parent.parent / "glossary" / "hanoi-convention.tbx")


def test_a_file_without_pairs_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "one.tsv"
    path.write_text("ar\ten\nنص\t\n", encoding="utf-8")
    assert len(exchanged_context([path]).ctx.pairs) == 1  # untranslated, but a pair
    path.write_text("ar\ten\n", encoding="utf-8")
    with pytest.raises(InputError, match="no translation pairs to check"):
        exchanged_context([path])


texts = st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=20)  # empty ones never become segments


@given(st.lists(st.tuples(st.one_of(st.none(), st.integers(1, 60)), texts), min_size=1, max_size=12))
def test_each_unit_is_exact_in_its_document_and_on_its_line(units: list[tuple[int | None, str]]) -> None:
    b = _Builder("f.po#ar", "ar")
    lines = sorted(line for line, _ in units if line is not None)
    at = iter(lines)
    made = [b.add(Unit("f.po", n + 1, next(at) if line is not None else None, "", "ar", (("ar", text),)), text)
            for n, (line, text) in enumerate(units)]
    doc = b.document()
    previous = 0
    for seg, unit in zip(made, b.units, strict=True):
        assert doc.text[seg.start:seg.end] == seg.text
        assert doc.place(seg.start, seg.end)[1] == seg.line > previous  # units in order, one a line at least
        if seg.line != (unit.line or unit.number):
            assert previous >= (unit.line or unit.number) - 1  # only where the units before left no room
        breaks = seg.text.count("\n") + seg.text.count("\r") - seg.text.count("\r\n")
        previous = seg.line + breaks - seg.text.endswith(("\r", "\n"))  # the last line it takes


def test_findings_of_two_pairs_on_one_source_keep_apart(tmp_path: Path) -> None:
    gloss = tmp_path / "g.csv"
    gloss.write_text(GLOSSARY.read_text(encoding="utf-8") +
                     "un-general-assembly,fr,Assemblée générale,preferred,noun,,,,,,\n", encoding="utf-8")
    tmx = tmp_path / "m.tmx"
    tmx.write_text('<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4"><header srclang="ar" segtype="sentence" '
                   'o-tmf="x" adminlang="en" datatype="plaintext" creationtool="x" creationtoolversion="1"/><body>'
                   '<tu><tuv xml:lang="ar"><seg>ناقشت الجمعية العامة التقرير.</seg></tuv>'
                   '<tuv xml:lang="en"><seg>The assembly discussed the report.</seg></tuv>'
                   '<tuv xml:lang="fr"><seg>L\'assemblée a examiné le rapport.</seg></tuv></tu></body></tmx>\n',
                   encoding="utf-8")
    found = [f for f in run_request(CheckRequest(paths=(tmx,), glossary=gloss)).findings if f.check == "term-mismatch"]
    assert [f.suggestion for f in found] == ["General Assembly", "Assemblée générale"]
    assert found[1].id == f"{found[0].id}-fr" and {f.doc for f in found} == {"m.tmx#ar"}
