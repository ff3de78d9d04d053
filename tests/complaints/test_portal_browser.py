"""The applicant's portal in a real browser: lodge with a document, get a case number and a login,
follow the case, and read the decision once the commission has decided (in between, the
commission works through its own pages)."""

from __future__ import annotations

from pathlib import Path

from article3.actors import Role
from article3.bootstrap import Runtime
from tests.factories import requests as rq
from tests.factories.accounts import PASSWORD, make_user
from tests.support.browser import chromium, log_in


def test_applicant_lodges_follows_and_reads_the_decision(
    runtime: Runtime, server: str, tmp_path: Path
) -> None:
    request_ref = rq.published(runtime, "FR")
    make_user(runtime, Role.CCF_SECRETARIAT, username="sec")
    make_user(runtime, Role.CCF_MEMBER, username="member")
    evidence = tmp_path / "asylum.pdf"
    evidence.write_bytes(b"%PDF-1.4\n% asylum decision\n")
    with chromium() as browser:
        page = browser.new_page()
        page.goto(f"{server}/portal")
        page.click("[data-testid=lodge-link]")
        page.select_option("select[name=kind]", "deletion")
        page.fill("input[name=given]", "Marc")
        page.fill("input[name=family]", "Delorme")
        page.fill("input[name=birth_date]", "1984-07-12")
        page.fill("input[name=contact]", "marc@example.org")
        page.fill("[data-testid=statement]", "short")  # too short: the form comes back with the error
        page.click("[data-testid=lodge-submit]")
        assert "statement" in page.inner_text("[data-testid=form-errors]")
        page.fill(
            "[data-testid=statement]", "The charges were invented after I testified against a minister."
        )
        page.check("input[name=grounds][value=art3_political_predominance]")
        page.set_input_files("input[name=documents]", str(evidence))
        page.click("[data-testid=lodge-submit]")
        page.wait_for_url(f"{server}/portal/lodged")
        ref = page.inner_text("[data-testid=case-ref]")
        username = page.inner_text("[data-testid=login-username]")
        password = page.inner_text("[data-testid=login-password]")

        log_in(page, server, username, password, "/portal/cases")
        case = page.locator(f"[data-ref='{ref}']")
        assert case.locator("[data-testid=status]").inner_text() == "received"
        assert case.locator("[data-testid=decision]").count() == 0

        staff = browser.new_page()
        log_in(staff, server, "sec", PASSWORD, "/complaints")
        staff.goto(f"{server}/complaints/{ref}")
        assert request_ref in staff.inner_text("[data-testid=links]")
        staff.fill("[data-testid=assess-form] input[name=reason]", "the request is in order")
        staff.click("[data-testid=assess-form] button[value=yes]")
        staff.wait_for_url(f"{server}/complaints/{ref}")
        staff.context.clear_cookies()
        log_in(staff, server, "member", PASSWORD, "/complaints")
        staff.goto(f"{server}/complaints/{ref}")
        staff.select_option("select[name=outcome]", "non_compliant")
        staff.select_option("select[name='finding.invalid_judicial_basis']", "upheld")
        staff.fill("textarea[name=applicant_text]", "The data about you were deleted.")
        staff.click("[data-testid=decide-submit]")
        staff.wait_for_url(f"{server}/complaints/{ref}")
        assert "non_compliant" in staff.inner_text("[data-testid=decision]")

        page.reload()
        case = page.locator(f"[data-ref='{ref}']")
        assert case.locator("[data-testid=status]").inner_text() == "decided"
        assert case.locator("[data-testid=outcome]").inner_text() == "non compliant"
        assert "deleted" in case.locator("[data-testid=applicant-text]").inner_text()
        decision = case.locator("[data-testid=decision]").inner_text()
        assert "art3 political predominance: not examined" in decision
        assert f"{request_ref}: deleted" in case.locator("[data-testid=data-held]").inner_text()

        page.goto(f"{server}/ccf/register")
        assert "non_compliant" in page.inner_text("[data-testid=register]").replace(
            "non compliant", "non_compliant"
        )
        assert "Delorme" not in page.content()
