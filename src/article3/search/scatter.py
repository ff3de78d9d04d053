"""Scattering a query name's parts into the per-person work arrays (the first pre-score stage). Pure.

Part of `index.PersonIndex` (a base class, so the index keeps one namespace): for each
full part of a query name, the vocabulary's similar parts and the postings of the persons
holding them; which parts are scattered, checked against the persons found, or deferred
is explained in `index`'s docstring (m of k, `SURE_PART`, `FREE_SCATTER`, block cap).
"""

from __future__ import annotations

from array import array
from collections.abc import Iterator, Sequence
from operator import itemgetter

import numpy as np

from article3.search.arrays import Floats, Ints
from article3.search.names import PreparedName
from article3.search.normalize import TokenForms
from article3.search.prescore import Segments
from article3.search.scratch import Scratch
from article3.search.vocab import Vocabulary, letter_bits

FALLBACK_CAP = 100_000  # a query made only of common parts scatters at most this many holders
STRONG_PART = 0.8  # query-part similarities from here on (typos, romanisations) are always scattered
SURE_PART = 0.95  # a scattered query part this similar to some vocabulary part counts as found
FREE_SCATTER = 500  # a query part held by this many persons or fewer is always scattered
WEAK_BUDGET = 2_000  # weaker similar parts are scattered only while their postings stay this small


class Scattering:
    """The scatter stage of `PersonIndex`: postings into a `Scratch`, one query name at a time."""

    block_cap: int
    _vocab: Vocabulary
    _postings: list[array[int]]
    _sizes: array[int]

    def _scatter_name(self, name: PreparedName, scratch: Scratch, segments: Segments) -> bool:
        """Scatter one query name; add its persons and their part sums to `segments` (False: none)."""
        full = list({part.text: part for part in name if not part.initial}.values())
        touched: list[Ints] = []
        checked: list[tuple[Ints, Floats]] = []
        deferred: list[tuple[Ints, Floats]] = []
        needed = max(1, len(full) - 1)
        for holders, tids, sims, common in sorted(self._part_blocks(full), key=lambda block: block[0]):
            if holders and (needed > 0 or holders <= FREE_SCATTER):
                touched.append(self._scatter(tids, sims, scratch, first=not touched))
                needed -= bool(sims[-1] >= SURE_PART)  # a typo's own block may miss the person
            elif holders:
                checked.append((tids, sims))
            if common[0].size:
                deferred.append(common)
        if not touched and deferred:
            touched.append(self._scatter(*self._fallback(deferred), scratch, first=True))
            deferred = []
        if not touched:
            return False
        ids = scratch.distinct(touched[0] if len(touched) == 1 else np.concatenate(touched))
        if checked:
            scratch.found[ids] = True  # a 1-byte mark: found-only scatters read it, not the records
            for tids, sims in checked:
                self._scatter(tids, sims, scratch, found_only=True)
            scratch.found[ids] = False
        for tids, sims in deferred:
            self._check(ids, tids, sims, scratch)
        total, count = scratch.total[ids], scratch.count[ids]
        scratch.total[ids] = 0.0
        scratch.count[ids] = 0.0
        initials = [letter_bits(part) for part in name if part.initial]
        segments.add(ids, total, count, len(full), initials)
        return True

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

    def _scatter(
        self, tids: Ints, sims: Floats, scratch: Scratch, *, found_only: bool = False, first: bool = False
    ) -> Ints:
        """Add, per person, the best similarity of one query part.

        With `found_only`, only persons that an earlier part found (marked in `found`) are updated:
        a part common enough to be checked rather than scattered adds no candidates. With `first`
        (the name's first scattered part), every total and count is still zero: the best similarity
        goes straight into `total` (0 + s is s) and count is set to 1, two passes over the persons
        instead of five.
        """
        ids = np.frombuffer(b"".join(_pick(self._postings, tids)), np.int32)
        similarity = np.repeat(sims, np.frombuffer(self._sizes, np.int32)[tids])
        if found_only:
            held = scratch.found[ids]
            ids, similarity = ids[held], similarity[held]
        if first:
            np.maximum.at(scratch.total, ids, similarity)
            scratch.count[ids] = 1.0
            return ids
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


def _pick(postings: list[array[int]], tids: Ints) -> Sequence[array[int]]:
    """`[postings[tid] for tid in tids]`, without a Python loop (`itemgetter` of one gives the item)."""
    if tids.size < 2:
        return [postings[tid] for tid in tids.tolist()]
    picked: tuple[array[int], ...] = itemgetter(*tids.tolist())(postings)
    return picked
