"""Compare one person with another: a score in 0..1, a decision and a per-feature why.

Pure. The algorithm, `article3-person`, adds up evidence in log-odds points,
like a Fellegi-Sunter model with hand-set weights, and returns the logistic
of the sum:

* names: the best pairing of any query name with any candidate name. Parts
  are aligned greedily in any order (`names.name_similarity`); a part that
  only one side has (patronymic, middle name) costs little, a part that both
  sides have and that disagrees costs a lot;
* birth date: a graded similarity (`dates.date_similarity`): exact, partial
  agreement, day and month swapped, a year or two off, contradiction;
* nationality and sex: soft evidence, a small bonus when they agree and a
  penalty when they contradict; unknown counts as nothing;
* name frequency (index searches only): agreeing on a name that many persons
  in the gallery share is weak evidence. The index passes `namesakes`, the
  number of gallery persons holding every part of the candidate's name, and
  the name points are lowered by its natural log (never below zero): the prior
  odds that a name-only match is this one of the namesakes.

A name-only match therefore scores about 0.94, never 1.0: agreement on the
birth date is what lifts a hit towards certainty, so reviewers can order alerts.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

from article3.search.dates import SAME_MONTH_OTHER_DAY, date_chance, date_points, date_similarity
from article3.search.names import NameScore, PreparedName, name_similarity, prepare_names
from article3.search.normalize import BirthDate, parse_birth_date
from article3.search.schemas import MatchHit, PersonQuery, PersonRecord

ALGORITHM = "article3-person"
ALGORITHM_VERSION = "1.3.0"
MATCH_THRESHOLD = 0.70
"""score >= MATCH_THRESHOLD means `match: true`; about 0.85 log-odds points of evidence."""

NAME_PIVOT = 0.80  # name similarity worth zero points
NAME_SLOPE = 14.0  # points per unit of name similarity around the pivot
NAME_MIN_POINTS = -8.0
NATIONALITY_SHARED = 0.3
NATIONALITY_DISJOINT = -0.6
SEX_SAME = 0.1
SEX_DIFFERENT = -1.0
CAPPED = 0.69  # the highest score of a capped comparison, just below MATCH_THRESHOLD
COMMON_NAME = 2.0  # namesakes from here on need a birth date to alert
CONFLICTING_DATE = 0.65  # full dates less similar than this (ONE_YEAR_SAME_DAY) conflict
CAP_DATES = "birth dates conflict"
CAP_NAMESAKES = "name shared with others; no birth date to tell them apart"
_ALGORITHM_TAG = f"{ALGORITHM}/{ALGORITHM_VERSION}"


@dataclass(frozen=True, slots=True)
class PreparedPerson:
    """A person compiled once for fast repeated comparison."""

    id: str
    names: tuple[PreparedName, ...]
    birth: BirthDate | None
    nationalities: frozenset[str]
    sex: str | None


@dataclass(frozen=True, slots=True)
class Comparison:
    """The outcome of comparing two prepared persons, before it is explained."""

    score: float
    names: NameScore
    birth_date: float | None
    birth_detail: str
    points: tuple[float, float, float, float]
    namesakes: float = 1.0
    capped: str | None = None

    @property
    def match(self) -> bool:
        return self.score >= MATCH_THRESHOLD


def prepare(person: PersonQuery | PersonRecord) -> PreparedPerson:
    """Compile a record or query: tokens, romanisations, keys and a parsed birth date."""
    return PreparedPerson(
        id=getattr(person, "id", ""),
        names=prepare_names(person.names, japanese="JP" in person.nationalities),
        birth=parse_birth_date(person.birth_date),
        nationalities=frozenset(person.nationalities),
        sex=person.sex if person.sex in ("M", "F") else None,
    )


def _name_points(similarity: float) -> float:
    return max(NAME_MIN_POINTS, NAME_SLOPE * (similarity - NAME_PIVOT))


def _nationality_points(query: frozenset[str], candidate: frozenset[str]) -> float:
    if not query or not candidate:
        return 0.0
    return NATIONALITY_SHARED if query & candidate else NATIONALITY_DISJOINT


def _sex_points(query: str | None, candidate: str | None) -> float:
    if query is None or candidate is None:
        return 0.0
    return SEX_SAME if query == candidate else SEX_DIFFERENT


def frequency_points(name_points: float, namesakes: float) -> float:
    """Name points lowered by ln(namesakes) for a common name, down to zero at most."""
    if name_points <= 0.0 or namesakes <= 1.0:
        return name_points
    return max(0.0, name_points - math.log(namesakes))


def compare_prepared(
    query: PreparedPerson,
    candidate: PreparedPerson,
    *,
    namesakes: float = 1.0,
    names: NameScore | None = None,
) -> Comparison:
    """Score two prepared persons (the fast path used by the index).

    `namesakes`: number of persons sharing the candidate's name in the searched gallery
    (1: a unique name, no adjustment). `names`: their `name_similarity`, if already known.
    """
    if names is None:
        names = name_similarity(query.names, candidate.names)
    birth, birth_detail = date_similarity(query.birth, candidate.birth)
    alike = 1.0 + max(namesakes - 1.0, 0.0) * date_chance(birth)  # namesakes the date cannot rule out
    points = (
        frequency_points(_name_points(names.similarity), alike),
        date_points(birth),
        _nationality_points(query.nationalities, candidate.nationalities),
        _sex_points(query.sex, candidate.sex),
    )
    score = 1.0 / (1.0 + math.exp(-sum(points)))
    capped = _cap(query, candidate, birth, namesakes)
    if capped is not None:
        score = min(score, CAPPED)
    return Comparison(round(score, 4), names, birth, birth_detail, points, namesakes, capped)


def _cap(
    query: PreparedPerson, candidate: PreparedPerson, birth: float | None, namesakes: float
) -> str | None:
    """Why the score must stay below the threshold whatever the names say, if it must."""
    if birth is None:
        return CAP_NAMESAKES if namesakes >= COMMON_NAME else None
    if birth < CONFLICTING_DATE and _full(query.birth) and _full(candidate.birth):
        return (
            None if birth == SAME_MONTH_OTHER_DAY and _typed_day(query.birth, candidate.birth) else CAP_DATES
        )
    return None


def _typed_day(query: BirthDate | None, candidate: BirthDate | None) -> bool:
    """The two days differ like a typing error: one digit, or the two digits swapped."""
    left, right = f"{query.day if query else 0:02d}", f"{candidate.day if candidate else 0:02d}"
    return left == right[::-1] or sum(a != b for a, b in zip(left, right, strict=True)) == 1


def _full(birth: BirthDate | None) -> bool:
    return birth is not None and birth.month is not None and birth.day is not None


def rank_key(candidate_id: str, comparison: Comparison) -> tuple[float, float, str]:
    """Best first: by score, then by the uncapped points (capped hits keep their order), then id."""
    return (-comparison.score, -sum(comparison.points), candidate_id)


def explain(comparison: Comparison) -> dict[str, Any]:
    """Per-feature explanation: similarity, points contributed and a detail without names."""
    name_pts, birth_pts, nationality_pts, sex_pts = comparison.points
    names, birth = comparison.names, comparison.birth_date
    return {
        "algorithm": _ALGORITHM_TAG,
        "names": {
            "score": round(names.similarity, 4),
            "points": round(name_pts, 3),
            "detail": names.detail,
            "namesakes": round(max(comparison.namesakes, 1.0), 1),
        },
        "capped": comparison.capped,
        "birth_date": {
            "score": None if birth is None else round(birth, 3),
            "points": round(birth_pts, 3),
            "detail": comparison.birth_detail,
        },
        "nationality": {"points": nationality_pts, "detail": _soft_detail(nationality_pts)},
        "sex": {"points": sex_pts, "detail": _soft_detail(sex_pts)},
    }


def _soft_detail(points: float) -> str:
    if points > 0:
        return "agree"
    return "differ" if points < 0 else "unknown on one side"


def to_hit(candidate_id: str, comparison: Comparison) -> MatchHit:
    """The public hit for one scored candidate."""
    return MatchHit.model_construct(  # fields are valid by construction
        id=candidate_id,
        score=comparison.score,
        match=comparison.match,
        why=explain(comparison),
    )


def compare(
    query: PersonQuery | PersonRecord | PreparedPerson,
    candidate: PersonRecord | PreparedPerson,
) -> MatchHit:
    """Compare a query with one candidate and explain the score per feature."""
    prepared_query = query if isinstance(query, PreparedPerson) else prepare(query)
    prepared = candidate if isinstance(candidate, PreparedPerson) else prepare(candidate)
    return to_hit(prepared.id, compare_prepared(prepared_query, prepared))
