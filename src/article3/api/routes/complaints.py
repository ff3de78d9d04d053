"""The complaints commission: public lodging and register, the applicant's cases, the commission's
procedure, and the source bureaus' consultations."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Annotated

from fastapi import APIRouter, File, Form, Query, Request, UploadFile
from fastapi.responses import Response
from pydantic import ValidationError
from sqlalchemy.orm import Session

from article3.accounts.permissions import Permission
from article3.actors import Actor
from article3.api.errors import CONFLICT_RESPONSE, ERROR_RESPONSES
from article3.complaints import service as complaints
from article3.complaints.rules import Status
from article3.complaints.schemas import (
    ApplicantView,
    Assessment,
    BlockOrder,
    ClearOrder,
    ComplaintLodge,
    ComplaintRead,
    ConsultationAnswer,
    ConsultationOpen,
    ConsultationRead,
    DecisionRecord,
    ExtensionGrant,
    Figures,
    LodgeReceipt,
    OverdueRead,
    RegisterExcerpt,
    RestrictionRuling,
)
from article3.db.session import transaction
from article3.deps import ClockDep, SearchDep, SessionDep, SettingsDep, allow, api_actor
from article3.errors import InvalidInput, NotAuthenticated
from article3.workflows import decide_complaint

router = APIRouter(tags=["complaints"], responses=ERROR_RESPONSES | CONFLICT_RESPONSE)
Reader = Annotated[Actor, allow(Permission.COMPLAINTS_READ)]
Assessor = Annotated[Actor, allow(Permission.COMPLAINTS_ASSESS)]
Member = Annotated[Actor, allow(Permission.COMPLAINTS_DECIDE)]
Bureau = Annotated[Actor, allow(Permission.COMPLAINTS_ANSWER)]
SAFE_HEADERS = {"X-Content-Type-Options": "nosniff", "Content-Security-Policy": "sandbox; default-src 'none'"}


def _optional_actor(request: Request, session: SessionDep, clock: ClockDep) -> Actor | None:
    if not request.headers.get("authorization"):
        return None
    try:
        return api_actor(request, session, clock)
    except NotAuthenticated:
        return None


def _lodge(
    request: Request,
    body: ComplaintLodge,
    documents: list[tuple[str, bytes]],
    session: SessionDep,
    clock: ClockDep,
    engine: SearchDep,
    settings: SettingsDep,
) -> LodgeReceipt:
    actor = _optional_actor(request, session, clock)
    with transaction(session):
        return complaints.lodge(
            session,
            actor=actor,
            data=body,
            documents=documents,
            engine=engine,
            data_dir=settings.data_dir,
            now=clock.now(),
        )


@router.post(
    "/complaints",
    summary="Lodge a complaint (public; no account needed)",
    response_model=LodgeReceipt,
    status_code=201,
)
def lodge(
    request: Request,
    body: ComplaintLodge,
    session: SessionDep,
    clock: ClockDep,
    engine: SearchDep,
    settings: SettingsDep,
) -> LodgeReceipt:
    return _lodge(request, body, [], session, clock, engine, settings)


@router.post(
    "/complaints/with-documents",
    summary="Lodge a complaint with supporting documents (multipart: `complaint` JSON + `documents`)",
    response_model=LodgeReceipt,
    status_code=201,
)
def lodge_with_documents(
    request: Request,
    complaint: Annotated[str, Form(description="The ComplaintLodge as JSON")],
    session: SessionDep,
    clock: ClockDep,
    engine: SearchDep,
    settings: SettingsDep,
    documents: Annotated[list[UploadFile] | None, File()] = None,
) -> LodgeReceipt:
    try:
        body = ComplaintLodge.model_validate(json.loads(complaint))
    except ValueError as exc:
        if isinstance(exc, ValidationError):
            raise InvalidInput.from_validation(exc, prefix="complaint") from None
        raise InvalidInput("The complaint part is not JSON", code="complaint.malformed_json") from None
    files = [(f.filename or "", f.file.read()) for f in documents or []]
    return _lodge(request, body, files, session, clock, engine, settings)


@router.get(
    "/complaints-register", summary="Anonymised decisions (public)", response_model=list[RegisterExcerpt]
)
def register(session: SessionDep) -> list[RegisterExcerpt]:
    return complaints.public_register(session)


@router.get(
    "/complaints-figures", summary="The commission's figures for a year (public)", response_model=Figures
)
def figures(session: SessionDep, clock: ClockDep, year: Annotated[int, Query(ge=2000, le=2100)]) -> Figures:
    return complaints.figures(session, year=year, now=clock.now())


@router.get("/complaints/mine", summary="Your own cases (applicants)", response_model=list[ApplicantView])
def mine(
    session: SessionDep, actor: Annotated[Actor, allow(Permission.COMPLAINTS_FOLLOW)]
) -> list[ApplicantView]:
    return complaints.applicant_views(session, actor=actor)


@router.get(
    "/complaints/overdue", summary="Open cases past a statutory deadline", response_model=list[OverdueRead]
)
def overdue(session: SessionDep, clock: ClockDep, actor: Reader) -> list[OverdueRead]:
    return complaints.overdue_list(session, now=clock.now())


@router.get("/complaints", summary="Cases, newest first (commission)", response_model=list[ComplaintRead])
def list_cases(
    session: SessionDep, clock: ClockDep, actor: Reader, status: Status | None = None
) -> list[ComplaintRead]:
    now = clock.now()
    return [complaints.to_read(session, c, now=now) for c in complaints.list_cases(session, status=status)]


@router.get("/complaints/{ref}", summary="One case (commission)", response_model=ComplaintRead)
def get_case(ref: str, session: SessionDep, clock: ClockDep, actor: Reader) -> ComplaintRead:
    return complaints.to_read(session, complaints.get(session, ref), now=clock.now())


@router.get("/complaints/{ref}/documents/{document_id}", summary="A supporting document, as an attachment")
def document(
    ref: str, document_id: int, session: SessionDep, settings: SettingsDep, actor: Reader
) -> Response:
    doc, content = complaints.document_bytes(
        session, ref=ref, document_id=document_id, data_dir=settings.data_dir
    )
    return attachment(doc.id, doc.kind, content)


def attachment(document_id: int, kind: str, content: bytes) -> Response:
    """Never an executable type: always an octet-stream attachment, no sniffing, sandboxed."""
    headers = SAFE_HEADERS | {"Content-Disposition": f'attachment; filename="document-{document_id}.{kind}"'}
    return Response(content, media_type="application/octet-stream", headers=headers)


def _read(session: Session, ref: str, now: datetime) -> ComplaintRead:
    return complaints.to_read(session, complaints.get(session, ref), now=now)


@router.post(
    "/complaints/{ref}/admissibility", summary="Declare admissible or not", response_model=ComplaintRead
)
def assess(
    ref: str, body: Assessment, session: SessionDep, clock: ClockDep, actor: Assessor
) -> ComplaintRead:
    with transaction(session):
        complaints.assess(session, actor=actor, ref=ref, data=body, now=clock.now())
    return _read(session, ref, clock.now())


@router.post(
    "/complaints/{ref}/consultations",
    summary="Consult the source bureau",
    response_model=ConsultationRead,
    status_code=201,
)
def consult(
    ref: str, body: ConsultationOpen, session: SessionDep, clock: ClockDep, actor: Assessor
) -> ConsultationRead:
    with transaction(session):
        created = complaints.consult(session, actor=actor, ref=ref, data=body, now=clock.now())
        return complaints.consultation_for(session, country=created.country_code, consultation_id=created.id)


@router.post(
    "/complaints/{ref}/extensions",
    summary="Extend the running clock, with a reason",
    response_model=ComplaintRead,
)
def extend(
    ref: str, body: ExtensionGrant, session: SessionDep, clock: ClockDep, actor: Assessor
) -> ComplaintRead:
    with transaction(session):
        complaints.extend(session, actor=actor, ref=ref, data=body, now=clock.now())
    return _read(session, ref, clock.now())


@router.post("/complaints/{ref}/block", summary="Order a provisional block", response_model=ComplaintRead)
def block(ref: str, body: BlockOrder, session: SessionDep, clock: ClockDep, actor: Member) -> ComplaintRead:
    with transaction(session):
        complaints.block(session, actor=actor, ref=ref, data=body, now=clock.now())
    return _read(session, ref, clock.now())


@router.post(
    "/complaints/{ref}/requests/{request_ref}/clear",
    summary="No provisional block for a linked request: it no longer waits for this case",
    response_model=ComplaintRead,
)
def clear(
    ref: str, request_ref: str, body: ClearOrder, session: SessionDep, clock: ClockDep, actor: Member
) -> ComplaintRead:
    with transaction(session):
        complaints.clear(session, actor=actor, ref=ref, request_ref=request_ref, data=body, now=clock.now())
    return _read(session, ref, clock.now())


@router.post(
    "/complaints/{ref}/consultations/{consultation_id}/restriction",
    summary="Accept or reject the source's restriction",
    response_model=ComplaintRead,
)
def rule_restriction(
    ref: str,
    consultation_id: int,
    body: RestrictionRuling,
    session: SessionDep,
    clock: ClockDep,
    actor: Member,
) -> ComplaintRead:
    with transaction(session):
        complaints.rule_restriction(
            session, actor=actor, ref=ref, consultation_id=consultation_id, data=body, now=clock.now()
        )
    return _read(session, ref, clock.now())


@router.post("/complaints/{ref}/decision", summary="Decide (binding)", response_model=ComplaintRead)
def decide(
    ref: str, body: DecisionRecord, session: SessionDep, clock: ClockDep, settings: SettingsDep, actor: Member
) -> ComplaintRead:
    with transaction(session):
        decide_complaint(session, actor=actor, ref=ref, data=body, now=clock.now(), settings=settings)
    return _read(session, ref, clock.now())


@router.get(
    "/consultations",
    summary="Your bureau's consultations by the commission",
    response_model=list[ConsultationRead],
)
def consultations(session: SessionDep, actor: Bureau) -> list[ConsultationRead]:
    assert actor.country is not None  # COMPLAINTS_ANSWER is held by NCB roles only
    return complaints.consultations_for(session, country=actor.country)


@router.post(
    "/consultations/{consultation_id}/answer",
    summary="Answer the commission",
    response_model=ConsultationRead,
)
def answer(
    consultation_id: int, body: ConsultationAnswer, session: SessionDep, clock: ClockDep, actor: Bureau
) -> ConsultationRead:
    assert actor.country is not None
    with transaction(session):
        complaints.answer(session, actor=actor, consultation_id=consultation_id, data=body, now=clock.now())
        return complaints.consultation_for(session, country=actor.country, consultation_id=consultation_id)
