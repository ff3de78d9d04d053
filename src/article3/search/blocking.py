"""Blocking keys: which vocabulary entries a name part is filed under. Pure.

Full keys (a part sharing one of them is a candidate part): every romanisation
("f:"), every consonant skeleton ("s:") and the metaphone of the first
romanisation ("p:"). Partial keys, which survive a typo in the other half of
a part: the first and the last three letters of each skeleton of five or more
letters ("b:", "e:"). Initials and particles are not keys: they say too little.
"""

from __future__ import annotations

from functools import lru_cache

from article3.search.normalize import TokenForms

FULL = "full"
PARTIAL = "partial"
_PHONETIC_MIN = 3
_PARTIAL_MIN = 5
_PARTIAL_LENGTH = 3

PartKeys = dict[str, tuple[str, ...]]


@lru_cache(maxsize=200_000)
def part_keys(part: TokenForms) -> PartKeys:
    """Full and partial blocking keys of one name part."""
    if part.initial or part.particle:
        return {FULL: (), PARTIAL: ()}
    full = [f"f:{form}" for form in part.forms]
    full += [f"s:{skeleton}" for skeleton in part.skeletons if skeleton]
    if len(part.phonetic) >= _PHONETIC_MIN:
        full.append(f"p:{part.phonetic}")
    partial: list[str] = []
    for skeleton in part.skeletons:
        if len(skeleton) >= _PARTIAL_MIN:
            partial += [f"b:{skeleton[:_PARTIAL_LENGTH]}", f"e:{skeleton[-_PARTIAL_LENGTH:]}"]
    return {FULL: tuple(dict.fromkeys(full)), PARTIAL: tuple(dict.fromkeys(partial))}
