"""The batch pre-score and the batch alignment give, element by element, the per-query arithmetic."""

import gzip
import json
from typing import Any

import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from article3.search import names
from article3.search.alignment import name_scores
from article3.search.dates import date_points_array, date_points_columns
from article3.search.index import PersonIndex
from article3.search.matching import prepare
from article3.search.normalize import BirthDate
from article3.search.schemas import PersonQuery, PersonRecord
from tests.search.test_same_scores import SAMPLE

_DATES = st.one_of(
    st.none(),
    st.builds(BirthDate, st.integers(1950, 1953)),
    st.builds(BirthDate, st.integers(1950, 1953), st.integers(1, 12)),
    st.builds(BirthDate, st.integers(1950, 1953), st.integers(1, 12), st.integers(1, 12)),
)


@given(st.lists(_DATES, min_size=1, max_size=4), st.lists(_DATES, min_size=1, max_size=30))
def test_batched_date_points_equal_each_querys_own(queries: list[BirthDate | None], dates: list[Any]) -> None:
    def column(field: str) -> "np.ndarray[Any, np.dtype[np.int16]]":
        return np.array([(getattr(d, field) or 0) if d else 0 for d in dates], np.int16)

    year, month, day = column("year"), column("month"), column("day")
    expected = np.concatenate([date_points_array(query, year, month, day) for query in queries])

    def spread(values: list[int]) -> "np.ndarray[Any, np.dtype[np.int32]]":
        return np.repeat(np.array(values, np.int32), len(dates))

    got = date_points_columns(
        spread([q.year if q else 0 for q in queries]),
        spread([(q.month or 0) if q else 0 for q in queries]),
        spread([(q.day or 0) if q else 0 for q in queries]),
        np.repeat(np.array([q is not None for q in queries]), len(dates)),
        np.tile(year, len(queries)),
        np.tile(month, len(queries)),
        np.tile(day, len(queries)),
    )
    assert np.array_equal(got, expected)


def test_batch_alignment_equals_name_similarity() -> None:
    with gzip.open(SAMPLE, "rt", encoding="utf-8") as file:
        sample = json.load(file)
    names._similarities.clear()
    index = PersonIndex.build([PersonRecord(**record) for record in sample["gallery"]])
    batch = [prepare(PersonQuery(**query)) for query in sample["queries"][:200]]
    found = index._candidates(batch, None, 12)
    chosen = [persons for persons, _ in found]
    table = index._pair_table(batch, chosen)
    scores = name_scores(batch, chosen, table, index._vocab.ids)
    aligned = 0
    for query, persons, mine in zip(batch, chosen, scores, strict=True):
        for person, score in zip(persons, mine, strict=True):
            if score is not None:
                aligned += 1
                assert score == names.name_similarity(query.names, person.names)
    assert aligned > 1_000
