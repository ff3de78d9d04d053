"""The bureau's inbox: publications, refusals, flags and deletions to purge."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import RedirectResponse, Response

from article3.accounts.permissions import Permission
from article3.actors import Actor
from article3.db.session import transaction
from article3.deps import ClockDep, SessionDep, allow_web
from article3.notices import service as notices
from article3.web.csrf import check_csrf
from article3.web.render import page

router = APIRouter()
Bureau = Annotated[Actor, allow_web(Permission.INBOX_READ)]
CsrfField = Annotated[str | None, Form()]


@router.get("/inbox")
def inbox(request: Request, session: SessionDep, actor: Bureau, unread: bool = False) -> Response:
    assert actor.country is not None  # INBOX_READ is held by NCB roles only, all bound to a country
    items = notices.inbox(session, country=actor.country, unread_only=unread)
    return page(request, "inbox/inbox.html", fragment="inbox/_list.html", items=items, unread=unread)


def _back() -> Response:
    return RedirectResponse("/inbox", status_code=303)


@router.post("/inbox/{notification_id}/read")
def mark_read(
    request: Request,
    notification_id: int,
    session: SessionDep,
    clock: ClockDep,
    actor: Bureau,
    csrf: CsrfField = None,
) -> Response:
    check_csrf(request, csrf)
    with transaction(session):
        notices.mark_read(session, actor=actor, notification_id=notification_id, now=clock.now())
    return _back()


@router.post("/inbox/{notification_id}/confirm-purge")
def confirm_purge(
    request: Request,
    notification_id: int,
    session: SessionDep,
    clock: ClockDep,
    actor: Bureau,
    csrf: CsrfField = None,
) -> Response:
    check_csrf(request, csrf)
    with transaction(session):
        notices.confirm_purge(session, actor=actor, notification_id=notification_id, now=clock.now())
    return _back()
