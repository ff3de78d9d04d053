"""In-memory person index: a name-part vocabulary, postings per part, numeric columns. Pure.

Each person gets an internal int id. Each distinct name part goes once into the
`Vocabulary`, filed under its blocking keys; the index keeps, per vocabulary
entry, the sorted internal ids of the persons whose names hold it.

A search runs in two stages:

1. Pre-score (vectorised). For each query part, the vocabulary returns every
   similar part with its exact part similarity; their postings are scattered
   (`scatter.Scattering`) into dense per-thread scratch arrays, which gives, per
   candidate, the best similarity for each query part in one pass with no
   sorting. The name pre-score combines these like `names.align` (extra and
   zero-similarity parts included, query initials answered from a first-letter
   mask); birth date, nationality and sex points are added from numpy columns
   (`columns.Columns`). Only the scatter runs per query name: the arithmetic
   after it runs once for a whole `search_many` batch (`prescore`).
2. Exact scoring. Only the best `candidates` persons that are alive and that the
   caller's `accept` allows are compared with `matching.compare_prepared`. Their
   part similarities are first computed in one vectorised call (bit for bit the
   scalar ones) and seeded into `names`' cache; in a batch, the names of every
   (query, candidate) pair are then aligned together from that table (`alignment`),
   and only the pairs left to `names.align` are seeded. When the names
   agree, the name-frequency term lowers the name points by ln(namesakes):
   from the pre-score, the number of persons whose names match the query at
   least as well as the candidate's, plus exp(-gap) for each one up to
   `RIVAL_SPAN` points worse (`soft_namesakes`). So an initial, a short name or
   a loose romanisation shared by many persons is weak evidence, as is a name
   that many persons hold with a middle name the query lacks.

Which parts are scattered (m of k): a candidate below `NAME_FLOOR` is dropped
anyway, and with k full query parts that takes agreeing on at least two of
them (k >= 2), so only the k - 1 rarest parts are scattered (the one rarest
for k = 2); the commoner ones only update persons already found. A scattered
part whose best vocabulary match is below `SURE_PART` (a typo, whose own
block may miss the person) does not count, and parts held by at most
`FREE_SCATTER` persons are always scattered, so small galleries see no change.
A vocabulary part with a posting longer than `block_cap` is never scattered;
it is checked by binary search against the persons found, unless nothing else
found anyone.

`remove` marks a person dead at once; their ids stay in postings until `compact`.
Searches may run in several threads; `add`/`remove` must not run during a search.
"""

from __future__ import annotations

import threading
from array import array
from collections.abc import Callable, Iterable, Iterator

import numpy as np
import numpy.typing as npt

from article3.search.alignment import PairScores, name_scores
from article3.search.arrays import Doubles, Floats, Ints
from article3.search.columns import Columns
from article3.search.matching import (
    Comparison,
    PreparedPerson,
    compare_prepared,
    prepare,
    rank_key,
    to_hit,
)
from article3.search.names import NameScore, seed, seed_pairs
from article3.search.normalize import TokenForms
from article3.search.prescore import RIVAL_SPAN, Segments, column_points, name_points, soft_namesakes
from article3.search.scatter import Scattering
from article3.search.schemas import MatchHit, PersonQuery, PersonRecord
from article3.search.scratch import ABSENT, Scratch
from article3.search.vocab import Vocabulary

__all__ = ["PersonIndex", "soft_namesakes"]

DEFAULT_BLOCK_CAP = 5_000
DEFAULT_CANDIDATES = 12
BATCH = 256  # queries of a `search_many` call prepared and scored together
NAME_FLOOR = -2.0  # name points below this cannot reach the threshold even with a full date match
_NO_IDS: Ints = np.empty(0, np.int32)


class PersonIndex(Scattering):
    """Persons held in memory for fast search by name, birth date, nationality and sex."""

    def __init__(self, *, block_cap: int = DEFAULT_BLOCK_CAP, candidates: int = DEFAULT_CANDIDATES) -> None:
        self.block_cap = block_cap
        self.candidates = candidates
        self._people: list[PreparedPerson | None] = []
        self._where: dict[str, int] = {}
        self._vocab = Vocabulary()
        self._postings: list[array[int]] = []
        self._sizes = array("i")  # len of each posting
        self._columns = Columns()
        self._local = threading.local()

    @classmethod
    def build(cls, records: Iterable[PersonRecord], **options: int) -> PersonIndex:
        """An index holding `records` (a later record with the same id replaces the earlier)."""
        index = cls(**options)
        for record in records:
            index.add(record)
        return index

    def __len__(self) -> int:
        return len(self._where)

    def __contains__(self, person_id: object) -> bool:
        return person_id in self._where

    def add(self, record: PersonRecord) -> None:
        """Index `record`; a person already held under the same id is replaced."""
        self.add_prepared(prepare(record))

    def add_prepared(self, person: PreparedPerson) -> None:
        """Index an already prepared person (lets callers prepare in bulk or in parallel)."""
        if person.id in self._where:
            self.remove(person.id)
        internal = len(self._people)
        self._people.append(person)
        self._where[person.id] = internal
        self._columns.set(internal, person)
        tokens = {part.text: part for name in person.names for part in name if not part.particle}
        for part in tokens.values():
            number = self._vocab.add(part)
            if number == len(self._postings):
                self._postings.append(array("i"))
                self._sizes.append(0)
            self._postings[number].append(internal)
            self._sizes[number] += 1

    def remove(self, person_id: str) -> bool:
        """Forget `person_id`; True if it was held. Takes effect for the next query."""
        internal = self._where.pop(person_id, None)
        if internal is None:
            return False
        self._people[internal] = None
        self._columns["alive"][internal] = False
        return True

    def compact(self) -> None:
        """Rebuild postings and columns without removed persons (after many removals)."""
        fresh = PersonIndex(block_cap=self.block_cap, candidates=self.candidates)
        for person in self._people:
            if person is not None:
                fresh.add_prepared(person)
        self.__dict__.update(fresh.__dict__)

    def search(
        self,
        query: PersonQuery | PersonRecord,
        *,
        limit: int = 10,
        accept: Callable[[str], bool] | None = None,
    ) -> list[MatchHit]:
        """The best `limit` hits for `query` among persons that `accept` allows, best first."""
        return [
            to_hit(person_id, found) for person_id, found in self.scored(query, limit=limit, accept=accept)
        ]

    def scored(
        self,
        query: PersonQuery | PersonRecord,
        *,
        limit: int = 10,
        accept: Callable[[str], bool] | None = None,
    ) -> list[tuple[str, Comparison]]:
        """Like `search`, but returns the raw comparisons (no explanation is built)."""
        return self._scored(prepare(query), limit, accept)

    def _scored(
        self, prepared: PreparedPerson, limit: int, accept: Callable[[str], bool] | None
    ) -> list[tuple[str, Comparison]]:
        ((chosen, namesakes),) = self._candidates([prepared], accept, max(self.candidates, limit))
        self._seed(prepared, chosen)
        return _compared(prepared, chosen, namesakes, limit)

    def search_many(
        self,
        queries: Iterable[PersonQuery | PersonRecord],
        *,
        limit: int = 10,
        accept: Callable[[str], bool] | None = None,
    ) -> list[list[MatchHit]]:
        """`search` for each of `queries`, in order (list matching, batch screening).

        Same hits as `search` one by one, in batches of `BATCH` queries: the vocabulary
        similarities of every new query part of a batch are scored in one call, and so
        are the part similarities of every query against its candidates.
        """
        prepared = [prepare(query) for query in queries]
        return [
            [to_hit(person_id, found) for person_id, found in results]
            for start in range(0, len(prepared), BATCH)
            for results in self._scored_batch(prepared[start : start + BATCH], limit, accept)
        ]

    def _scored_batch(
        self, batch: list[PreparedPerson], limit: int, accept: Callable[[str], bool] | None
    ) -> list[list[tuple[str, Comparison]]]:
        self._vocab.similar_many(
            [part for query in batch for name in query.names for part in name if not part.initial]
        )
        found = self._candidates(batch, accept, max(self.candidates, limit))
        chosen = [persons for persons, _ in found]
        table = self._pair_table(batch, chosen)
        names = name_scores(batch, chosen, table, self._vocab.ids)
        self._seed_unaligned(batch, chosen, names, table)
        return [
            _compared(query, persons, namesakes, limit, scores)
            for query, (persons, namesakes), scores in zip(batch, found, names, strict=True)
        ]

    def _pair_table(self, batch: list[PreparedPerson], chosen: list[list[PreparedPerson]]) -> PairScores:
        """Every (query part, candidate part) pair of a batch, scored in one call."""
        return self._vocab.pair_scores(
            [
                (_full_parts(query), self._numbers(persons))
                for query, persons in zip(batch, chosen, strict=True)
            ]
        )

    def _seed_unaligned(
        self,
        batch: list[PreparedPerson],
        chosen: list[list[PreparedPerson]],
        names: list[list[NameScore | None]],
        table: PairScores,
    ) -> None:
        """`_seed` from the batch's table, for the candidates that `names.align` will compare."""
        keys: list[int] = []
        pairs: list[tuple[str, str]] = []
        texts = self._vocab.texts
        for query, persons, scores in zip(batch, chosen, names, strict=True):
            left = [person for person, score in zip(persons, scores, strict=True) if score is None]
            numbers = self._numbers(left).tolist() if left else []
            for part in _full_parts(query) if numbers else []:
                row = table.rows[part.text] * table.size
                keys.extend(row + number for number in numbers)
                pairs.extend((part.text, texts[number]) for number in numbers)
        if keys:
            seed_pairs(pairs, table.score_of(np.array(keys, np.int64)).tolist())

    def _numbers(self, persons: list[PreparedPerson]) -> Ints:
        """Vocabulary ids of the full parts of `persons`' names."""
        texts = {
            part.text for person in persons for name in person.names for part in name if not part.initial
        }
        return np.array([n for n in map(self._vocab.ids.get, texts) if n is not None], np.int32)

    def _seed(self, query: PreparedPerson, chosen: list[PreparedPerson]) -> None:
        """Score every (query part, candidate part) pair in one vectorised call."""
        numbers = self._numbers(chosen)
        parts = _full_parts(query)
        if not numbers.size or not parts:
            return
        known = list(map(self._vocab.texts.__getitem__, numbers.tolist()))
        scores = self._vocab.score_many(parts, numbers)
        for part, row in zip(parts, scores.tolist(), strict=True):
            seed(part, known, row)

    def _candidates(
        self, queries: list[PreparedPerson], accept: Callable[[str], bool] | None, wanted: int
    ) -> list[tuple[list[PreparedPerson], Doubles]]:
        """Per query: the best `wanted` accepted candidates and how many match their names as well."""
        return [self._choose(*found, accept, wanted) for found in self._prescore(queries)]

    def _choose(
        self, ids: Ints, points: Floats, names: Floats, accept: Callable[[str], bool] | None, wanted: int
    ) -> tuple[list[PreparedPerson], Doubles]:
        chosen: list[PreparedPerson] = []
        positions: list[int] = []
        for position in self._ranked(ids, points, wanted):
            person = self._people[int(ids[position])]
            if person is not None and (accept is None or accept(person.id)):
                chosen.append(person)
                positions.append(position)
                if len(chosen) >= wanted:
                    break
        own = names[positions]
        return chosen, soft_namesakes(self._visible_levels(ids, names, own, accept), own)

    def _visible_levels(
        self, ids: Ints, names: Floats, own: Floats, accept: Callable[[str], bool] | None
    ) -> Floats:
        """Name points of the candidates the caller may see, within `RIVAL_SPAN` of the chosen.

        Namesakes are counted among these only: a count over everyone would tell a country that
        persons it may not see (requests in review or refused, register entries) share the name.
        """
        if accept is None or own.size == 0:
            return names
        near = np.flatnonzero(names >= own.min() - RIVAL_SPAN)
        seen = [i for i in near.tolist() if (p := self._people[int(ids[i])]) is not None and accept(p.id)]
        return names[np.array(seen, dtype=np.int64)]

    @staticmethod
    def _ranked(ids: Ints, points: Floats, wanted: int) -> Iterator[int]:
        """Positions in `ids`, best pre-score first (ties: lower id first)."""
        head = min(ids.size, wanted * 4)
        if head < ids.size:
            top = np.argpartition(-points, head - 1)[:head]
            yield from top[np.lexsort((ids[top], -points[top]))].tolist()
            rest = np.setdiff1d(np.arange(ids.size), top, assume_unique=True)
            yield from rest[np.lexsort((ids[rest], -points[rest]))].tolist()
        else:
            yield from np.lexsort((ids, -points)).tolist()

    def _scratch(self) -> Scratch:
        scratch: Scratch | None = getattr(self._local, "scratch", None)
        if scratch is None or scratch.size < len(self._people):
            scratch = self._local.scratch = Scratch(max(1024, len(self._people) * 5 // 4))
        return scratch

    def _prescore(self, queries: list[PreparedPerson]) -> list[tuple[Ints, Floats, Floats]]:
        """Per query: live candidate ids, their approximate points, and their name points alone.

        Each query name is scattered on its own; the arithmetic that follows runs once for the
        whole batch (`prescore`).
        """
        scratch = self._scratch()
        segments = Segments()
        owners: list[list[int]] = [[] for _ in queries]
        for number, query in enumerate(queries):
            for name in query.names:
                if self._scatter_name(name, scratch, segments):
                    owners[number].append(len(segments.ids) - 1)
        bounds = np.cumsum([0, *(ids.size for ids in segments.ids)]).tolist()
        rows = (
            self._columns.rows(np.concatenate(segments.ids)) if segments.ids else self._columns.rows(_NO_IDS)
        )
        points = name_points(segments, rows) if segments.ids else np.empty(0, np.float32)
        kept = [self._merged(mine, segments, bounds, rows, points, scratch) for mine in owners]
        sizes = np.array([ids.size for ids, _, _ in kept], np.int64)
        extra = column_points(self._columns, np.concatenate([found[2] for found in kept]), queries, sizes)
        starts = np.cumsum(sizes).tolist()
        return [
            (ids, names + extra[start - ids.size : start], names)
            for (ids, names, _), start in zip(kept, starts, strict=True)
        ]

    def _merged(
        self,
        mine: list[int],
        segments: Segments,
        bounds: list[int],
        rows: npt.NDArray[np.void],
        points: Floats,
        scratch: Scratch,
    ) -> tuple[Ints, Floats, npt.NDArray[np.void]]:
        """One query's live candidates, name points (best over its names) and records."""
        if not mine:
            return _NO_IDS, np.empty(0, np.float32), self._columns.rows(_NO_IDS)
        if len(mine) == 1:
            start, end = bounds[mine[0]], bounds[mine[0] + 1]
            ids, names, records = segments.ids[mine[0]], points[start:end], rows[start:end]
        else:
            for number in mine:
                found = segments.ids[number]
                best = points[bounds[number] : bounds[number + 1]]
                scratch.best[found] = np.maximum(scratch.best[found], best)
            ids = scratch.distinct(np.concatenate([segments.ids[number] for number in mine]))
            names = scratch.best[ids]
            scratch.best[ids] = ABSENT
            records = self._columns.rows(ids)
        keep = records["alive"]
        strong = keep & (names >= NAME_FLOOR)
        if np.count_nonzero(strong) >= self.candidates:
            keep = strong
        kept = np.flatnonzero(keep)  # positions: a boolean mask copies structured records 20x slower
        return ids[kept], names[kept], records.take(kept)


def _full_parts(query: PreparedPerson) -> list[TokenForms]:
    """The distinct parts of `query`'s names that are not initials."""
    return list({part.text: part for name in query.names for part in name if not part.initial}.values())


def _compared(
    query: PreparedPerson,
    chosen: list[PreparedPerson],
    namesakes: Doubles,
    limit: int,
    names: list[NameScore | None] | None = None,
) -> list[tuple[str, Comparison]]:
    """The exact comparisons of `query` with `chosen`, best first, at most `limit`.

    `names`: the name similarities already computed for a batch (`alignment`), if any.
    """
    known = names or [None] * len(chosen)
    results = [
        (person.id, compare_prepared(query, person, namesakes=float(count), names=score))
        for person, count, score in zip(chosen, namesakes.tolist(), known, strict=True)
    ]
    results.sort(key=lambda item: rank_key(*item))
    return results[:limit]
