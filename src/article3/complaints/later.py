"""A case before the commission meets the requests that come after it (interpol-rules.md §3.2
"pre-emptive requests", §3.3 "interim protection"; ccf-decisions.md "provisional blocking").

- While a case is open, its applicant is in the person index as a ``complaint`` entry, which only
  the commission and the screening see (``search.access``). A decision or a finding of
  inadmissibility takes the entry out.
- The screening of a new request finds the open cases about its subject; the request is then linked
  to each (``later``), and blocked at once where the case's provisional block is in force: an
  identical re-submission is blocked again.
- A request linked to an open case waits ``rules.BLOCK_WINDOW_DAYS`` for the commission's word
  before a reviewer may publish it: a provisional block, or ``clear`` (no reason to block this
  request), which ends the wait at once. Refusing it never waits, and a blocked request is never
  published until the commission lifts the block by its decision.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import bindparam, select
from sqlalchemy.orm import Session

from article3.actors import Actor
from article3.audit.actions import AuditAction
from article3.complaints import effects, rules
from article3.complaints.cases import CLOCK_ACTOR, load, record
from article3.complaints.models import Complaint, ComplaintLink
from article3.complaints.rules import Status
from article3.complaints.schemas import ClearOrder
from article3.errors import Conflict
from article3.notices.models import Request
from article3.search import service as search
from article3.search.access import COMPLAINT_SOURCE
from article3.search.schemas import PersonQuery, PersonRecord

LATER = "later"  # ComplaintLink.source of a request submitted after the case was lodged


@dataclass(frozen=True, slots=True)
class Hold:
    """Why a request may not be published yet: ``blocked`` by the commission, or ``awaiting`` its
    word until ``until``; ``case`` is the commission's reference."""

    reason: str
    case: str
    until: datetime | None = None


def index(session: Session, complaint: Complaint, person: PersonQuery, now: datetime) -> None:
    """Put the applicant in the person index while the case is open (a new case's reference was
    never indexed; not audited on its own: part of the lodging)."""
    entry = PersonRecord(id=complaint.ref, **person.model_dump())
    search.add(session, record=entry, access={"source": COMPLAINT_SOURCE}, now=now)


def unindex(session: Session, complaint: Complaint, now: datetime) -> None:
    """Take the applicant out of the person index when the case closes."""
    search.remove(session, entry_id=complaint.ref, now=now)


def link_later(session: Session, *, refs: Iterable[str], request: Request, now: datetime) -> None:
    """Link a new request to the open cases the screening found about its subject; block it where
    a case's provisional block is in force. Records ``complaints:request:linked`` per case."""
    wanted = sorted(set(refs))
    if not wanted:
        return
    open_cases = session.scalars(
        select(Complaint).where(
            Complaint.ref.in_(wanted), Complaint.status.in_([s.value for s in rules.OPEN])
        )
    ).all()
    for complaint in sorted(open_cases, key=lambda c: c.id):
        if any(link.request_id == request.id for link in complaint.links):
            continue
        session.add(
            ComplaintLink(
                complaint_id=complaint.id, request_id=request.id, source=LATER, score=1.0, linked_at=now
            )
        )
        blocked = complaint.blocked_at is not None
        if blocked and not request.blocked:
            effects.set_blocked(session, request=request, blocked=True, now=now)
        change = {"request": request.ref, "source": LATER, "blocked": blocked}
        record(session, CLOCK_ACTOR, AuditAction.COMPLAINT_REQUEST_LINKED, complaint, change, now)


def publication_hold(session: Session, *, ref: str, now: datetime) -> Hold | None:
    """Whether the commission holds the publication of request ``ref`` (module docstring); one
    query, and None for a request that does not exist (the caller reports that)."""
    rows = session.execute(_HOLD_ROWS, {"ref": ref}).all()
    if not rows:
        return None
    open_rows = [
        (case, at)
        for _, case, status, at, cleared in rows
        if case and not cleared and Status(status) in rules.OPEN
    ]
    if rows[0][0]:  # blocked
        return Hold("blocked", open_rows[0][0] if open_rows else "")
    waits = [(until, case) for case, at in open_rows if (until := rules.publication_waits_until(at, now))]
    if not waits:
        return None
    until, case = max(waits)
    return Hold("awaiting", case, until)


# Asked before every approval: built once (a statement built per call costs several times its
# execution), executed with ``ref``.
_HOLD_ROWS = (
    select(
        Request.blocked,
        Complaint.ref,
        Complaint.status,
        ComplaintLink.linked_at,
        ComplaintLink.cleared_at,
    )
    .select_from(Request)
    .outerjoin(ComplaintLink, ComplaintLink.request_id == Request.id)
    .outerjoin(Complaint, Complaint.id == ComplaintLink.complaint_id)
    .where(Request.ref == bindparam("ref"))
    .order_by(ComplaintLink.linked_at)
)


def clear(
    session: Session, *, actor: Actor, ref: str, request_ref: str, data: ClearOrder, now: datetime
) -> Complaint:
    """The commission sees no reason for a provisional block of one linked request: the request no
    longer waits for this case. Records ``complaints:request:cleared``."""
    complaint = load(session, ref)
    if Status(complaint.status) not in rules.OPEN:
        raise Conflict("Only an open case holds a request", code="complaint.closed")
    request_id = session.scalar(select(Request.id).where(Request.ref == request_ref))
    link = next((x for x in complaint.links if x.request_id == request_id), None)
    if link is None:
        raise Conflict("This request is not linked to the case", code="complaint.not_linked")
    if complaint.blocked_at is not None:
        raise Conflict("The case's provisional block is in force", code="complaint.blocked")
    link.cleared_at = now
    change = {"request": request_ref, **data.model_dump(mode="json")}
    record(session, actor, AuditAction.COMPLAINT_REQUEST_CLEARED, complaint, change, now)
    return complaint
