"""What a decision does to the data: provisional blocks, and deletion everywhere at once.

A ``non_compliant`` decision, for each request the complaint concerns:

1. moves it to ``deleted`` through ``notices.service.transition`` (which removes the person from
   the search index and asks every recipient to confirm purging its copies), or, when the request
   is in a state that cannot be deleted (withdrawn by the source during the proceedings...),
   removes it from the search index all the same;
2. purges its ``document``, the source's answers to the commission about it and every quote of it
   in its screening runs (``screening.service.purge_texts``: codes and weights stay);
3. registers the person as protected against the requester (``ccf_deletion``), with the decision's
   case number, date, upheld grounds and the provisions cited, so that a new request from the same
   country about the same person is escalated with the old decision attached;
4. calls every ``on_deletion`` hook with a ``DeletedRequest`` (ids only): the way other domains —
   messaging marks the messages linked to the request — learn of it without this domain
   importing them.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from article3.actors import Actor
from article3.audit import service as audit
from article3.audit.actions import AuditAction
from article3.complaints import rules
from article3.complaints.cases import load
from article3.complaints.models import Complaint, Decision, DecisionCountry
from article3.complaints.schemas import DecisionRecord
from article3.countries.models import Country
from article3.notices import rules as notice_rules
from article3.notices import service as notices
from article3.notices.document import RequestDocument
from article3.notices.models import Request
from article3.register import service as register
from article3.register.rules import ProtectionKind
from article3.register.schemas import ProtectionRegister
from article3.review import service as review
from article3.screening import service as screening
from article3.search import access as search_access
from article3.search import service as search
from article3.search.schemas import PersonQuery


@dataclass(frozen=True, slots=True)
class DeletedRequest:
    """What a deletion hook receives: ids and codes, never personal data."""

    request_id: int
    request_ref: str
    requesting_country: str
    complaint_ref: str
    decided_at: datetime


DeletionHook = Callable[[Session, DeletedRequest], None]


def linked_requests(session: Session, complaint: Complaint) -> list[Request]:
    ids = [link.request_id for link in complaint.links]
    if not ids:
        return []
    return list(
        session.scalars(
            select(Request)
            .where(Request.id.in_(ids))
            .options(selectinload(Request.recipients), selectinload(Request.flags))
            .order_by(Request.id)
        )
    )


def linked_documents(session: Session, ref: str) -> list[tuple[int, dict[str, Any] | None]]:
    """The requests a case concerns, as (id, document): the document is None once purged."""
    return [(r.id, r.document) for r in linked_requests(session, load(session, ref))]


def set_blocked(session: Session, *, request: Request, blocked: bool, now: datetime) -> None:
    """Set the request's block and its search entry's ``blocked`` flag in the same transaction."""
    request.blocked = blocked
    access = search_access.request_access(
        status=request.status,
        kind=request.kind,
        requesting_country=request.requesting_country,
        recipients=[r.country_code for r in request.recipients],
        blocked=blocked,
    )
    search.set_access(session, entry_id=request.ref, access=access, now=now)


def record_decision(
    session: Session,
    *,
    actor: Actor,
    complaint: Complaint,
    data: DecisionRecord,
    findings: dict[rules.Ground, rules.Finding],
    now: datetime,
) -> Decision:
    requests = linked_requests(session, complaint)
    first = requests[0] if requests else None
    region = session.get(Country, first.requesting_country).region if first else None  # type: ignore[union-attr]
    countries = sorted({r.requesting_country for r in requests})
    non_compliant = data.outcome is rules.Outcome.NON_COMPLIANT
    decision = Decision(
        complaint_id=complaint.id,
        outcome=data.outcome.value,
        findings={g.value: f.value for g, f in findings.items()},
        update_text=data.update_text,
        applicant_text=data.applicant_text,
        data_type=first.kind if first else None,
        requester_region=region,
        requesting_countries=countries,
        countries=[DecisionCountry(country_code=c, non_compliant=non_compliant) for c in countries],
        decided_by=actor.user_id,
        decided_at=now,
        on_time=complaint.decision_due is None or now <= complaint.decision_due,
    )
    session.add(decision)
    complaint.decision = decision
    return decision


def apply(
    session: Session,
    *,
    actor: Actor,
    complaint: Complaint,
    data: DecisionRecord,
    now: datetime,
    on_deletion: Sequence[DeletionHook],
) -> None:
    requests = linked_requests(session, complaint)
    if data.outcome is rules.Outcome.NON_COMPLIANT:
        upheld = sorted(g.value for g, f in data.findings.items() if f is rules.Finding.UPHELD)
        for request in requests:
            delete_request(
                session,
                actor=actor,
                complaint=complaint,
                request=request,
                upheld=upheld,
                now=now,
                hooks=on_deletion,
            )
        return
    for request in requests:
        if request.blocked:
            set_blocked(session, request=request, blocked=False, now=now)
        if data.outcome is rules.Outcome.COMPLIANT_WITH_UPDATE:
            notices.notify_requester(session, request=request, kind="commission_update", now=now)


def _person(request: Request) -> tuple[PersonQuery | None, list[str]]:
    if request.document is None:
        return None, []
    document = RequestDocument.model_validate(request.document)
    subject = document.subject
    person = PersonQuery(
        names=subject.full_names(), birth_date=subject.birth_date, nationalities=list(subject.nationalities)
    )
    return person, [o.provision for o in document.offences]


def delete_request(
    session: Session,
    *,
    actor: Actor,
    complaint: Complaint,
    request: Request,
    upheld: list[str],
    now: datetime,
    hooks: Sequence[DeletionHook] = (),
) -> None:
    """Delete one request everywhere (module docstring). Records ``complaints:request:purged``."""
    person, provisions = _person(request)
    reason = f"commission decision {complaint.ref}: non_compliant"
    current = notice_rules.Status(request.status)
    if notice_rules.Status.DELETED in notice_rules.ALLOWED_TRANSITIONS.get(current, frozenset()):
        notices.transition(
            session, actor=actor, request=request, target=notice_rules.Status.DELETED, reason=reason, now=now
        )
    else:
        if current is notice_rules.Status.IN_REVIEW:  # never published: refused by the decision
            notices.transition(
                session,
                actor=None,
                request=request,
                target=notice_rules.Status.REFUSED,
                reason=reason,
                now=now,
            )
            notices.notify_requester(session, request=request, kind="refused", now=now)
        search.remove(session, entry_id=request.ref, now=now)
    review.close_for(session, request=request, now=now)
    request.document, request.blocked = None, False
    screening.purge_texts(session, request_id=request.id)
    for consultation in complaint.consultations:
        if consultation.request_id == request.id:
            consultation.answer = None
    if person is not None:
        note = (
            f"Commission decision {complaint.ref} of {now.date().isoformat()}: non_compliant"
            f" (upheld: {', '.join(upheld)}); provisions cited: {', '.join(provisions) or 'none'}"
        )
        register.add(
            session,
            actor=actor,
            data=ProtectionRegister(
                person=person,
                kind=ProtectionKind.CCF_DELETION,
                against_country=request.requesting_country,
                since=now.date(),
                note=note,
            ),
            now=now,
        )
    audit.record(
        session,
        actor=actor,
        action=AuditAction.COMPLAINT_REQUEST_PURGED,
        subject_type="request",
        subject_id=request.id,
        change={"complaint": complaint.ref, "from": current.value},
        now=now,
    )
    event = DeletedRequest(request.id, request.ref, request.requesting_country, complaint.ref, now)
    for hook in hooks:
        hook(session, event)
