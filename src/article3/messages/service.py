"""Send (monitored before delivery), read, acknowledge, and the compliance review of held messages.

Only the sender's bureau and, once delivered, the recipients read a message; compliance staff read
only what monitoring held (or what a deletion linked). A message that does not exist and one the
actor may not read answer the same NotFound.
"""

from __future__ import annotations

import secrets
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from article3.actors import Actor
from article3.audit import service as audit
from article3.audit.actions import AuditAction
from article3.countries import service as countries
from article3.errors import Conflict, InvalidInput, NotFound, PermissionDenied
from article3.messages import files, monitor, rules, storage
from article3.messages.models import Attachment, Message, MessageRecipient, MessageRequestRef
from article3.messages.queries import (
    country_counts,
    counts_by_country,
    held_queue,
    inbox,
    outbox,
    readable,
    thread,
)
from article3.messages.rules import Status
from article3.messages.schemas import Decision, MessageDecide, MessageSend
from article3.notices import service as notices
from article3.notices.models import Request
from article3.search.engine import SearchEngine

LINK_ACTOR = "system:complaints"
__all__ = [
    "country_counts",
    "counts_by_country",
    "decide",
    "get",
    "held_queue",
    "inbox",
    "mark_linked",
    "outbox",
    "send",
    "thread",
]


def _invalid(path: str, code: str, message: str) -> InvalidInput:
    return InvalidInput(
        "The message is not valid", details=[{"path": path, "code": code, "message": message}]
    )


def _requests(session: Session, actor: Actor, refs: list[str]) -> list[Request]:
    found = []
    for i, ref in enumerate(refs):
        try:
            found.append(notices.get_visible(session, actor=actor, ref=ref))
        except NotFound:
            raise _invalid(
                f"requests[{i}]", "message.unknown_request", f"no request {ref!r} you can see"
            ) from None
    return found


def _files(data: MessageSend) -> list[tuple[str, bytes, str]]:
    out = []
    for i, upload in enumerate(data.attachments):
        content = upload.content()
        problem = files.problem(content)
        if problem:
            raise _invalid(f"attachments[{i}]", "message.attachment_refused", problem)
        media_type = files.sniff(content) or files.TEXT
        out.append((files.safe_filename(upload.filename, media_type), content, media_type))
    return out


def _text(data: MessageSend) -> str:
    return "\n".join([data.subject, data.body])


def _parent(session: Session, actor: Actor, ref: str | None) -> Message | None:
    if ref is None:
        return None
    try:
        return get(session, actor=actor, ref=ref)
    except NotFound:
        raise _invalid("reply_to", "message.unknown_reply_to", f"no message {ref!r} you can read") from None


def send(
    session: Session, *, actor: Actor, engine: SearchEngine, data: MessageSend, data_dir: Path, now: datetime
) -> Message:
    """Send a message from the actor's bureau; monitoring holds it for review or delivers it at once.

    Records ``messages:message:delivered`` or ``messages:message:held`` (the reasons go into the
    hashed change and onto the message, which only compliance staff see).
    """
    if not actor.role.bound_to_country or actor.country is None:
        raise PermissionDenied("Only a National Central Bureau sends messages")
    countries.require_members(session, {f"to[{i}]": c for i, c in enumerate(data.to)})
    if actor.country in data.to:
        raise _invalid("to", "message.to_self", "a bureau does not write to itself")
    parent = _parent(session, actor, data.reply_to)
    requests, attached = _requests(session, actor, data.requests), _files(data)
    readings = monitor.read_attachments(attached)
    found = monitor.examine(
        session,
        engine=engine,
        sender=actor.country,
        text=_text(data),
        persons=data.persons,
        requests=requests,
        now=now,
        attachments=readings,
    )
    status = Status.HELD if found.reasons else Status.DELIVERED
    message = Message(
        ref="pending",
        thread_id=(parent.thread_id or parent.id) if parent else None,
        reply_to_id=parent.id if parent else None,
        sender_country=actor.country,
        sent_by=actor.user_id,
        subject=data.subject,
        body=data.body,
        persons=[p.model_dump(mode="json") for p in data.persons],
        status=status.value,
        asks=sorted(a.value for a in found.asks),
        asking=bool(found.asks),
        reasons=[r.value for r in found.reasons],
        concerned=found.concerned,
        held=status is Status.HELD,
        created_at=now,
        delivered_at=now if status is Status.DELIVERED else None,
        recipients=[MessageRecipient(country_code=c) for c in data.to],
        request_refs=[MessageRequestRef(request_ref=r.ref) for r in requests],
    )
    for (filename, content, media_type), result in zip(attached, readings.results, strict=True):
        stored, digest = storage.save(data_dir, content)
        message.attachments.append(
            Attachment(
                token=secrets.token_hex(16),
                filename=filename,
                media_type=media_type,
                size=len(content),
                sha256=digest,
                stored_name=stored,
                text_read=result.text_read,
                unread_reason=result.reason.value if result.reason else None,
            )
        )
    session.add(message)
    session.flush()  # flush: the reference is built from the new id
    message.ref = f"M-{now.year}-{message.id:06d}"
    audit.record(
        session,
        actor=actor,
        action=AuditAction.MESSAGE_HELD if message.held else AuditAction.MESSAGE_DELIVERED,
        subject_type="message",
        subject_id=message.id,
        change={
            "message": data.model_dump(mode="json", exclude={"attachments"}),
            "reasons": message.reasons,
            "unread": [r.reason.value if r.reason else None for r in readings.results],  # no names
        },
        now=now,
    )
    return message


def by_ref(session: Session, ref: str) -> Message:
    message = session.scalars(
        select(Message)
        .where(Message.ref == ref)
        .options(
            selectinload(Message.recipients),
            selectinload(Message.request_refs),
            selectinload(Message.attachments),
        )
    ).first()
    if message is None:
        raise NotFound(f"No message {ref!r}", code="message.not_found")
    return message


def get(session: Session, *, actor: Actor, ref: str) -> Message:
    """The message if the actor may read it; otherwise the same NotFound as for no message at all."""
    message = by_ref(session, ref)
    if not readable(actor, message):
        raise NotFound(f"No message {ref!r}", code="message.not_found")
    return message


def mark_read(session: Session, *, actor: Actor, ref: str, now: datetime) -> Message:
    """A recipient bureau acknowledges a delivered message (the sender sees the receipt).

    Records ``messages:message:read`` the first time only.
    """
    message = get(session, actor=actor, ref=ref)
    mine = next((r for r in message.recipients if r.country_code == actor.country), None)
    if mine is None:
        raise Conflict("Only a recipient bureau acknowledges a message", code="message.not_recipient")
    if mine.read_at is None:
        mine.read_at, mine.read_by = now, actor.user_id
        audit.record(
            session,
            actor=actor,
            action=AuditAction.MESSAGE_READ,
            subject_type="message",
            subject_id=message.id,
            change={"country": actor.country},
            now=now,
        )
    return message


def attachment(
    session: Session, *, actor: Actor, ref: str, attachment_id: str, data_dir: Path
) -> tuple[Attachment, bytes]:
    """An attachment of a message the actor may read, with its bytes."""
    message = get(session, actor=actor, ref=ref)
    found = next((a for a in message.attachments if a.token == attachment_id), None)
    if found is None:
        raise NotFound("No such attachment", code="message.attachment_not_found")
    return found, storage.load(data_dir, found.stored_name)


def decide(session: Session, *, actor: Actor, ref: str, data: MessageDecide, now: datetime) -> Message:
    """A compliance reviewer releases a held message (delivered now) or blocks it, with grounds.

    Records ``messages:message:released`` or ``messages:message:blocked``; a block counts against
    the sender (``country_counts``, and later asking messages are held after repeated blocks).
    """
    if actor.role not in rules.COMPLIANCE:
        raise PermissionDenied("Only compliance reviewers decide on held messages")
    message = get(session, actor=actor, ref=ref)
    if not rules.may_decide(Status(message.status)):
        raise Conflict(f"The message is {message.status}, not held", code="message.not_held")
    release = data.decision is Decision.RELEASE
    message.status = (Status.DELIVERED if release else Status.BLOCKED).value
    message.delivered_at = now if release else None
    message.decided_at, message.decided_by, message.decision_grounds = now, actor.user_id, data.grounds
    audit.record(
        session,
        actor=actor,
        action=AuditAction.MESSAGE_RELEASED if release else AuditAction.MESSAGE_BLOCKED,
        subject_type="message",
        subject_id=message.id,
        change={"decision": data.decision.value, "grounds": data.grounds},
        now=now,
    )
    return message


def mark_linked(session: Session, *, request_ref: str, now: datetime) -> int:
    """Mark the messages that name a deleted request (structured refs) so compliance staff see them.

    For the complaints commission's deletion (called from ``workflows``, in its transaction). Each
    newly linked message records ``messages:message:linked``; returns how many were linked.
    """
    rows = session.scalars(
        select(Message)
        .join(MessageRequestRef, MessageRequestRef.message_id == Message.id)
        .where(MessageRequestRef.request_ref == request_ref, Message.linked_at.is_(None))
        .order_by(Message.id)
    ).all()
    for message in rows:
        message.linked_at = now
        audit.record(
            session,
            actor=LINK_ACTOR,
            action=AuditAction.MESSAGE_LINKED,
            subject_type="message",
            subject_id=message.id,
            change={"request_ref": request_ref},
            now=now,
        )
    return len(rows)


def describe(message: Message) -> dict[str, Any]:
    """The scenario's view of a message: its status, and the reasons when held."""
    return {"status": message.status, "reasons": list(message.reasons) if message.held else []}
