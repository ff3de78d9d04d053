"""`names.name_similarity` for every (query, candidate) pair of a `search_many` batch at once. Pure.

The greedy alignment of `names.align` runs over a (name pairs x query parts x candidate
parts) array: at each step every name pair takes its best unused (query part, candidate
part) pair, ties going to the higher query part, then the higher candidate part, as
`align`'s reverse sort does, until one side is used up. The part similarities come from
the table that seeded the batch (`PairScores`, from `Vocabulary.seed_pairs`), not from
a dict per pair.

Only names whose parts are all full parts held in the vocabulary are aligned here: then
every part weighs 1, so each pair adds its similarity to the total and 1 to the weight,
in the order `align` adds them, and a name pair scores bit for bit what `align` gives.
A pair of persons where either side has an initial or a part outside the vocabulary is
left to `names.name_similarity` (None in the result).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from article3.search.arrays import Doubles, Longs
from article3.search.matching import PreparedPerson
from article3.search.names import EXTRA_PART_WEIGHT, MATCHED_PART, NameScore, PreparedName

_UNUSED = -1.0  # below every similarity: a padded or used cell


@dataclass(frozen=True)
class PairScores:
    """Part similarities of a batch: key row * size + token id, sorted, and the scores."""

    rows: dict[str, int]  # query part text -> row
    size: int
    keys: Longs
    scores: Doubles


def name_scores(
    queries: list[PreparedPerson], chosen: list[list[PreparedPerson]], table: PairScores, ids: dict[str, int]
) -> list[list[NameScore | None]]:
    """Per query, per chosen candidate: `name_similarity`, or None where `align` must run."""
    query_rows: list[list[int]] = []
    query_tids: list[list[int]] = []
    candidate_tids: list[list[int]] = []
    owners: list[tuple[int, int]] = []
    results: list[list[NameScore | None]] = []
    for query, persons in zip(queries, chosen, strict=True):
        names = [_rows(name, table.rows, ids) for name in query.names]
        mine: list[NameScore | None] = [None] * len(persons)
        results.append(mine)
        known = [name for name in names if name is not None]
        if len(known) < len(names):
            continue
        for number, person in enumerate(persons):
            theirs = [_tids(name, ids) for name in person.names]
            known_theirs = [name for name in theirs if name is not None]
            if len(known_theirs) < len(theirs):
                continue
            for rows, tids in known:
                for candidate in known_theirs:
                    query_rows.append(rows)
                    query_tids.append(tids)
                    candidate_tids.append(candidate)
                    owners.append((len(results) - 1, number))
    if owners:
        _fill(results, owners, query_rows, query_tids, candidate_tids, table)
    return results


def _rows(
    name: PreparedName, rows: dict[str, int], ids: dict[str, int]
) -> tuple[list[int], list[int]] | None:
    """Table rows and vocabulary ids (-1: none) of a query name's parts; None if it has an initial."""
    found = []
    for part in name:
        if part.initial or part.text not in rows:
            return None
        found.append(rows[part.text])
    return found, [ids.get(part.text, -1) for part in name]


def _tids(name: PreparedName, ids: dict[str, int]) -> list[int] | None:
    """Vocabulary ids of a candidate name's parts; None if it has an initial or an unknown part."""
    found = []
    for part in name:
        number = ids.get(part.text)
        if number is None or part.initial:
            return None
        found.append(number)
    return found


def _fill(
    results: list[list[NameScore | None]],
    owners: list[tuple[int, int]],
    query_rows: list[list[int]],
    query_tids: list[list[int]],
    candidate_tids: list[list[int]],
    table: PairScores,
) -> None:
    similarity, matched = _align(query_rows, query_tids, candidate_tids, table)
    best: dict[tuple[int, int], tuple[float, int]] = {}
    for combo, owner in enumerate(owners):
        value = similarity[combo]
        if value > best.get(owner, (0.0, -1))[0]:  # the first best name pair, as name_similarity
            best[owner] = (value, combo)
    for owner in dict.fromkeys(owners):
        value, combo = best.get(owner, (0.0, -1))
        query, number = owner
        results[query][number] = (
            NameScore(value, matched[combo], len(query_rows[combo]), len(candidate_tids[combo]))
            if combo >= 0
            else NameScore(0.0)
        )


def _align(
    query_rows: list[list[int]],
    query_tids: list[list[int]],
    candidate_tids: list[list[int]],
    table: PairScores,
) -> tuple[list[float], list[int]]:
    """Similarity and matched parts of each name pair, by the greedy alignment of `names.align`."""
    count = len(query_rows)
    wide_q = max(map(len, query_rows))
    wide_c = max(map(len, candidate_tids))
    rows = np.full((count, wide_q), -1, np.int64)
    mine = np.full((count, wide_q), -2, np.int64)
    theirs = np.full((count, wide_c), -3, np.int64)
    for k in range(count):
        rows[k, : len(query_rows[k])] = query_rows[k]
        mine[k, : len(query_tids[k])] = query_tids[k]
        theirs[k, : len(candidate_tids[k])] = candidate_tids[k]
    keys = rows[:, :, None] * table.size + theirs[:, None, :]
    found = np.minimum(np.searchsorted(table.keys, keys), table.keys.size - 1)
    scores = np.where(mine[:, :, None] == theirs[:, None, :], 1.0, table.scores[found])
    real = (rows[:, :, None] >= 0) & (theirs[:, None, :] >= 0)
    if not np.array_equal(table.keys[found][real], keys[real]):
        raise LookupError("a part pair of the batch was not scored")
    cells = np.where(real, scores, _UNUSED).reshape(count, wide_q * wide_c)
    total = np.zeros(count)
    matched = np.zeros(count, np.int64)
    every = np.arange(count)
    last = wide_q * wide_c - 1
    for _ in range(min(wide_q, wide_c)):
        top = cells.max(axis=1)
        taken = top >= 0.0
        if not taken.any():
            break
        pick = last - np.argmax(cells[:, ::-1] == top[:, None], axis=1)  # ties: the higher (i, j)
        total += np.where(taken, top, 0.0)
        matched += taken & (top >= MATCHED_PART)
        square = cells.reshape(count, wide_q, wide_c)
        chosen = every[taken]
        square[chosen, pick[taken] // wide_c, :] = _UNUSED
        square[chosen, :, pick[taken] % wide_c] = _UNUSED
    sizes_q = np.array([len(row) for row in query_rows], np.float64)
    sizes_c = np.array([len(tids) for tids in candidate_tids], np.float64)
    weight = np.minimum(sizes_q, sizes_c)
    similarity = total / (weight + EXTRA_PART_WEIGHT * np.abs(sizes_q - sizes_c))
    return similarity.tolist(), matched.tolist()
