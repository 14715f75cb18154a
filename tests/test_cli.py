"""The root command: every command and subcommand has help with an example."""
from __future__ import annotations

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


def test_unknown_command_is_a_usage_error() -> None:
    res = CliRunner().invoke(cli, ["frobnicate"])
    assert res.exit_code == 2
