"""The file formats a memory is imported from and exported to, by name (the
readers and writers, in :mod:`workbench.formats`, are loaded when used)."""
from __future__ import annotations

IMPORT_FORMATS = ("tmx", "po", "tsv", "csv", "xlsx", "moses", "xliff")
EXPORT_FORMATS = ("tmx", "po", "tsv", "csv", "moses", "xliff")
