"""Requests for red notices and diffusions: submit, read, withdraw, suspend, cancel, renew, flag."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query
from pydantic import BaseModel

from article3.accounts.permissions import Permission
from article3.actors import Actor
from article3.api.errors import CONFLICT_RESPONSE, ERROR_RESPONSES
from article3.db.session import transaction
from article3.deps import ClockDep, SearchDep, SessionDep, SettingsDep, allow
from article3.errors import NotFound
from article3.notices import service as notices
from article3.notices.document import RequestDocument
from article3.notices.rules import Status
from article3.notices.schemas import FlagRaise, Reason, RequestRead
from article3.screening import service as screening
from article3.screening.schemas import ScreeningRead
from article3.workflows import end_request, submit_request

router = APIRouter(prefix="/requests", tags=["requests"], responses=ERROR_RESPONSES | CONFLICT_RESPONSE)


class ScreeningSummary(BaseModel):
    route: str
    risk: float
    reasons: list[str]


class RequestSubmitted(BaseModel):
    request: RequestRead
    screening: ScreeningSummary | None


@router.get("/schema", summary="The request document's JSON Schema")
def schema() -> dict[str, Any]:
    return RequestDocument.model_json_schema()


@router.post("", summary="Submit a request document", response_model=RequestSubmitted, status_code=201)
def submit(
    document: RequestDocument,
    session: SessionDep,
    clock: ClockDep,
    settings: SettingsDep,
    engine: SearchDep,
    actor: Annotated[Actor, allow(Permission.REQUESTS_SUBMIT)],
) -> RequestSubmitted:
    with transaction(session):
        request, result = submit_request(
            session, actor=actor, document=document, settings=settings, now=clock.now(), search=engine
        )
        read = notices.to_read(request, actor)
    summary = (
        ScreeningSummary(
            route=result.route.value, risk=result.risk, reasons=[str(c) for c in result.requester_codes]
        )
        if result
        else None
    )
    return RequestSubmitted(request=read, screening=summary)


@router.get("", summary="Requests you may see, newest first", response_model=list[RequestRead])
def list_requests(
    session: SessionDep,
    actor: Annotated[Actor, allow(Permission.REQUESTS_READ)],
    status: Status | None = None,
    mine: bool = False,
    limit: Annotated[int, Query(ge=1, le=500)] = 50,
    offset: Annotated[int, Query(ge=0)] = 0,
) -> list[RequestRead]:
    return notices.list_visible(session, actor=actor, status=status, mine=mine, limit=limit, offset=offset)


@router.get("/{ref}", summary="One request, if you may see it", response_model=RequestRead)
def get_request(
    ref: str, session: SessionDep, actor: Annotated[Actor, allow(Permission.REQUESTS_READ)]
) -> RequestRead:
    return notices.to_read(notices.get_visible(session, actor=actor, ref=ref), actor)


@router.get(
    "/{ref}/screening",
    summary="The screening's route, risk and findings (secretariat)",
    response_model=ScreeningRead,
)
def get_screening(
    ref: str, session: SessionDep, actor: Annotated[Actor, allow(Permission.REVIEW_WORK)]
) -> ScreeningRead:
    request = notices.get_visible(session, actor=actor, ref=ref)
    run = screening.latest(session, request_id=request.id)
    if run is None:
        raise NotFound("This request was not screened (rejected at intake)", code="screening.not_found")
    return run


MOVES = (
    ("withdraw", Status.WITHDRAWN, Permission.REQUESTS_WITHDRAW, "The requester withdraws its request"),
    (
        "suspend",
        Status.SUSPENDED,
        Permission.REQUESTS_WITHDRAW,
        "The requester suspends its request (up to six months)",
    ),
    ("resume", Status.PUBLISHED, Permission.REQUESTS_WITHDRAW, "The requester resumes a suspended request"),
    ("cancel", Status.CANCELLED, Permission.REQUESTS_CANCEL, "The secretariat cancels a request"),
)


def _add_move(name: str, target: Status, permission: Permission, summary: str) -> None:
    """One route per move of the lifecycle; the rules decide who may make it and from which state."""

    def move(
        ref: str,
        body: Reason,
        session: SessionDep,
        clock: ClockDep,
        actor: Actor = allow(permission),  # a default, not Annotated: the closure's permission
    ) -> RequestRead:
        with transaction(session):
            request = end_request(
                session, actor=actor, ref=ref, target=target, reason=body.reason, now=clock.now()
            )
            return notices.to_read(request, actor)

    router.add_api_route(
        f"/{{ref}}/{name}",
        move,
        methods=["POST"],
        name=name,
        summary=summary,
        response_model=RequestRead,
        responses=ERROR_RESPONSES | CONFLICT_RESPONSE,
    )


for _move in MOVES:
    _add_move(*_move)


@router.post(
    "/{ref}/renew",
    summary="Renew for five more years, with reasons (from six months before expiry)",
    response_model=RequestRead,
)
def renew(
    ref: str,
    body: Reason,
    session: SessionDep,
    clock: ClockDep,
    actor: Annotated[Actor, allow(Permission.REQUESTS_WITHDRAW)],
) -> RequestRead:
    with transaction(session):
        return notices.to_read(
            notices.renew(session, actor=actor, ref=ref, reason=body.reason, now=clock.now()), actor
        )


@router.post(
    "/{ref}/flags",
    summary='Flag a published request "no action on our territory"',
    response_model=RequestRead,
    status_code=201,
)
def flag(
    ref: str,
    body: FlagRaise,
    session: SessionDep,
    clock: ClockDep,
    actor: Annotated[Actor, allow(Permission.REQUESTS_FLAG)],
) -> RequestRead:
    with transaction(session):
        return notices.to_read(notices.flag(session, actor=actor, ref=ref, data=body, now=clock.now()), actor)
