"""The command line, in process, against a real database."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from article3.cli.main import app
from article3.config import Settings


@pytest.fixture
def cli(settings: Settings) -> CliRunner:
    return CliRunner(env={"ARTICLE3_DATABASE_URL": settings.database_url, "ARTICLE3_ENVIRONMENT": "test"})


def test_countries_list_json(cli: CliRunner) -> None:
    result = cli.invoke(app, ["countries", "list", "--json"])
    assert result.exit_code == 0, result.output
    assert len(json.loads(result.stdout)) == 196


def test_demo_accounts_then_token_then_verify(cli: CliRunner) -> None:
    first = cli.invoke(app, ["users", "demo"])
    again = cli.invoke(app, ["users", "demo"])
    assert first.exit_code == again.exit_code == 0
    assert "officer.fr" in first.stdout
    token = cli.invoke(app, ["users", "token", "auditor", "--json"])
    assert json.loads(token.stdout)["token"].startswith("a3_")
    verify = cli.invoke(app, ["audit", "verify", "--json"])
    assert verify.exit_code == 0
    assert json.loads(verify.stdout)["ok"] is True


def test_errors_print_the_code_and_exit_non_zero(cli: CliRunner) -> None:
    result = cli.invoke(app, ["users", "token", "nobody"])
    assert result.exit_code == 1
    assert "error[user.not_found]" in result.stderr


def test_production_refuses_the_demo_secret(settings: Settings) -> None:
    runner = CliRunner(
        env={"ARTICLE3_DATABASE_URL": settings.database_url, "ARTICLE3_ENVIRONMENT": "production"}
    )
    result = runner.invoke(app, ["countries", "list"])
    assert result.exit_code == 1
    assert "error[config.invalid]" in result.stderr
    assert "SECRET_KEY" in result.stderr
