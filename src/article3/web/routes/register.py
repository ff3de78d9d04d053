"""The protected-persons register: register a person, and list the entries you may see.

Names are posted, never put in a URL, and never listed back: the list shows references, kinds and
dates. A country's bureau sees only what it registered itself, so a requester never learns which
country granted asylum or who registered a person; the secretariat and the commission see all.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response
from pydantic import ValidationError
from sqlalchemy.orm import Session

from article3.accounts.permissions import Permission, allowed
from article3.actors import Actor
from article3.db.session import transaction
from article3.deps import ClockDep, SessionDep, allow_web
from article3.errors import InvalidInput, PermissionDenied
from article3.register import rules
from article3.register import service as register
from article3.register.schemas import ProtectionRegister
from article3.web.csrf import check_csrf
from article3.web.render import FormDep, form_text, page

router = APIRouter()
Reader = Annotated[Actor, allow_web(Permission.REGISTER_READ)]
Writer = Annotated[Actor, allow_web(Permission.REGISTER_WRITE)]
TEMPLATE = "register/register.html"
_REF_CHARS = frozenset("P-0123456789")


def _split(text: str) -> list[str]:
    return [part.strip().upper() for part in text.replace(";", ",").split(",") if part.strip()]


def entry_from_form(fields: dict[str, str]) -> ProtectionRegister:
    """The registration the form describes; InvalidInput naming each offending field."""
    person = {
        "names": [n.strip() for n in fields.get("names", "").splitlines() if n.strip()],
        "birth_date": fields.get("birth_date") or None,
        "nationalities": _split(fields.get("nationalities", "")),
        "sex": fields.get("sex") or None,
    }
    raw: dict[str, Any] = {
        "person": person,
        "kind": fields.get("kind") or None,
        "against_country": (fields.get("against_country") or "").strip().upper() or None,
        "organisation": fields.get("organisation") or None,
        "since": fields.get("since") or None,
        "note": fields.get("note") or None,
    }
    try:
        return ProtectionRegister.model_validate(raw)
    except ValidationError as exc:
        raise InvalidInput.from_validation(exc) from None


def _page(
    request: Request,
    session: Session,
    actor: Actor,
    *,
    status: int = 200,
    form: dict[str, str] | None = None,
    errors: list[dict[str, Any]] | None = None,
    registered: str | None = None,
) -> Response:
    return page(
        request,
        TEMPLATE,
        status=status,
        entries=register.list_entries(session, actor=actor),
        kinds=rules.kinds_for(actor) if allowed(actor.role, Permission.REGISTER_WRITE) else [],
        sees_all=actor.role in rules.SEES_REGISTER,
        form=form or {},
        errors=errors or [],
        registered=registered,
    )


@router.get("/register")
def register_page(request: Request, session: SessionDep, actor: Reader) -> Response:
    registered = request.query_params.get("registered")
    if registered is not None and not set(registered) <= _REF_CHARS:
        registered = None
    return _page(request, session, actor, registered=registered)


@router.post("/register")
def register_person(
    request: Request, form: FormDep, session: SessionDep, clock: ClockDep, actor: Writer
) -> Response:
    csrf = form.get("csrf")
    check_csrf(request, csrf if isinstance(csrf, str) else None)
    fields = form_text(form)
    try:
        data = entry_from_form(fields)
        with transaction(session):
            entry = register.add(session, actor=actor, data=data, now=clock.now())
    except (InvalidInput, PermissionDenied) as exc:
        errors = [d for d in exc.details if "path" in d] or [{"path": "", "message": exc.message}]
        status = 422 if isinstance(exc, InvalidInput) else 403
        return _page(request, session, actor, status=status, form=fields, errors=errors)
    return RedirectResponse(f"/register?registered={entry.ref}", status_code=303)
