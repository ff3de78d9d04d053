"""What every use case on an existing case shares: load it, move it, read its clocks, record on it."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from article3.actors import Actor
from article3.audit import service as audit
from article3.audit.actions import AuditAction
from article3.complaints import rules
from article3.complaints.models import Complaint
from article3.complaints.rules import Clock, Status
from article3.errors import NotFound

PORTAL_ACTOR = "public:portal"
CLOCK_ACTOR = "system:complaints"


def load(session: Session, ref: str) -> Complaint:
    """The case with its links, consultations and extensions; ``complaint.not_found`` otherwise."""
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


def move(complaint: Complaint, target: Status) -> None:
    rules.check_transition(Status(complaint.status), target)
    complaint.status = target.value


def extended_months(complaint: Complaint, clock: Clock) -> int:
    return sum(e.months for e in complaint.extensions if e.clock == clock.value)


def clocks(c: Complaint) -> rules.Clocks:
    return rules.Clocks(Status(c.status), c.admissibility_due, c.assessed_at, c.decision_due, c.decided_at)


def settle(complaint: Complaint) -> None:
    """When every consultation is answered or has lapsed, the case goes to deliberation."""
    done = all(c.answered_at or c.lapsed_at for c in complaint.consultations)
    if done and complaint.status == Status.CONSULTATION.value:
        move(complaint, Status.DELIBERATION)


def record(
    session: Session,
    actor: Actor | str,
    action: AuditAction,
    c: Complaint,
    change: dict[str, object],
    now: datetime,
) -> None:
    """One audit entry about the case (the change is hashed, never stored)."""
    audit.record(
        session, actor=actor, action=action, subject_type="complaint", subject_id=c.id, change=change, now=now
    )
