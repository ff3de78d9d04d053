"""Wade-Giles and hyphenated given names, name-frequency evidence, `search_many`, the m-of-k scatter."""

import pytest

from article3.search import names
from article3.search import scatter as scatter_module
from article3.search.index import PersonIndex
from article3.search.matching import compare, compare_prepared, frequency_points, prepare
from article3.search.names import prepare_names, token_similarity
from article3.search.normalize import token_forms
from article3.search.romanize import han_wade_giles, wade_giles
from article3.search.schemas import PersonQuery, PersonRecord
from article3.search.vocab import Vocabulary


@pytest.mark.parametrize(
    ("pinyin", "expected"),
    [("zhang", "chang"), ("xiao", "hsiao"), ("xie", "hsieh"), ("zi", "tzu"), ("guo", "kuo"),
     ("qiang", "chiang"), ("rong", "jung"), ("bin", "pin"), ("he", "ho"), ("dong", "tung")],
)  # fmt: skip
def test_wade_giles_syllables(pinyin: str, expected: str) -> None:
    assert wade_giles(pinyin) == expected


def test_han_tokens_carry_a_wade_giles_form() -> None:
    assert han_wade_giles("小明") == "hsiaoming"
    assert "hsiaoming" in token_forms("小明").forms
    assert "chang" in token_forms("张").forms


def test_hyphenated_given_name_is_also_run_together() -> None:
    names = [[part.text for part in name] for name in prepare_names(["Chang Hsiao-ming"])]
    assert ["chang", "hsiao", "ming"] in names
    assert ["chang", "hsiaoming"] in names
    hit = compare(PersonQuery(names=["Chang Hsiao-ming"]), PersonRecord(id="Z", names=["张小明"]))
    assert hit.match
    assert hit.why["names"]["score"] == 1.0


def test_frequency_points_lower_only_positive_name_evidence() -> None:
    assert frequency_points(2.8, 1.0) == 2.8
    assert frequency_points(2.8, 0.01) == 2.8
    assert frequency_points(2.8, 10.0) == pytest.approx(2.8 - 2.302585, abs=1e-5)
    assert frequency_points(2.8, 1e6) == 0.0
    assert frequency_points(-3.0, 1e6) == -3.0


def test_common_name_without_birth_date_is_no_alert_in_a_crowd() -> None:
    crowd = [PersonRecord(id=f"W-{n}", names=["Wang Wei"], birth_date=f"{1940 + n}-01-01") for n in range(50)]
    lone = PersonRecord(id="L", names=["Zbigniew Brzezinski"])
    index = PersonIndex.build([*crowd, lone, PersonRecord(id="X", names=["Wang Wei"])])
    namesake = index.search(PersonQuery(names=["Wang Wei"], birth_date="2020-06-06"), limit=60)
    assert not any(hit.match for hit in namesake if hit.id == "X")  # 51 namesakes, no date on X
    assert index.search(PersonQuery(names=["Zbigniew Brzezinski"]))[0].match  # a rare name alone still alerts
    exact = index.search(PersonQuery(names=["Wang Wei"], birth_date="1961-01-01"))[0]
    assert exact.id == "W-21"
    assert exact.match  # a common name with the same full date still alerts
    assert exact.why["names"]["namesakes"] > 1


def test_compare_without_index_ignores_frequencies() -> None:
    query, person = prepare(PersonQuery(names=["Wang Wei"])), prepare(PersonRecord(id="A", names=["王伟"]))
    assert compare_prepared(query, person).score == compare(PersonQuery(names=["Wang Wei"]), person).score
    assert compare_prepared(query, person, namesakes=100.0).score < compare_prepared(query, person).score


def test_search_many_equals_search_one_by_one() -> None:
    gallery = [
        PersonRecord(id="G-1", names=["Пестриков Игорь"], birth_date="1961-03-14"),
        PersonRecord(id="G-2", names=["Петров Игорь"]),
        PersonRecord(id="G-3", names=["张小明"], birth_date="1980"),
    ]
    index = PersonIndex.build(gallery)
    queries = [
        PersonQuery(names=["Igor Pestrikov"]),
        PersonQuery(names=["Chang Hsiao-ming"]),
        PersonQuery(names=["Q"]),
    ]
    assert index.search_many(queries, limit=2) == [index.search(query, limit=2) for query in queries]
    assert index.search_many([]) == []


def test_common_part_is_checked_once_a_rarer_part_is_scattered(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(scatter_module, "FREE_SCATTER", 0)
    gallery = [PersonRecord(id=f"I-{n}", names=[f"Ivan X{n:03d}"]) for n in range(40)]
    gallery += [
        PersonRecord(id="T", names=["Ivan Pestrikov"]),
        PersonRecord(id="U", names=["Pestrikov Oleg"]),
    ]
    index = PersonIndex.build(gallery)
    hits = index.search(PersonQuery(names=["Ivan Pestrikov"]), limit=5)
    assert [hit.id for hit in hits[:2]] == ["T", "U"]  # Ivan X... share only the common part
    typo = index.search(PersonQuery(names=["Ivan Pestrkiov"]), limit=1)
    assert typo[0].id == "T"  # a typo's block counts as unsure, so the common part is scattered too


def test_vectorised_similarity_is_exact_for_whole_vocabulary() -> None:
    words = ["пестриков", "pestrikov", "igor", "игорь", "张", "chang", "hsiaoming", "小明", "al-hassan"]
    vocab = Vocabulary()
    for word in words:
        vocab.add(token_forms(word))
    for query in ("pestrikoff", "zhang", "hsiao", "ihor"):
        tids, sims = vocab.similar(token_forms(query))
        for tid, sim in zip(tids.tolist(), sims.tolist(), strict=True):
            assert sim == pytest.approx(token_similarity(token_forms(query), vocab.parts[tid]), abs=1e-5)


def test_seeded_part_similarities_give_the_unseeded_scores() -> None:
    gallery = [
        PersonRecord(id="G-1", names=["Пестриков Игорь Юрьевич"], birth_date="1961-03-14"),
        PersonRecord(id="G-2", names=["Петров Игорь"], birth_date="1961"),
        PersonRecord(id="G-3", names=["محمد الحسن"]),
        PersonRecord(id="G-4", names=["张小明"]),
    ]
    index = PersonIndex.build(gallery)
    byid = {record.id: prepare(record) for record in gallery}
    for text in ("Igor Pestrikoff", "Mohamed al-Hasan", "Hsiao-ming Chang", "I. Petrov"):
        query = PersonQuery(names=[text])
        names._similarities.clear()
        hits = index.scored(query, limit=4)
        names._similarities.clear()
        for person_id, found in hits:
            person = byid[person_id]
            assert found.score == compare_prepared(prepare(query), person, namesakes=found.namesakes).score
