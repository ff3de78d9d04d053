"""Several entries in one transaction link to each other; a rolled-back savepoint takes its own."""

from __future__ import annotations

import itertools

import pytest
from sqlalchemy.orm import Session

from article3.audit import service as audit
from article3.audit.actions import AuditAction
from article3.audit.models import AuditEntry
from article3.bootstrap import Runtime
from article3.db.session import transaction


class Boom(Exception):
    pass


def _record(s: Session, rt: Runtime, i: int) -> AuditEntry:
    return audit.record(
        s,
        actor="system:test",
        action=AuditAction.USER_CREATED,
        subject_type="user",
        subject_id=i,
        change={"i": i},
        now=rt.clock.now(),
    )


def test_entries_of_one_transaction_follow_each_other(runtime: Runtime, session: Session) -> None:
    with runtime.session() as s, transaction(s):
        entries = [_record(s, runtime, i) for i in range(5)]

    assert [e.seq for e in entries] == list(range(entries[0].seq, entries[0].seq + 5))
    assert all(b.prev_hash == a.hash for a, b in itertools.pairwise(entries))
    result = audit.verify(session)
    assert result.ok
    assert result.head_hash == entries[-1].hash


def test_a_rolled_back_savepoint_leaves_no_gap(runtime: Runtime, session: Session) -> None:
    with runtime.session() as s, transaction(s):
        first = _record(s, runtime, 1)
        with pytest.raises(Boom), s.begin_nested():
            _record(s, runtime, 2)
            raise Boom
        after = _record(s, runtime, 3)

    assert after.seq == first.seq + 1
    assert after.prev_hash == first.hash
    assert audit.verify(session).ok


def test_the_next_transaction_reads_the_head_again(runtime: Runtime, session: Session) -> None:
    with runtime.session() as s:
        with transaction(s):
            first = _record(s, runtime, 1)
        with runtime.session() as other, transaction(other):
            between = _record(other, runtime, 2)
        with transaction(s):
            last = _record(s, runtime, 3)

    assert between.prev_hash == first.hash
    assert last.prev_hash == between.hash
    assert audit.verify(session).ok
