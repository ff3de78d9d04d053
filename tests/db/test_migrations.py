"""Migrations: models and migrations agree, and upgrade/downgrade round-trips, on this engine."""

from __future__ import annotations

import json

from sqlalchemy import create_engine, inspect, text

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


def test_open_cases_lodged_before_0012_enter_the_person_index(empty_database_url: str) -> None:
    migrate.upgrade(empty_database_url, "0011a1b2c3d4")
    engine = create_engine(empty_database_url)
    row = {
        "kind": "deletion", "lodged_by": "applicant", "grounds_raised": "[]", "cited_refs": "[]",
        "pre_emptive": True, "received_at": "2026-01-02 00:00:00+00:00",
        "admissibility_due": "2026-02-02 00:00:00+00:00",
        "applicant": '{"names": ["Marc Delorme"], "birth_date": "1984-07-12", "contact": "m@example.org"}',
    }  # fmt: skip
    insert = text(
        "INSERT INTO complaints (ref, status, kind, lodged_by, grounds_raised, cited_refs, pre_emptive, "
        "received_at, admissibility_due, applicant) VALUES (:ref, :status, :kind, :lodged_by, "
        ":grounds_raised, :cited_refs, :pre_emptive, :received_at, :admissibility_due, :applicant)"
    )
    try:
        with engine.begin() as conn:
            conn.execute(insert, {**row, "ref": "CCF-2026-000001", "status": "admissible"})
            conn.execute(insert, {**row, "ref": "CCF-2026-000002", "status": "decided"})
        migrate.upgrade(empty_database_url)
        with engine.connect() as conn:
            indexed = conn.execute(text("SELECT entry_id, record, access FROM indexed_persons")).all()
            outbox = conn.execute(text("SELECT entry_id FROM index_changes")).scalars().all()
        [(entry_id, record, access)] = indexed
        record = json.loads(record) if isinstance(record, str) else record
        access = json.loads(access) if isinstance(access, str) else access
        assert entry_id == "CCF-2026-000001" and access == {"source": "complaint"}
        assert record["names"] == ["Marc Delorme"] and "contact" not in record
        assert outbox == ["CCF-2026-000001"]
        migrate.downgrade(empty_database_url, "0011a1b2c3d4")
        with engine.connect() as conn:
            assert conn.execute(text("SELECT count(*) FROM indexed_persons")).scalar() == 0
    finally:
        engine.dispose()
