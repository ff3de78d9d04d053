"""What the review interfaces take and return."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, Field

from article3.notices.schemas import RequestRead
from article3.review.rules import Assessment, Decision, Factor, Ground, ReviewState
from article3.screening.rulesets import Route


class FactorRecord(BaseModel):
    assessment: Assessment
    note: str | None = Field(None, max_length=4000)


class ReviewDecide(BaseModel):
    decision: Decision
    grounds: list[Ground]
    factors: dict[Factor, FactorRecord] = Field(default_factory=dict)
    note: str | None = Field(None, max_length=8000)


class DecisionRead(BaseModel):
    reviewer_id: int
    decision: Decision
    grounds: list[Ground]
    factors: dict[str, dict[str, str | None]]
    note: str | None
    decided_at: datetime


class ReviewItemRead(BaseModel):
    id: int
    request_ref: str
    requesting_country: str
    kind: str
    route: Route
    enqueued_at: datetime
    waiting_hours: float
    claimed_by: int | None
    awaiting_info: bool
    approvals: int
    approvals_needed: int
    refusals_needed: int = Field(
        description="2 on fast track and standard review: a refusal against the screening's route "
        "is confirmed by a second reviewer; 1 on enhanced review"
    )
    state: ReviewState = Field(
        description="refusal_pending: a refusal awaits a second reviewer; senior_decision: the two "
        "reviewers disagree and a senior reviewer decides"
    )
    state_label: str
    decisions: list[DecisionRead]


class ReviewDecisionResult(RequestRead):
    """The request after a decision, and where its review stands (the request stays ``in_review``
    while a refusal awaits confirmation or a senior reviewer's decision)."""

    review_state: ReviewState
