"""Pure rules of review: queue order, decisions, grounds, predominance factors, four eyes, conflicts."""

from __future__ import annotations

from enum import StrEnum

from article3.actors import Actor, Role
from article3.errors import InvalidInput, PermissionDenied
from article3.screening.rulesets import Route


class Decision(StrEnum):
    APPROVE = "approve"
    REFUSE = "refuse"
    ASK_INFO = "ask_info"


class Ground(StrEnum):
    """Grounds for a decision, following the complaints commission's grounds where one fits."""

    CRITERIA_MET = "criteria_met"
    ARTICLE3_POLITICAL = "article3_political"
    ARTICLE3_MILITARY = "article3_military"
    ARTICLE3_RELIGIOUS = "article3_religious"
    ARTICLE3_RACIAL = "article3_racial"
    ARTICLE2_HUMAN_RIGHTS = "article2_human_rights"
    REFUGEE_POLICY = "refugee_policy"
    PROTECTED_OFFICIAL = "protected_official"
    MINIMUM_CRITERIA = "minimum_criteria"
    INSUFFICIENT_FACTS = "insufficient_facts"
    PRIVATE_DISPUTE = "private_dispute"
    ADMINISTRATIVE_OFFENCE = "administrative_offence"
    RESUBMISSION_AFTER_REFUSAL = "resubmission_after_refusal"
    INTERNATIONAL_INTEREST = "international_interest"
    MISSING_DOCUMENTS = "missing_documents"


APPROVAL_GROUNDS = frozenset({Ground.CRITERIA_MET, Ground.INTERNATIONAL_INTEREST})
INFO_GROUNDS = frozenset({Ground.MISSING_DOCUMENTS, Ground.INSUFFICIENT_FACTS})


class Factor(StrEnum):
    """The predominance test, factor by factor (Repository of Practice)."""

    NATURE_OF_OFFENCE = "nature_of_offence"
    STATUS_OF_PERSON = "status_of_person"
    SOURCE = "source"
    OTHER_COUNTRIES_POSITIONS = "other_countries_positions"
    INTERNATIONAL_OBLIGATIONS = "international_obligations"
    CONTEXT = "context"


class Assessment(StrEnum):
    ORDINARY_CRIME = "ordinary_crime"
    CONCERN = "concern"
    PREDOMINANTLY_POLITICAL = "predominantly_political"
    NOT_ASSESSED = "not_assessed"


REVIEWERS = frozenset({Role.REVIEWER, Role.SENIOR_REVIEWER})
ROUTE_ORDER = {Route.FAST_TRACK: 0, Route.ENHANCED_REVIEW: 1, Route.STANDARD_REVIEW: 2, Route.BLOCKED: 3}


def approvals_needed(route: Route) -> int:
    """Four eyes for enhanced review (and for reopening a blocked request); one otherwise."""
    return 2 if route in {Route.ENHANCED_REVIEW, Route.BLOCKED} else 1


def check_reviewer(actor: Actor, *, nationality: str | None, request_country: str) -> None:
    """Only reviewers decide, and never on a request from their own country."""
    if actor.role not in REVIEWERS:
        raise PermissionDenied("Only reviewers decide on requests")
    if nationality is not None and nationality == request_country:
        raise PermissionDenied(
            "You may not review a request from your own country", code="review.conflict_of_interest"
        )


def check_decision(
    decision: Decision, grounds: list[Ground], factors: dict[Factor, Assessment], note: str | None
) -> None:
    """Grounds from the fixed list that fit the decision; every factor recorded; a note to ask."""
    problems = []
    if not grounds:
        problems.append(("grounds", "give at least one ground"))
    if decision is Decision.APPROVE and any(g not in APPROVAL_GROUNDS for g in grounds):
        problems.append(("grounds", "an approval's grounds are criteria_met or international_interest"))
    if decision is Decision.REFUSE and any(g in APPROVAL_GROUNDS for g in grounds):
        problems.append(("grounds", "a refusal needs the ground that fails"))
    missing = [f.value for f in Factor if f not in factors]
    if missing and decision is not Decision.ASK_INFO:
        problems.append(("factors", f"record every predominance factor; missing: {', '.join(missing)}"))
    if decision is Decision.APPROVE and Assessment.PREDOMINANTLY_POLITICAL in factors.values():
        problems.append(("factors", "a factor judged predominantly political cannot lead to approval"))
    if decision is Decision.ASK_INFO and not (note and note.strip()):
        problems.append(("note", "say what information is needed"))
    if problems:
        raise InvalidInput(
            "The decision is incomplete",
            code="review.invalid_decision",
            details=[{"path": p, "code": "review.invalid_decision", "message": m} for p, m in problems],
        )


def approval_complete(approvers: set[int], route: Route) -> bool:
    return len(approvers) >= approvals_needed(route)


def check_second_approver(actor: Actor, approvers: set[int]) -> None:
    if actor.user_id in approvers:
        raise PermissionDenied(
            "A second approval must come from a different reviewer", code="review.same_reviewer"
        )
