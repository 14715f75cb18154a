"""What the environment does to ``wb``: full disks, loops of links, damaged stores.
Each is one line on stderr naming the file, and exit 2; never a traceback."""
from __future__ import annotations

import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from workbench.cli import cli

ROOT = Path(__file__).resolve().parent.parent
MEMORY = ROOT / "tmx" / "hanoi-convention.ar-en.tmx"
OTHER = ROOT / "tmx" / "hanoi-convention.fa-en.tmx"
DOC = ROOT / "corpus" / "ar" / "000_58c3c70ad8fced54_deputy-minister-interview.txt"
FULL = Path("/dev/full")


def wb(*args: str | Path) -> tuple[int, str, str]:
    res = CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)
    return res.exit_code, res.stdout, res.stderr


def one_line(err: str, *words: str) -> None:
    assert err.count("\n") == 1 and err.startswith("wb: error: ") and "Traceback" not in err, err
    assert all(w in err for w in words), err


@pytest.fixture(scope="module")
def base(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("base") / "tm.sqlite"
    code, _, err = wb("tm", "import", MEMORY, "--store", path)
    assert code == 0, err
    return path


def sentence(store: Path) -> str:
    """A stored Arabic sentence (a lookup of it reads the fuzzy index and its TU)."""
    db = sqlite3.connect(store)
    text = db.execute("SELECT text FROM tuv WHERE lang = 'ar' AND length(text) > 60 LIMIT 1").fetchone()[0]
    db.close()
    return str(text)


# -- full disks and loops of links ---------------------------------------------------------------

@pytest.mark.skipif(not FULL.exists(), reason="no /dev/full here")
@pytest.mark.parametrize("command", [
    ["tm", "export", "--store", "{store}", "-o", str(FULL)],
    ["segment", str(DOC), "--lang", "ar", "-o", str(FULL)],
    ["check", str(DOC), "--lang", "ar", "--format", "html", "-o", str(FULL)],
    ["glossary", "import", str(ROOT / "glossary" / "hanoi-convention.tbx"), "-o", str(FULL), "--force", "--no-twin"],
], ids=["tm export", "segment", "check html", "glossary import"])
def test_a_full_disk_is_one_line(base: Path, command: list[str]) -> None:
    code, _, err = wb(*(c.format(store=base) for c in command))
    assert code == 2
    one_line(err, "/dev/full", "No space left on device")


@pytest.mark.skipif(not FULL.exists(), reason="no /dev/full here")
def test_a_full_stdout_is_one_line() -> None:
    with FULL.open("w") as out:
        proc = subprocess.run([sys.executable, "-m", "workbench", "segment", str(DOC), "--lang", "ar"],
                              stdout=out, stderr=subprocess.PIPE, text=True, timeout=60, check=False)
    assert proc.returncode == 2
    one_line(proc.stderr, "No space left on device")


def test_a_full_disk_during_an_import_is_one_line(tmp_path: Path) -> None:
    """A file size limit (RLIMIT_FSIZE) makes the store's writes fail as a full disk does."""
    store = tmp_path / "tm.sqlite"
    assert wb("tm", "import", OTHER, "--store", store)[0] == 0
    before = store.read_bytes()
    stats = wb("tm", "stats", "--store", store, "--format", "json")[1]
    script = ("import resource, signal, sys\nsignal.signal(signal.SIGXFSZ, signal.SIG_IGN)\n"
              f"resource.setrlimit(resource.RLIMIT_FSIZE, ({len(before) + 8192}, resource.RLIM_INFINITY))\n"
              "from workbench.cli import main\nsys.argv = ['wb', *sys.argv[1:]]\nmain()\n")
    proc = subprocess.run([sys.executable, "-c", script, "tm", "import", str(MEMORY), "--store", str(store)],
                          capture_output=True, text=True, timeout=60, check=False)
    assert proc.returncode == 2
    one_line(proc.stderr, str(store))
    assert "rollback" not in proc.stderr
    assert wb("tm", "stats", "--store", store, "--format", "json")[1] == stats  # nothing of the failed import


@pytest.mark.parametrize("command", [
    ["tm", "export", "--store", "{store}", "-o", "{loop}"],
    ["segment", str(DOC), "--lang", "ar", "-o", "{loop}"],
    ["glossary", "import", str(ROOT / "glossary" / "hanoi-convention.tbx"), "-o", "{loop}", "--no-twin"],
], ids=["tm export", "segment", "glossary import"])
def test_a_loop_of_links_as_output_is_one_line(base: Path, tmp_path: Path, command: list[str]) -> None:
    (tmp_path / "a.tbx").symlink_to(tmp_path / "b.tbx")
    (tmp_path / "b.tbx").symlink_to(tmp_path / "a.tbx")
    code, _, err = wb(*(c.format(store=base, loop=tmp_path / "a.tbx") for c in command))
    assert code == 2
    one_line(err, "a.tbx", "loop of symbolic links")


# -- damaged stores --------------------------------------------------------------------------------

def _flip(path: Path, start: int, step: int) -> None:
    data = bytearray(path.read_bytes())
    for i in range(start, len(data), step):
        data[i] ^= 0xFF
    path.write_bytes(bytes(data))


DAMAGES = {
    "dropped table": "DROP TABLE tuv",
    "dropped column": "ALTER TABLE tu DROP COLUMN srclang",
    "bad JSON": """UPDATE tu SET meta = '{"p": [["x-fuzzy", "1"' """,
    "garbage index list": "UPDATE fz_gram SET postings = x'0102030405' WHERE postings IS NOT NULL",
    "flipped header": (16, 100_000),
    "flipped pages": (4096 + 700, 509),
}
#: Exit codes per damage of stats, lookup, export, import and align (None: 0 or 2, as the damage
#: falls). An import or an alignment does not read metadata or the index lists.
EXPECTED = {
    "dropped table": (2, 2, 2, 2, 2),
    "dropped column": (2, 2, 2, 2, 2),
    "bad JSON": (2, 2, 2, 0, 0),
    "garbage index list": (2, 2, 0, 0, 0),
    "flipped header": (2, 2, 2, 2, 2),
    "flipped pages": (2, None, None, None, None),
}


@pytest.mark.parametrize("damage", list(DAMAGES))
def test_a_damaged_store_is_one_line_naming_it(base: Path, tmp_path: Path, damage: str) -> None:
    text = sentence(base)
    commands = [["tm", "stats"], ["tm", "lookup", text], ["tm", "export"], ["tm", "import", str(OTHER)],
                ["align", str(DOC), str(ROOT / "corpus" / "en" / DOC.name)]]
    for command, expected in zip(commands, EXPECTED[damage]):
        store = tmp_path / "damaged.sqlite"
        shutil.copy(base, store)
        how = DAMAGES[damage]
        if isinstance(how, str):
            db = sqlite3.connect(store)
            db.executescript(how)
            db.close()
        else:
            _flip(store, *how)
        code, _, err = wb(*command, "--store", store)
        assert code in ((0, 2) if expected is None else (expected,)), (command, err)
        if code == 2:
            one_line(err, str(store), "the store is damaged")
