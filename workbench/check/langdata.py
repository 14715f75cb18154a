"""Language data of the checks: TOML files under ``workbench/check/data/``, read once."""
from __future__ import annotations

import tomllib
from functools import cache
from importlib.resources import files
from typing import Any


@cache
def load(name: str) -> dict[str, Any]:
    """The parsed data file ``data/<name>.toml``."""
    text = files("workbench.check").joinpath(f"data/{name}.toml").read_text(encoding="utf-8")
    return tomllib.loads(text)


def for_language(name: str, lang: str) -> dict[str, Any]:
    """The table of ``lang`` (primary subtag) in ``data/<name>/<lang>.toml``; empty when there is none."""
    if not lang.isascii() or not lang.isalpha():
        return {}
    path = files("workbench.check").joinpath(f"data/{name}/{lang}.toml")
    return load(f"{name}/{lang}") if path.is_file() else {}
