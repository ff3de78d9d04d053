"""Every audited action, as ``domain:subject:verb``."""

from __future__ import annotations

from enum import StrEnum


class AuditAction(StrEnum):
    COUNTRIES_LOADED = "countries:country:loaded"
    BUREAU_UPDATED = "countries:bureau:updated"
    USER_CREATED = "accounts:user:created"
    USER_PASSWORD_SET = "accounts:user:password_set"
    USER_DEACTIVATED = "accounts:user:deactivated"
    TOKEN_CREATED = "accounts:token:created"
    TOKEN_REVOKED = "accounts:token:revoked"
    SESSION_STARTED = "accounts:session:started"
    REQUEST_SUBMITTED = "notices:request:submitted"
    REQUEST_REJECTED = "notices:request:rejected"
    REQUEST_TRANSITIONED = "notices:request:transitioned"
    REQUEST_RENEWED = "notices:request:renewed"
    REQUEST_EXPIRY_PROMPTED = "notices:request:expiry_prompted"
    REQUEST_FLAGGED = "notices:flag:raised"
    SCREENING_RECORDED = "screening:run:recorded"
    REVIEW_ENQUEUED = "review:item:enqueued"
    REVIEW_CLAIMED = "review:item:claimed"
    REVIEW_RELEASED = "review:item:released"
    REVIEW_DECIDED = "review:item:decided"
    NOTIFICATION_SENT = "notices:notification:sent"
    NOTIFICATION_READ = "notices:notification:read"
    PURGE_CONFIRMED = "notices:notification:purge_confirmed"
    MEASURE_APPLIED = "oversight:measure:applied"
    MEASURE_LIFTED = "oversight:measure:lifted"
    PROTECTION_REGISTERED = "register:entry:registered"
    PROTECTION_REVOKED = "register:entry:revoked"
