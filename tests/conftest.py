"""Shared fixtures: paths of the sample project."""
from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def root() -> Path:
    """The repository root (also the sample project)."""
    return ROOT


@pytest.fixture
def seeds() -> list[Path]:
    """The five source articles of the sample project."""
    return sorted([*ROOT.glob("corpus/ar/*.txt"), *ROOT.glob("corpus/fa/*.txt")])
