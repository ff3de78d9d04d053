"""Engines: SQLite connections wait for the disk on commit, except a bulk loader's."""

from __future__ import annotations

import pytest
from sqlalchemy import text

from article3.db.session import make_engine

FULL, NORMAL = 2, 1  # PRAGMA synchronous


@pytest.mark.parametrize(("bulk_load", "expected"), [(False, FULL), (True, NORMAL)])
def test_sqlite_commits_wait_for_the_disk_unless_bulk_loading(
    database_url: str, bulk_load: bool, expected: int
) -> None:
    if not database_url.startswith("sqlite"):
        pytest.skip("a SQLite setting")
    engine = make_engine(database_url, bulk_load=bulk_load)
    try:
        with engine.connect() as conn:
            assert conn.execute(text("PRAGMA synchronous")).scalar_one() == expected
            assert conn.execute(text("PRAGMA journal_mode")).scalar_one() == "wal"
    finally:
        engine.dispose()
