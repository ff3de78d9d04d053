from typing import Any

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from article3.search.dates import date_points, date_points_array, date_similarity
from article3.search.matching import (
    ALGORITHM,
    ALGORITHM_VERSION,
    MATCH_THRESHOLD,
    compare,
    prepare,
)
from article3.search.normalize import BirthDate
from article3.search.schemas import PersonQuery, PersonRecord

PESTRIKOV = PersonRecord(
    id="G-1",
    names=["Пестриков Игорь Юрьевич"],
    birth_date="1961-03-14",
    nationalities=["RU"],
    sex="M",
)


def score(names: list[str], candidate: PersonRecord = PESTRIKOV, **fields: object) -> float:
    return compare(PersonQuery(names=names, **fields), candidate).score  # type: ignore[arg-type]


def test_algorithm_is_named_and_versioned() -> None:
    assert ALGORITHM == "article3-person"
    assert ALGORITHM_VERSION.count(".") == 2
    assert 0.5 < MATCH_THRESHOLD < 0.9


@pytest.mark.parametrize(
    "surname", ["Pestrikov", "Pestrikow", "Pestrikoff", "Pestrykov", "PESTRIKOV", "pestrikov"]
)
def test_every_romanisation_matches_cyrillic(surname: str) -> None:
    hit = compare(PersonQuery(names=[f"Igor {surname}"]), PESTRIKOV)
    assert hit.match
    assert hit.why["names"]["score"] > 0.9


@pytest.mark.parametrize(
    "name",
    [
        "Pestrikov Igor",  # family name first
        "Igor Yurievich Pestrikov",  # with patronymic
        "PESTRIKOV, Igor",
        "Ihor Pestrykov",  # Ukrainian spelling
        "I. Pestrikov",  # initial
        "Igor Pestriokv",  # typo
    ],
)
def test_variants_match(name: str) -> None:
    assert score([name]) >= MATCH_THRESHOLD


@pytest.mark.parametrize(
    ("names", "candidate_names"),
    [
        (["Mohammed Al-Hassan"], ["محمد الحسن"]),
        (["Muhammad bin Ali Hassan"], ["محمد علي حسن"]),
        (["Georgios Papadopoulos"], ["Γεώργιος Παπαδόπουλος"]),
        (["Aram Petrosyan"], ["Արամ Պետրոսյան"]),
        (["Giorgi Beridze"], ["გიორგი ბერიძე"]),
        (["David Cohen"], ["דוד כהן"]),
        (["Rahul Sharma"], ["राहुल शर्मा"]),
        (["Somchai Smchay"], ["สมชาย สมชาย"]),
        (["Wang Wei"], ["王伟"]),
        (["Wei Wang"], ["王伟"]),
        (["Zhang Xiuying"], ["张秀英"]),
        (["Tanaka Taro"], ["田中 太郎", "タナカ タロウ"]),
        (["Kim Minjun"], ["김민준"]),
        (["Lee Seoyeon"], ["이서연"]),
        (["Jurgen Muller"], ["Jürgen Müller"]),
        (["Ludwig Vanderberg"], ["Ludwig van der Berg"]),
        (["Ludwig Berg"], ["Ludwig van der Berg"]),
        (["Hassan Alrashid"], ["Hassan al-Rashid"]),
        (["Mehmet Celik"], ["Mehmet Çelik"]),
    ],
)
def test_cross_script_and_particles(names: list[str], candidate_names: list[str]) -> None:
    candidate = PersonRecord(id="X", names=candidate_names)
    assert compare(PersonQuery(names=names), candidate).match


@pytest.mark.parametrize(
    "names",
    [
        ["Sergei Pestrikov"],  # same family name, other person
        ["Igor Petrov"],
        ["Ivan Ivanov"],
        ["Pestrikova Anna"],
    ],
)
def test_different_people_stay_below_threshold(names: list[str]) -> None:
    assert score(names, birth_date="1961-03-14", nationalities=["RU"]) < MATCH_THRESHOLD


def test_same_name_contradicting_birth_date_is_not_a_match() -> None:
    assert score(["Igor Pestrikov"], birth_date="1985-07-01") < MATCH_THRESHOLD


def test_birth_date_grades_are_ordered() -> None:
    dates = ["1961-03-14", "1961-03", "1961-14-03", "1961", "1962-03-14", "1963", "1975"]
    scores = []
    for date in dates:
        query = PersonQuery(names=["Igor Pestrikov"])
        query = query.model_copy(update={"birth_date": date if date != "1961-14-03" else None})
        scores.append(compare(query, PESTRIKOV).score)
    assert date_similarity(BirthDate(1961, 3, 4), BirthDate(1961, 4, 3)) == (
        0.8,
        "day and month swapped",
    )
    assert scores[0] > scores[1] > scores[4] > scores[5] > scores[6]


def test_date_similarity_scale() -> None:
    full = BirthDate(1961, 3, 14)
    assert date_similarity(full, full)[0] == 1.0
    assert date_similarity(full, None)[0] is None
    assert date_similarity(full, BirthDate(1961))[0] == 0.75
    assert date_similarity(full, BirthDate(1962, 3, 14))[0] == 0.65
    assert date_similarity(full, BirthDate(1963))[0] == 0.15
    assert date_similarity(full, BirthDate(1990))[0] == 0.0


@pytest.mark.parametrize("other", ["1961-07-02", "1962-08-14", "1963-03-14", "1958-03-14"])
def test_namesake_with_another_full_birth_date_is_no_alert(other: str) -> None:
    namesake = PESTRIKOV.model_copy(update={"birth_date": other})
    query = {"birth_date": "1961-03-14", "nationalities": ["RU"], "sex": "M"}
    assert score(["Пестриков Игорь Юрьевич"], namesake, **query) < MATCH_THRESHOLD


@pytest.mark.parametrize("error", ["1962-03-14", "1961-14-03", "1961-03-15", "1961-03", "1961"])
def test_recording_errors_in_the_date_still_alert(error: str) -> None:
    truth = PESTRIKOV.model_copy(
        update={"birth_date": "1961-03-14" if error != "1961-14-03" else "1961-12-03"}
    )
    query = {"birth_date": error if error != "1961-14-03" else "1961-03-12"}
    assert score(["Igor Pestrikov"], truth, **query) >= MATCH_THRESHOLD


_DATES = st.one_of(
    st.none(),
    st.builds(BirthDate, st.integers(1950, 1960)),
    st.builds(BirthDate, st.integers(1950, 1960), st.integers(1, 12)),
    st.builds(BirthDate, st.integers(1950, 1960), st.integers(1, 12), st.integers(1, 28)),
)


@given(_DATES, st.lists(_DATES, min_size=1, max_size=20))
def test_date_points_array_agrees_with_the_scalar_table(
    query: BirthDate | None, dates: list[BirthDate | None]
) -> None:
    def column(field: str) -> "np.ndarray[Any, np.dtype[np.int16]]":
        return np.array([(getattr(d, field) or 0) if d else 0 for d in dates], np.int16)

    expected = [date_points(date_similarity(query, d)[0]) for d in dates]
    got = date_points_array(query, column("year"), column("month"), column("day"))
    assert np.allclose(got, expected, atol=1e-5)


def test_nationality_and_sex_are_soft_evidence() -> None:
    base = score(["Igor Pestrikov"])
    assert score(["Igor Pestrikov"], nationalities=["RU"]) > base
    assert score(["Igor Pestrikov"], nationalities=["FR"]) < base
    assert score(["Igor Pestrikov"], sex="F") < base
    assert score(["Igor Pestrikov"], nationalities=["FR"]) >= MATCH_THRESHOLD


def test_why_explains_every_feature() -> None:
    hit = compare(PersonQuery(names=["Igor Pestrikov"], birth_date="1961"), PESTRIKOV)
    assert set(hit.why) >= {"names", "birth_date", "nationality", "sex"}
    assert hit.why["birth_date"]["score"] == 0.75
    assert "Pestrikov" not in str(hit.why)  # explanations never carry names
    assert hit.id == "G-1"


def test_name_only_match_does_not_saturate() -> None:
    name_only = score(["Igor Pestrikov"])
    full = score(["Igor Pestrikov"], birth_date="1961-03-14", nationalities=["RU"], sex="M")
    assert name_only < 0.97 < full


@given(
    st.text(min_size=1, max_size=30).filter(str.strip),
    st.text(min_size=1, max_size=30).filter(str.strip),
)
def test_scores_are_bounded(left: str, right: str) -> None:
    hit = compare(PersonQuery(names=[left]), PersonRecord(id="x", names=[right]))
    assert 0.0 <= hit.score <= 1.0
    assert hit.match == (hit.score >= MATCH_THRESHOLD)


@given(st.lists(st.sampled_from(["igor", "yurievich", "pestrikov"]), min_size=2, max_size=3, unique=True))
def test_order_of_parts_does_not_matter(parts: list[str]) -> None:
    forward = score([" ".join(parts)])
    backward = score([" ".join(reversed(parts))])
    assert forward == backward


def test_prepare_keeps_id() -> None:
    assert prepare(PESTRIKOV).id == "G-1"
