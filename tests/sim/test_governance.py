"""The simulated governance adopts the measures the oversight proposals compute, and they bite."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta

from sqlalchemy import select

from article3.bootstrap import bootstrap
from article3.clock import FixedClock
from article3.config import Settings
from article3.oversight.models import Measure
from article3.sim import generate, governance, metrics, report, world
from article3.sim.replay import Replay

START = datetime(2025, 1, 6, 9, tzinfo=UTC)


def _world() -> world.World:
    """Six French red notices, each complained about and (in truth) abusive, then a seventh in
    November, after the governance sitting of 1 October."""
    gen = generate.Generator(random.Random(2), 2025, 2025, 0.01)
    for i in range(6):
        when = START + timedelta(days=i)
        gen.ordinary(when, "red_notice", "FR")
        person = generate._person_of(
            gen.events[-1] if gen.events[-1]["type"] == "request" else gen.events[-2]
        )
        data = {
            "kind": "deletion",
            "person": person.query(),
            "statement": "I ask the commission to delete it.",
        }
        gen.emit(when + timedelta(days=30), "complaint", person, data, {"abusive": True})
    gen.ordinary(datetime(2025, 11, 3, 9, tzinfo=UTC), "red_notice", "FR")
    events = sorted(gen.events, key=lambda e: (e["t"], e["id"]))
    return world.World(header={"seed": 2, "years": [2025, 2025]}, events=events)


def test_sittings_fall_on_quarter_days_between_the_first_and_last_event() -> None:
    found = governance.sittings(datetime(2024, 2, 1, tzinfo=UTC), datetime(2025, 1, 2, tzinfo=UTC))
    assert [d.date().isoformat() for d in found] == ["2024-04-01", "2024-07-01", "2024-10-01", "2025-01-01"]


def test_a_country_over_the_threshold_gets_the_measure_and_later_requests_enhanced_review(
    settings: Settings,
) -> None:
    low = settings.model_copy(
        update={"oversight_min_decided": 5, "oversight_min_complaints": 3, "oversight_gap_threshold": 0.2}
    )
    rt = bootstrap(low, clock=FixedClock(START))
    try:
        w = _world()
        results = Replay(rt, reviewer_error=0.0, seed=2, advance=lambda n: None).run(w)
        with rt.session() as session:
            measures = list(session.scalars(select(Measure)))
    finally:
        rt.close()
    adopted = {(m.country, m.kind) for m in results.measures}
    assert ("FR", "enhanced_review") in adopted
    assert all(m.at == datetime(2025, 10, 1, 9, tzinfo=UTC) for m in results.measures)
    assert {(m.country_code, m.kind) for m in measures} == adopted
    assert all(m.lifted_at is None and "governance body" in m.applied_reason for m in measures)
    early, late = results.outcomes[0], results.outcomes[-1]
    assert early.route in {"fast_track", "standard_review"} and early.published is not None
    assert late.submitted.month == 11 and (late.route in {"enhanced_review", "blocked"} or late.ref is None)
    scored = metrics.evaluate(results, seed=2)
    assert {"country": "FR", "kind": "enhanced_review"}.items() <= next(
        m for m in scored["measures"] if m["kind"] == "enhanced_review"
    ).items()
    assert "FR  enhanced_review" in report.measures(scored)
