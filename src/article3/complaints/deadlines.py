"""The clock's job: warn before a statutory deadline, record a miss once, let consultations lapse."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from article3.audit import service as audit
from article3.audit.actions import AuditAction
from article3.complaints import rules
from article3.complaints.cases import CLOCK_ACTOR, clocks, record, settle
from article3.complaints.models import Complaint
from article3.complaints.rules import ClockState
from article3.complaints.schemas import DeadlineRun, OverdueRead


def check_deadlines(session: Session, *, now: datetime) -> DeadlineRun:
    """Warn once before a running clock passes, record a missed deadline once, and let
    unanswered consultations lapse. Records ``complaints:deadline:warned`` / ``:missed`` and
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
        running = rules.running_clock(clocks(complaint))
        if running is None:
            continue
        clock, due = running
        state = rules.clock_state(due, now)
        if state is ClockState.DUE_SOON and complaint.warned_at is None:
            complaint.warned_at = now
            record(
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
                record(
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
    settle(complaint)
