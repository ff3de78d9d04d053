"""``article3 screening wording`` on the test database, as an operator runs it (settings from the
environment): the figures and phrases as text, then as the API's JSON."""

from __future__ import annotations

import json
from typing import Any

from typer.testing import CliRunner, Result

from article3.bootstrap import Runtime
from article3.cli.main import app
from article3.config import Settings
from article3.screening import wording_store
from tests.api.test_screening_wording import check_figures, count_decisions


def run(settings: Settings, *args: str) -> Result:
    env = {
        "ARTICLE3_DATABASE_URL": settings.database_url,
        "ARTICLE3_ENVIRONMENT": "test",
        "ARTICLE3_DATA_DIR": str(settings.data_dir),
        "ARTICLE3_WORDING": "screen",
    }
    result = CliRunner(env=env).invoke(app, ["screening", "wording", *args])
    assert result.exit_code == 0, result.output
    return result


def test_nothing_counted_yet(settings: Settings) -> None:
    out = run(settings).stdout
    assert "wording: screen" in out
    assert "requests counted: 0 (0 non-compliant)" in out
    assert "not calibrated yet: run `article3 screening train`" in out
    assert "no phrase used by 10 decided requests yet" in out


def test_the_figures_and_the_leaning_phrases_as_text(runtime: Runtime, settings: Settings) -> None:
    counted = count_decisions(runtime, calibrate=False)
    out = run(settings, "--limit", "2").stdout.splitlines()
    assert out[:4] == [
        "wording: screen",
        f"requests counted: {counted.decided} ({counted.non_compliant} non-compliant)",
        f"phrases counted: {len(counted.uses)}, usable (used by >= 10): {len(counted.usable())}",
        "not calibrated yet: run `article3 screening train`",
    ]
    assert out[4].split() == ["non-compliant", "let", "stand", "log-odds", "phrase"]
    rows = [line.split(maxsplit=3) for line in out[5:]]
    assert len(rows) == 2
    for non_compliant, let_stand, log_odds, phrase in rows:
        uses = counted.uses[phrase]
        assert phrase in counted.usable()
        assert (int(non_compliant), int(let_stand)) == (uses[True], uses[False])
        assert float(log_odds) > 0

    with runtime.session() as s:
        wording_store.calibrate(s, actor="system:test", now=runtime.clock.now())
        s.commit()
    calibrated = run(settings).stdout.splitlines()[3]
    assert calibrated.startswith(f"calibration: n={counted.decided} positives={counted.non_compliant} ")
    assert f"fitted_at={runtime.clock.now().isoformat()}" in calibrated


def test_json_is_the_api_summary(runtime: Runtime, settings: Settings) -> None:
    counted = count_decisions(runtime)
    body: dict[str, Any] = json.loads(run(settings, "--json", "--limit", "5").stdout)
    check_figures(body, counted, "screen")
    assert len(body["leaning"]) == 5
    assert body["calibration"]["n"] == counted.decided
    with runtime.session() as s:
        assert body == wording_store.summary(s, use="screen", limit=5).model_dump(mode="json")


def test_calibrate_alone_then_the_figures_show_it(runtime: Runtime, settings: Settings) -> None:
    env = {"ARTICLE3_DATABASE_URL": settings.database_url, "ARTICLE3_ENVIRONMENT": "test"}
    short = CliRunner(env=env).invoke(app, ["screening", "calibrate"])
    assert short.exit_code != 0 and "screening.wording_data_insufficient" in short.output
    counted = count_decisions(runtime, calibrate=False)
    done = CliRunner(env=env).invoke(app, ["screening", "calibrate", "--json"])
    assert done.exit_code == 0, done.output
    fit = json.loads(done.stdout)
    assert (fit["n"], fit["positives"]) == (counted.decided, counted.non_compliant)
    assert f"calibration: n={counted.decided} positives={counted.non_compliant}" in run(settings).stdout
