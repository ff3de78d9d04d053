"""Per-person numeric columns of an index and the vectorised part of the pre-score. Pure.

One slot per internal id: alive, birth year/month/day, sex, up to two
nationalities (as small ints), the number of parts of the shortest name and a
bit mask of the first letters of every part (which answers a query initial).
`prescore.column_points` adds the birth date, nationality and sex points of
`matching` to a name pre-score for many candidates at once, so the ranking
before exact scoring already uses everything `compare_prepared` will use.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import numpy.typing as npt

from article3.search.arrays import Ints
from article3.search.matching import PreparedPerson
from article3.search.vocab import letter_bits

SEX_CODES = {"M": 1, "F": 2}
_FIELDS = {  # one 16-byte record per person: a search reads all of a candidate's fields from one cache line
    "letters": np.int32,
    "year": np.int16,
    "nat1": np.int16,
    "nat2": np.int16,
    "alive": np.bool_,
    "month": np.int8,
    "day": np.int8,
    "sex": np.int8,
    "parts": np.int8,
}
_RECORD = np.dtype({"names": list(_FIELDS), "formats": list(_FIELDS.values()), "itemsize": 16})


class Columns:
    """Growable numpy columns, one row per internal person id, stored as one record array.

    `columns[name]` is a view of one field; `rows(ids)` gathers whole records, so reading
    several fields of scattered candidates costs one memory access per candidate, not one
    per field (at a million persons the columns are far larger than the CPU caches).
    """

    def __init__(self, capacity: int = 1024) -> None:
        self.capacity = capacity
        self.records: npt.NDArray[np.void] = np.zeros(capacity, _RECORD)
        self.countries: dict[str, int] = {}

    def __getitem__(self, name: str) -> npt.NDArray[Any]:
        return self.records[name]

    def rows(self, ids: Ints) -> npt.NDArray[np.void]:
        """The records of `ids` (index the result by field name).

        `take`, not `records[ids]`: numpy copies a structured item twice as fast through it.
        """
        return self.records.take(ids)

    def grow(self, size: int) -> None:
        if size <= self.capacity:
            return
        self.capacity = max(size, self.capacity * 2)
        grown = np.zeros(self.capacity, _RECORD)
        grown[: self.records.size] = self.records
        self.records = grown

    def country(self, code: str) -> int:
        return self.countries.setdefault(code, len(self.countries) + 1)

    def set(self, internal: int, person: PreparedPerson) -> None:
        """Fill row `internal` from `person` and mark it alive."""
        self.grow(internal + 1)
        birth = person.birth
        codes = [self.country(code) for code in sorted(person.nationalities)[:2]]
        nat1, nat2 = [*codes, 0, 0][:2]
        bits = 0
        for name in person.names:
            for part in name:
                bits |= letter_bits(part)
        self.records[internal] = (
            bits,
            birth.year if birth else 0,
            nat1,
            nat2,
            True,
            (birth.month or 0) if birth else 0,
            (birth.day or 0) if birth else 0,
            SEX_CODES.get(person.sex or "", 0),
            min((len(name) for name in person.names), default=0),
        )
