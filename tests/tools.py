"""Peer tools some tests run (OmegaT, GNU gettext): a test that needs one is skipped, saying how to
install it, where it is missing, except under CI (``CI`` set), where ``.ci/run`` installs them and a
missing tool must fail the test rather than hide it."""
from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

import pytest


def tool(command: str) -> str | None:
    """The path of ``command``: beside this Python first (a tool the test extra installs into the
    environment, which need not be on PATH), else on PATH."""
    return shutil.which(command, path=str(Path(sys.executable).parent)) or shutil.which(command)


def needs(*commands: str, install: str) -> pytest.MarkDecorator:
    """Skip unless every command is found by :func:`tool` (never under CI)."""
    missing = [c for c in commands if tool(c) is None]
    return pytest.mark.skipif(bool(missing) and not os.environ.get("CI"),
                              reason=f"{', '.join(missing)} not installed ({install}; .ci/run does)")
