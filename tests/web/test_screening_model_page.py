"""The screening model page: in Chromium, a senior reviewer retrains (first with too few decisions,
then with enough) and sees the new card; a reviewer reads it without the form. The refusals (no
CSRF token, a reviewer posting) are checked over plain HTTP."""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest

from article3.actors import Role
from article3.bootstrap import Runtime
from tests.factories.accounts import PASSWORD, make_user
from tests.screening_service.test_training import generate_decisions
from tests.support.browser import chromium, log_in
from tests.web.test_page_permissions import login


@pytest.mark.browser
def test_retrain_shows_the_error_then_the_new_card(runtime: Runtime, server: str, artifacts: Path) -> None:
    make_user(runtime, Role.SENIOR_REVIEWER, username="senior-model")
    make_user(runtime, Role.REVIEWER, username="reviewer-model")
    with chromium() as browser:
        senior = browser.new_context().new_page()
        log_in(senior, server, "senior-model", PASSWORD)
        senior.click("[data-testid=nav-screening-model]")
        senior.wait_for_url(f"{server}/screening/model")
        assert senior.is_visible("[data-testid=no-model]")

        senior.click("[data-testid=retrain]")  # nothing decided yet
        senior.wait_for_selector("[data-testid=retrain-error]")
        error = senior.locator("[data-testid=retrain-error]")
        assert error.get_attribute("data-code") == "screening.training_data_insufficient"
        assert "at least 20 decided requests" in error.inner_text()
        assert senior.is_visible("[data-testid=no-model]")

        generate_decisions(runtime, 24, seed=5)
        senior.click("[data-testid=retrain]")
        senior.wait_for_url(f"{server}/screening/model?retrained=true")
        version = runtime.clock.now().strftime("%Y%m%d%H%M%S")
        assert senior.inner_text("[data-testid=model-version]") == version
        assert version in senior.inner_text("[data-testid=retrained]")
        assert senior.inner_text("[data-testid=model-n]") == "24"
        assert senior.locator("[data-testid=calibration] tbody tr").count() >= 1
        senior.screenshot(path=str(artifacts / "model.png"), full_page=True)

        reviewer = browser.new_context().new_page()
        log_in(reviewer, server, "reviewer-model", PASSWORD, then="/screening/model")
        assert reviewer.inner_text("[data-testid=model-version]") == version
        assert reviewer.locator("[data-testid=retrain-form]").count() == 0


def test_retraining_needs_the_csrf_token_and_a_senior_reviewer(runtime: Runtime, http: httpx.Client) -> None:
    make_user(runtime, Role.SENIOR_REVIEWER, username="senior-form")
    make_user(runtime, Role.REVIEWER, username="reviewer-form")
    login(http, "senior-form")
    page = http.get("/screening/model")
    assert page.status_code == 200 and 'data-testid="retrain-form"' in page.text
    assert http.post("/screening/model", data={}).status_code == 403  # no CSRF token
    assert http.post("/screening/model", data={"csrf": "forged"}).status_code == 403

    http.post("/logout", data={"csrf": page.text.split('name="csrf" value="')[1].split('"')[0]})
    login(http, "reviewer-form")
    page = http.get("/screening/model")
    assert page.status_code == 200 and 'data-testid="retrain-form"' not in page.text
    csrf = page.text.split('name="csrf" value="')[1].split('"')[0]
    assert http.post("/screening/model", data={"csrf": csrf}).status_code == 403
