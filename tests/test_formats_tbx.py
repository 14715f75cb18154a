"""TBX v3 (TBX-Basic, DCA) and TBX v2 (martif) read and write, hostile XML, the tools that read v2."""
from __future__ import annotations

import io
import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from workbench.errors import FormatError, InputError
from workbench.formats.tbx import (
    TERM_NOTES,
    read_tbx,
    read_tbx_located,
    write_tbx,
    write_tbx_v2,
)
from workbench.model import Concept, Term, TermStatus

DATA = Path(__file__).parent / "data" / "glossary"
ROOT = Path(__file__).resolve().parent.parent


def test_read_v3_dca() -> None:
    unodc, vienna = list(read_tbx(DATA / "basic-v3.tbx"))
    assert unodc.id == "c-unodc"
    assert (unodc.subject_field, unodc.source, unodc.note) == ("United Nations", "UN Terminology", "Vienna-based.")
    assert unodc.definition == "The UN office that fights drugs and crime."  # <hi> flattened
    assert [(t.lang, t.status.value) for t in unodc.terms] == [
        ("en", "preferred"), ("en", "admitted"), ("ar", "preferred"), ("fa", "preferred")]
    assert unodc.terms[0].context == "UNODC held an information session in Vienna."
    assert unodc.terms[0].part_of_speech == "noun"
    # superseded reads as deprecated; deprecated + "status: forbidden" note is forbidden
    assert [t.status for t in vienna.terms] == [TermStatus.PREFERRED, TermStatus.DEPRECATED, TermStatus.FORBIDDEN]
    assert vienna.terms[2].note == "Informal."


def test_read_v2_martif_tig_and_ntig() -> None:
    t1, t2 = list(read_tbx(DATA / "basic-v2.tbx"))
    assert [(t.lang, t.text) for t in t1.terms] == [("en", "extradition"), ("fa", "استرداد مجرمین")]
    assert t1.subject_field == "international law"
    assert t2.terms[0].context == "الاتفاقية تشمل تسليم المجرمين."
    assert t2.terms[0].status is TermStatus.ADMITTED  # no status given


def test_dct_style_is_read_like_dca(tmp_path: Path) -> None:
    (concept,) = read_tbx(DATA / "dct-style.tbx")
    assert concept.terms[0].text == "cybercrime" and concept.terms[0].status is TermStatus.PREFERRED
    dct = tmp_path / "dct.tbx"
    dct.write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n<tbx type="TBX-Basic" style="dct" xml:lang="en" '
        'xmlns="urn:iso:std:iso:30042:ed-2" xmlns:basic="http://www.tbxinfo.net/ns/basic" '
        'xmlns:min="http://www.tbxinfo.net/ns/min"><text><body><conceptEntry id="c1">'
        '<min:subjectField>law</min:subjectField><langSec xml:lang="ar"><termSec><term>تسليم المجرمين</term>'
        '<min:partOfSpeech>noun</min:partOfSpeech><basic:administrativeStatus>admittedTerm-admn-sts'
        '</basic:administrativeStatus></termSec></langSec></conceptEntry></body></text></tbx>', encoding="utf-8")
    (concept,) = read_tbx(dct)
    assert concept.subject_field == "law"
    assert (concept.terms[0].part_of_speech, concept.terms[0].status) == ("noun", TermStatus.ADMITTED)
    odd = tmp_path / "odd.tbx"
    odd.write_text(dct.read_text(encoding="utf-8").replace('style="dct"', 'style="xyz"'), encoding="utf-8")
    with pytest.raises(FormatError, match="unsupported TBX style 'xyz'"):
        list(read_tbx(odd))


def test_lines_are_reported() -> None:
    located = list(read_tbx_located(DATA / "basic-v3.tbx"))
    assert located[0].line == 12 and located[0].term_lines[0] == 20


@pytest.mark.parametrize(("name", "message"), [
    ("billion-laughs.tbx", "entity declarations are not allowed"),
    ("xxe.tbx", "entity declarations are not allowed"),
    ("unknown-dialect.tbx", "unsupported TBX dialect 'TBX-Linguist'"),
    ("malformed.tbx", "malformed XML"),
    ("undefined-entity.tbx", r":4:\d+: malformed XML: Entity 'nope' not defined"),
])
def test_bad_files_are_a_clear_format_error(name: str, message: str) -> None:
    start = time.monotonic()
    with pytest.raises(FormatError, match=message) as err:
        list(read_tbx(DATA / name))
    assert time.monotonic() - start < 2
    assert str(err.value).startswith(str(DATA / name) + ":")
    assert "root:" not in str(err.value) and "/etc/passwd" not in str(err.value)


def test_missing_file_and_not_tbx(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        list(read_tbx(tmp_path / "nope.tbx"))
    other = tmp_path / "memory.tmx"
    other.write_text('<?xml version="1.0"?><tmx version="1.4"><body/></tmx>', encoding="utf-8")
    with pytest.raises(FormatError, match="not a TBX file: root element is <tmx>"):
        list(read_tbx(other))
    empty = tmp_path / "empty.tbx"
    empty.write_bytes(b"")
    with pytest.raises(FormatError):
        list(read_tbx(empty))


def test_written_file_is_tbx_basic_dca(tmp_path: Path) -> None:
    concepts = list(read_tbx(DATA / "basic-v3.tbx"))
    out = tmp_path / "out.tbx"
    write_tbx(concepts, out, title="test")
    text = out.read_text(encoding="utf-8")
    assert text.startswith('<?xml version="1.0" encoding="UTF-8"?>\n<tbx xmlns="urn:iso:std:iso:30042:ed-2" '
                           'type="TBX-Basic" style="dca" xml:lang="en">')
    assert "ns0:" not in text and "supersededTerm" not in text
    assert "<note>status: forbidden</note>" in text
    assert list(read_tbx(out)) == concepts


def test_round_trip_is_byte_exact(tmp_path: Path) -> None:
    concepts = list(read_tbx(DATA / "basic-v3.tbx"))
    a, b = tmp_path / "a.tbx", tmp_path / "b.tbx"
    write_tbx(concepts, a)
    write_tbx(read_tbx(a), b)
    assert a.read_bytes() == b.read_bytes()


def test_write_to_stream_and_nothing_half_written(tmp_path: Path) -> None:
    buf = io.BytesIO()
    write_tbx([], buf)
    assert b"<body>\n    </body>" in buf.getvalue()
    target = tmp_path / "keep.tbx"
    target.write_bytes(b"old")

    def broken() -> object:
        yield Concept("c1", (Term("x", "en"),))
        raise RuntimeError("boom")

    with pytest.raises(RuntimeError):
        write_tbx(broken(), target)  # type: ignore[arg-type]
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["keep.tbx"]


# XML 1.0 characters, no surrounding white space (the reader strips it), no CR (XML normalizes it).
_text = st.text(st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="\ufffe\uffff"),
                min_size=1, max_size=20).map(str.strip).filter(bool)
_opt = st.one_of(st.just(""), _text)
_terms = st.builds(Term, _text, st.sampled_from(["en", "ar", "fa", "fa-IR"]), st.sampled_from(list(TermStatus)),
                   st.sampled_from(["", "noun", "verb", "other"]), _opt,
                   _opt.filter(lambda s: s != "status: forbidden" and s.partition(": ")[0] not in TERM_NOTES))
_concepts = st.builds(Concept, st.from_regex(r"[a-z][a-z0-9-]{0,12}", fullmatch=True),
                      st.lists(_terms, min_size=1, max_size=4).map(tuple), _opt, _opt, _opt, _opt)


@settings(max_examples=60, deadline=None)
@given(st.lists(_concepts, max_size=4), st.sampled_from([write_tbx, write_tbx_v2]))
def test_hypothesis_write_read_round_trip(concepts: list[Concept], write: object) -> None:
    buf = io.BytesIO()
    write(concepts, buf)  # type: ignore[operator]
    buf.seek(0)
    assert list(read_tbx(buf)) == concepts


class TestV2:
    """TBX-Basic 2008 in ``martif``: what OmegaT 3.6 and translate-toolkit read (neither reads v3)."""

    def test_written_file_is_tbx_basic_martif(self, tmp_path: Path) -> None:
        concepts = list(read_tbx(DATA / "basic-v3.tbx"))
        out = tmp_path / "out.tbx"
        write_tbx_v2(concepts, out, title="test")
        text = out.read_text(encoding="utf-8")
        assert text.startswith('<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE martif SYSTEM '
                               '"TBXBasiccoreStructV02.dtd">\n<martif type="TBX-Basic" xml:lang="en">\n  <martifHeader>')
        assert '<p type="XCSURI">TBXBasicXCSV02.xcs</p>' in text and "xmlns" not in text
        assert '<termEntry id="c-unodc">' in text and '<langSet xml:lang="fa">' in text and "<tig>" in text
        assert "conceptEntry" not in text and "langSec" not in text and "termSec" not in text
        assert list(read_tbx(out)) == concepts

    def test_v2_and_v3_hold_the_same(self, tmp_path: Path) -> None:
        concepts = list(read_tbx(ROOT / "glossary" / "hanoi-convention.tbx"))
        write_tbx_v2(concepts, tmp_path / "v2.tbx")
        write_tbx(read_tbx(tmp_path / "v2.tbx"), tmp_path / "v3.tbx")
        body = (tmp_path / "v3.tbx").read_text(encoding="utf-8").split("<text>")[1]
        assert body == (ROOT / "glossary" / "hanoi-convention.tbx").read_text(encoding="utf-8").split("<text>")[1]

    def test_translate_toolkit_reads_v2_not_v3(self, tmp_path: Path) -> None:
        from translate.storage import tbx

        concepts = list(read_tbx(ROOT / "glossary" / "hanoi-convention.tbx"))
        write_tbx_v2(concepts, tmp_path / "v2.tbx")
        units = tbx.tbxfile.parsefile(str(tmp_path / "v2.tbx")).units
        assert len(units) == len(concepts)
        assert (units[0].source, units[0].target) == (concepts[0].terms[0].text, concepts[0].terms_in("ar")[0].text)
        write_tbx(concepts, tmp_path / "v3.tbx")
        with pytest.raises(AssertionError):  # what tbx2po fails with on TBX v3
            tbx.tbxfile.parsefile(str(tmp_path / "v3.tbx"))

    def test_csv2tbx_output_is_read(self) -> None:
        """translate-toolkit's csv2tbx (data/glossary/peers/make.sh): ids with spaces, one twice, language xx."""
        entries = list(read_tbx_located(DATA / "peers" / "csv2tbx.tbx"))
        assert [e.concept.id for e in entries][:3] == ["United Nations Convention against Cybercrime",
                                                       "Hanoi Convention", "2024 session"]
        assert {t.lang for e in entries for t in e.concept.terms} == {"en", "xx"}
        assert entries[0].line == 13 and entries[0].term_lines == (14, 15)
