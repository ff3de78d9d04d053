"""Measures and records through the API, the pages and the CLI."""

from __future__ import annotations

import json

import httpx
import pytest
from typer.testing import CliRunner

from article3.actors import Role
from article3.bootstrap import Runtime
from article3.cli.main import app
from article3.config import Settings
from tests.factories import oversight as ov
from tests.factories import requests as rq
from tests.factories.accounts import bearer, make_token, make_user
from tests.web.test_page_permissions import login


def test_api_apply_list_lift_and_the_record(runtime: Runtime, http: httpx.Client) -> None:
    token = make_token(runtime, Role.GOVERNANCE)
    rq.published(runtime, "RU")
    body = {"country": "RU", "kind": "enhanced_review", "reason": "too short"}
    assert http.post("/api/v1/measures", json=body, headers=bearer(token)).status_code == 422
    body["reason"] = ov.REASON
    created = http.post("/api/v1/measures", json=body, headers=bearer(token))
    assert created.status_code == 201
    again = http.post("/api/v1/measures", json=body, headers=bearer(token))
    assert again.json()["error"]["code"] == "measure.in_force"
    public = http.get("/api/v1/measures").json()  # no token: the list is public
    assert [(m["country"], m["kind"], m["lifted_at"]) for m in public] == [("RU", "enhanced_review", None)]
    record = http.get("/api/v1/oversight/records/RU", headers=bearer(token)).json()
    assert record["requests"]["published_after_review"] == 1
    assert record["measures_in_force"] == ["enhanced_review"]
    assert http.get("/api/v1/oversight/records/ZZ", headers=bearer(token)).status_code == 404
    lifted = http.post(
        f"/api/v1/measures/{created.json()['id']}/lift",
        json={"reason": "back in line"},
        headers=bearer(token),
    )
    assert lifted.status_code == 200 and lifted.json()["lifted_reason"] == "back in line"
    assert http.get("/api/v1/oversight/records/RU", headers=bearer(token)).json()["measures_in_force"] == []


def test_governance_applies_and_lifts_from_the_dashboard(runtime: Runtime, http: httpx.Client) -> None:
    rq.published(runtime, "RU")
    make_user(runtime, Role.GOVERNANCE, username="gov-page")
    login(http, "gov-page")
    page = http.get("/oversight/countries/RU")
    assert page.status_code == 200 and 'data-chart="requests"' in page.text
    csrf = page.text.split('name="csrf" value="')[1].split('"')[0]
    short = http.post(
        "/oversight/measures", data={"csrf": csrf, "country": "RU", "kind": "suspension", "reason": "x"}
    )
    assert short.status_code == 422 and "reason" in short.text
    done = http.post(
        "/oversight/measures", data={"csrf": csrf, "country": "RU", "kind": "suspension", "reason": ov.REASON}
    )
    assert done.status_code == 303
    page = http.get("/oversight/countries/RU")
    measure_id = page.text.split('data-measure="')[1].split('"')[0]
    lifted = http.post(
        f"/oversight/measures/{measure_id}/lift",
        data={"csrf": csrf, "country": "RU", "reason": "the audit found the requests compliant"},
    )
    assert lifted.status_code == 303
    assert "the audit found the requests compliant" in http.get("/measures").text
    assert "Country records" in http.get("/oversight").text


def test_the_public_measures_page_needs_no_login(runtime: Runtime, http: httpx.Client) -> None:
    ov.applied(runtime, country="BY")
    page = http.get("/measures")
    assert page.status_code == 200 and "BY" in page.text and "in force" in page.text
    assert http.get("/oversight", follow_redirects=False).status_code in {303, 401}


@pytest.fixture
def cli(settings: Settings, monkeypatch: pytest.MonkeyPatch) -> CliRunner:
    monkeypatch.setenv("ARTICLE3_DATABASE_URL", settings.database_url)
    monkeypatch.setenv("ARTICLE3_SECRET_KEY", settings.secret_key)
    return CliRunner()


def test_cli_measures_and_country_record(runtime: Runtime, cli: CliRunner) -> None:
    make_user(runtime, Role.GOVERNANCE, username="gov-cli")
    make_user(runtime, Role.AUDITOR, username="auditor-cli")
    rq.published(runtime, "RU")
    refused = cli.invoke(
        app, ["measures", "apply", "RU", "suspension", "--as", "auditor-cli", "--reason", ov.REASON]
    )
    assert refused.exit_code == 1 and "auth.permission_denied" in refused.stderr
    applied = cli.invoke(
        app, ["measures", "apply", "ru", "diffusion_hold", "--as", "gov-cli", "--reason", ov.REASON, "--json"]
    )
    assert applied.exit_code == 0, applied.output
    measure_id = json.loads(applied.stdout)["id"]
    listed = cli.invoke(app, ["measures", "list"])
    assert "IN FORCE" in listed.stdout and "diffusion_hold" in listed.stdout
    lifted = cli.invoke(
        app, ["measures", "lift", str(measure_id), "--as", "gov-cli", "--reason", "back in line now"]
    )
    assert lifted.exit_code == 0 and "lifted" in lifted.stdout
    record = cli.invoke(app, ["countries", "record", "RU", "--year", "2026"])
    assert record.exit_code == 0, record.output
    assert "published 1" in record.stdout
    as_json = json.loads(cli.invoke(app, ["countries", "record", "RU", "--json"]).stdout)
    assert as_json["requests"]["total"] == 1
    assert cli.invoke(app, ["measures", "proposals"]).stdout.strip() == "no proposals"
