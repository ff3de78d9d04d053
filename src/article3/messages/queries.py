"""Read side of messaging: inbox, outbox, threads, the compliance queue, per-country counts, and the
Read schemas built from the rows (what each reader may see of a message)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Any

from sqlalchemy import exists, func, or_, select
from sqlalchemy.orm import Session, selectinload

from article3.actors import Actor
from article3.messages import reading, rules
from article3.messages.models import Attachment, Message, MessageRecipient
from article3.messages.rules import Status
from article3.messages.schemas import (
    AttachmentRead,
    MessageRead,
    MessageReview,
    MessageSummary,
    RecipientRead,
)
from article3.search.schemas import PersonQuery

_LOAD = (
    selectinload(Message.recipients),
    selectinload(Message.request_refs),
    selectinload(Message.attachments),
)


def _refs(session: Session, ids: set[int]) -> dict[int, str]:
    if not ids:
        return {}
    rows = session.execute(select(Message.id, Message.ref).where(Message.id.in_(ids)))
    return {int(i): str(r) for i, r in rows}


def readable(actor: Actor, message: Message) -> bool:
    return rules.may_read(
        actor,
        sender=message.sender_country,
        recipients=frozenset(r.country_code for r in message.recipients),
        status=Status(message.status),
        held=message.held or message.linked_at is not None,
    )


def to_read(session: Session, message: Message, actor: Actor) -> MessageRead:
    """The message as its reader sees it: receipts, and whether monitoring read each attachment, for
    the sender (and compliance staff) only; never the hold reasons."""
    refs = _refs(session, {i for i in (message.thread_id, message.reply_to_id) if i is not None})
    sender = actor.role.bound_to_country and actor.country == message.sender_country
    status = Status(message.status)
    return MessageRead(
        ref=message.ref,
        thread=refs.get(message.thread_id, message.ref) if message.thread_id else message.ref,
        reply_to=refs.get(message.reply_to_id) if message.reply_to_id else None,
        sender_country=message.sender_country,
        recipients=[
            RecipientRead(country=r.country_code, read_at=r.read_at if sender else None)
            for r in sorted(message.recipients, key=lambda r: r.country_code)
        ],
        subject=message.subject,
        body=message.body,
        persons=[PersonQuery.model_validate(p) for p in message.persons],
        requests=sorted(r.request_ref for r in message.request_refs),
        attachments=[
            _attachment(a, position, reading_shown=sender or not actor.role.bound_to_country)
            for position, a in enumerate(message.attachments, start=1)
        ],
        status=status,
        status_label=rules.sender_status(status),
        created_at=message.created_at,
        delivered_at=message.delivered_at,
    )


def _attachment(found: Attachment, position: int, *, reading_shown: bool) -> AttachmentRead:
    """An attachment; how monitoring read it only for the sender and compliance staff."""
    out = AttachmentRead(
        id=found.token,
        position=position,
        filename=found.filename,
        media_type=found.media_type,
        size=found.size,
    )
    if reading_shown:
        out.text_read, out.unread_reason = found.text_read, found.unread_reason
        out.unread_help = reading.explain(found.unread_reason)
    return out


def to_review(session: Session, message: Message, actor: Actor) -> MessageReview:
    """What compliance staff see: the message, why monitoring held it, and what it matched (ids)."""
    return MessageReview(
        **to_read(session, message, actor).model_dump(),
        asks=list(message.asks),
        reasons=list(message.reasons),
        concerned=list(message.concerned),
        decided_at=message.decided_at,
        decision_grounds=message.decision_grounds,
        linked_at=message.linked_at,
    )


def _summary(message: Message, thread: str, read_at: datetime | None = None) -> MessageSummary:
    status = Status(message.status)
    return MessageSummary(
        ref=message.ref,
        thread=thread,
        sender_country=message.sender_country,
        recipients=sorted(r.country_code for r in message.recipients),
        subject=message.subject,
        status=status,
        status_label=rules.sender_status(status),
        created_at=message.created_at,
        read_at=read_at,
    )


def _summaries(session: Session, rows: list[Message], country: str | None = None) -> list[MessageSummary]:
    threads = _refs(session, {m.thread_id for m in rows if m.thread_id is not None})
    out = []
    for m in rows:
        read_at = next((r.read_at for r in m.recipients if r.country_code == country), None)
        out.append(_summary(m, threads.get(m.thread_id, m.ref) if m.thread_id else m.ref, read_at))
    return out


def inbox(session: Session, *, country: str, limit: int = 200) -> list[MessageSummary]:
    """Delivered messages addressed to a bureau, newest first (held and blocked ones never show)."""
    addressed = exists().where(
        MessageRecipient.message_id == Message.id, MessageRecipient.country_code == country
    )
    rows = session.scalars(
        select(Message)
        .where(addressed, Message.status == Status.DELIVERED.value)
        .options(*_LOAD)
        .order_by(Message.created_at.desc(), Message.id.desc())
        .limit(limit)
    ).all()
    return _summaries(session, list(rows), country)


def outbox(session: Session, *, country: str, limit: int = 200) -> list[MessageSummary]:
    """Everything a bureau sent, newest first, held ones labelled "held for review"."""
    rows = session.scalars(
        select(Message)
        .where(Message.sender_country == country)
        .options(*_LOAD)
        .order_by(Message.created_at.desc(), Message.id.desc())
        .limit(limit)
    ).all()
    return _summaries(session, list(rows))


def held_queue(session: Session, *, include_decided: bool = False, limit: int = 200) -> list[MessageSummary]:
    """What compliance staff see: held messages waiting (oldest first), optionally the decided ones
    and those linked to a deleted request."""
    visible = or_(Message.held.is_(True), Message.linked_at.is_not(None))
    waiting = Message.status == Status.HELD.value
    rows = session.scalars(
        select(Message)
        .where(visible if include_decided else waiting)
        .options(*_LOAD)
        .order_by(Message.created_at, Message.id)
        .limit(limit)
    ).all()
    return _summaries(session, list(rows))


def thread(session: Session, *, actor: Actor, root: Message) -> list[Message]:
    """The messages of a thread the actor may read, oldest first."""
    top = root.thread_id or root.id
    rows = session.scalars(
        select(Message)
        .where(or_(Message.id == top, Message.thread_id == top))
        .options(*_LOAD)
        .order_by(Message.created_at, Message.id)
    ).all()
    return [m for m in rows if readable(actor, m)]


def country_counts(session: Session, country: str, *, since: datetime | None = None) -> dict[str, int]:
    """A bureau's messages by outcome since ``since`` (sent at or after it), for its record and the
    statistics: ``delivered`` (at once or after release), ``held`` (ever held by monitoring),
    ``pending`` (held, not decided yet), ``released``, ``blocked`` (counts against the sender)."""
    conditions = [Message.sender_country == country]
    if since is not None:
        conditions.append(Message.created_at >= since)
    rows = session.execute(
        select(Message.status, Message.held, func.count(Message.id))
        .where(*conditions)
        .group_by(Message.status, Message.held)
    ).all()
    return _outcome_counts(rows)


def counts_by_country(session: Session, *, since: datetime | None = None) -> dict[str, dict[str, int]]:
    """``country_counts`` of every sending country at once (one query), by country code; countries
    that sent nothing since ``since`` are left out."""
    query = select(Message.sender_country, Message.status, Message.held, func.count(Message.id))
    if since is not None:
        query = query.where(Message.created_at >= since)
    rows = session.execute(query.group_by(Message.sender_country, Message.status, Message.held)).all()
    by_country: dict[str, list[tuple[str, bool, int]]] = {}
    for country, status, held, n in rows:
        by_country.setdefault(str(country), []).append((status, held, n))
    return {country: _outcome_counts(found) for country, found in by_country.items()}


def _outcome_counts(rows: Iterable[Any]) -> dict[str, int]:
    counts = {"delivered": 0, "held": 0, "pending": 0, "released": 0, "blocked": 0}
    for status, held, n in rows:
        counts["held"] += n if held else 0
        if status == Status.DELIVERED.value:
            counts["delivered"] += n
            counts["released"] += n if held else 0
        elif status == Status.HELD.value:
            counts["pending"] += n
        elif status == Status.BLOCKED.value:
            counts["blocked"] += n
    return counts
