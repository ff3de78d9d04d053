"""The published transparency reports: list, read, verify (public: no token needed)."""

from __future__ import annotations

from fastapi import APIRouter
from fastapi.responses import PlainTextResponse

from article3.api.errors import ERROR_RESPONSES
from article3.deps import SessionDep, SettingsDep
from article3.transparency import service as transparency
from article3.transparency import signing
from article3.transparency.schemas import ReportRead, ReportSummary, ReportVerifyRead

router = APIRouter(prefix="/reports", tags=["transparency"], responses=ERROR_RESPONSES)


@router.get("", summary="Every report built, newest first", response_model=list[ReportSummary])
def list_reports(session: SessionDep) -> list[ReportSummary]:
    return transparency.list_reports(session)


@router.get(
    "/key", summary="The public key that verifies the reports (PEM)", response_class=PlainTextResponse
)
def public_key(settings: SettingsDep) -> str:
    return signing.public_pem(transparency.signer_for(settings).public)


@router.get("/{report_id}", summary="One report: its content and signatures", response_model=ReportRead)
def get_report(report_id: int, session: SessionDep) -> ReportRead:
    return transparency.get_report(session, report_id)


@router.get(
    "/{report_id}/verify",
    summary="Check a report's signatures, digest and audit head against the chain",
    response_model=ReportVerifyRead,
)
def verify(report_id: int, session: SessionDep, settings: SettingsDep) -> ReportVerifyRead:
    public = transparency.signer_for(settings).public
    return transparency.verify_report(session, report_id, public=public)
