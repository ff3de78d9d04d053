"""What the review interfaces take and return."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, Field

from article3.review.rules import Assessment, Decision, Factor, Ground
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
    decisions: list[DecisionRead]
