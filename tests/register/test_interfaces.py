"""The register's page, command line and scenario action; no one learns who registered what."""

from __future__ import annotations

import json

import httpx
from typer.testing import CliRunner

from article3.actors import Role
from article3.bootstrap import Runtime
from article3.cli.main import app
from article3.config import Settings
from article3.scenarios import run_scenario
from tests.factories.accounts import make_user
from tests.web.test_page_permissions import login


def csrf_of(page: str) -> str:
    return page.split('name="csrf" value="')[1].split('"', maxsplit=1)[0]


def test_a_host_country_registers_through_the_page_and_sees_only_its_own_entries(
    runtime: Runtime, http: httpx.Client
) -> None:
    make_user(runtime, Role.NCB_OFFICER, "DE", username="host-de")
    make_user(runtime, Role.NCB_OFFICER, "RU", username="req-ru")
    login(http, "host-de")
    page = http.get("/register").text
    assert 'value="refugee"' in page and 'value="journalist"' not in page
    form = {
        "csrf": csrf_of(page),
        "names": "Oleg Sokolov\nОлег Соколов",
        "birth_date": "1978-05-02",
        "nationalities": "ru",
        "kind": "refugee",
        "against_country": "ru",
        "since": "2023-02-01",
    }
    response = http.post("/register", data=form)
    assert response.status_code == 303
    shown = http.get(response.headers["location"]).text
    assert "P-000001" in shown and "Registered as" in shown
    assert "Oleg" not in shown  # names are never listed back

    bad = http.post("/register", data=form | {"against_country": "", "csrf": csrf_of(shown)})
    assert bad.status_code == 403
    assert "name the country" in bad.text

    http.cookies.clear()
    login(http, "req-ru")
    theirs = http.get("/register").text
    assert "P-000001" not in theirs and "DE" not in theirs.split("<h2>")[-1]
    assert 'data-testid="no-entries"' in theirs


def test_a_reviewer_sees_every_entry_and_no_form(runtime: Runtime, http: httpx.Client) -> None:
    make_user(runtime, Role.REVIEWER, username="rev-1")
    login(http, "rev-1")
    page = http.get("/register").text
    assert "All entries" in page
    assert 'data-testid="register-form"' not in page


def test_cli_add_and_list(runtime: Runtime, settings: Settings) -> None:
    cli = CliRunner(env={"ARTICLE3_DATABASE_URL": settings.database_url, "ARTICLE3_ENVIRONMENT": "test"})
    make_user(runtime, Role.REGISTRAR, username="icc-registrar")
    make_user(runtime, Role.NCB_OFFICER, "RU", username="ncb-ru")
    added = cli.invoke(
        app,
        [
            "register", "add", "international_official", "--name", "Adrian Kestell",
            "--birth-date", "1968-03-30", "--organisation", "ICC", "--since", "2021-06-16",
            "--as", "icc-registrar", "--json",
        ],
    )  # fmt: skip
    assert added.exit_code == 0, added.output
    entry = json.loads(added.stdout)
    assert (entry["kind"], entry["organisation"]) == ("international_official", "ICC")
    listed = cli.invoke(app, ["register", "list", "--as", "icc-registrar"])
    assert entry["ref"] in listed.stdout
    assert cli.invoke(app, ["register", "list", "--as", "ncb-ru"]).stdout.strip() == "no entries"
    refused = cli.invoke(app, ["register", "add", "journalist", "--name", "X Y", "--as", "ncb-ru"])
    assert refused.exit_code == 1
    assert "error[register.not_allowed]" in refused.stderr


def test_the_scenario_action_acts_as_a_body_or_a_country() -> None:
    lines = run_scenario(
        """
steps:
  - {do: register_protection, as: UN, id: a,
     with: {person: {names: [Ana Lima]}, kind: international_official}}
  - {do: register_protection, as: DE, with: {person: {names: [Ana Lima]}, kind: refugee, against_country: BR}}
  - {do: register_protection, as: DE, with: {person: {names: [Ana Lima]}, kind: journalist}}
  - {do: register_protection, as: XX, with: {person: {names: [Ana Lima]}, kind: refugee}}
  - {do: register_protection, as: UN, with: {person: {names: []}, kind: journalist}}
"""
    )
    assert [(line["ok"], line["status"]) for line in lines[:2]] == [(True, "registered")] * 2
    assert lines[2]["error"]["code"] == "register.not_allowed"
    assert lines[3]["error"]["code"] == "register.not_allowed"  # XX is not a member: a body
    assert lines[4]["error"]["code"] == "invalid_input"
