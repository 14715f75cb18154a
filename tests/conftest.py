"""Shared fixtures: paths of the sample project."""
from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import settings

settings.register_profile("workbench", derandomize=True, deadline=None, max_examples=150)
settings.load_profile("workbench")

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def root() -> Path:
    """The repository root (also the sample project)."""
    return ROOT


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A copy of the sample project in ``tmp_path/proj``, with the memories brought in but not its exports."""
    from check_util import copy_sample

    return copy_sample(tmp_path / "proj", exports=False)


@pytest.fixture
def seeds() -> list[Path]:
    """The five source articles of the sample project."""
    return sorted([*ROOT.glob("corpus/ar/*.txt"), *ROOT.glob("corpus/fa/*.txt")])
