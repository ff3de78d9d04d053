"""The commission's pages (cases, procedure, decisions) and the bureaus' consultations."""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, Any, TypeVar

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response
from pydantic import BaseModel, ValidationError
from sqlalchemy.orm import Session

from article3.accounts.permissions import Permission, allowed
from article3.actors import Actor
from article3.api.routes.complaints import attachment
from article3.complaints import service as complaints
from article3.complaints.rules import Clock, Finding, Ground, Outcome, RestrictionReason
from article3.complaints.schemas import (
    Assessment,
    BlockOrder,
    ClearOrder,
    ConsultationAnswer,
    ConsultationOpen,
    DecisionRecord,
    ExtensionGrant,
    RestrictionRuling,
)
from article3.db.session import transaction
from article3.deps import ClockDep, SessionDep, SettingsDep, allow_web
from article3.errors import InvalidInput
from article3.web.csrf import check_csrf
from article3.web.render import FormDep, page
from article3.workflows import decide_complaint

router = APIRouter()
M = TypeVar("M", bound=BaseModel)
Reader = Annotated[Actor, allow_web(Permission.COMPLAINTS_READ)]
Assessor = Annotated[Actor, allow_web(Permission.COMPLAINTS_ASSESS)]
Member = Annotated[Actor, allow_web(Permission.COMPLAINTS_DECIDE)]
Bureau = Annotated[Actor, allow_web(Permission.COMPLAINTS_ANSWER)]


def _text(form: Any, name: str) -> str | None:
    value = form.get(name)
    return value.strip() or None if isinstance(value, str) else None


def _csrf(request: Request, form: Any) -> None:
    check_csrf(request, _text(form, "csrf"))


def _parse(schema: type[M], data: dict[str, Any]) -> M:
    try:
        return schema.model_validate(data)
    except ValidationError as exc:
        raise InvalidInput.from_validation(exc) from None


@router.get("/complaints")
def list_cases(request: Request, session: SessionDep, clock: ClockDep, actor: Reader) -> Response:
    now = clock.now()
    cases = [complaints.to_read(session, c, now=now) for c in complaints.list_cases(session)]
    return page(
        request, "complaints/list.html", cases=cases, overdue=complaints.overdue_list(session, now=now)
    )


@router.get("/complaints/{ref}")
def case(request: Request, ref: str, session: SessionDep, clock: ClockDep, actor: Reader) -> Response:
    return _case(request, session, actor, ref, clock.now())


def _case(
    request: Request,
    session: Session,
    actor: Actor,
    ref: str,
    now: Any,
    *,
    status: int = 200,
    errors: list[dict[str, Any]] | None = None,
) -> Response:
    read = complaints.to_read(session, complaints.get(session, ref), now=now)
    return page(
        request,
        "complaints/case.html",
        status=status,
        c=read,
        can_assess=allowed(actor.role, Permission.COMPLAINTS_ASSESS),
        can_decide=allowed(actor.role, Permission.COMPLAINTS_DECIDE),
        outcomes=list(Outcome),
        grounds=list(Ground),
        findings=list(Finding),
        clocks=list(Clock),
        errors=errors or [],
    )


@router.get("/complaints/{ref}/documents/{document_id}")
def document(
    ref: str, document_id: int, session: SessionDep, settings: SettingsDep, actor: Reader
) -> Response:
    doc, content = complaints.document_bytes(
        session, ref=ref, document_id=document_id, data_dir=settings.data_dir
    )
    return attachment(doc.id, doc.kind, content)


def _act(
    request: Request,
    form: Any,
    session: Session,
    actor: Actor,
    ref: str,
    now: Any,
    use_case: Callable[[], object],
) -> Response:
    _csrf(request, form)
    try:
        with transaction(session):
            use_case()
    except InvalidInput as exc:
        return _case(
            request,
            session,
            actor,
            ref,
            now,
            status=422,
            errors=exc.details or [{"path": "", "message": exc.message}],
        )
    return RedirectResponse(f"/complaints/{ref}", status_code=303)


@router.post("/complaints/{ref}/admissibility")
def assess(
    request: Request, ref: str, form: FormDep, session: SessionDep, clock: ClockDep, actor: Assessor
) -> Response:
    now = clock.now()

    def run() -> object:
        data = _parse(
            Assessment, {"admissible": form.get("admissible") == "yes", "reason": _text(form, "reason")}
        )
        return complaints.assess(session, actor=actor, ref=ref, data=data, now=now)

    return _act(request, form, session, actor, ref, now, run)


@router.post("/complaints/{ref}/consult")
def consult(
    request: Request, ref: str, form: FormDep, session: SessionDep, clock: ClockDep, actor: Assessor
) -> Response:
    now = clock.now()

    def run() -> object:
        data = _parse(
            ConsultationOpen,
            {
                "request_ref": _text(form, "request_ref"),
                "questions": _text(form, "questions"),
                "months": _text(form, "months") or 1,
            },
        )
        return complaints.consult(session, actor=actor, ref=ref, data=data, now=now)

    return _act(request, form, session, actor, ref, now, run)


@router.post("/complaints/{ref}/extend")
def extend(
    request: Request, ref: str, form: FormDep, session: SessionDep, clock: ClockDep, actor: Assessor
) -> Response:
    now = clock.now()

    def run() -> object:
        data = _parse(
            ExtensionGrant,
            {"clock": _text(form, "clock"), "months": _text(form, "months"), "reason": _text(form, "reason")},
        )
        return complaints.extend(session, actor=actor, ref=ref, data=data, now=now)

    return _act(request, form, session, actor, ref, now, run)


@router.post("/complaints/{ref}/block")
def block(
    request: Request, ref: str, form: FormDep, session: SessionDep, clock: ClockDep, actor: Member
) -> Response:
    now = clock.now()

    def run() -> object:
        data = _parse(BlockOrder, {"reason": _text(form, "reason")})
        return complaints.block(session, actor=actor, ref=ref, data=data, now=now)

    return _act(request, form, session, actor, ref, now, run)


@router.post("/complaints/{ref}/clear")
def clear(
    request: Request, ref: str, form: FormDep, session: SessionDep, clock: ClockDep, actor: Member
) -> Response:
    now = clock.now()

    def run() -> object:
        data = _parse(ClearOrder, {"reason": _text(form, "reason")})
        return complaints.clear(
            session, actor=actor, ref=ref, request_ref=_text(form, "request_ref") or "", data=data, now=now
        )

    return _act(request, form, session, actor, ref, now, run)


@router.post("/complaints/{ref}/restriction/{consultation_id}")
def restriction(
    request: Request,
    ref: str,
    consultation_id: int,
    form: FormDep,
    session: SessionDep,
    clock: ClockDep,
    actor: Member,
) -> Response:
    now = clock.now()

    def run() -> object:
        data = _parse(RestrictionRuling, {"accept": form.get("accept") == "yes", "note": _text(form, "note")})
        return complaints.rule_restriction(
            session, actor=actor, ref=ref, consultation_id=consultation_id, data=data, now=now
        )

    return _act(request, form, session, actor, ref, now, run)


def decision_from_form(form: Any) -> dict[str, Any]:
    """The DecisionRecord the decision form describes: a finding per ground that was given one."""
    findings = {g.value: v for g in Ground if (v := _text(form, f"finding.{g.value}"))}
    return {
        "outcome": _text(form, "outcome"),
        "findings": findings,
        "update_text": _text(form, "update_text"),
        "applicant_text": _text(form, "applicant_text"),
    }


@router.post("/complaints/{ref}/decide")
def decide(
    request: Request,
    ref: str,
    form: FormDep,
    session: SessionDep,
    clock: ClockDep,
    settings: SettingsDep,
    actor: Member,
) -> Response:
    now = clock.now()

    def run() -> object:
        data = _parse(DecisionRecord, decision_from_form(form))
        return decide_complaint(session, actor=actor, ref=ref, data=data, now=now, settings=settings)

    return _act(request, form, session, actor, ref, now, run)


@router.get("/consultations")
def consultations(request: Request, session: SessionDep, actor: Bureau) -> Response:
    assert actor.country is not None  # COMPLAINTS_ANSWER is held by NCB roles only
    items = complaints.consultations_for(session, country=actor.country)
    return page(
        request, "complaints/consultations.html", items=items, reasons=list(RestrictionReason), errors=[]
    )


@router.post("/consultations/{consultation_id}/answer")
def answer(
    request: Request, consultation_id: int, form: FormDep, session: SessionDep, clock: ClockDep, actor: Bureau
) -> Response:
    _csrf(request, form)
    data = _parse(
        ConsultationAnswer,
        {
            "answer": _text(form, "answer"),
            "restrictions": [r for r in form.getlist("restrictions") if isinstance(r, str)],
            "restriction_note": _text(form, "restriction_note"),
        },
    )
    with transaction(session):
        complaints.answer(session, actor=actor, consultation_id=consultation_id, data=data, now=clock.now())
    return RedirectResponse("/consultations", status_code=303)
