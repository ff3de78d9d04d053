"""Per-person numeric columns of an index and the vectorised part of the pre-score. Pure.

One slot per internal id: alive, birth year/month/day, sex, up to two
nationalities (as small ints), the number of parts of the shortest name and a
bit mask of the first letters of every part (which answers a query initial).
`points` adds the birth date, nationality and sex points of `matching` to a
name pre-score for many candidates at once, so the ranking before exact scoring
already uses everything `compare_prepared` will use.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import numpy.typing as npt

from article3.search.dates import date_points_array
from article3.search.matching import (
    NATIONALITY_DISJOINT,
    NATIONALITY_SHARED,
    SEX_DIFFERENT,
    SEX_SAME,
    PreparedPerson,
)
from article3.search.vocab import letter_bits

Floats = npt.NDArray[np.float32]
Ints = npt.NDArray[np.int32]
_SEX = {"M": 1, "F": 2}
_FIELDS = {
    "alive": np.bool_,
    "year": np.int16,
    "month": np.int8,
    "day": np.int8,
    "sex": np.int8,
    "nat1": np.int16,
    "nat2": np.int16,
    "parts": np.int8,
    "letters": np.int32,
}


class Columns:
    """Growable numpy columns, one row per internal person id."""

    def __init__(self, capacity: int = 1024) -> None:
        self.capacity = capacity
        self.arrays: dict[str, npt.NDArray[Any]] = {
            name: np.zeros(capacity, dtype) for name, dtype in _FIELDS.items()
        }
        self.countries: dict[str, int] = {}

    def __getitem__(self, name: str) -> npt.NDArray[Any]:
        return self.arrays[name]

    def grow(self, size: int) -> None:
        if size <= self.capacity:
            return
        self.capacity = max(size, self.capacity * 2)
        for name, column in self.arrays.items():
            grown = np.zeros(self.capacity, column.dtype)
            grown[: column.size] = column
            self.arrays[name] = grown

    def country(self, code: str) -> int:
        return self.countries.setdefault(code, len(self.countries) + 1)

    def set(self, internal: int, person: PreparedPerson) -> None:
        """Fill row `internal` from `person` and mark it alive."""
        self.grow(internal + 1)
        row = self.arrays
        row["alive"][internal] = True
        birth = person.birth
        row["year"][internal] = birth.year if birth else 0
        row["month"][internal] = (birth.month or 0) if birth else 0
        row["day"][internal] = (birth.day or 0) if birth else 0
        row["sex"][internal] = _SEX.get(person.sex or "", 0)
        codes = [self.country(code) for code in sorted(person.nationalities)[:2]]
        row["nat1"][internal], row["nat2"][internal] = [*codes, 0, 0][:2]
        row["parts"][internal] = min((len(name) for name in person.names), default=0)
        bits = 0
        for name in person.names:
            for part in name:
                bits |= letter_bits(part)
        row["letters"][internal] = bits

    def points(self, ids: Ints, query: PreparedPerson) -> Floats:
        """Birth date, nationality and sex points of `query` against each of `ids`."""
        row = self.arrays
        total = date_points_array(query.birth, row["year"][ids], row["month"][ids], row["day"][ids])
        codes = [self.countries[code] for code in query.nationalities if code in self.countries]
        if query.nationalities:
            nat1, nat2 = row["nat1"][ids], row["nat2"][ids]
            shared = np.zeros(ids.size, np.bool_)
            for code in codes:
                shared |= (nat1 == code) | (nat2 == code)
            total += np.where(nat1 == 0, 0.0, np.where(shared, NATIONALITY_SHARED, NATIONALITY_DISJOINT))
        if query.sex is not None:
            sex = row["sex"][ids]
            same = np.where(sex == _SEX[query.sex], SEX_SAME, SEX_DIFFERENT)
            total += np.where(sex == 0, 0.0, same).astype(np.float32)
        return total
