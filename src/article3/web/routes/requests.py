"""Request pages: the list, the submit form, one request with the actions its reader may take."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import datetime
from typing import Annotated, Any

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response
from pydantic import ValidationError
from sqlalchemy.orm import Session

from article3.accounts.permissions import Permission, allowed
from article3.actors import Actor
from article3.config import Settings
from article3.db.session import transaction
from article3.deps import ClockDep, SearchDep, SessionDep, SettingsDep, allow_web
from article3.errors import InvalidInput, InvalidTransition
from article3.notices import rules
from article3.notices import service as notices
from article3.notices.document import RequestDocument
from article3.notices.rules import FlagReason, Status
from article3.notices.schemas import FlagRaise, Reason, RequestRead
from article3.search.engine import SearchEngine
from article3.web.csrf import check_csrf
from article3.web.render import FormDep, form_text, page
from article3.workflows import end_request, submit_request

router = APIRouter()
Reader = Annotated[Actor, allow_web(Permission.REQUESTS_READ)]
Submitter = Annotated[Actor, allow_web(Permission.REQUESTS_SUBMIT)]
Requester = Annotated[Actor, allow_web(Permission.REQUESTS_WITHDRAW)]
Flagger = Annotated[Actor, allow_web(Permission.REQUESTS_FLAG)]

_OFFENCE = re.compile(r"offences\[(\d+)\]\.")
_LIST_SPLIT = re.compile(r"[\s,;]+")
MAX_OFFENCES = 20
OFFENCE_FIELDS = ("provision", "description", "category", "committed_on", "place")


# ---- the submit form ↔ the request document (pure) ----------------------------------------------


def _text(fields: dict[str, str], name: str) -> str | None:
    value = fields.get(name, "").strip()
    return value or None


def _codes(fields: dict[str, str], name: str) -> list[str]:
    return [c for c in _LIST_SPLIT.split(fields.get(name, "").strip()) if c]


def _part(fields: dict[str, str], prefix: str, names: tuple[str, ...]) -> dict[str, str] | None:
    """The non-empty fields ``prefix.name``; None when all are empty (the part was not given)."""
    part = {n: v for n in names if (v := _text(fields, f"{prefix}.{n}")) is not None}
    return part or None


def offence_count(fields: dict[str, str]) -> int:
    """How many offence blocks the form holds (at least one)."""
    indexes = [int(m.group(1)) for key in fields if (m := _OFFENCE.match(key))]
    return min(max(indexes, default=0) + 1, MAX_OFFENCES)


def _offences(fields: dict[str, str]) -> list[dict[str, str]]:
    blocks = [_part(fields, f"offences[{i}]", OFFENCE_FIELDS) for i in range(offence_count(fields))]
    while len(blocks) > 1 and blocks[-1] is None:  # trailing empty blocks were added but not filled
        blocks.pop()
    return [b or {} for b in blocks]


def _names(fields: dict[str, str]) -> list[dict[str, str]]:
    first = _part(fields, "subject.names[0]", ("given", "family"))
    others = [
        {"full": line.strip()} for line in fields.get("subject.other_names", "").splitlines() if line.strip()
    ]
    return ([first] if first else []) + others


_ASSURANCE = {"yes": True, "no": False}


def document_from_form(fields: dict[str, str]) -> dict[str, Any]:
    """The request document the form's fields describe; field names are the document's paths."""
    subject: dict[str, Any] = {
        "names": _names(fields),
        "nationalities": _codes(fields, "subject.nationalities"),
    }
    for name in ("sex", "birth_date", "birth_place"):
        if (value := _text(fields, f"subject.{name}")) is not None:
            subject[name] = value
    document: dict[str, Any] = {
        "kind": _text(fields, "kind"),
        "purpose": _text(fields, "purpose"),
        "requesting_country": _text(fields, "requesting_country"),
        "recipients": _codes(fields, "recipients"),
        "subject": subject,
        "offences": _offences(fields),
        "warrant": _part(fields, "warrant", ("kind", "authority", "issued_on", "reference")),
        "penalty": _part(fields, "penalty", ("max_years", "sentence_years", "remaining_months")),
        "facts": _text(fields, "facts"),
        "extradition_will_be_sought": _ASSURANCE.get(fields.get("extradition_will_be_sought", "")),
    }
    return {k: v for k, v in document.items() if v is not None}


def parse_document(fields: dict[str, str]) -> RequestDocument:
    """The pasted JSON document if there is one, else the form's fields; InvalidInput names each path."""
    pasted = fields.get("document_json", "").strip()
    if pasted:
        try:
            raw = json.loads(pasted)
        except json.JSONDecodeError as exc:
            raise InvalidInput(
                "The pasted document is not valid JSON",
                details=[{"path": "document_json", "code": "json_invalid", "message": str(exc)}],
            ) from None
    else:
        raw = document_from_form(fields)
    try:
        return RequestDocument.model_validate(raw)
    except ValidationError as exc:
        raise InvalidInput.from_validation(exc) from None


# ---- which buttons a reader sees (pure) -----------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Move:
    action: str
    label: str
    target: Status
    permission: Permission
    only_from: frozenset[Status] | None = None  # narrower than the transition table, where it must be


MOVES = (
    Move("suspend", "Suspend", Status.SUSPENDED, Permission.REQUESTS_WITHDRAW),
    # "resume" means suspended → published (rules.may_move refuses a requester publishing out of review);
    # the page also answers 409 for a resume from any other state.
    Move("resume", "Resume", Status.PUBLISHED, Permission.REQUESTS_WITHDRAW, frozenset({Status.SUSPENDED})),
    Move("withdraw", "Withdraw", Status.WITHDRAWN, Permission.REQUESTS_WITHDRAW),
    Move("cancel", "Cancel", Status.CANCELLED, Permission.REQUESTS_CANCEL),
)
MOVE_BY_ACTION = {m.action: m for m in MOVES}


def available_actions(actor: Actor, read: RequestRead, *, own_flag: bool, now: datetime) -> list[str]:
    """The actions the services would accept from this actor on this request now, in display order."""
    status, country = read.status, read.requesting_country
    out = [
        m.action
        for m in MOVES
        if allowed(actor.role, m.permission)
        and m.target in rules.ALLOWED_TRANSITIONS.get(status, frozenset())
        and (m.only_from is None or status in m.only_from)
        and rules.may_move(actor, country, m.target, status)
    ]
    if (
        allowed(actor.role, Permission.REQUESTS_WITHDRAW)
        and status is Status.PUBLISHED
        and rules.mover(actor, country) == rules.REQUESTER
        and read.expires_at is not None
        and rules.renewal_prompt_due(read.expires_at, now)
    ):
        out.append("renew")
    if (
        allowed(actor.role, Permission.REQUESTS_FLAG)
        and status is Status.PUBLISHED
        and actor.country is not None
        and actor.country != country
        and not own_flag
    ):
        out.append("flag")
    return out


ACTION_LABELS = {m.action: m.label for m in MOVES} | {"renew": "Renew for five years", "flag": "Flag"}


# ---- pages ----------------------------------------------------------------------------------------


@router.get("/requests")
def list_requests(
    request: Request, session: SessionDep, actor: Reader, status: str = "", mine: bool = False
) -> Response:
    try:
        wanted = Status(status) if status else None
    except ValueError:
        raise InvalidInput(
            "Unknown status",
            details=[{"path": "status", "code": "enum", "message": f"one of {', '.join(Status)}"}],
        ) from None
    items = notices.list_visible(session, actor=actor, status=wanted, mine=mine, limit=200)
    return page(
        request,
        "requests/list.html",
        fragment="requests/_table.html",
        items=items,
        statuses=list(Status),
        chosen=status,
        mine=mine,
        can_submit=allowed(actor.role, Permission.REQUESTS_SUBMIT),
    )


def _form_page(
    request: Request,
    actor: Actor,
    fields: dict[str, str],
    *,
    status: int = 200,
    errors: list[dict[str, Any]] | None = None,
    extra_offence: bool = False,
) -> Response:
    fields = {"requesting_country": actor.country or "", **fields}
    count = offence_count(fields) + (1 if extra_offence else 0)
    return page(
        request,
        "requests/new.html",
        status=status,
        f=fields,
        offences=range(min(count, MAX_OFFENCES)),
        errors=errors or [],
    )


@router.get("/requests/new")
def new_request(request: Request, actor: Submitter) -> Response:
    return _form_page(request, actor, {})


@router.post("/requests/new")
def submit(
    request: Request,
    form: FormDep,
    session: SessionDep,
    clock: ClockDep,
    settings: SettingsDep,
    engine: SearchDep,
    actor: Submitter,
) -> Response:
    check_csrf(request, _csrf(form))
    fields = form_text(form)
    if fields.get("action") == "add_offence":
        return _form_page(request, actor, fields, extra_offence=True)
    try:
        ref, summary = _submit(session, actor, fields, settings, clock.now(), engine)
    except InvalidInput as exc:
        return _form_page(
            request, actor, fields, status=422, errors=exc.details or [{"path": "", "message": exc.message}]
        )
    request.session["submitted"] = {"ref": ref, **summary}
    return RedirectResponse(f"/requests/{ref}", status_code=303)


def _submit(
    session: Session,
    actor: Actor,
    fields: dict[str, str],
    settings: Settings,
    now: datetime,
    engine: SearchEngine | None = None,
) -> tuple[str, dict[str, Any]]:
    document = parse_document(fields)
    with transaction(session):
        created, result = submit_request(
            session, actor=actor, document=document, settings=settings, now=now, search=engine
        )
        ref = created.ref
    summary = (
        {
            "route": result.route.value,
            "risk": result.risk,
            "reasons": [str(c) for c in result.requester_codes],
        }
        if result
        else {}
    )
    return ref, summary


def _csrf(form: Any) -> str | None:
    value = form.get("csrf")
    return value if isinstance(value, str) else None


def _detail(
    request: Request,
    session: Session,
    actor: Actor,
    ref: str,
    now: datetime,
    *,
    status: int = 200,
    errors: list[dict[str, Any]] | None = None,
) -> Response:
    found = notices.get_visible(session, actor=actor, ref=ref)
    read = notices.to_read(found, actor)
    own_flag = any(f.country_code == actor.country for f in found.flags)
    submitted = request.session.pop("submitted", None)
    if not (isinstance(submitted, dict) and submitted.get("ref") == ref):
        submitted = None
    return page(
        request,
        "requests/detail.html",
        status=status,
        r=read,
        doc=read.document or {},
        actions=available_actions(actor, read, own_flag=own_flag, now=now),
        labels=ACTION_LABELS,
        own_flag=own_flag,
        flag_reasons=list(FlagReason),
        submitted=submitted,
        errors=errors or [],
    )


@router.get("/requests/{ref}")
def request_detail(
    request: Request, ref: str, session: SessionDep, clock: ClockDep, actor: Reader
) -> Response:
    return _detail(request, session, actor, ref, clock.now())


def _reason(form: Any) -> str:
    try:
        return Reason.model_validate({"reason": form.get("reason") or ""}).reason
    except ValidationError as exc:
        raise InvalidInput.from_validation(exc) from None


def _move(
    request: Request, form: Any, session: Session, actor: Actor, ref: str, action: str, now: datetime
) -> Response:
    check_csrf(request, _csrf(form))
    move = MOVE_BY_ACTION[action]
    found = notices.get_visible(session, actor=actor, ref=ref)
    if move.only_from is not None and Status(found.status) not in move.only_from:
        raise InvalidTransition(
            f"Only a {', '.join(sorted(move.only_from))} request can be {action}d",
            code="request.invalid_transition",
        )
    try:
        reason = _reason(form)
    except InvalidInput as exc:
        return _detail(request, session, actor, ref, now, status=422, errors=exc.details)
    with transaction(session):
        end_request(session, actor=actor, ref=ref, target=move.target, reason=reason, now=now)
    return RedirectResponse(f"/requests/{ref}", status_code=303)


def _add_move_page(move: Move) -> None:
    """One form target per move of the lifecycle, guarded by the move's own permission."""

    def handler(
        request: Request,
        ref: str,
        form: FormDep,
        session: SessionDep,
        clock: ClockDep,
        actor: Actor = allow_web(move.permission),  # a default: the closure's permission
    ) -> Response:
        return _move(request, form, session, actor, ref, move.action, clock.now())

    router.add_api_route(f"/requests/{{ref}}/{move.action}", handler, methods=["POST"], name=move.action)


for _page_move in MOVES:
    _add_move_page(_page_move)


@router.post("/requests/{ref}/renew")
def renew(
    request: Request, ref: str, form: FormDep, session: SessionDep, clock: ClockDep, actor: Requester
) -> Response:
    check_csrf(request, _csrf(form))
    now = clock.now()
    try:
        reason = _reason(form)
    except InvalidInput as exc:
        return _detail(request, session, actor, ref, now, status=422, errors=exc.details)
    with transaction(session):
        notices.renew(session, actor=actor, ref=ref, reason=reason, now=now)
    return RedirectResponse(f"/requests/{ref}", status_code=303)


@router.post("/requests/{ref}/flag")
def flag(
    request: Request, ref: str, form: FormDep, session: SessionDep, clock: ClockDep, actor: Flagger
) -> Response:
    check_csrf(request, _csrf(form))
    now = clock.now()
    try:
        data = FlagRaise.model_validate(
            {"reason": form.get("reason") or None, "note": form.get("note") or None}
        )
    except ValidationError as exc:
        return _detail(
            request, session, actor, ref, now, status=422, errors=InvalidInput.from_validation(exc).details
        )
    with transaction(session):
        notices.flag(session, actor=actor, ref=ref, data=data, now=now)
    return RedirectResponse(f"/requests/{ref}", status_code=303)
