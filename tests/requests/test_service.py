"""Requests in a real database: intake, visibility, transitions, flags, inbox, expiry, four eyes."""

from __future__ import annotations

from datetime import timedelta

import pytest

from article3.accounts.models import User
from article3.actors import Role
from article3.audit import service as audit
from article3.bootstrap import Runtime
from article3.clock import FixedClock
from article3.db.session import transaction
from article3.errors import Conflict, InvalidInput, InvalidTransition, NotFound, PermissionDenied
from article3.notices import service as notices
from article3.notices.rules import FlagReason, Status
from article3.notices.schemas import FlagRaise
from article3.review import service as review
from article3.workflows import end_request
from tests.factories import requests as f
from tests.factories.accounts import make_user


def status(rt: Runtime, ref: str) -> str:
    with rt.session() as s:
        return notices.by_ref(s, ref).status


def test_a_valid_request_waits_for_review_and_nobody_else_sees_it(runtime: Runtime) -> None:
    ref = f.in_review(runtime, "FR", "diffusion")
    assert status(runtime, ref) == "in_review"
    de = make_user(runtime, Role.NCB_OFFICER, "DE")
    with runtime.session() as s:
        with pytest.raises(NotFound):
            notices.get_visible(s, actor=de, ref=ref)
        assert notices.list_visible(s, actor=de) == []
        assert notices.inbox(s, country="DE") == []


def test_a_request_failing_the_criteria_is_stored_rejected_with_reasons(runtime: Runtime) -> None:
    officer = make_user(runtime, Role.NCB_OFFICER, "FR")
    doc = f.document("FR", penalty={"max_years": 1})
    ref = f.submit(runtime, officer, doc)
    with runtime.session() as s:
        request = notices.by_ref(s, ref)
        assert request.status == "rejected"
        assert "criteria.penalty_below_threshold" in [x["code"] for x in request.intake_failures]


def test_an_officer_submits_only_for_its_own_country(runtime: Runtime) -> None:
    officer = make_user(runtime, Role.NCB_OFFICER, "DE")
    with pytest.raises(InvalidInput) as caught:
        f.submit(runtime, officer, f.document("FR"))
    assert caught.value.details[0]["path"] == "requesting_country"


def test_unknown_recipient_countries_are_named(runtime: Runtime) -> None:
    officer = make_user(runtime, Role.NCB_OFFICER, "FR")
    with pytest.raises(InvalidInput) as caught:
        f.submit(runtime, officer, f.document("FR", "diffusion", recipients=["DE", "KP"]))
    assert caught.value.details[0]["path"] == "recipients[1]"


def test_publication_reaches_every_member_for_a_red_notice(runtime: Runtime) -> None:
    ref = f.published(runtime, "FR")
    de = make_user(runtime, Role.NCB_OFFICER, "DE")
    with runtime.session() as s:
        assert notices.get_visible(s, actor=de, ref=ref).status == "published"
        assert [n.kind for n in notices.inbox(s, country="DE")] == ["published"]
        assert notices.inbox(s, country="FR") == []  # the requester is not told of its own publication


def test_a_published_diffusion_reaches_its_recipients_only(runtime: Runtime) -> None:
    ref = f.published(runtime, "FR", "diffusion")  # addressed to DE
    with runtime.session() as s:
        assert notices.get_visible(s, actor=make_user(runtime, Role.NCB_OFFICER, "DE"), ref=ref)
        with pytest.raises(NotFound):
            notices.get_visible(s, actor=make_user(runtime, Role.NCB_OFFICER, "ES"), ref=ref)
        assert notices.inbox(s, country="ES") == []


@pytest.mark.parametrize("target", [Status.WITHDRAWN, Status.CANCELLED])
def test_gone_requests_vanish_at_once_and_recipients_must_purge(runtime: Runtime, target: Status) -> None:
    ref = f.published(runtime, "FR")
    actor = (
        make_user(runtime, Role.NCB_OFFICER, "FR")
        if target is Status.WITHDRAWN
        else make_user(runtime, Role.SENIOR_REVIEWER)
    )
    with runtime.session() as s, transaction(s):
        end_request(
            s, actor=actor, ref=ref, target=target, reason="purpose achieved", now=runtime.clock.now()
        )
    de = make_user(runtime, Role.NCB_OFFICER, "DE")
    with runtime.session() as s:
        with pytest.raises(NotFound):
            notices.get_visible(s, actor=de, ref=ref)
        inbox = notices.inbox(s, country="DE")
        assert [n.kind for n in inbox] == [target.value, "published"]
        assert inbox[0].purge_required
        assert notices.purge_outstanding(s, ref=ref) == 195
    with runtime.session() as s, transaction(s):
        notices.confirm_purge(s, actor=de, notification_id=inbox[0].id, now=runtime.clock.now())
    with runtime.session() as s:
        assert notices.purge_outstanding(s, ref=ref) == 194


def test_forbidden_transitions_and_movers(runtime: Runtime) -> None:
    ref = f.in_review(runtime, "FR")
    fr = make_user(runtime, Role.NCB_OFFICER, "FR")
    with runtime.session() as s, pytest.raises(InvalidTransition):
        end_request(s, actor=fr, ref=ref, target=Status.WITHDRAWN, reason="x", now=runtime.clock.now())
    published = f.published(runtime, "FR")
    with runtime.session() as s, pytest.raises(PermissionDenied):
        end_request(
            s,
            actor=make_user(runtime, Role.REVIEWER),
            ref=published,
            target=Status.CANCELLED,
            reason="x",
            now=runtime.clock.now(),
        )


def test_every_transition_writes_its_audit_entry(runtime: Runtime) -> None:
    ref = f.published(runtime, "FR")
    with runtime.session() as s:
        request = notices.by_ref(s, ref)
        actions = [e.action for e in audit.entries_for(s, subject_type="request", subject_id=str(request.id))]
        assert actions[:3] == [
            "notices:request:submitted",
            "screening:run:recorded",
            "notices:request:transitioned",
        ]
        assert audit.verify(s).ok


def test_flags_are_counted_and_shown_to_the_requester_not_to_others(runtime: Runtime) -> None:
    ref = f.published(runtime, "FR")
    de, es = make_user(runtime, Role.NCB_OFFICER, "DE"), make_user(runtime, Role.NCB_OFFICER, "ES")
    with runtime.session() as s, transaction(s):
        notices.flag(
            s, actor=de, ref=ref, data=FlagRaise(reason=FlagReason.NATIONAL_LAW), now=runtime.clock.now()
        )
    with runtime.session() as s, transaction(s), pytest.raises(Conflict):
        notices.flag(
            s, actor=de, ref=ref, data=FlagRaise(reason=FlagReason.NATIONAL_LAW), now=runtime.clock.now()
        )
    with runtime.session() as s:
        request = notices.by_ref(s, ref)
        mine = notices.to_read(request, make_user(runtime, Role.NCB_OFFICER, "FR"))
        theirs = notices.to_read(request, es)
        assert mine.flag_count == theirs.flag_count == 1
        assert [x.country for x in mine.flags] == ["DE"]
        assert theirs.flags == []
        assert [n.kind for n in notices.inbox(s, country="FR")] == ["flagged"]


def test_expiry_is_driven_by_the_clock_with_a_renewal_prompt(runtime: Runtime) -> None:
    assert isinstance(runtime.clock, FixedClock)
    ref = f.published(runtime, "FR")
    runtime.clock.advance(timedelta(days=365 * 4 + 200))
    with runtime.session() as s, transaction(s):
        assert notices.expire_due(s, now=runtime.clock.now()) == {"prompted": 1, "expired": 0}
    fr = make_user(runtime, Role.NCB_OFFICER, "FR")
    with runtime.session() as s, transaction(s):
        notices.renew(s, actor=fr, ref=ref, reason="still wanted; trial pending", now=runtime.clock.now())
    runtime.clock.advance(timedelta(days=365 * 2))
    with runtime.session() as s, transaction(s):
        assert notices.expire_due(s, now=runtime.clock.now())["expired"] == 0
    runtime.clock.advance(timedelta(days=365 * 4))
    with runtime.session() as s, transaction(s):
        assert notices.expire_due(s, now=runtime.clock.now())["expired"] == 1
    assert status(runtime, ref) == "expired"


def test_enhanced_review_needs_two_different_reviewers(runtime: Runtime) -> None:
    ref = f.in_review(runtime, "FR")
    with runtime.session() as s, transaction(s):
        item, _ = review.item_for(s, ref=ref)
        item.route = "enhanced_review"
    first, second = make_user(runtime, Role.REVIEWER), make_user(runtime, Role.SENIOR_REVIEWER)
    f.decide(runtime, first, ref, f.approve())
    assert status(runtime, ref) == "in_review"
    with pytest.raises(PermissionDenied):
        f.decide(runtime, first, ref, f.approve())
    f.decide(runtime, second, ref, f.approve())
    assert status(runtime, ref) == "published"


def test_no_reviewer_decides_on_a_request_from_their_own_country(runtime: Runtime) -> None:
    ref = f.in_review(runtime, "FR")
    reviewer = make_user(runtime, Role.REVIEWER)
    with runtime.session() as s, transaction(s):
        s.get(User, reviewer.user_id).nationality = "FR"  # type: ignore[union-attr]
    with pytest.raises(PermissionDenied) as caught:
        f.decide(runtime, reviewer, ref, f.approve())
    assert caught.value.code == "review.conflict_of_interest"


def test_a_refusal_needs_grounds_and_every_factor(runtime: Runtime) -> None:
    ref = f.in_review(runtime, "FR")
    reviewer = make_user(runtime, Role.REVIEWER)
    bare = f.refuse().model_copy(update={"factors": {}})
    with pytest.raises(InvalidInput) as caught:
        f.decide(runtime, reviewer, ref, bare)
    assert caught.value.details[0]["path"] == "factors"
    f.decide(runtime, reviewer, ref, f.refuse())
    assert status(runtime, ref) == "refused"
    with runtime.session() as s:
        assert [n.kind for n in notices.inbox(s, country="FR")] == ["refused"]


def test_the_queue_orders_by_route_then_waiting_time(runtime: Runtime) -> None:
    assert isinstance(runtime.clock, FixedClock)
    refs = []
    for _ in range(3):
        refs.append(f.in_review(runtime, "FR"))
        runtime.clock.advance(timedelta(hours=1))
    with runtime.session() as s, transaction(s):
        review.item_for(s, ref=refs[2])[0].route = "enhanced_review"
        review.item_for(s, ref=refs[1])[0].route = "standard_review"
        review.item_for(s, ref=refs[0])[0].route = "standard_review"
    with runtime.session() as s:
        queue = review.queue(s, actor=make_user(runtime, Role.REVIEWER), now=runtime.clock.now())
    assert [q.request_ref for q in queue] == [refs[2], refs[0], refs[1]]
    assert queue[1].waiting_hours == 3.0
