"""Pure rules of a request's life: states, transitions and who may make them, visibility, validity."""

from __future__ import annotations

import calendar
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from article3.actors import Actor, Role
from article3.errors import InvalidTransition

VALIDITY_YEARS = 5
RENEWAL_PROMPT_MONTHS = 6
SUSPENSION_MAX_MONTHS = 6


class Status(StrEnum):
    REJECTED = "rejected"
    IN_REVIEW = "in_review"
    PUBLISHED = "published"
    REFUSED = "refused"
    SUSPENDED = "suspended"
    WITHDRAWN = "withdrawn"
    CANCELLED = "cancelled"
    DELETED = "deleted"
    EXPIRED = "expired"


class FlagReason(StrEnum):
    """Why a member will not act on a request on its territory (SIS-style flags)."""

    NATIONAL_LAW = "national_law"
    INTERNATIONAL_OBLIGATIONS = "international_obligations"
    ESSENTIAL_INTERESTS = "essential_interests"
    PROTECTED_STATUS = "protected_status"
    ARTICLE3_CONCERN = "article3_concern"
    HUMAN_RIGHTS_CONCERN = "human_rights_concern"
    # Its courts or government refused to surrender the person in this case: a position of another
    # state that the screening of later requests about the person weighs as such.
    EXTRADITION_REFUSED = "extradition_refused"


ALLOWED_TRANSITIONS: dict[Status, frozenset[Status]] = {
    Status.IN_REVIEW: frozenset({Status.PUBLISHED, Status.REFUSED}),
    Status.PUBLISHED: frozenset(
        {Status.SUSPENDED, Status.WITHDRAWN, Status.CANCELLED, Status.DELETED, Status.EXPIRED}
    ),
    Status.SUSPENDED: frozenset(
        {Status.PUBLISHED, Status.WITHDRAWN, Status.CANCELLED, Status.DELETED, Status.EXPIRED}
    ),
}

# Who may move a request into each state. "requester" means an NCB role of the requesting country.
REQUESTER = "requester"
SYSTEM = "system"
MOVERS: dict[Status, frozenset[str]] = {
    Status.PUBLISHED: frozenset({Role.REVIEWER, Role.SENIOR_REVIEWER, REQUESTER, SYSTEM}),
    Status.REFUSED: frozenset({Role.REVIEWER, Role.SENIOR_REVIEWER, SYSTEM}),
    Status.SUSPENDED: frozenset({REQUESTER}),
    Status.WITHDRAWN: frozenset({REQUESTER}),
    Status.CANCELLED: frozenset({Role.SENIOR_REVIEWER}),
    Status.DELETED: frozenset({Role.CCF_MEMBER, SYSTEM}),
    Status.EXPIRED: frozenset({SYSTEM}),
}
GONE = frozenset({Status.WITHDRAWN, Status.CANCELLED, Status.DELETED, Status.EXPIRED})
SEES_EVERYTHING = frozenset({Role.REVIEWER, Role.SENIOR_REVIEWER, Role.CCF_MEMBER, Role.CCF_SECRETARIAT})


def check_transition(current: Status, target: Status) -> None:
    """Raise InvalidTransition unless the table allows ``current`` → ``target``."""
    if target not in ALLOWED_TRANSITIONS.get(current, frozenset()):
        raise InvalidTransition(
            f"A request cannot go from {current.value} to {target.value}",
            code="request.invalid_transition",
            details=[{"from": current.value, "to": target.value}],
        )


def mover(actor: Actor | None, requesting_country: str) -> str:
    """What kind of mover an actor is for this request: a role, the requester, or the system."""
    if actor is None:
        return SYSTEM
    if actor.role.bound_to_country and actor.country == requesting_country:
        return REQUESTER
    return actor.role.value


def may_move(actor: Actor | None, requesting_country: str, target: Status, current: Status) -> bool:
    """Whether this actor may make this move. The requester "publishes" only by resuming its own
    suspended request: publication out of review is a reviewer's decision."""
    who = mover(actor, requesting_country)
    if who == REQUESTER and target is Status.PUBLISHED and current is not Status.SUSPENDED:
        return False
    return who in MOVERS.get(target, frozenset())


@dataclass(frozen=True, slots=True)
class Visibility:
    """What decides whether an actor may see a request."""

    status: Status
    kind: str
    requesting_country: str
    recipients: frozenset[str]
    blocked: bool = False  # provisionally blocked by the complaints commission


def visible_to(actor: Actor, request: Visibility) -> bool:
    """Nothing circulates before review; gone requests vanish at once from other countries."""
    if actor.role in SEES_EVERYTHING:
        return True
    if not actor.role.bound_to_country:
        return False
    if actor.country == request.requesting_country:
        return True
    if request.status is not Status.PUBLISHED or request.blocked:
        return False
    return request.kind == "red_notice" or actor.country in request.recipients


def add_months(moment: datetime, months: int) -> datetime:
    """Calendar months, clamping the day (31 January + 1 month = 28 or 29 February)."""
    index = moment.month - 1 + months
    year, month = moment.year + index // 12, index % 12 + 1
    day = min(moment.day, calendar.monthrange(year, month)[1])
    return moment.replace(year=year, month=month, day=day)


def expiry_from(published_at: datetime) -> datetime:
    return add_months(published_at, 12 * VALIDITY_YEARS)


def renewal_prompt_due(expires_at: datetime, now: datetime) -> bool:
    return now >= add_months(expires_at, -RENEWAL_PROMPT_MONTHS)


def notice_recipients(
    kind: str, requesting_country: str, recipients: frozenset[str], members: frozenset[str]
) -> frozenset[str]:
    """Who is told of a publication: every other member for a red notice, else the recipients."""
    if kind == "red_notice":
        return members - {requesting_country}
    return recipients


# Intake rejections on an Art. 3 excluded-offence category, and the commission ground each one is.
ART3_REJECTIONS = {
    "criteria.excluded_offence.political": "art3_political_predominance",
    "criteria.excluded_offence.military": "art3_military",
    "criteria.excluded_offence.religious": "art3_religious",
    "criteria.excluded_offence.racial": "art3_racial",
}


def art3_rejection(failure_codes: Iterable[str]) -> tuple[str, ...]:
    """The Art. 3 grounds among an intake rejection's failure codes (empty for a format failure).

    Such a rejection is a decision on substance (the offence is purely political, military,
    religious or racial), so the request stays findable for the screening of later requests.
    """
    return tuple(dict.fromkeys(ART3_REJECTIONS[c] for c in failure_codes if c in ART3_REJECTIONS))
