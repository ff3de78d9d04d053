"""Graded comparison of birth dates that may be known only to the year or month. Pure.

Two full dates that disagree are strong evidence against a match unless the
difference looks like a recording error: a wrong day, day and month swapped, or
the year off by one with the same day and month. A namesake born in another
month or year therefore does not reach the threshold on the name alone.
`date_similarity_array` is the same table over numpy columns, used to rank
candidates before they are scored exactly.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import numpy.typing as npt

from article3.search.normalize import BirthDate

DATE_BASE_POINTS = -3.5  # points for a contradicting date
DATE_SLOPE = 5.0  # points per unit of date similarity (an exact date is worth +1.5)
UNKNOWN = 0  # year, month or day not known, in the array form

SAME_DATE = 1.0
SAME_MONTH_DAY_UNKNOWN = 0.85
SWAPPED = 0.8
SAME_YEAR_MONTH_UNKNOWN = 0.75
ONE_YEAR_SAME_DAY = 0.65
SAME_MONTH_OTHER_DAY = 0.55
ONE_YEAR_MONTH_UNKNOWN = 0.5
SAME_YEAR_OTHER_MONTH = 0.2
ONE_YEAR_OTHER_DAY = 0.2
TWO_YEARS = 0.15
UP_TO_FIVE_YEARS = 0.05

Column = npt.NDArray[Any]

# About how often an unrelated person's birth date agrees this well (birth years
# spread over some 60 years): what is left of the namesakes once the date is known.
_CHANCE = {
    SAME_DATE: 1 / 20_000,
    SAME_MONTH_DAY_UNKNOWN: 1 / 700,
    SWAPPED: 1 / 20_000,
    SAME_YEAR_MONTH_UNKNOWN: 1 / 60,
    ONE_YEAR_SAME_DAY: 1 / 10_000,
    SAME_MONTH_OTHER_DAY: 1 / 700,
    ONE_YEAR_MONTH_UNKNOWN: 1 / 30,
}


def date_chance(similarity: float | None) -> float:
    """Share of unrelated persons whose birth date agrees at least this well (1: no help)."""
    return 1.0 if similarity is None else _CHANCE.get(similarity, 1.0)


def _same_year(query: BirthDate, candidate: BirthDate) -> tuple[float, str]:
    if query.month is None or candidate.month is None:
        return SAME_YEAR_MONTH_UNKNOWN, "same year; month unknown on one side"
    both_days = query.day is not None and candidate.day is not None
    if query.month == candidate.month:
        if not both_days:
            return SAME_MONTH_DAY_UNKNOWN, "same year and month; day unknown on one side"
        if query.day == candidate.day:
            return SAME_DATE, "same date"
        return SAME_MONTH_OTHER_DAY, "same year and month, different day"
    if both_days and query.month == candidate.day and query.day == candidate.month:
        return SWAPPED, "day and month swapped"
    return SAME_YEAR_OTHER_MONTH, "same year, different month"


def _one_year_apart(query: BirthDate, candidate: BirthDate) -> tuple[float, str]:
    if query.month is None or candidate.month is None:
        return ONE_YEAR_MONTH_UNKNOWN, "one year apart; month unknown on one side"
    if query.month == candidate.month and (query.day is None or candidate.day is None):
        return ONE_YEAR_MONTH_UNKNOWN, "one year apart, same month; day unknown on one side"
    if query.month == candidate.month and query.day == candidate.day:
        return ONE_YEAR_SAME_DAY, "one year apart, same day and month"
    return ONE_YEAR_OTHER_DAY, "one year apart, different day or month"


def date_similarity(query: BirthDate | None, candidate: BirthDate | None) -> tuple[float | None, str]:
    """Similarity in 0..1 of two birth dates (None if either is unknown) and why."""
    if query is None or candidate is None:
        return None, "unknown on one side"
    years = abs(query.year - candidate.year)
    if years == 0:
        return _same_year(query, candidate)
    if years == 1:
        return _one_year_apart(query, candidate)
    if years == 2:
        return TWO_YEARS, "two years apart"
    if years <= 5:
        return UP_TO_FIVE_YEARS, f"{years} years apart"
    return 0.0, f"{years} years apart"


def date_points(similarity: float | None) -> float:
    """Log-odds points for a date similarity; an unknown date is worth nothing."""
    if similarity is None:
        return 0.0
    return DATE_BASE_POINTS + DATE_SLOPE * similarity


def _points_table() -> npt.NDArray[np.float64]:
    """Points per (years apart 0-5, 6+ or unknown) x (month state) x (day state); see below."""
    same_year = [
        [SAME_YEAR_MONTH_UNKNOWN] * 3,
        [SAME_MONTH_DAY_UNKNOWN, SAME_DATE, SAME_MONTH_OTHER_DAY],
        [SWAPPED] * 3,
        [SAME_YEAR_OTHER_MONTH] * 3,
    ]
    one_year = [
        [ONE_YEAR_MONTH_UNKNOWN] * 3,
        [ONE_YEAR_MONTH_UNKNOWN, ONE_YEAR_SAME_DAY, ONE_YEAR_OTHER_DAY],
        [ONE_YEAR_OTHER_DAY] * 3,
        [ONE_YEAR_OTHER_DAY] * 3,
    ]

    def flat(value: float) -> list[list[float]]:
        return [[value] * 3] * 4

    far = [flat(TWO_YEARS), flat(UP_TO_FIVE_YEARS), flat(UP_TO_FIVE_YEARS), flat(UP_TO_FIVE_YEARS)]
    similarity = np.array([same_year, one_year, *far, flat(0.0)], np.float64)
    points = DATE_BASE_POINTS + DATE_SLOPE * similarity
    return np.concatenate([points, np.zeros((1, 4, 3))]).reshape(-1)


_TABLE = _points_table()
_UNKNOWN_YEAR = 7


def date_points_array(
    query: BirthDate | None, year: Column, month: Column, day: Column
) -> npt.NDArray[np.float32]:
    """`date_points(date_similarity(query, candidate))` over columns (0 = unknown).

    Each candidate gets a code: years apart (0..5, 6 for more, 7 for unknown), month
    state (0 unknown on a side, 1 same, 2 day and month swapped, 3 other) and day state
    (0 unknown on a side, 1 same, 2 other), looked up in a table of points.
    """
    if query is None:
        return np.zeros(year.shape, np.float32)
    years = np.minimum(np.abs(year.astype(np.int32) - query.year), 6)
    code = np.where(year == UNKNOWN, _UNKNOWN_YEAR, years) * 12
    if query.month is not None:
        code += np.where(month == UNKNOWN, 0, np.where(month == query.month, 3, 9))
        if query.day is not None:
            swapped = (month == query.day) & (day == query.month) & (month != query.month)
            code -= np.where(swapped, 3, 0)
    if query.day is not None:
        code += np.where(day == UNKNOWN, 0, np.where(day == query.day, 1, 2))
    points: npt.NDArray[np.float32] = _TABLE[code].astype(np.float32)
    return points


def date_points_columns(
    year: Column,
    month: Column,
    day: Column,
    known: Column,
    theirs: Column,
    their_month: Column,
    their_day: Column,
) -> npt.NDArray[np.float32]:
    """`date_points_array` with one query date per element (0 = unknown; `known`: the query has a date).

    The same codes and table, so each element gets exactly what `date_points_array` gives it
    for its own query.
    """
    years = np.minimum(np.abs(theirs.astype(np.int32) - year), 6)
    code = np.where(theirs == UNKNOWN, _UNKNOWN_YEAR, years) * 12
    code += np.where((month == UNKNOWN) | (their_month == UNKNOWN), 0, np.where(their_month == month, 3, 9))
    swapped = (month != UNKNOWN) & (day != UNKNOWN) & (their_month == day) & (their_day == month)
    code -= np.where(swapped & (their_month != month), 3, 0)
    code += np.where((day == UNKNOWN) | (their_day == UNKNOWN), 0, np.where(their_day == day, 1, 2))
    points: npt.NDArray[np.float32] = np.where(known, _TABLE[code], 0.0).astype(np.float32)
    return points
