"""The permission table: which roles may take which action. Checked in one place per action."""

from __future__ import annotations

from enum import StrEnum

from article3.actors import Actor, Role
from article3.errors import PermissionDenied

ALL_ROLES = frozenset(Role)
NCB = frozenset({Role.NCB_OFFICER, Role.NCB_ADMIN})
SECRETARIAT_REVIEW = frozenset({Role.REVIEWER, Role.SENIOR_REVIEWER})


class Permission(StrEnum):
    COUNTRIES_READ = "countries:read"
    AUDIT_VERIFY = "audit:verify"
    AUDIT_READ = "audit:read"
    USERS_READ_SELF = "users:read_self"
    USERS_MANAGE = "users:manage"
    REQUESTS_SUBMIT = "requests:submit"
    REQUESTS_READ = "requests:read"
    REQUESTS_WITHDRAW = "requests:withdraw"
    REQUESTS_CANCEL = "requests:cancel"
    REQUESTS_FLAG = "requests:flag"
    INBOX_READ = "inbox:read"
    REVIEW_WORK = "review:work"
    SEARCH_PERSONS = "search:persons"
    REGISTER_WRITE = "register:write"
    REGISTER_READ = "register:read"
    STATISTICS_READ = "statistics:read"
    MEASURES_MANAGE = "measures:manage"
    MESSAGES_SEND = "messages:send"
    MESSAGES_READ = "messages:read"
    MESSAGES_COMPLIANCE = "messages:compliance"
    COMPLAINTS_FOLLOW = "complaints:follow"
    COMPLAINTS_READ = "complaints:read"
    COMPLAINTS_ASSESS = "complaints:assess"
    COMPLAINTS_DECIDE = "complaints:decide"
    COMPLAINTS_ANSWER = "complaints:answer"
    SCREENING_MODEL_READ = "screening_model:read"
    SCREENING_MODEL_TRAIN = "screening_model:train"


PERMISSIONS: dict[Permission, frozenset[Role]] = {
    Permission.COUNTRIES_READ: ALL_ROLES,
    Permission.AUDIT_VERIFY: frozenset({Role.AUDITOR, Role.GOVERNANCE, Role.SENIOR_REVIEWER}),
    Permission.AUDIT_READ: frozenset({Role.AUDITOR}),
    Permission.USERS_READ_SELF: ALL_ROLES,
    Permission.USERS_MANAGE: frozenset({Role.NCB_ADMIN}),
    Permission.REQUESTS_SUBMIT: NCB,
    Permission.REQUESTS_READ: NCB | SECRETARIAT_REVIEW | {Role.CCF_MEMBER, Role.CCF_SECRETARIAT},
    Permission.REQUESTS_WITHDRAW: NCB,
    Permission.REQUESTS_CANCEL: frozenset({Role.SENIOR_REVIEWER}),
    Permission.REQUESTS_FLAG: NCB,
    Permission.INBOX_READ: NCB,
    Permission.REVIEW_WORK: SECRETARIAT_REVIEW,
    Permission.SEARCH_PERSONS: NCB | SECRETARIAT_REVIEW | {Role.CCF_MEMBER, Role.CCF_SECRETARIAT},
    Permission.REGISTER_WRITE: NCB | {Role.REGISTRAR, Role.CCF_MEMBER},
    Permission.REGISTER_READ: NCB
    | SECRETARIAT_REVIEW
    | {Role.REGISTRAR, Role.CCF_MEMBER, Role.CCF_SECRETARIAT},
    Permission.STATISTICS_READ: SECRETARIAT_REVIEW
    | {Role.GOVERNANCE, Role.AUDITOR, Role.CCF_MEMBER, Role.CCF_SECRETARIAT},
    Permission.MEASURES_MANAGE: frozenset({Role.GOVERNANCE}),
    Permission.MESSAGES_SEND: NCB,
    Permission.MESSAGES_READ: NCB,
    Permission.MESSAGES_COMPLIANCE: SECRETARIAT_REVIEW,
    Permission.COMPLAINTS_FOLLOW: frozenset({Role.APPLICANT}),
    Permission.COMPLAINTS_READ: frozenset({Role.CCF_MEMBER, Role.CCF_SECRETARIAT}),
    Permission.COMPLAINTS_ASSESS: frozenset({Role.CCF_SECRETARIAT}),
    Permission.COMPLAINTS_DECIDE: frozenset({Role.CCF_MEMBER}),
    Permission.COMPLAINTS_ANSWER: NCB,
    Permission.SCREENING_MODEL_READ: SECRETARIAT_REVIEW | {Role.GOVERNANCE, Role.AUDITOR},
    Permission.SCREENING_MODEL_TRAIN: frozenset({Role.SENIOR_REVIEWER}),
}


def allowed(role: Role, permission: Permission) -> bool:
    return role in PERMISSIONS[permission]


def require(actor: Actor, permission: Permission) -> Actor:
    """Return the actor if its role holds ``permission``; raise PermissionDenied otherwise."""
    if not allowed(actor.role, permission):
        raise PermissionDenied(
            f"The role {actor.role.value!r} may not do {permission.value!r}",
            details=[{"permission": permission.value, "role": actor.role.value}],
        )
    return actor
