"""Use cases of the commission: lodge, assess, consult, extend, block, decide, and the clock's job.

Each function changes data in the caller's transaction and records one audit entry per business
event. Reads, the public register and the figures live in ``views`` and are re-exported here.
The binding effects of a decision are in ``effects``.
"""

from __future__ import annotations

import secrets
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from article3.accounts import service as accounts
from article3.accounts.schemas import UserCreate
from article3.actors import Actor, Role
from article3.audit import service as audit
from article3.audit.actions import AuditAction
from article3.complaints import effects, rules, uploads
from article3.complaints.effects import DeletedRequest, DeletionHook
from article3.complaints.models import Complaint, ComplaintDocument, ComplaintLink, Consultation, Extension
from article3.complaints.rules import Clock, ClockState, Kind, Status
from article3.complaints.schemas import (
    Assessment,
    BlockOrder,
    ComplaintLodge,
    ConsultationAnswer,
    ConsultationOpen,
    DeadlineRun,
    DecisionRecord,
    ExtensionGrant,
    LodgeReceipt,
    OverdueRead,
    RestrictionRuling,
)
from article3.complaints.views import (
    applicant_views,
    consultations_for,
    country_outcomes,
    document_bytes,
    figures,
    get,
    list_cases,
    overdue_list,
    public_register,
    to_read,
)
from article3.errors import Conflict, InvalidInput, NotFound
from article3.notices import service as notices
from article3.notices.models import Request
from article3.search.engine import SearchEngine
from article3.search.schemas import PersonQuery

PORTAL_ACTOR = "public:portal"
CLOCK_ACTOR = "system:complaints"
__all__ = [
    "DeletedRequest",
    "DeletionHook",
    "applicant_views",
    "consultations_for",
    "country_outcomes",
    "document_bytes",
    "figures",
    "get",
    "list_cases",
    "overdue_list",
    "public_register",
    "to_read",
]


def _check_documents(documents: Sequence[tuple[str, bytes]]) -> None:
    if len(documents) > uploads.MAX_FILES:
        raise InvalidInput(
            f"At most {uploads.MAX_FILES} documents",
            details=[{"path": "documents", "code": "complaint.too_many_documents", "message": "too many"}],
        )
    details = [
        {"path": f"documents[{i}]", "code": "complaint.document_refused", "message": problem}
        for i, (name, content) in enumerate(documents)
        if (problem := uploads.problem(name, content)) is not None
    ]
    if details:
        raise InvalidInput("A document was refused", details=details)


def _parent(session: Session, data: ComplaintLodge) -> Complaint | None:
    if data.kind is not Kind.REVISION:
        return None
    parent = session.scalars(select(Complaint).where(Complaint.ref == (data.parent_ref or ""))).first()
    if parent is None:
        raise InvalidInput(
            "A revision names the decided case it asks to revise",
            details=[{"path": "parent_ref", "code": "complaint.parent_unknown", "message": "no such case"}],
        )
    return parent


def _login(session: Session, actor: Actor | None, ref: str, now: datetime) -> tuple[int, str, str | None]:
    """The applicant's account: the caller's own if it is an applicant, else a new one for this case."""
    if actor is not None and actor.role is Role.APPLICANT:
        return actor.user_id, accounts.get(session, actor.user_id).username, None
    password = secrets.token_urlsafe(12)
    user = accounts.create(
        session,
        actor=CLOCK_ACTOR,
        data=UserCreate(username=ref.lower(), role=Role.APPLICANT, password=password),
        now=now,
    )
    return user.id, user.username, password


def lodge(
    session: Session,
    *,
    actor: Actor | None,
    data: ComplaintLodge,
    documents: Sequence[tuple[str, bytes]],
    engine: SearchEngine,
    data_dir: Path,
    now: datetime,
) -> LodgeReceipt:
    """Take a complaint from an applicant or their lawyer (no account needed), store its documents,
    match it to requests through the person search (for the commission only), and give the
    applicant a case number and a login. Records ``complaints:complaint:lodged``."""
    _check_documents(documents)
    if data.representative is not None and not data.representative.power_of_representation:
        raise InvalidInput(
            "A lawyer lodges with a power of representation",
            details=[{"path": "representative.power_of_representation", "code": "required", "message": ""}],
        )
    parent = _parent(session, data)
    complaint = Complaint(
        ref="pending",
        kind=data.kind.value,
        status=Status.RECEIVED.value,
        lodged_by="lawyer" if data.representative else "applicant",
        applicant={**data.applicant.model_dump(mode="json"), "contact": data.contact},
        representative=data.representative.model_dump(mode="json") if data.representative else None,
        statement=data.statement,
        grounds_raised=[g.value for g in data.grounds],
        cited_refs=list(data.refs),
        pre_emptive=data.pre_emptive,
        parent_id=parent.id if parent else None,
        new_fact=data.new_fact,
        fact_discovered_on=data.fact_discovered_on,
        received_at=now,
        admissibility_due=rules.admissibility_due(now),
    )
    session.add(complaint)
    session.flush()  # flush: the case number is built from the new id
    prefix = "CCFR" if parent else "CCF"
    complaint.ref = f"{prefix}-{now.year}-{complaint.id:06d}"
    complaint.applicant_user_id, username, password = _login(session, actor, complaint.ref, now)
    for _name, content in documents:
        checked = uploads.check(_name, content)
        assert checked is not None  # _check_documents refused anything else
        session.add(
            ComplaintDocument(
                complaint_id=complaint.id,
                stored_name=uploads.store(data_dir, content),
                kind=checked.kind,
                size=checked.size,
                sha256=checked.sha256,
                uploaded_at=now,
            )
        )
    _match(session, complaint, data.applicant, engine, now)
    audit.record(
        session,
        actor=actor or PORTAL_ACTOR,
        action=AuditAction.COMPLAINT_LODGED,
        subject_type="complaint",
        subject_id=complaint.id,
        change=data.model_dump(mode="json"),
        now=now,
    )
    return LodgeReceipt(
        ref=complaint.ref,
        status=Status.RECEIVED,
        username=username,
        password=password,
        admissibility_due=complaint.admissibility_due,
    )


def _match(
    session: Session, complaint: Complaint, person: PersonQuery, engine: SearchEngine, now: datetime
) -> None:
    found: dict[str, tuple[str, float]] = {}
    for ref in complaint.cited_refs:
        found[ref] = ("cited", 1.0)
    [hits] = engine.search(session, [person], limit=10, allowed=lambda a: a.get("source") == "request")
    for hit in hits:
        if hit.match and hit.id not in found:
            found[hit.id] = ("matched", hit.score)
    for ref, (source, score) in found.items():
        try:
            request = notices.by_ref(session, ref)
        except NotFound:
            continue  # a cited ref that does not exist: the complaint stands as pre-emptive
        session.add(
            ComplaintLink(
                complaint_id=complaint.id, request_id=request.id, source=source, score=score, linked_at=now
            )
        )


def _load(session: Session, ref: str) -> Complaint:
    complaint = session.scalars(
        select(Complaint)
        .where(Complaint.ref == ref)
        .options(
            selectinload(Complaint.links),
            selectinload(Complaint.consultations),
            selectinload(Complaint.extensions),
        )
    ).first()
    if complaint is None:
        raise NotFound(f"No complaint {ref!r}", code="complaint.not_found")
    return complaint


def _move(complaint: Complaint, target: Status) -> None:
    rules.check_transition(Status(complaint.status), target)
    complaint.status = target.value


def _months(complaint: Complaint, clock: Clock) -> int:
    return sum(e.months for e in complaint.extensions if e.clock == clock.value)


def _audit(
    session: Session,
    actor: Actor | str,
    action: AuditAction,
    c: Complaint,
    change: dict[str, object],
    now: datetime,
) -> None:
    audit.record(
        session, actor=actor, action=action, subject_type="complaint", subject_id=c.id, change=change, now=now
    )


def assess(session: Session, *, actor: Actor, ref: str, data: Assessment, now: datetime) -> Complaint:
    """The secretariat declares a complaint admissible (starting the decision clock) or not.

    A revision outside its six-month window, or without a new fact, cannot be declared admissible.
    Records ``complaints:complaint:assessed``."""
    complaint = _load(session, ref)
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
    _move(complaint, Status.ADMISSIBLE if data.admissible else Status.INADMISSIBLE)
    complaint.assessed_at, complaint.admissibility_reason = now, data.reason
    complaint.warned_at = complaint.overdue_at = None
    if data.admissible:
        months = _months(complaint, Clock.DECISION)
        complaint.decision_due = rules.decision_due(Kind(complaint.kind), now, months)
    _audit(session, actor, AuditAction.COMPLAINT_ASSESSED, complaint, data.model_dump(mode="json"), now)
    return complaint


def consult(
    session: Session, *, actor: Actor, ref: str, data: ConsultationOpen, now: datetime
) -> Consultation:
    """Ask the source bureau about a request, with a deadline; the bureau answers through its own
    page or the API. Records ``complaints:consultation:opened``."""
    complaint = _load(session, ref)
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
        _move(complaint, Status.CONSULTATION)
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


def _settle(complaint: Complaint) -> None:
    """When every consultation is answered or has lapsed, the case goes to deliberation."""
    done = all(c.answered_at or c.lapsed_at for c in complaint.consultations)
    if done and complaint.status == Status.CONSULTATION.value:
        _move(complaint, Status.DELIBERATION)


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
    consultation.answer, consultation.answered_at = data.answer, now
    consultation.restrictions = [r.value for r in data.restrictions]
    consultation.restriction_note = data.restriction_note
    _settle(consultation.complaint)
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
    complaint = _load(session, ref)
    consultation = next((c for c in complaint.consultations if c.id == consultation_id), None)
    if consultation is None:
        raise NotFound("No such consultation", code="consultation.not_found")
    if not consultation.restrictions:
        raise Conflict("The source asked for no restriction", code="consultation.no_restriction")
    consultation.restriction_accepted, consultation.restriction_decided_at = data.accept, now
    _audit(
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
    complaint = _load(session, ref)
    running = rules.running_clock(_clocks(complaint))
    if running is None or running[0] is not data.clock:
        raise Conflict(f"The {data.clock.value} clock is not running", code="complaint.clock_not_running")
    if _months(complaint, data.clock) + data.months > rules.MAX_EXTENSION_MONTHS:
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
            complaint.received_at, _months(complaint, data.clock)
        )
    else:
        assert complaint.assessed_at is not None
        complaint.decision_due = rules.decision_due(
            Kind(complaint.kind), complaint.assessed_at, _months(complaint, data.clock)
        )
    complaint.warned_at = complaint.overdue_at = None
    _audit(
        session, actor, AuditAction.COMPLAINT_DEADLINE_EXTENDED, complaint, data.model_dump(mode="json"), now
    )
    return complaint


def block(session: Session, *, actor: Actor, ref: str, data: BlockOrder, now: datetime) -> Complaint:
    """A provisional block: the linked requests vanish at once from every other country and from
    border search. Records ``complaints:request:blocked``."""
    complaint = _load(session, ref)
    if not rules.may_block(Status(complaint.status)):
        raise Conflict("Only an open complaint allows a provisional block", code="complaint.closed")
    requests = effects.linked_requests(session, complaint)
    if not requests:
        raise Conflict("No request is linked to this complaint", code="complaint.nothing_to_block")
    for request in requests:
        effects.set_blocked(session, request=request, blocked=True, now=now)
    complaint.blocked_at, complaint.block_reason = now, data.reason
    _audit(
        session, actor, AuditAction.COMPLAINT_REQUEST_BLOCKED, complaint, data.model_dump(mode="json"), now
    )
    return complaint


def decide(
    session: Session,
    *,
    actor: Actor,
    ref: str,
    data: DecisionRecord,
    now: datetime,
    on_deletion: Sequence[DeletionHook] = (),
) -> Complaint:
    """The commission's binding decision. ``non_compliant`` deletes every linked request at once
    (see ``effects.delete_request``; ``on_deletion`` hooks let other domains, e.g. messaging, mark
    what they hold); otherwise a provisional block is lifted. Records ``complaints:complaint:decided``."""
    complaint = _load(session, ref)
    if Status(complaint.status) not in rules.PENDING_DECISION:
        raise Conflict("Only an admissible, pending complaint can be decided", code="complaint.not_pending")
    raised = [rules.Ground(g) for g in complaint.grounds_raised]
    findings = rules.complete_findings(raised, dict(data.findings))
    problem = rules.decision_problem(data.outcome, findings, data.update_text)
    if problem:
        raise InvalidInput(problem, code="complaint.decision_inconsistent")
    _move(complaint, Status.DECIDED)
    complaint.decided_at = now
    effects.record_decision(session, actor=actor, complaint=complaint, data=data, findings=findings, now=now)
    _audit(session, actor, AuditAction.COMPLAINT_DECIDED, complaint, data.model_dump(mode="json"), now)
    effects.apply(session, actor=actor, complaint=complaint, data=data, now=now, on_deletion=on_deletion)
    return complaint


def _clocks(c: Complaint) -> rules.Clocks:
    return rules.Clocks(Status(c.status), c.admissibility_due, c.assessed_at, c.decision_due, c.decided_at)


def check_deadlines(session: Session, *, now: datetime) -> DeadlineRun:
    """The clock's job: warn once before a running clock passes, record a missed deadline once, and
    let unanswered consultations lapse. Records ``complaints:deadline:warned`` / ``:missed`` and
    ``complaints:consultation:lapsed``."""
    run = DeadlineRun(warned=[], missed=[], lapsed_consultations=[], overdue=[])
    open_cases = session.scalars(
        select(Complaint)
        .where(Complaint.status.in_([s.value for s in rules.OPEN]))
        .options(selectinload(Complaint.consultations))
        .order_by(Complaint.id)
    )
    for complaint in open_cases:
        _lapse(session, complaint, now, run)
        running = rules.running_clock(_clocks(complaint))
        if running is None:
            continue
        clock, due = running
        state = rules.clock_state(due, now)
        if state is ClockState.DUE_SOON and complaint.warned_at is None:
            complaint.warned_at = now
            _audit(
                session,
                CLOCK_ACTOR,
                AuditAction.COMPLAINT_DEADLINE_WARNED,
                complaint,
                {"clock": clock.value},
                now,
            )
            run.warned.append(complaint.ref)
        if state is ClockState.OVERDUE:
            if complaint.overdue_at is None:
                complaint.overdue_at = now
                _audit(
                    session,
                    CLOCK_ACTOR,
                    AuditAction.COMPLAINT_DEADLINE_MISSED,
                    complaint,
                    {"clock": clock.value},
                    now,
                )
                run.missed.append(OverdueRead(ref=complaint.ref, clock=clock, due=due))
            run.overdue.append(OverdueRead(ref=complaint.ref, clock=clock, due=due))
    return run


def _lapse(session: Session, complaint: Complaint, now: datetime, run: DeadlineRun) -> None:
    for c in complaint.consultations:
        if c.answered_at is None and c.lapsed_at is None and now > c.due_at:
            c.lapsed_at = now
            audit.record(
                session,
                actor=CLOCK_ACTOR,
                action=AuditAction.COMPLAINT_CONSULTATION_LAPSED,
                subject_type="consultation",
                subject_id=c.id,
                change={"due_at": c.due_at.isoformat()},
                now=now,
            )
            run.lapsed_consultations.append(c.id)
    _settle(complaint)
