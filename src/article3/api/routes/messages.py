"""Messages between bureaus (monitored before delivery) and the compliance review of held ones."""

from __future__ import annotations

from typing import Annotated
from urllib.parse import quote

from fastapi import APIRouter
from fastapi.responses import Response

from article3.accounts.permissions import Permission
from article3.actors import Actor
from article3.api.errors import CONFLICT_RESPONSE, ERROR_RESPONSES
from article3.db.session import transaction
from article3.deps import ClockDep, SearchDep, SessionDep, SettingsDep, allow
from article3.messages import queries
from article3.messages import service as messages
from article3.messages.models import Attachment
from article3.messages.schemas import MessageDecide, MessageRead, MessageReview, MessageSend, MessageSummary

router = APIRouter(tags=["messages"], responses=ERROR_RESPONSES | CONFLICT_RESPONSE)
Bureau = Annotated[Actor, allow(Permission.MESSAGES_READ)]
Compliance = Annotated[Actor, allow(Permission.MESSAGES_COMPLIANCE)]


def download(found: Attachment, content: bytes) -> Response:
    """An attachment as a download: its checked type, never rendered inline, never sniffed."""
    media_type = "text/plain; charset=utf-8" if found.media_type == "text/plain" else found.media_type
    return Response(
        content,
        media_type=media_type,
        headers={
            "Content-Disposition": f"attachment; filename*=UTF-8''{quote(found.filename)}",
            "X-Content-Type-Options": "nosniff",
            "Content-Security-Policy": "default-src 'none'; sandbox",
            "Cache-Control": "no-store",
        },
    )


@router.post(
    "/messages",
    summary="Send a message to one or more bureaus (held for review when monitoring says so)",
    response_model=MessageRead,
    status_code=201,
)
def send(
    body: MessageSend,
    session: SessionDep,
    clock: ClockDep,
    engine: SearchDep,
    settings: SettingsDep,
    actor: Annotated[Actor, allow(Permission.MESSAGES_SEND)],
) -> MessageRead:
    with transaction(session):
        message = messages.send(
            session, actor=actor, engine=engine, data=body, data_dir=settings.data_dir, now=clock.now()
        )
        return queries.to_read(session, message, actor)


@router.get(
    "/messages/inbox", summary="Messages delivered to your bureau", response_model=list[MessageSummary]
)
def inbox(session: SessionDep, actor: Bureau) -> list[MessageSummary]:
    assert actor.country is not None  # MESSAGES_READ is held by NCB roles only
    return messages.inbox(session, country=actor.country)


@router.get("/messages/outbox", summary="Messages your bureau sent", response_model=list[MessageSummary])
def outbox(session: SessionDep, actor: Bureau) -> list[MessageSummary]:
    assert actor.country is not None
    return messages.outbox(session, country=actor.country)


@router.get("/messages/{ref}", summary="One message you sent or received", response_model=MessageRead)
def get(ref: str, session: SessionDep, actor: Bureau) -> MessageRead:
    return queries.to_read(session, messages.get(session, actor=actor, ref=ref), actor)


@router.get("/messages/{ref}/thread", summary="The thread of a message", response_model=list[MessageRead])
def thread(ref: str, session: SessionDep, actor: Bureau) -> list[MessageRead]:
    root = messages.get(session, actor=actor, ref=ref)
    return [queries.to_read(session, m, actor) for m in messages.thread(session, actor=actor, root=root)]


@router.post("/messages/{ref}/read", summary="Acknowledge a message (read receipt)", status_code=204)
def mark_read(ref: str, session: SessionDep, clock: ClockDep, actor: Bureau) -> None:
    with transaction(session):
        messages.mark_read(session, actor=actor, ref=ref, now=clock.now())


@router.get("/messages/{ref}/attachments/{attachment_id}", summary="Download an attachment")
def attachment(
    ref: str, attachment_id: str, session: SessionDep, settings: SettingsDep, actor: Bureau
) -> Response:
    found, content = messages.attachment(
        session, actor=actor, ref=ref, attachment_id=attachment_id, data_dir=settings.data_dir
    )
    return download(found, content)


@router.get(
    "/compliance/messages",
    summary="Held messages waiting for review (all=true: also decided and linked ones)",
    response_model=list[MessageSummary],
)
def queue(session: SessionDep, actor: Compliance, all: bool = False) -> list[MessageSummary]:
    return messages.held_queue(session, include_decided=all)


@router.get("/compliance/messages/{ref}", summary="A held message and why", response_model=MessageReview)
def review(ref: str, session: SessionDep, actor: Compliance) -> MessageReview:
    return queries.to_review(session, messages.get(session, actor=actor, ref=ref), actor)


@router.get("/compliance/messages/{ref}/attachments/{attachment_id}", summary="Download a held attachment")
def review_attachment(
    ref: str, attachment_id: str, session: SessionDep, settings: SettingsDep, actor: Compliance
) -> Response:
    found, content = messages.attachment(
        session, actor=actor, ref=ref, attachment_id=attachment_id, data_dir=settings.data_dir
    )
    return download(found, content)


@router.post(
    "/compliance/messages/{ref}/decide",
    summary="Release (deliver) or block a held message, with grounds",
    response_model=MessageReview,
)
def decide(
    ref: str, body: MessageDecide, session: SessionDep, clock: ClockDep, actor: Compliance
) -> MessageReview:
    with transaction(session):
        message = messages.decide(session, actor=actor, ref=ref, data=body, now=clock.now())
        return queries.to_review(session, message, actor)
