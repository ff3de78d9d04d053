"""What the complaints interfaces take and return."""

from __future__ import annotations

from datetime import date, datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from article3.complaints.rules import (
    Clock,
    ClockState,
    Finding,
    Ground,
    Kind,
    Outcome,
    RestrictionReason,
    Status,
)
from article3.search.schemas import PersonQuery


class Representative(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: str = Field(min_length=2, max_length=160)
    bar: str = Field(min_length=2, max_length=160, description="Bar or professional body, and number")
    power_of_representation: bool = Field(description="A signed power of representation is attached")


class ComplaintLodge(BaseModel):
    """A complaint as lodged by the applicant or their lawyer (no account needed)."""

    model_config = ConfigDict(extra="forbid")

    kind: Kind
    applicant: PersonQuery
    contact: str = Field(min_length=3, max_length=200, description="An e-mail or postal address")
    representative: Representative | None = None
    statement: str = Field(min_length=10, max_length=20_000)
    grounds: list[Ground] = Field(default_factory=list, description="Grounds the applicant raises")
    refs: list[str] = Field(default_factory=list, max_length=20, description="Request refs, if known")
    pre_emptive: bool = Field(False, description="About a notice that may not exist (yet)")
    parent_ref: str | None = Field(None, description="For a revision: the decided case")
    new_fact: str | None = Field(None, max_length=4000)
    fact_discovered_on: date | None = None


class LodgeReceipt(BaseModel):
    """Given once, at lodging: the case number and the login to follow the case."""

    ref: str
    status: Status
    username: str
    password: str | None = Field(None, description="Only when a new login was made; shown once")
    admissibility_due: datetime


class Assessment(BaseModel):
    admissible: bool
    reason: str = Field(min_length=3, max_length=4000)


class ConsultationOpen(BaseModel):
    request_ref: str | None = Field(None, description="Default: the first request the case concerns")
    questions: str = Field(min_length=3, max_length=8000)
    months: int = Field(1, ge=1, le=3)


class ConsultationAnswer(BaseModel):
    answer: str = Field(min_length=3, max_length=20_000)
    restrictions: list[RestrictionReason] = Field(default_factory=list)
    restriction_note: str | None = Field(None, max_length=4000)


class RestrictionRuling(BaseModel):
    accept: bool
    note: str | None = Field(None, max_length=4000)


class ExtensionGrant(BaseModel):
    clock: Clock
    months: int = Field(ge=1, le=6)
    reason: str = Field(min_length=3, max_length=4000)


class BlockOrder(BaseModel):
    reason: str = Field(min_length=3, max_length=4000)


class ClearOrder(BaseModel):
    """The commission sees no reason for a provisional block of one linked request."""

    reason: str = Field(min_length=3, max_length=4000)


class DecisionRecord(BaseModel):
    outcome: Outcome
    findings: dict[Ground, Finding] = Field(description="A finding per ground examined (or not examined)")
    update_text: str | None = Field(None, max_length=8000)
    applicant_text: str | None = Field(None, max_length=8000, description="What the applicant is told")


class ClockRead(BaseModel):
    clock: Clock
    due: datetime
    state: ClockState


class ExtensionRead(BaseModel):
    clock: Clock
    months: int
    reason: str
    extended_at: datetime


class LinkRead(BaseModel):
    request_ref: str
    requesting_country: str
    request_status: str
    blocked: bool
    source: str
    score: float
    cleared_at: datetime | None = None


class ConsultationRead(BaseModel):
    id: int
    complaint_ref: str
    case_open: bool  # a decided (or inadmissible) case takes no more answers
    request_ref: str
    country: str
    questions: str
    asked_at: datetime
    due_at: datetime
    answer: str | None
    answered_at: datetime | None
    lapsed_at: datetime | None
    restrictions: list[RestrictionReason]
    restriction_note: str | None
    restriction_accepted: bool | None


class DocumentRead(BaseModel):
    id: int
    kind: str
    size: int
    sha256: str
    uploaded_at: datetime


class DecisionRead(BaseModel):
    outcome: Outcome
    findings: dict[Ground, Finding]
    update_text: str | None
    applicant_text: str | None
    decided_at: datetime
    on_time: bool


class ComplaintRead(BaseModel):
    """The commission's view of a case."""

    ref: str
    kind: Kind
    status: Status
    lodged_by: str
    applicant: dict[str, object] | None
    representative: dict[str, object] | None
    statement: str | None
    grounds_raised: list[Ground]
    cited_refs: list[str]
    pre_emptive: bool
    parent_ref: str | None
    new_fact: str | None
    fact_discovered_on: date | None
    received_at: datetime
    admissibility_due: datetime
    assessed_at: datetime | None
    admissibility_reason: str | None
    decision_due: datetime | None
    decided_at: datetime | None
    blocked_at: datetime | None
    block_reason: str | None
    clock: ClockRead | None
    extensions: list[ExtensionRead]
    links: list[LinkRead]
    consultations: list[ConsultationRead]
    documents: list[DocumentRead]
    decision: DecisionRead | None


class ApplicantView(BaseModel):
    """What the applicant may see of their case: never the source's answers or the matching."""

    ref: str
    kind: Kind
    status: Status
    received_at: datetime
    admissibility_due: datetime
    admissibility_reason: str | None
    decision_due: datetime | None
    provisional_block: bool
    data_held: list[str] = Field(description="The data found, as far as the applicant may be told")
    restricted_on: list[RestrictionReason]
    decision: DecisionRead | None


class OverdueRead(BaseModel):
    ref: str
    clock: Clock
    due: datetime


class RegisterExcerpt(BaseModel):
    """An anonymised decision summary for the public register."""

    number: str
    kind: Kind
    outcome: Outcome
    findings: dict[Ground, Finding]
    data_type: str | None
    requester_region: str | None
    received_on: date
    decided_on: date
    on_time: bool


class ClockCompliance(BaseModel):
    met: int = 0
    missed: int = 0
    open_overdue: int = 0


class Figures(BaseModel):
    """The commission's figures for one year (by date received, decided or opened respectively)."""

    year: int
    received: dict[str, int]
    admissibility: dict[Literal["admissible", "inadmissible", "pending"], int]
    decisions: dict[str, int]
    findings: dict[str, dict[str, int]]
    deadlines: dict[str, ClockCompliance]
    provisional_blocks: int
    restrictions: dict[Literal["requested", "accepted", "rejected"], int]
    consultations: dict[Literal["asked", "answered", "lapsed"], int]


class DeadlineRun(BaseModel):
    """What one run of the clock job did."""

    warned: list[str]
    missed: list[OverdueRead]
    lapsed_consultations: list[int]
    overdue: list[OverdueRead]


class DocumentSweep(BaseModel):
    """What one sweep of the staged documents did (counts of files)."""

    finished: int = Field(description="Staged files a committed row names, given their final name")
    removed: int = Field(description="Staged files no row names, older than the cut-off, deleted")
    kept: int = Field(description="Staged files too young to judge (a transaction may be writing them)")
