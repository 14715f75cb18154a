"""The translation memory: SQLite store, import/export, fuzzy lookup, analysis."""
from .report import ImportReport
from .store import ON_DUPLICATE, DamagedStoreError, Store, StoreError
from .transfer import EXPORT_FORMATS, IMPORT_FORMATS, ExportResult, export_store, import_file

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
