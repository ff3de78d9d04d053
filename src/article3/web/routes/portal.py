"""The public portal: lodge a complaint (no account needed), follow your cases, read the register."""

from __future__ import annotations

import re
from typing import Annotated, Any

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response
from pydantic import ValidationError
from starlette.datastructures import UploadFile

from article3.accounts.permissions import Permission
from article3.actors import Actor
from article3.complaints import service as complaints
from article3.complaints import uploads
from article3.complaints.rules import Ground, Kind
from article3.complaints.schemas import ComplaintLodge
from article3.db.session import transaction
from article3.deps import ClockDep, SearchDep, SessionDep, SettingsDep, allow_web
from article3.errors import InvalidInput
from article3.web.csrf import check_csrf
from article3.web.render import FormDep, form_text, page

router = APIRouter()
Applicant = Annotated[Actor, allow_web(Permission.COMPLAINTS_FOLLOW)]
_SPLIT = re.compile(r"[\s,;]+")


def _words(value: str) -> list[str]:
    return [w for w in _SPLIT.split(value.strip()) if w]


def lodge_from_form(fields: dict[str, str], grounds: list[str]) -> dict[str, Any]:
    """The ComplaintLodge the portal form describes (pure)."""
    full = " ".join(p for p in (fields.get("given", "").strip(), fields.get("family", "").strip()) if p)
    others = [line.strip() for line in fields.get("other_names", "").splitlines() if line.strip()]
    data: dict[str, Any] = {
        "kind": fields.get("kind") or None,
        "applicant": {
            "names": ([full] if full else []) + others,
            "birth_date": fields.get("birth_date", "").strip() or None,
            "nationalities": _words(fields.get("nationalities", "")),
        },
        "contact": fields.get("contact", "").strip(),
        "statement": fields.get("statement", "").strip(),
        "grounds": grounds,
        "refs": _words(fields.get("refs", "")),
        "pre_emptive": fields.get("pre_emptive") == "yes",
    }
    if fields.get("lodged_by") == "lawyer":
        data["representative"] = {
            "name": fields.get("lawyer_name", "").strip(),
            "bar": fields.get("lawyer_bar", "").strip(),
            "power_of_representation": fields.get("power") == "yes",
        }
    if data["kind"] == Kind.REVISION.value:
        data["parent_ref"] = fields.get("parent_ref", "").strip() or None
        data["new_fact"] = fields.get("new_fact", "").strip() or None
        data["fact_discovered_on"] = fields.get("fact_discovered_on", "").strip() or None
    return data


@router.get("/portal")
def portal(request: Request) -> Response:
    return page(request, "complaints/portal.html")


def _form(
    request: Request, fields: dict[str, str], *, status: int = 200, errors: list[dict[str, Any]] | None = None
) -> Response:
    return page(
        request,
        "complaints/lodge.html",
        status=status,
        f=fields,
        kinds=list(Kind),
        grounds=list(Ground),
        chosen=set(fields.get("_grounds", "").split()),
        errors=errors or [],
        max_files=uploads.MAX_FILES,
        max_bytes=uploads.MAX_BYTES,
        types=sorted(uploads.SIGNATURES),
    )


@router.get("/portal/lodge")
def lodge_form(request: Request) -> Response:
    return _form(request, {"kind": "deletion", "lodged_by": "applicant"})


@router.post("/portal/lodge")
def lodge(
    request: Request,
    form: FormDep,
    session: SessionDep,
    clock: ClockDep,
    engine: SearchDep,
    settings: SettingsDep,
) -> Response:
    csrf = form.get("csrf")
    check_csrf(request, csrf if isinstance(csrf, str) else None)
    fields = form_text(form)
    grounds = [g for g in form.getlist("grounds") if isinstance(g, str)]
    files = [f for f in form.getlist("documents") if isinstance(f, UploadFile) and f.filename]
    documents = [(f.filename or "", f.file.read()) for f in files]
    try:
        try:
            data = ComplaintLodge.model_validate(lodge_from_form(fields, grounds))
        except ValidationError as exc:
            raise InvalidInput.from_validation(exc) from None
        with transaction(session):
            receipt = complaints.lodge(
                session,
                actor=None,
                data=data,
                documents=documents,
                engine=engine,
                data_dir=settings.data_dir,
                now=clock.now(),
            )
    except InvalidInput as exc:
        fields["_grounds"] = " ".join(grounds)
        return _form(
            request, fields, status=422, errors=exc.details or [{"path": "", "message": exc.message}]
        )
    request.session["receipt"] = receipt.model_dump(mode="json")
    return RedirectResponse("/portal/lodged", status_code=303)


@router.get("/portal/lodged")
def lodged(request: Request) -> Response:
    """The case number and the login, shown once."""
    receipt = request.session.pop("receipt", None)
    if not isinstance(receipt, dict):
        return RedirectResponse("/portal", status_code=303)
    return page(request, "complaints/lodged.html", receipt=receipt)


@router.get("/portal/cases")
def my_cases(request: Request, session: SessionDep, actor: Applicant) -> Response:
    return page(request, "complaints/my_cases.html", cases=complaints.applicant_views(session, actor=actor))


@router.get("/ccf/register")
def public_register(request: Request, session: SessionDep) -> Response:
    return page(request, "complaints/register.html", items=complaints.public_register(session))
