"""The simulated governance adopts the measures the oversight proposals compute, and they bite."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta

from sqlalchemy import select

from article3.audit.actions import AuditAction
from article3.audit.models import AuditEntry
from article3.bootstrap import bootstrap
from article3.clock import FixedClock
from article3.config import Settings
from article3.oversight.models import Measure
from article3.oversight.rules import RecordFigures, Thresholds
from article3.sim import generate, governance, metrics, report, world
from article3.sim.replay import Replay, Results

START = datetime(2025, 1, 6, 9, tzinfo=UTC)
LOW = {"oversight_min_decided": 5, "oversight_min_complaints": 3, "oversight_gap_threshold": 0.2}


def _world(until: datetime | None = None) -> world.World:
    """Six French red notices, each complained about and (in truth) abusive, then a seventh in
    November, after the governance sitting of 1 October; with ``until``, a German one then, and
    nothing after it (the governance body sits every quarter up to the last event)."""
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
    if until is not None:
        gen.ordinary(until, "red_notice", "DE")
    last = (until or datetime.max.replace(tzinfo=UTC)).isoformat()
    events = sorted((e for e in gen.events if e["t"] <= last), key=lambda e: (e["t"], e["id"]))
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


# --- lifting ----------------------------------------------------------------------------------
# In _world, FR's record proposes enhanced review (gap) and a diffusion hold (overturn) from the
# sitting of 2025-10-01 to that of 2026-01-01; from 2026-04-01 its January 2025 requests and their
# complaints have left the 365-day window, so the record proposes nothing.
LIFTED_ON = datetime(2027, 1, 1, 9, tzinfo=UTC)  # the fourth sitting without grounds


def _replay(settings: Settings, until: datetime, **update: object) -> tuple[Results, list[Measure], Replay]:
    rt = bootstrap(settings.model_copy(update={**LOW, **update}), clock=FixedClock(START))
    try:
        replay = Replay(rt, reviewer_error=0.0, seed=2, advance=lambda n: None)
        results = replay.run(_world(until))
        with rt.session() as session:
            measures = list(session.scalars(select(Measure).order_by(Measure.id)))
            entries = list(
                session.scalars(select(AuditEntry).where(AuditEntry.action == AuditAction.MEASURE_LIFTED))
            )
    finally:
        rt.close()
    assert sorted(int(e.subject_id) for e in entries) == sorted(m.id for m in measures if m.lifted_at)
    return results, measures, replay


def test_a_measure_whose_grounds_are_gone_is_lifted_in_writing_at_the_nth_sitting(settings: Settings) -> None:
    results, measures, replay = _replay(settings, datetime(2027, 2, 1, 9, tzinfo=UTC))
    assert {(m.country_code, m.kind) for m in measures} == {
        ("FR", "enhanced_review"),
        ("FR", "diffusion_hold"),
    }
    assert all(m.lifted_at == LIFTED_ON for m in measures)
    assert all(m.lifted_by == replay.staff["governance"].user_id for m in measures)
    assert {(x.country, x.kind, x.criterion, x.sittings) for x in results.lifted} == {
        ("FR", "enhanced_review", "gap", governance.LIFT_AFTER),
        ("FR", "diffusion_hold", "overturn", governance.LIFT_AFTER),
    }
    gap = next(m for m in measures if m.kind == "enhanced_review")
    assert gap.lifted_reason is not None
    for quoted in ("sitting of 2027-01-01", "criterion gap", "threshold 20 %", "365 days",
                   "too few cases", f"{governance.LIFT_AFTER} consecutive sittings"):  # fmt: skip
        assert quoted in gap.lifted_reason
    assert results.tally[2027]["measures_lifted"] == 2 and results.tally[2026]["measures_lifted"] == 0
    scored = metrics.evaluate(results, seed=2)
    assert scored["by_year"]["2027"]["measures_lifted"] == 2
    assert {"at": "2027-01-01", "country": "FR", "kind": "enhanced_review", "criterion": "gap",
            "figure": None, "threshold": 0.2, "sittings": 4} in scored["measures_lifted"]  # fmt: skip
    assert len(scored["measures"]) == 2  # the adopted ones, as before
    text = report.measures(scored)
    assert "measures lifted by the simulated governance: 2" in text and "2027-01-01  FR " in text


def test_a_measure_is_not_lifted_one_sitting_early(settings: Settings) -> None:
    results, measures, _ = _replay(settings, datetime(2026, 12, 1, 9, tzinfo=UTC))
    assert len(measures) == 2 and results.lifted == []
    assert all(m.lifted_at is None and m.lifted_reason is None for m in measures)


def test_a_measure_is_not_lifted_while_its_record_still_proposes_it(settings: Settings) -> None:
    """Over a ten-year window the bad months never leave the record: the grounds hold throughout."""
    results, measures, replay = _replay(
        settings, datetime(2027, 2, 1, 9, tzinfo=UTC), oversight_window_days=3650
    )
    assert len(measures) == 2 and results.lifted == []
    assert all(m.lifted_at is None for m in measures)
    assert set(replay.body.quiet.values()) == {0}


def test_the_grounds_are_any_criterion_proposing_the_kind_without_the_measures_in_force() -> None:
    limits = Thresholds(min_decided=5, min_complaints=3, gap=0.2)
    bad_gap = RecordFigures("FR", decided=6, published=6, complaints=6, gap_low=0.45)
    flagged = RecordFigures("FR", decided=6, published=6, flag_share_low=0.5)
    too_few = RecordFigures("FR", decided=6, published=6, complaints=2, gap_low=0.45)
    assert governance.grounded(bad_gap, limits, "enhanced_review")
    assert governance.grounded(flagged, limits, "enhanced_review")  # another criterion, same measure
    assert not governance.grounded(too_few, limits, "enhanced_review")
    assert not governance.grounded(bad_gap, limits, "suspension")


def test_every_lifting_names_its_criterion_figure_threshold_and_sittings() -> None:
    at = datetime(2026, 4, 1, 9, tzinfo=UTC)
    below = governance.Lifted(at, "RU", "message_hold", "blocked_messages", 2.0, 5.0, 4)
    text = governance.lift_reason(below, window_days=365)
    assert "message_hold measure on RU is lifted" in text
    assert "criterion blocked_messages (threshold 5)" in text and "stands at 2," in text
    assert "4 consecutive sittings" in text
    few = governance.Lifted(at, "RU", "enhanced_review", "gap", 0.3, 0.25, 4)
    assert "stands at 30 %, on fewer cases than the criterion's minimum" in governance.lift_reason(
        few, window_days=365
    )
    assert below.as_dict() == {"at": "2026-04-01", "country": "RU", "kind": "message_hold",
                               "criterion": "blocked_messages", "figure": 2.0, "threshold": 5.0,
                               "sittings": 4}  # fmt: skip
