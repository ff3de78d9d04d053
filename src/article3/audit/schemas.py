"""What the audit interfaces return."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel


class AuditEntryRead(BaseModel):
    seq: int
    at: datetime
    actor: str
    action: str
    subject_type: str
    subject_id: str
    change_hash: str
    prev_hash: str
    hash: str


class AuditVerifyRead(BaseModel):
    ok: bool
    checked: int
    head_hash: str
    first_broken_seq: int | None = None
    reason: str | None = None
