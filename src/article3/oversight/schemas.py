"""What the measure interfaces take and return."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, Field

from article3.oversight.rules import MeasureKind
from article3.types import CountryCode


class MeasureApply(BaseModel):
    country: CountryCode
    kind: MeasureKind
    reason: str = Field(min_length=10, max_length=8000, description="The published reasons")


class MeasureLift(BaseModel):
    reason: str = Field(min_length=10, max_length=8000, description="The published reasons")


class MeasureRead(BaseModel):
    id: int
    country: str
    kind: MeasureKind
    applied_reason: str
    applied_at: datetime
    lifted_reason: str | None
    lifted_at: datetime | None
