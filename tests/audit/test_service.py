"""The audit chain in a real database: append, refuse changes, catch tampering."""

from __future__ import annotations

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from article3.audit import service as audit
from article3.audit.actions import AuditAction
from article3.bootstrap import Runtime
from article3.db.session import transaction

SQLITE_TRIGGER = (
    "CREATE TRIGGER audit_entries_no_update BEFORE UPDATE ON audit_entries "
    "BEGIN SELECT RAISE(ABORT, 'audit entries are append-only'); END"
)


def _append(rt: Runtime, n: int) -> None:
    with rt.session() as s, transaction(s):
        for i in range(n):
            audit.record(
                s,
                actor="system:test",
                action=AuditAction.USER_CREATED,
                subject_type="user",
                subject_id=i,
                change={"secret": "not stored", "i": i},
                now=rt.clock.now(),
            )


def test_entries_link_and_verify(runtime: Runtime, session: Session) -> None:
    before = audit.verify(session).checked  # the template's countries load
    session.rollback()  # end the read snapshot before others write
    _append(runtime, 3)
    result = audit.verify(session)
    assert result.ok
    assert result.checked == before + 3
    head = audit.head(session)
    assert head is not None
    assert head.hash == result.head_hash


def test_the_change_itself_is_never_stored(runtime: Runtime, session: Session) -> None:
    _append(runtime, 1)
    row = session.execute(text("SELECT * FROM audit_entries ORDER BY seq DESC LIMIT 1")).mappings().one()
    assert "not stored" not in " ".join(str(v) for v in row.values())


@pytest.mark.parametrize("statement", ["UPDATE audit_entries SET actor = 'x'", "DELETE FROM audit_entries"])
def test_update_and_delete_are_refused_by_the_database(runtime: Runtime, statement: str) -> None:
    _append(runtime, 1)
    with runtime.session() as s, pytest.raises(DBAPIError, match="append-only"):
        s.execute(text(statement))
        s.commit()


def _tamper(session: Session, seq: int) -> None:
    """Change a row behind the trigger's back, as an attacker with database access would."""
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("ALTER TABLE audit_entries DISABLE TRIGGER audit_entries_no_change"))
        session.execute(text("UPDATE audit_entries SET subject_id = 'forged' WHERE seq = :s"), {"s": seq})
        session.execute(text("ALTER TABLE audit_entries ENABLE TRIGGER audit_entries_no_change"))
    else:
        session.execute(text("DROP TRIGGER audit_entries_no_update"))
        session.execute(text("UPDATE audit_entries SET subject_id = 'forged' WHERE seq = :s"), {"s": seq})
        session.execute(text(SQLITE_TRIGGER))
    session.commit()


def test_a_tampered_row_is_caught_and_named(runtime: Runtime, session: Session) -> None:
    _append(runtime, 5)
    total = audit.verify(session).checked
    _tamper(session, total - 2)
    result = audit.verify(session)
    assert not result.ok
    assert result.first_broken_seq == total - 2
