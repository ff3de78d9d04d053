"""Pure rules of the statistics: Wilson intervals, the pass/overturn gap, small-count suppression.

Wilson score interval for k successes out of n (Wilson 1927; Agresti & Coull 1998), with z the
standard normal quantile of the confidence level::

    centre = (k + z²/2) / (n + z²)
    half   = z / (n + z²) · sqrt(k (n − k) / n + z²/4)

The gap between the initial pass rate p₁ and the commission's confirmation rate p₂ = 1 − overturn
rate is d = p₁ − p₂ = p₁ + overturned − 1, with Newcombe's hybrid score interval (Newcombe 1998,
method 10), built from the two Wilson intervals (l₁, u₁) and (l₂, u₂)::

    low  = d − sqrt((p₁ − l₁)² + (u₂ − p₂)²)
    high = d + sqrt((u₁ − p₁)² + (p₂ − l₂)²)

"90 % pass, half overturned" is a gap of 0.4: what the initial checks let through, the commission
later finds non-compliant far more often than the checks refused.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from statistics import NormalDist

CONFIDENCE = 0.95
SUPPRESS_BELOW = 5
SUPPRESSED = "<5"


@dataclass(frozen=True, slots=True)
class Interval:
    """An estimate and its confidence interval, all in [0, 1] (the gap in [-1, 1])."""

    value: float
    low: float
    high: float


@dataclass(frozen=True, slots=True)
class Rate:
    """A proportion with its counts and its Wilson interval."""

    successes: int
    trials: int
    interval: Interval


def z_for(confidence: float = CONFIDENCE) -> float:
    """The two-sided standard normal quantile (1.959964 for 95 %)."""
    if not 0 < confidence < 1:
        raise ValueError("confidence must be between 0 and 1")
    return NormalDist().inv_cdf(0.5 + confidence / 2)


def wilson(successes: int, trials: int, confidence: float = CONFIDENCE) -> Interval | None:
    """The Wilson score interval of successes/trials; None when there are no trials."""
    if trials < 0 or not 0 <= successes <= trials:
        raise ValueError(f"need 0 <= successes <= trials, got {successes}/{trials}")
    if trials == 0:
        return None
    z = z_for(confidence)
    z2 = z * z
    p = successes / trials
    denominator = trials + z2
    centre = (successes + z2 / 2) / denominator
    half = z / denominator * math.sqrt(successes * (trials - successes) / trials + z2 / 4)
    low = 0.0 if successes == 0 else max(0.0, centre - half)
    high = 1.0 if successes == trials else min(1.0, centre + half)
    return Interval(value=p, low=low, high=high)


def rate(successes: int, trials: int, confidence: float = CONFIDENCE) -> Rate | None:
    interval = wilson(successes, trials, confidence)
    return None if interval is None else Rate(successes, trials, interval)


def gap(passed: Rate | None, overturned: Rate | None) -> Interval | None:
    """Initial pass rate minus the commission's confirmation rate, with Newcombe's interval."""
    if passed is None or overturned is None:
        return None
    p1, l1, u1 = passed.interval.value, passed.interval.low, passed.interval.high
    # the confirmation rate is 1 - overturn rate; its Wilson interval mirrors the overturn one
    p2, l2, u2 = 1 - overturned.interval.value, 1 - overturned.interval.high, 1 - overturned.interval.low
    d = p1 - p2
    low = d - math.sqrt((p1 - l1) ** 2 + (u2 - p2) ** 2)
    high = d + math.sqrt((u1 - p1) ** 2 + (p2 - l2) ** 2)
    return Interval(value=d, low=max(-1.0, low), high=min(1.0, high))


def divergent(gap_interval: Interval | None, threshold: float) -> bool:
    """The pattern stands out when even the interval's lower bound exceeds the threshold."""
    return gap_interval is not None and gap_interval.low >= threshold


def published(count: int | None, *, below: int = SUPPRESS_BELOW) -> int | str | None:
    """A count as it may be published: 1 to ``below`` − 1 become "<5"; 0 and None stay as they are."""
    if count is None or count == 0 or count >= below:
        return count
    return SUPPRESSED


def published_rate(value: Rate | None, *, below: int = SUPPRESS_BELOW) -> Rate | None:
    """A rate is published only when its denominator is at least ``below``."""
    if value is None or value.trials < below:
        return None
    return value
