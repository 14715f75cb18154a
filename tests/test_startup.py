"""Start-up: a command imports what it uses and builds its tables once (an editor
plug-in runs ``wb tm lookup`` once a segment). Checked in fresh interpreters."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from workbench.model import TU, TUV
from workbench.text import langtag
from workbench.text.normalize import Normalizer
from workbench.tm import Store
from workbench.tm.fuzzy import FuzzyIndex

#: Modules only imports, exports, alignment, index builds, the project file or the language registry need.
HEAVY = ("workbench.formats.tmx", "workbench.tm.transfer", "workbench.memories", "workbench.align.features",
         "lxml.etree", "langcodes", "importlib.metadata", "polib", "numpy", "regex", "workbench.project", "tomllib",
         "rich")


def _imported(args: list[str], cwd: Path) -> set[str]:
    """The modules a fresh ``wb ARGS`` process has imported when it is done."""
    code = ("import json, sys\nfrom workbench.cli import cli\n"
            f"try:\n    cli.main({args!r}, prog_name='wb')\nexcept SystemExit as exc:\n    assert not exc.code, exc.code\n"
            "print(json.dumps(sorted(sys.modules)))")
    proc = subprocess.run([sys.executable, "-c", code], cwd=cwd, capture_output=True, text=True, check=True)
    return set(json.loads(proc.stdout.splitlines()[-1]))


@pytest.fixture
def store(tmp_path: Path) -> Path:
    path = tmp_path / "tm.sqlite"
    with Store(path) as s:
        s.add_tus([TU((TUV.plain("ar", "قال نائب الوزير إن المؤتمر ناجح"), TUV.plain("en", "It succeeded")),
                      attrs=(("srclang", "ar"),))])
        FuzzyIndex(s).build()  # as an import leaves it: a lookup builds nothing
    return path


@pytest.mark.parametrize("args", [
    ["--version"],
    ["tm", "lookup", "قال نائب الوزير إن المؤتمر ناجح", "--store", "tm.sqlite"],
    ["tm", "concordance", "المؤتمر", "--store", "tm.sqlite"],
    ["tm", "stats", "--store", "tm.sqlite"],
])
def test_a_command_imports_what_it_uses(args: list[str], store: Path) -> None:
    assert not set(HEAVY) & _imported(args, store.parent)


@pytest.mark.parametrize(("args", "unused"), [
    (["--version"], {"sqlite3", "logging", "workbench.tm.store", "workbench.safeout", "rapidfuzz"}),
    (["tm", "concordance", "المؤتمر", "--store", "tm.sqlite"], {"rapidfuzz"}),  # it scores nothing
    # a lookup writes no file, says nothing and makes no segment, term or finding class
    (["tm", "lookup", "قال نائب الوزير إن المؤتمر ناجح", "--store", "tm.sqlite"],
     {"tempfile", "logging", "workbench.model_text"}),
    (["tm", "concordance", "المؤتمر", "--store", "tm.sqlite"], {"tempfile", "logging", "workbench.model_text"}),
])
def test_a_command_does_without_what_others_need(args: list[str], unused: set[str], store: Path) -> None:
    assert not unused & _imported(args, store.parent)


def test_a_lookup_needs_no_project_file_but_finds_its_store_in_one(store: Path) -> None:
    (store.parent / "workbench.toml").write_text('[project]\nsource_languages = ["ar"]\ntarget_language = "en"\n'
                                                  '[tm]\nstore = "tm.sqlite"\n', encoding="utf-8")
    assert "workbench.project" in _imported(["tm", "lookup", "قال نائب الوزير إن المؤتمر ناجح"], store.parent)


def test_normalizer_tables_are_made_once_per_set_of_folds() -> None:
    assert Normalizer().table() is Normalizer().table()
    assert Normalizer(exclude=["hamza"]).table() is not Normalizer().table()


def test_the_table_of_every_fold_is_read_not_made() -> None:
    code = ("from workbench.text import normalize\nnormalize.Normalizer().fold('x')\n"
            "print(normalize._tables.cache_info().currsize)")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert proc.stdout.strip() == "0"  # read from workbench/text/data/folds.json


def test_tags_known_canonical_are_what_langcodes_says() -> None:
    import langcodes

    for tag in langtag._CANONICAL:
        assert langcodes.tag_is_valid(tag) and langcodes.standardize_tag(tag) == tag, tag
    assert langtag.parse_tag.__wrapped__("ar") == "ar" and langtag.parse_tag.__wrapped__("EN_us") == "en-US"
