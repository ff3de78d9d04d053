"""``article3 sim generate`` writes a world file; host flags are on unless switched off."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from article3.cli.main import app
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
