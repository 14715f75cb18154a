"""PO as other tools write it (tests/data/po/dialects/, written from each tool's documented
output and the GNU gettext manual: see its README.md): every entry GNU msgfmt compiles is a TU
with the same strings, the rest is skipped with a reason, and a file written back, converted,
or taken through a store and TMX keeps the same."""
from __future__ import annotations

import gettext
import io
import shutil
import subprocess
from collections import Counter
from pathlib import Path

import pytest
from click.testing import CliRunner
from tools import needs

from workbench.cli import cli
from workbench.errors import InputError
from workbench.formats import po, xliff, xliff_read, xliff_write
from workbench.formats.issues import ReadLog
from workbench.model import FUZZY_PROP, TU

DIALECTS = Path(__file__).parent / "data" / "po" / "dialects"
FILES = sorted(p.name for p in DIALECTS.glob("*.po"))
#: Languages a file's header does not give (Launchpad's exports have no Language field).
TARGETS = {"launchpad.po": "ar"}


def read(path: Path, **options: object) -> tuple[list[TU], ReadLog]:
    log = ReadLog(str(path))
    return list(po.read_po(path, "en", TARGETS.get(path.name), log, **options)), log  # type: ignore[arg-type]


def props(tu: TU) -> dict[str, str]:
    return {p.type: p.value for p in tu.props}


def compiled(path: Path, tmp_path: Path) -> dict[tuple[str | None, str], list[str]]:
    """What GNU msgfmt compiles of a catalogue (no fuzzy, obsolete or untranslated entry), read back
    with Python's gettext: (msgctxt, msgid) -> msgstr, or every plural form."""
    mo, plain = tmp_path / "out.mo", tmp_path / "plain.po"
    plain.write_bytes(path.read_bytes().removeprefix(b"\xef\xbb\xbf"))  # msgfmt refuses a byte order mark
    subprocess.run(["msgfmt", "-o", str(mo), str(plain)], check=True, capture_output=True)
    with mo.open("rb") as fh:
        catalog = gettext.GNUTranslations(fh)._catalog  # type: ignore[attr-defined]
    out: dict[tuple[str | None, str], list[str]] = {}
    for key, value in catalog.items():
        msgid, form = key if isinstance(key, tuple) else (key, None)
        if msgid == "":
            continue  # the header
        ctxt, sep, rest = msgid.partition("\x04")
        name = (ctxt, rest) if sep else (None, msgid)
        forms = out.setdefault(name, [])
        if form is None:
            forms.append(value)
        else:
            forms.extend([""] * (form + 1 - len(forms)))
            forms[form] = value
    return out


def held(tus: list[TU]) -> dict[tuple[str | None, str], list[str]]:
    """The same view of the reader's TUs (a plural entry's forms from its first TU)."""
    out: dict[tuple[str | None, str], list[str]] = {}
    for tu in tus:
        p = props(tu)
        if po.PLURAL_OF in p:
            continue
        forms = {int(k[len(po.PLURAL_STR):]): v for k, v in p.items() if k.startswith(po.PLURAL_STR)}
        if po.PLURAL in p:
            free = min(set(range(len(forms) + 1)) - forms.keys())
            forms[free] = tu.tuvs[1].text
            out[(p.get(po.CTXT), tu.tuvs[0].text)] = [forms[k] for k in sorted(forms)]
        else:
            out[(p.get(po.CTXT), tu.tuvs[0].text)] = [tu.tuvs[1].text]
    return out


@needs("msgfmt", install="apt-get install -y gettext")
@pytest.mark.parametrize("name", FILES)
def test_every_entry_msgfmt_compiles_is_read(name: str, tmp_path: Path) -> None:
    tus, _ = read(DIALECTS / name)
    assert held(tus) == compiled(DIALECTS / name, tmp_path)


@pytest.mark.parametrize("name", FILES)
def test_nothing_is_dropped_without_a_reason(name: str) -> None:
    tus, log = read(DIALECTS / name)
    assert log.read - log.skipped == len(tus)
    assert sum(n for (action, _), n in log.counts.items() if action == "skipped") == log.skipped
    assert all(i.line for i in log.issues if i.action == "skipped")


@needs("msgfmt", install="apt-get install -y gettext")
@pytest.mark.parametrize("name", FILES)
def test_written_back_reads_the_same_and_passes_msgfmt_check(name: str, tmp_path: Path) -> None:
    tus, _ = read(DIALECTS / name, keep_fuzzy=True)
    out = tmp_path / "out.po"
    po.write_po(out, tus, "en", tus[0].tuvs[1].lang)
    subprocess.run(["msgfmt", "--check", "-o", str(tmp_path / "out.mo"), str(out)], check=True, capture_output=True)
    again, _ = read(out, keep_fuzzy=True)
    assert [(t.tuvs, t.notes, [p for p in t.props if p.type not in (po.HEADER, po.HEADER_COMMENT)]) for t in again] == \
        [(t.tuvs, t.notes, [p for p in t.props if p.type not in (po.HEADER, po.HEADER_COMMENT)]) for t in tus]
    kept = po._header(props(tus[0])[po.HEADER])
    written = po._header(props(again[0])[po.HEADER])
    assert {k: v for k, v in written.items() if k not in ("Language", "Content-Type")} == \
        {k: v for k, v in kept.items() if k not in ("Language", "Content-Type")}


def _view(tus: list[TU]) -> Counter[object]:
    return Counter((tuple((v.lang, v.text) for v in tu.tuvs), tu.props, tu.notes) for tu in tus)


@pytest.mark.parametrize("name", FILES)
def test_store_and_tmx_round_trip_keeps_every_entry(name: str, tmp_path: Path) -> None:
    tus, _ = read(DIALECTS / name)
    tgt = tus[0].tuvs[1].lang
    runner = CliRunner()
    langs = ["--src-lang", "en", "--tgt-lang", tgt]
    for args in (["tm", "import", str(DIALECTS / name), "--store", str(tmp_path / "a.sqlite"), *langs],
                 ["tm", "export", "--store", str(tmp_path / "a.sqlite"), "-o", str(tmp_path / "a.tmx")],
                 ["tm", "import", str(tmp_path / "a.tmx"), "--store", str(tmp_path / "b.sqlite")],
                 ["tm", "export", "--store", str(tmp_path / "b.sqlite"), "--format", "po", "--langs", f"en,{tgt}",
                  "-o", str(tmp_path / "b.po")]):
        res = runner.invoke(cli, args)
        assert res.exit_code == 0, res.output
    again, _ = read(tmp_path / "b.po")
    assert held(again) == held(tus)
    assert _view([t for t in again]) == _view(tus) or name == "launchpad.po"  # it gains a Language field


@pytest.mark.parametrize("name", FILES)
def test_converted_to_xliff_and_tmx_keeps_the_text(name: str, tmp_path: Path) -> None:
    tus, _ = read(DIALECTS / name)
    tgt = tus[0].tuvs[1].lang
    for suffix in (".xlf", ".tmx", ".po"):
        out = tmp_path / f"out{suffix}"
        res = CliRunner().invoke(cli, ["convert", str(DIALECTS / name), str(out), "--src-lang", "en", "--tgt-lang", tgt])
        assert res.exit_code == 0, res.output
        res = CliRunner().invoke(cli, ["convert", str(out), str(tmp_path / f"back{suffix}.po"), "--src-lang", "en",
                                       "--tgt-lang", tgt])
        assert res.exit_code == 0, res.output
        back, _ = read(tmp_path / f"back{suffix}.po")
        assert [[v.text for v in t.tuvs] for t in back] == [[v.text for v in t.tuvs] for t in tus]


class TestDialects:
    """What each tool's catalogue has of its own."""

    def test_poedit_header_fields_are_kept_and_written_back(self, tmp_path: Path) -> None:
        tus, log = read(DIALECTS / "poedit.po")
        header = po._header(props(tus[0])[po.HEADER])
        assert header["X-Poedit-KeywordsList"] == "_;gettext;ngettext:1,2;pgettext:1c,2"
        assert header["X-Poedit-SearchPath-0"] == "src" and header["X-Generator"] == "Poedit 3.4.2"
        assert props(tus[0])[po.HEADER_COMMENT].startswith("Persian translation of the News Reader app.")
        assert [i.kind for i in log.issues] == ["po-untranslated"]
        plural = next(t for t in tus if po.PLURAL in props(t))
        assert plural.tuvs[1].text == "%d مقاله" and props(plural)[po.PLURAL_FORMS] == "nplurals=2; plural=(n > 1);"
        out = tmp_path / "fa.po"
        po.write_po(out, tus, "en", "fa")
        text = out.read_text(encoding="utf-8")
        assert '"X-Poedit-Basepath: ../..\\n"' in text and "#: src/views/home.py:22 src/views/feed.py:9" in text

    def test_weblate_fuzzy_previous_and_format_flags(self) -> None:
        tus, log = read(DIALECTS / "weblate.po")
        assert [i.kind for i in log.issues] == ["po-fuzzy", "po-fuzzy"]
        assert "made for 'Updated %(minutes)d minutes ago'" in log.issues[0].message
        kept, _ = read(DIALECTS / "weblate.po", keep_fuzzy=True)
        fuzzy = [t for t in kept if props(t).get(FUZZY_PROP)]
        assert [props(t)[po.FLAGS] for t in fuzzy] == ["fuzzy, python-format", "fuzzy"]
        assert props(fuzzy[0])[po.PREV_ID] == "Updated %(minutes)d minutes ago"
        assert (props(fuzzy[1])[po.PREV_CTXT], props(fuzzy[1])[po.PREV_ID], props(fuzzy[1])[po.CTXT]) == (
            "button", "Share", "button")
        assert props(tus[0])[po.FLAGS] == "python-brace-format"

    def test_arabic_six_plural_forms(self) -> None:
        tus, _ = read(DIALECTS / "weblate.po")
        one, other = [t for t in tus if po.PLURAL in props(t) or po.PLURAL_OF in props(t)]
        assert one.tuvs[1].text == "مقال واحد غير مقروء"  # msgstr[1]: n == 1
        assert other.tuvs[0].text == "%(count)d unread articles" and other.tuvs[1].text == "%(count)d مقالًا غير مقروء"
        assert sorted(k for k in props(one) if k.startswith(po.PLURAL_STR)) == [f"{po.PLURAL_STR}{n}" for n in (0, 2, 3, 4, 5)]

    def test_msgmerge_obsolete_entries_and_contexts(self) -> None:
        tus, log = read(DIALECTS / "msgmerge-obsolete.po")
        assert [(props(t).get(po.CTXT), t.tuvs[1].text) for t in tus if t.tuvs[0].text == "Press"] == [
            ("noun", "الصحافة"), ("verb", "اضغط")]
        assert Counter(i.kind for i in log.issues) == Counter({"po-obsolete": 3, "po-fuzzy": 1})
        assert [i.line for i in log.issues if i.kind == "po-obsolete"] == [47, 50, 54]
        assert tus[-1].tuvs[1].text == "قال المكتب إن الاتفاقية\nتُفتح للتوقيع اليوم."

    def test_crlf_and_a_byte_order_mark(self) -> None:
        raw = (DIALECTS / "crlf-bom.po").read_bytes()
        assert raw.startswith(b"\xef\xbb\xbf#") and b"\r\n" in raw
        tus, log = read(DIALECTS / "crlf-bom.po")
        assert not log.issues and tus[0].tuvs[0].lang == "en"
        assert [t.tuvs[1].text for t in tus] == ["إحاطة فيينا", "سطران:\nالثاني."]
        assert props(tus[0])[po.HEADER_COMMENT] == "Arabic translation, saved on Windows."

    def test_launchpad_catalogue_without_a_language(self, tmp_path: Path) -> None:
        with pytest.raises(InputError, match="give --tgt-lang"):
            list(po.read_po(DIALECTS / "launchpad.po", "en", None))
        named = tmp_path / "ar.po"  # as Launchpad's exports name it: po/ar.po
        shutil.copy(DIALECTS / "launchpad.po", named)
        log = ReadLog(str(named))
        tus = list(po.read_po(named, "en", None, log))
        assert tus[0].tuvs[1].lang == "ar" and ("info", "po-language-from-name") in log.counts
        assert props(tus[0])[po.EXTRACTED] == "TRANSLATORS: this is the window title; keep it short."
        assert [p.value for p in tus[0].props if p.type == po.REFERENCE] == [
            "../src/window.c:88", "../data/newsreader.desktop.in.h:1"]
        assert [n.text for n in tus[2].notes] == ["Launchpad: suggestion accepted from the Ubuntu translators."]
        assert "X-Launchpad-Export-Date" in props(tus[0])[po.HEADER]
        for name in ("po.po", "messages.po"):  # not language names
            shutil.copy(DIALECTS / "launchpad.po", tmp_path / name)
            with pytest.raises(InputError, match="give --tgt-lang"):
                list(po.read_po(tmp_path / name, "en", None))

    def test_pootle_context_comments_and_one_plural_form(self) -> None:
        tus, _ = read(DIALECTS / "pootle.po")
        assert tus[0].tuvs[1].lang == "fa-IR" and props(tus[0])[po.CTXT] == "templates/drugs.html:3"
        assert [n.text for n in tus[0].notes] == ["(pofilter) accelerators: Different number of accelerators"]
        assert "X-Pootle-Path: /fa_IR/unodc-site/site.po" in props(tus[0])[po.HEADER]
        one, other = tus[2], tus[3]
        assert one.tuvs[1].text == other.tuvs[1].text == "%d خبر"  # nplurals=1: one form for every count
        out = io.BytesIO()
        po.write_po(out, tus, "en", "fa-IR")
        assert b'msgstr[0] "%d \xd8\xae\xd8\xa8\xd8\xb1"' in out.getvalue() and b"msgstr[1]" not in out.getvalue()


@pytest.mark.parametrize("version", ["1.2", "2.1"])
@pytest.mark.parametrize("name", FILES)
def test_through_xliff_every_entry_and_prop_comes_back(name: str, version: str) -> None:
    """XLIFF has no msgctxt, flags or PO header: they ride in a context-group (1.2) or mda:metadata (2.x)."""
    tus, _ = read(DIALECTS / name, keep_fuzzy=True)
    out = io.BytesIO()
    xliff_write.write_xliff(out, tus, "en", tus[0].tuvs[1].lang, version)
    log = ReadLog("-")
    back = list(xliff_read.XliffReader(io.BytesIO(out.getvalue()), log, keep_fuzzy=True))
    assert [(t.tuvs, t.notes, tuple(p for p in t.props if p.type not in xliff.PROPS)) for t in back] == \
        [(t.tuvs, t.notes, t.props) for t in tus]
