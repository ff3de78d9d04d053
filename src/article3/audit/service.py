"""Append to the chain inside the caller's transaction; verify it; read its head."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from datetime import datetime
from typing import Any

from sqlalchemy import select, text
from sqlalchemy.orm import Session

from article3.actors import Actor
from article3.audit import chain
from article3.audit.actions import AuditAction
from article3.audit.models import AuditEntry
from article3.audit.schemas import AuditEntryRead, AuditVerifyRead

_CHAIN_LOCK_KEY = 3_030_303  # PostgreSQL advisory lock serialising appends to the chain


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
    """Append one entry for a change, in the caller's transaction.

    ``change`` is hashed, never stored: callers may pass personal data, only its digest lands.
    """
    _lock_head(session)
    last = session.scalars(select(AuditEntry).order_by(AuditEntry.seq.desc()).limit(1)).first()
    prev_hash = last.hash if last else chain.GENESIS_HASH
    seq = last.seq + 1 if last else 1
    entry = AuditEntry(
        seq=seq,
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
    session.add(entry)
    session.flush()  # flush: the next record() in this transaction must see this entry as head
    return entry


def _lock_head(session: Session) -> None:
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": _CHAIN_LOCK_KEY})
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
