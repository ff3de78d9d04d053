"""Scenarios: every example file meets its own ``expect``; invalid files stop before any step.

The runner makes its own temporary SQLite database per run, so these tests do not depend on the
engine the suite runs on, except the one that replays a scenario on the suite's own (migrated,
countries loaded) database: PostgreSQL under ``make test``.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import create_engine, select
from sqlalchemy.orm import Session
from typer.testing import CliRunner

from article3.cli.main import app
from article3.notices.models import Flag
from article3.review.models import ReviewDecision
from article3.scenarios import ScenarioInvalid, load, run_scenario

ROOT = Path(__file__).resolve().parents[2]
SCENARIOS = sorted((ROOT / "scenarios").glob("*.yaml"))


def matches(actual: Any, expected: Any) -> bool:
    """Equal, except that an expected mapping only pins the keys it names (in lists too)."""
    if isinstance(expected, dict):
        return isinstance(actual, dict) and all(
            k in actual and matches(actual[k], v) for k, v in expected.items()
        )
    if isinstance(expected, list):
        return (
            isinstance(actual, list)
            and len(actual) == len(expected)
            and all(matches(a, e) for a, e in zip(actual, expected, strict=True))
        )
    return bool(actual == expected)


def test_the_examples_are_there() -> None:
    assert len(SCENARIOS) >= 8


@pytest.mark.parametrize("path", SCENARIOS, ids=lambda p: p.stem)
def test_example_scenario_meets_its_expectations(path: Path) -> None:
    scenario = load(path)
    assert scenario.expect, f"{path.name} has no expect list"
    assert [e["step"] for e in scenario.expect] == list(range(1, len(scenario.steps) + 1))
    lines = run_scenario(path)
    assert [line["step"] for line in lines] == list(range(1, len(scenario.steps) + 1))
    for entry in scenario.expect:
        line = lines[entry["step"] - 1]
        wanted = {k: v for k, v in entry.items() if k != "step"}
        assert matches(line, wanted), f"{path.name} step {entry['step']}: got {line}, expected {wanted}"


def test_every_line_carries_the_spec_keys() -> None:
    lines = run_scenario(ROOT / "scenarios" / "forbidden_actions.yaml")
    for line in lines:
        assert {"step", "do", "id", "ref", "ok", "status"} <= line.keys()
        assert ("error" in line) is (not line["ok"])
        if not line["ok"]:
            assert set(line["error"]) == {"code", "message"}
            assert line["error"]["message"]
        if line["do"] == "submit":
            assert {"route", "risk", "reasons"} <= line.keys()


def test_json_text_is_accepted_and_the_clock_moves() -> None:
    text = json.dumps(
        {
            "start": "2024-01-10T00:00:00Z",
            "steps": [
                {"do": "withdraw", "as": "FR", "id": "w", "ref": None, "with": {"reason": "x"}},
            ],
        }
    )
    with pytest.raises(ScenarioInvalid, match=r"step 1, ref: 'withdraw' acts on an earlier step"):
        run_scenario(text)
    step = {
        "do": "measure",
        "as": "governance",
        "at": "2024-02-01",
        "with": {"country": "RU", "kind": "message_hold", "action": "apply", "reason": "held messages above"},
    }
    lines = run_scenario(json.dumps({"start": "2024-01-10T00:00:00Z", "steps": [step]}))
    assert lines[0]["ok"] is True
    assert lines[0]["status"] == "in_force"
    bad = run_scenario('{"steps": [{"do": "measure", "as": "governance", "at": "2024-02-01"}]}')
    assert bad[0]["ok"] is False
    assert bad[0]["error"]["code"] == "invalid_input"


def test_flag_reasons_and_default_factors_are_stored(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'flags.db'}"
    run_scenario(ROOT / "scenarios" / "flagged_by_another_country.yaml", database_url=url)
    engine = create_engine(url)
    with Session(engine) as session:
        flags = {f.country_code: (f.reason, f.note) for f in session.scalars(select(Flag))}
        decision = session.scalars(select(ReviewDecision)).one()
    engine.dispose()
    assert flags == {
        "DE": ("essential_interests", "A German court has already refused extradition in this case."),
        "NO": ("national_law", "Norwegian law bars surrender for this case."),
    }
    assert {r["assessment"] for r in decision.factors.values()} == {"not_assessed"}
    assert {r["note"] for r in decision.factors.values()} == {"recorded by scenario"}
    assert len(decision.factors) == 6


def test_runs_on_an_existing_migrated_database(database_url: str) -> None:
    """The suite's database is migrated and has its countries: the runner accepts it as it is."""
    lines = run_scenario(ROOT / "scenarios" / "enhanced_review_two_reviewers.yaml", database_url=database_url)
    assert [(line["ok"], line["status"]) for line in lines] == [
        (True, "in_review"),
        (True, "in_review"),
        (False, "in_review"),
        (True, "published"),
    ]
    assert lines[0]["route"] == "enhanced_review"


# --- the command line -------------------------------------------------------------------------

STEP = "{do: submit, as: FR, id: r1, with: {kind: red_notice}}"
INVALID = {
    "not_yaml": ("steps: [\n  - {do: submit\n", "file: not YAML or JSON"),
    "not_a_mapping": ("- do: submit\n", "file: must be a mapping with a 'steps' list"),
    "missing_steps": ("name: nothing to do\n", "steps: Field required"),
    "empty_steps": ("steps: []\n", "steps: List should have at least 1 item"),
    "unknown_do": (
        f"steps:\n  - {STEP}\n  - {{do: teleport, as: FR}}\n",
        "step 2, do: unknown action 'teleport'",
    ),
    "unknown_ref": (
        f"steps:\n  - {STEP}\n  - {{do: withdraw, as: FR, ref: r9, with: {{reason: abc}}}}\n",
        "step 2, ref: 'r9' is not the id of an earlier step",
    ),
    "ref_to_a_later_step": (
        f"steps:\n  - {{do: withdraw, as: FR, ref: r1, with: {{reason: abc}}}}\n  - {STEP}\n",
        "step 1, ref: 'r1' is not the id of an earlier step",
    ),
    "clock_backwards": (
        f"start: '2024-05-01T00:00:00Z'\nsteps:\n  - {STEP}\n  - {{do: search, as: FR, at: '2024-04-30'}}\n",
        "step 2, at: 2024-04-30T00:00:00+00:00 is before 2024-05-01T00:00:00+00:00",
    ),
    "with_not_an_object": (
        "steps:\n  - {do: submit, as: FR, with: [1, 2]}\n",
        "step 1, with: Input should be a valid dictionary",
    ),
    "with_null": (
        "steps:\n  - do: submit\n    as: FR\n    with:\n",
        "step 1, with: Input should be a valid dictionary",
    ),
    "missing_ref": (
        "steps:\n  - {do: review, as: reviewer, with: {decision: approve}}\n",
        "step 1, ref: 'review' acts on an earlier step",
    ),
    "bad_actor": ("steps:\n  - {do: submit, as: fr}\n", "step 1, as: must be an alpha-2 member code"),
    "duplicate_id": (
        f"steps:\n  - {STEP}\n  - {STEP}\n",
        "step 2, id: 'r1' is already the id of an earlier step",
    ),
    "unknown_key": (
        "steps:\n  - {do: submit, as: FR, witth: {}}\n",
        "step 1, witth: Extra inputs are not permitted",
    ),
    "bad_json": (
        '{"steps": [{"do": "submit", "as": "FR", "with": "text"}]}',
        "step 1, with: Input should be a valid dictionary",
    ),
}


@pytest.fixture
def cli() -> CliRunner:
    return CliRunner()


@pytest.mark.parametrize(("text", "message"), INVALID.values(), ids=INVALID.keys())
def test_an_invalid_file_exits_non_zero_naming_the_step_and_field(
    cli: CliRunner, tmp_path: Path, text: str, message: str
) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text(text)
    result = cli.invoke(app, ["scenario", "run", str(path)])
    assert result.exit_code != 0
    assert result.stdout == ""  # no step ran, not even the valid ones before the problem
    assert "error[scenario.invalid]" in result.stderr
    assert message in result.stderr


def test_cli_prints_json_lines(cli: CliRunner) -> None:
    result = cli.invoke(
        app, ["scenario", "run", str(ROOT / "scenarios" / "enhanced_review_two_reviewers.yaml")]
    )
    assert result.exit_code == 0, result.output
    lines = [json.loads(text) for text in result.stdout.splitlines()]
    assert [line["step"] for line in lines] == [1, 2, 3, 4]
    assert lines[0] == {
        "step": 1,
        "do": "submit",
        "id": "editor",
        "ref": None,
        "ok": True,
        "status": "in_review",
        "route": "enhanced_review",
        "risk": lines[0]["risk"],
        "reasons": ["dissent_law_economic_provision", "status_declared_occupation", "facts_publication"],
    }
    assert 0.45 <= lines[0]["risk"] <= 1
    assert lines[2]["error"]["code"] == "review.same_reviewer"
    assert lines[3]["status"] == "published"


def test_cli_refuses_a_missing_file(cli: CliRunner, tmp_path: Path) -> None:
    result = cli.invoke(app, ["scenario", "run", str(tmp_path / "nowhere.yaml")])
    assert result.exit_code == 2
    assert result.stdout == ""
