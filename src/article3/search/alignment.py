"""`names.name_similarity` for every (query, candidate) pair of a `search_many` batch at once. Pure.

The greedy alignment of `names.align` runs over a (name pairs x query parts x candidate
parts) array: at each step every name pair takes its best unused (query part, candidate
part) pair, ties going to the higher query part, then the higher candidate part, as
`align`'s reverse sort does, until one side is used up. The part similarities come from
the batch's table (`PairScores`, from `Vocabulary.pair_scores`), not from
a dict per pair.

Only names whose parts are all full parts held in the vocabulary are aligned here: then
every part weighs 1, so each pair adds its similarity to the total and 1 to the weight,
in the order `align` adds them, and a name pair scores bit for bit what `align` gives.
A pair of persons where either side has an initial or a part outside the vocabulary is
left to `names.name_similarity` (None in the result).
"""

from __future__ import annotations

from collections.abc import Sequence
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

    def score_of(self, keys: Longs) -> Doubles:
        """The scores of `keys` (row * size + token id), each of which the table holds."""
        found = np.minimum(np.searchsorted(self.keys, keys), self.keys.size - 1)
        if not np.array_equal(self.keys[found], keys):
            raise LookupError("a part pair of the batch was not scored")
        scores: Doubles = self.scores[found]
        return scores


CandidateNames = tuple[tuple[int, ...], ...] | None
"""Vocabulary ids of each of a candidate's names' parts; None if a name has an initial or an unknown part."""


def candidate_names(person: PreparedPerson, ids: dict[str, int]) -> CandidateNames:
    """The vocabulary ids of `person`'s names, or None where `align` must run."""
    names = []
    for name in person.names:
        found = []
        for part in name:
            number = ids.get(part.text)
            if number is None or part.initial:
                return None
            found.append(number)
        names.append(tuple(found))
    return tuple(names)


def name_scores(
    queries: list[PreparedPerson],
    chosen: list[list[PreparedPerson]],
    table: PairScores,
    ids: dict[str, int],
) -> list[list[NameScore | None]]:
    """Per query, per chosen candidate: `name_similarity`, or None where `align` must run."""
    query_rows: list[list[int]] = []
    query_tids: list[list[int]] = []
    candidate_tids: list[tuple[int, ...]] = []
    owners: list[int] = []  # per name pair: its (query, candidate), numbered in order
    places: list[tuple[int, int]] = []  # per (query, candidate) number: where its result goes
    results: list[list[NameScore | None]] = []
    for query, persons in zip(queries, chosen, strict=True):
        names = [_rows(name, table.rows, ids) for name in query.names]
        mine: list[NameScore | None] = [None] * len(persons)
        results.append(mine)
        known = [name for name in names if name is not None]
        if len(known) < len(names) or not known:
            continue
        for number, person in enumerate(persons):
            theirs = candidate_names(person, ids)
            if not theirs:  # None: `align` must run; no names: nothing to pair
                continue
            owner = len(places)
            places.append((len(results) - 1, number))
            for rows, tids in known:
                for candidate in theirs:
                    query_rows.append(rows)
                    query_tids.append(tids)
                    candidate_tids.append(candidate)
                    owners.append(owner)
    if owners:
        _fill(results, places, owners, _align(query_rows, query_tids, candidate_tids, table))
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


def _fill(
    results: list[list[NameScore | None]],
    places: list[tuple[int, int]],
    owners: list[int],
    aligned: tuple[list[float], list[int], list[int], list[int]],
) -> None:
    """Each (query, candidate)'s first best name pair, as `name_similarity` takes it."""
    similarity, matched, query_parts, candidate_parts = aligned
    best = [0.0] * len(places)
    pick = [-1] * len(places)
    for combo, (owner, value) in enumerate(zip(owners, similarity, strict=True)):
        if value > best[owner]:
            best[owner] = value
            pick[owner] = combo
    made: dict[tuple[float, int, int, int], NameScore] = {}  # equal scores share one (frozen) object
    for (query, number), value, combo in zip(places, best, pick, strict=True):
        key = (0.0, 0, 0, 0)  # no pair above zero: `name_similarity`'s NameScore(0.0)
        if combo >= 0:
            key = (value, matched[combo], query_parts[combo], candidate_parts[combo])
        score = made.get(key)
        if score is None:
            score = made[key] = NameScore(*key)
        results[query][number] = score


def _align(
    query_rows: list[list[int]],
    query_tids: list[list[int]],
    candidate_tids: list[tuple[int, ...]],
    table: PairScores,
) -> tuple[list[float], list[int], list[int], list[int]]:
    """Similarity, matched parts and part counts of each name pair (the greedy alignment of `align`)."""
    count = len(query_rows)
    sizes_q = [len(row) for row in query_rows]
    sizes_c = [len(tids) for tids in candidate_tids]
    wide_q, wide_c = max(sizes_q), max(sizes_c)
    rows = _padded(query_rows, wide_q, -1)
    mine = _padded(query_tids, wide_q, -2)
    theirs = _padded(candidate_tids, wide_c, -3)
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
    many_q, many_c = np.array(sizes_q, np.float64), np.array(sizes_c, np.float64)
    weight = np.minimum(many_q, many_c)
    similarity = total / (weight + EXTRA_PART_WEIGHT * np.abs(many_q - many_c))
    return similarity.tolist(), matched.tolist(), sizes_q, sizes_c


def _padded(rows: Sequence[Sequence[int]], wide: int, pad: int) -> Longs:
    """`rows` as one (rows x wide) array, each padded with `pad`."""
    padding = [(pad,) * extra for extra in range(wide + 1)]
    return np.array([(*row, *padding[wide - len(row)]) for row in rows], np.int64).reshape(len(rows), wide)
