"""The on-disk project: ``workbench.toml``, where things are, what ``wb build`` does."""
from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import ConfigError
from .text.langtag import parse_tag

CONFIG_NAME = "workbench.toml"
#: The project's baseline of recorded and dismissed check findings, unless ``[check] baseline`` names another.
DEFAULT_BASELINE = "check-baseline.txt"


@dataclass(frozen=True, slots=True)
class Project:
    """A project folder and its settings."""

    root: Path
    name: str
    source_languages: tuple[str, ...]
    target_language: str
    settings: dict[str, Any] = field(repr=False)

    @classmethod
    def load(cls, root: Path) -> Project:
        """Read ``root/workbench.toml``."""
        path = root / CONFIG_NAME
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise ConfigError(f"{path}: no such file") from None
        except (OSError, UnicodeDecodeError) as exc:
            raise ConfigError(f"{path}: cannot read: {exc}") from None
        except tomllib.TOMLDecodeError as exc:
            raise ConfigError(f"{path}: invalid TOML: {exc}") from None
        proj = data.get("project", {})
        if not isinstance(proj, dict):
            raise ConfigError(f"{path}: [project] must be a table")
        try:
            sources = tuple(parse_tag(t) for t in proj.get("source_languages", []))
            target = parse_tag(proj.get("target_language", "en"))
        except Exception as exc:
            raise ConfigError(f"{path}: {exc}") from None
        if not sources:
            raise ConfigError(f"{path}: [project] source_languages is empty")
        return cls(root=root.resolve(), name=str(proj.get("name", root.resolve().name)),
                   source_languages=sources, target_language=target, settings=data)

    @classmethod
    def find(cls, start: Path | None = None) -> Project | None:
        """The project whose ``workbench.toml`` is in ``start`` or above (like git)."""
        here = (start or Path.cwd()).resolve()
        for folder in (here, *here.parents):
            if (folder / CONFIG_NAME).is_file():
                return cls.load(folder)
        return None

    def path(self, key: str, default: str) -> Path:
        """A path from ``[paths]``, relative to the project root."""
        value = self.settings.get("paths", {}).get(key, default)
        return self.root / str(value)

    @property
    def corpus(self) -> Path:
        return self.path("corpus", "corpus")

    @property
    def build_dir(self) -> Path:
        return self.path("build", "build")

    @property
    def store(self) -> Path:
        """The SQLite translation memory of the project."""
        return self.path("store", "build/memory.sqlite")

    @property
    def tmx_dir(self) -> Path:
        return self.path("tmx", "tmx")

    @property
    def glossary_dir(self) -> Path:
        return self.path("glossary", "glossary")

    @property
    def baseline(self) -> Path:
        """The file of recorded and dismissed check findings (``[check] baseline``)."""
        return self.root / str(self.section("check").get("baseline", DEFAULT_BASELINE))

    @property
    def folds_off(self) -> tuple[str, ...]:
        """Match-key folds the glossary matcher must not apply (``[glossary] folds_off``)."""
        return tuple(self.section("glossary").get("folds_off", ()))

    def section(self, name: str) -> dict[str, Any]:
        """A settings table (``{}`` when absent)."""
        value = self.settings.get(name, {})
        if not isinstance(value, dict):
            raise ConfigError(f"{self.root / CONFIG_NAME}: [{name}] must be a table")
        return value

    def language_of(self, path: str | Path) -> str | None:
        """The language of a document under ``corpus/<lang>/``, else None."""
        try:
            rel = Path(path).resolve().relative_to(self.corpus)
        except ValueError:
            return None
        return rel.parts[0] if len(rel.parts) > 1 else None

    def documents(self, lang: str) -> list[Path]:
        """The documents of one language, sorted by name."""
        folder = self.corpus / lang
        return sorted(p for p in folder.glob("*.txt") if p.is_file()) if folder.is_dir() else []
