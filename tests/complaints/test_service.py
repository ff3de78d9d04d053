"""The commission's use cases on a real database: matching, blocks, binding deletion, clocks."""

from __future__ import annotations

import json
from datetime import timedelta

import httpx
import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from article3.accounts import service as accounts
from article3.actors import Actor, Role
from article3.bootstrap import Runtime
from article3.clock import FixedClock
from article3.complaints import service as complaints
from article3.complaints.effects import DeletedRequest
from article3.complaints.rules import Status
from article3.complaints.schemas import BlockOrder, ConsultationAnswer, DecisionRecord, RestrictionRuling
from article3.complaints.views import applicant_view
from article3.db.session import transaction
from article3.errors import Conflict, NotFound
from article3.notices import rules as notice_rules
from article3.notices import service as notices
from article3.notices.models import Notification
from article3.register.models import ProtectionEntry
from article3.search import access
from article3.search import service as search
from article3.search.schemas import MatchHit, PersonQuery
from tests.factories import complaints as cc
from tests.factories.accounts import bearer, make_token, make_user

DELORME = {"names": ["Marc Delorme"], "birth_date": "1984-07-12"}


def test_lodging_matches_requests_and_gives_a_login(runtime: Runtime) -> None:
    request_ref = cc.rq.published(runtime, "FR")
    with runtime.session() as s, transaction(s):
        receipt = complaints.lodge(
            s,
            actor=None,
            data=cc.lodge_data(applicant=DELORME),
            documents=[("statement.txt", b"my statement")],
            engine=runtime.search,
            data_dir=runtime.settings.data_dir,
            now=runtime.clock.now(),
        )
    assert receipt.password and receipt.username == receipt.ref.lower()
    with runtime.session() as s:
        actor = accounts.authenticate(s, username=receipt.username, password=receipt.password)
        assert actor.role is Role.APPLICANT
        read = complaints.to_read(s, complaints.get(s, receipt.ref), now=runtime.clock.now())
        [view] = complaints.applicant_views(s, actor=actor)
    assert [(link.request_ref, link.source) for link in read.links] == [(request_ref, "matched")]
    assert read.admissibility_due == runtime.clock.now().replace(month=2)
    assert view.data_held == [] and view.status is Status.RECEIVED  # nothing told before the decision
    stored = list((runtime.settings.data_dir / "complaints").iterdir())
    assert len(stored) == 1 and "statement" not in stored[0].name and stored[0].stat().st_mode & 0o077 == 0


def test_a_pre_emptive_complaint_about_no_notice_is_accepted(runtime: Runtime) -> None:
    ref = cc.lodged(runtime, refs=["A3-2026-999999"], pre_emptive=True)
    with runtime.session() as s:
        read = complaints.to_read(s, complaints.get(s, ref), now=runtime.clock.now())
    assert read.links == [] and read.pre_emptive and read.cited_refs == ["A3-2026-999999"]


def test_a_provisional_block_hides_the_request_from_other_countries_at_once(runtime: Runtime) -> None:
    ref, request_ref = cc.on_published(runtime, "FR")
    member, de, fr = (
        make_user(runtime, Role.CCF_MEMBER),
        make_user(runtime, Role.NCB_OFFICER, "DE"),
        make_user(runtime, Role.NCB_OFFICER, "FR"),
    )
    with runtime.session() as s, transaction(s):
        complaints.block(
            s, actor=member, ref=ref, data=BlockOrder(reason="imminent extradition"), now=runtime.clock.now()
        )
    with runtime.session() as s:
        with pytest.raises(NotFound):
            notices.get_visible(s, actor=de, ref=request_ref)
        assert notices.list_visible(s, actor=de) == []
        assert notices.get_visible(s, actor=fr, ref=request_ref).blocked
        hits = complaints_search(runtime, s, de)
        assert hits == []
        assert complaints_search(runtime, s, make_reviewer_actor()) != []


def make_reviewer_actor() -> Actor:
    return Actor(user_id=1, role=Role.REVIEWER)


def complaints_search(runtime: Runtime, s: Session, actor: Actor) -> list[MatchHit]:
    query = PersonQuery(names=["Marc Delorme"], birth_date="1984-07-12")
    return search.find(s, engine=runtime.search, actor=actor, query=query, limit=5, now=runtime.clock.now())


def test_blocked_flag_in_visibility_rules() -> None:
    base = notice_rules.Visibility(notice_rules.Status.PUBLISHED, "red_notice", "FR", frozenset())
    blocked = notice_rules.Visibility(
        notice_rules.Status.PUBLISHED, "red_notice", "FR", frozenset(), blocked=True
    )
    de, fr = Actor(1, Role.NCB_OFFICER, "DE"), Actor(2, Role.NCB_OFFICER, "FR")
    assert notice_rules.visible_to(de, base) and not notice_rules.visible_to(de, blocked)
    assert notice_rules.visible_to(fr, blocked)
    assert not access.entitled(
        de,
        access.request_access(
            status="published", kind="red_notice", requesting_country="FR", recipients=[], blocked=True
        ),
    )


def test_non_compliant_deletes_everywhere_and_registers_the_person(runtime: Runtime) -> None:
    ref = cc.admissible(runtime, "FR")
    member = make_user(runtime, Role.CCF_MEMBER)
    seen: list[DeletedRequest] = []
    with runtime.session() as s, transaction(s):
        complaints.decide(
            s,
            actor=member,
            ref=ref,
            data=DecisionRecord(
                outcome="non_compliant", findings={"private_dispute": "upheld"}, applicant_text="Deleted."
            ),
            now=runtime.clock.now(),
            on_deletion=[lambda _s, event: seen.append(event)],
        )
    with runtime.session() as s:
        read = complaints.to_read(s, complaints.get(s, ref), now=runtime.clock.now())
        request = notices.by_ref(s, read.links[0].request_ref)
        assert request.status == "deleted" and request.document is None
        assert notices.purge_outstanding(s, ref=request.ref) > 100  # every other member must confirm
        [entry] = s.scalars(select(ProtectionEntry)).all()
        assert entry.kind == "ccf_deletion" and entry.against_country == "FR" and ref in (entry.note or "")
        assert s.scalars(select(Notification).where(Notification.kind == "deleted")).first() is not None
        assert read.decision is not None
        assert read.decision.findings == {
            "art3_political_predominance": "not_examined",
            "private_dispute": "upheld",
        }
        [excerpt] = complaints.public_register(s)
        assert excerpt.requester_region == "Europe" and excerpt.data_type == "red_notice"
        assert "Delorme" not in excerpt.model_dump_json() and ref not in excerpt.model_dump_json()
        assert complaints.country_outcomes(s, "FR") == (1, 1)
        assert complaints.country_outcomes(s, "DE") == (0, 0)
        figures = complaints.figures(s, year=2026, now=runtime.clock.now())
        assert figures.decisions["non_compliant"] == 1 and figures.received["deletion"] == 1
        assert figures.findings["art3_political_predominance"]["not_examined"] == 1
        assert figures.deadlines["decision"].met == 1
    assert [e.request_ref for e in seen] == [request.ref]
    with runtime.session() as s:
        assert complaints_search(runtime, s, make_reviewer_actor())[0].id.startswith("P-")


def test_the_clock_job_warns_once_records_misses_and_lapses_consultations(runtime: Runtime) -> None:
    clock = runtime.clock
    assert isinstance(clock, FixedClock)
    received = cc.lodged(runtime)
    ref, consultation_id = cc.consulted(runtime, "FR")
    clock.advance(timedelta(days=20))
    with runtime.session() as s, transaction(s):
        first = complaints.check_deadlines(s, now=clock.now())
    assert first.warned == [received] and first.missed == []
    clock.advance(timedelta(days=15))
    with runtime.session() as s, transaction(s):
        second = complaints.check_deadlines(s, now=clock.now())
    with runtime.session() as s, transaction(s):
        third = complaints.check_deadlines(s, now=clock.now())
    assert [o.ref for o in second.missed] == [received] and second.lapsed_consultations == [consultation_id]
    assert third.missed == [] and [o.ref for o in third.overdue] == [received]
    with runtime.session() as s:
        assert complaints.get(s, ref).status == Status.DELIBERATION.value
        assert [o.ref for o in complaints.overdue_list(s, now=clock.now())] == [received]


def test_a_decided_case_takes_no_more_answers(runtime: Runtime) -> None:
    """A late answer would write back what the deletion purged about the request."""
    ref, consultation_id = cc.consulted(runtime, "FR")
    member = make_user(runtime, Role.CCF_MEMBER)
    officer = make_user(runtime, Role.NCB_OFFICER, "FR")
    decision = DecisionRecord(outcome="non_compliant", findings={"private_dispute": "upheld"})
    with runtime.session() as s, transaction(s):
        complaints.decide(s, actor=member, ref=ref, data=decision, now=runtime.clock.now())
    late = ConsultationAnswer(answer="He fled with the money; see the attached statements.")
    with runtime.session() as s, transaction(s), pytest.raises(Conflict) as refused:
        complaints.answer(
            s, actor=officer, consultation_id=consultation_id, data=late, now=runtime.clock.now()
        )
    assert refused.value.code == "consultation.case_closed"
    with runtime.session() as s:
        [consultation] = complaints.get(s, ref).consultations
        assert consultation.answer is None and consultation.answered_at is None
        [listed] = complaints.consultations_for(s, country="FR")
        assert not listed.case_open  # the bureau's page shows no answer form for it


def test_an_accepted_restriction_limits_what_the_applicant_is_told(runtime: Runtime) -> None:
    ref, consultation_id = cc.consulted(runtime, "FR", answered=True)
    member = make_user(runtime, Role.CCF_MEMBER)
    with runtime.session() as s, transaction(s):
        complaints.rule_restriction(
            s,
            actor=member,
            ref=ref,
            consultation_id=consultation_id,
            data=RestrictionRuling(accept=True),
            now=runtime.clock.now(),
        )
        complaints.decide(
            s,
            actor=member,
            ref=ref,
            data=DecisionRecord(outcome="compliant", findings={"art3_political_predominance": "rejected"}),
            now=runtime.clock.now(),
        )
    with runtime.session() as s:
        complaint = complaints.get(s, ref)
        view = applicant_view(s, complaint)
    assert view.data_held == [] and [r.value for r in view.restricted_on] == [
        "confidentiality_of_investigation"
    ]
    assert view.decision is not None and view.decision.outcome.value == "compliant"


def test_documents_are_served_as_attachments_that_cannot_run(runtime: Runtime, http: httpx.Client) -> None:
    ref, doc_id = cc.with_document(runtime)
    token = make_token(runtime, Role.CCF_SECRETARIAT)
    response = http.get(f"/api/v1/complaints/{ref}/documents/{doc_id}", headers=bearer(token))
    assert response.status_code == 200 and response.content == cc.PDF
    assert response.headers["content-type"] == "application/octet-stream"
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.headers["content-disposition"].startswith("attachment;")


def test_the_public_api_lodges_without_an_account_and_refuses_disguised_files(
    runtime: Runtime, http: httpx.Client
) -> None:
    body = cc.lodge_data().model_dump(mode="json")
    refused = http.post(
        "/api/v1/complaints/with-documents",
        data={"complaint": json.dumps(body)},
        files=[("documents", ("evidence.pdf", b"<script>alert(1)</script>", "application/pdf"))],
    )
    assert refused.status_code == 422 and refused.json()["error"]["details"][0]["path"] == "documents[0]"
    created = http.post("/api/v1/complaints", json=body)
    assert created.status_code == 201 and created.json()["password"]
    assert http.get("/api/v1/complaints-register").status_code == 200
    assert http.get("/api/v1/complaints-figures", params={"year": 2026}).json()["received"]["deletion"] == 1
