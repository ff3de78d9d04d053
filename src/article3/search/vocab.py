"""The vocabulary of an index: its distinct name parts and a vectorised part similarity. Pure.

Blocking keys (`blocking.part_keys`) point at vocabulary entries ("tokens"),
not at persons, so a key's list stays as short as the vocabulary is varied.
`similar` finds the tokens that share a key with a query part and scores all of
them at once with rapidfuzz's `cdist`, reproducing `names.token_similarity`
(best romanisation, one-edit rule, scaled skeleton, cliff) without a Python
loop per token. Results are cached per query part until the vocabulary grows.
"""

from __future__ import annotations

from array import array
from itertools import accumulate

import numpy as np
import numpy.typing as npt
from rapidfuzz.distance import OSA
from rapidfuzz.process import cdist, cpdist

from article3.search.alignment import PairScores
from article3.search.arrays import Doubles, Floats, Ints
from article3.search.blocking import FULL, PARTIAL, part_keys
from article3.search.names import (
    ABJAD_SKELETON_FACTOR,
    CLIFF_HIGH,
    CLIFF_LOW,
    ONE_EDIT_MIN_LENGTH,
    ONE_EDIT_SIMILARITY,
    SHORT_SKELETON_FACTOR,
    SKELETON_FACTOR,
    seed_pairs,
)
from article3.search.normalize import TokenForms

_CACHE_LIMIT = 50_000
_SHORT_SKELETON = 3
_JOINT_SCORING = 1_500  # new parts x tokens in their blocks up to which a cross product scores them
_NO_SIMS: Floats = np.empty(0, np.float32)


def letter_bits(part: TokenForms) -> int:
    """Bit mask of the first letters (a-z) of every romanisation of `part`."""
    bits = 0
    for form in part.forms:
        if form and "a" <= form[0] <= "z":
            bits |= 1 << (ord(form[0]) - ord("a"))
    return bits


class _Strings:
    """A growable flat list of strings with per-token start and count, for vectorised gathers."""

    def __init__(self) -> None:
        self.strings: npt.NDArray[np.object_] = np.empty(1024, object)
        self.lengths = array("i")
        self.start = array("i")
        self.count = array("i")

    @classmethod
    def of(cls, groups: list[tuple[str, ...]]) -> _Strings:
        """The strings of `groups`, one token per group (what `add` for each gives, in one go)."""
        made = cls()
        flat = [value for group in groups for value in group]
        made.strings = np.empty(len(flat), object)
        made.strings[:] = flat
        made.lengths = array("i", map(len, flat))
        made.count = array("i", map(len, groups))
        made.start = array("i", accumulate(made.count[:-1], initial=0)) if groups else array("i")
        return made

    def add(self, values: tuple[str, ...]) -> None:
        size = len(self.lengths)
        if size + len(values) > self.strings.size:
            grown = np.empty(max(2 * self.strings.size, size + len(values)), object)
            grown[:size] = self.strings[:size]
            self.strings = grown
        self.strings[size : size + len(values)] = values
        self.lengths.extend(len(value) for value in values)
        self.start.append(size)
        self.count.append(len(values))

    def gather(self, tids: Ints) -> tuple[npt.NDArray[np.object_], Ints, Ints]:
        """The strings of `tids` (flat), their lengths and where each token's strings start."""
        count = np.frombuffer(self.count, np.int32)[tids]
        offsets = np.zeros(tids.size, np.int32)
        np.cumsum(count[:-1], out=offsets[1:])
        flat = np.repeat(np.frombuffer(self.start, np.int32)[tids] - offsets, count)
        flat += np.arange(flat.size, dtype=np.int32)
        return self.strings[flat], np.frombuffer(self.lengths, np.int32)[flat], offsets

    def pair_with(self, tids: Ints, mine: _Strings, rows: Ints) -> _Pairs:
        """Every (string of `mine` row `rows[k]`, string of token `tids[k]`) pair, grouped by k."""
        return _pairs(mine, rows, self, tids)


_Pairs = tuple[npt.NDArray[np.object_], Ints, npt.NDArray[np.object_], Ints, Ints]


def _pairs(left: _Strings, rows: Ints, right: _Strings, tids: Ints) -> _Pairs:
    """Left strings, their lengths, right strings, their lengths, and where each k's group starts."""
    left_count = np.frombuffer(left.count, np.int32)[rows]
    right_count = np.frombuffer(right.count, np.int32)[tids]
    sizes = left_count * right_count
    starts = np.zeros(sizes.size, np.int64)
    np.cumsum(sizes[:-1], out=starts[1:])
    group = np.repeat(np.arange(sizes.size), sizes)
    local = np.arange(group.size) - starts[group]
    wide = right_count[group]
    first = np.frombuffer(left.start, np.int32)[rows][group] + local // wide
    second = np.frombuffer(right.start, np.int32)[tids][group] + local % wide
    left_lengths = np.frombuffer(left.lengths, np.int32)
    right_lengths = np.frombuffer(right.lengths, np.int32)
    return (
        left.strings[first],
        left_lengths[first],
        right.strings[second],
        right_lengths[second],
        starts.astype(np.int32),
    )


class Vocabulary:
    """Distinct name parts of an index, each with an int id, filed under its blocking keys."""

    def __init__(self) -> None:
        self.ids: dict[str, int] = {}
        self.parts: list[TokenForms] = []
        self.texts: list[str] = []  # parts[n].text
        self.letters: list[int] = []
        self._keys: dict[str, array[int]] = {}
        self._forms = _Strings()
        self._skeletons = _Strings()
        self._short = array("b")  # shortest skeleton under three letters
        self._abjad = array("b")
        self._cache: dict[str, tuple[Ints, Floats]] = {}
        self._cached_size = 0

    def __len__(self) -> int:
        return len(self.parts)

    def add(self, part: TokenForms) -> int:
        """The id of `part`, adding it (and filing it under its keys) if new."""
        found = self.ids.get(part.text)
        if found is not None:
            return found
        number = self.ids[part.text] = len(self.parts)
        self.parts.append(part)
        self.texts.append(part.text)
        self.letters.append(letter_bits(part))
        self._forms.add(part.forms)
        self._skeletons.add(part.skeletons)
        self._short.append(min(map(len, part.skeletons)) < _SHORT_SKELETON)
        self._abjad.append(part.abjad)
        keys = part_keys(part)
        for key in (*keys[FULL], *keys[PARTIAL]):
            self._keys.setdefault(key, array("i")).append(number)
        return number

    def similar(self, part: TokenForms) -> tuple[Ints, Floats]:
        """Ids of the tokens similar to `part` and their similarities (> 0), ascending."""
        return self.similar_many([part])[0]

    def similar_many(self, parts: list[TokenForms]) -> list[tuple[Ints, Floats]]:
        """`similar` for each of `parts`; the new ones are scored together, each against its block."""
        if self._cached_size != len(self.parts) or len(self._cache) + len(parts) >= _CACHE_LIMIT:
            self._cache.clear()
            self._cached_size = len(self.parts)
        missing = list({part.text: part for part in parts if part.text not in self._cache}.values())
        if missing:
            blocks = [self._block(part) for part in missing]
            sizes = np.array([block.size for block in blocks], np.int32)
            rows = np.repeat(np.arange(len(missing), dtype=np.int32), sizes)
            tids = np.concatenate(blocks)
            union = np.unique(tids)
            if not union.size:
                sims = _NO_SIMS
            elif union.size * len(missing) <= _JOINT_SCORING:  # small: one cross product is cheaper
                sims = self.score_many(missing, union)[rows, np.searchsorted(union, tids)].astype(np.float32)
            else:
                sims = self.score_pairs(missing, rows, tids).astype(np.float32)
            keep = sims > 0
            rows, tids, sims = rows[keep], tids[keep], sims[keep]
            order = np.lexsort((tids, sims, rows))  # per part: least similar first, ties lower id first
            ends = np.cumsum(np.bincount(rows, minlength=len(missing)))
            for part, kept_tids, kept_sims in zip(
                missing, np.split(tids[order], ends[:-1]), np.split(sims[order], ends[:-1]), strict=True
            ):
                self._cache[part.text] = (kept_tids, kept_sims)
        return [self._cache[part.text] for part in parts]

    def _block(self, part: TokenForms) -> Ints:
        """Ids of the tokens sharing a blocking key with `part`, ascending."""
        keys = part_keys(part)
        lists = [self._keys[key] for key in (*keys[FULL], *keys[PARTIAL]) if key in self._keys]
        if not lists:
            return np.empty(0, np.int32)
        return np.unique(np.frombuffer(b"".join(lists), dtype=np.int32))

    def score(self, part: TokenForms, tids: Ints) -> Doubles:
        """`names.token_similarity` of `part` against each of the tokens `tids`, bit for bit."""
        scores: Doubles = self.score_many([part], tids)[0]
        return scores

    def score_many(self, parts: list[TokenForms], tids: Ints) -> Doubles:
        """`names.token_similarity` of each of `parts` (rows) against each of the tokens `tids`.

        One `cdist` over every romanisation of every part, one over the skeletons. The
        arithmetic is the scalar one in float64 (1 - OSA distance / longer length is
        rapidfuzz's normalised similarity), so the index may seed `names`' cache with it.
        """
        forms = [form for part in parts for form in part.forms]
        rows = _starts([len(part.forms) for part in parts])
        strings, lengths, starts = self._forms.gather(tids)
        distance = cdist(forms, strings, scorer=OSA.distance, dtype=np.int32, workers=1)
        left = np.array([len(form) for form in forms], np.int32)[:, None]
        longest = np.maximum(np.maximum(left, lengths[None, :]), 1)
        similarity = np.maximum.reduceat(1.0 - distance / longest, rows, axis=0)
        edit = (distance <= 1) & (left >= ONE_EDIT_MIN_LENGTH) & (lengths >= ONE_EDIT_MIN_LENGTH)[None, :]
        form = np.maximum.reduceat(similarity, starts, axis=1)
        edited = np.logical_or.reduceat(np.logical_or.reduceat(edit, rows, axis=0), starts, axis=1)
        form = np.where((form < ONE_EDIT_SIMILARITY) & edited, ONE_EDIT_SIMILARITY, form)
        skeletons = [skeleton for part in parts for skeleton in part.skeletons]
        strings, lengths, starts = self._skeletons.gather(tids)
        matrix = cdist(skeletons, strings, scorer=OSA.normalized_similarity, dtype=np.float64, workers=1)
        rows = _starts([len(part.skeletons) for part in parts])
        skeleton = np.maximum.reduceat(np.maximum.reduceat(matrix, rows, axis=0), starts, axis=1)
        short = np.frombuffer(self._short, np.int8)[tids].astype(np.bool_)[None, :] | np.array(
            [[min(map(len, part.skeletons)) < _SHORT_SKELETON] for part in parts]
        )
        abjad = np.frombuffer(self._abjad, np.int8)[tids].astype(np.bool_)[None, :] | np.array(
            [[part.abjad] for part in parts]
        )
        factor = np.where(
            abjad, ABJAD_SKELETON_FACTOR, np.where(short, SHORT_SKELETON_FACTOR, SKELETON_FACTOR)
        )
        return cliff_array(np.maximum(form, skeleton * factor))

    def pair_scores(self, groups: list[tuple[list[TokenForms], Ints]]) -> PairScores:
        """Every (part, token) pair of each group (parts, token ids), scored, as a table.

        One `score_pairs` call for all groups (a `search_many` batch: each query's parts
        against its candidates' parts), each distinct pair scored once. `alignment.name_scores`
        reads the table; the index seeds `names`' cache from it only with the pairs that
        `names.align` still needs.
        """
        rows: list[Ints] = []
        tids: list[Ints] = []
        parts: dict[str, int] = {}
        forms: list[TokenForms] = []
        for group, numbers in groups:
            for part in group:
                if part.text not in parts:
                    parts[part.text] = len(forms)
                    forms.append(part)
                rows.append(np.full(numbers.size, parts[part.text], np.int32))
                tids.append(numbers)
        size = len(self.parts)
        if not rows:
            return PairScores(parts, size, np.empty(0, np.int64), np.empty(0, np.float64))
        keys = np.unique(np.concatenate(rows).astype(np.int64) * size + np.concatenate(tids))
        row, tid = (keys // size).astype(np.int32), (keys % size).astype(np.int32)
        return PairScores(parts, size, keys, self.score_pairs(forms, row, tid))

    def seed_pairs(self, groups: list[tuple[list[TokenForms], Ints]]) -> PairScores:
        """`pair_scores`, and `names`' cache seeded with every pair of the table."""
        table = self.pair_scores(groups)
        texts = list(table.rows)  # in row order
        row, tid = table.keys // table.size, table.keys % table.size
        pairs = zip(
            map(texts.__getitem__, row.tolist()), map(self.texts.__getitem__, tid.tolist()), strict=True
        )
        seed_pairs(list(pairs), table.scores.tolist())
        return table

    def score_pairs(self, parts: list[TokenForms], rows: Ints, tids: Ints) -> Doubles:
        """`names.token_similarity` of `parts[rows[k]]` against token `tids[k]`, for each k.

        The arithmetic of `score_many`, element by element (`cpdist` over every pair of
        romanisations, then of skeletons, of each (part, token) pair), so one call scores
        any number of parts against blocks of their own, with no cross product.
        """
        if not tids.size:
            return np.empty(0, np.float64)
        forms = _Strings.of([part.forms for part in parts])
        skeletons = _Strings.of([part.skeletons for part in parts])
        left, left_lengths, right, right_lengths, starts = self._forms.pair_with(tids, forms, rows)
        distance = cpdist(left, right, scorer=OSA.distance, dtype=np.int32, workers=1)
        longest = np.maximum(np.maximum(left_lengths, right_lengths), 1)
        form = np.maximum.reduceat(1.0 - distance / longest, starts)
        edit = (
            (distance <= 1) & (left_lengths >= ONE_EDIT_MIN_LENGTH) & (right_lengths >= ONE_EDIT_MIN_LENGTH)
        )
        form = np.where(
            (form < ONE_EDIT_SIMILARITY) & np.logical_or.reduceat(edit, starts), ONE_EDIT_SIMILARITY, form
        )
        left, _, right, _, starts = self._skeletons.pair_with(tids, skeletons, rows)
        matrix = cpdist(left, right, scorer=OSA.normalized_similarity, dtype=np.float64, workers=1)
        skeleton = np.maximum.reduceat(matrix, starts)
        mine = np.array([[min(map(len, part.skeletons)) < _SHORT_SKELETON, part.abjad] for part in parts])
        short = np.frombuffer(self._short, np.int8)[tids].astype(np.bool_) | mine[rows, 0]
        abjad = np.frombuffer(self._abjad, np.int8)[tids].astype(np.bool_) | mine[rows, 1]
        factor = np.where(
            abjad, ABJAD_SKELETON_FACTOR, np.where(short, SHORT_SKELETON_FACTOR, SKELETON_FACTOR)
        )
        return cliff_array(np.maximum(form, skeleton * factor))


def _starts(counts: list[int]) -> Ints:
    """Where each group of `counts` consecutive rows starts."""
    return np.fromiter(accumulate(counts[:-1], initial=0), np.int32, len(counts))


def cliff_array(similarity: Doubles) -> Doubles:
    """`names.cliff` over an array."""
    middle = (similarity - CLIFF_LOW) / (CLIFF_HIGH - CLIFF_LOW) * CLIFF_HIGH
    shrunk = np.where(similarity <= CLIFF_LOW, 0.0, middle)
    result: Doubles = np.where(similarity >= CLIFF_HIGH, similarity, shrunk)
    return result
