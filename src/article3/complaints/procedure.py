"""The secretariat's and the sources' steps between lodging and decision: admissibility,
consultation of the source, its answer and restrictions, and extensions of the running clock.

Each function changes data in the caller's transaction and records one audit entry.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.orm import Session

from article3.actors import Actor
from article3.audit import service as audit
from article3.audit.actions import AuditAction
from article3.complaints import later, rules
from article3.complaints.cases import clocks, extended_months, load, move, record, settle
from article3.complaints.models import Complaint, ComplaintLink, Consultation, Extension
from article3.complaints.rules import Clock, Kind, Status
from article3.complaints.schemas import (
    Assessment,
    ConsultationAnswer,
    ConsultationOpen,
    ExtensionGrant,
    RestrictionRuling,
)
from article3.errors import Conflict, NotFound
from article3.notices import service as notices
from article3.notices.models import Request


def assess(session: Session, *, actor: Actor, ref: str, data: Assessment, now: datetime) -> Complaint:
    """The secretariat declares a complaint admissible (starting the decision clock) or not.

    A revision outside its six-month window, or without a new fact, cannot be declared admissible.
    Records ``complaints:complaint:assessed``."""
    complaint = load(session, ref)
    if data.admissible:
        parent = session.get(Complaint, complaint.parent_id) if complaint.parent_id else None
        problem = rules.admissibility_problem(
            Kind(complaint.kind),
            received_on=complaint.received_at.date(),
            new_fact=complaint.new_fact,
            discovered_on=complaint.fact_discovered_on,
            parent_decided=parent is not None and parent.status == Status.DECIDED.value,
        )
        if problem:
            raise Conflict(f"Not admissible: {problem}", code="complaint.not_admissible")
    move(complaint, Status.ADMISSIBLE if data.admissible else Status.INADMISSIBLE)
    complaint.assessed_at, complaint.admissibility_reason = now, data.reason
    complaint.warned_at = complaint.overdue_at = None
    if data.admissible:
        months = extended_months(complaint, Clock.DECISION)
        complaint.decision_due = rules.decision_due(Kind(complaint.kind), now, months)
    else:
        later.unindex(session, complaint, now)
    record(session, actor, AuditAction.COMPLAINT_ASSESSED, complaint, data.model_dump(mode="json"), now)
    return complaint


def consult(
    session: Session, *, actor: Actor, ref: str, data: ConsultationOpen, now: datetime
) -> Consultation:
    """Ask the source bureau about a request, with a deadline; the bureau answers through its own
    page or the API. Records ``complaints:consultation:opened``."""
    complaint = load(session, ref)
    if Status(complaint.status) not in rules.PENDING_DECISION:
        raise Conflict("Consult the source once the complaint is admissible", code="complaint.not_pending")
    if data.request_ref is None and not complaint.links:
        raise Conflict("No request is linked to this complaint: name one", code="complaint.nothing_linked")
    request = (
        notices.by_ref(session, data.request_ref)
        if data.request_ref
        else session.get_one(Request, complaint.links[0].request_id)
    )
    if all(link.request_id != request.id for link in complaint.links):
        complaint.links.append(
            ComplaintLink(request_id=request.id, source="commission", score=1.0, linked_at=now)
        )
    consultation = Consultation(
        request_id=request.id,
        country_code=request.requesting_country,
        questions=data.questions,
        asked_at=now,
        due_at=rules.consultation_due(now, data.months),
        restrictions=[],
    )
    complaint.consultations.append(consultation)
    if complaint.status != Status.CONSULTATION.value:
        move(complaint, Status.CONSULTATION)
    session.flush()  # flush: the audit entry names the consultation's id
    audit.record(
        session,
        actor=actor,
        action=AuditAction.COMPLAINT_CONSULTATION_OPENED,
        subject_type="consultation",
        subject_id=consultation.id,
        change=data.model_dump(mode="json"),
        now=now,
    )
    return consultation


def answer(
    session: Session, *, actor: Actor, consultation_id: int, data: ConsultationAnswer, now: datetime
) -> Consultation:
    """The source bureau answers, and may ask for restrictions on what the applicant is told, on
    listed grounds. Records ``complaints:consultation:answered``."""
    consultation = session.get(Consultation, consultation_id)
    if consultation is None or consultation.country_code != actor.country:
        raise NotFound("No such consultation", code="consultation.not_found")
    if consultation.answered_at is not None:
        raise Conflict("This consultation is already answered", code="consultation.answered")
    if consultation.complaint.status not in rules.OPEN:
        # A decision may have deleted the request and purged what was said about it.
        raise Conflict(
            "The case is closed: the commission no longer takes answers", code="consultation.case_closed"
        )
    consultation.answer, consultation.answered_at = data.answer, now
    consultation.restrictions = [r.value for r in data.restrictions]
    consultation.restriction_note = data.restriction_note
    settle(consultation.complaint)
    audit.record(
        session,
        actor=actor,
        action=AuditAction.COMPLAINT_CONSULTATION_ANSWERED,
        subject_type="consultation",
        subject_id=consultation.id,
        change=data.model_dump(mode="json"),
        now=now,
    )
    return consultation


def rule_restriction(
    session: Session, *, actor: Actor, ref: str, consultation_id: int, data: RestrictionRuling, now: datetime
) -> Consultation:
    """The commission accepts or rejects a source's restriction.

    Records ``complaints:restriction:decided``."""
    complaint = load(session, ref)
    consultation = next((c for c in complaint.consultations if c.id == consultation_id), None)
    if consultation is None:
        raise NotFound("No such consultation", code="consultation.not_found")
    if not consultation.restrictions:
        raise Conflict("The source asked for no restriction", code="consultation.no_restriction")
    consultation.restriction_accepted, consultation.restriction_decided_at = data.accept, now
    record(
        session,
        actor,
        AuditAction.COMPLAINT_RESTRICTION_DECIDED,
        complaint,
        data.model_dump(mode="json"),
        now,
    )
    return consultation


def extend(session: Session, *, actor: Actor, ref: str, data: ExtensionGrant, now: datetime) -> Complaint:
    """Extend the running clock, with a reason. Records ``complaints:deadline:extended``."""
    complaint = load(session, ref)
    running = rules.running_clock(clocks(complaint))
    if running is None or running[0] is not data.clock:
        raise Conflict(f"The {data.clock.value} clock is not running", code="complaint.clock_not_running")
    if extended_months(complaint, data.clock) + data.months > rules.MAX_EXTENSION_MONTHS:
        raise Conflict(
            f"A clock may be extended by {rules.MAX_EXTENSION_MONTHS} months at most",
            code="complaint.extension_limit",
        )
    complaint.extensions.append(
        Extension(
            clock=data.clock.value,
            months=data.months,
            reason=data.reason,
            extended_by=actor.user_id,
            extended_at=now,
        )
    )
    if data.clock is Clock.ADMISSIBILITY:
        complaint.admissibility_due = rules.admissibility_due(
            complaint.received_at, extended_months(complaint, data.clock)
        )
    else:
        assert complaint.assessed_at is not None
        complaint.decision_due = rules.decision_due(
            Kind(complaint.kind), complaint.assessed_at, extended_months(complaint, data.clock)
        )
    complaint.warned_at = complaint.overdue_at = None
    record(
        session, actor, AuditAction.COMPLAINT_DEADLINE_EXTENDED, complaint, data.model_dump(mode="json"), now
    )
    return complaint
