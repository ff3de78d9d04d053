"""Migrations: models and migrations agree, and upgrade/downgrade round-trips, on this engine."""

from __future__ import annotations

from sqlalchemy import create_engine, inspect

from article3.db import migrate


def _tables(url: str) -> set[str]:
    engine = create_engine(url)
    try:
        return set(inspect(engine).get_table_names()) - {"alembic_version"}
    finally:
        engine.dispose()


def test_upgrade_check_downgrade_round_trip(empty_database_url: str) -> None:
    migrate.upgrade(empty_database_url)
    migrate.check(empty_database_url)  # raises when models and migrations disagree
    full = _tables(empty_database_url)
    assert {"countries", "users", "audit_entries"} <= full
    migrate.downgrade(empty_database_url, "base")
    assert _tables(empty_database_url) == set()
    migrate.upgrade(empty_database_url)
    assert _tables(empty_database_url) == full
