"""What the statistics and the reports return. Counts are exact here; the renderers suppress."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pydantic import BaseModel, Field

from article3.transparency.rules import Interval, Rate


class IntervalRead(BaseModel):
    value: float
    low: float
    high: float

    @classmethod
    def of(cls, interval: Interval | None) -> IntervalRead | None:
        return None if interval is None else cls(value=interval.value, low=interval.low, high=interval.high)


class RateRead(BaseModel):
    successes: int
    trials: int
    value: float
    low: float
    high: float

    @classmethod
    def of(cls, rate: Rate | None) -> RateRead | None:
        if rate is None:
            return None
        i = rate.interval
        return cls(successes=rate.successes, trials=rate.trials, value=i.value, low=i.low, high=i.high)


class PeriodRead(BaseModel):
    start: datetime
    end: datetime
    label: str


class RequestFigures(BaseModel):
    """Requests submitted in the period, by what became of them."""

    red_notices: int = 0
    diffusions: int = 0
    total: int = 0
    rejected_at_intake: int = 0
    blocked: int = 0
    refused_after_review: int = 0
    published_after_review: int = 0
    pending: int = 0

    @property
    def decided(self) -> int:
        return (
            self.rejected_at_intake + self.blocked + self.refused_after_review + self.published_after_review
        )


class CountryRecord(BaseModel):
    """One requesting country's record over a period (``country`` is "ALL" for the whole system)."""

    country: str
    period: PeriodRead
    requests: RequestFigures
    intake_reasons: dict[str, int] = Field(default_factory=dict, description="unmet criteria at intake")
    block_reasons: dict[str, int] = Field(default_factory=dict, description="blocking screening rules")
    refusal_grounds: dict[str, int] = Field(default_factory=dict, description="grounds of review refusals")
    flags_received: int = 0
    flags_by_reason: dict[str, int] = Field(default_factory=dict)
    flagged_requests: int = 0
    deletions: int = 0
    cancellations: int = 0
    complaints: int | None = None
    overturned: int | None = None
    commission_decisions: dict[str, int] | None = None
    deadlines_met: int | None = None
    deadlines_missed: int | None = None
    messages_held: int | None = None
    messages_blocked: int | None = None
    messages_delivered: int | None = None
    pass_rate: RateRead | None = Field(None, description="share passing the initial checks")
    overturn_rate: RateRead | None = Field(None, description="share overturned among those complained about")
    flag_share: RateRead | None = Field(None, description="share of published requests flagged")
    gap: IntervalRead | None = Field(None, description="pass rate minus the commission's confirmation rate")
    divergent: bool = False
    measures_in_force: list[str] = Field(default_factory=list)


class MeasureEvent(BaseModel):
    """A measure as published: when and why it was applied and, if so, lifted."""

    id: int
    country: str
    kind: str
    applied_at: datetime
    applied_reason: str
    lifted_at: datetime | None
    lifted_reason: str | None


class ProposalRead(BaseModel):
    country: str
    kind: str
    criterion: str
    figure: float
    threshold: float
    explanation: str


class ReportSummary(BaseModel):
    id: int
    year: int
    built_at: datetime
    audit_head_seq: int
    audit_head_hash: str
    content_sha256: str
    key_id: str


class ReportRead(ReportSummary):
    content: dict[str, Any]
    signatures: dict[str, str]


class ReportVerifyRead(BaseModel):
    id: int
    ok: bool
    signatures_ok: bool
    content_ok: bool
    head_in_chain: bool
    chain_ok: bool
    problems: list[str]
