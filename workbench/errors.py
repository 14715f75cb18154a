"""One error hierarchy for everything the library reports to its callers.

The CLI turns any :class:`WorkbenchError` into one line on stderr and exit 2.
"""
from __future__ import annotations

from pathlib import Path


class WorkbenchError(Exception):
    """Base class: an error the user can fix (bad input, bad settings)."""


class InputError(WorkbenchError):
    """Unreadable or invalid input, with the place it was found."""

    def __init__(
        self,
        message: str,
        path: str | Path | None = None,
        line: int | None = None,
        column: int | None = None,
    ) -> None:
        self.message = message
        self.path = str(path) if path is not None else None
        self.line = line
        self.column = column
        super().__init__(str(self))

    def __str__(self) -> str:
        where = self.path or ""
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        return f"{where}: {self.message}" if where else self.message


class FormatError(InputError):
    """A file that is not in the format it claims (malformed XML, bad CSV...)."""


class LanguageTagError(WorkbenchError):
    """A language tag that is not valid BCP 47 or names no known language."""


class ConfigError(WorkbenchError):
    """A missing, unreadable or invalid ``workbench.toml``."""
