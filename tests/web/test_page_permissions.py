"""Every role against every guarded page (GET): forbidden pairs get the 403 page, allowed ones 200."""

from __future__ import annotations

from collections.abc import Callable

import httpx
import pytest
from fastapi.routing import APIRoute

from article3.accounts.permissions import PERMISSIONS, Permission
from article3.actors import Role
from article3.bootstrap import Runtime
from article3.deps import Gate
from article3.web.routes import complaints, countries, inbox, oversight, portal, requests, review, search
from article3.web.routes import messages as messages_pages
from article3.web.routes import register as register_pages
from article3.web.routes import screening as screening_pages
from tests.factories import complaints as cc
from tests.factories import messages as mf
from tests.factories import requests as rq
from tests.factories.accounts import PASSWORD, make_user

PAGES: dict[str, Callable[[Runtime], str]] = {
    "/countries": lambda rt: "/countries",
    "/inbox": lambda rt: "/inbox",
    "/requests": lambda rt: "/requests",
    "/requests/new": lambda rt: "/requests/new",
    "/requests/{ref}": lambda rt: f"/requests/{rq.published(rt, 'DE')}",
    "/review": lambda rt: "/review",
    "/review/{ref}": lambda rt: f"/review/{rq.in_review(rt, 'DE')}",
    "/search": lambda rt: "/search",
    "/register": lambda rt: "/register",
    "/messages": lambda rt: "/messages",
    "/messages/new": lambda rt: "/messages/new",
    "/messages/{ref}": lambda rt: f"/messages/{mf.delivered(rt)[0]}",
    "/messages/{ref}/attachments/{attachment_id}": lambda rt: "/messages/{}/attachments/{}".format(
        *mf.delivered(rt)
    ),
    "/compliance/messages": lambda rt: "/compliance/messages",
    "/compliance/messages/{ref}": lambda rt: f"/compliance/messages/{mf.held(rt)[0]}",
    "/compliance/messages/{ref}/attachments/{attachment_id}": lambda rt: (
        "/compliance/messages/{}/attachments/{}".format(*mf.held(rt))
    ),
    "/portal/cases": lambda rt: "/portal/cases",
    "/complaints": lambda rt: "/complaints",
    "/complaints/{ref}": lambda rt: f"/complaints/{cc.lodged(rt)}",
    "/complaints/{ref}/documents/{document_id}": lambda rt: "/complaints/{}/documents/{}".format(
        *cc.with_document(rt)
    ),
    "/consultations": lambda rt: "/consultations",
    "/oversight": lambda rt: "/oversight",
    "/oversight/countries/{code}": lambda rt: f"/oversight/countries/{rq.published(rt, 'RU') and 'RU'}",
    "/screening/model": lambda rt: "/screening/model",
    "/screening/wording": lambda rt: "/screening/wording",
}


def guarded_pages() -> dict[str, Permission]:
    found: dict[str, Permission] = {}
    for module in (
        countries,
        inbox,
        requests,
        review,
        search,
        portal,
        complaints,
        oversight,
        messages_pages,
        register_pages,
        screening_pages,
    ):
        for route in module.router.routes:
            if isinstance(route, APIRoute) and "GET" in route.methods:
                for dep in route.dependant.dependencies:
                    if isinstance(dep.call, Gate):
                        found[route.path] = dep.call.permission
    return found


def login(http: httpx.Client, username: str) -> None:
    page = http.get("/login").text
    csrf = page.split('name="csrf" value="')[1].split('"')[0]
    response = http.post("/login", data={"username": username, "password": PASSWORD, "csrf": csrf})
    assert response.status_code == 303


def test_every_guarded_page_has_a_sample() -> None:
    assert set(guarded_pages()) == set(PAGES)


@pytest.mark.parametrize("role", list(Role))
def test_role_against_every_page(runtime: Runtime, http: httpx.Client, role: Role) -> None:
    actor = make_user(runtime, role, username=f"page-{role.value.replace('_', '-')}")
    assert actor.user_id
    login(http, f"page-{role.value.replace('_', '-')}")
    for path, permission in guarded_pages().items():
        response = http.get(PAGES[path](runtime))
        expected = 200 if role in PERMISSIONS[permission] else 403
        assert response.status_code == expected, (role, path, response.status_code)
