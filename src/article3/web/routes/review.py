"""Review pages: the queue, and one item with the screening's findings and the decision form."""

from __future__ import annotations

import re
from datetime import datetime
from typing import Annotated, Any

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response
from pydantic import ValidationError
from sqlalchemy.orm import Session

from article3.accounts.permissions import Permission
from article3.actors import Actor
from article3.db.session import transaction
from article3.deps import ClockDep, SessionDep, allow_web
from article3.errors import Conflict, InvalidInput
from article3.notices import service as notices
from article3.notices.rules import Status
from article3.review import service as review
from article3.review.rules import Assessment, Decision, Factor, Ground
from article3.review.schemas import ReviewDecide
from article3.screening import service as screening
from article3.screening.reasons import SEVERITY_RANK, Severity
from article3.web.csrf import check_csrf
from article3.web.render import FormDep, form_text, page
from article3.workflows import HELD_BY_COMMISSION, decide_review

router = APIRouter()
Reviewer = Annotated[Actor, allow_web(Permission.REVIEW_WORK)]

_SPAN = re.compile(r"facts\[(\d+):(\d+)\]")


# ---- findings and the decision form (pure) -------------------------------------------------------


def _rank(finding: dict[str, Any]) -> tuple[int, float, str]:
    try:
        severity = SEVERITY_RANK[Severity(finding.get("severity", ""))]
    except (KeyError, ValueError):
        severity = len(SEVERITY_RANK)
    return severity, -float(finding.get("weight") or 0.0), str(finding.get("code", ""))


def quoted(evidence: dict[str, Any], facts: str) -> str | None:
    """The clause of the facts an evidence reference ``facts[a:b]`` points at, if it does."""
    match = _SPAN.fullmatch(str(evidence.get("ref", "")))
    if match is None or not facts:
        return None
    start, end = int(match.group(1)), int(match.group(2))
    return facts[start:end] or None


def ordered_findings(findings: list[dict[str, Any]], facts: str) -> list[dict[str, Any]]:
    """Findings most important first (blocks, then by weight), each evidence with its quoted clause."""
    out = []
    for f in sorted(findings, key=_rank):
        evidence = [{**e, "quote": quoted(e, facts)} for e in f.get("evidence") or []]
        out.append({**f, "evidence": evidence})
    return out


def decision_from_form(form: Any) -> ReviewDecide:
    """The decision the form describes; a factor without an assessment is left out (and reported)."""
    factors = {
        f.value: {"assessment": a, "note": form.get(f"factors.{f.value}.note") or None}
        for f in Factor
        if (a := form.get(f"factors.{f.value}.assessment"))
    }
    raw = {
        "decision": form.get("decision") or None,
        "grounds": form.getlist("grounds"),
        "factors": factors,
        "note": form.get("note") or None,
    }
    try:
        return ReviewDecide.model_validate(raw)
    except ValidationError as exc:
        raise InvalidInput.from_validation(exc) from None


# ---- pages ----------------------------------------------------------------------------------------


@router.get("/review")
def queue(request: Request, session: SessionDep, clock: ClockDep, actor: Reviewer) -> Response:
    items = review.queue(session, actor=actor, now=clock.now())
    return page(request, "review/queue.html", fragment="review/_queue.html", items=items)


def _item_page(
    request: Request,
    session: Session,
    actor: Actor,
    ref: str,
    now: datetime,
    *,
    status: int = 200,
    errors: list[dict[str, Any]] | None = None,
    form: dict[str, Any] | None = None,
) -> Response:
    item = review.read_item(session, ref=ref, now=now)
    found = notices.get_visible(session, actor=actor, ref=ref)
    read = notices.to_read(found, actor)
    run = screening.latest(session, request_id=found.id)
    facts = str((read.document or {}).get("facts", ""))
    findings = ordered_findings(run.findings, facts) if run else []
    return page(
        request,
        "review/item.html",
        status=status,
        item=item,
        r=read,
        doc=read.document or {},
        run=run,
        findings=findings,
        open=read.status is Status.IN_REVIEW,
        mine=item.claimed_by == actor.user_id,
        decisions=list(Decision),
        grounds=list(Ground),
        factors=list(Factor),
        assessments=list(Assessment),
        errors=errors or [],
        form=form or {"grounds": []},
    )


@router.get("/review/{ref}")
def item(request: Request, ref: str, session: SessionDep, clock: ClockDep, actor: Reviewer) -> Response:
    return _item_page(request, session, actor, ref, clock.now())


def _csrf(form: Any) -> str | None:
    value = form.get("csrf")
    return value if isinstance(value, str) else None


@router.post("/review/{ref}/claim")
def claim(
    request: Request, ref: str, form: FormDep, session: SessionDep, clock: ClockDep, actor: Reviewer
) -> Response:
    check_csrf(request, _csrf(form))
    with transaction(session):
        review.claim(session, actor=actor, ref=ref, now=clock.now())
    return RedirectResponse(f"/review/{ref}", status_code=303)


@router.post("/review/{ref}/release")
def release(
    request: Request, ref: str, form: FormDep, session: SessionDep, clock: ClockDep, actor: Reviewer
) -> Response:
    check_csrf(request, _csrf(form))
    with transaction(session):
        review.release(session, actor=actor, ref=ref, now=clock.now())
    return RedirectResponse("/review", status_code=303)


@router.post("/review/{ref}/decide")
def decide(
    request: Request, ref: str, form: FormDep, session: SessionDep, clock: ClockDep, actor: Reviewer
) -> Response:
    check_csrf(request, _csrf(form))
    now = clock.now()
    try:
        data = decision_from_form(form)
        with transaction(session):
            decide_review(session, actor=actor, ref=ref, data=data, now=now)
    except InvalidInput as exc:
        shown = form_text(form) | {"grounds": form.getlist("grounds")}
        return _item_page(request, session, actor, ref, now, status=422, errors=exc.details, form=shown)
    except Conflict as exc:
        if exc.code not in HELD_BY_COMMISSION:  # shown on the item, like a form error
            raise
        shown = form_text(form) | {"grounds": form.getlist("grounds")}
        held = [{"path": "decision", "code": exc.code, "message": exc.message}]
        return _item_page(request, session, actor, ref, now, status=409, errors=held, form=shown)
    return RedirectResponse(f"/requests/{ref}", status_code=303)
