"""Adapter for requests: submit a world request through intake and screening; decide its review."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from article3 import workflows
from article3.actors import Actor
from article3.bootstrap import Runtime
from article3.db.session import transaction
from article3.errors import Article3Error, Conflict
from article3.notices import service as notices
from article3.notices.document import RequestDocument
from article3.review.rules import Assessment, Decision, Factor, Ground
from article3.review.schemas import FactorRecord, ReviewDecide


@dataclass(frozen=True, slots=True)
class Submitted:
    ref: str | None
    status: str
    route: str | None
    risk: float
    codes: tuple[str, ...]
    error: str | None = None


def submit(rt: Runtime, actor: Actor, data: dict[str, Any], now: datetime) -> Submitted:
    """One use case, one transaction; a measure that stops the request is an outcome, not a crash."""
    document = RequestDocument.model_validate(data)
    try:
        with rt.session() as session, transaction(session):
            request, result = workflows.submit_request(
                session, actor=actor, document=document, settings=rt.settings, now=now, search=rt.search
            )
            ref, status = request.ref, request.status
    except Article3Error as exc:
        return Submitted(None, "not_accepted", None, 0.0, (), exc.code)
    if result is None:
        return Submitted(ref, status, None, 0.0, ())
    return Submitted(ref, status, result.route.value, result.risk, tuple(str(c) for c in result.codes))


def _factors(political: bool) -> dict[Factor, FactorRecord]:
    value = Assessment.PREDOMINANTLY_POLITICAL if political else Assessment.ORDINARY_CRIME
    return {
        f: FactorRecord(assessment=value if f is Factor.CONTEXT else Assessment.ORDINARY_CRIME)
        for f in Factor
    }


@dataclass(frozen=True, slots=True)
class Decided:
    status: str  # the request's status afterwards
    state: str  # where its review stands (review.rules.ReviewState), or "held" / "closed"
    until: datetime | None = None  # held: the commission's window ends then (None: blocked)


def decide(
    rt: Runtime, reviewer: Actor, ref: str, *, approve: bool, ground: Ground, now: datetime
) -> Decided:
    """One reviewer's decision; returns the request's status and its review's state afterwards.
    An approval the commission holds (complaints/later.py) is not an error: ``held``, with the end
    of the commission's window when there is one; an item the commission's decision already
    closed is ``closed``."""
    data = ReviewDecide(
        decision=Decision.APPROVE if approve else Decision.REFUSE,
        grounds=[Ground.CRITERIA_MET if approve else ground],
        factors=_factors(political=not approve and ground is Ground.ARTICLE3_POLITICAL),
        note="simulated reviewer",
    )
    try:
        with rt.session() as session, transaction(session):
            outcome = workflows.decide_review_outcome(session, actor=reviewer, ref=ref, data=data, now=now)
            return Decided(outcome.request.status, outcome.state.value)
    except Conflict as exc:
        if exc.code not in workflows.HELD_BY_COMMISSION | {"review.closed"}:
            raise
        with rt.session() as session:
            status = notices.by_ref(session, ref).status
        if exc.code == "review.closed":  # the commission's decision closed it meanwhile
            return Decided(status, "closed")
        until = exc.details[0].get("until") if exc.details else None
        return Decided(status, "held", datetime.fromisoformat(until) if until else None)
