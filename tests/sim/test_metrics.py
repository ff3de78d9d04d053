"""The evaluation's breakdown by requesting country (sim/metrics.by_requester) and its counts, by hand."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from article3.sim import metrics, report
from article3.sim.replay import Outcome, Results

AT = datetime(2025, 1, 1, tzinfo=UTC)


def _outcome(country: str, abusive: bool, status: str, days: int | None) -> Outcome:
    published = None if days is None else AT + timedelta(days=days)
    return Outcome(
        world_id="E1", year=2025, country=country, kind="red_notice", abusive=abusive, tactic=None,
        submitted=AT, status=status, published=published,
    )  # fmt: skip


def test_requesters_of_abusive_requests_are_listed_most_published_first() -> None:
    outcomes = [
        _outcome("TJ", True, "refused", None),
        _outcome("TJ", False, "published", 1),
        _outcome("RU", True, "published", 10),
        _outcome("RU", True, "deleted", 3),  # published, then deleted by the commission
        _outcome("RU", True, "refused", None),
        _outcome("RU", False, "refused", None),
        _outcome("RU", False, "published", 8),  # delayed: published after 7 days
        _outcome("RU", False, "published", 2),
        _outcome("FR", False, "published", 9),  # no abusive request: not listed
    ]
    rows = metrics.by_requester(outcomes)
    assert list(rows) == ["RU", "TJ"]
    assert rows["RU"] == {
        "abusive": 3, "abusive_published": 2, "legitimate": 3, "legitimate_refused": 1,
        "legitimate_delayed": 1,
    }  # fmt: skip
    assert rows["TJ"]["abusive_published"] == 0 and rows["TJ"]["legitimate"] == 1
    lines = report.requesters({"by_requester": rows}).splitlines()
    assert lines[1].split() == ["RU", "2", "/", "3", "1", "/", "1", "/", "3"]


def test_the_overall_shares_carry_their_counts_and_wilson_intervals() -> None:
    outcomes = [
        _outcome("RU", True, "published", 10),
        _outcome("RU", True, "deleted", 3),
        _outcome("RU", True, "refused", None),
        _outcome("RU", False, "refused", None),
        _outcome("FR", False, "published", 8),
        _outcome("FR", False, "published", 2),
        _outcome("FR", False, "published", 1),
    ]
    scored = metrics.evaluate(Results(outcomes=outcomes), seed=1)
    published = scored["counts"]["abusive_published"]
    assert (published["count"], published["of"]) == (2, 3)
    assert published["interval_95"] == [0.2077, 0.9385]  # Wilson 1927 for 2 of 3, z = 1.96
    assert scored["counts"]["legitimate_refused"]["count"] == 1
    assert scored["counts"]["legitimate_delayed"] == {"count": 1, "of": 4, "interval_95": [0.0456, 0.6994]}
    line = report.intervals({**scored, "sample": 0.03})
    assert line.startswith("overall of a 3% sample of persons")
    assert "abusive published 2 of 3 (20.8%–93.8%)" in line
    assert "sample" not in report.intervals({**scored, "sample": 1.0})


def test_the_table_names_each_retrained_model_only_when_there_is_one() -> None:
    outcomes = [_outcome("FR", False, "published", 1), _outcome("RU", True, "refused", None)]
    cards = [{"at": "2017-01-01", "n": 854, "positives": 11, "roc_auc": 0.9388},
             {"at": "2018-01-01", "n": 30, "positives": 2, "roc_auc": None}]  # fmt: skip
    scored = metrics.evaluate(Results(outcomes=outcomes, models=cards), seed=1)
    assert scored["models_trained"] == cards
    last = report.table(scored).splitlines()[-1]
    assert last.endswith("2017 854 (11 positive, AUC 0.94); 2018 30 (2 positive, AUC -)")
    assert "retrained" not in report.table(metrics.evaluate(Results(outcomes=outcomes), seed=1))
