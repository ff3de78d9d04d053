"""The border check page in a real browser: a Latin query finds a Cyrillic notice, explained."""

from __future__ import annotations

from pathlib import Path

import pytest

from article3.actors import Role
from article3.bootstrap import Runtime
from tests.factories import requests as rq
from tests.factories.accounts import PASSWORD, make_user
from tests.support.browser import chromium

pytestmark = pytest.mark.browser
RUSSIAN = {
    "names": [{"full": "Игорь Пестриков"}],
    "birth_date": "1961-03-12",
    "nationalities": ["RU"],
    "sex": "M",
}


def test_border_check_finds_and_explains(runtime: Runtime, server: str, artifacts: Path) -> None:
    ref = rq.submit(runtime, make_user(runtime, Role.NCB_OFFICER, "FR"), rq.document("FR", subject=RUSSIAN))
    hidden = rq.submit(
        runtime, make_user(runtime, Role.NCB_OFFICER, "FR"), rq.document("FR", subject=RUSSIAN)
    )
    rq.decide(runtime, make_user(runtime, Role.REVIEWER), ref, rq.approve())
    make_user(runtime, Role.NCB_OFFICER, "DE", username="border-de")
    with chromium() as browser:
        page = browser.new_page()
        page.goto(f"{server}/login?next=/search")
        page.fill("input[name=username]", "border-de")
        page.fill("input[name=password]", PASSWORD)
        page.click("button[type=submit]")
        page.wait_for_url(f"{server}/search")
        page.fill("textarea[name=names]", "PESTRIKOW IGOR")
        page.fill("input[name=birth_date]", "1961-03")
        page.click("form.card button[type=submit]")
        page.wait_for_selector("[data-testid=hits] tbody tr")  # count() does not wait for the results
        rows = page.locator("[data-testid=hits] tbody tr")
        assert rows.count() == 1  # the in-review request is not visible to DE
        assert rows.first.get_attribute("data-ref") == ref
        assert hidden != ref
        assert "match" in rows.first.inner_text()
        assert "birth date" in rows.first.inner_text()
        page.screenshot(path=str(artifacts / "search.png"), full_page=True)
        page.fill("textarea[name=names]", "")
        page.evaluate("document.querySelector('textarea[name=names]').removeAttribute('required')")
        page.click("form.card button[type=submit]")
        assert "names" in page.inner_text("[data-testid=errors]")
