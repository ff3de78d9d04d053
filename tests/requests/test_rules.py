"""Pure rules of a request's life: every transition, allowed and forbidden; visibility; validity."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from article3.actors import Actor, Role
from article3.errors import InvalidTransition
from article3.notices import rules
from article3.notices.rules import ALLOWED_TRANSITIONS, Status

PAIRS = [(a, b) for a in Status for b in Status]


@pytest.mark.parametrize(("current", "target"), PAIRS)
def test_the_transition_table_is_the_only_authority(current: Status, target: Status) -> None:
    if target in ALLOWED_TRANSITIONS.get(current, frozenset()):
        rules.check_transition(current, target)
    else:
        with pytest.raises(InvalidTransition):
            rules.check_transition(current, target)


def test_the_table_matches_the_issue() -> None:
    assert ALLOWED_TRANSITIONS[Status.IN_REVIEW] == {Status.PUBLISHED, Status.REFUSED}
    assert ALLOWED_TRANSITIONS[Status.PUBLISHED] == {
        Status.SUSPENDED,
        Status.WITHDRAWN,
        Status.CANCELLED,
        Status.DELETED,
        Status.EXPIRED,
    }
    for terminal in (
        Status.REJECTED,
        Status.REFUSED,
        Status.WITHDRAWN,
        Status.CANCELLED,
        Status.DELETED,
        Status.EXPIRED,
    ):
        assert terminal not in ALLOWED_TRANSITIONS


FR = Actor(1, Role.NCB_OFFICER, "FR")
DE = Actor(2, Role.NCB_OFFICER, "DE")
REVIEWER = Actor(3, Role.REVIEWER)
SENIOR = Actor(4, Role.SENIOR_REVIEWER)
CCF = Actor(5, Role.CCF_MEMBER)
GOV = Actor(6, Role.GOVERNANCE)


@pytest.mark.parametrize(
    ("actor", "target", "allowed"),
    [
        (FR, Status.WITHDRAWN, True),
        (DE, Status.WITHDRAWN, False),
        (REVIEWER, Status.WITHDRAWN, False),
        (FR, Status.SUSPENDED, True),
        (DE, Status.SUSPENDED, False),
        (SENIOR, Status.CANCELLED, True),
        (REVIEWER, Status.CANCELLED, False),
        (FR, Status.CANCELLED, False),
        (CCF, Status.DELETED, True),
        (SENIOR, Status.DELETED, False),
        (FR, Status.DELETED, False),
        (None, Status.EXPIRED, True),
        (FR, Status.EXPIRED, False),
        (SENIOR, Status.EXPIRED, False),
        (REVIEWER, Status.PUBLISHED, True),
        (FR, Status.PUBLISHED, True),
        (GOV, Status.PUBLISHED, False),
        (REVIEWER, Status.REFUSED, True),
        (FR, Status.REFUSED, False),
    ],
)
def test_who_may_move_a_request_of_fr(actor: Actor | None, target: Status, allowed: bool) -> None:
    current = Status.SUSPENDED if target is Status.PUBLISHED else Status.PUBLISHED
    assert rules.may_move(actor, "FR", target, current) is allowed


def test_the_requester_never_publishes_out_of_review() -> None:
    assert not rules.may_move(FR, "FR", Status.PUBLISHED, Status.IN_REVIEW)
    assert rules.may_move(FR, "FR", Status.PUBLISHED, Status.SUSPENDED)
    assert rules.may_move(REVIEWER, "FR", Status.PUBLISHED, Status.IN_REVIEW)


def view(
    status: Status, kind: str = "red_notice", recipients: frozenset[str] = frozenset()
) -> rules.Visibility:
    return rules.Visibility(status, kind, "FR", recipients)


@pytest.mark.parametrize("status", list(Status))
def test_the_requester_always_sees_its_own(status: Status) -> None:
    assert rules.visible_to(FR, view(status))


@pytest.mark.parametrize("status", [s for s in Status if s is not Status.PUBLISHED])
def test_other_countries_see_nothing_that_is_not_published(status: Status) -> None:
    assert not rules.visible_to(DE, view(status))
    assert not rules.visible_to(DE, view(status, "diffusion", frozenset({"DE"})))


def test_a_published_diffusion_is_seen_by_its_recipients_only() -> None:
    assert rules.visible_to(DE, view(Status.PUBLISHED, "diffusion", frozenset({"DE"})))
    assert not rules.visible_to(DE, view(Status.PUBLISHED, "diffusion", frozenset({"ES"})))
    assert rules.visible_to(DE, view(Status.PUBLISHED))


@pytest.mark.parametrize("actor", [REVIEWER, SENIOR, CCF])
def test_the_secretariat_and_commission_see_everything(actor: Actor) -> None:
    assert all(rules.visible_to(actor, view(s)) for s in Status)


def test_governance_and_auditors_see_no_request_content() -> None:
    assert not rules.visible_to(GOV, view(Status.PUBLISHED))
    assert not rules.visible_to(Actor(7, Role.AUDITOR), view(Status.PUBLISHED))


def test_validity_is_five_years_and_the_prompt_comes_six_months_before() -> None:
    published = datetime(2024, 2, 29, 12, tzinfo=UTC)
    expires = rules.expiry_from(published)
    assert expires == datetime(2029, 2, 28, 12, tzinfo=UTC)
    assert not rules.renewal_prompt_due(expires, datetime(2028, 8, 27, tzinfo=UTC))
    assert rules.renewal_prompt_due(expires, datetime(2028, 8, 28, 12, tzinfo=UTC))


@given(st.datetimes(min_value=datetime(2000, 1, 1), max_value=datetime(2090, 1, 1)), st.integers(-120, 120))
def test_add_months_lands_in_the_right_month(moment: datetime, months: int) -> None:
    result = rules.add_months(moment, months)
    assert (result.year * 12 + result.month) - (moment.year * 12 + moment.month) == months
    assert result.day <= moment.day
