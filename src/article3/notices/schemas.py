"""What the request interfaces take and return."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pydantic import BaseModel, Field

from article3.notices.rules import FlagReason, Status


class FlagRead(BaseModel):
    country: str
    reason: FlagReason
    note: str | None
    created_at: datetime


class RequestRead(BaseModel):
    ref: str
    kind: str
    purpose: str
    requesting_country: str
    recipients: list[str]
    status: Status
    status_reason: str | None
    route: str | None
    risk: float | None
    submitted_at: datetime
    published_at: datetime | None
    expires_at: datetime | None
    intake_failures: list[dict[str, Any]]
    document: dict[str, Any] | None = Field(description="Absent once the data has been deleted")
    flag_count: int
    flags: list[FlagRead] = Field(default_factory=list, description="Shown to the requester and reviewers")
    not_an_arrest_warrant: str = (
        "A notice is not an arrest warrant: each country decides what effect to give it, and should "
        "check with the requesting bureau that it is still valid before acting on it."
    )


class Reason(BaseModel):
    reason: str = Field(min_length=3, max_length=4000, description="Why, in words")


class FlagRaise(BaseModel):
    reason: FlagReason
    note: str | None = Field(None, max_length=4000)


class NotificationRead(BaseModel):
    id: int
    kind: str
    request_ref: str
    created_at: datetime
    read_at: datetime | None
    purge_required: bool
    purge_confirmed_at: datetime | None
