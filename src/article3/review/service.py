"""Enqueue, list, claim, release and decide review items."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import cast

from sqlalchemy import Table, bindparam, insert, select
from sqlalchemy.orm import Session, selectinload

from article3.accounts import service as accounts
from article3.actors import Actor
from article3.audit import service as audit
from article3.audit.actions import AuditAction
from article3.errors import Conflict, NotFound, PermissionDenied
from article3.notices.models import Request
from article3.review import rules
from article3.review.models import ReviewDecision, ReviewItem
from article3.review.rules import Decision
from article3.review.schemas import DecisionRead, ReviewDecide, ReviewItemRead
from article3.screening.rulesets import Route


def enqueue(session: Session, *, actor: Actor | str, request: Request, route: Route, now: datetime) -> int:
    """Put a request in the queue on its route; returns the new item's id. Records
    ``review:item:enqueued``."""
    # Inserted on the table (every new request is enqueued, and nothing reads the item back in
    # this unit of work): the new id comes back with the insert, for the audit entry.
    values = {
        "request_id": request.id,
        "route": route.value,
        "enqueued_at": now,
        "claimed_by": None,
        "claimed_at": None,
        "closed_at": None,
        "awaiting_info": False,
    }
    item_id = int(session.execute(_INSERT_ITEM, values).scalar_one())
    audit.record(
        session,
        actor=actor,
        action=AuditAction.REVIEW_ENQUEUED,
        subject_type="review_item",
        subject_id=item_id,
        change={"request": request.id, "route": route.value},
        now=now,
    )
    return item_id


_ITEMS = cast(Table, ReviewItem.__table__)
_INSERT_ITEM = insert(_ITEMS).returning(_ITEMS.c.id)


def _progress(item: ReviewItem) -> rules.Progress:
    votes = [(d.reviewer_id, Decision(d.decision)) for d in item.decisions]
    return rules.progress(Route(item.route), votes)


def state_of(
    item: ReviewItem, request_status: str | None = None, progress: rules.Progress | None = None
) -> rules.ReviewState:
    """Where the item stands (``closed`` when it left review before a final decision); pass the
    item's ``progress`` when it is already at hand.

    An item closed by a single refusal on fast track or standard review (decided before
    refusals there needed confirmation) reads ``refused`` when its request was refused."""
    state = (progress or _progress(item)).state
    if item.closed_at is not None:
        if state is rules.ReviewState.REFUSAL_PENDING and request_status == "refused":
            return rules.ReviewState.REFUSED
        return state if state in rules.FINAL_STATES else rules.ReviewState.CLOSED
    if state is rules.ReviewState.OPEN and item.awaiting_info:
        return rules.ReviewState.AWAITING_INFO
    return state


def _read(item: ReviewItem, request: Request, now: datetime) -> ReviewItemRead:
    route = Route(item.route)
    progress = _progress(item)
    state = state_of(item, request.status, progress)
    return ReviewItemRead(
        id=item.id,
        request_ref=request.ref,
        requesting_country=request.requesting_country,
        kind=request.kind,
        route=route,
        enqueued_at=item.enqueued_at,
        waiting_hours=round((now - item.enqueued_at).total_seconds() / 3600, 1),
        claimed_by=item.claimed_by,
        awaiting_info=item.awaiting_info,
        approvals=len(progress.approvers),
        approvals_needed=rules.approvals_needed(route),
        refusals_needed=rules.refusals_needed(route),
        state=state,
        state_label=rules.STATE_LABELS[state],
        decisions=[
            DecisionRead(
                reviewer_id=d.reviewer_id,
                decision=Decision(d.decision),
                grounds=[rules.Ground(g) for g in d.grounds],
                factors=d.factors,
                note=d.note,
                decided_at=d.decided_at,
            )
            for d in item.decisions
        ],
    )


def queue(session: Session, *, actor: Actor, now: datetime) -> list[ReviewItemRead]:
    """Open items, by route (fast track first, then enhanced, standard) and then by waiting time."""
    if actor.role not in rules.REVIEWERS:
        raise PermissionDenied("Only reviewers see the queue")
    found = session.execute(
        select(ReviewItem, Request)
        .join(Request, Request.id == ReviewItem.request_id)
        .where(ReviewItem.closed_at.is_(None))
        .options(selectinload(ReviewItem.decisions))
    ).all()
    rows = sorted(found, key=lambda r: (rules.ROUTE_ORDER[Route(r[0].route)], r[0].enqueued_at, r[0].id))
    return [_read(item, request, now) for item, request in rows]


def item_for(session: Session, *, ref: str) -> tuple[ReviewItem, Request]:
    row = session.execute(_ITEM, {"ref": ref}).first()
    if row is None:
        raise NotFound(f"No review item for {ref!r}", code="review.not_found")
    return row[0], row[1]


# Read for every decision: built once (a statement built per call costs several times its
# execution), executed with ``ref``.
_ITEM = (
    select(ReviewItem, Request)
    .join(Request, Request.id == ReviewItem.request_id)
    .where(Request.ref == bindparam("ref"))
    .options(selectinload(ReviewItem.decisions))
)


def read_item(session: Session, *, ref: str, now: datetime) -> ReviewItemRead:
    item, request = item_for(session, ref=ref)
    return _read(item, request, now)


def _check(session: Session, actor: Actor, request: Request) -> None:
    nationality = accounts.get(session, actor.user_id).nationality
    rules.check_reviewer(actor, nationality=nationality, request_country=request.requesting_country)


def claim(session: Session, *, actor: Actor, ref: str, now: datetime) -> ReviewItemRead:
    """Take an item to work on it; nobody else can decide it meanwhile. Records ``review:item:claimed``."""
    item, request = item_for(session, ref=ref)
    _check(session, actor, request)
    if item.closed_at is not None:
        raise Conflict("This item is already decided", code="review.closed")
    if item.claimed_by not in {None, actor.user_id}:
        raise Conflict("Another reviewer has claimed this item", code="review.claimed")
    item.claimed_by, item.claimed_at = actor.user_id, now
    audit.record(
        session,
        actor=actor,
        action=AuditAction.REVIEW_CLAIMED,
        subject_type="review_item",
        subject_id=item.id,
        change={"by": actor.user_id},
        now=now,
    )
    return _read(item, request, now)


def release(session: Session, *, actor: Actor, ref: str, now: datetime) -> ReviewItemRead:
    """Give a claimed item back to the queue. Records ``review:item:released``."""
    item, request = item_for(session, ref=ref)
    if item.claimed_by != actor.user_id:
        raise Conflict("You have not claimed this item", code="review.not_claimed")
    item.claimed_by, item.claimed_at = None, None
    audit.record(
        session,
        actor=actor,
        action=AuditAction.REVIEW_RELEASED,
        subject_type="review_item",
        subject_id=item.id,
        change={"by": actor.user_id},
        now=now,
    )
    return _read(item, request, now)


@dataclass(frozen=True, slots=True)
class Outcome:
    """What a decision means for the request: publish, refuse, or keep waiting (``state`` says why)."""

    publish: bool
    refuse: bool
    ask_info: bool
    request: Request
    state: rules.ReviewState
    refusal_grounds: tuple[str, ...] = ()  # every refusing reviewer's grounds, in order, no repeats


_EVENTS = {
    (rules.ReviewState.REFUSAL_PENDING, rules.ReviewState.REFUSED): AuditAction.REVIEW_REFUSAL_CONFIRMED,
    (rules.ReviewState.REFUSAL_PENDING, rules.ReviewState.SENIOR_DECISION): (
        AuditAction.REVIEW_REFUSAL_DISPUTED
    ),
    (rules.ReviewState.SENIOR_DECISION, rules.ReviewState.APPROVED): AuditAction.REVIEW_DISPUTE_SETTLED,
    (rules.ReviewState.SENIOR_DECISION, rules.ReviewState.REFUSED): AuditAction.REVIEW_DISPUTE_SETTLED,
}


def _event(before: rules.ReviewState, after: rules.ReviewState) -> AuditAction:
    if after is rules.ReviewState.REFUSAL_PENDING and before is not after:
        return AuditAction.REVIEW_REFUSAL_PROPOSED
    return _EVENTS.get((before, after), AuditAction.REVIEW_DECIDED)


def _refusal_grounds(item: ReviewItem) -> tuple[str, ...]:
    grounds = [g for d in item.decisions if d.decision == Decision.REFUSE.value for g in d.grounds]
    return tuple(dict.fromkeys(grounds))


def decide(session: Session, *, actor: Actor, ref: str, data: ReviewDecide, now: datetime) -> Outcome:
    """Record a decision with its grounds and factors, and where it leaves the item.

    Enhanced review needs two different approvers and one refusal refuses. On fast track and
    standard review a first refusal only proposes (``review:refusal:proposed``; the request stays
    in review and nobody outside the secretariat is told); a second, different reviewer confirms it
    (``review:refusal:confirmed``) or approves (``review:refusal:disputed``), and then a third,
    senior reviewer decides (``review:refusal:settled``). Every other decision records
    ``review:item:decided``. The reviewer must hold the claim (a decision claims an unclaimed item).
    """
    item, request = item_for(session, ref=ref)
    _check(session, actor, request)
    if item.closed_at is not None:
        raise Conflict("This item is already decided", code="review.closed")
    if item.claimed_by not in {None, actor.user_id}:
        raise Conflict("Another reviewer has claimed this item", code="review.claimed")
    factors = {f: r.assessment for f, r in data.factors.items()}
    rules.check_decision(data.decision, data.grounds, factors, data.note)
    so_far = _progress(item)
    rules.check_turn(actor, so_far, data.decision)
    item.decisions.append(
        ReviewDecision(
            reviewer_id=actor.user_id,
            decision=data.decision.value,
            grounds=[g.value for g in data.grounds],
            factors={f.value: r.model_dump(mode="json") for f, r in data.factors.items()},
            note=data.note,
            decided_at=now,
        )
    )
    progress = _progress(item)
    after = progress.state
    publish, refuse = after is rules.ReviewState.APPROVED, after is rules.ReviewState.REFUSED
    item.awaiting_info = data.decision is Decision.ASK_INFO
    item.claimed_by, item.claimed_at = None, None
    if publish or refuse:
        item.closed_at = now
    audit.record(
        session,
        actor=actor,
        action=_event(so_far.state, after),
        subject_type="review_item",
        subject_id=item.id,
        change={"decision": data.decision.value, "grounds": data.grounds, "state": after.value},
        now=now,
    )
    return Outcome(
        publish=publish,
        refuse=refuse,
        ask_info=item.awaiting_info,
        request=request,
        state=state_of(item, progress=progress),
        refusal_grounds=_refusal_grounds(item) if refuse else (),
    )


def close_for(session: Session, *, request: Request, now: datetime) -> None:
    """Close the open item of a request that left review another way (withdrawn, deleted)."""
    item = session.scalars(
        select(ReviewItem).where(ReviewItem.request_id == request.id, ReviewItem.closed_at.is_(None))
    ).first()
    if item is not None:
        item.closed_at = now
