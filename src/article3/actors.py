"""Who acts: the value services receive instead of an HTTP request."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Role(StrEnum):
    NCB_OFFICER = "ncb_officer"
    NCB_ADMIN = "ncb_admin"
    REVIEWER = "reviewer"
    SENIOR_REVIEWER = "senior_reviewer"
    CCF_MEMBER = "ccf_member"
    CCF_SECRETARIAT = "ccf_secretariat"
    GOVERNANCE = "governance"
    AUDITOR = "auditor"
    REGISTRAR = "registrar"  # an international court or organisation, or an accredited body
    APPLICANT = "applicant"  # a person (or their lawyer) following their own complaint(s)

    @property
    def bound_to_country(self) -> bool:
        return self in {Role.NCB_OFFICER, Role.NCB_ADMIN}


@dataclass(frozen=True, slots=True)
class Actor:
    """An authenticated account: its id, its role and, for NCB roles, its country."""

    user_id: int
    role: Role
    country: str | None = None

    @property
    def audit_name(self) -> str:
        """How the audit chain names this actor: an id, never a person's name."""
        return f"user:{self.user_id}"


SYSTEM = Actor(user_id=0, role=Role.AUDITOR, country=None)
"""The system itself, for clock-driven jobs (expiry). Audited as ``user:0``."""
