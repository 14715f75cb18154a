"""Spreadsheets (Excel's .xlsx, Office Open XML), read as rows of text.

The first worksheet, streamed (openpyxl's read-only mode), row by row: a
formula cell gives the value the spreadsheet saved with it (never the
formula), a number its plain digits (``12``, not ``12.0``), a date its ISO
form, an empty cell ``""``. A row's number is its line in errors and logs.
The file is a zip archive of XML: before it is opened, an archive that is not
one, or whose parts would unpack to more than :data:`MAX_UNPACKED` bytes or
more than :data:`MAX_RATIO` times their packed size (a zip bomb), is a
:class:`~workbench.errors.FormatError`; its XML is parsed by openpyxl with
entities and DTDs refused (defusedxml).
"""
from __future__ import annotations

import datetime as _dt
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from ..errors import FormatError, InputError

#: What the parts of a workbook may unpack to, in all.
MAX_UNPACKED = 1 << 30
#: How many times its packed size a part may unpack to (from 1 MB on).
MAX_RATIO = 200


def _checked(path: Path) -> None:
    """Refuse what is not an .xlsx archive, or would unpack to too much."""
    try:
        with zipfile.ZipFile(path) as archive:
            parts = archive.infolist()
    except FileNotFoundError:
        raise InputError("no such file", path=path) from None
    except (zipfile.BadZipFile, OSError) as exc:
        raise FormatError(f"not an .xlsx workbook (not a zip archive: {exc})", path=str(path)) from None
    if sum(p.file_size for p in parts) > MAX_UNPACKED:
        raise FormatError(f"the workbook would unpack to more than {MAX_UNPACKED >> 20} MB", path=str(path))
    for part in parts:
        if part.file_size > (1 << 20) and part.file_size > MAX_RATIO * max(part.compress_size, 1):
            raise FormatError(f"part {part.filename!r} would unpack to {part.file_size / max(part.compress_size, 1):.0f} "
                              "times its size in the archive (a zip bomb?)", path=str(path))


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, _dt.datetime) and value.time() == _dt.time():
        return value.date().isoformat()  # a date cell (spreadsheets keep a date as a date and time)
    if isinstance(value, (_dt.datetime, _dt.date, _dt.time)):
        return value.isoformat()
    return str(value)


def xlsx_rows(path: str | Path) -> Iterator[tuple[int, list[str]]]:
    """The rows of the workbook's first worksheet, each with its number, as text."""
    p = Path(path)
    _checked(p)
    import openpyxl
    from openpyxl.utils.exceptions import InvalidFileException

    fh = p.open("rb")  # a file, not a name: openpyxl would refuse a name without .xlsx (stdin's copy)
    try:
        book = openpyxl.load_workbook(fh, read_only=True, data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, ValueError, TypeError, OSError, SyntaxError) as exc:
        fh.close()
        raise FormatError(f"not a workbook openpyxl can read: {type(exc).__name__}: {exc}", path=str(p)) from None
    try:
        if not book.worksheets:
            raise FormatError("the workbook has no worksheet", path=str(p))
        sheet = book.worksheets[0]
        try:
            for number, row in enumerate(sheet.iter_rows(values_only=True), 1):
                yield number, [_text(v) for v in row]
        except (KeyError, ValueError, TypeError, SyntaxError) as exc:
            raise FormatError(f"damaged worksheet: {type(exc).__name__}: {exc}", path=str(p)) from None
    finally:
        book.close()
        fh.close()
