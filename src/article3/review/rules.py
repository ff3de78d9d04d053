"""Pure rules of review: queue order, decisions, grounds, predominance factors, four eyes, conflicts."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
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


def refusals_needed(route: Route) -> int:
    """Two reviewers to refuse a request the screening found nothing against; one otherwise.

    A ``fast_track`` or ``standard_review`` request is one the screening judged ordinary police
    cooperation. Refusing it goes against the screening, and one reviewer's slip would lose the
    cooperation (and stall the victim's case), so a second reviewer must confirm the refusal; if
    the second approves instead, a senior reviewer settles it. On ``enhanced_review`` (the
    screening is in doubt) and on a reopened ``blocked`` request, one refusal refuses: there the
    costly mistake is letting an abusive request through, which is why *approval* needs two.
    """
    return 2 if route in {Route.FAST_TRACK, Route.STANDARD_REVIEW} else 1


class ReviewState(StrEnum):
    """Where an item stands: what the next reviewer is asked to do, or how it ended."""

    OPEN = "open"  # waiting for a reviewer (an enhanced item may hold one approval)
    AWAITING_INFO = "awaiting_info"  # a reviewer asked the requester for information
    REFUSAL_PENDING = "refusal_pending"  # a refusal was proposed; a second reviewer confirms or not
    SENIOR_DECISION = "senior_decision"  # the two reviewers disagree; a senior reviewer decides
    APPROVED = "approved"
    REFUSED = "refused"
    CLOSED = "closed"  # left review another way (withdrawn, cancelled) before a final decision


FINAL_STATES = frozenset({ReviewState.APPROVED, ReviewState.REFUSED})
STATE_LABELS = {
    ReviewState.OPEN: "open",
    ReviewState.AWAITING_INFO: "awaiting information",
    ReviewState.REFUSAL_PENDING: "refusal awaiting confirmation",
    ReviewState.SENIOR_DECISION: "reviewers disagree: senior reviewer decides",
    ReviewState.APPROVED: "approved",
    ReviewState.REFUSED: "refused",
    ReviewState.CLOSED: "closed",
}


@dataclass(frozen=True, slots=True)
class Progress:
    """The approvals and refusals so far, replayed in order, and who took the contested ones."""

    state: ReviewState
    approvers: frozenset[int] = frozenset()
    proposer: int | None = None  # the reviewer who proposed a refusal awaiting confirmation
    disputer: int | None = None  # the second reviewer, who approved against that refusal


def progress(route: Route, votes: Sequence[tuple[int, Decision]]) -> Progress:
    """Replay the approvals and refusals (``(reviewer id, decision)``, oldest first; asks are ignored)."""
    now = Progress(ReviewState.OPEN)
    for reviewer, decision in votes:
        if decision is Decision.ASK_INFO or now.state in FINAL_STATES:
            continue
        now = _step(route, now, reviewer, decision)
    return now


def _step(route: Route, now: Progress, reviewer: int, decision: Decision) -> Progress:
    approve = decision is Decision.APPROVE
    if now.state is ReviewState.SENIOR_DECISION:
        return replace(now, state=ReviewState.APPROVED if approve else ReviewState.REFUSED)
    if now.state is ReviewState.REFUSAL_PENDING:
        if approve:
            return replace(now, state=ReviewState.SENIOR_DECISION, disputer=reviewer)
        return replace(now, state=ReviewState.REFUSED)
    if approve:
        approvers = now.approvers | {reviewer}
        done = len(approvers) >= approvals_needed(route)
        return replace(now, state=ReviewState.APPROVED if done else ReviewState.OPEN, approvers=approvers)
    if refusals_needed(route) == 1:
        return replace(now, state=ReviewState.REFUSED)
    return replace(now, state=ReviewState.REFUSAL_PENDING, proposer=reviewer)


def check_turn(actor: Actor, now: Progress, decision: Decision) -> None:
    """Who may approve or refuse next: never the proposer of a pending refusal; a third, senior
    reviewer once two reviewers disagree; a different reviewer for a second approval."""
    if decision is Decision.ASK_INFO:
        return
    if now.state is ReviewState.REFUSAL_PENDING and actor.user_id == now.proposer:
        raise PermissionDenied(
            "You proposed this refusal: a second, different reviewer must confirm it or disagree",
            code="review.same_reviewer",
        )
    if now.state is ReviewState.SENIOR_DECISION:
        if actor.role is not Role.SENIOR_REVIEWER:
            raise PermissionDenied(
                "The reviewers disagree on this refusal: a senior reviewer decides",
                code="review.senior_needed",
            )
        if actor.user_id in {now.proposer, now.disputer}:
            raise PermissionDenied(
                "The senior reviewer who settles a disagreement must not be one of the two reviewers",
                code="review.same_reviewer",
            )
    if decision is Decision.APPROVE and now.state is ReviewState.OPEN:
        check_second_approver(actor, set(now.approvers))


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
