"""The pure rules of the refusal control: how many refusals each route needs, and who decides next."""

from __future__ import annotations

import pytest

from article3.actors import Actor, Role
from article3.errors import PermissionDenied
from article3.review.rules import (
    Decision,
    Progress,
    ReviewState,
    check_turn,
    progress,
    refusals_needed,
)
from article3.screening.rulesets import Route

A, B, S, T = 1, 2, 3, 4
APPROVE, REFUSE, ASK = Decision.APPROVE, Decision.REFUSE, Decision.ASK_INFO


def reviewer(user_id: int, role: Role = Role.REVIEWER) -> Actor:
    return Actor(user_id=user_id, role=role, country=None)


@pytest.mark.parametrize(
    ("route", "needed"),
    [
        (Route.FAST_TRACK, 2),
        (Route.STANDARD_REVIEW, 2),
        (Route.ENHANCED_REVIEW, 1),
        (Route.BLOCKED, 1),
    ],
)
def test_a_refusal_against_the_screenings_route_needs_a_second_reviewer(route: Route, needed: int) -> None:
    assert refusals_needed(route) == needed


@pytest.mark.parametrize("route", [Route.FAST_TRACK, Route.STANDARD_REVIEW])
def test_on_an_ordinary_route_a_refusal_is_proposed_then_confirmed_or_disputed(route: Route) -> None:
    assert progress(route, []).state is ReviewState.OPEN
    pending = progress(route, [(A, REFUSE)])
    assert (pending.state, pending.proposer) == (ReviewState.REFUSAL_PENDING, A)
    assert progress(route, [(A, REFUSE), (B, ASK)]).state is ReviewState.REFUSAL_PENDING
    assert progress(route, [(A, REFUSE), (B, REFUSE)]).state is ReviewState.REFUSED
    disputed = progress(route, [(A, REFUSE), (B, APPROVE)])
    assert (disputed.state, disputed.proposer, disputed.disputer) == (ReviewState.SENIOR_DECISION, A, B)
    assert progress(route, [(A, REFUSE), (B, APPROVE), (S, APPROVE)]).state is ReviewState.APPROVED
    assert progress(route, [(A, REFUSE), (B, APPROVE), (S, REFUSE)]).state is ReviewState.REFUSED
    assert progress(route, [(A, APPROVE)]).state is ReviewState.APPROVED


@pytest.mark.parametrize("route", [Route.ENHANCED_REVIEW, Route.BLOCKED])
def test_in_doubt_one_refusal_refuses_and_approval_needs_two(route: Route) -> None:
    assert progress(route, [(A, REFUSE)]).state is ReviewState.REFUSED
    assert progress(route, [(A, APPROVE), (B, REFUSE)]).state is ReviewState.REFUSED
    assert progress(route, [(A, APPROVE)]).state is ReviewState.OPEN
    assert progress(route, [(A, APPROVE), (B, APPROVE)]).state is ReviewState.APPROVED


def test_the_proposer_cannot_confirm_or_overturn_their_own_refusal() -> None:
    pending = Progress(ReviewState.REFUSAL_PENDING, proposer=A)
    for decision in (REFUSE, APPROVE):
        with pytest.raises(PermissionDenied) as caught:
            check_turn(reviewer(A), pending, decision)
        assert caught.value.code == "review.same_reviewer"
    check_turn(reviewer(A), pending, ASK)  # asking for information is as before
    check_turn(reviewer(B), pending, REFUSE)
    check_turn(reviewer(S, Role.SENIOR_REVIEWER), pending, APPROVE)  # a senior here is a second reviewer


def test_a_disagreement_is_decided_by_a_senior_reviewer_who_is_neither_of_the_two() -> None:
    disputed = Progress(ReviewState.SENIOR_DECISION, proposer=A, disputer=S)
    with pytest.raises(PermissionDenied) as caught:
        check_turn(reviewer(T), disputed, APPROVE)
    assert caught.value.code == "review.senior_needed"
    with pytest.raises(PermissionDenied) as caught:
        check_turn(reviewer(S, Role.SENIOR_REVIEWER), disputed, REFUSE)
    assert caught.value.code == "review.same_reviewer"
    check_turn(reviewer(T, Role.SENIOR_REVIEWER), disputed, REFUSE)
    check_turn(reviewer(T), disputed, ASK)


def test_a_second_approval_still_comes_from_a_different_reviewer() -> None:
    with pytest.raises(PermissionDenied) as caught:
        check_turn(reviewer(A), Progress(ReviewState.OPEN, approvers=frozenset({A})), APPROVE)
    assert caught.value.code == "review.same_reviewer"
