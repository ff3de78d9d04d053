"""Pure entitlement: which indexed persons an actor may get as hits."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from article3.actors import Actor, Role

SEARCH_EVERYTHING = frozenset({Role.REVIEWER, Role.SENIOR_REVIEWER, Role.CCF_MEMBER, Role.CCF_SECRETARIAT})
PUBLISHED = "published"
COMPLAINT_SOURCE = "complaint"  # an applicant before the commission: seen by the commission only
COMMISSION = frozenset({Role.CCF_MEMBER, Role.CCF_SECRETARIAT})


def request_access(
    *, status: str, kind: str, requesting_country: str, recipients: list[str], blocked: bool = False
) -> dict[str, Any]:
    """What the index keeps about a request's visibility (ids and codes only)."""
    return {
        "source": "request",
        "status": status,
        "kind": kind,
        "country": requesting_country,
        "recipients": sorted(recipients),
        "blocked": blocked,
    }


def entitled(actor: Actor, access: Mapping[str, Any]) -> bool:
    """A country sees published red notices and the published diffusions addressed to it — never
    anything unpublished, provisionally blocked or deleted; reviewers and the commission see all
    but the commission's applicants, whom only the commission sees."""
    if access.get("source") == COMPLAINT_SOURCE:
        return actor.role in COMMISSION
    if actor.role in SEARCH_EVERYTHING:
        return True
    if not actor.role.bound_to_country or access.get("source") != "request":
        return False
    if access.get("status") != PUBLISHED or access.get("blocked"):
        return False
    return access.get("kind") == "red_notice" or actor.country in access.get("recipients", [])
