"""In-memory person index: a name-part vocabulary, postings per part, numeric columns. Pure.

Each person gets an internal int id. Each distinct name part goes once into the
`Vocabulary`, filed under its blocking keys; the index keeps, per vocabulary
entry, the sorted internal ids of the persons whose names hold it.

A search runs in two stages:

1. Pre-score (vectorised). For each query part, the vocabulary returns every
   similar part with its exact part similarity; their postings are scattered
   into dense per-thread scratch arrays, which gives, per candidate, the best
   similarity for each query part in one pass with no sorting. The name
   pre-score combines these like `names.align` (extra and zero-similarity parts
   included, query initials answered from a first-letter mask); birth date,
   nationality and sex points are added from numpy columns (`columns.Columns`).
2. Exact scoring. Only the best `candidates` persons that are alive and that the
   caller's `accept` allows are compared with `matching.compare_prepared`. Their
   part similarities are first computed in one vectorised call per query part
   (bit for bit the scalar ones) and seeded into `names`' cache. When the names
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

from article3.search.columns import Columns
from article3.search.matching import (
    NAME_MIN_POINTS,
    NAME_PIVOT,
    NAME_SLOPE,
    Comparison,
    PreparedPerson,
    compare_prepared,
    prepare,
    rank_key,
    to_hit,
)
from article3.search.names import (
    EXTRA_PART_WEIGHT,
    INITIAL_SIMILARITY,
    INITIAL_WEIGHT,
    PreparedName,
    seed,
)
from article3.search.normalize import TokenForms
from article3.search.schemas import MatchHit, PersonQuery, PersonRecord
from article3.search.scratch import ABSENT, Scratch
from article3.search.vocab import Vocabulary, letter_bits

DEFAULT_BLOCK_CAP = 5_000
FALLBACK_CAP = 100_000  # a query made only of common parts scatters at most this many holders
DEFAULT_CANDIDATES = 12
BATCH = 256  # queries of a `search_many` call prepared and scored together
STRONG_PART = 0.8  # query-part similarities from here on (typos, romanisations) are always scattered
SURE_PART = 0.95  # a scattered query part this similar to some vocabulary part counts as found
FREE_SCATTER = 500  # a query part held by this many persons or fewer is always scattered
WEAK_BUDGET = 2_000  # weaker similar parts are scattered only while their postings stay this small
NAME_FLOOR = -2.0  # name points below this cannot reach the threshold even with a full date match
_INITIAL_PAIR = (1.0 + INITIAL_WEIGHT) / 2
RIVAL_SPAN = 2.0  # persons this many name points below a candidate still count a little as namesakes
Floats = npt.NDArray[np.float32]
Doubles = npt.NDArray[np.float64]
Ints = npt.NDArray[np.int32]


def soft_namesakes(levels: Floats, own: Floats) -> Doubles:
    """Per `own` level: persons with name points at or above it count 1, those below exp(-gap).

    `levels` are the name points of every candidate of a query (each `own` is among
    them); persons more than `RIVAL_SPAN` points below count nothing.
    """
    mine = own.astype(np.float64)
    floor = mine.min(initial=np.inf) - RIVAL_SPAN
    ordered = np.sort(levels[levels >= floor].astype(np.float64))
    cumulative = np.concatenate(([0.0], np.cumsum(np.exp(ordered))))
    top = np.searchsorted(ordered, mine - 1e-6)
    low = np.searchsorted(ordered, mine - RIVAL_SPAN)
    below = (cumulative[top] - cumulative[low]) * np.exp(-mine)
    counts: Doubles = np.maximum(1.0, ordered.size - top + below)
    return counts


class PersonIndex:
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
        chosen, namesakes = self._candidates(prepared, accept, max(self.candidates, limit))
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
        found = [self._candidates(query, accept, max(self.candidates, limit)) for query in batch]
        self._seed_batch(batch, [chosen for chosen, _ in found])
        return [
            _compared(query, chosen, namesakes, limit)
            for query, (chosen, namesakes) in zip(batch, found, strict=True)
        ]

    def _seed_batch(self, batch: list[PreparedPerson], chosen: list[list[PreparedPerson]]) -> None:
        """`_seed` for a whole batch: every (query part, candidate part) pair in one call."""
        self._vocab.seed_pairs(
            [
                (_full_parts(query), self._numbers(persons))
                for query, persons in zip(batch, chosen, strict=True)
            ]
        )

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
        known = [self._vocab.parts[number].text for number in numbers.tolist()]
        scores = self._vocab.score_many(parts, numbers)
        for part, row in zip(parts, scores.tolist(), strict=True):
            seed(part, known, row)

    def _candidates(
        self, query: PreparedPerson, accept: Callable[[str], bool] | None, wanted: int
    ) -> tuple[list[PreparedPerson], Doubles]:
        """The best `wanted` accepted candidates and how many persons match each one's name as well."""
        ids, points, names = self._prescore(query)
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

    def _prescore(self, query: PreparedPerson) -> tuple[Ints, Floats, Floats]:
        """Live candidate ids, their approximate points, and their name points alone."""
        scratch = self._scratch()
        found: list[Ints] = []
        for name in query.names:
            ids = self._name_prescore(name, scratch)
            if ids is not None:
                found.append(ids)
        if not found:
            return np.empty(0, np.int32), np.empty(0, np.float32), np.empty(0, np.float32)
        ids = scratch.distinct(np.concatenate(found))
        names = scratch.best[ids]
        scratch.best[ids] = ABSENT
        rows = self._columns.rows(ids)
        keep = rows["alive"]
        strong = keep & (names >= NAME_FLOOR)
        if np.count_nonzero(strong) >= self.candidates:
            keep = strong
        ids, names, rows = ids[keep], names[keep], rows[keep]
        return ids, names + self._columns.points(rows, query), names

    def _name_prescore(self, name: PreparedName, scratch: Scratch) -> Ints | None:
        """Scatter one query name; leaves its name points (max over names) in `scratch.best`."""
        full = list({part.text: part for part in name if not part.initial}.values())
        touched: list[Ints] = []
        checked: list[tuple[Ints, Floats]] = []
        deferred: list[tuple[Ints, Floats]] = []
        needed = max(1, len(full) - 1)
        for holders, tids, sims, common in sorted(self._part_blocks(full), key=lambda block: block[0]):
            if holders and (needed > 0 or holders <= FREE_SCATTER):
                touched.append(self._scatter(tids, sims, scratch))
                needed -= bool(sims[-1] >= SURE_PART)  # a typo's own block may miss the person
            elif holders:
                checked.append((tids, sims))
            if common[0].size:
                deferred.append(common)
        if not touched and deferred:
            touched.append(self._scatter(*self._fallback(deferred), scratch))
            deferred = []
        if not touched:
            return None
        ids = scratch.distinct(np.concatenate(touched))
        for tids, sims in checked:
            self._scatter(tids, sims, scratch, found_only=True)
        for tids, sims in deferred:
            self._check(ids, tids, sims, scratch)
        points = self._name_points(ids, full, [part for part in name if part.initial], scratch)
        scratch.best[ids] = np.maximum(scratch.best[ids], points)
        return ids

    def _part_blocks(self, full: list[TokenForms]) -> Iterator[tuple[int, Ints, Floats, tuple[Ints, Floats]]]:
        """Per query part: holders of its similar parts, those parts and sims, and the common ones."""
        sizes = np.frombuffer(self._sizes, np.int32)
        for similar in self._vocab.similar_many(full):
            tids, sims = self._worth_scattering(*similar)
            held = sizes[tids]
            small = held <= self.block_cap
            if small.all():
                yield int(held.sum()), tids, sims, (tids[:0], sims[:0])
            else:
                yield int(held[small].sum()), tids[small], sims[small], (tids[~small], sims[~small])

    def _worth_scattering(self, tids: Ints, sims: Floats) -> tuple[Ints, Floats]:
        """All strongly similar parts; weaker ones, best first, while their postings are small."""
        strong = int(np.searchsorted(sims, STRONG_PART))
        if strong == 0:
            return tids, sims
        held = np.cumsum(np.frombuffer(self._sizes, np.int32)[tids[strong - 1 :: -1]])
        start = strong - int(np.searchsorted(held, WEAK_BUDGET, side="right"))
        return tids[start:], sims[start:]

    def _posting(self, tid: int) -> Ints:
        return np.frombuffer(self._postings[tid], dtype=np.int32)

    def _scatter(self, tids: Ints, sims: Floats, scratch: Scratch, *, found_only: bool = False) -> Ints:
        """Add, per person, the best similarity of one query part.

        With `found_only`, only persons that an earlier part found (count > 0) are updated:
        a part common enough to be checked rather than scattered adds no candidates.
        """
        postings = [self._postings[tid] for tid in tids.tolist()]
        ids = np.frombuffer(b"".join(postings), np.int32)
        similarity = np.repeat(sims, np.frombuffer(self._sizes, np.int32)[tids])
        if found_only:
            held = scratch.count[ids] > 0
            ids, similarity = ids[held], similarity[held]
        np.maximum.at(scratch.part, ids, similarity)
        scratch.total[ids] += scratch.part[ids]
        scratch.count[ids] += 1.0
        scratch.part[ids] = 0.0
        return ids

    def _fallback(self, common: list[tuple[Ints, Floats]]) -> tuple[Ints, Floats]:
        """Only common parts: scatter the most similar of them up to `FALLBACK_CAP` holders."""
        tids = np.concatenate([found[0] for found in common])
        sims = np.concatenate([found[1] for found in common])
        order = np.argsort(-sims, kind="stable")
        keep: list[int] = []
        held = 0
        for position in order.tolist():
            held += len(self._postings[int(tids[position])])
            if keep and held > FALLBACK_CAP:
                break
            keep.append(position)
        chosen = np.array(keep[::-1], np.int64)
        return tids[chosen], sims[chosen]

    def _check(self, ids: Ints, tids: Ints, sims: Floats, scratch: Scratch) -> None:
        """Add one very common query part's best similarity for `ids`, by binary search."""
        best = np.zeros(ids.size, np.float32)
        for tid, similarity in zip(tids.tolist(), sims.tolist(), strict=True):
            posting = self._posting(tid)
            where = np.minimum(np.searchsorted(posting, ids), posting.size - 1)
            best = np.where(posting[where] == ids, np.float32(similarity), best)
        scratch.total[ids] += best
        scratch.count[ids] += best > 0

    def _name_points(
        self, ids: Ints, full: list[TokenForms], initials: list[TokenForms], scratch: Scratch
    ) -> Floats:
        """Name points like `names.align` + `matching`, from the scattered part similarities."""
        total, count = scratch.total[ids], scratch.count[ids]
        scratch.total[ids] = 0.0
        scratch.count[ids] = 0.0
        bits = [letter_bits(part) for part in initials]
        rows = self._columns.rows(ids)
        letters = rows["letters"]
        hits = sum(((letters & bit) != 0).astype(np.float32) for bit in bits) if bits else 0.0
        total = total + _INITIAL_PAIR * INITIAL_SIMILARITY * hits
        spare = np.maximum(rows["parts"] - count - hits, 0.0)
        unmatched = len(full) - count
        zeros = np.minimum(unmatched, spare)
        weight = count + _INITIAL_PAIR * hits + zeros
        extra = unmatched - zeros + INITIAL_WEIGHT * (len(bits) - hits) + spare - zeros
        similarity = total / np.maximum(weight + EXTRA_PART_WEIGHT * extra, 1e-6)
        points: Floats = np.maximum(NAME_MIN_POINTS, NAME_SLOPE * (similarity - NAME_PIVOT)).astype(
            np.float32
        )
        return points


def _full_parts(query: PreparedPerson) -> list[TokenForms]:
    """The distinct parts of `query`'s names that are not initials."""
    return list({part.text: part for name in query.names for part in name if not part.initial}.values())


def _compared(
    query: PreparedPerson, chosen: list[PreparedPerson], namesakes: Doubles, limit: int
) -> list[tuple[str, Comparison]]:
    """The exact comparisons of `query` with `chosen`, best first, at most `limit`."""
    results = [
        (person.id, compare_prepared(query, person, namesakes=float(count)))
        for person, count in zip(chosen, namesakes.tolist(), strict=True)
    ]
    results.sort(key=lambda item: rank_key(*item))
    return results[:limit]
