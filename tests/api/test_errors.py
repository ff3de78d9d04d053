"""One error shape everywhere: domain errors, unknown routes, wrong methods, big and bad bodies."""

from __future__ import annotations

import httpx
import pytest

from article3 import errors
from article3.actors import Role
from article3.api.errors import STATUS, status_for
from article3.bootstrap import Runtime
from tests.factories.accounts import bearer, make_token


def assert_envelope(response: httpx.Response, status: int, code: str) -> dict[str, object]:
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/json")
    body = response.json()
    assert set(body) == {"error"}
    assert set(body["error"]) == {"code", "message", "details"}
    assert body["error"]["code"] == code
    assert body["error"]["message"]
    return body["error"]  # type: ignore[no-any-return]


@pytest.mark.parametrize("cls", sorted(STATUS, key=lambda c: c.__name__))
def test_every_error_class_has_a_status_and_a_stable_code(cls: type[errors.Article3Error]) -> None:
    exc = cls("something")
    assert status_for(exc) == STATUS[cls]
    assert exc.code and exc.code == cls.code


def test_unknown_route(http: httpx.Client) -> None:
    assert_envelope(http.get("/api/v1/no-such-thing"), 404, "not_found")


def test_wrong_method(http: httpx.Client) -> None:
    assert_envelope(http.delete("/api/v1/health"), 405, "method_not_allowed")


def test_oversized_body(runtime: Runtime, http: httpx.Client) -> None:
    token = make_token(runtime, Role.NCB_ADMIN)
    big = b"x" * (runtime.settings.max_body_bytes + 1)
    response = http.post(
        "/api/v1/users", content=big, headers=bearer(token) | {"content-type": "application/json"}
    )
    assert_envelope(response, 413, "request.too_large")


def test_malformed_json(runtime: Runtime, http: httpx.Client) -> None:
    token = make_token(runtime, Role.NCB_ADMIN)
    response = http.post(
        "/api/v1/users",
        content=b'{"username": ',
        headers=bearer(token) | {"content-type": "application/json"},
    )
    assert_envelope(response, 400, "request.malformed_json")


def test_invalid_input_names_every_field(runtime: Runtime, http: httpx.Client) -> None:
    token = make_token(runtime, Role.NCB_ADMIN)
    response = http.post(
        "/api/v1/users", json={"username": "A!", "role": "king", "password": "short"}, headers=bearer(token)
    )
    error = assert_envelope(response, 422, "invalid_input")
    paths = {d["path"] for d in error["details"]}  # type: ignore[attr-defined]
    assert {"username", "role", "password"} <= paths


def test_conflict_and_not_found(runtime: Runtime, http: httpx.Client) -> None:
    token = make_token(runtime, Role.NCB_ADMIN)
    body = {"username": "dup-user", "role": "ncb_officer", "country": "FR", "password": "long enough pw"}
    assert http.post("/api/v1/users", json=body, headers=bearer(token)).status_code == 201
    assert_envelope(http.post("/api/v1/users", json=body, headers=bearer(token)), 409, "user.exists")
    assert_envelope(http.get("/api/v1/countries/ZZ", headers=bearer(token)), 404, "country.not_found")


def test_an_admin_cannot_create_accounts_for_another_country(runtime: Runtime, http: httpx.Client) -> None:
    token = make_token(runtime, Role.NCB_ADMIN, "FR")
    body = {"username": "other-country", "role": "ncb_officer", "country": "DE", "password": "long enough pw"}
    assert_envelope(
        http.post("/api/v1/users", json=body, headers=bearer(token)), 403, "auth.permission_denied"
    )
