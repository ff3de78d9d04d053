"""Screen a request: gather what the system knows, run the named rules, store and return the run."""

from __future__ import annotations

from dataclasses import asdict
from datetime import date, datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from article3.actors import Actor
from article3.audit import service as audit
from article3.audit.actions import AuditAction
from article3.notices.document import RequestDocument, partial_date_parts
from article3.notices.models import Request
from article3.screening import inputs
from article3.screening.models import ScreeningRun
from article3.screening.rulesets import Assessment, assess
from article3.screening.schemas import ScreeningRead


def _birth(value: str | None) -> date | None:
    if not value:
        return None
    year, month, day = partial_date_parts(value)
    return date(year, month or 1, day or 1)


def to_input(document: RequestDocument) -> inputs.Request:
    """The neutral view of a request document that the rules read."""
    return inputs.Request(
        kind=document.kind,
        purpose=document.purpose,
        requesting_country=document.requesting_country,
        recipients=tuple(document.recipients),
        subject_names=tuple(document.subject.full_names()),
        birth_date=_birth(document.subject.birth_date),
        nationalities=tuple(document.subject.nationalities),
        occupations=tuple(document.subject.occupations),
        offences=tuple(
            inputs.Offence(
                provision=o.provision,
                description=o.description or "",
                category=o.category or "",
                committed_on=_date(o.committed_on),
                place=o.place or "",
            )
            for o in document.offences
        ),
        facts=document.facts,
        warrant_issued_on=document.warrant.issued_on if document.warrant else None,
        prior_proceedings=tuple(
            inputs.PriorProceeding(country=p.country, kind=p.kind, on=p.on)
            for p in document.prior_proceedings
        ),
    )


def _date(value: object) -> date | None:
    if isinstance(value, date):
        return value
    return _birth(value) if isinstance(value, str) else None


def requester_record(session: Session, country: str) -> inputs.RequesterRecord:
    """The requesting country's published and refused requests so far."""
    counts = dict(
        session.execute(
            select(Request.status, func.count())
            .where(Request.requesting_country == country)
            .group_by(Request.status)
        ).all()
    )
    return inputs.RequesterRecord(published=counts.get("published", 0), refused=counts.get("refused", 0))


def screen(
    session: Session,
    *,
    actor: Actor | str,
    request: Request,
    document: RequestDocument,
    now: datetime,
    register_hits: tuple[inputs.RegisterHit, ...] = (),
    earlier_requests: tuple[inputs.EarlierRequest, ...] = (),
    flags_on_earlier: inputs.FlagsOnEarlier | None = None,
    measures_in_force: frozenset[str] = frozenset(),
) -> Assessment:
    """Run the ruleset on one request and store the run. Records ``screening:run:recorded``."""
    data = inputs.ScreeningInput(
        request=to_input(document),
        today=now.date(),
        criteria_failures=tuple(f["code"] for f in request.intake_failures),
        register_hits=register_hits,
        earlier_requests=earlier_requests,
        flags_on_earlier=flags_on_earlier or inputs.FlagsOnEarlier(),
        requester_record=requester_record(session, request.requesting_country),
        measures_in_force=measures_in_force,
    )
    result = assess(data)
    run = ScreeningRun(
        request_id=request.id,
        ruleset=result.ruleset,
        version=result.version,
        risk=result.risk,
        route=result.route.value,
        findings=[_finding(f) for f in result.findings],
        created_at=now,
    )
    session.add(run)
    request.route, request.risk = result.route.value, result.risk
    audit.record(
        session,
        actor=actor,
        action=AuditAction.SCREENING_RECORDED,
        subject_type="request",
        subject_id=request.id,
        change={"route": run.route, "risk": run.risk, "codes": [f["code"] for f in run.findings]},
        now=now,
    )
    return result


def _finding(finding: object) -> dict[str, object]:
    raw = asdict(finding)  # type: ignore[call-overload]
    return {k: (str(v) if k in {"code", "severity"} else v) for k, v in raw.items()}


def latest(session: Session, *, request_id: int) -> ScreeningRead | None:
    run = session.scalars(
        select(ScreeningRun)
        .where(ScreeningRun.request_id == request_id)
        .order_by(ScreeningRun.id.desc())
        .limit(1)
    ).first()
    return ScreeningRead.model_validate(run, from_attributes=True) if run else None
