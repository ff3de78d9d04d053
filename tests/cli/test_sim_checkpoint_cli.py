"""``sim evaluate --checkpoint``: a replay killed after a checkpoint carries on with ``--resume`` and
prints what the replay without the crash prints; a checkpoint is never used for another replay."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from article3.cli.main import app


@pytest.fixture(scope="module")
def two_years(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("world") / "world.jsonl.gz"
    make = ["sim", "generate", "--seed", "4", "--years", "2024-2025", "--scale", "0.005", "--out", str(path)]
    assert CliRunner().invoke(app, [*make, "--json"]).exit_code == 0
    return path


def _args(world: Path, folder: Path, *extra: str) -> list[str]:
    replay = ["sim", "evaluate", "--world", str(world), "--sample", "1", "--json"]
    switches = ["--wording", "learn", "--calibrate", "--svg", str(folder / "c.svg")]
    return [*replay, *switches, "--checkpoint", str(folder / "cp"), *extra]


def _env(folder: Path) -> dict[str, str]:
    return {"ARTICLE3_DATABASE_URL": f"sqlite:///{folder}/eval.db", "ARTICLE3_DATA_DIR": str(folder / "d")}


def test_a_killed_replay_resumes_and_prints_what_it_would_have(two_years: Path, tmp_path: Path) -> None:
    whole, crashed = tmp_path / "whole", tmp_path / "crashed"
    result = CliRunner().invoke(app, _args(two_years, whole), env=_env(whole))
    assert result.exit_code == 0, result.output
    expected = json.loads(result.stdout)
    assert expected["requests"] > 100 and expected["errors"]

    command = [sys.executable, "-c", "from article3.cli.main import main; main()", *_args(two_years, crashed)]
    proc = subprocess.Popen(command, env=os.environ | _env(crashed), stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE, text=True)  # fmt: skip
    pointer = crashed / "cp" / "current"
    deadline = time.monotonic() + 240
    while not pointer.exists() and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
    assert pointer.exists(), f"no checkpoint was taken on 1 January 2025: {proc.poll()}"
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    assert proc.returncode == -signal.SIGKILL  # killed before it could finish

    resumed = CliRunner().invoke(app, _args(two_years, crashed, "--resume"), env=_env(crashed))
    assert resumed.exit_code == 0, resumed.output
    assert json.loads(resumed.stdout) == expected


def test_a_checkpoint_is_only_resumed_by_its_own_replay(two_years: Path, tmp_path: Path) -> None:
    nothing = CliRunner().invoke(app, _args(two_years, tmp_path, "--resume"), env=_env(tmp_path))
    assert nothing.exit_code == 1 and "error[sim.no_checkpoint]" in nothing.output

    assert CliRunner().invoke(app, _args(two_years, tmp_path), env=_env(tmp_path)).exit_code == 0
    other = [a if a != "learn" else "off" for a in _args(two_years, tmp_path, "--resume")]
    refused = CliRunner().invoke(app, other, env=_env(tmp_path))
    assert refused.exit_code == 1 and "error[sim.checkpoint_mismatch]" in refused.output
    assert "wording was 'learn', now 'off'" in refused.output

    alone = [a for a in _args(two_years, tmp_path) if a not in {"--checkpoint", str(tmp_path / "cp")}]
    missing = CliRunner().invoke(app, [*alone, "--resume"], env=_env(tmp_path))
    assert missing.exit_code == 1 and "error[sim.resume_needs_checkpoint]" in missing.output

    server = {**_env(tmp_path), "ARTICLE3_DATABASE_URL": "postgresql+psycopg://nobody@127.0.0.1:1/none"}
    not_sqlite = CliRunner().invoke(app, _args(two_years, tmp_path / "pg"), env=server)
    assert not_sqlite.exit_code == 1 and "error[sim.checkpoint_needs_sqlite]" in not_sqlite.output
