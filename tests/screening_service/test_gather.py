"""The screening service gathers what the system knows: register hits, earlier requests, flags,
the requester's record; the reviewer sees the evidence, the requester never does."""

from __future__ import annotations

from typing import Any

import httpx
import pytest
from sqlalchemy import select

from article3.actors import Role
from article3.bootstrap import Runtime
from article3.db.session import transaction
from article3.notices import service as notices
from article3.notices.models import Request
from article3.notices.rules import FlagReason
from article3.notices.schemas import FlagRaise
from article3.register import service as register
from article3.register.rules import ProtectionKind
from article3.register.schemas import ProtectionRegister
from article3.review.rules import Ground
from article3.screening import gather
from article3.screening.inputs import EarlierStatus
from article3.screening.models import ScreeningRun
from article3.search.schemas import PersonQuery
from tests.factories import requests as rq
from tests.factories.accounts import bearer, make_token, make_user
from tests.notices.samples import fraud_offence

SUBJECT = {
    "names": [{"given": "Irina", "family": "Sokolova"}, {"full": "Ирина Соколова"}],
    "sex": "F",
    "birth_date": "1988-02-03",
    "nationalities": ["RU"],
}
PERSON = PersonQuery(names=["Ирина Соколова"], birth_date="1988-02-03", nationalities=["RU"])


def protect(rt: Runtime, kind: ProtectionKind, *, country: str | None, against: str | None) -> str:
    role = Role.NCB_OFFICER if country else Role.REGISTRAR
    actor = make_user(rt, role, country)
    with rt.session() as s, transaction(s):
        data = ProtectionRegister(
            person=PERSON, kind=kind, against_country=against, organisation=None if country else "CPJ"
        )
        return register.add(s, actor=actor, data=data, now=rt.clock.now()).ref


def ru_request(rt: Runtime, **overrides: Any) -> str:
    officer = make_user(rt, Role.NCB_OFFICER, "RU")
    return rq.submit(rt, officer, rq.document("RU", subject=SUBJECT, **overrides))


def latest_run(rt: Runtime, ref: str) -> ScreeningRun:
    with rt.session() as s:
        request = s.scalars(select(Request).where(Request.ref == ref)).one()
        return s.scalars(
            select(ScreeningRun).where(ScreeningRun.request_id == request.id).order_by(ScreeningRun.id.desc())
        ).first()  # type: ignore[return-value]


def evidence(run: ScreeningRun, code: str) -> list[dict[str, Any]]:
    return [e for f in run.findings if f["code"] == code for e in f["evidence"]]


def test_a_refugee_registered_by_a_host_country_blocks_the_request_from_the_country_fled(
    runtime: Runtime,
) -> None:
    entry = protect(runtime, ProtectionKind.REFUGEE, country="DE", against="RU")
    ref = ru_request(runtime)
    run = latest_run(runtime, ref)
    assert run.route == "blocked"
    assert run.findings[0]["code"] == "refugee_protected_status"
    [shown] = evidence(run, "refugee_protected_status")
    assert shown["ref"] == entry
    assert "registered by bureau of DE" in shown["detail"]
    assert "protected against RU" in shown["detail"]
    assert run.features is not None


def test_a_refugee_protected_against_another_country_does_not_block(runtime: Runtime) -> None:
    protect(runtime, ProtectionKind.REFUGEE, country="DE", against="BY")
    ref = ru_request(runtime)
    assert latest_run(runtime, ref).route != "blocked"


def test_a_registered_journalist_is_a_strong_indicator_with_the_registrant_shown(runtime: Runtime) -> None:
    entry = protect(runtime, ProtectionKind.JOURNALIST, country=None, against=None)
    run = latest_run(runtime, ru_request(runtime))
    [shown] = evidence(run, "status_journalist")
    assert shown["ref"] == entry
    assert "registered by CPJ" in shown["detail"]
    assert run.route == "enhanced_review"


def test_a_resubmission_after_a_refusal_cites_the_earlier_request_and_its_grounds(runtime: Runtime) -> None:
    first = ru_request(runtime)
    rq.decide(runtime, make_user(runtime, Role.REVIEWER), first, rq.refuse(Ground.ARTICLE3_POLITICAL))
    second = ru_request(runtime, offences=[fraud_offence(provision="Criminal Code, art. 159")])
    run = latest_run(runtime, second)
    codes = [f["code"] for f in run.findings]
    assert "resubmission_other_charges" in codes
    [shown] = evidence(run, "resubmission_other_charges")
    assert shown["ref"] == first
    assert shown["kind"] == "earlier_request"
    assert "refused on" in shown["detail"]
    finding = next(f for f in run.findings if f["code"] == "resubmission_other_charges")
    assert "art3_political_predominance" in finding["explanation"]


def test_flags_of_other_countries_on_an_earlier_request_are_counted(runtime: Runtime) -> None:
    first = rq.published(runtime, "FR")
    for country in ("DE", "NO"):
        officer = make_user(runtime, Role.NCB_OFFICER, country)
        with runtime.session() as s, transaction(s):
            notices.flag(
                s,
                actor=officer,
                ref=first,
                data=FlagRaise(reason=FlagReason.NATIONAL_LAW),
                now=runtime.clock.now(),
            )
    second = rq.in_review(runtime, "FR")
    run = latest_run(runtime, second)
    [shown] = evidence(run, "recipient_flags_on_earlier")
    assert shown["ref"] == "DE,NO"
    assert "2 flags" in shown["detail"]


def test_an_extradition_refusal_recorded_by_a_state_is_weighed_as_its_position(
    runtime: Runtime, http: httpx.Client
) -> None:
    """A state records, as its flag on the published request, that it refused extradition: the
    next request about the person carries the refusal as that state's position, apart from the
    other flags."""
    first = rq.published(runtime, "FR")
    refusals = {"DE": FlagReason.EXTRADITION_REFUSED, "NO": FlagReason.NATIONAL_LAW}
    for country, reason in refusals.items():
        token = make_token(runtime, Role.NCB_OFFICER, country)
        body = {"reason": reason.value, "note": "Surrender refused by the court of appeal."}
        response = http.post(f"/api/v1/requests/{first}/flags", json=body, headers=bearer(token))
        assert response.status_code == 201, response.text
    run = latest_run(runtime, rq.in_review(runtime, "FR"))
    [refused] = evidence(run, "extradition_refused_elsewhere")
    assert refused["kind"] == "flags" and refused["ref"] == "DE"
    [flagged] = evidence(run, "recipient_flags_on_earlier")
    assert flagged["ref"] == "NO" and "1 flags" in flagged["detail"]
    assert run.version == "2026.11.5"


def test_earlier_requests_are_found_across_scripts_and_the_request_itself_is_left_out(
    runtime: Runtime,
) -> None:
    first = ru_request(runtime)
    second = ru_request(runtime)
    with runtime.session() as s:
        rows = gather.earlier_requests(s, engine=runtime.search, person=PERSON, exclude_ref=second)
        assert [r.ref for r in rows] == [first]
        assert gather.earlier_from(rows[0]).status is EarlierStatus.IN_REVIEW  # type: ignore[union-attr]


def test_a_request_rejected_at_intake_is_not_an_earlier_request(runtime: Runtime) -> None:
    rejected = ru_request(runtime, penalty={"max_years": 0.5})
    with runtime.session() as s:
        assert notices.by_ref(s, rejected).status == "rejected"
        row = notices.by_ref(s, rejected)
        assert gather.earlier_from(row) is None


def test_a_purely_political_request_rejected_at_intake_makes_a_relabelled_one_a_resubmission(
    runtime: Runtime,
) -> None:
    treason = fraud_offence(provision="Criminal Code, art. 275", description="High treason", category=None)
    rejected = ru_request(runtime, offences=[treason])
    with runtime.session() as s:
        row = notices.by_ref(s, rejected)
        assert row.status == "rejected"
        earlier = gather.earlier_from(row)
        assert earlier is not None and earlier.status is EarlierStatus.REJECTED
        assert earlier.refusal_codes == ("art3_political_predominance",)
    second = ru_request(runtime, offences=[fraud_offence(provision="Criminal Code, art. 159")])
    run = latest_run(runtime, second)
    finding = next(f for f in run.findings if f["code"] == "resubmission_other_charges")
    assert "art3_political_predominance" in finding["explanation"]
    assert [e["ref"] for e in evidence(run, "resubmission_other_charges")] == [rejected]


def test_a_request_rejected_as_political_is_never_a_hit_for_a_country(
    runtime: Runtime, http: httpx.Client
) -> None:
    treason = fraud_offence(provision="Criminal Code, art. 275", description="High treason", category=None)
    rejected = ru_request(runtime, offences=[treason])
    border = bearer(make_token(runtime, Role.NCB_OFFICER, "DE"))
    reviewer = bearer(make_token(runtime, Role.REVIEWER))
    body = {"names": ["Ирина Соколова"], "birth_date": "1988-02-03"}
    seen_by_country = http.post("/api/v1/search/persons", json=body, headers=border).json()
    seen_by_reviewer = http.post("/api/v1/search/persons", json=body, headers=reviewer).json()
    assert rejected not in str(seen_by_country)
    assert rejected in str(seen_by_reviewer)


def test_the_requester_record_takes_commission_outcomes_from_its_caller(runtime: Runtime) -> None:
    rq.published(runtime, "FR")
    with runtime.session() as s:
        record = gather.requester_record(s, "FR", complaints=12, overturned=6)
    assert (record.published, record.refused, record.complaints, record.overturned) == (1, 0, 12, 6)


@pytest.mark.parametrize(
    ("reason", "codes"),
    [
        (
            "refused on review: article3_political, private_dispute",
            ("art3_political_predominance", "private_dispute"),
        ),
        ("blocked by screening: refugee_protected_status", ("refugee_protected_status",)),
        ("withdrawn by the requester", ()),
        (None, ()),
    ],
)
def test_refusal_codes(reason: str | None, codes: tuple[str, ...]) -> None:
    assert gather.refusal_codes(reason) == codes


def test_the_requester_never_sees_the_evidence(runtime: Runtime, http: httpx.Client) -> None:
    protect(runtime, ProtectionKind.ASYLUM_SEEKER, country="LT", against="RU")
    token = make_token(runtime, Role.NCB_OFFICER, "RU")
    document = rq.document("RU", subject=SUBJECT).model_dump(mode="json", exclude_none=True)
    response = http.post("/api/v1/requests", json=document, headers=bearer(token))
    assert response.status_code == 201, response.text
    body = response.json()
    assert body["screening"]["route"] == "blocked"
    assert "refugee_protected_status" in body["screening"]["reasons"]
    ref = body["request"]["ref"]
    read = http.get(f"/api/v1/requests/{ref}", headers=bearer(token))
    screening = http.get(f"/api/v1/requests/{ref}/screening", headers=bearer(token))
    register_view = http.get("/api/v1/register", headers=bearer(token))
    assert screening.status_code == 403
    assert register_view.json() == []
    for text in (response.text, read.text):
        assert '"LT"' not in text  # no country of asylum anywhere...
        assert "evidence" not in text
        assert "registered by" not in text
        assert "P-0" not in text  # ...and no register entry
