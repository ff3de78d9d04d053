"""Reads: the commission's case view, the applicant's view, the bureaus' consultations, the overdue
list, the public register, the figures, and each country's complaint outcomes."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import Select, String, bindparam, case, extract, func, select
from sqlalchemy.orm import Session, selectinload

from article3.actors import Actor
from article3.complaints import rules, uploads
from article3.complaints.models import (
    Complaint,
    ComplaintDocument,
    ComplaintLink,
    Consultation,
    Decision,
    DecisionCountry,
)
from article3.complaints.rules import Clock, Finding, Ground, Kind, Outcome, RestrictionReason, Status
from article3.complaints.schemas import (
    ApplicantView,
    ClockCompliance,
    ClockRead,
    ComplaintRead,
    ConsultationRead,
    DecisionRead,
    DocumentRead,
    ExtensionRead,
    Figures,
    LinkRead,
    OverdueRead,
    RegisterExcerpt,
)
from article3.errors import NotFound
from article3.notices.models import Request

_LOAD = (
    selectinload(Complaint.links),
    selectinload(Complaint.consultations),
    selectinload(Complaint.extensions),
    selectinload(Complaint.documents),
    selectinload(Complaint.decision),
)


def get(session: Session, ref: str) -> Complaint:
    complaint = session.scalars(select(Complaint).where(Complaint.ref == ref).options(*_LOAD)).first()
    if complaint is None:
        raise NotFound(f"No complaint {ref!r}", code="complaint.not_found")
    return complaint


def _clocks(c: Complaint) -> rules.Clocks:
    return rules.Clocks(Status(c.status), c.admissibility_due, c.assessed_at, c.decision_due, c.decided_at)


def _clock(c: Complaint, now: datetime) -> ClockRead | None:
    running = rules.running_clock(_clocks(c))
    if running is None:
        return None
    return ClockRead(clock=running[0], due=running[1], state=rules.clock_state(running[1], now))


def _requests(session: Session, ids: list[int]) -> dict[int, Request]:
    if not ids:
        return {}
    return {r.id: r for r in session.scalars(select(Request).where(Request.id.in_(ids)))}


def _decision(d: Decision | None) -> DecisionRead | None:
    if d is None:
        return None
    return DecisionRead(
        outcome=Outcome(d.outcome),
        findings={Ground(g): Finding(f) for g, f in d.findings.items()},
        update_text=d.update_text,
        applicant_text=d.applicant_text,
        decided_at=d.decided_at,
        on_time=d.on_time,
    )


def _consultation(c: Consultation, complaint_ref: str, request_ref: str, status: str) -> ConsultationRead:
    return ConsultationRead(
        id=c.id,
        complaint_ref=complaint_ref,
        case_open=rules.Status(status) in rules.OPEN,
        request_ref=request_ref,
        country=c.country_code,
        questions=c.questions,
        asked_at=c.asked_at,
        due_at=c.due_at,
        answer=c.answer,
        answered_at=c.answered_at,
        lapsed_at=c.lapsed_at,
        restrictions=[RestrictionReason(r) for r in c.restrictions],
        restriction_note=c.restriction_note,
        restriction_accepted=c.restriction_accepted,
    )


def to_read(session: Session, complaint: Complaint, *, now: datetime) -> ComplaintRead:
    """The commission's full view of a case (the applicant's data, the matching, the consultations)."""
    reqs = _requests(
        session, [x.request_id for x in complaint.links] + [x.request_id for x in complaint.consultations]
    )
    parent = session.get(Complaint, complaint.parent_id) if complaint.parent_id else None
    return ComplaintRead(
        ref=complaint.ref,
        kind=Kind(complaint.kind),
        status=Status(complaint.status),
        lodged_by=complaint.lodged_by,
        applicant=complaint.applicant,
        representative=complaint.representative,
        statement=complaint.statement,
        grounds_raised=[Ground(g) for g in complaint.grounds_raised],
        cited_refs=complaint.cited_refs,
        pre_emptive=complaint.pre_emptive,
        parent_ref=parent.ref if parent else None,
        new_fact=complaint.new_fact,
        fact_discovered_on=complaint.fact_discovered_on,
        received_at=complaint.received_at,
        admissibility_due=complaint.admissibility_due,
        assessed_at=complaint.assessed_at,
        admissibility_reason=complaint.admissibility_reason,
        decision_due=complaint.decision_due,
        decided_at=complaint.decided_at,
        blocked_at=complaint.blocked_at,
        block_reason=complaint.block_reason,
        clock=_clock(complaint, now),
        extensions=[
            ExtensionRead(clock=Clock(e.clock), months=e.months, reason=e.reason, extended_at=e.extended_at)
            for e in complaint.extensions
        ],
        links=[
            LinkRead(
                request_ref=reqs[x.request_id].ref,
                requesting_country=reqs[x.request_id].requesting_country,
                request_status=reqs[x.request_id].status,
                blocked=bool(reqs[x.request_id].blocked),
                source=x.source,
                score=round(x.score, 3),
                cleared_at=x.cleared_at,
            )
            for x in complaint.links
        ],
        consultations=[
            _consultation(c, complaint.ref, reqs[c.request_id].ref, complaint.status)
            for c in complaint.consultations
        ],
        documents=[
            DocumentRead(id=d.id, kind=d.kind, size=d.size, sha256=d.sha256, uploaded_at=d.uploaded_at)
            for d in complaint.documents
        ],
        decision=_decision(complaint.decision),
    )


def list_cases(session: Session, *, status: Status | None = None, limit: int = 200) -> list[Complaint]:
    query = select(Complaint).options(*_LOAD).order_by(Complaint.id.desc()).limit(limit)
    if status is not None:
        query = query.where(Complaint.status == status.value)
    return list(session.scalars(query))


def _data_held(session: Session, complaint: Complaint, restricted: bool) -> list[str]:
    """What the applicant is told about the data: nothing while the case is being examined, the
    kind and status of each request once decided, unless the commission accepted a restriction."""
    if restricted or complaint.status != Status.DECIDED.value:
        return []
    reqs = _requests(session, [x.request_id for x in complaint.links])
    if not reqs:
        return ["No data about you was found in the system."]
    return [f"{r.kind.replace('_', ' ')} {r.ref}: {r.status}" for r in reqs.values()]


def applicant_view(session: Session, complaint: Complaint) -> ApplicantView:
    accepted = [c for c in complaint.consultations if c.restriction_accepted]
    restricted_on = sorted({RestrictionReason(r) for c in accepted for r in c.restrictions})
    return ApplicantView(
        ref=complaint.ref,
        kind=Kind(complaint.kind),
        status=Status(complaint.status),
        received_at=complaint.received_at,
        admissibility_due=complaint.admissibility_due,
        admissibility_reason=complaint.admissibility_reason,
        decision_due=complaint.decision_due,
        provisional_block=complaint.blocked_at is not None,
        data_held=_data_held(session, complaint, bool(accepted)),
        restricted_on=restricted_on,
        decision=_decision(complaint.decision),
    )


def applicant_views(session: Session, *, actor: Actor) -> list[ApplicantView]:
    """The cases an applicant's login is bound to, newest first."""
    rows = session.scalars(
        select(Complaint)
        .where(Complaint.applicant_user_id == actor.user_id)
        .options(*_LOAD)
        .order_by(Complaint.id.desc())
    )
    return [applicant_view(session, c) for c in rows]


def _bureau_view(country: str) -> Select[Consultation, str, str, str]:
    return (
        select(Consultation, Complaint.ref, Request.ref, Complaint.status)
        .join(Complaint, Complaint.id == Consultation.complaint_id)
        .join(Request, Request.id == Consultation.request_id)
        .where(Consultation.country_code == country)
    )


def consultations_for(session: Session, *, country: str) -> list[ConsultationRead]:
    """A bureau's consultations: the request and the questions, never the applicant's identity."""
    rows = session.execute(_bureau_view(country).order_by(Consultation.id.desc()))
    return [_consultation(c, cref, rref, status) for c, cref, rref, status in rows]


def consultation_for(session: Session, *, country: str, consultation_id: int) -> ConsultationRead:
    """One of a bureau's consultations, as ``consultations_for`` shows it."""
    row = session.execute(_bureau_view(country).where(Consultation.id == consultation_id)).first()
    if row is None:
        raise NotFound("No such consultation", code="consultation.not_found")
    return _consultation(*row)


def document_bytes(
    session: Session, *, ref: str, document_id: int, data_dir: Path
) -> tuple[ComplaintDocument, bytes]:
    complaint = get(session, ref)
    doc = next((d for d in complaint.documents if d.id == document_id), None)
    if doc is None:
        raise NotFound("No such document", code="complaint.document_not_found")
    return doc, uploads.load(data_dir, doc.stored_name)


def overdue_list(session: Session, *, now: datetime) -> list[OverdueRead]:
    rows = session.scalars(select(Complaint).where(Complaint.status.in_([s.value for s in rules.OPEN])))
    late = rules.overdue([(c.ref, _clocks(c)) for c in rows], now)
    return [OverdueRead(ref=ref, clock=clock, due=due) for ref, clock, due in late]


def public_register(session: Session) -> list[RegisterExcerpt]:
    """Anonymised decision summaries, newest first: no names, no case numbers, no countries."""
    rows = session.execute(
        select(Decision, Complaint.kind, Complaint.received_at)
        .join(Complaint, Complaint.id == Decision.complaint_id)
        .order_by(Decision.decided_at.desc(), Decision.id.desc())
    )
    return [
        RegisterExcerpt(
            number=f"{d.decided_at.year}-{d.id}",
            kind=Kind(kind),
            outcome=Outcome(d.outcome),
            findings={Ground(g): Finding(f) for g, f in d.findings.items()},
            data_type=d.data_type,
            requester_region=d.requester_region,
            received_on=received.date(),
            decided_on=d.decided_at.date(),
            on_time=d.on_time,
        )
        for d, kind, received in rows
    ]


def _year(column: object, year: int) -> object:
    return extract("year", column) == year  # type: ignore[arg-type]


def figures(session: Session, *, year: int, now: datetime | None = None) -> Figures:
    """The commission's figures for a year, for the transparency reports (schema: ``Figures``)."""
    now = now or datetime.now(UTC)
    lodged = list(session.scalars(select(Complaint).where(_year(Complaint.received_at, year))))  # type: ignore[arg-type]
    decided = list(session.scalars(select(Decision).where(_year(Decision.decided_at, year))))  # type: ignore[arg-type]
    assessed = list(session.scalars(select(Complaint).where(_year(Complaint.assessed_at, year))))  # type: ignore[arg-type]
    consulted = list(session.scalars(select(Consultation).where(_year(Consultation.asked_at, year))))  # type: ignore[arg-type]
    findings: dict[str, dict[str, int]] = {}
    for d in decided:
        for ground, finding in d.findings.items():
            findings.setdefault(ground, {f.value: 0 for f in Finding})[finding] += 1
    admissibility = ClockCompliance(
        met=sum(1 for c in assessed if c.assessed_at and c.assessed_at <= c.admissibility_due),
        missed=sum(1 for c in assessed if c.assessed_at and c.assessed_at > c.admissibility_due),
        open_overdue=sum(
            1 for c in lodged if c.status == Status.RECEIVED.value and now > c.admissibility_due
        ),
    )
    open_late = session.scalar(
        select(func.count())
        .select_from(Complaint)
        .where(Complaint.status.in_([s.value for s in rules.PENDING_DECISION]), Complaint.decision_due < now)
    )
    with_restrictions = [c for c in consulted if c.restrictions]
    return Figures(
        year=year,
        received={k.value: sum(1 for c in lodged if c.kind == k.value) for k in Kind},
        admissibility={
            "admissible": sum(1 for c in assessed if c.status != Status.INADMISSIBLE.value),
            "inadmissible": sum(1 for c in assessed if c.status == Status.INADMISSIBLE.value),
            "pending": sum(1 for c in lodged if c.status == Status.RECEIVED.value),
        },
        decisions={o.value: sum(1 for d in decided if d.outcome == o.value) for o in Outcome},
        findings=findings,
        deadlines={
            "admissibility": admissibility,
            "decision": ClockCompliance(
                met=sum(1 for d in decided if d.on_time),
                missed=sum(1 for d in decided if not d.on_time),
                open_overdue=open_late or 0,
            ),
        },
        provisional_blocks=sum(1 for c in lodged if c.blocked_at is not None),
        restrictions={
            "requested": len(with_restrictions),
            "accepted": sum(1 for c in with_restrictions if c.restriction_accepted is True),
            "rejected": sum(1 for c in with_restrictions if c.restriction_accepted is False),
        },
        consultations={
            "asked": len(consulted),
            "answered": sum(1 for c in consulted if c.answered_at is not None),
            "lapsed": sum(1 for c in consulted if c.lapsed_at is not None and c.answered_at is None),
        },
    )


def _linked(country: str, since: datetime | None = None) -> Select[int]:
    """The ids of the complaints linked to at least one of a country's requests (lodged since
    ``since``, when given)."""
    query = (
        select(ComplaintLink.complaint_id)
        .join(Request, Request.id == ComplaintLink.request_id)
        .where(Request.requesting_country == country)
    )
    if since is not None:
        query = query.join(Complaint, Complaint.id == ComplaintLink.complaint_id).where(
            Complaint.received_at >= since
        )
    return query


def _decided(session: Session, linked: Select[int]) -> tuple[int, int]:
    """(decided, non-compliant) among the complaints ``linked`` selects (one decision each)."""
    non_compliant = case((Decision.outcome == Outcome.NON_COMPLIANT.value, 1), else_=0)
    query = select(func.count(), func.coalesce(func.sum(non_compliant), 0)).where(
        Decision.complaint_id.in_(linked)
    )
    decided, overturned = session.execute(query).one()
    return int(decided), int(overturned)


# The screening asks for every new request: built once (a statement built per call costs several
# times its execution), executed with ``country``. It reads the decisions' countries through
# ``ix_decision_countries_record``, so its cost grows with the country's decided complaints, not
# with all the requests it has sent.
_REQUESTER_DECIDED = select(
    func.count(), func.coalesce(func.sum(case((DecisionCountry.non_compliant, 1), else_=0)), 0)
).where(DecisionCountry.country_code == bindparam("country", type_=String))


def country_outcomes(session: Session, country: str, *, since: datetime | None = None) -> tuple[int, int]:
    """(complaints, overturned) about a requesting country's requests: the complaints linked to at
    least one of its requests (lodged since ``since``), and those decided ``non_compliant``."""
    linked = _linked(country, since)
    complaints = session.scalar(select(func.count()).select_from(linked.distinct().subquery())) or 0
    return int(complaints), _decided(session, linked)[1]


def outcomes_by_country(session: Session, *, since: datetime | None = None) -> dict[str, tuple[int, int]]:
    """``country_outcomes`` of every requesting country at once (one query): by country code, the
    complaints linked to at least one of its requests and those decided ``non_compliant``;
    countries with none are left out."""
    linked = (
        select(Request.requesting_country.label("country"), ComplaintLink.complaint_id.label("complaint"))
        .join(Request, Request.id == ComplaintLink.request_id)
        .distinct()
    )
    if since is not None:
        linked = linked.join(Complaint, Complaint.id == ComplaintLink.complaint_id).where(
            Complaint.received_at >= since
        )
    pairs = linked.subquery()
    non_compliant = case((Decision.outcome == Outcome.NON_COMPLIANT.value, 1), else_=0)
    counts = (func.count(pairs.c.complaint.distinct()), func.coalesce(func.sum(non_compliant), 0))
    rows = session.execute(
        select(pairs.c.country, *counts)
        .outerjoin(Decision, Decision.complaint_id == pairs.c.complaint)
        .group_by(pairs.c.country)
    ).all()
    return {str(country): (int(complaints), int(overturned)) for country, complaints, overturned in rows}


def requester_outcomes(session: Session, country: str) -> tuple[int, int]:
    """(decided, overturned): the complaints about a requesting country's requests that the
    commission has decided, and those it found non-compliant. The screening weighs these (the
    requester's record); complaints still open say nothing yet and are not counted."""
    decided, overturned = session.execute(_REQUESTER_DECIDED, {"country": country}).one()
    return int(decided), int(overturned)


def request_outcomes(session: Session) -> dict[str, bool]:
    """The commission's outcome for every request a decided complaint concerned, by request
    reference: True when a decision found it non-compliant, False when every decision about it let
    it stand. The screening's learned component learns from these (``screening.training``)."""
    non_compliant = func.max(case((Decision.outcome == Outcome.NON_COMPLIANT.value, 1), else_=0))
    rows = session.execute(
        select(Request.ref, non_compliant)
        .join(ComplaintLink, ComplaintLink.request_id == Request.id)
        .join(Decision, Decision.complaint_id == ComplaintLink.complaint_id)
        .group_by(Request.ref)
    ).all()
    return {ref: bool(overturned) for ref, overturned in rows}
