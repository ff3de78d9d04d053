"""A bureau's inbox: publications, flags, refusals, cancellations and deletions to purge."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter

from article3.accounts.permissions import Permission
from article3.actors import Actor
from article3.api.errors import CONFLICT_RESPONSE, ERROR_RESPONSES
from article3.db.session import transaction
from article3.deps import ClockDep, SessionDep, allow
from article3.notices import service as notices
from article3.notices.schemas import NotificationRead

router = APIRouter(prefix="/inbox", tags=["inbox"], responses=ERROR_RESPONSES | CONFLICT_RESPONSE)


@router.get("", summary="Your bureau's notifications, newest first", response_model=list[NotificationRead])
def inbox(
    session: SessionDep, actor: Annotated[Actor, allow(Permission.INBOX_READ)], unread: bool = False
) -> list[NotificationRead]:
    assert actor.country is not None
    return notices.inbox(session, country=actor.country, unread_only=unread)


@router.post("/{notification_id}/read", summary="Mark a notification read", status_code=204)
def mark_read(
    notification_id: int,
    session: SessionDep,
    clock: ClockDep,
    actor: Annotated[Actor, allow(Permission.INBOX_READ)],
) -> None:
    with transaction(session):
        notices.mark_read(session, actor=actor, notification_id=notification_id, now=clock.now())


@router.post(
    "/{notification_id}/confirm-purge", summary="Confirm your national copies were purged", status_code=204
)
def confirm_purge(
    notification_id: int,
    session: SessionDep,
    clock: ClockDep,
    actor: Annotated[Actor, allow(Permission.INBOX_READ)],
) -> None:
    with transaction(session):
        notices.confirm_purge(session, actor=actor, notification_id=notification_id, now=clock.now())
