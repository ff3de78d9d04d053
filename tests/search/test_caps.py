"""Engine 1.3.0: conflicting birth dates and shared names without a date stay below the threshold."""

import numpy as np
import pytest

from article3.search.dates import SAME_DATE, date_chance
from article3.search.index import PersonIndex, soft_namesakes
from article3.search.matching import (
    CAP_DATES,
    CAP_NAMESAKES,
    CAPPED,
    MATCH_THRESHOLD,
    compare,
    compare_prepared,
    prepare,
)
from article3.search.schemas import PersonQuery, PersonRecord

IGOR = PersonRecord(id="P", names=["Пестриков Игорь"], birth_date="1961-03-14", nationalities=["RU"], sex="M")


@pytest.mark.parametrize("other", ["1961-03-02", "1961-03-28", "1962-04-14", "1961-07-14"])
def test_conflicting_full_birth_date_caps_the_score(other: str) -> None:
    hit = compare(
        PersonQuery(names=["Igor Pestrikov"], birth_date=other, nationalities=["RU"], sex="M"), IGOR
    )
    assert hit.score <= CAPPED < MATCH_THRESHOLD
    assert hit.why["capped"] == CAP_DATES


@pytest.mark.parametrize(
    ("recorded", "queried"),
    [("1961-03-14", "1961-03-15"), ("1961-03-12", "1961-03-21"), ("1961-03-14", "1961-03-04"),
     ("1961-12-03", "1961-03-12"), ("1961-03-14", "1962-03-14")],
)  # fmt: skip
def test_typed_day_swap_and_year_off_are_recording_errors(recorded: str, queried: str) -> None:
    person = IGOR.model_copy(update={"birth_date": recorded})
    hit = compare(PersonQuery(names=["Igor Pestrikov"], birth_date=queried), person)
    assert hit.match
    assert hit.why["capped"] is None


def test_partial_dates_never_conflict() -> None:
    for partial in ("1961", "1961-03", None):
        assert compare(PersonQuery(names=["Igor Pestrikov"], birth_date=partial), IGOR).why["capped"] is None


def test_shared_name_without_date_is_capped_but_keeps_its_rank() -> None:
    twins = [PersonRecord(id=f"K-{n}", names=["김영수"], sex="M" if n else "F") for n in range(3)]
    index = PersonIndex.build([*twins, PersonRecord(id="Z", names=["Zbigniew Brzezinski"])])
    hits = index.search(PersonQuery(names=["Gim Yeongsu"], sex="M"), limit=3)
    assert [hit.match for hit in hits] == [False, False, False]
    assert {hit.why["capped"] for hit in hits} == {CAP_NAMESAKES}
    assert hits[-1].id == "K-0"  # the one of another sex is still ranked last
    assert hits[0].why["names"]["namesakes"] >= 3
    assert index.search(PersonQuery(names=["Zbigniew Brzezinski"]))[0].match  # a unique name alone alerts


def test_initial_shared_by_many_is_weak_evidence() -> None:
    crowd = [
        PersonRecord(id=f"S-{n}", names=[f"P{'aeiou'[n % 5]}{'nrstl'[n // 5]}an Saha"]) for n in range(25)
    ]
    index = PersonIndex.build(crowd)
    hits = index.search(PersonQuery(names=["P. Saha"]), limit=5)
    assert not any(hit.match for hit in hits)
    assert hits[0].why["names"]["namesakes"] >= 20


def test_date_rules_out_most_namesakes() -> None:
    query, person = (
        prepare(PersonQuery(names=["Wang Wei"], birth_date="1961-03-14")),
        prepare(PersonRecord(id="W", names=["王伟"], birth_date="1961-03-14")),
    )
    assert date_chance(SAME_DATE) < 0.001 and date_chance(None) == 1.0
    crowded = compare_prepared(query, person, namesakes=80.0)
    assert crowded.match and crowded.points[0] > 2.0  # 80 namesakes, but hardly any share the date
    undated = prepare(PersonQuery(names=["Wang Wei"]))
    assert compare_prepared(undated, person, namesakes=80.0).capped == CAP_NAMESAKES


def test_soft_namesakes_counts_better_ones_fully_and_worse_ones_a_little() -> None:
    levels = np.array([2.8, 2.8, 1.8, -1.0], np.float32)
    counts = soft_namesakes(levels, levels)
    assert counts[0] == pytest.approx(2 + np.exp(-1.0), abs=1e-5)
    assert counts[2] == pytest.approx(3.0, abs=1e-5)
    assert counts[3] == pytest.approx(4.0, abs=1e-5)


def test_namesakes_are_counted_among_the_persons_the_caller_may_see() -> None:
    hidden = [PersonRecord(id=f"H-{n}", names=["Ирина Соколова"], birth_date="1988-02-03") for n in range(4)]
    seen = PersonRecord(id="V", names=["Ирина Соколова"], birth_date="1988-02-03")
    query = PersonQuery(names=["Irina Sokolova"], birth_date="1988-02-03")
    crowded = PersonIndex.build([*hidden, seen])
    alone = PersonIndex.build([seen])
    [hit] = crowded.search(query, limit=1, accept=lambda person_id: person_id == "V")
    [only] = alone.search(query, limit=1)
    assert hit.why["names"]["namesakes"] == only.why["names"]["namesakes"] == 1.0
    assert hit.score == only.score
    # The system's full view still counts them all.
    assert crowded.search(query, limit=1)[0].why["names"]["namesakes"] >= 5
