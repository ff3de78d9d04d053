"""The vectorised arithmetic of the index pre-score, for a whole batch of queries at once. Pure.

The index scatters each query name into its scratch arrays (one name at a time: that is
per-person memory work), which leaves, per name, the persons found and their summed part
similarities and part counts (a *segment*). Everything after that is arithmetic over
columns, done here with one set of numpy calls for every segment of a `search_many`
batch (or of one query), the per-query constants repeated along each segment:

* `name_points`: the name points of `names.align` + `matching` from the part sums;
* `column_points`: the birth date, nationality and sex points of `matching`.

Each element gets exactly the float32 operations, in the same order, that the per-query
formulas gave it (a constant that a query lacks adds an exact zero), so the points, and
with them the ranking, are the same bit for bit.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np
import numpy.typing as npt

from article3.search.arrays import Doubles, Floats, Ints, Longs, Records
from article3.search.columns import SEX_CODES, Columns
from article3.search.dates import date_points_array, date_points_columns
from article3.search.matching import (
    NAME_MIN_POINTS,
    NAME_PIVOT,
    NAME_SLOPE,
    NATIONALITY_DISJOINT,
    NATIONALITY_SHARED,
    SEX_DIFFERENT,
    SEX_SAME,
    PreparedPerson,
)
from article3.search.names import EXTRA_PART_WEIGHT, INITIAL_SIMILARITY, INITIAL_WEIGHT

_INITIAL_PAIR = (1.0 + INITIAL_WEIGHT) / 2
RIVAL_SPAN = 2.0  # persons this many name points below a candidate still count a little as namesakes


@dataclass
class Segments:
    """The scattered names of a batch: per segment, persons found, part sums and the name's shape."""

    ids: list[Ints] = field(default_factory=list)
    total: list[Floats] = field(default_factory=list)
    count: list[Floats] = field(default_factory=list)
    full: list[int] = field(default_factory=list)  # distinct full parts of the name
    initials: list[list[int]] = field(default_factory=list)  # first-letter bits of its initials

    def add(self, ids: Ints, total: Floats, count: Floats, full: int, initials: list[int]) -> None:
        self.ids.append(ids)
        self.total.append(total)
        self.count.append(count)
        self.full.append(full)
        self.initials.append(initials)


def name_points(segments: Segments, rows: Records) -> Floats:
    """Name points like `names.align` + `matching` for every element of `segments`.

    `rows` are the column records of the concatenated ids. Per element, the same float32
    operations as for one name on its own: a name without initials adds exact zeros.
    """
    sizes = np.array([ids.size for ids in segments.ids], np.int64)
    total, count = np.concatenate(segments.total), np.concatenate(segments.count)
    full = _spread(segments.full, sizes, np.float32)
    letters = rows["letters"]
    hits = np.zeros(total.size, np.float32)
    for bits in _padded(segments.initials, 0, sizes, np.int32):
        hits += (letters & bits) != 0
    initials = _spread([len(bits) for bits in segments.initials], sizes, np.float32)
    # in place, each operation on the same operands as the formulas of `names.align` + `matching`
    # (`a + b` as `b += a` where that saves an array: IEEE addition and product are commutative)
    total += _INITIAL_PAIR * INITIAL_SIMILARITY * hits
    spare = rows["parts"] - count
    spare -= hits
    np.maximum(spare, 0.0, out=spare)
    unmatched = full - count
    zeros = np.minimum(unmatched, spare)
    weight = _INITIAL_PAIR * hits
    weight += count
    weight += zeros
    extra = unmatched - zeros
    missed = initials - hits
    missed *= INITIAL_WEIGHT
    extra += missed
    extra += spare
    extra -= zeros
    extra *= EXTRA_PART_WEIGHT
    extra += weight
    np.maximum(extra, 1e-6, out=extra)
    total /= extra  # the name similarity
    total -= NAME_PIVOT
    total *= NAME_SLOPE
    points: Floats = np.maximum(total, NAME_MIN_POINTS, out=total)
    return points


def column_points(columns: Columns, rows: Records, queries: list[PreparedPerson], sizes: Longs) -> Floats:
    """Birth date, nationality and sex points of each query against its run of `rows`.

    `sizes[k]` consecutive records belong to `queries[k]`. Same float32 arithmetic as
    adding, per query, the date points, then the nationality points, then the sex points.
    """
    births = [query.birth for query in queries]
    if len(births) == 1:  # one query: its own date, fewer operations (the batch form equals it)
        total = date_points_array(births[0], rows["year"], rows["month"], rows["day"])
    else:
        year = _spread([b.year if b else 0 for b in births], sizes, np.int32)
        month = _spread([(b.month or 0) if b else 0 for b in births], sizes, np.int32)
        day = _spread([(b.day or 0) if b else 0 for b in births], sizes, np.int32)
        known = _spread([b is not None for b in births], sizes, np.bool_)
        total = date_points_columns(year, month, day, known, rows["year"], rows["month"], rows["day"])
    total += _nationality(columns, rows, queries, sizes)
    sex = _spread([SEX_CODES.get(query.sex or "", 0) for query in queries], sizes, np.int8)
    theirs = rows["sex"]
    same = np.where(theirs == sex, SEX_SAME, SEX_DIFFERENT)
    total += np.where((sex == 0) | (theirs == 0), 0.0, same).astype(np.float32)
    return total


def _nationality(columns: Columns, rows: Records, queries: list[PreparedPerson], sizes: Longs) -> Doubles:
    codes = [
        [columns.countries[code] for code in q.nationalities if code in columns.countries] for q in queries
    ]
    nat1, nat2 = rows["nat1"], rows["nat2"]
    shared = np.zeros(nat1.size, np.bool_)
    for code in _padded(codes, -1, sizes, np.int16):
        shared |= (nat1 == code) | (nat2 == code)
    asked = _spread([bool(q.nationalities) for q in queries], sizes, np.bool_)
    points: Doubles = np.where(
        ~asked | (nat1 == 0), 0.0, np.where(shared, NATIONALITY_SHARED, NATIONALITY_DISJOINT)
    )
    return points


def _spread(values: list[Any], sizes: Longs, dtype: type[np.generic]) -> npt.NDArray[Any]:
    """`values[k]` repeated `sizes[k]` times; a single value as a 0-d array (it broadcasts)."""
    if len(values) == 1:
        return np.array(values[0], dtype)
    return np.repeat(np.array(values, dtype), sizes)


def _padded(rows: list[list[int]], pad: int, sizes: Longs, dtype: type[np.generic]) -> list[npt.NDArray[Any]]:
    """Per column of `rows` padded with `pad` to the longest: that column, spread like `_spread`."""
    widest = max(map(len, rows), default=0)
    if not widest:
        return []
    if len(rows) == 1:
        return [np.array(value, dtype) for value in rows[0]]
    padded = np.array([row + [pad] * (widest - len(row)) for row in rows], dtype)
    spread = np.repeat(padded, sizes, axis=0)
    return [spread[:, column] for column in range(widest)]


def soft_namesakes(levels: Floats, own: Floats) -> Doubles:
    """Per `own` level: persons with name points at or above it count 1, those below exp(-gap).

    `levels` are the name points of every candidate of a query (each `own` is among
    them); persons more than `RIVAL_SPAN` points below count nothing.
    """
    mine = own.astype(np.float64)
    floor = mine.min(initial=np.inf) - RIVAL_SPAN
    ordered = np.sort(levels[levels >= floor]).astype(np.float64)  # float32 sorts the same, faster
    cumulative = np.concatenate(([0.0], np.cumsum(np.exp(ordered))))
    top = np.searchsorted(ordered, mine - 1e-6)
    low = np.searchsorted(ordered, mine - RIVAL_SPAN)
    below = (cumulative[top] - cumulative[low]) * np.exp(-mine)
    counts: Doubles = np.maximum(1.0, ordered.size - top + below)
    return counts
