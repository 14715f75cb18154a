"""The hostile-XML guard: entity declarations are refused before any parser
runs, libxml2's own limits read the same, and nothing is fetched or read.

These tests assert behaviour (exit 2, one line naming the file and the cause,
nothing stored, no file or socket touched), not any libxml2 version's words.
"""
from __future__ import annotations

import contextlib
import io
import json
import socket
import threading
import time
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st
from lxml import etree

from workbench.cli import cli
from workbench.errors import FormatError
from workbench.formats import xmlguard
from workbench.formats.xmlguard import ENTITY_MESSAGE, guard, syntax_error

TM = Path(__file__).parent / "data" / "tm"
GLOSSARY = Path(__file__).parent / "data" / "glossary"

TMX_BODY = ('<tmx version="1.4"><header creationtool="t" creationtoolversion="1" segtype="sentence" o-tmf="t" '
            'adminlang="en" srclang="en" datatype="plaintext"/><body><tu><tuv xml:lang="en"><seg>{ref}</seg></tuv>'
            '<tuv xml:lang="ar"><seg>س</seg></tuv></tu></body></tmx>')
TBX_BODY = ('<tbx type="TBX-Basic" style="dca" xml:lang="en" xmlns="urn:iso:std:iso:30042:ed-2"><text><body>'
            '<conceptEntry id="c1"><langSec xml:lang="en"><termSec><term>{ref}</term></termSec></langSec>'
            '</conceptEntry></body></text></tbx>')


class _NotSeekable(io.RawIOBase):
    """A pipe: reads in small pieces, cannot seek."""

    def __init__(self, data: bytes) -> None:
        self._data = io.BytesIO(data)

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:  # type: ignore[no-untyped-def]
        chunk = self._data.read(min(len(buffer), 97))
        buffer[: len(chunk)] = chunk
        return len(chunk)


def _guarded(data: bytes, seekable: bool = True) -> bytes:
    stream = io.BytesIO(data) if seekable else io.BufferedReader(_NotSeekable(data))
    return guard(stream, "x.xml").read()  # type: ignore[arg-type]


@pytest.mark.parametrize("prolog", [
    '<!DOCTYPE tmx [<!ENTITY a "b">]>',
    '<!DOCTYPE tmx [<!ENTITY % p SYSTEM "http://127.0.0.1:9/p.dtd"> %p;]>',
    '<!DOCTYPE tmx SYSTEM "tmx14.dtd" [<!ATTLIST tmx v CDATA "]>"><!ENTITY a "b">]>',
    '<!-- <tmx> --><?pi <tmx>?>\n<!DOCTYPE tmx [<!-- ] > --><!ENTITY a "b">]>',
    "<!--" + "x" * 200_000 + '-->\n<!DOCTYPE tmx [<!ENTITY a "b">]>',
])
@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-32"])
def test_entity_declarations_are_refused_in_any_layout_and_encoding(prolog: str, encoding: str) -> None:
    data = (f'<?xml version="1.0" encoding="{encoding.split("-sig")[0]}"?>\n{prolog}<tmx/>').encode(encoding)
    for seekable in (True, False):
        with pytest.raises(FormatError, match="entity declarations are not allowed") as err:
            _guarded(data, seekable)
        assert err.value.path == "x.xml"


@pytest.mark.parametrize("text", [
    '<?xml version="1.0"?><!DOCTYPE tmx SYSTEM "tmx14.dtd"><tmx version="1.4"><!-- <!ENTITY a "b"> --></tmx>',
    '<!DOCTYPE tmx [<!ELEMENT tmx ANY><!-- <!ENTITY a "b"> --><!ATTLIST tmx a CDATA "<!ENTITY">]><tmx/>',
    '<tmx><seg>&lt;!DOCTYPE x [&lt;!ENTITY a "b"&gt;]&gt;</seg></tmx>',
    "",
    "<!-- unfinished",
])
def test_files_without_entity_declarations_pass_whole(text: str) -> None:
    data = text.encode()
    assert _guarded(data) == data
    assert _guarded(data, seekable=False) == data


@given(st.binary(max_size=3000))
def test_the_guard_gives_the_file_back_or_refuses_it(data: bytes) -> None:
    for seekable in (True, False):
        try:
            assert _guarded(data, seekable) == data
        except FormatError as exc:
            assert "entity" in exc.message or "longer than" in exc.message


def test_files_named_in_another_encoding_are_read(tmp_path: Path) -> None:
    # lxml encodes a stream's name as UTF-8: a Latin-1 name (lone surrogates in Python) must not reach it
    from workbench.formats.tbx import read_tbx
    from workbench.formats.tmx import TmxReader
    from workbench.formats.xliff_read import read_xliff

    tmx = tmp_path / "caf\udce9.tmx"
    tmx.write_text('<tmx version="1.4"><header srclang="ar"/><body><tu><tuv xml:lang="ar"><seg>سلام</seg>'
                   '</tuv><tuv xml:lang="en"><seg>peace</seg></tuv></tu></body></tmx>', encoding="utf-8")
    with TmxReader(tmx) as reader:
        assert [v.text for tu in reader for v in tu.tuvs] == ["سلام", "peace"]
    xlf = tmp_path / "caf\udce9.xlf"
    xlf.write_text('<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2"><file source-language="ar" '
                   'target-language="en"><body><trans-unit id="1"><source>x</source><target>y</target></trans-unit>'
                   '</body></file></xliff>', encoding="utf-8")
    assert len(list(read_xliff(xlf))) == 1
    tbx = tmp_path / "caf\udce9.tbx"
    tbx.write_bytes((Path(__file__).parent / "data" / "glossary" / "basic-v3.tbx").read_bytes())
    assert list(read_tbx(tbx))


def test_a_prolog_that_never_ends_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(xmlguard, "MAX_PROLOG", 1 << 16)
    with pytest.raises(FormatError, match="longer than"):
        _guarded(b"<!DOCTYPE tmx [" + b"<!ELEMENT a ANY>" * 10_000 + b"]><tmx/>")


@pytest.mark.parametrize("message", [
    "Maximum entity amplification factor exceeded, see xmlCtxtSetMaxAmplification.",
    "Detected an entity reference loop",
])
def test_libxml2_entity_limits_read_as_the_guard(message: str) -> None:
    error = syntax_error(etree.XMLSyntaxError(message, 0, 3, 7, "f.tmx"), "f.tmx")
    assert str(error) == f"f.tmx:3: {ENTITY_MESSAGE}"


def test_other_syntax_errors_are_malformed_xml_with_their_place() -> None:
    with pytest.raises(etree.XMLSyntaxError) as caught:
        etree.fromstring(b"<a>\n<b></a>")
    error = syntax_error(caught.value, "f.tmx")
    assert error.message.startswith("malformed XML: ") and error.line == 2 and error.column


def test_elements_nested_too_deep_are_malformed_xml_without_libxml2s_advice() -> None:
    etree.clear_error_log()  # as guard() does before a file
    with pytest.raises(etree.XMLSyntaxError) as caught:
        etree.fromstring(b"<a>" * 300 + b"</a>" * 300)
    error = syntax_error(caught.value, "f.tmx")
    assert error.message == "malformed XML: Excessive depth in document: 256"


def test_a_text_node_too_long_is_malformed_xml_without_libxml2s_advice() -> None:
    etree.clear_error_log()
    with pytest.raises(etree.XMLSyntaxError) as caught:
        etree.fromstring(b"<a>" + b"a" * 11_000_000 + b"</a>", etree.XMLParser(**xmlguard.PARSE_OPTIONS))
    message = syntax_error(caught.value, "f.tmx").message
    assert message.startswith("malformed XML: ") and "XML_PARSE_HUGE" not in message


def test_the_entry_bound_counts_from_the_last_entry() -> None:
    bound = xmlguard.EntryBound(io.BytesIO(b"<a/>" * 20 + b"x" * 100), "f.tmx", "a <tu>", bytes=64, tags=8)
    bound.read(16)
    bound.done()
    assert bound.read(28) == b"<a/>" * 7  # 7 tags since done()
    with pytest.raises(FormatError, match=r"^f.tmx: a <tu> \(or what lies between two\) of more than 0 MB or 8 tags"):
        bound.read(8)
    bound.done()
    assert bound.read(28) == b"<a/>" * 7
    with pytest.raises(FormatError):
        bound.read(40)  # 68 bytes


FLOODS = {  # an entry that goes on past the bound of tags (all in memory until it ends)
    "tmx": (TMX_BODY.split("<body>")[0] + "<body><tu>", "<prop type=\"x\">a</prop>"),
    "tmx-between": (TMX_BODY.split("<body>")[0] + "<body>", "<x/>"),
    "tbx": (('<tbx type="TBX-Basic" style="dca" xml:lang="en" xmlns="urn:iso:std:iso:30042:ed-2"><text><body>'
             '<conceptEntry id="c">'), "<note>a</note>"),
    "mtf": ("<mtf><conceptGrp>", '<descripGrp><descrip type="a">b</descrip></descripGrp>'),
}


@pytest.mark.parametrize("kind", FLOODS)
def test_an_entry_that_goes_on_and_on_is_refused(kind: str, tmp_path: Path) -> None:
    """Found feeding an endless <tu> on stdin: 8 GB in 20 s. Now refused at the bound, in tens of MB."""
    head, piece = FLOODS[kind]
    data = (head + piece * (xmlguard.MAX_ENTRY_TAGS // piece.count("<") + 20_000)).encode()  # + chunks read ahead
    args = ["tm", "import", "-", "--store", "s.sqlite"] if kind.startswith("tmx") else ["glossary", "validate", "-"]
    with contextlib.chdir(tmp_path):
        res = CliRunner().invoke(cli, args, input=data)
    assert res.exit_code == 2, res.output
    assert res.stderr.startswith("wb: error: <stdin>: ") and f"or {xmlguard.MAX_ENTRY_TAGS:,} tags: refused" in res.stderr


# --- whole commands -----------------------------------------------------------

@pytest.fixture
def listener():  # type: ignore[no-untyped-def]
    """A TCP port on loopback that counts the connections made to it."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen()
    server.settimeout(0.2)
    hits: list[object] = []
    done = threading.Event()

    def accept() -> None:
        while not done.is_set():
            try:
                conn, _ = server.accept()
            except OSError:
                continue
            hits.append(conn)
            conn.close()
    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    yield server.getsockname()[1], hits
    done.set()
    thread.join()
    server.close()


def _hostile(tmp_path: Path, port: int, body: str, kind: str) -> tuple[Path, str]:
    """A file declaring entities that would read a local file, fetch from the listener, or explode."""
    marker = "SECRET-MARKER-7f3a"
    secret = tmp_path / "secret.txt"
    secret.write_text(marker)
    decls = {
        "xxe": f'<!ENTITY s SYSTEM "{secret.as_uri()}"><!ENTITY r SYSTEM "http://127.0.0.1:{port}/leak">',
        "parameter": f'<!ENTITY % r SYSTEM "http://127.0.0.1:{port}/x.dtd"> %r;',
        "laughs": '<!ENTITY l0 "lol">' + "".join(
            f'<!ENTITY l{i} "{("&l%d;" % (i - 1)) * 10}">' for i in range(1, 10)),
    }[kind]
    ref = {"xxe": "&s;&r;", "parameter": "x", "laughs": "&l9;"}[kind]
    path = tmp_path / f"{kind}.{'tmx' if body is TMX_BODY else 'tbx'}"
    path.write_text(f'<?xml version="1.0"?>\n<!DOCTYPE x [{decls}]>\n{body.format(ref=ref)}', encoding="utf-8")
    return path, marker


COMMANDS = [
    (TMX_BODY, lambda f, s: ["tm", "import", str(f), "--store", str(s)]),
    (TBX_BODY, lambda f, s: ["glossary", "validate", str(f)]),
    (TBX_BODY, lambda f, s: ["glossary", "import", str(f), "-o", str(s.with_suffix(".tbx"))]),
]


@pytest.mark.parametrize("prescan", [True, False], ids=["guard", "parser-only"])
@pytest.mark.parametrize("kind", ["xxe", "parameter", "laughs"])
@pytest.mark.parametrize(("body", "command"), COMMANDS, ids=["tm-import", "glossary-validate", "glossary-import"])
def test_hostile_xml_is_refused_inert_and_fast(tmp_path: Path, listener, monkeypatch: pytest.MonkeyPatch,  # type: ignore[no-untyped-def]
                                               prescan: bool, kind: str, body: str, command) -> None:
    """With the guard's pre-scan, and without it (libxml2 and the root check
    alone, as with an encoding the pre-scan cannot read), the outcome is the same."""
    if not prescan:
        monkeypatch.setattr(xmlguard, "_prolog_verdict", lambda text: False)
    port, hits = listener
    path, marker = _hostile(tmp_path, port, body, kind)
    store = tmp_path / "tm.sqlite"
    assert CliRunner().invoke(cli, ["tm", "import", str(TM / "tmx11.tmx"), "--store", str(store)]).exit_code == 0
    before = CliRunner().invoke(cli, ["tm", "export", "--store", str(store), "-o", "-"]).stdout
    started = time.monotonic()
    result = CliRunner().invoke(cli, command(path, store))
    elapsed = time.monotonic() - started
    assert result.exit_code == 2, result.output
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"wb: error: {path}:")
    assert "entity declarations are not allowed" in lines[0]
    assert marker not in result.output
    assert hits == []
    assert elapsed < 10, "a hostile file must be refused at once, not expanded"  # a hang guard, not a benchmark
    after = CliRunner().invoke(cli, ["tm", "export", "--store", str(store), "-o", "-"]).stdout
    assert _tus(after) == _tus(before)
    assert not store.with_suffix(".tbx").exists()


def _tus(tmx: str) -> list[bytes]:
    return [etree.tostring(tu) for tu in etree.fromstring(tmx.encode()).iter("tu")]


def test_shipped_hostile_files_are_refused(tmp_path: Path) -> None:
    for args in (["tm", "import", str(TM / "billion_laughs.tmx"), "--store", str(tmp_path / "s.sqlite")],
                 ["glossary", "validate", str(GLOSSARY / "billion-laughs.tbx")]):
        result = CliRunner().invoke(cli, args)
        assert result.exit_code == 2 and ENTITY_MESSAGE in result.stderr
    stats = CliRunner().invoke(cli, ["tm", "stats", "--store", str(tmp_path / "s.sqlite"), "--format", "json"])
    assert stats.exit_code != 0 or json.loads(stats.stdout)["tus"] == 0
