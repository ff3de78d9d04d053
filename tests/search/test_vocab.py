import pytest

from article3.search.index import PersonIndex
from article3.search.names import token_similarity
from article3.search.normalize import token_forms
from article3.search.schemas import PersonQuery, PersonRecord
from article3.search.vocab import Vocabulary

WORDS = [
    "пестриков", "петров", "pestrikov", "pestrykov", "igor", "игорь", "ihor", "الحسن", "hassan", "王", "wang",
]  # fmt: skip


@pytest.mark.parametrize("query", ["pestrikoff", "pestrkov", "igor", "hasan", "wang", "petrow"])
def test_vectorised_similarity_equals_token_similarity(query: str) -> None:
    vocab = Vocabulary()
    for word in WORDS:
        vocab.add(token_forms(word))
    tids, sims = vocab.similar(token_forms(query))
    assert list(sims) == sorted(sims)
    for tid, sim in zip(tids.tolist(), sims.tolist(), strict=True):
        expected = token_similarity(token_forms(query), vocab.parts[tid])
        assert sim == pytest.approx(expected, abs=1e-5)


def test_namesakes_are_ranked_by_birth_date() -> None:
    gallery = [
        PersonRecord(id=f"N-{n:02d}", names=["Wang Wei"], birth_date=f"{1950 + n}-{n % 12 + 1:02d}-05")
        for n in range(40)
    ]
    index = PersonIndex.build(gallery, candidates=5)
    hits = index.search(PersonQuery(names=["王伟"], birth_date="1977-04-05"), limit=3)
    assert hits[0].id == "N-27"
    assert hits[0].match
    assert not hits[1].match  # namesakes born in other months and years are no alert


def test_query_initial_prefers_the_matching_given_name() -> None:
    givens = "ABCDEFGHJK" * 3
    gallery = [PersonRecord(id=f"S-{n:02d}", names=[f"{given} Smith"]) for n, given in enumerate(givens)]
    gallery.append(PersonRecord(id="T", names=["Igor Smith"]))
    index = PersonIndex.build(gallery, candidates=3)
    assert index.search(PersonQuery(names=["I. Smith"]), limit=1)[0].id == "T"


def test_common_part_is_checked_not_scattered() -> None:
    gallery = [PersonRecord(id=f"C-{n}", names=[f"Ivan Petrov{n:03d}"]) for n in range(60)]
    gallery.append(PersonRecord(id="T", names=["Ivan Pestrikov"]))
    gallery.append(PersonRecord(id="U", names=["Oleg Pestrikov"]))
    index = PersonIndex.build(gallery, block_cap=10)
    hits = index.search(PersonQuery(names=["Ivan Pestrikov"]), limit=2)
    assert [hit.id for hit in hits] == ["T", "U"]
