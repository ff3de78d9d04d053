"""The throughput work must not change a score: hits of engine 1.3.0 recorded before it, compared.

`data/scores-1.3.0.json.gz` holds 1,500 persons of the benchmark gallery (generator v2),
300 benchmark queries (240 variants, 60 distractors) and, per query, the top 10 as scored
by engine 1.3.0 before `search_many` was batched and the columns packed into records:
id, score, the four points, namesakes, name similarity and cap, with the full float
values. The index is built with the default block cap and with a tiny one (25), so that
common parts are checked rather than scattered and the fallback runs.
"""

import gzip
import json
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from article3.search import names
from article3.search.index import PersonIndex
from article3.search.normalize import token_forms
from article3.search.schemas import PersonQuery, PersonRecord
from article3.search.vocab import Vocabulary

SAMPLE = Path(__file__).parent / "data" / "scores-1.3.0.json.gz"


@pytest.fixture(scope="module")
def sample() -> dict[str, Any]:
    with gzip.open(SAMPLE, "rt", encoding="utf-8") as file:
        loaded: dict[str, Any] = json.load(file)
    return loaded


def _rows(index: PersonIndex, query: PersonQuery) -> list[list[Any]]:
    return [
        [pid, c.score, list(c.points), c.namesakes, c.names.similarity, c.capped]
        for pid, c in index.scored(query, limit=10)
    ]


@pytest.mark.parametrize("block_cap", [5_000, 25])
def test_scores_equal_those_recorded_before(sample: dict[str, Any], block_cap: int) -> None:
    names._similarities.clear()
    index = PersonIndex.build([PersonRecord(**record) for record in sample["gallery"]], block_cap=block_cap)
    queries = [PersonQuery(**query) for query in sample["queries"]]
    expected = sample["expected"][str(block_cap)]
    assert [_rows(index, query) for query in queries] == expected
    singles = [index.search(query, limit=10) for query in queries]
    index._vocab._cache.clear()
    names._similarities.clear()
    assert index.search_many(queries, limit=10) == singles


def test_pairwise_scores_equal_the_cross_product(sample: dict[str, Any]) -> None:
    vocab = Vocabulary()
    for record in sample["gallery"][:300]:
        for name in record["names"]:
            for word in name.split():
                vocab.add(token_forms(word))
    parts = [token_forms(word) for word in ("pestrikov", "ivanova", "wang", "hsiao", "mohammed", "sato")]
    tids = np.arange(len(vocab), dtype=np.int32)
    matrix = vocab.score_many(parts, tids)
    rng = np.random.default_rng(3)
    rows = rng.integers(0, len(parts), 2_000).astype(np.int32)
    picked = rng.integers(0, len(vocab), 2_000).astype(np.int32)
    assert np.array_equal(vocab.score_pairs(parts, rows, picked), matrix[rows, picked])
    assert vocab.score_pairs(parts, rows[:0], picked[:0]).size == 0
