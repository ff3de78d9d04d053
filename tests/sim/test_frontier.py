"""The frontier of a single threshold on the screening's risk (sim/frontier.py), by hand."""

from __future__ import annotations

from datetime import UTC, datetime

from article3.sim import frontier, metrics, report
from article3.sim.replay import Outcome

# 10 abusive requests, 3 of them published (risks 0.2, 0.5, 0.7); 100 legitimate ones, none
# refused, with risks 0.1 (96 of them), 0.6 (3) and 0.8 (1).
PUBLISHED_ABUSIVE = [0.2, 0.5, 0.7]
OPEN_LEGIT = [0.1] * 96 + [0.6] * 3 + [0.8]


def _figures(point: dict[str, float | None] | None) -> tuple[float | None, ...] | None:
    if point is None:
        return None
    return point["threshold"], point["abusive_published_share"], point["legitimate_refused_share"]


def test_the_best_threshold_for_each_target_is_found() -> None:
    f = frontier.compute(PUBLISHED_ABUSIVE, 10, OPEN_LEGIT, 0, 100)
    # Refusing from 0.7 up stops the 0.7 abusive request and refuses the 0.8 legitimate one (1%);
    # from 0.6 up the three 0.6 ones go too (4%, over the 2% target).
    assert _figures(f["at_legitimate_refused_target"]) == (0.7, 0.2, 0.01)
    # Under 5% abusive published means none of the three: refuse from 0.2 up, 4 legitimate.
    assert _figures(f["at_abusive_published_target"]) == (0.2, 0.0, 0.04)
    points = {
        p["threshold"]: (p["abusive_published_share"], p["legitimate_refused_share"]) for p in f["points"]
    }
    assert points[0.3] == (0.1, 0.04)  # stops 0.5 and 0.7; refuses the 0.6s and the 0.8
    assert points[0.55] == (0.2, 0.04)
    assert points[0.8] == (0.3, 0.01)


def test_no_threshold_when_the_replay_already_misses_the_target() -> None:
    f = frontier.compute(PUBLISHED_ABUSIVE, 10, OPEN_LEGIT, 3, 103)  # 3 refused already: 2.9%
    assert f["at_legitimate_refused_target"] is None
    line = report.frontier({"frontier": f})
    assert "no threshold keeps legitimate refused under 2%" in line
    assert "with abusive published under 5%: legitimate refused 6.8% at best" in line  # (3+4)/103


def test_nothing_more_refused_when_the_replay_is_already_best() -> None:
    f = frontier.compute([0.9], 100, [0.95], 0, 40)  # refusing the abusive one refuses 2.5%
    assert _figures(f["at_legitimate_refused_target"]) == (None, 0.01, 0.0)
    assert "(refusing nothing more;" in report.frontier({"frontier": f})


def _outcome(abusive: bool, status: str, risk: float, published: bool) -> Outcome:
    at = datetime(2025, 1, 1, tzinfo=UTC)
    return Outcome(
        world_id="E1", year=2025, country="RU", kind="red_notice", abusive=abusive, tactic=None,
        submitted=at, status=status, risk=risk, published=at if published else None,
    )  # fmt: skip


def test_the_evaluation_reads_published_abusive_and_unrefused_legitimate_requests() -> None:
    outcomes = [
        _outcome(True, "published", 0.5, True),
        _outcome(True, "refused", 0.9, False),  # not published: nothing to stop
        _outcome(True, "deleted", 0.3, True),  # published, then deleted: still published
        _outcome(False, "refused", 0.8, False),  # refused already
        *[_outcome(False, "published", 0.1, True) for _ in range(98)],
        _outcome(False, "in_review", 0.4, False),  # not refused: a threshold would refuse it
    ]
    f = metrics.score_frontier(outcomes)
    assert _figures(f["at_abusive_published_target"]) == (0.3, 0.0, 0.02)
    # From 0.5 up: the 0.5 abusive request is stopped, the one in review (0.4) is not refused.
    assert _figures(f["at_legitimate_refused_target"]) == (0.5, round(1 / 3, 4), 0.01)
