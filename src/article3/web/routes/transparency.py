"""Public pages: the transparency reports (with their charts) and the measures. No login needed."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import Response
from sqlalchemy.orm import Session

from article3.accounts import service as accounts
from article3.deps import SessionDep
from article3.errors import NotFound
from article3.oversight import service as oversight
from article3.transparency import charts, render
from article3.transparency import service as transparency
from article3.web.render import page

router = APIRouter()
MEDIA = {"json": "application/json", "csv": "text/csv; charset=utf-8", "html": "text/html; charset=utf-8"}


def show_login(request: Request, session: Session) -> None:
    """A public page shows the header of whoever is logged in, if anyone is."""
    user_id = request.session.get("user_id")
    if isinstance(user_id, int):
        try:
            request.state.user = accounts.get(session, user_id)
        except NotFound:
            request.session.clear()


def report_parts(content: dict[str, Any]) -> dict[str, Any]:
    """What a page shows of a report: its header, and each section's chart and table."""
    pictures, grids = charts.charts(content), render.tables(content)
    sections = [
        {"name": name, "title": title, "chart": pictures[name], "table": grids[name]}
        for name, title in render.HEADINGS.items()
    ]
    return {"header": render.header(content), "sections": sections}


@router.get("/transparency/reports")
def reports(request: Request, session: SessionDep) -> Response:
    show_login(request, session)
    listed = transparency.list_reports(session)
    latest = transparency.get_report(session, listed[0].id) if listed else None
    parts = report_parts(latest.content) if latest else None
    return page(request, "transparency/reports.html", reports=listed, latest=latest, parts=parts)


@router.get("/transparency/reports/{report_id}")
def report(request: Request, session: SessionDep, report_id: int) -> Response:
    show_login(request, session)
    found = transparency.get_report(session, report_id)
    return page(request, "transparency/report.html", report=found, parts=report_parts(found.content))


@router.get("/transparency/reports/{report_id}/{name}")
def report_file(session: SessionDep, report_id: int, name: str) -> Response:
    """A report's file (``article3-report-Y.html|csv|json``) or its detached signature (``.sig``)."""
    found = transparency.load(session, report_id)
    for fmt, data in transparency.files(found).items():
        file_name = transparency.file_name(found, fmt)
        if name == file_name:
            return Response(data, media_type=MEDIA[fmt])
        if name == f"{file_name}.sig":
            return Response(transparency.sidecar(found, fmt), media_type="application/json")
    raise NotFound("No such file in this report", code="report.file_not_found")


@router.get("/measures")
def measures(request: Request, session: SessionDep) -> Response:
    """Every measure ever applied, in force or lifted, with its dates and published reasons."""
    show_login(request, session)
    rows = oversight.list_measures(session)
    return page(request, "oversight/measures.html", measures=rows)
