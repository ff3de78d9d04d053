"""Request pages end to end: submit through the form, review with findings and factors, publish, inbox.

The flow runs in a real headless Chromium; the refusals (invalid input, another country's request
before publication, a form without its CSRF token) are checked over plain HTTP.
"""

from __future__ import annotations

import json
import re
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest
from playwright.sync_api import Browser, Page

from article3.actors import Actor, Role
from article3.bootstrap import Runtime
from article3.db.session import transaction
from article3.notices.document import RequestDocument
from article3.notices.rules import Status
from article3.notices.schemas import RequestRead
from article3.review.rules import Factor
from article3.web.routes.requests import available_actions
from article3.workflows import submit_request
from tests.conftest import START
from tests.factories.accounts import PASSWORD, make_user
from tests.notices.samples import HOMICIDE_FACTS, red_notice
from tests.support.browser import chromium, log_in

REF = re.compile(r"/requests/(A3-\d{4}-\d{6})$")
# An ordinary murder whose facts also mention criticism and a publication: the screening finds
# both (low weight, evidence pointing into the facts) and sends it to standard review.
FACTS = HOMICIDE_FACTS + " The subject had criticised the mayor in a local newspaper."


def _login(browser: Browser, server: str, username: str) -> Page:
    page = browser.new_context().new_page()
    log_in(page, server, username, PASSWORD)
    return page


def _fill_red_notice(page: Page, doc: dict[str, Any]) -> None:
    subject, offence, warrant = doc["subject"], doc["offences"][0], doc["warrant"]
    page.select_option("select[name=kind]", doc["kind"])
    page.select_option("select[name=purpose]", doc["purpose"])
    page.fill("input[name='subject.names[0].given']", subject["names"][0]["given"])
    page.fill("input[name='subject.names[0].family']", subject["names"][0]["family"])
    page.fill("textarea[name='subject.other_names']", subject["names"][1]["full"])
    page.fill("input[name='subject.birth_date']", subject["birth_date"])
    page.fill("input[name='subject.birth_place']", subject["birth_place"])
    page.select_option("select[name='subject.sex']", subject["sex"])
    page.fill("input[name='subject.nationalities']", ", ".join(subject["nationalities"]))
    for key in ("provision", "description", "committed_on", "place", "category"):
        page.fill(f"input[name='offences[0].{key}']", offence[key])
    page.select_option("select[name='warrant.kind']", warrant["kind"])
    for key in ("authority", "issued_on", "reference"):
        page.fill(f"input[name='warrant.{key}']", warrant[key])
    page.fill("input[name='penalty.max_years']", str(doc["penalty"]["max_years"]))
    page.fill("textarea[name=facts]", doc["facts"])
    page.select_option("select[name=extradition_will_be_sought]", "yes")


@pytest.mark.browser
def test_submit_review_publish_and_the_other_bureau_sees_it(
    runtime: Runtime, server: str, artifacts: Path
) -> None:
    make_user(runtime, Role.NCB_OFFICER, "FR", username="fr-officer")
    make_user(runtime, Role.REVIEWER, username="reviewer-one")
    make_user(runtime, Role.NCB_OFFICER, "DE", username="de-officer")
    with chromium() as browser:
        # The French bureau submits a red notice through the form.
        fr = _login(browser, server, "fr-officer")
        fr.click("[data-testid=nav-requests-new]")
        fr.wait_for_url(f"{server}/requests/new")
        fr.click("[data-testid=submit-request]")  # empty: every missing field is named
        assert fr.is_visible("[data-testid=form-errors] li[data-path=facts]")
        assert fr.locator(".field-error[data-path='offences[0].provision']").count() == 1
        fr.screenshot(path=str(artifacts / "invalid.png"), full_page=True)
        _fill_red_notice(fr, red_notice(facts=FACTS))
        fr.click("[data-testid=submit-request]")
        fr.wait_for_url(REF)
        match = REF.search(fr.url)
        assert match is not None
        ref = match.group(1)
        assert fr.inner_text("[data-testid=status]") == "in_review"
        assert fr.is_visible("[data-testid=submitted]")
        assert fr.inner_text("[data-testid=route]") == "standard review"
        assert "facts_criticism" in fr.inner_text("[data-testid=submitted]")
        assert "not an arrest warrant" in fr.inner_text("[data-testid=not-a-warrant]")
        assert "Delorme" in fr.inner_text("[data-testid=document]")
        fr.screenshot(path=str(artifacts / "submitted.png"), full_page=True)

        # A reviewer takes it from the queue, reads the findings and approves with every factor.
        rev = _login(browser, server, "reviewer-one")
        rev.click("[data-testid=nav-review]")
        rev.wait_for_url(f"{server}/review")
        row = rev.locator(f"[data-testid=queue] tr[data-ref='{ref}']")
        assert row.count() == 1
        row.locator("[data-testid=claim]").click()
        rev.wait_for_url(f"{server}/review/{ref}")
        findings = rev.locator("[data-testid=findings] > li")
        assert findings.count() == 2
        assert findings.nth(0).get_attribute("data-code") == "facts_criticism"
        assert "criticised" in findings.nth(0).locator("[data-kind=facts] blockquote").inner_text()
        rev.check("input[name=decision][value=approve]")
        rev.check("input[name=grounds][value=criteria_met]")
        for factor in Factor:
            rev.select_option(f"select[name='factors.{factor.value}.assessment']", "ordinary_crime")
            rev.fill(f"input[name='factors.{factor.value}.note']", f"{factor.value}: nothing political")
        rev.fill("textarea[name=note]", "Ordinary homicide; every criterion met.")
        rev.screenshot(path=str(artifacts / "review.png"), full_page=True)
        rev.click("[data-testid=record-decision]")
        rev.wait_for_url(f"{server}/requests/{ref}")
        assert rev.inner_text("[data-testid=status]") == "published"
        assert rev.locator("[data-action=cancel]").count() == 0  # a reviewer, not a senior reviewer

        # Germany now sees the notice in its list and the publication in its inbox.
        de = _login(browser, server, "de-officer")
        de.click("[data-testid=nav-requests]")
        de.wait_for_url(f"{server}/requests")
        assert de.locator(f"[data-testid=requests] tr[data-ref='{ref}']").count() == 1
        de.goto(f"{server}/requests/{ref}")
        assert de.locator("[data-action=flag]").count() == 1
        assert de.locator("[data-action=withdraw]").count() == 0
        de.click("[data-testid=nav-inbox]")
        de.wait_for_url(f"{server}/inbox")
        published = de.locator("[data-testid=inbox] tr[data-kind=published]")
        assert published.count() == 1
        assert ref in published.inner_text()
        shot = artifacts / "inbox.png"
        de.screenshot(path=str(shot), full_page=True)
        assert shot.stat().st_size > 1000
        published.locator("[data-testid=mark-read]").click()
        de.wait_for_url(f"{server}/inbox")
        assert de.locator("[data-testid=inbox] [data-testid=mark-read]").count() == 0


# ---- plain HTTP ------------------------------------------------------------------------------------


def _csrf(html: str) -> str:
    return html.split('name="csrf" value="')[1].split('"', maxsplit=1)[0]


def _login_http(http: httpx.Client, username: str) -> None:
    response = http.post(
        "/login", data={"username": username, "password": PASSWORD, "csrf": _csrf(http.get("/login").text)}
    )
    assert response.status_code == 303


def _submit_directly(runtime: Runtime, actor: Actor) -> str:
    with runtime.session() as session, transaction(session):
        request, _ = submit_request(
            session,
            actor=actor,
            document=RequestDocument.model_validate(red_notice()),
            settings=runtime.settings,
            now=runtime.clock.now(),
        )
        return request.ref


def test_invalid_form_input_shows_each_field_path_with_422(runtime: Runtime, http: httpx.Client) -> None:
    make_user(runtime, Role.NCB_OFFICER, "FR", username="fr-invalid")
    _login_http(http, "fr-invalid")
    csrf = _csrf(http.get("/requests/new").text)
    response = http.post(
        "/requests/new",
        data={
            "csrf": csrf,
            "action": "submit",
            "kind": "red_notice",
            "purpose": "arrest",
            "requesting_country": "FR",
            "recipients": "DE",
            "subject.birth_date": "1984-13-40",
            "subject.nationalities": "fr",
            "offences[0].description": "Murder",
            "penalty.max_years": "thirty",
            "facts": "   ",
        },
    )
    assert response.status_code == 422
    for path in (
        "recipients",
        "subject.names",
        "subject.birth_date",
        "subject.nationalities[0]",
        "offences[0].provision",
        "warrant",
        "penalty.max_years",
        "facts",
        "extradition_will_be_sought",
    ):
        assert f'data-path="{path}"' in response.text, path
    assert 'value="Murder"' in response.text  # what was typed is kept

    more = http.post(
        "/requests/new", data={"csrf": csrf, "action": "add_offence", "offences[0].place": "Lyon"}
    )
    assert more.status_code == 200
    assert 'name="offences[1].provision"' in more.text
    assert 'value="Lyon"' in more.text

    pasted = red_notice(purpose="locate", penalty={"max_years": 30, "remaining_months": 3})
    response = http.post("/requests/new", data={"csrf": csrf, "document_json": json.dumps(pasted)})
    assert response.status_code == 422
    assert 'data-path="purpose"' in response.text
    assert 'data-path="penalty"' in response.text
    assert http.get("/requests").text.count("data-ref=") == 0  # nothing was stored


def test_another_country_cannot_see_a_request_in_review(runtime: Runtime, http: httpx.Client) -> None:
    fr = make_user(runtime, Role.NCB_OFFICER, "FR")
    make_user(runtime, Role.NCB_OFFICER, "DE", username="de-peek")
    ref = _submit_directly(runtime, fr)
    _login_http(http, "de-peek")
    response = http.get(f"/requests/{ref}")
    assert response.status_code == 404
    assert 'data-code="request.not_found"' in response.text
    assert ref not in http.get("/requests").text
    assert http.get(f"/review/{ref}").status_code == 403  # and the review pages are not for bureaus


def test_posts_without_the_csrf_token_are_refused(runtime: Runtime, http: httpx.Client) -> None:
    fr = make_user(runtime, Role.NCB_OFFICER, "FR", username="fr-csrf")
    ref = _submit_directly(runtime, fr)
    _login_http(http, "fr-csrf")
    response = http.post("/requests/new", data={"document_json": json.dumps(red_notice())})
    assert response.status_code == 403
    assert 'data-code="auth.csrf"' in response.text
    response = http.post(f"/requests/{ref}/withdraw", data={"reason": "no longer sought", "csrf": "forged"})
    assert response.status_code == 403
    assert http.post("/inbox/1/read").status_code == 403
    assert http.get("/requests").text.count("data-ref=") == 1  # only the request stored directly


def test_a_requester_cannot_publish_its_own_request_by_resuming_it(
    runtime: Runtime, http: httpx.Client
) -> None:
    fr = make_user(runtime, Role.NCB_OFFICER, "FR", username="fr-resume")
    ref = _submit_directly(runtime, fr)
    _login_http(http, "fr-resume")
    page = http.get(f"/requests/{ref}").text
    assert "data-action=" not in page  # nothing to do while the request is in review
    response = http.post(f"/requests/{ref}/resume", data={"reason": "publish it now", "csrf": _csrf(page)})
    assert response.status_code == 409
    assert 'data-status="in_review"' in http.get(f"/requests/{ref}").text


# ---- which buttons show (pure) ---------------------------------------------------------------------


def _read(status: Status, *, expires_at: datetime | None = None) -> RequestRead:
    return RequestRead(
        ref="A3-2026-000001",
        kind="red_notice",
        purpose="arrest",
        requesting_country="FR",
        recipients=[],
        status=status,
        status_reason=None,
        route="standard_review",
        risk=0.2,
        submitted_at=START,
        published_at=None,
        expires_at=expires_at,
        intake_failures=[],
        document=None,
        flag_count=0,
    )


FR_OFFICER = Actor(1, Role.NCB_OFFICER, "FR")
DE_OFFICER = Actor(2, Role.NCB_OFFICER, "DE")


@pytest.mark.parametrize(
    ("actor", "status", "own_flag", "expected"),
    [
        (FR_OFFICER, Status.IN_REVIEW, False, []),
        (FR_OFFICER, Status.PUBLISHED, False, ["suspend", "withdraw"]),
        (FR_OFFICER, Status.SUSPENDED, False, ["resume", "withdraw"]),
        (FR_OFFICER, Status.WITHDRAWN, False, []),
        (DE_OFFICER, Status.PUBLISHED, False, ["flag"]),
        (DE_OFFICER, Status.PUBLISHED, True, []),
        (Actor(3, Role.REVIEWER), Status.PUBLISHED, False, []),
        (Actor(4, Role.SENIOR_REVIEWER), Status.PUBLISHED, False, ["cancel"]),
        (Actor(4, Role.SENIOR_REVIEWER), Status.IN_REVIEW, False, []),
    ],
)
def test_buttons_follow_the_rules(actor: Actor, status: Status, own_flag: bool, expected: list[str]) -> None:
    far = START + timedelta(days=5 * 365)
    assert available_actions(actor, _read(status, expires_at=far), own_flag=own_flag, now=START) == expected


def test_renewal_is_offered_to_the_requester_from_six_months_before_expiry() -> None:
    soon = _read(Status.PUBLISHED, expires_at=START + timedelta(days=90))
    assert "renew" in available_actions(FR_OFFICER, soon, own_flag=False, now=START)
    assert "renew" not in available_actions(DE_OFFICER, soon, own_flag=False, now=START)
