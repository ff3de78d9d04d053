"""The refusal control through real HTTP (the API) and a real browser (the review pages)."""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest
from typer.testing import CliRunner

from article3.actors import Role
from article3.bootstrap import Runtime
from article3.cli.main import app
from article3.config import Settings
from article3.review.rules import Factor
from tests.factories import requests as rq
from tests.factories.accounts import bearer, make_token, make_user
from tests.support.browser import chromium
from tests.web.test_requests_flow import FACTS, _login

PREFIX = "/api/v1"


def test_the_api_returns_the_review_state_and_keeps_a_pending_refusal_from_the_requester(
    runtime: Runtime, http: httpx.Client
) -> None:
    first, second, requester = (
        make_token(runtime, Role.REVIEWER),
        make_token(runtime, Role.REVIEWER),
        make_token(runtime, Role.NCB_OFFICER, "FR"),
    )
    ref = rq.submit(runtime, make_user(runtime, Role.NCB_OFFICER, "FR"), rq.document("FR", facts=FACTS))
    refusal = rq.refuse().model_dump(mode="json")

    proposed = http.post(f"{PREFIX}/review/{ref}/decide", json=refusal, headers=bearer(first))
    assert proposed.status_code == 200, proposed.text
    assert (proposed.json()["status"], proposed.json()["review_state"]) == ("in_review", "refusal_pending")
    queue = http.get(f"{PREFIX}/review/queue", headers=bearer(second)).json()
    assert [(i["request_ref"], i["state"], i["refusals_needed"]) for i in queue] == [
        (ref, "refusal_pending", 2)
    ]
    seen = http.get(f"{PREFIX}/requests/{ref}", headers=bearer(requester)).json()
    assert (seen["status"], seen["status_reason"]) == ("in_review", None) and "review_state" not in seen
    assert http.get(f"{PREFIX}/inbox", headers=bearer(requester)).json() == []

    again = http.post(f"{PREFIX}/review/{ref}/decide", json=refusal, headers=bearer(first))
    assert again.status_code == 403 and again.json()["error"]["code"] == "review.same_reviewer"
    confirmed = http.post(f"{PREFIX}/review/{ref}/decide", json=refusal, headers=bearer(second))
    assert (confirmed.json()["status"], confirmed.json()["review_state"]) == ("refused", "refused")
    assert [n["kind"] for n in http.get(f"{PREFIX}/inbox", headers=bearer(requester)).json()] == ["refused"]

    schema = http.get(f"{PREFIX}/openapi.json").json()
    decide = schema["paths"][f"{PREFIX}/review/{{ref}}/decide"]["post"]
    assert decide["responses"]["200"]["content"]["application/json"]["schema"]["$ref"].endswith(
        "/ReviewDecisionResult"
    )
    states = schema["components"]["schemas"]["ReviewState"]["enum"]
    assert {"refusal_pending", "senior_decision"} <= set(states)


@pytest.mark.browser
def test_a_reviewer_sees_a_refusal_awaiting_confirmation(
    runtime: Runtime, server: str, artifacts: Path
) -> None:
    first = make_user(runtime, Role.REVIEWER)
    make_user(runtime, Role.REVIEWER, username="second-reviewer")
    make_user(runtime, Role.NCB_OFFICER, "FR", username="fr-requester")
    ref = rq.submit(runtime, make_user(runtime, Role.NCB_OFFICER, "FR"), rq.document("FR", facts=FACTS))
    rq.decide(runtime, first, ref, rq.refuse(), confirm=False)
    with chromium() as browser:
        rev = _login(browser, server, "second-reviewer")
        rev.goto(f"{server}/review")
        state = rev.locator(f"[data-testid=queue] tr[data-ref='{ref}'] [data-testid=item-state]")
        assert state.get_attribute("data-state") == "refusal_pending"
        assert "refusal awaiting confirmation" in state.inner_text()
        rev.click(f"[data-testid=queue] tr[data-ref='{ref}'] a")
        rev.wait_for_url(f"{server}/review/{ref}")
        assert "refusal proposed by a reviewer, awaiting a second reviewer" in rev.inner_text(
            "[data-testid=review-state]"
        )
        rev.screenshot(path=str(artifacts / "refusal-pending.png"), full_page=True)
        fr = _login(browser, server, "fr-requester")
        fr.goto(f"{server}/requests/{ref}")
        assert fr.inner_text("[data-testid=status]") == "in_review"
        assert "refus" not in fr.inner_text("main").lower()


def test_the_command_line_prints_the_review_state(runtime: Runtime, settings: Settings) -> None:
    make_user(runtime, Role.REVIEWER, username="cli-one")
    make_user(runtime, Role.REVIEWER, username="cli-two")
    ref = rq.in_review(runtime, "FR")
    cli = CliRunner(env={"ARTICLE3_DATABASE_URL": settings.database_url, "ARTICLE3_ENVIRONMENT": "test"})
    factors = [f"--factor={f.value}=ordinary_crime" for f in Factor]
    refuse = ["review", "decide", ref, "refuse", "--ground", "private_dispute", *factors]
    first = cli.invoke(app, [*refuse, "--as", "cli-one"])
    assert first.exit_code == 0, first.output
    assert first.stdout.strip() == f"{ref} in_review (review: refusal_pending)"
    queue = cli.invoke(app, ["review", "queue", "--as", "cli-two"])
    assert "refusal awaiting confirmation" in queue.stdout
    again = cli.invoke(app, [*refuse, "--as", "cli-one"])
    assert again.exit_code == 1 and "error[review.same_reviewer]" in again.stderr
    second = cli.invoke(app, [*refuse, "--as", "cli-two"])
    assert second.stdout.strip() == f"{ref} refused (review: refused)"
