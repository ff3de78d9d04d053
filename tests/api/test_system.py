"""Health, the OpenAPI document, countries and the audit route over real HTTP."""

from __future__ import annotations

import httpx

from article3.actors import Role
from article3.bootstrap import Runtime
from tests.factories.accounts import bearer, make_token


def test_health(http: httpx.Client, runtime: Runtime) -> None:
    body = http.get("/api/v1/health").json()
    assert body["status"] == "ok"
    assert body["database"] == runtime.engine.dialect.name


def test_openapi_lists_error_responses_for_every_route(http: httpx.Client) -> None:
    doc = http.get("/api/v1/openapi.json").json()
    assert doc["paths"]
    for path, operations in doc["paths"].items():
        for method, op in operations.items():
            errors = [code for code in op["responses"] if code.startswith(("4", "5"))]
            assert errors, f"{method.upper()} {path} documents no error response"
            assert op["responses"][errors[0]]["content"]["application/json"]["schema"]["$ref"].endswith(
                "ErrorEnvelope"
            )
            assert op.get("summary"), f"{method.upper()} {path} has no summary"


def test_countries_lists_196_members_with_bureaus(runtime: Runtime, http: httpx.Client) -> None:
    token = make_token(runtime, Role.NCB_OFFICER)
    rows = http.get("/api/v1/countries", headers=bearer(token)).json()
    assert len(rows) == 196
    codes = {r["code"] for r in rows}
    assert {"FR", "RU", "PS", "VA", "CW"} <= codes
    assert "KP" not in codes
    assert all(r["bureau"]["name"] for r in rows)


def test_audit_verify_over_http(runtime: Runtime, http: httpx.Client) -> None:
    token = make_token(runtime, Role.AUDITOR)
    body = http.get("/api/v1/audit/verify", headers=bearer(token)).json()
    assert body["ok"] is True
    assert body["checked"] >= 2  # countries loaded, the auditor's account and token
