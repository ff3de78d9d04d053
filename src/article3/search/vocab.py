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
from itertools import chain

import numpy as np
import numpy.typing as npt
from rapidfuzz.distance import OSA
from rapidfuzz.process import cdist

from article3.search.blocking import FULL, PARTIAL, part_keys
from article3.search.names import (
    ABJAD_SKELETON_FACTOR,
    CLIFF_HIGH,
    CLIFF_LOW,
    ONE_EDIT_MIN_LENGTH,
    ONE_EDIT_SIMILARITY,
    SHORT_SKELETON_FACTOR,
    SKELETON_FACTOR,
)
from article3.search.normalize import TokenForms

Floats = npt.NDArray[np.float32]
Ints = npt.NDArray[np.int32]
_CACHE_LIMIT = 50_000
_SHORT_SKELETON = 3


def letter_bits(part: TokenForms) -> int:
    """Bit mask of the first letters (a-z) of every romanisation of `part`."""
    bits = 0
    for form in part.forms:
        if form and "a" <= form[0] <= "z":
            bits |= 1 << (ord(form[0]) - ord("a"))
    return bits


class Vocabulary:
    """Distinct name parts of an index, each with an int id, filed under its blocking keys."""

    def __init__(self) -> None:
        self.ids: dict[str, int] = {}
        self.parts: list[TokenForms] = []
        self.letters: list[int] = []
        self._keys: dict[str, array[int]] = {}
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
        self.letters.append(letter_bits(part))
        keys = part_keys(part)
        for key in (*keys[FULL], *keys[PARTIAL]):
            self._keys.setdefault(key, array("i")).append(number)
        return number

    def similar(self, part: TokenForms) -> tuple[Ints, Floats]:
        """Ids of the tokens similar to `part` and their similarities (> 0), ascending."""
        if self._cached_size != len(self.parts) or len(self._cache) >= _CACHE_LIMIT:
            self._cache.clear()
            self._cached_size = len(self.parts)
        found = self._cache.get(part.text)
        if found is None:
            found = self._cache[part.text] = self._similar(part)
        return found

    def _similar(self, part: TokenForms) -> tuple[Ints, Floats]:
        keys = part_keys(part)
        lists = [self._keys[key] for key in (*keys[FULL], *keys[PARTIAL]) if key in self._keys]
        if not lists:
            return np.empty(0, np.int32), np.empty(0, np.float32)
        tids = np.unique(np.frombuffer(b"".join(map(bytes, lists)), dtype=np.int32))
        sims = self._score(part, [self.parts[int(t)] for t in tids])
        keep = sims > 0
        tids, sims = tids[keep], sims[keep]
        order = np.argsort(sims, kind="stable")
        return tids[order], sims[order]

    @staticmethod
    def _score(part: TokenForms, others: list[TokenForms]) -> Floats:
        form = _best(part.forms, [other.forms for other in others])
        edit = _one_edit(part.forms, [other.forms for other in others])
        form = np.where((form < ONE_EDIT_SIMILARITY) & edit, ONE_EDIT_SIMILARITY, form)
        skeleton = _best(part.skeletons, [other.skeletons for other in others])
        shortest = np.array([min(map(len, other.skeletons)) for other in others])
        short = np.minimum(shortest, min(map(len, part.skeletons))) < _SHORT_SKELETON
        abjad = np.array([other.abjad for other in others]) | part.abjad
        factor = np.where(
            abjad, ABJAD_SKELETON_FACTOR, np.where(short, SHORT_SKELETON_FACTOR, SKELETON_FACTOR)
        )
        return cliff_array(np.maximum(form, skeleton * factor).astype(np.float32))


def _owners(groups: list[tuple[str, ...]]) -> tuple[list[str], Ints]:
    flat = list(chain.from_iterable(groups))
    starts = np.zeros(len(groups), dtype=np.int32)
    np.cumsum([len(group) for group in groups[:-1]], out=starts[1:])
    return flat, starts


def _best(left: tuple[str, ...], groups: list[tuple[str, ...]]) -> Floats:
    """Per group: the best OSA similarity between any string of `left` and of the group."""
    flat, starts = _owners(groups)
    matrix = cdist(left, flat, scorer=OSA.normalized_similarity, dtype=np.float32, workers=1)
    return np.maximum.reduceat(matrix.max(axis=0), starts)


def _one_edit(left: tuple[str, ...], groups: list[tuple[str, ...]]) -> npt.NDArray[np.bool_]:
    """Per group: are two strings of four or more letters at most one edit apart?"""
    flat, starts = _owners(groups)
    distance = cdist(left, flat, scorer=OSA.distance, score_cutoff=1, dtype=np.int32, workers=1)
    long_left = np.array([len(x) >= ONE_EDIT_MIN_LENGTH for x in left])[:, None]
    long_right = np.array([len(y) >= ONE_EDIT_MIN_LENGTH for y in flat])[None, :]
    close = ((distance <= 1) & long_left & long_right).any(axis=0)
    return np.logical_or.reduceat(close, starts)


def cliff_array(similarity: Floats) -> Floats:
    """`names.cliff` over an array."""
    middle = (similarity - CLIFF_LOW) / (CLIFF_HIGH - CLIFF_LOW) * CLIFF_HIGH
    shrunk = np.where(similarity <= CLIFF_LOW, 0.0, middle)
    return np.where(similarity >= CLIFF_HIGH, similarity, shrunk).astype(np.float32)
