"""``article3 sim generate`` writes a world file (host flags on unless switched off); ``sim evaluate`` can
write each request's outcome."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from typer.testing import CliRunner

from article3.cli.main import app
from article3.screening import wording_store
from article3.sim import world


@pytest.mark.parametrize(("switch", "with_flags"), [([], True), (["--no-host-flags"], False)])
def test_generate_writes_a_world_with_or_without_host_flags(
    tmp_path: Path, switch: list[str], with_flags: bool
) -> None:
    out = tmp_path / "world.jsonl.gz"
    args = ["sim", "generate", "--seed", "3", "--years", "2024-2025", "--scale", "0.05", "--out", str(out)]
    result = CliRunner().invoke(app, [*args, *switch, "--json"])
    assert result.exit_code == 0, result.output
    summary = json.loads(result.stdout)
    written = world.read(out, fraction=1.0)
    kinds = {e["type"] for e in written.events}
    assert summary["events"] == len(written.events)
    assert ("flag" in kinds) is with_flags
    assert ("flag" in summary["by_type"]) is with_flags
    assert {"request", "complaint"} <= kinds
    assert written.header.get("host_flags", False) is with_flags


def test_generate_names_the_field_of_bad_years(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        app, ["sim", "generate", "--years", "2025-2016", "--out", str(tmp_path / "w")]
    )
    assert result.exit_code != 0
    assert "first year comes first" in result.output


def test_evaluate_writes_each_requests_outcome(tmp_path: Path) -> None:
    path = tmp_path / "world.jsonl.gz"
    make = ["sim", "generate", "--seed", "2", "--years", "2025-2025", "--scale", "0.002", "--out", str(path)]
    assert CliRunner().invoke(app, [*make, "--json"]).exit_code == 0
    out = tmp_path / "outcomes.jsonl.gz"
    env = {"ARTICLE3_DATABASE_URL": f"sqlite:///{tmp_path}/eval.db", "ARTICLE3_DATA_DIR": str(tmp_path / "d")}
    args = ["sim", "evaluate", "--world", str(path), "--sample", "1", "--json", "--outcomes", str(out)]
    result = CliRunner().invoke(app, [*args, "--svg", str(tmp_path / "c.svg"), "--retrain"], env=env)
    assert result.exit_code == 0, result.output
    scored = json.loads(result.stdout)
    assert scored["retrain"] is True and isinstance(scored["models_trained"], list)
    with gzip.open(out, "rt", encoding="utf-8") as lines:
        rows = [json.loads(line) for line in lines]
    requests = [e for e in world.read(path).events if e["type"] == "request"]
    assert sorted(r["world_id"] for r in rows) == sorted(e["id"] for e in requests)
    assert len(rows) == scored["requests"] and sum(r["abusive"] for r in rows) == scored["abusive"]
    assert {"route", "risk", "codes", "status", "published", "tactic"} <= set(rows[0])
    names = {n["family"] for e in requests for n in e["data"]["subject"]["names"]}
    assert not any(name in json.dumps(rows, ensure_ascii=False) for name in names)


def test_evaluate_with_wording_counts_every_decided_request(tmp_path: Path) -> None:
    path = tmp_path / "world.jsonl.gz"
    make = ["sim", "generate", "--seed", "4", "--years", "2024-2025", "--scale", "0.005", "--out", str(path)]
    assert CliRunner().invoke(app, [*make, "--json"]).exit_code == 0
    url = f"sqlite:///{tmp_path}/eval.db"
    env = {"ARTICLE3_DATABASE_URL": url, "ARTICLE3_DATA_DIR": str(tmp_path / "d")}
    args = [
        "sim",
        "evaluate",
        "--world",
        str(path),
        "--sample",
        "1",
        "--json",
        "--svg",
        str(tmp_path / "c.svg"),
    ]
    result = CliRunner().invoke(app, [*args, "--wording", "learn", "--calibrate"], env=env)
    assert result.exit_code == 0, result.output
    scored = json.loads(result.stdout)
    assert (scored["wording"], scored["calibrate"], scored["retrain"]) == ("learn", True, False)
    engine = create_engine(url)
    with engine.connect() as db:
        decided = db.scalar(
            text(
                "SELECT count(DISTINCT l.request_id) FROM complaint_links l "
                "JOIN complaint_decisions d ON d.complaint_id = l.complaint_id"
            )
        )
        counted = db.scalar(text("SELECT count(*) FROM wording_decisions"))
        shown = db.scalars(text("SELECT phrase FROM wording_phrases WHERE phrase IS NOT NULL")).all()
    engine.dispose()
    assert decided and counted == decided
    names = {n["family"].lower() for e in world.read(path).events if e["type"] == "request"
             for n in e["data"]["subject"]["names"] if n.get("family")}  # fmt: skip
    assert not any(word in names for phrase in shown for word in phrase.split())
    # a world this small never counts 20 decided requests: every 1 January's calibration is refused,
    # and tallied, instead of fitted
    assert counted < wording_store.MIN_DECIDED and scored["wording_calibrated"] == []
    assert scored["errors"]["error:screening.wording_data_insufficient"] >= 1
