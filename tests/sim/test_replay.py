"""Replaying a small world through the real services, and scoring it."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from article3.bootstrap import Runtime
from article3.complaints.models import ComplaintLink
from article3.config import Settings
from article3.errors import Conflict
from article3.notices.models import Request
from article3.sim import abuse, generate, history, metrics, offences, policies, report, run, world
from article3.sim.replay import Replay


def _small_world() -> world.World:
    gen = generate.Generator(random.Random(1), 2025, 2025, 0.01)
    start = datetime(2025, 3, 1, 9, tzinfo=UTC)
    gen.ordinary(start, "red_notice", "FR")
    gen.ordinary(start + timedelta(hours=1), "diffusion", "DE")
    # A person who fled Russia and was registered in Germany, then a Russian red notice.
    person = gen.person("RU", start.date())
    truth = {"abusive": True, "tactic": "flee_asylum", "status": "refugee"}
    gen.register(start + timedelta(days=1), person, "refugee", "DE", truth)
    charges = [
        offences.Charge("Criminal Code, art. 160", "Embezzlement in an especially large amount", "fraud", 10)
    ]
    _, text = abuse.family_case(gen.rng, "RU", True, start.date(), person.sex, learned=True)
    gen.request(start + timedelta(days=5), "red_notice", person, charges, text, None, truth)
    events = sorted(gen.events, key=lambda e: (e["t"], e["id"]))
    return world.World(header={"seed": 1, "years": [2025, 2025]}, events=events)


def test_replay_sees_the_registration_and_publishes_ordinary_requests(runtime: Runtime) -> None:
    results = Replay(runtime, reviewer_error=0.0, seed=1, advance=lambda n: None).run(_small_world())
    by_country = {o.country: o for o in results.outcomes}
    assert by_country["FR"].status == "published" and by_country["DE"].status == "published"
    assert by_country["RU"].route == "blocked" and by_country["RU"].status == "refused"
    scored = metrics.evaluate(results, seed=1)
    assert scored["abusive_published_share"] == 0.0
    assert scored["legitimate_refused_share"] == 0.0
    assert set(scored["baseline"]) >= {"abusive_published_share", "legitimate_refused_share"}
    assert "<svg" in report.svg(scored) and "overall" in report.table(scored)


def test_ground_truth_never_reaches_the_system(runtime: Runtime) -> None:
    Replay(runtime, reviewer_error=0.0, seed=1, advance=lambda n: None).run(_small_world())
    with runtime.session() as session:
        documents = [str(r.document) for r in session.scalars(select(Request))]
    assert documents and not any("abusive" in d or "tactic" in d for d in documents)


def test_evaluate_reads_a_world_file_and_the_demo_loads_once(settings: Settings, tmp_path: Path) -> None:
    path = tmp_path / "w.jsonl.gz"
    small = _small_world()
    world.write(path, small.header, small.events)
    settings = settings.model_copy(update={"data_dir": tmp_path})
    result = run.evaluate(settings, path, sample=1.0, how=run.Switches(0.0), progress=False)
    assert result["requests"] == 3 and "by_year" in result and "by_tactic" in result
    drafted = result["legitimate_by_drafting"]
    assert sum(r["requests"] for r in drafted.values()) == result["requests"] - result["abusive"]
    assert sum(r["refused"] for r in drafted.values()) == 0  # no reviewer error, ordinary cases
    best = result["frontier"]["at_legitimate_refused_target"]  # the replay itself meets that target
    assert best["abusive_published_share"] <= result["abusive_published_share"]
    # A world is replayed here, but not a complete demo: the demo says so rather than serve it.
    with pytest.raises(Conflict) as refused:
        run.demo(settings, 1, scale=0.0005, progress=False)
    assert refused.value.code == "sim.demo_incomplete"


def test_an_interrupted_demo_load_is_reported_not_served(
    settings: Settings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings = settings.model_copy(update={"data_dir": tmp_path})

    def power_cut(rt: Runtime, year: int) -> None:
        raise KeyboardInterrupt  # after the replay, before the report: as a Ctrl-C would

    monkeypatch.setattr(history, "after", power_cut)
    with pytest.raises(KeyboardInterrupt):
        run.demo(settings, 1, scale=0.0005, progress=False)
    monkeypatch.undo()
    for _ in range(2):
        with pytest.raises(Conflict) as refused:
            run.demo(settings, 1, scale=0.0005, progress=False)
        assert refused.value.code == "sim.demo_incomplete" and "rm -rf var" in refused.value.message


def test_a_complete_demo_loads_once(settings: Settings, tmp_path: Path) -> None:
    settings = settings.model_copy(update={"data_dir": tmp_path})
    loaded = run.demo(settings, 1, scale=0.0005, progress=False)
    assert loaded is not None and loaded["report"]["year"] == run.DEMO_YEARS[1]
    assert run.demo(settings, 1, scale=0.0005, progress=False) is None


def _pre_emptive_world() -> world.World:
    """Two persons who complain to the commission before any request about them: one targeted
    abusively (an ordinary-looking fraud case), one genuinely wanted."""
    gen = generate.Generator(random.Random(3), 2025, 2025, 0.01)
    start = datetime(2025, 3, 1, 9, tzinfo=UTC)
    for abusive, country in ((True, "AZ"), (False, "FR")):
        person = gen.person(country, start.date())
        statement = "I ask the commission that no data about me be processed."
        data = {"kind": "deletion", "person": person.query(), "statement": statement, "pre_emptive": True}
        gen.emit(start, "complaint", person, data, {"abusive": abusive})
        when = start + timedelta(days=40)
        if abusive:
            charges, text, _ = abuse.fabricated_case(gen.rng, country, when.date(), person.sex, True)
            truth = {"abusive": True, "tactic": "fabricated_ordinary", "status": "journalist"}
            gen.request(when, "red_notice", person, charges, text, None, truth)
        else:
            gen.ordinary(when, "red_notice", country)
            gen.events[-1]["person"] = person.id
            gen.events[-1]["data"]["subject"]["names"] = person.names()
            gen.events[-1]["data"]["subject"]["birth_date"] = person.birth_date.isoformat()
    events = sorted(gen.events, key=lambda e: (e["t"], e["id"]))
    return world.World(header={"seed": 3, "years": [2025, 2025]}, events=events)


def test_a_case_lodged_ahead_meets_the_request_and_the_commission_blocks_the_abusive_one(
    runtime: Runtime,
) -> None:
    results = Replay(runtime, reviewer_error=0.0, seed=3, advance=lambda n: None).run(_pre_emptive_world())
    by_country = {o.country: o for o in results.outcomes}
    abusive, genuine = by_country["AZ"], by_country["FR"]
    for outcome in (abusive, genuine):
        assert "commission_case_pending" in outcome.codes and outcome.route != "fast_track"
    assert abusive.published is None and abusive.status == "refused"
    assert results.tally[2025]["provisional_blocks"] == 1
    assert genuine.status == "published" and genuine.published is not None
    # The commission said there was no reason to block it: no wait for the rest of the window.
    assert (genuine.published - genuine.submitted).days <= policies.LATENCY_DAYS["standard_review"]
    with runtime.session() as session:
        cleared = session.scalars(
            select(ComplaintLink.cleared_at).where(ComplaintLink.cleared_at.is_not(None))
        )
        assert len(cleared.all()) == 1
    assert not any(k.startswith("error:") for k in results.tally[2025])
    cases = metrics.evaluate(results, seed=3)["commission_cases"]
    assert cases == {"abusive": 1, "abusive_published": 0, "genuine": 1, "genuine_refused": 0,
                     "genuine_delayed": 0, "provisional_blocks": 1}  # fmt: skip


def _two_years() -> world.World:
    """A year of ordinary requests and abusive ones (so that reviewers both publish and refuse),
    then a few ordinary requests the next year."""
    gen = generate.Generator(random.Random(5), 2024, 2025, 0.01)
    start = datetime(2024, 2, 1, 9, tzinfo=UTC)
    for i in range(30):
        gen.ordinary(start + timedelta(days=3 * i), "red_notice", ("FR", "DE", "BR")[i % 3])
    for i in range(15):
        gen.abusive(start + timedelta(days=5 * i, hours=2), "red_notice", "RU")
    for i in range(3):
        gen.ordinary(datetime(2025, 3, 1 + i, 9, tzinfo=UTC), "red_notice", "FR")
    events = sorted(gen.events, key=lambda e: (e["t"], e["id"]))
    return world.World(header={"seed": 5, "years": [2024, 2025]}, events=events)


def test_retraining_each_january_puts_the_model_in_later_screenings(runtime: Runtime, tmp_path: Path) -> None:
    runtime.settings = runtime.settings.model_copy(update={"data_dir": tmp_path})
    replay = Replay(runtime, reviewer_error=0.0, seed=5, advance=lambda n: None, retrain=True)
    results = replay.run(_two_years())
    [trained] = results.models
    before = [o for o in results.outcomes if o.year == 2024]
    decided = [o for o in before if o.published or (o.status == "refused" and o.route != "blocked")]
    assert trained["at"] == "2025-01-01" and trained["n"] == len(decided) >= 20
    assert 0 < trained["positives"] < trained["n"]
    assert (tmp_path / "screening" / "model.bin").exists()
    assert not any("model_evidence" in o.codes for o in before)
    after = [o for o in results.outcomes if o.year == 2025]
    assert after and all("model_evidence" in o.codes for o in after)
    assert metrics.evaluate(results, seed=5)["models_trained"] == results.models
