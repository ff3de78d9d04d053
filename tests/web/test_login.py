"""The web shell in a real headless Chromium: log in, see the role's home, countries, log out."""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest

from article3.actors import Role
from article3.bootstrap import Runtime
from tests.factories.accounts import PASSWORD, make_user
from tests.support.browser import chromium

pytestmark = pytest.mark.browser


def test_login_home_countries_logout(runtime: Runtime, server: str, artifacts: Path) -> None:
    make_user(runtime, Role.REVIEWER, username="rev-browser")
    with chromium() as browser:
        page = browser.new_page()
        page.goto(f"{server}/countries")
        assert "/login" in page.url  # not logged in: sent to the login page
        page.fill("input[name=username]", "rev-browser")
        page.fill("input[name=password]", "wrong password")
        page.click("button[type=submit]")
        assert "Wrong username or password" in page.inner_text("[role=alert]")
        page.fill("input[name=username]", "rev-browser")
        page.fill("input[name=password]", PASSWORD)
        page.click("button[type=submit]")
        page.wait_for_url(f"{server}/countries")
        assert page.locator("[data-testid=countries] tbody tr").count() == 196
        page.goto(f"{server}/")
        assert page.get_attribute("[data-testid=role-home]", "data-role") == "reviewer"
        shot = artifacts / "home.png"
        page.screenshot(path=str(shot), full_page=True)
        assert shot.stat().st_size > 1000
        page.click("text=Log out")
        page.wait_for_url(f"{server}/login")
        page.goto(f"{server}/")
        assert "/login" in page.url


def test_session_cookie_is_httponly_and_samesite(runtime: Runtime, http: httpx.Client) -> None:
    make_user(runtime, Role.AUDITOR, username="aud-cookie")
    form = http.get("/login").text
    csrf = form.split('name="csrf" value="')[1].split('"')[0]
    response = http.post("/login", data={"username": "aud-cookie", "password": PASSWORD, "csrf": csrf})
    assert response.status_code == 303
    cookie = response.headers["set-cookie"].lower()
    assert "httponly" in cookie
    assert "samesite=lax" in cookie


def test_forms_without_the_csrf_token_are_refused(runtime: Runtime, http: httpx.Client) -> None:
    make_user(runtime, Role.AUDITOR, username="aud-csrf")
    http.get("/login")
    response = http.post("/login", data={"username": "aud-csrf", "password": PASSWORD, "csrf": "forged"})
    assert response.status_code == 403
    assert 'data-code="auth.csrf"' in response.text


def test_unknown_page_shows_the_error_on_the_page(http: httpx.Client) -> None:
    response = http.get("/no-such-page")
    assert response.status_code == 404
    assert 'data-code="not_found"' in response.text
