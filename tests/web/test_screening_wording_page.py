"""The wording counts page: in Chromium, a reviewer follows the link from the model page and sees
the figures and the leaning phrases the counted decisions give; before any count, the page says so.
An NCB officer is refused over plain HTTP."""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest

from article3.actors import Role
from article3.bootstrap import Runtime
from article3.config import WordingUse
from tests.api.test_screening_wording import count_decisions
from tests.factories.accounts import PASSWORD, make_user
from tests.support.browser import chromium, log_in
from tests.web.test_page_permissions import login


@pytest.mark.browser
def test_a_reviewer_sees_the_figures_and_the_leaning_phrases(
    runtime: Runtime, server: str, artifacts: Path
) -> None:
    make_user(runtime, Role.REVIEWER, username="reviewer-wording")
    runtime.settings = runtime.settings.model_copy(update={"wording": WordingUse.SCREEN})
    with chromium() as browser:
        page = browser.new_context().new_page()
        log_in(page, server, "reviewer-wording", PASSWORD, then="/screening/model")
        page.click("[data-testid=wording-link]")
        page.wait_for_url(f"{server}/screening/wording")
        assert page.inner_text("[data-testid=wording-use]") == "screen"
        assert page.inner_text("[data-testid=wording-decided]") == "0"
        assert page.is_visible("[data-testid=wording-not-calibrated]")
        assert page.is_visible("[data-testid=wording-no-phrases]")
        assert "ARTICLE3_WORDING=screen" in page.inner_text("main")

        counted = count_decisions(runtime)
        page.reload()
        assert page.inner_text("[data-testid=wording-decided]") == str(counted.decided)
        assert page.inner_text("[data-testid=wording-non-compliant]") == str(counted.non_compliant)
        assert page.inner_text("[data-testid=wording-phrases]") == str(len(counted.uses))
        assert page.inner_text("[data-testid=wording-usable]") == str(len(counted.usable()))
        assert page.inner_text("[data-testid=wording-calibration-n]") == str(counted.decided)
        assert page.inner_text("[data-testid=wording-calibration-positives]") == str(counted.non_compliant)
        rows = page.locator("[data-testid=wording-phrase]")
        assert rows.count() == min(30, len(counted.usable()))
        phrase = rows.first.locator("[data-testid=wording-phrase-text]").inner_text()
        uses = counted.uses[phrase]
        assert rows.first.locator("td").nth(1).inner_text() == str(uses[True])
        assert rows.first.locator("td").nth(2).inner_text() == str(uses[False])
        assert "quokka" not in page.inner_text("[data-testid=wording-leaning]")
        page.screenshot(path=str(artifacts / "wording.png"), full_page=True)


def test_an_ncb_officer_is_refused(runtime: Runtime, http: httpx.Client) -> None:
    make_user(runtime, Role.NCB_OFFICER, "FR", username="officer-wording")
    login(http, "officer-wording")
    assert http.get("/screening/wording").status_code == 403


@pytest.mark.browser
def test_a_senior_reviewer_calibrates_from_the_page(runtime: Runtime, server: str) -> None:
    make_user(runtime, Role.SENIOR_REVIEWER, username="senior-wording")
    make_user(runtime, Role.REVIEWER, username="reviewer-no-button")
    with chromium() as browser:
        page = browser.new_context().new_page()
        log_in(page, server, "reviewer-no-button", PASSWORD, then="/screening/wording")
        assert page.locator("[data-testid=calibrate]").count() == 0  # reviewers read, seniors calibrate
        page = browser.new_context().new_page()
        log_in(page, server, "senior-wording", PASSWORD, then="/screening/wording")
        page.click("[data-testid=calibrate]")
        assert (
            page.get_attribute("[data-testid=calibrate-error]", "data-code")
            == "screening.wording_data_insufficient"
        )
        counted = count_decisions(runtime, calibrate=False)
        page.goto(f"{server}/screening/wording")
        assert page.is_visible("[data-testid=wording-not-calibrated]")
        page.click("[data-testid=calibrate]")
        page.wait_for_url(f"{server}/screening/wording?calibrated=true")
        assert page.is_visible("[data-testid=calibrated]")
        assert page.inner_text("[data-testid=wording-calibration-n]") == str(counted.decided)
