"""What the register interfaces take and return."""

from __future__ import annotations

from datetime import date, datetime

from pydantic import BaseModel, Field

from article3.register.rules import ProtectionKind
from article3.search.schemas import PersonQuery
from article3.types import CountryCode


class ProtectionRegister(BaseModel):
    person: PersonQuery
    kind: ProtectionKind
    against_country: CountryCode | None = Field(None, description="For refugees: the country fled")
    organisation: str | None = Field(None, max_length=160, description="For officials: the body they serve")
    since: date | None = None
    note: str | None = Field(None, max_length=4000)


class ProtectionRead(BaseModel):
    ref: str
    kind: ProtectionKind
    against_country: str | None
    organisation: str | None
    since: date | None
    created_at: datetime
    revoked_at: datetime | None


class RegisterHit(BaseModel):
    """A register entry matching a person, for the screening (never shown to a requester)."""

    ref: str
    kind: ProtectionKind
    against_country: str | None
    organisation: str | None
    since: date | None
    score: float
    registered_by: str = Field("", description="Who registered it: a bureau or a body (reviewers only)")
