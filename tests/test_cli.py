"""The root command: every command and subcommand has help with an example."""
from __future__ import annotations

from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from workbench.cli import COMMANDS, cli


def _paths() -> list[list[str]]:
    ctx = click.Context(cli)
    out: list[list[str]] = []
    for name in COMMANDS:
        cmd = cli.get_command(ctx, name)
        assert cmd is not None, name
        out.append([name])
        if isinstance(cmd, click.Group):
            out += [[name, sub] for sub in cmd.list_commands(ctx)]
    return out


@pytest.mark.parametrize("path", _paths(), ids=" ".join)
def test_every_command_has_help_with_an_example(path: list[str]) -> None:
    res = CliRunner().invoke(cli, [*path, "--help"])
    assert res.exit_code == 0, res.output
    assert "Example" in res.output, f"wb {' '.join(path)} --help has no example"


def test_an_argument_not_in_utf8_is_one_line_and_exit_2(tmp_path: Path) -> None:
    # Python gives bytes of argv that are not UTF-8 as lone surrogates, which SQLite, hashes and XML refuse
    name = str(tmp_path / "caf\udce9.tmx")
    for args in (["tm", "import", name, "--store", str(tmp_path / "s.sqlite")], ["check", name], ["segment", name]):
        res = CliRunner().invoke(cli, args)
        assert res.exit_code == 2 and res.stdout == "", res.output
        assert res.stderr == "wb: error: " + str(tmp_path) + "/caf\\udce9.tmx: not UTF-8 (a file name in another encoding?): rename the file\n"
    assert not (tmp_path / "s.sqlite").exists()


def test_unknown_command_is_a_usage_error() -> None:
    res = CliRunner().invoke(cli, ["frobnicate"])
    assert res.exit_code == 2
