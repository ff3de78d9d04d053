"""Every role against every guarded API route: forbidden pairs get 403, allowed pairs work."""

from __future__ import annotations

import itertools
from datetime import timedelta
from typing import Any

import httpx
import pytest
from fastapi.routing import APIRoute

from article3.accounts.permissions import PERMISSIONS, Permission
from article3.actors import Role
from article3.api.app import PREFIX, ROUTERS
from article3.bootstrap import Runtime
from article3.clock import FixedClock
from article3.deps import Gate
from tests.factories.accounts import bearer, make_token

_names = itertools.count()

# One request per guarded route that succeeds for an allowed role: (method, path) → request.
SAMPLES: dict[tuple[str, str], dict[str, Any]] = {
    ("GET", "/api/v1/me"): {"path": "/api/v1/me", "ok": 200},
    ("GET", "/api/v1/countries"): {"path": "/api/v1/countries", "ok": 200},
    ("GET", "/api/v1/countries/{code}"): {"path": "/api/v1/countries/FR", "ok": 200},
    ("GET", "/api/v1/audit/verify"): {"path": "/api/v1/audit/verify", "ok": 200},
    ("GET", "/api/v1/audit/entries"): {"path": "/api/v1/audit/entries", "ok": 200},
    ("GET", "/api/v1/users"): {"path": "/api/v1/users", "ok": 200},
    ("POST", "/api/v1/users"): {
        "path": "/api/v1/users",
        "ok": 201,
        "json": lambda: {
            "username": f"new-officer-{next(_names)}",
            "role": "ncb_officer",
            "country": "FR",
            "password": "a long enough password",
        },
    },
}


def guarded_routes() -> dict[tuple[str, str], Permission]:
    """Each API route with the permission its Gate checks."""
    found: dict[tuple[str, str], Permission] = {}
    for route in (r for router in ROUTERS for r in router.routes):
        if not isinstance(route, APIRoute):
            continue
        stack = list(route.dependant.dependencies)
        while stack:
            dep = stack.pop()
            if isinstance(dep.call, Gate):
                for method in route.methods:
                    found[(method, PREFIX + route.path)] = dep.call.permission
            stack.extend(dep.dependencies)
    return found


def test_every_guarded_route_has_a_sample_and_every_permission_is_used() -> None:
    routes = guarded_routes()
    assert set(routes) == set(SAMPLES), "add a sample request for each new guarded route"
    assert set(routes.values()) == set(PERMISSIONS)


def _call(http: httpx.Client, token: str, sample: dict[str, Any], method: str) -> httpx.Response:
    body = sample["json"]() if "json" in sample else None
    return http.request(method, sample["path"], json=body, headers=bearer(token))


@pytest.mark.parametrize("role", list(Role))
def test_role_against_every_route(runtime: Runtime, http: httpx.Client, role: Role) -> None:
    token = make_token(runtime, role)
    for (method, path), permission in guarded_routes().items():
        response = _call(http, token, SAMPLES[(method, path)], method)
        if role in PERMISSIONS[permission]:
            assert response.status_code == SAMPLES[(method, path)]["ok"], (role, method, path, response.text)
        else:
            assert response.status_code == 403, (role, method, path, response.text)
            assert response.json()["error"]["code"] == "auth.permission_denied"


def test_no_token_gets_401_on_every_guarded_route(runtime: Runtime, http: httpx.Client) -> None:
    for method, path in guarded_routes():
        response = http.request(method, SAMPLES[(method, path)]["path"])
        assert response.status_code == 401
        assert response.json()["error"]["code"] == "auth.not_authenticated"


def test_a_wrong_or_expired_token_gets_401(runtime: Runtime, http: httpx.Client) -> None:
    token = make_token(runtime, Role.AUDITOR)
    assert http.get("/api/v1/me", headers=bearer(token + "x")).status_code == 401
    assert isinstance(runtime.clock, FixedClock)
    runtime.clock.advance(timedelta(days=31))
    assert http.get("/api/v1/me", headers=bearer(token)).status_code == 401
