"""The commission's decisions reach the screening as the requester's record."""

from __future__ import annotations

import pytest

from article3.actors import Actor, Role
from article3.bootstrap import Runtime
from article3.complaints import service as complaints
from article3.complaints.schemas import DecisionRecord
from article3.db.session import transaction
from article3.screening.reasons import ReasonCode
from tests.factories import complaints as cc
from tests.factories import requests as rq
from tests.factories.accounts import make_user
from tests.screening_service.test_gather import latest_run

NON_COMPLIANT = DecisionRecord(
    outcome="non_compliant", findings={"art3_political_predominance": "upheld"}, applicant_text="Deleted."
)
COMPLIANT = DecisionRecord(outcome="compliant", findings={"art3_political_predominance": "rejected"})


def decided(rt: Runtime, member: Actor, country: str, record: DecisionRecord) -> None:
    ref = cc.admissible(rt, country)
    with rt.session() as s, transaction(s):
        complaints.decide(s, actor=member, ref=ref, data=record, now=rt.clock.now())


def test_only_decided_complaints_count(runtime: Runtime) -> None:
    member = make_user(runtime, Role.CCF_MEMBER)
    decided(runtime, member, "TJ", NON_COMPLIANT)
    decided(runtime, member, "TJ", COMPLIANT)
    cc.admissible(runtime, "TJ")  # open: says nothing yet
    decided(runtime, member, "FR", NON_COMPLIANT)  # another requester's
    with runtime.session() as s:
        assert complaints.requester_outcomes(s, "TJ") == (2, 1)
        assert complaints.requester_outcomes(s, "KZ") == (0, 0)


def test_a_complaint_about_two_requesters_counts_once_for_each(runtime: Runtime) -> None:
    member = make_user(runtime, Role.CCF_MEMBER)
    refs = [rq.published(runtime, "TJ"), rq.published(runtime, "TJ"), rq.published(runtime, "KZ")]
    ref = cc.assess(runtime, cc.lodged(runtime, refs=refs))
    with runtime.session() as s, transaction(s):
        complaints.decide(s, actor=member, ref=ref, data=NON_COMPLIANT, now=runtime.clock.now())
    decided(runtime, member, "KZ", COMPLIANT)
    with runtime.session() as s:
        assert complaints.requester_outcomes(s, "TJ") == (1, 1)
        assert complaints.requester_outcomes(s, "KZ") == (2, 1)
        assert complaints.requester_outcomes(s, "FR") == (0, 0)


def test_a_requester_the_commission_overturns_is_looked_at_harder(runtime: Runtime) -> None:
    member = make_user(runtime, Role.CCF_MEMBER)
    for i in range(10):
        decided(runtime, member, "TJ", NON_COMPLIANT if i % 2 else COMPLIANT)
    tj, fr = make_user(runtime, Role.NCB_OFFICER, "TJ"), make_user(runtime, Role.NCB_OFFICER, "FR")
    subject = {"names": [{"given": "Farhod", "family": "Nazarov"}], "sex": "M", "birth_date": "1979-05-06"}
    run = latest_run(runtime, rq.submit(runtime, tj, rq.document("TJ", subject=subject)))
    [record] = [f for f in run.findings if f["code"] == ReasonCode.REQUESTER_HIGH_REVERSAL_RATE.value]
    assert record["weight"] == pytest.approx(0.20 + (0.50 - 0.25) / 2)
    assert "5 of the 10 complaints" in record["explanation"]
    other = latest_run(runtime, rq.submit(runtime, fr, rq.document("FR", subject=subject)))
    assert ReasonCode.REQUESTER_HIGH_REVERSAL_RATE.value not in {f["code"] for f in other.findings}
