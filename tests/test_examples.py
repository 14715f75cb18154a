"""Every example in the README and in ``--help`` runs as shown on the sample
project and gives the output it implies.

The examples are read from the README's ``sh`` blocks (past the two set-up
commands) and from the ``Example:`` part of every command's help, and run in
a copy of the sample project, in order, as a user would type them one after
another. A small shell runs them in-process: ``&&``, ``echo ... |``, ``>``
and ``2>/dev/null``, globs and quotes. Files a user brings from elsewhere
(a partner's termbase, a translator's PO file) are in ``tests/data/examples``.
"""
from __future__ import annotations

import glob
import re
import shlex
import shutil
from collections.abc import Iterator
from pathlib import Path

import click
import pytest
from check_util import copy_sample
from click.testing import CliRunner

from workbench.cli import cli

ROOT = Path(__file__).resolve().parent.parent
BROUGHT = Path(__file__).parent / "data" / "examples"
#: What a command says when it found nothing: an example must not end so.
NOTHING = re.compile(r"no match|no segment|wb: error|\b0 documents")


def readme_examples() -> list[str]:
    blocks = re.findall(r"```sh\n(.*?)```", (ROOT / "README.md").read_text(encoding="utf-8"), re.S)
    lines = [line.strip() for block in blocks for line in block.splitlines()]
    return [line for line in lines if line.startswith(("wb ", "echo "))]


def _commands(command: click.Command, path: str) -> Iterator[tuple[str, click.Command]]:
    yield path, command
    if isinstance(command, click.Group):
        for name in command.list_commands(click.Context(command)):
            sub = command.get_command(click.Context(command), name)
            assert sub is not None
            yield from _commands(sub, f"{path} {name}")


def help_examples() -> list[tuple[str, str]]:
    out = []
    for path, command in _commands(cli, "wb"):
        text = command.help or ""
        tail = re.split(r"\n\s*Examples?:\n", text, maxsplit=1)
        assert len(tail) == 2, f"{path} --help has no example"
        for line in tail[1].splitlines():
            line = line.strip()
            if not line:
                break
            if line.startswith(("wb ", "echo ")):
                out.append((path, line))
    return out


def _run(line: str, cwd: Path) -> list[tuple[list[str], int, str, str, list[Path]]]:
    """Run one example line; each command's (args, exit code, stdout, stderr, files it wrote)."""
    lexer = shlex.shlex(line, posix=True, punctuation_chars=True)
    lexer.whitespace_split = True
    lexer.commenters = "#"
    tokens = list(lexer)
    results = []
    for command in _split(tokens, "&&"):
        stdin = None
        if "|" in command:
            echo, command = _split(command, "|")
            assert echo[0] == "echo", line
            stdin = " ".join(echo[1:]) + "\n"
        args, stdout_file, quiet = [], None, False
        i = 0
        while i < len(command):
            token = command[i]
            if token == ">" and args and args[-1] == "2":
                args.pop()
                quiet = True
                i += 2
                continue
            if token == ">":
                stdout_file = cwd / command[i + 1]
                i += 2
                continue
            matches = sorted(glob.glob(token, root_dir=cwd)) if any(c in token for c in "*?[") else []
            args += matches or [token]
            i += 1
        assert args[0] == "wb", line
        result = CliRunner().invoke(cli, args[1:], input=stdin)
        assert result.exception is None or isinstance(result.exception, SystemExit), (line, result.exception)
        written = _outputs(args, cwd)
        if stdout_file is not None:
            stdout_file.write_text(result.stdout, encoding="utf-8")
            written.append(stdout_file)
        results.append((args, result.exit_code, "" if stdout_file else result.stdout,
                        "" if quiet else result.stderr, written))
        if result.exit_code not in (0, 3):
            break
    return results


def _split(tokens: list[str], sep: str) -> list[list[str]]:
    parts: list[list[str]] = [[]]
    for token in tokens:
        if token == sep:
            parts.append([])
        else:
            parts[-1].append(token)
    return parts


def _outputs(args: list[str], cwd: Path) -> list[Path]:
    return [cwd / b for a, b in zip(args, args[1:]) if a in ("-o", "--output") and b != "-"]


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the sample project, built, with the files users bring."""
    root = copy_sample(tmp_path_factory.mktemp("sample"))
    for path in BROUGHT.iterdir():
        (shutil.copytree if path.is_dir() else shutil.copy)(path, root / path.name)
    mp = pytest.MonkeyPatch()
    mp.chdir(root)
    assert CliRunner().invoke(cli, ["build"]).exit_code in (0, 3)
    yield root
    mp.undo()


def _check(line: str, project: Path) -> None:
    for args, code, out, err, written in _run(line, project):
        assert code in ((0, 3) if args[1] in ("check", "build") else (0,)), (line, code, err)
        assert not NOTHING.search(err), (line, err)
        assert out.strip() or err.strip() or written, f"{line}: no output"
        for path in written:  # a file, or files of that stem (moses: pairs.ar, pairs.en)
            made = [path] if path.exists() else list(path.parent.glob(f"{path.name}.*"))
            assert made and all(p.is_dir() or p.stat().st_size > 0 for p in made), (line, path)


@pytest.mark.parametrize("line", readme_examples())
def test_readme_example(project: Path, line: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(project)
    _check(line, project)


@pytest.mark.parametrize(("command", "line"), help_examples())
def test_help_example(project: Path, command: str, line: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(project)
    _check(line, project)
