import pytest

from article3.search.index import PersonIndex
from article3.search.matching import MATCH_THRESHOLD
from article3.search.schemas import PersonQuery, PersonRecord

GALLERY = [
    PersonRecord(id="G-1", names=["Пестриков Игорь Юрьевич"], birth_date="1961-03-14"),
    PersonRecord(id="G-2", names=["Петров Игорь"], birth_date="1961-03-14"),
    PersonRecord(id="G-3", names=["Пестриков Сергей"], birth_date="1970"),
    PersonRecord(id="G-4", names=["محمد الحسن"], nationalities=["SY"]),
    PersonRecord(id="G-5", names=["Γεώργιος Παπαδόπουλος"], birth_date="1980-01-02"),
    PersonRecord(id="G-6", names=["张秀英"], sex="F"),
]


@pytest.fixture
def index() -> PersonIndex:
    return PersonIndex.build(GALLERY)


def top(index: PersonIndex, name: str, **fields: object) -> str | None:
    hits = index.search(PersonQuery(names=[name], **fields))  # type: ignore[arg-type]
    return hits[0].id if hits and hits[0].match else None


def test_len_and_contains(index: PersonIndex) -> None:
    assert len(index) == 6
    assert "G-1" in index
    assert "G-9" not in index


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Igor Pestrikoff", "G-1"),
        ("Pestrykov Ihor", "G-1"),
        ("Mohammed Al-Hassan", "G-4"),
        ("Georgios Papadopoulos", "G-5"),
        ("Zhang Xiuying", "G-6"),
        ("Igor Pestrkov", "G-1"),  # typo: found through partial keys
    ],
)
def test_finds_the_right_person(index: PersonIndex, name: str, expected: str) -> None:
    assert top(index, name) == expected


def test_hits_are_sorted_and_limited(index: PersonIndex) -> None:
    hits = index.search(PersonQuery(names=["Igor Pestrikov"]), limit=2)
    assert len(hits) == 2
    assert hits[0].score >= hits[1].score
    assert hits[0].id == "G-1"


def test_remove_is_effective_for_the_next_query(index: PersonIndex) -> None:
    assert index.remove("G-1")
    assert not index.remove("G-1")
    assert "G-1" not in index
    assert len(index) == 5
    ids = [hit.id for hit in index.search(PersonQuery(names=["Igor Pestrikov"]))]
    assert "G-1" not in ids
    index.compact()
    assert len(index) == 5
    assert "G-1" not in [hit.id for hit in index.search(PersonQuery(names=["Igor Pestrikov"]))]


def test_add_again_replaces(index: PersonIndex) -> None:
    index.add(PersonRecord(id="G-1", names=["Иванов Пётр"]))
    assert len(index) == 6
    assert top(index, "Igor Pestrikov") is None
    assert top(index, "Pyotr Ivanov") == "G-1"


def test_accept_filter_applies_before_limit(index: PersonIndex) -> None:
    query = PersonQuery(names=["Igor Pestrikov"])
    hits = index.search(query, limit=1, accept=lambda person_id: person_id != "G-1")
    assert len(hits) == 1
    assert hits[0].id != "G-1"
    assert index.search(query, accept=lambda person_id: False) == []


def test_accept_filter_reaches_beyond_the_candidate_cap() -> None:
    gallery = [PersonRecord(id=f"A-{n}", names=["Ivan Petrov"]) for n in range(30)]
    gallery.append(PersonRecord(id="B-1", names=["Ivan Petrov"]))
    index = PersonIndex.build(gallery, candidates=5)
    hits = index.search(PersonQuery(names=["Ivan Petrov"]), accept=lambda i: i.startswith("B"))
    assert [hit.id for hit in hits] == ["B-1"]


def test_oversized_blocks_are_capped() -> None:
    gallery = [PersonRecord(id=f"C-{n}", names=[f"Ivan X{n:05d}"]) for n in range(50)]
    gallery.append(PersonRecord(id="T", names=["Ivan Pestrikov"]))
    index = PersonIndex.build(gallery, block_cap=10)
    assert top(index, "Ivan Pestrikov") == "T"
    # a query made only of the common part still returns something
    assert index.search(PersonQuery(names=["Ivan"]), limit=3)


def test_no_candidates_for_unknown_names(index: PersonIndex) -> None:
    assert index.search(PersonQuery(names=["Qwxz Vbnm"])) == []


def test_birth_date_breaks_ties(index: PersonIndex) -> None:
    index.add(PersonRecord(id="G-7", names=["Игорь Пестриков"], birth_date="1990-05-05"))
    hits = index.search(PersonQuery(names=["Igor Pestrikov"], birth_date="1990-05-05"))
    assert hits[0].id == "G-7"
    assert hits[0].score > MATCH_THRESHOLD
    assert hits[1].id == "G-1"
