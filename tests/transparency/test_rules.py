"""Wilson intervals (checked against SciPy), the gap, and small-count suppression: pure."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from scipy.stats import binomtest

from article3.transparency import rules


@given(st.integers(1, 400).flatmap(lambda n: st.tuples(st.integers(0, n), st.just(n))))
def test_wilson_matches_scipy(case: tuple[int, int]) -> None:
    k, n = case
    ours = rules.wilson(k, n)
    theirs = binomtest(k, n).proportion_ci(confidence_level=0.95, method="wilson")
    assert ours is not None
    assert ours.low == pytest.approx(theirs.low, abs=1e-9)
    assert ours.high == pytest.approx(theirs.high, abs=1e-9)
    assert ours.low <= ours.value <= ours.high


def test_wilson_edges() -> None:
    assert rules.wilson(0, 0) is None
    assert rules.wilson(0, 10).low == 0.0  # type: ignore[union-attr]
    assert rules.wilson(10, 10).high == 1.0  # type: ignore[union-attr]
    with pytest.raises(ValueError, match="successes"):
        rules.wilson(11, 10)
    assert rules.z_for(0.95) == pytest.approx(1.959964, abs=1e-6)


def test_ninety_percent_pass_half_overturned_stands_out() -> None:
    passed, overturned = rules.rate(90, 100), rules.rate(50, 100)
    gap = rules.gap(passed, overturned)
    assert gap is not None
    assert gap.value == pytest.approx(0.40)
    assert 0.25 < gap.low < 0.40 < gap.high < 0.55
    assert rules.divergent(gap, 0.25)


def test_a_consistent_country_does_not_stand_out() -> None:
    gap = rules.gap(rules.rate(90, 100), rules.rate(8, 100))
    assert gap is not None
    assert gap.value == pytest.approx(-0.02)
    assert not rules.divergent(gap, 0.25)


def test_few_complaints_never_stand_out() -> None:
    gap = rules.gap(rules.rate(9, 10), rules.rate(2, 3))
    assert gap is not None
    assert gap.value > 0.5
    assert not rules.divergent(gap, 0.25)  # the interval is far too wide
    assert rules.gap(None, rules.rate(1, 2)) is None


@pytest.mark.parametrize(
    ("count", "shown"), [(None, None), (0, 0), (1, "<5"), (4, "<5"), (5, 5), (1234, 1234)]
)
def test_counts_under_five_are_suppressed(count: int | None, shown: int | str | None) -> None:
    assert rules.published(count) == shown


def test_rates_need_five_cases() -> None:
    assert rules.published_rate(rules.rate(3, 4)) is None
    assert rules.published_rate(rules.rate(3, 5)) is not None
