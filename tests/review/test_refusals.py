"""A refusal against the screening's route is confirmed by a second reviewer (real database).

On fast track and standard review one reviewer's refusal only proposes; a second, different
reviewer confirms it or approves, and a disagreement goes to a senior reviewer who is neither of
the two. On enhanced review one refusal still refuses.
"""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import select

from article3.accounts.models import User
from article3.actors import Actor, Role
from article3.audit.actions import AuditAction
from article3.audit.models import AuditEntry
from article3.bootstrap import Runtime
from article3.db.session import transaction
from article3.errors import PermissionDenied
from article3.notices import service as notices
from article3.review import service as review
from article3.review.rules import Decision, Ground, ReviewState
from article3.review.schemas import ReviewDecide
from article3.review.service import Outcome
from article3.workflows import decide_review_outcome
from tests.factories import requests as rq
from tests.factories.accounts import make_user
from tests.web.test_requests_flow import FACTS

PROTEST_FACTS = (
    "In April 2022 in Moscow the subject took part in an unauthorised protest and published "
    "videos of it online, disrupting public order."
)


def enhanced_document() -> Any:
    """A blogger charged with hooliganism for filming a protest: the screening is in doubt."""
    return rq.document(
        "RU",
        subject={
            "names": [{"given": "Irina", "family": "Sokolova"}],
            "sex": "F",
            "birth_date": "1988-02-03",
            "nationalities": ["RU"],
            "occupations": ["blogger"],
        },
        offences=[
            {
                "provision": "Criminal Code of the Russian Federation, art. 213 part 2",
                "description": "Hooliganism",
                "committed_on": "2022-04-10",
                "place": "Moscow",
            }
        ],
        facts=PROTEST_FACTS,
    )


def standard(rt: Runtime) -> str:
    return rq.submit(rt, make_user(rt, Role.NCB_OFFICER, "FR"), rq.document("FR", facts=FACTS))


def decide(rt: Runtime, actor: Actor, ref: str, data: ReviewDecide) -> Outcome:
    with rt.session() as s, transaction(s):
        return decide_review_outcome(s, actor=actor, ref=ref, data=data, now=rt.clock.now())


def route_of(rt: Runtime, ref: str) -> str:
    with rt.session() as s:
        return review.read_item(s, ref=ref, now=rt.clock.now()).route.value


def inbox(rt: Runtime, country: str = "FR") -> list[str]:
    with rt.session() as s:
        return [n.kind for n in notices.inbox(s, country=country)]


def actions(rt: Runtime) -> list[str]:
    with rt.session() as s:
        return [
            a
            for a in s.scalars(select(AuditEntry.action).order_by(AuditEntry.seq))
            if a.startswith("review:")
        ]


def status(rt: Runtime, ref: str) -> str:
    with rt.session() as s:
        return notices.by_ref(s, ref).status


@pytest.fixture
def desk(runtime: Runtime) -> dict[str, Actor]:
    return {
        "a": make_user(runtime, Role.REVIEWER),
        "b": make_user(runtime, Role.REVIEWER),
        "senior": make_user(runtime, Role.SENIOR_REVIEWER),
        "senior2": make_user(runtime, Role.SENIOR_REVIEWER),
        "fr": make_user(runtime, Role.NCB_OFFICER, "FR"),
    }


def test_a_first_refusal_of_a_standard_item_stays_in_review_and_tells_nobody(
    runtime: Runtime, desk: dict[str, Actor]
) -> None:
    ref = standard(runtime)
    assert route_of(runtime, ref) == "standard_review"
    outcome = decide(runtime, desk["a"], ref, rq.refuse(Ground.PRIVATE_DISPUTE))
    assert (outcome.state, outcome.refuse, outcome.request.status) == (
        ReviewState.REFUSAL_PENDING,
        False,
        "in_review",
    )
    assert status(runtime, ref) == "in_review" and inbox(runtime) == []
    assert actions(runtime)[-1] == AuditAction.REVIEW_REFUSAL_PROPOSED.value
    with runtime.session() as s:
        item = review.read_item(s, ref=ref, now=runtime.clock.now())
        assert (item.state, item.state_label) == (
            ReviewState.REFUSAL_PENDING,
            "refusal awaiting confirmation",
        )
        assert [(d.reviewer_id, d.decision, d.grounds) for d in item.decisions] == [
            (desk["a"].user_id, Decision.REFUSE, [Ground.PRIVATE_DISPUTE])
        ]
        assert len(item.decisions[0].factors) == 6
        assert [i.state for i in review.queue(s, actor=desk["b"], now=runtime.clock.now())] == [
            ReviewState.REFUSAL_PENDING
        ]
        # The requester's own view shows a request in review, nothing of the proposal.
        seen = notices.to_read(notices.get_visible(s, actor=desk["fr"], ref=ref), desk["fr"])
        assert (seen.status.value, seen.status_reason) == ("in_review", None)


def test_a_second_reviewer_confirms_the_refusal_with_both_grounds(
    runtime: Runtime, desk: dict[str, Actor]
) -> None:
    ref = standard(runtime)
    decide(runtime, desk["a"], ref, rq.refuse(Ground.PRIVATE_DISPUTE))
    outcome = decide(runtime, desk["b"], ref, rq.refuse(Ground.ARTICLE3_POLITICAL))
    assert (outcome.state, outcome.request.status) == (ReviewState.REFUSED, "refused")
    with runtime.session() as s:
        assert (
            notices.by_ref(s, ref).status_reason == "refused on review: private_dispute, article3_political"
        )
    assert inbox(runtime) == ["refused"]
    assert actions(runtime)[-2:] == [
        AuditAction.REVIEW_REFUSAL_PROPOSED.value,
        AuditAction.REVIEW_REFUSAL_CONFIRMED.value,
    ]


@pytest.mark.parametrize(("approve", "final"), [(True, "published"), (False, "refused")])
def test_a_disagreement_is_decided_by_a_senior_reviewer(
    runtime: Runtime, desk: dict[str, Actor], approve: bool, final: str
) -> None:
    ref = standard(runtime)
    decide(runtime, desk["a"], ref, rq.refuse())
    outcome = decide(runtime, desk["b"], ref, rq.approve())
    assert (outcome.state, outcome.request.status) == (ReviewState.SENIOR_DECISION, "in_review")
    assert inbox(runtime) == []
    third = make_user(runtime, Role.REVIEWER)
    with pytest.raises(PermissionDenied) as caught:
        decide(runtime, third, ref, rq.approve())
    assert caught.value.code == "review.senior_needed"
    settled = decide(runtime, desk["senior"], ref, rq.approve() if approve else rq.refuse())
    assert settled.request.status == final and status(runtime, ref) == final
    assert settled.state is (ReviewState.APPROVED if approve else ReviewState.REFUSED)
    assert inbox(runtime) == ([] if approve else ["refused"])
    assert actions(runtime)[-3:] == [
        AuditAction.REVIEW_REFUSAL_PROPOSED.value,
        AuditAction.REVIEW_REFUSAL_DISPUTED.value,
        AuditAction.REVIEW_DISPUTE_SETTLED.value,
    ]


def test_a_senior_acting_as_second_reviewer_is_just_a_second_reviewer(
    runtime: Runtime, desk: dict[str, Actor]
) -> None:
    ref = standard(runtime)
    decide(runtime, desk["a"], ref, rq.refuse())
    assert decide(runtime, desk["senior"], ref, rq.approve()).state is ReviewState.SENIOR_DECISION
    with pytest.raises(PermissionDenied) as caught:
        decide(runtime, desk["senior"], ref, rq.approve())
    assert caught.value.code == "review.same_reviewer"
    assert decide(runtime, desk["senior2"], ref, rq.refuse()).request.status == "refused"


def test_the_same_reviewer_cannot_confirm_their_own_refusal(runtime: Runtime, desk: dict[str, Actor]) -> None:
    ref = standard(runtime)
    decide(runtime, desk["a"], ref, rq.refuse())
    for data in (rq.refuse(), rq.approve()):
        with pytest.raises(PermissionDenied) as caught:
            decide(runtime, desk["a"], ref, data)
        assert caught.value.code == "review.same_reviewer"
    french = make_user(runtime, Role.REVIEWER)
    with runtime.session() as s, transaction(s):
        s.get(User, french.user_id).nationality = "FR"  # type: ignore[union-attr]
    with pytest.raises(PermissionDenied) as caught:
        decide(runtime, french, ref, rq.refuse())
    assert caught.value.code == "review.conflict_of_interest"
    assert status(runtime, ref) == "in_review" and inbox(runtime) == []


def test_asking_for_information_keeps_the_proposal_pending(runtime: Runtime, desk: dict[str, Actor]) -> None:
    ref = standard(runtime)
    decide(runtime, desk["a"], ref, rq.refuse())
    ask = ReviewDecide(decision=Decision.ASK_INFO, grounds=[Ground.MISSING_DOCUMENTS], note="the warrant")
    assert decide(runtime, desk["b"], ref, ask).state is ReviewState.REFUSAL_PENDING
    assert inbox(runtime) == ["information_requested"]
    assert decide(runtime, desk["b"], ref, rq.refuse()).request.status == "refused"


def test_a_fast_track_refusal_is_confirmed_like_a_standard_one(
    runtime: Runtime, desk: dict[str, Actor]
) -> None:
    ref = rq.in_review(runtime, "FR")
    assert route_of(runtime, ref) == "fast_track"
    assert decide(runtime, desk["a"], ref, rq.refuse()).state is ReviewState.REFUSAL_PENDING
    assert status(runtime, ref) == "in_review" and inbox(runtime) == []
    assert decide(runtime, desk["b"], ref, rq.refuse()).request.status == "refused"
    assert inbox(runtime) == ["refused"]


def test_on_enhanced_review_one_refusal_refuses_and_approval_still_needs_two(
    runtime: Runtime, desk: dict[str, Actor]
) -> None:
    ru = make_user(runtime, Role.NCB_OFFICER, "RU")
    refused, approved = (rq.submit(runtime, ru, enhanced_document()) for _ in range(2))
    assert route_of(runtime, refused) == "enhanced_review"
    outcome = decide(runtime, desk["a"], refused, rq.refuse())
    assert (outcome.state, outcome.request.status) == (ReviewState.REFUSED, "refused")
    assert actions(runtime)[-1] == AuditAction.REVIEW_DECIDED.value
    assert inbox(runtime, "RU") == ["refused"]
    assert decide(runtime, desk["a"], approved, rq.approve()).state is ReviewState.OPEN
    with pytest.raises(PermissionDenied) as caught:
        decide(runtime, desk["a"], approved, rq.approve())
    assert caught.value.code == "review.same_reviewer"
    assert decide(runtime, desk["b"], approved, rq.approve()).request.status == "published"


def test_the_factory_confirms_a_refusal_as_a_desk_would(runtime: Runtime, desk: dict[str, Actor]) -> None:
    ref, other = rq.in_review(runtime, "FR"), rq.in_review(runtime, "FR")
    assert rq.decide(runtime, desk["a"], ref, rq.refuse()).status == "refused"
    assert rq.decide(runtime, desk["a"], other, rq.refuse(), confirm=False).status == "in_review"


def test_a_single_refusal_recorded_before_confirmation_existed_still_reads_refused(
    runtime: Runtime, desk: dict[str, Actor]
) -> None:
    """Data from before this rule: one refusal closed the item and refused the request."""
    ref = standard(runtime)
    decide(runtime, desk["a"], ref, rq.refuse())
    with runtime.session() as s, transaction(s):
        item, request = review.item_for(s, ref=ref)
        item.closed_at, request.status = runtime.clock.now(), "refused"
    with runtime.session() as s:
        assert review.read_item(s, ref=ref, now=runtime.clock.now()).state is ReviewState.REFUSED
