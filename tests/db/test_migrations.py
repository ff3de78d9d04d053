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


def test_decisions_taken_before_0015_enter_the_requesters_record(empty_database_url: str) -> None:
    migrate.upgrade(empty_database_url, "0014d4e5f6a7")
    engine = create_engine(empty_database_url)
    at = "2026-01-02 00:00:00+00:00"
    country = text(
        "INSERT INTO countries (code, alpha3, name, region, member) VALUES (:c, :a, :c, 'x', true)"
    )
    decision = text(
        "INSERT INTO complaint_decisions (complaint_id, outcome, findings, requesting_countries, decided_by, "
        "decided_at, on_time) VALUES (:complaint, :outcome, '{}', :countries, 1, :at, true)"
    )
    try:
        with engine.begin() as conn:
            for code, alpha3 in (("RU", "RUS"), ("BY", "BLR"), ("FR", "FRA")):
                conn.execute(country, {"c": code, "a": alpha3})
            conn.execute(
                text("INSERT INTO users (username, role, password_hash, active, created_at) "
                     "VALUES ('ccf', 'ccf_member', 'x', true, :at)"),
                {"at": at},
            )  # fmt: skip
            for number in (1, 2, 3):
                conn.execute(
                    text(
                        "INSERT INTO complaints (ref, status, kind, lodged_by, grounds_raised, cited_refs, "
                        "pre_emptive, received_at, admissibility_due) VALUES (:ref, 'decided', 'deletion', "
                        "'applicant', '[]', '[]', false, :at, :at)"
                    ),
                    {"ref": f"CCF-2026-{number:06d}", "at": at},
                )
            for number, outcome, countries in (
                (1, "non_compliant", '["BY", "RU"]'), (2, "compliant", '["RU"]'), (3, "compliant", "[]"),
            ):  # fmt: skip
                conn.execute(
                    decision, {"complaint": number, "outcome": outcome, "countries": countries, "at": at}
                )
        migrate.upgrade(empty_database_url)
        record = text(
            "SELECT d.complaint_id, r.country_code, r.non_compliant FROM complaint_decision_countries r "
            "JOIN complaint_decisions d ON d.id = r.decision_id ORDER BY d.complaint_id, r.country_code"
        )
        with engine.connect() as conn:
            got = conn.execute(record).all()
        assert [tuple(row) for row in got] == [(1, "BY", True), (1, "RU", True), (2, "RU", False)]
        migrate.downgrade(empty_database_url, "0014d4e5f6a7")
        assert "complaint_decision_countries" not in _tables(empty_database_url)
    finally:
        engine.dispose()
