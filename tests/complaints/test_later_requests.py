"""A case before the commission meets the requests submitted after it (complaints/later.py)."""

from __future__ import annotations

from datetime import timedelta

import httpx
import pytest
from sqlalchemy import select

from article3.actors import Actor, Role
from article3.audit.models import AuditEntry
from article3.bootstrap import Runtime
from article3.clock import FixedClock
from article3.complaints import service as complaints
from article3.complaints.rules import BLOCK_WINDOW_DAYS
from article3.complaints.schemas import Assessment, BlockOrder, ClearOrder, DecisionRecord
from article3.db.session import transaction
from article3.errors import Conflict
from article3.notices import service as notices
from article3.notices.models import Notification
from article3.review.rules import Factor
from article3.screening.models import ScreeningRun
from article3.search import service as search
from article3.search.schemas import PersonQuery
from tests.factories import complaints as cc
from tests.factories import requests as rq
from tests.factories.accounts import PASSWORD, bearer, make_token, make_user
from tests.support.browser import chromium, log_in

DELORME = {"names": ["Marc Delorme"], "birth_date": "1984-07-12"}  # the sample request's subject


def pre_emptive(rt: Runtime) -> str:
    return cc.lodged(rt, applicant=DELORME, pre_emptive=True)


def later_request(rt: Runtime, country: str = "FR") -> str:
    return rq.in_review(rt, country)


def codes_of(rt: Runtime, ref: str) -> list[str]:
    with rt.session() as s:
        request = notices.by_ref(s, ref)
        run = s.scalars(select(ScreeningRun).where(ScreeningRun.request_id == request.id)).one()
        return [f["code"] for f in run.findings]


def advance(rt: Runtime, days: int) -> None:
    clock = rt.clock
    assert isinstance(clock, FixedClock)
    clock.advance(timedelta(days=days))


def approval(rt: Runtime, ref: str) -> str:
    return rq.decide(rt, make_user(rt, Role.REVIEWER), ref, rq.approve()).status


def test_a_later_request_about_the_applicant_is_linked_and_goes_to_a_reviewer(runtime: Runtime) -> None:
    case = pre_emptive(runtime)
    ref = later_request(runtime)
    assert "commission_case_pending" in codes_of(runtime, ref)
    with runtime.session() as s:
        request = notices.by_ref(s, ref)
        read = complaints.to_read(s, complaints.get(s, case), now=runtime.clock.now())
        [entry] = s.scalars(select(AuditEntry).where(AuditEntry.action == "complaints:request:linked")).all()
    assert request.route == "standard_review"  # a fast-track sample, floored (weight 0: same risk)
    assert [(link.request_ref, link.source) for link in read.links] == [(ref, "later")]
    assert entry.subject_type == "complaint"


def test_a_request_about_someone_else_is_not_linked(runtime: Runtime) -> None:
    cc.lodged(runtime, applicant={"names": ["Nadia Kerimova"], "birth_date": "1980-02-02"}, pre_emptive=True)
    ref = later_request(runtime)
    assert "commission_case_pending" not in codes_of(runtime, ref)
    with runtime.session() as s:
        assert notices.by_ref(s, ref).route == "fast_track"  # the same request, without the case


def test_approval_waits_for_the_commission_but_refusal_does_not(runtime: Runtime) -> None:
    case = pre_emptive(runtime)
    ref = later_request(runtime)
    reviewer = make_user(runtime, Role.REVIEWER)
    with pytest.raises(Conflict) as waits:
        rq.decide(runtime, reviewer, ref, rq.approve())
    assert waits.value.code == "review.awaiting_commission"
    assert waits.value.details[0]["case"] == case
    advance(runtime, BLOCK_WINDOW_DAYS - 1)
    with pytest.raises(Conflict):
        rq.decide(runtime, reviewer, ref, rq.approve())
    advance(runtime, 1)
    assert approval(runtime, ref) == "published"
    other = later_request(runtime, "DE")
    assert rq.decide(runtime, make_user(runtime, Role.REVIEWER), other, rq.refuse()).status == "refused"


def test_a_blocked_request_is_never_published_and_a_non_compliant_decision_refuses_it(
    runtime: Runtime,
) -> None:
    case = cc.assess(runtime, pre_emptive(runtime))
    ref = later_request(runtime)
    member = make_user(runtime, Role.CCF_MEMBER)
    with runtime.session() as s, transaction(s):
        complaints.block(s, actor=member, ref=case, data=BlockOrder(reason="asylum"), now=runtime.clock.now())
    advance(runtime, BLOCK_WINDOW_DAYS + 1)
    with pytest.raises(Conflict) as blocked:
        rq.decide(runtime, make_user(runtime, Role.REVIEWER), ref, rq.approve())
    assert blocked.value.code == "review.blocked_by_commission"
    decide(runtime, member, case, "non_compliant")
    with runtime.session() as s:
        request = notices.by_ref(s, ref)
        told = s.scalars(
            select(Notification).where(Notification.request_id == request.id, Notification.kind == "refused")
        ).all()
        assert request.status == "refused" and request.document is None and len(told) == 1
        assert "non_compliant" in (request.status_reason or "")


def test_a_new_request_is_blocked_at_once_where_the_case_holds_a_block(runtime: Runtime) -> None:
    published = rq.published(runtime, "FR")
    case = cc.assess(runtime, cc.lodged(runtime, refs=[published], applicant=DELORME))
    member = make_user(runtime, Role.CCF_MEMBER)
    with runtime.session() as s, transaction(s):
        complaints.block(s, actor=member, ref=case, data=BlockOrder(reason="asylum"), now=runtime.clock.now())
    again = later_request(runtime, "FR")
    with runtime.session() as s:
        assert notices.by_ref(s, again).blocked
        [entry] = s.scalars(select(AuditEntry).where(AuditEntry.action == "complaints:request:linked")).all()
        assert entry.subject_type == "complaint"


def test_a_closed_case_leaves_the_index_and_meets_no_later_request(runtime: Runtime) -> None:
    case = cc.assess(runtime, pre_emptive(runtime))
    decide(runtime, make_user(runtime, Role.CCF_MEMBER), case, "compliant")
    ref = later_request(runtime)
    assert "commission_case_pending" not in codes_of(runtime, ref)
    inadmissible = pre_emptive(runtime)
    secretariat = make_user(runtime, Role.CCF_SECRETARIAT)
    with runtime.session() as s, transaction(s):
        complaints.assess(
            s,
            actor=secretariat,
            ref=inadmissible,
            data=Assessment(admissible=False, reason="not a person's data"),
            now=runtime.clock.now(),
        )
    assert "commission_case_pending" not in codes_of(runtime, later_request(runtime, "DE"))


@pytest.mark.parametrize(
    ("role", "country", "sees"),
    [
        (Role.NCB_OFFICER, "DE", False),
        (Role.REVIEWER, None, False),
        (Role.CCF_MEMBER, None, True),
        (Role.CCF_SECRETARIAT, None, True),
    ],
)
def test_only_the_commission_finds_its_applicants(
    runtime: Runtime, role: Role, country: str | None, sees: bool
) -> None:
    case = pre_emptive(runtime)
    actor = Actor(user_id=1, role=role, country=country)
    query = PersonQuery(names=["Марк Делорм"], birth_date="1984-07-12")
    with runtime.session() as s, transaction(s):
        hits = search.find(
            s, engine=runtime.search, actor=actor, query=query, limit=5, now=runtime.clock.now()
        )
    assert (case in [h.id for h in hits]) is sees


def decide(rt: Runtime, member: Actor, case: str, outcome: str) -> None:
    with rt.session() as s, transaction(s):
        complaints.decide(
            s,
            actor=member,
            ref=case,
            data=DecisionRecord(
                outcome=outcome,
                findings={
                    "art3_political_predominance": "upheld" if outcome == "non_compliant" else "rejected"
                },
                applicant_text="Decided.",
            ),
            now=rt.clock.now(),
        )


def test_over_http_the_requester_is_not_told_and_the_reviewer_is_held(
    runtime: Runtime, http: httpx.Client
) -> None:
    case = pre_emptive(runtime)
    officer, reviewer = make_token(runtime, Role.NCB_OFFICER, "FR"), make_token(runtime, Role.REVIEWER)
    document = rq.document("FR").model_dump(mode="json", exclude_none=True)
    submitted = http.post("/api/v1/requests", json=document, headers=bearer(officer))
    assert submitted.status_code == 201, submitted.text
    body = submitted.json()
    assert body["screening"]["route"] == "standard_review"
    assert "commission_case_pending" not in body["screening"]["reasons"] and case not in submitted.text
    ref = body["request"]["ref"]
    screening = http.get(f"/api/v1/requests/{ref}/screening", headers=bearer(reviewer))
    assert "commission_case_pending" in screening.text and case in screening.text
    approve = rq.approve().model_dump(mode="json")
    held = http.post(f"/api/v1/review/{ref}/decide", json=approve, headers=bearer(reviewer))
    assert held.status_code == 409 and held.json()["error"]["code"] == "review.awaiting_commission"
    assert case in held.text


@pytest.mark.browser
def test_the_review_page_shows_the_case_and_why_approval_waits(runtime: Runtime, server: str) -> None:
    case = pre_emptive(runtime)
    ref = later_request(runtime)
    make_user(runtime, Role.REVIEWER, username="reviewer-held")
    with chromium() as browser:
        page = browser.new_context().new_page()
        log_in(page, server, "reviewer-held", PASSWORD)
        page.goto(f"{server}/review/{ref}")
        finding = page.locator("[data-testid=findings] > li[data-code=commission_case_pending]")
        assert finding.count() == 1 and case in finding.inner_text()
        page.check("input[name=decision][value=approve]")
        page.check("input[name=grounds][value=criteria_met]")
        for factor in Factor:
            page.select_option(f"select[name='factors.{factor.value}.assessment']", "ordinary_crime")
        page.click("[data-testid=record-decision]")
        errors = page.locator("[data-testid=form-errors]")
        errors.wait_for()
        assert "approval waits until" in errors.inner_text() and case in errors.inner_text()
        assert page.url.startswith(f"{server}/review/{ref}")  # the item again, not the request


def clear(rt: Runtime, member: Actor, case: str, request_ref: str) -> None:
    with rt.session() as s, transaction(s):
        complaints.clear(
            s,
            actor=member,
            ref=case,
            request_ref=request_ref,
            data=ClearOrder(reason="no reason to block"),
            now=rt.clock.now(),
        )


def test_the_commission_saying_no_block_ends_the_wait_for_that_request_only(runtime: Runtime) -> None:
    case, ref = cc.later_linked(runtime)
    other = rq.submit(
        runtime, make_user(runtime, Role.NCB_OFFICER, "DE"), rq.document("DE", subject=cc.LATER_SUBJECT)
    )
    clear(runtime, make_user(runtime, Role.CCF_MEMBER), case, ref)
    assert approval(runtime, ref) == "published"
    with pytest.raises(Conflict) as waits:
        approval(runtime, other)
    assert waits.value.code == "review.awaiting_commission"
    with runtime.session() as s:
        read = complaints.to_read(s, complaints.get(s, case), now=runtime.clock.now())
        [entry] = s.scalars(select(AuditEntry).where(AuditEntry.action == "complaints:request:cleared")).all()
    assert [link.cleared_at is not None for link in read.links] == [True, False]
    assert entry.subject_type == "complaint"


def test_no_block_is_refused_for_a_blocked_case_or_an_unlinked_request(runtime: Runtime) -> None:
    case, ref = cc.later_linked(runtime)
    member = make_user(runtime, Role.CCF_MEMBER)
    stranger = "A3-2026-999999"  # no such request, so not linked
    with pytest.raises(Conflict) as unlinked:
        clear(runtime, member, case, stranger)
    assert unlinked.value.code == "complaint.not_linked"
    with runtime.session() as s, transaction(s):
        complaints.block(s, actor=member, ref=case, data=BlockOrder(reason="asylum"), now=runtime.clock.now())
    with pytest.raises(Conflict) as blocked:
        clear(runtime, member, case, ref)
    assert blocked.value.code == "complaint.blocked"


@pytest.mark.browser
def test_a_member_says_no_block_on_the_case_page(runtime: Runtime, server: str) -> None:
    case, ref = cc.later_linked(runtime)
    make_user(runtime, Role.CCF_MEMBER, username="member-clear")
    with chromium() as browser:
        page = browser.new_context().new_page()
        log_in(page, server, "member-clear", PASSWORD)
        page.goto(f"{server}/complaints/{case}")
        form = page.locator("[data-testid=clear-form]")
        assert form.locator(f"select[name=request_ref] option[value='{ref}']").count() == 1
        form.locator("input[name=reason]").fill("commercial fraud with court records")
        with page.expect_navigation():
            form.locator("button").click()
        assert page.locator("[data-testid=clear-form]").count() == 0  # nothing waits any more
    assert approval(runtime, ref) == "published"
