"""Peer tools some tests run (OmegaT, GNU gettext): a test that needs one is skipped, saying how to
install it, where it is missing, except under CI (``CI`` set), where ``.ci/run`` installs them and a
missing tool must fail the test rather than hide it."""
from __future__ import annotations

import os
import shutil

import pytest


def needs(*commands: str, install: str) -> pytest.MarkDecorator:
    """Skip unless every command is on PATH (never under CI)."""
    missing = [c for c in commands if shutil.which(c) is None]
    return pytest.mark.skipif(bool(missing) and not os.environ.get("CI"),
                              reason=f"{', '.join(missing)} not installed ({install}; .ci/run does)")
