"""How far the screening's score can trade one target for the other (issue 9's two targets).

After a replay, each request has the combined risk its screening gave. Suppose that, on top of
what the replay decided, every request scoring at least ``t`` had been refused as well. Then

- abusive published(t) = abusive requests published with a risk below ``t`` / abusive requests;
- legitimate refused(t) = (legitimate requests refused + legitimate requests not refused with a
  risk of at least ``t``) / legitimate requests.

Sweeping ``t`` over every risk the replay saw gives the frontier of a single threshold on the
score: the lowest abusive published share with legitimate refused under its target, and the
lowest legitimate refused share with abusive published under its target. It reads the truth, as
every figure of the evaluation does; it is not a policy. It is no replay either: refusing more
would change what later screenings see (the requester's record, earlier refusals), so the figures
are what this replay's scores allow, not what a stricter reviewer would get.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

ABUSIVE_PUBLISHED_TARGET = 0.05  # issue 9: under 5% of abusive requests published
LEGIT_REFUSED_TARGET = 0.02  # issue 9: under 2% of legitimate requests refused
POINTS = (0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6, 0.7, 0.8)  # thresholds listed in the JSON


def _point(t: float, abusive: float, legit: float) -> dict[str, float | None]:
    """One threshold's figures; the threshold is None when nothing more is refused."""
    return {
        "threshold": round(t, 4) if np.isfinite(t) else None,
        "abusive_published_share": round(abusive, 4),
        "legitimate_refused_share": round(legit, 4),
    }


def compute(
    abusive_published: Sequence[float],
    abusive_total: int,
    legit_open: Sequence[float],
    legit_refused: int,
    legit_total: int,
) -> dict[str, Any]:
    """The frontier from the risks of the abusive requests published (``abusive_published``) and
    of the legitimate requests not refused (``legit_open``), with the replay's counts."""
    if not abusive_total or not legit_total:
        return {"at_legitimate_refused_target": None, "at_abusive_published_target": None, "points": []}
    pub = np.sort(np.asarray(abusive_published, dtype=np.float64))
    open_ = np.sort(np.asarray(legit_open, dtype=np.float64))
    cuts = np.unique(np.concatenate([pub, open_, [np.inf]]))
    # for each threshold: how many published abusive score below it, how many open legit at or above
    abusive = np.searchsorted(pub, cuts, side="left") / abusive_total
    legit = (legit_refused + open_.size - np.searchsorted(open_, cuts, side="left")) / legit_total
    return {
        "at_legitimate_refused_target": _best(cuts, abusive, legit, legit < LEGIT_REFUSED_TARGET, abusive),
        "at_abusive_published_target": _best(cuts, abusive, legit, abusive < ABUSIVE_PUBLISHED_TARGET, legit),
        "points": [_point(t, *_at(cuts, abusive, legit, t)) for t in POINTS],
    }


def _best(
    cuts: np.ndarray[Any, Any],
    abusive: np.ndarray[Any, Any],
    legit: np.ndarray[Any, Any],
    allowed: np.ndarray[Any, Any],
    lower: np.ndarray[Any, Any],
) -> dict[str, float | None] | None:
    """The allowed threshold with the lowest ``lower`` (ties: the highest threshold, which
    refuses least), or None when no threshold is allowed."""
    if not allowed.any():
        return None
    index = np.flatnonzero(allowed)
    best = index[np.lexsort((-cuts[index], lower[index]))[0]]
    return _point(float(cuts[best]), float(abusive[best]), float(legit[best]))


def _at(
    cuts: np.ndarray[Any, Any], abusive: np.ndarray[Any, Any], legit: np.ndarray[Any, Any], t: float
) -> tuple[float, float]:
    """The figures when refusing every request scoring at least ``t``."""
    i = int(np.searchsorted(cuts, t, side="left"))
    return float(abusive[i]), float(legit[i])
