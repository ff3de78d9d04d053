"""The review queue: list, claim, release, decide."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter

from article3.accounts.permissions import Permission
from article3.actors import Actor
from article3.api.errors import CONFLICT_RESPONSE, ERROR_RESPONSES
from article3.db.session import transaction
from article3.deps import ClockDep, SessionDep, allow
from article3.notices import service as notices
from article3.review import service as review
from article3.review.schemas import ReviewDecide, ReviewDecisionResult, ReviewItemRead
from article3.workflows import decide_review_outcome

router = APIRouter(prefix="/review", tags=["review"], responses=ERROR_RESPONSES | CONFLICT_RESPONSE)
Reviewer = Annotated[Actor, allow(Permission.REVIEW_WORK)]


@router.get(
    "/queue", summary="Open items by route, then by waiting time", response_model=list[ReviewItemRead]
)
def queue(session: SessionDep, clock: ClockDep, actor: Reviewer) -> list[ReviewItemRead]:
    return review.queue(session, actor=actor, now=clock.now())


@router.get("/{ref}", summary="One review item with its decisions so far", response_model=ReviewItemRead)
def item(ref: str, session: SessionDep, clock: ClockDep, actor: Reviewer) -> ReviewItemRead:
    return review.read_item(session, ref=ref, now=clock.now())


@router.post("/{ref}/claim", summary="Claim an item", response_model=ReviewItemRead)
def claim(ref: str, session: SessionDep, clock: ClockDep, actor: Reviewer) -> ReviewItemRead:
    with transaction(session):
        return review.claim(session, actor=actor, ref=ref, now=clock.now())


@router.post("/{ref}/release", summary="Give a claimed item back", response_model=ReviewItemRead)
def release(ref: str, session: SessionDep, clock: ClockDep, actor: Reviewer) -> ReviewItemRead:
    with transaction(session):
        return review.release(session, actor=actor, ref=ref, now=clock.now())


@router.post(
    "/{ref}/decide",
    summary="Approve, refuse or ask for information, with grounds and factors",
    description=(
        "Returns the request and `review_state`. On fast track and standard review a first refusal "
        "does not refuse: the request stays `in_review` with `review_state: refusal_pending` until "
        "a second, different reviewer confirms it (`refused`) or approves (`senior_decision`: a "
        "senior reviewer who is neither of the two then decides). On enhanced review one refusal "
        "refuses and an approval needs two reviewers. The proposer of a pending refusal cannot "
        "confirm it (403 `review.same_reviewer`); only a senior reviewer decides a disagreement "
        "(403 `review.senior_needed`)."
    ),
    response_model=ReviewDecisionResult,
)
def decide(
    ref: str, body: ReviewDecide, session: SessionDep, clock: ClockDep, actor: Reviewer
) -> ReviewDecisionResult:
    with transaction(session):
        outcome = decide_review_outcome(session, actor=actor, ref=ref, data=body, now=clock.now())
        read = notices.to_read(outcome.request, actor)
        return ReviewDecisionResult.model_validate(read.model_dump() | {"review_state": outcome.state})
