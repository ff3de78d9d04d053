"""Name similarity: parts aligned in any order across scripts and romanisations. Pure.

Each name becomes one or two part lists (`prepare_names`): the parts without
particles (al, bin, van der ...) and, when it has particles, the parts with
the particles glued to the next part (al hassan -> alhassan). Two parts are
compared on every pair of their romanisations and on their consonant
skeletons (`token_similarity`, memoised). Parts are then paired greedily, best
pair first; a part left over on the longer side (a patronymic or middle name
the other side lacks) costs `EXTRA_PART_WEIGHT` of a part.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from rapidfuzz.distance import OSA

from article3.search.japanese import HAN, has_kana, readings
from article3.search.normalize import TokenForms, glued_variant, split_words, token_forms, tokens

PreparedName = tuple[TokenForms, ...]

EXTRA_PART_WEIGHT = 0.15
INITIAL_WEIGHT = 0.5
INITIAL_SIMILARITY = 0.9
SKELETON_FACTOR = 0.9  # skeletons agree although no romanisation does
SHORT_SKELETON_FACTOR = 0.75  # skeletons of one or two letters say little
ABJAD_SKELETON_FACTOR = 0.92  # Arabic/Hebrew script: the skeleton is all there is
CLIFF_LOW = 0.55  # part similarity below this is no evidence at all
CLIFF_HIGH = 0.8  # from here on a part similarity counts as it is (typos)
ONE_EDIT_SIMILARITY = 0.82  # one typo (or transposition) in a part of 4+ letters
ONE_EDIT_MIN_LENGTH = 4
MATCHED_PART = 0.75  # a pair this similar counts as "matched" in explanations
_CACHE_LIMIT = 2_000_000
_HYPHENATED = re.compile(r"(?<=\w)[-\u2010\u2011](?=\w)")
_similarities: dict[tuple[str, str], float] = {}


@dataclass(frozen=True, slots=True)
class NameScore:
    """Similarity of the best pair of names and how their parts aligned."""

    similarity: float
    matched: int = 0
    query_parts: int = 0
    candidate_parts: int = 0

    @property
    def detail(self) -> str:
        return (
            f"{self.matched} of {self.query_parts} query parts matched {self.candidate_parts} candidate parts"
        )


def prepare_names(names: Iterable[str], *, japanese: bool = False) -> tuple[PreparedName, ...]:
    """Part lists of each name: without particles, and with particles glued on.

    `japanese` (nationality JP), or kana in any of the names, adds the Japanese readings
    of the names written in kanji as further part lists, after the others (`japanese.readings`).
    """
    names = tuple(names)
    prepared: dict[tuple[str, ...], PreparedName] = {}
    for name in _spellings(names):
        parts = tokens(name)
        variants = [[part for part in parts if not token_forms(part).particle] or parts]
        glued = glued_variant(parts)
        if glued:
            variants.append(glued)
        for variant in variants:
            if variant:
                prepared.setdefault(tuple(variant), tuple(map(token_forms, variant)))
    if japanese or any(map(has_kana, names)):
        for reading in _japanese_readings(names):
            prepared.setdefault(reading, tuple(map(token_forms, reading)))
    return tuple(prepared.values())


def _japanese_readings(names: tuple[str, ...]) -> Iterator[tuple[str, ...]]:
    """The hiragana part lists of the names that have kanji."""
    for name in names:
        if not name.isascii() and HAN.search(name):
            yield from readings(tuple(split_words(name)))


def _spellings(names: Iterable[str]) -> Iterator[str]:
    """Each name, then, if it has hyphenated words, the name with them run together."""
    for name in names:
        yield name
        joined = _HYPHENATED.sub("", name)
        if joined != name:
            yield joined


def _initial_similarity(a: TokenForms, b: TokenForms) -> float:
    if a.initial and b.initial:
        return 1.0 if not set(a.forms).isdisjoint(b.forms) else 0.0
    initial, other = (a, b) if a.initial else (b, a)
    letters = {form[0] for form in initial.forms if form}
    if any(form[:1] in letters for form in other.forms):
        return INITIAL_SIMILARITY
    return 0.0


def _best(left: tuple[str, ...], right: tuple[str, ...]) -> float:
    return max(OSA.normalized_similarity(x, y) for x in left for y in right)


def _one_edit_apart(left: tuple[str, ...], right: tuple[str, ...]) -> bool:
    return any(
        min(len(x), len(y)) >= ONE_EDIT_MIN_LENGTH and OSA.distance(x, y, score_cutoff=1) <= 1
        for x in left
        for y in right
    )


def _compute(a: TokenForms, b: TokenForms) -> float:
    if a.initial or b.initial:
        return _initial_similarity(a, b)
    if not set(a.forms).isdisjoint(b.forms):
        return 1.0
    form = _best(a.forms, b.forms)
    if form < ONE_EDIT_SIMILARITY and _one_edit_apart(a.forms, b.forms):
        form = ONE_EDIT_SIMILARITY
    skeleton = _best(a.skeletons, b.skeletons)
    if a.abjad or b.abjad:
        factor = ABJAD_SKELETON_FACTOR
    elif min(map(len, a.skeletons + b.skeletons)) < 3:
        factor = SHORT_SKELETON_FACTOR
    else:
        factor = SKELETON_FACTOR
    return cliff(max(form, skeleton * factor))


def cliff(similarity: float) -> float:
    """Keep typo-level similarities, shrink middling ones (Petrov vs Pestrikov) fast."""
    if similarity >= CLIFF_HIGH:
        return similarity
    if similarity <= CLIFF_LOW:
        return 0.0
    return (similarity - CLIFF_LOW) / (CLIFF_HIGH - CLIFF_LOW) * CLIFF_HIGH


def token_similarity(a: TokenForms, b: TokenForms) -> float:
    """Similarity in 0..1 of two name parts, over all their romanisations."""
    if a.text == b.text:
        return 1.0
    key = (a.text, b.text)
    found = _similarities.get(key)
    if found is None:
        if len(_similarities) >= _CACHE_LIMIT:
            _similarities.clear()
        found = _similarities[key] = _compute(a, b)
    return found


def seed(query: TokenForms, candidates: list[str], similarities: list[float]) -> None:
    """Store already computed `token_similarity(query, c)` for parts with the texts `candidates`."""
    if len(_similarities) + len(candidates) >= _CACHE_LIMIT:
        _similarities.clear()
    _similarities.update(zip([(query.text, text) for text in candidates], similarities, strict=True))


def seed_pairs(keys: list[tuple[str, str]], similarities: list[float]) -> None:
    """Store already computed `token_similarity` for (query part text, candidate part text) pairs."""
    if len(_similarities) + len(keys) >= _CACHE_LIMIT:
        _similarities.clear()
    _similarities.update(zip(keys, similarities, strict=True))


def _weight(part: TokenForms) -> float:
    return INITIAL_WEIGHT if part.initial else 1.0


def align(query: PreparedName, candidate: PreparedName) -> NameScore:
    """Pair the parts of two names greedily, best pair first, and score the pairing."""
    known = _similarities.get
    pairs: list[tuple[float, int, int]] = []
    for i, q in enumerate(query):
        text = q.text
        for j, c in enumerate(candidate):  # token_similarity, inlined: this is the innermost loop
            similarity = 1.0 if text == c.text else known((text, c.text))
            pairs.append((token_similarity(q, c) if similarity is None else similarity, i, j))
    pairs.sort(reverse=True)
    used_query = used_candidate = 0
    total = weight = 0.0
    matched = paired = 0
    last = min(len(query), len(candidate))
    for similarity, i, j in pairs:
        if used_query >> i & 1 or used_candidate >> j & 1:
            continue
        used_query |= 1 << i
        used_candidate |= 1 << j
        pair_weight = (_weight(query[i]) + _weight(candidate[j])) / 2
        total += pair_weight * similarity
        weight += pair_weight
        matched += similarity >= MATCHED_PART
        paired += 1
        if paired == last:  # one side is used up: no later pair can be taken
            break
    # weights are multiples of 0.5, so these sums are exact in any order
    extra = sum(_weight(q) for i, q in enumerate(query) if not used_query >> i & 1)
    extra += sum(_weight(c) for j, c in enumerate(candidate) if not used_candidate >> j & 1)
    similarity = total / (weight + EXTRA_PART_WEIGHT * extra) if weight else 0.0
    return NameScore(similarity, matched, len(query), len(candidate))


def name_similarity(query: tuple[PreparedName, ...], candidate: tuple[PreparedName, ...]) -> NameScore:
    """The best alignment over every (query name, candidate name) pair."""
    best = NameScore(0.0)
    for query_name in query:
        for candidate_name in candidate:
            score = align(query_name, candidate_name)
            if score.similarity > best.similarity:
                best = score
                if score.similarity >= 1.0:
                    return best
    return best
