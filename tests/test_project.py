"""``workbench.toml``: validated whole on load, each problem one line naming the key."""
from __future__ import annotations

import string
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st

from workbench.check.registry import selected, settings_for
from workbench.cli import cli
from workbench.errors import ConfigError
from workbench.project import DEFAULT_PATHS, SCHEMA, Project, _Invalid, _validate

ROOT = Path(__file__).resolve().parents[1]
HEAD = '[project]\nsource_languages = ["ar"]\n'


def _load(tmp_path: Path, text: str) -> Project:
    (tmp_path / "workbench.toml").write_text(text, encoding="utf-8")
    return Project.load(tmp_path)


def test_the_sample_project_loads_with_its_defaults() -> None:
    project = Project.load(ROOT)
    assert (project.name, project.source_languages, project.target_language) == ("hanoi-convention", ("ar", "fa"), "en")
    assert project.store == ROOT / "build" / "memory.sqlite" and project.baseline == ROOT / "check-baseline.txt"


# The cases of issue 12, and their kin: each was a traceback before.
BAD = [
    ('[project]\nname = "../../x"\nsource_languages = ["ar"]', "[project] name: expected a name usable in a file name"),
    ('[project]\nname = "/etc/x"\nsource_languages = ["ar"]', "[project] name: expected a name"),
    ('[project]\nname = 7\nsource_languages = ["ar"]', "[project] name: expected a name"),
    ('[project]\nname = "a\\u0000b"\nsource_languages = ["ar"]', "[project] name: expected a name"),
    ('[project]\nsource_languages = "ar"', "[project] source_languages: expected a non-empty list"),
    ('[project]\nsource_languages = ["ar", 5]', "[project] source_languages: expected a BCP 47 language tag"),
    ('[project]\nsource_languages = ["ar", "AR"]', "[project] source_languages: ar given twice"),
    ('[project]\nsource_languages = ["ar"]\ntarget_language = ["en"]', "[project] target_language: expected a BCP 47"),
    ('[project]\nname = "x"', "[project] source_languages: missing"),
    (HEAD + '[paths]\nbuild = "afile"', "[paths] build: expected a folder, got 'afile', which is a file"),
    (HEAD + '[paths]\nstore = "adir"', "[paths] store: expected a file, got 'adir', which is a folder"),
    (HEAD + '[paths]\ntmx = "/"', "[paths] tmx: expected a relative path inside the project, got '/'"),
    (HEAD + '[paths]\ncorpus = "../../x"', "[paths] corpus: expected a relative path inside the project"),
    (HEAD + '[paths]\ncorpus = "a/../../x"', "[paths] corpus: expected a relative path inside the project"),
    (HEAD + '[paths]\nglossary = "g\\u0000"', "[paths] glossary: expected a relative path inside the project, got 'g\\x00'"),
    (HEAD + '[paths]\nglossary = ""', "[paths] glossary: expected a relative path inside the project"),
    (HEAD + "[paths]\nstore = 3", "[paths] store: expected a relative path inside the project, got 3"),
    (HEAD + '[paths]\nstroe = "x.sqlite"', "[paths] stroe: unknown key (known: corpus, tmx, glossary, build, store)"),
    (HEAD + "[segment]\nboilerplate.ar = [1, 2]", "[segment] boilerplate.ar: expected a list of regular expressions, got [1, 2]"),
    (HEAD + '[segment]\nboilerplate.ar = "x"', "[segment] boilerplate.ar: expected a list of regular expressions"),
    (HEAD + '[segment]\nboilerplate.ar = ["("]', "[segment] boilerplate.ar: bad regular expression '('"),
    (HEAD + "[segment]\nboilerplate.xx = []", "[segment] boilerplate.xx: expected a BCP 47 language tag"),
    (HEAD + "[segment]\nboilerplate = 1", "[segment] boilerplate: expected a table"),
    (HEAD + "[glossary]\nfolds_off = 5", "[glossary] folds_off: expected a list of strings, got 5"),
    (HEAD + '[glossary]\nfolds_off = ["tehmarbuta"]', "[glossary] folds_off: unknown fold(s) tehmarbuta"),
    (HEAD + "[glossary]\nfold_off = []", "[glossary] fold_off: unknown key (known: folds_off)"),
    (HEAD + "[glosary]\nfolds_off = []", "unknown section [glosary] (known sections: [project], [paths]"),
    (HEAD + "profile = 1\n[check]", "[project] profile: unknown key"),
    ('paths = "x"\n' + HEAD, "[paths]: expected a table, got 'x'"),
    ("x = 1\n" + HEAD, "unknown key x (known sections"),
    (HEAD + "[check]\nprofile = 1", "[check] profile: expected a string, got 1"),
    (HEAD + "[check]\nfail_on = true", "[check] fail_on: expected a string, got True"),
    (HEAD + '[check]\ndisable = "zwnj"', "[check] disable: expected a list of strings"),
    (HEAD + '[check]\nbaseline = "adir"', "[check] baseline: expected a file, got 'adir', which is a folder"),
    (HEAD + "[check]\nzwnj = false", "[check] zwnj: unknown key (known: profile, fail_on, baseline, disable and"),
    (HEAD + '[check.zwnj]\nenabled = "no"', "[check.zwnj] enabled: expected true or false, got 'no'"),
    (HEAD + "[check.zwnj]\nseverity = 2", "[check.zwnj] severity: expected a string, got 2"),
    (HEAD + "[glossary]\nfolds_off = " + "[" * 50 + "]" * 50, "[glossary] folds_off: expected a list of strings, got [[[[...]]]]"),
    (HEAD + "[paths]\ncorpus = " + "[" * 50_000 + "]" * 50_000, "invalid TOML: arrays or tables nested too deep"),
    ("[project\nname = 1", ":1:9: invalid TOML: Expected ']' at the end of a table declaration"),
    (HEAD + 'target_language = "en"\ntarget_language = "fa"', ":4:23: invalid TOML: Cannot overwrite a value"),
    (HEAD + "x = ", ":3:5: invalid TOML: Invalid value"),
]


@pytest.mark.parametrize(("text", "message"), BAD)
def test_bad_settings_name_the_key_and_what_was_expected(tmp_path: Path, text: str, message: str) -> None:
    (tmp_path / "afile").write_text("", encoding="utf-8")
    (tmp_path / "adir").mkdir()
    with pytest.raises(ConfigError) as caught:
        _load(tmp_path, text)
    assert str(caught.value).startswith(str(tmp_path / "workbench.toml"))
    assert message in str(caught.value)


@pytest.mark.parametrize(("text", "message"), BAD[::6])
def test_bad_settings_are_one_line_and_exit_2(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, text: str,
                                              message: str) -> None:
    (tmp_path / "afile").write_text("", encoding="utf-8")
    (tmp_path / "adir").mkdir()
    (tmp_path / "workbench.toml").write_text(text, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(cli, ["segment", "--lang", "en", "-"], input="One. Two.\n")
    assert result.exit_code == 2 and result.stdout == ""
    assert result.stderr.startswith("wb: error: ") and message in result.stderr and result.stderr.count("\n") == 1


def test_paths_not_set_are_checked_too(tmp_path: Path) -> None:
    (tmp_path / "build").write_text("", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"\[paths\] build \(not set, so 'build'\): expected a folder"):
        _load(tmp_path, HEAD)


def test_a_path_may_not_leave_the_project_through_a_link(tmp_path: Path) -> None:
    (tmp_path / "p").mkdir()
    (tmp_path / "outside").mkdir()
    (tmp_path / "p" / "texts").symlink_to(tmp_path / "outside")
    with pytest.raises(ConfigError, match=r"\[paths\] corpus: expected a relative path inside the project"):
        _load(tmp_path / "p", HEAD + '[paths]\ncorpus = "texts"\n')
    (tmp_path / "p" / "build").symlink_to(tmp_path / "outside")
    with pytest.raises(ConfigError, match=r"\[paths\] build \(not set, so 'build'\): expected a relative path inside"):
        _load(tmp_path / "p", HEAD)


def test_values_are_made_canonical(tmp_path: Path) -> None:
    project = _load(tmp_path, '[project]\nsource_languages = ["AR", "fa_ir"]\ntarget_language = "EN"\n'
                              '[paths]\ncorpus = "texts/./src"\n[segment]\nboilerplate.AR = ["^x$"]\n')
    assert project.source_languages == ("ar", "fa-IR") and project.target_language == "en"
    assert project.section("segment") == {"boilerplate": {"ar": ["^x$"]}}
    assert project.corpus == tmp_path.resolve() / "texts" / "src"
    assert project.name == tmp_path.name


def test_check_settings_are_checked_by_the_registry() -> None:
    """[check.<id>]: the check's name and its own settings' types are the registry's to know."""
    with pytest.raises(ConfigError, match=r"unknown check\(s\): varient-cluster"):
        selected("strict", {"varient-cluster": {"enabled": False}})
    (chk,) = selected("strict", only=["variant-cluster"])
    with pytest.raises(ConfigError, match=r"\[check.variant-cluster\] min_letters: expected an integer, got '4'"):
        settings_for(chk, {"variant-cluster": {"min_letters": "4"}})
    with pytest.raises(ConfigError, match=r"min_letters: expected an integer, got True"):
        settings_for(chk, {"variant-cluster": {"min_letters": True}})
    assert settings_for(chk, {"variant-cluster": {"min_letters": 5}})["min_letters"] == 5


_TEXT = st.text(string.ascii_letters + string.digits + "./\\_-\x00 :~", max_size=12)
_VALUES: st.SearchStrategy[Any] = st.recursive(
    st.none() | st.booleans() | st.integers() | _TEXT | st.sampled_from(["ar", "EN_us", "corpus", "zwnj", "^a$", "("]),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(_TEXT | st.sampled_from(["ar", "enabled"]), inner,
                                                                max_size=3),
    max_leaves=8)
_PLAUSIBLE = st.sampled_from(["corpus", "x/y", "a/../b", "../x", "/", "a\x00b", "ar", "EN_us", "xx", "strict", [],
                              ["ar"], ["zwnj"], ["ar", "EN_us"], {"ar": ["^x$"]}, {"ar": [1]}, {"enabled": True}])
_TABLES = {section: st.dictionaries(st.sampled_from(list(keys)), _PLAUSIBLE, max_size=3)
           | st.dictionaries(st.sampled_from([*keys, "other"]), _VALUES, max_size=3) for section, keys in SCHEMA.items()}
_PROJECT = st.fixed_dictionaries({"source_languages": st.just(["ar", "EN_us"])},
                                 optional={"name": st.sampled_from(["p", "a b", "..", ""]) | _TEXT,
                                           "target_language": st.sampled_from(["en", "FA_ir", "xx", 5])})
_SECTIONS = st.lists(st.one_of(*(st.tuples(st.just(name), table | _VALUES) for name, table in _TABLES.items()
                                  if name != "project")), max_size=2)
_SETTINGS = st.builds(lambda project, rest: {"project": project, **dict(rest)}, _PROJECT, _SECTIONS)


@given(_SETTINGS)
def test_settings_are_valid_or_refused_with_the_key(data: dict[str, Any]) -> None:
    """Any parsed TOML either passes, every path inside the project and every tag
    canonical, or is refused with a message naming its section (never another error)."""
    root = ROOT / "tests" / "data"
    try:
        settings = _validate(data, root)
    except _Invalid as exc:
        assert str(exc).startswith("[") or str(exc).startswith("unknown ")
        return
    for (section, key) in DEFAULT_PATHS:
        if key in settings.get(section, {}):
            assert (root / settings[section][key]).resolve().is_relative_to(root)
    assert settings["project"]["source_languages"] == ["ar", "en-US"]
    assert settings["project"].get("target_language", "en") in ("en", "fa-IR")
