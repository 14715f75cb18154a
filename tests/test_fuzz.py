"""Fuzzing every reader through the command that reads it (issue 12).

Each input starts as a small valid seed (``tests/data``, the sample project)
and is mutated: bytes flipped, deleted or repeated, the file cut short, and
pieces hostile to its syntax (XML entities and CDATA, CSV quotes, PO strings,
TOML tables, BOMs, NUL, lone surrogates' bytes, escape sequences) put in. A
command may accept the input (exit 0), refuse it as bad input (exit 2; 3 for
checks that found problems), but never let an exception escape (a traceback)
and never hang: each example runs under an alarm and within hypothesis's
deadline.
"""
from __future__ import annotations

import contextlib
import functools
import signal
import sqlite3
import tempfile
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from types import FrameType

from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from workbench.cli import cli

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data"
GLOSSARY = DATA / "glossary" / "basic-v3.tbx"
DOC = ("قال نائب وزير الخارجية دانج هوانج جيانج إن حفل توقيع اتفاقية هانوي سيعقد يومي 25 و26 أكتوبر.\n"
       "Dr. Smith left the U.S. on Monday. He came back!\n").encode()

#: Pieces that mean something to one of the syntaxes read.
HOSTILE = [
    b"<!DOCTYPE tmx [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;\">]>", b"&b;", b"&#0;", b"&#x1b;",
    b"<![CDATA[", b"]]>", b"<tu>", b"</tu>", b"<seg>", b"</seg>", b"<tuv xml:lang=\"\">", b"<?xml version=\"1.0\" "
    b"encoding=\"utf-16\"?>", b"<!--", b"\"", b"\"\"", b",", b";", b"\t", b"\r", b"\n\n", b"\\", b"msgid \"",
    b"msgstr[9] \"", b"#, fuzzy\n", b"msgid_plural \"x\"\n", b"\"Plural-Forms: nplurals=99; plural=n/0;\\n\"\n",
    b"[project]\n", b"[[paths]]\n", b"= [\"", b"\"\"\"", b"name = \"\x00\"\n", b"source_languages = 7\n",
    b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff\x00", b"\x00", b"\xed\xa0\x80", b"\xc0\xaf", b"\x1b]0;pwned\x07",
    "\u202e\u2066\u200c".encode(), b"=cmd|' /C calc'!A0", b"9" * 400, b"a" * 5000,
]


@st.composite
def mutated(draw: st.DrawFn, seed: bytes) -> bytes:
    """``seed`` after one to four mutations, of its bytes or (half the time) of its
    characters, so that most inputs get past decoding."""
    if _is_text(seed) and draw(st.booleans()):
        return _mutated_text(draw, seed.decode("utf-8")).encode("utf-8")
    data = bytearray(seed)
    for _ in range(draw(st.integers(1, 4))):
        at = draw(st.integers(0, len(data)))
        op = draw(st.sampled_from(("flip", "delete", "repeat", "truncate", "insert", "insert")))
        if op == "flip" and at < len(data):
            data[at] ^= 1 << draw(st.integers(0, 7))
        elif op == "delete":
            del data[at:at + draw(st.integers(1, 64))]
        elif op == "repeat":
            data[at:at] = data[at:at + draw(st.integers(1, 64))] * draw(st.integers(2, 50))
        elif op == "truncate":
            del data[at:]
        else:
            data[at:at] = draw(st.sampled_from(HOSTILE) | st.binary(max_size=8))
    return bytes(data)


def _is_text(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _mutated_text(draw: st.DrawFn, text: str) -> str:
    for _ in range(draw(st.integers(1, 4))):
        at = draw(st.integers(0, len(text)))
        op = draw(st.sampled_from(("delete", "repeat", "truncate", "insert", "insert")))
        if op == "delete":
            text = text[:at] + text[at + draw(st.integers(1, 64)):]
        elif op == "repeat":
            text = text[:at] + text[at:at + draw(st.integers(1, 64))] * draw(st.integers(2, 50)) + text[at:]
        elif op == "truncate":
            text = text[:at]
        else:
            piece = draw(st.sampled_from(HOSTILE).map(lambda b: b.decode("utf-8", "ignore")) | st.text(max_size=8))
            text = text[:at] + piece + text[at:]
    return text


class Hang(Exception):
    """An example ran past its alarm."""


@contextlib.contextmanager
def _bounded(seconds: float) -> Iterator[None]:
    def ring(signum: int, frame: FrameType | None) -> None:
        raise Hang(f"still running after {seconds} s")

    old = signal.signal(signal.SIGALRM, ring)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old)


def _run(files: dict[str, bytes], args: list[str], codes: tuple[int, ...] = (0, 2), stdin: bytes | None = None,
         kept: str | None = None) -> None:
    """Write ``files`` into a fresh folder, run ``wb`` there (``stdin`` its input), and check how it
    ended: on an error, no copy of stdin left in the temporary folder, and store ``kept`` as it was."""
    with tempfile.TemporaryDirectory() as tmp, contextlib.chdir(tmp):
        for name, data in files.items():
            Path(name).parent.mkdir(parents=True, exist_ok=True)
            Path(name).write_bytes(data)
        before = _dump(kept) if kept else None
        temporary, tempfile.tempdir = tempfile.tempdir, str(Path(tmp, "tmp"))
        Path(tempfile.tempdir).mkdir()
        try:
            with _bounded(5):
                res = CliRunner().invoke(cli, args, input=stdin)
        finally:
            tempfile.tempdir = temporary
        assert not list(Path(tmp, "tmp").iterdir())
        if kept and res.exit_code == 2:
            assert _dump(kept) == before
    assert res.exception is None or isinstance(res.exception, SystemExit), (
        f"{type(res.exception).__name__}: {res.exception}\n{res.output[-2000:]}")
    assert res.exit_code in codes, res.output[-2000:]
    if res.exit_code == 2:
        assert res.stderr.startswith("wb: error: ") and res.stderr.count("\n") == 1, res.stderr


def _dump(store: str) -> list[str]:
    """What an SQLite store holds, as SQL."""
    db = sqlite3.connect(store)
    try:
        return list(db.iterdump())
    finally:
        db.close()


fuzz = settings(max_examples=30, deadline=timedelta(seconds=1), suppress_health_check=[HealthCheck.too_slow])


@fuzz
@given(mutated((DATA / "tm" / "spec_full.tmx").read_bytes()))
def test_tmx(data: bytes) -> None:
    _run({"in.tmx": data}, ["tm", "import", "in.tmx", "--store", "s.sqlite"])


def _dialect(paths: list[Path]) -> st.SearchStrategy[tuple[str, bytes]]:
    """One of ``paths`` (its name), mutated."""
    return st.sampled_from(paths).flatmap(lambda p: st.tuples(st.just(p.name), mutated(p.read_bytes())))


@fuzz
@given(_dialect(sorted((DATA / "tm" / "dialects").glob("*.tmx"))), st.booleans())
def test_tmx_dialects(case: tuple[str, bytes], piped: bool) -> None:
    """TMX as other tools write it, from a file or stdin, into a store that an error leaves as it was."""
    data = case[1]
    _run({"in.tmx": data, "s.sqlite": _store()}, ["tm", "import", "-" if piped else "in.tmx", "--store", "s.sqlite"],
         stdin=data if piped else None, kept="s.sqlite")


TERMBASES = [*sorted((DATA / "glossary" / "dialects").glob("*.tbx")), DATA / "glossary" / "dialects" / "multiterm-export.xml"]


@fuzz
@given(_dialect(TERMBASES), st.booleans())
def test_termbase_dialects(case: tuple[str, bytes], piped: bool) -> None:
    """TBX (v2, v3 Basic and Min, IATE, Microsoft) and MultiTerm XML, from a file or stdin; no output on an error."""
    name, data = case
    source = "-" if piped else f"in/{name}"  # not beside the output, whose neighbours' ids it must not repeat
    _run({f"in/{name}": data}, ["glossary", "validate", source], (0, 2, 3), stdin=data if piped else None)
    _run({f"in/{name}": data}, ["glossary", "import", source, "-o", "out.tbx"], stdin=data if piped else None)


@fuzz
@given(mutated((DATA / "glossary" / "dialects" / "multiterm-export.xml").read_bytes()))
def test_multiterm(data: bytes) -> None:
    _run({"g.xml": data, "ar/doc.txt": DOC}, ["check", "ar/doc.txt", "-g", "-", "--no-baseline"], (0, 2, 3), stdin=data)
    _run({"g.xml": data}, ["convert", "g.xml", "-", "--from", "tbx", "--to", "csv"])


@fuzz
@given(mutated((DATA / "glossary" / "basic-v3.tbx").read_bytes()))
def test_tbx(data: bytes) -> None:
    _run({"g.tbx": data}, ["glossary", "validate", "g.tbx"], (0, 2, 3))


#: PO files as gettext and other tools write them.
PO_SEEDS = [DATA / "tm" / "sample_ar.po", *sorted((DATA / "po" / "dialects").glob("*.po"))]
#: XLIFF files of the specifications and as CAT tools write them (their own statuses, kept markup).
XLIFF_SEEDS = [DATA / "xliff" / "spec12.xlf", DATA / "xliff" / "spec21.xlf",
               *sorted(p for p in (DATA / "xliff" / "dialects").iterdir() if p.suffix != ".md")]


@fuzz
@given(st.sampled_from(PO_SEEDS).flatmap(lambda path: mutated(path.read_bytes())))
def test_po(data: bytes) -> None:
    _run({"in.po": data}, ["tm", "import", "in.po", "--src-lang", "en", "--tgt-lang", "ar", "--store", "s.sqlite"])
    _run({"in.po": data}, ["convert", "in.po", "out.xlf", "--src-lang", "en", "--tgt-lang", "ar"])


@fuzz
@given(st.sampled_from(XLIFF_SEEDS).flatmap(lambda path: st.tuples(st.just(path), mutated(path.read_bytes()))))
def test_xliff(case: tuple[Path, bytes]) -> None:
    name = f"in{case[0].suffix}"
    _run({name: case[1]}, ["tm", "import", name, "--store", "s.sqlite", "--keep-fuzzy"])
    _run({name: case[1]}, ["convert", name, "out.xlf", "--to", "xliff"])  # what was kept, written back


@fuzz
@given(st.sampled_from(("header_words.tsv", "header_langs.csv")).flatmap(
    lambda name: st.tuples(st.just(name), mutated((DATA / "tm" / name).read_bytes()))))
def test_tabular(case: tuple[str, bytes]) -> None:
    name, data = case
    _run({name: data}, ["tm", "import", name, "--src-lang", "en", "--tgt-lang", "ar", "--store", "s.sqlite"])


@fuzz
@given(mutated(b"The Hanoi Convention.\nIt was signed.\n"), mutated("اتفاقية هانوي.\nوقعت.\n".encode()))
def test_moses(en: bytes, ar: bytes) -> None:
    _run({"c.en": en, "c.ar": ar}, ["tm", "import", "c.en", "c.ar", "--from", "moses", "--src-lang", "en",
                                    "--tgt-lang", "ar", "--store", "s.sqlite"])


@fuzz
@given(mutated(b"".join((ROOT / "glossary" / "hanoi-convention.csv").read_bytes().splitlines(keepends=True)[:6])))
def test_glossary_csv(data: bytes) -> None:
    _run({"g.csv": data, "doc.txt": DOC}, ["glossary", "scan", "doc.txt", "-g", "g.csv"])
    _run({"g.csv": data}, ["glossary", "validate", "g.csv"], (0, 2, 3))


@fuzz
@given(mutated(DOC))
def test_plain_text(data: bytes) -> None:
    _run({"doc.txt": data}, ["segment", "doc.txt"])
    _run({"ar/doc.txt": data}, ["check", "ar/doc.txt", "-g", str(GLOSSARY)], (0, 2, 3))


@functools.cache
def _store() -> bytes:
    """A small memory store, as ``wb tm import`` makes it."""
    with tempfile.TemporaryDirectory() as tmp:
        res = CliRunner().invoke(cli, ["tm", "import", str(DATA / "tm" / "tmx11.tmx"), "--store", f"{tmp}/s.sqlite"])
        assert res.exit_code == 0, res.output
        return Path(tmp, "s.sqlite").read_bytes()


@fuzz
@given(st.data())
def test_store(data: st.DataObject) -> None:
    store = data.draw(mutated(_store()))
    for args in (["tm", "stats"], ["tm", "lookup", "Hello world"], ["tm", "concordance", "world", "--lang", "en"]):
        _run({"s.sqlite": store}, [*args, "--store", "s.sqlite"])


def test_store_whose_schema_is_not_utf8() -> None:
    """Found by :func:`test_store`: one flipped bit in the schema's SQL text."""
    data = _store()
    at = data.index(b"REFERENCES") + 1
    _run({"s.sqlite": data[:at] + b"\xc5" + data[at + 1:]}, ["tm", "stats", "--store", "s.sqlite"])


@fuzz
@given(mutated((ROOT / "workbench.toml").read_bytes()))
def test_workbench_toml(data: bytes) -> None:
    files = {"workbench.toml": data, "corpus/ar/doc.txt": DOC}
    _run(files, ["segment", "corpus/ar/doc.txt"])
    _run(files, ["glossary", "folds"])
