"""Message pages: inbox and outbox, writing (with attachments), a message and its thread, and the
compliance queue of held messages with the release / block form."""

from __future__ import annotations

import base64
from typing import Annotated, Any

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response
from pydantic import ValidationError
from starlette.datastructures import FormData, UploadFile

from article3.accounts.permissions import Permission
from article3.actors import Actor
from article3.api.routes.messages import download
from article3.db.session import transaction
from article3.deps import ClockDep, SearchDep, SessionDep, SettingsDep, allow_web
from article3.errors import InvalidInput
from article3.messages import queries
from article3.messages import service as messages
from article3.messages.schemas import MessageDecide, MessageSend
from article3.web.csrf import check_csrf
from article3.web.render import FormDep, form_text, page

router = APIRouter()
Bureau = Annotated[Actor, allow_web(Permission.MESSAGES_READ)]
Sender = Annotated[Actor, allow_web(Permission.MESSAGES_SEND)]
Compliance = Annotated[Actor, allow_web(Permission.MESSAGES_COMPLIANCE)]


@router.get("/messages")
def boxes(request: Request, session: SessionDep, actor: Bureau, box: str = "inbox") -> Response:
    assert actor.country is not None  # MESSAGES_READ is held by NCB roles only
    outbox = box == "outbox"
    rows = (messages.outbox if outbox else messages.inbox)(session, country=actor.country)
    return page(request, "messages/boxes.html", fragment="messages/_list.html", rows=rows, outbox=outbox)


@router.get("/messages/new")
def new(request: Request, actor: Sender, reply_to: str = "", to: str = "") -> Response:
    form = {"reply_to": reply_to, "to": to}
    return page(request, "messages/new.html", form=form, errors=[])


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


def message_from_form(form: FormData) -> MessageSend:
    """The message the form describes: one person per line ("name; birth date"), refs per line."""
    persons = []
    for line in _lines(str(form.get("persons") or "")):
        name, _, birth = line.partition(";")
        persons.append({"names": [name.strip()], "birth_date": birth.strip() or None})
    uploads = [f for f in form.getlist("attachments") if isinstance(f, UploadFile) and f.filename]
    raw: dict[str, Any] = {
        "to": [c.strip().upper() for c in str(form.get("to") or "").replace(",", " ").split() if c.strip()],
        "subject": str(form.get("subject") or ""),
        "body": str(form.get("body") or ""),
        "persons": persons,
        "requests": _lines(str(form.get("requests") or "")),
        "reply_to": str(form.get("reply_to") or "") or None,
        "attachments": [
            {"filename": f.filename, "content_base64": base64.b64encode(f.file.read()).decode()}
            for f in uploads
        ],
    }
    try:
        return MessageSend.model_validate(raw)
    except ValidationError as exc:
        raise InvalidInput.from_validation(exc) from None


@router.post("/messages")
def send(
    request: Request,
    session: SessionDep,
    clock: ClockDep,
    engine: SearchDep,
    settings: SettingsDep,
    actor: Sender,
    form: FormDep,
) -> Response:
    check_csrf(request, str(form.get("csrf") or ""))
    try:
        data = message_from_form(form)
        with transaction(session):
            message = messages.send(
                session, actor=actor, engine=engine, data=data, data_dir=settings.data_dir, now=clock.now()
            )
            ref = message.ref
    except InvalidInput as exc:
        return page(request, "messages/new.html", status=422, form=form_text(form), errors=exc.details)
    return RedirectResponse(f"/messages/{ref}", status_code=303)


@router.get("/messages/{ref}")
def show(request: Request, ref: str, session: SessionDep, actor: Bureau) -> Response:
    root = messages.get(session, actor=actor, ref=ref)
    items = [queries.to_read(session, m, actor) for m in messages.thread(session, actor=actor, root=root)]
    current = next(m for m in items if m.ref == ref)
    unread = next((r for r in root.recipients if r.country_code == actor.country and r.read_at is None), None)
    return page(request, "messages/show.html", m=current, thread=items, unread=unread is not None)


@router.post("/messages/{ref}/read")
def mark_read(
    request: Request, ref: str, session: SessionDep, clock: ClockDep, actor: Bureau, form: FormDep
) -> Response:
    check_csrf(request, str(form.get("csrf") or ""))
    with transaction(session):
        messages.mark_read(session, actor=actor, ref=ref, now=clock.now())
    return RedirectResponse(f"/messages/{ref}", status_code=303)


@router.get("/messages/{ref}/attachments/{attachment_id}")
def attachment(
    ref: str, attachment_id: str, session: SessionDep, settings: SettingsDep, actor: Bureau
) -> Response:
    found, content = messages.attachment(
        session, actor=actor, ref=ref, attachment_id=attachment_id, data_dir=settings.data_dir
    )
    return download(found, content)


@router.get("/compliance/messages")
def queue(request: Request, session: SessionDep, actor: Compliance, all: bool = False) -> Response:
    rows = messages.held_queue(session, include_decided=all)
    return page(request, "messages/queue.html", rows=rows, all=all)


@router.get("/compliance/messages/{ref}")
def review(request: Request, ref: str, session: SessionDep, actor: Compliance) -> Response:
    m = queries.to_review(session, messages.get(session, actor=actor, ref=ref), actor)
    return page(request, "messages/review.html", m=m, errors=[], form={})


@router.get("/compliance/messages/{ref}/attachments/{attachment_id}")
def review_attachment(
    ref: str, attachment_id: str, session: SessionDep, settings: SettingsDep, actor: Compliance
) -> Response:
    found, content = messages.attachment(
        session, actor=actor, ref=ref, attachment_id=attachment_id, data_dir=settings.data_dir
    )
    return download(found, content)


@router.post("/compliance/messages/{ref}/decide")
def decide(
    request: Request, ref: str, session: SessionDep, clock: ClockDep, actor: Compliance, form: FormDep
) -> Response:
    check_csrf(request, str(form.get("csrf") or ""))
    try:
        data = MessageDecide.model_validate(
            {"decision": form.get("decision"), "grounds": form.get("grounds")}
        )
    except ValidationError as exc:
        m = queries.to_review(session, messages.get(session, actor=actor, ref=ref), actor)
        errors = InvalidInput.from_validation(exc).details
        return page(request, "messages/review.html", status=422, m=m, errors=errors, form=form_text(form))
    with transaction(session):
        messages.decide(session, actor=actor, ref=ref, data=data, now=clock.now())
    return RedirectResponse(f"/compliance/messages/{ref}", status_code=303)
