"""The translation memory: SQLite store, import/export, fuzzy lookup, analysis.

Its names are loaded on first use (a command that opens a store does not
import every file format).
"""
from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .report import ImportReport
    from .store import ON_DUPLICATE, DamagedStoreError, Store, StoreError
    from .names import EXPORT_FORMATS, IMPORT_FORMATS
    from .transfer import ExportResult, export_store, import_file

#: name -> the module of this package that defines it
_WHERE = {
    "ImportReport": "report",
    "ON_DUPLICATE": "store", "DamagedStoreError": "store", "Store": "store", "StoreError": "store",
    "EXPORT_FORMATS": "names", "IMPORT_FORMATS": "names", "ExportResult": "transfer",
    "export_store": "transfer", "import_file": "transfer",
}


def __getattr__(name: str) -> Any:
    if name not in _WHERE:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(f".{_WHERE[name]}", __name__), name)


__all__ = [
    "EXPORT_FORMATS",
    "IMPORT_FORMATS",
    "ON_DUPLICATE",
    "DamagedStoreError",
    "ExportResult",
    "ImportReport",
    "Store",
    "StoreError",
    "export_store",
    "import_file",
]
