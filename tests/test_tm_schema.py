"""The store's schema: the columns a store is checked against are those its migrations make."""
from __future__ import annotations

import sqlite3

from workbench.tm.schema import MIGRATIONS, expected_columns


def test_expected_columns_are_what_replaying_every_migration_makes() -> None:
    db = sqlite3.connect(":memory:")
    try:
        for script in MIGRATIONS:
            db.executescript(script)
        tables = [name for (name,) in db.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]
        made = {t: tuple(row[1] for row in db.execute(f"PRAGMA table_info({t})")) for t in tables}
    finally:
        db.close()
    assert expected_columns() == made
    assert list(expected_columns()) == tables  # in the order a check meets them
