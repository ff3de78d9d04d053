"""Append to the chain inside the caller's transaction; verify it; read its head."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from datetime import datetime
from typing import Any, cast

from sqlalchemy import Connection, Table, insert, select, text
from sqlalchemy.orm import Session, SessionTransaction

from article3.actors import Actor
from article3.audit import chain
from article3.audit.actions import AuditAction
from article3.audit.models import AuditEntry
from article3.audit.schemas import AuditEntryRead, AuditVerifyRead

_CHAIN_LOCK_KEY = 3_030_303  # PostgreSQL advisory lock serialising appends to the chain
_HEAD = "article3.audit.head"  # session.info: (transaction, seq, hash) of the entry last appended


def record(
    session: Session,
    *,
    actor: Actor | str,
    action: AuditAction,
    subject_type: str,
    subject_id: str | int,
    change: Mapping[str, Any],
    now: datetime,
) -> AuditEntry:
    """Append one entry for a change, in the caller's transaction; returns it (not in the session).

    ``change`` is hashed, never stored: callers may pass personal data, only its digest lands.
    """
    last_seq, prev_hash = _head(session)
    entry = AuditEntry(
        seq=last_seq + 1,
        at=now,
        actor=actor.audit_name if isinstance(actor, Actor) else actor,
        action=str(action),
        subject_type=subject_type,
        subject_id=str(subject_id),
        change_hash=chain.digest(dict(change)),
        prev_hash=prev_hash,
        hash="",
    )
    entry.hash = chain.link(prev_hash, _view(entry).body())
    # Inserted now, on the table, through the transaction's connection: the entry is never changed,
    # so the unit of work has nothing to track, and nothing the unit of work holds needs flushing
    # first (no ORM object is an audit entry); the caller's pending changes are flushed when its
    # next query or its commit needs them. The head below is what the next record() links to.
    session.connection().execute(_INSERT, {c: getattr(entry, c) for c in _COLUMNS})
    session.info[_HEAD] = (_current(session), entry.seq, entry.hash)
    return entry


_TABLE = cast(Table, AuditEntry.__table__)
_INSERT = insert(_TABLE)
_COLUMNS = tuple(c.key for c in _TABLE.columns)


def _current(session: Session) -> SessionTransaction | None:
    return session.get_nested_transaction() or session.get_transaction()


def _head(session: Session) -> tuple[int, str]:
    """The chain's head (seq, hash) as this transaction sees it.

    The first entry of a transaction takes the lock and reads the head from the table; the next
    ones link to the entry appended before them, which nobody else can have followed since (the
    lock is held until the transaction ends). A savepoint has its own head: rolled back, it takes
    its entries with it, and the head is read again.
    """
    cached = session.info.get(_HEAD)
    if cached is not None and cached[0] is not None and cached[0] is _current(session):
        return cached[1], cached[2]
    connection = session.connection()  # the audit table only: no pending ORM change to flush first
    _lock_head(connection)
    last = connection.execute(_HEAD_ROW).first()
    return (last.seq, last.hash) if last else (0, chain.GENESIS_HASH)


_HEAD_ROW = select(_TABLE.c.seq, _TABLE.c.hash).order_by(_TABLE.c.seq.desc()).limit(1)


def _lock_head(connection: Connection) -> None:
    if connection.dialect.name == "postgresql":
        connection.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": _CHAIN_LOCK_KEY})
    # SQLite: every transaction began with BEGIN IMMEDIATE (db.session), one writer at a time.


def _view(entry: AuditEntry) -> chain.EntryView:
    return chain.EntryView(
        seq=entry.seq,
        at=entry.at,
        actor=entry.actor,
        action=entry.action,
        subject_type=entry.subject_type,
        subject_id=entry.subject_id,
        change_hash=entry.change_hash,
        prev_hash=entry.prev_hash,
        hash=entry.hash,
    )


def _all(session: Session) -> Iterator[chain.EntryView]:
    rows = session.scalars(select(AuditEntry).order_by(AuditEntry.seq).execution_options(yield_per=2000))
    for row in rows:
        yield _view(row)


def verify(session: Session) -> AuditVerifyRead:
    """Recompute the whole chain and name the first broken entry, if any."""
    result = chain.verify(_all(session))
    return AuditVerifyRead(
        ok=result.ok,
        checked=result.checked,
        head_hash=result.head_hash,
        first_broken_seq=result.first_broken_seq,
        reason=result.reason,
    )


def head(session: Session) -> AuditEntryRead | None:
    """The latest entry: its hash is what a transparency report embeds."""
    last = session.scalars(select(AuditEntry).order_by(AuditEntry.seq.desc()).limit(1)).first()
    return AuditEntryRead.model_validate(last, from_attributes=True) if last else None


def entries_for(session: Session, *, subject_type: str, subject_id: str) -> list[AuditEntryRead]:
    rows = session.scalars(
        select(AuditEntry)
        .where(AuditEntry.subject_type == subject_type, AuditEntry.subject_id == subject_id)
        .order_by(AuditEntry.seq)
    )
    return [AuditEntryRead.model_validate(r, from_attributes=True) for r in rows]


def recent(session: Session, *, limit: int = 100) -> list[AuditEntryRead]:
    rows = session.scalars(select(AuditEntry).order_by(AuditEntry.seq.desc()).limit(limit))
    return [AuditEntryRead.model_validate(r, from_attributes=True) for r in rows]
