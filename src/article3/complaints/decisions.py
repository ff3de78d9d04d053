"""The commission's measures on a case: the provisional block and the binding decision.

What a decision does to the data (deletion everywhere, the register, the hooks) is in ``effects``.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy.orm import Session

from article3.actors import Actor
from article3.audit.actions import AuditAction
from article3.complaints import effects, later, rules
from article3.complaints.cases import load, move, record
from article3.complaints.effects import DeletionHook
from article3.complaints.models import Complaint
from article3.complaints.rules import Status
from article3.complaints.schemas import BlockOrder, DecisionRecord
from article3.errors import Conflict, InvalidInput


def block(session: Session, *, actor: Actor, ref: str, data: BlockOrder, now: datetime) -> Complaint:
    """A provisional block: the linked requests vanish at once from every other country and from
    border search. Records ``complaints:request:blocked``."""
    complaint = load(session, ref)
    if not rules.may_block(Status(complaint.status)):
        raise Conflict("Only an open complaint allows a provisional block", code="complaint.closed")
    requests = effects.linked_requests(session, complaint)
    if not requests:
        raise Conflict("No request is linked to this complaint", code="complaint.nothing_to_block")
    for request in requests:
        effects.set_blocked(session, request=request, blocked=True, now=now)
    complaint.blocked_at, complaint.block_reason = now, data.reason
    record(
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
    complaint = load(session, ref)
    if Status(complaint.status) not in rules.PENDING_DECISION:
        raise Conflict("Only an admissible, pending complaint can be decided", code="complaint.not_pending")
    raised = [rules.Ground(g) for g in complaint.grounds_raised]
    findings = rules.complete_findings(raised, dict(data.findings))
    problem = rules.decision_problem(data.outcome, findings, data.update_text)
    if problem:
        raise InvalidInput(problem, code="complaint.decision_inconsistent")
    move(complaint, Status.DECIDED)
    complaint.decided_at = now
    later.unindex(session, complaint, now)
    effects.record_decision(session, actor=actor, complaint=complaint, data=data, findings=findings, now=now)
    record(session, actor, AuditAction.COMPLAINT_DECIDED, complaint, data.model_dump(mode="json"), now)
    effects.apply(session, actor=actor, complaint=complaint, data=data, now=now, on_deletion=on_deletion)
    return complaint
