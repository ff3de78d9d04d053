"""Japanese names: kanji readings, kana, Hepburn long vowels and spacing, against passport Latin."""

import pytest

from article3.search.index import PersonIndex
from article3.search.matching import MATCH_THRESHOLD, compare
from article3.search.names import prepare_names
from article3.search.normalize import token_forms
from article3.search.schemas import PersonQuery, PersonRecord


def _name_score(query: str, record: list[str], nationalities: tuple[str, ...] = ("JP",)) -> float:
    hit = compare(PersonQuery(names=[query]), PersonRecord(id="p", names=record, nationalities=nationalities))
    score: float = hit.why["names"]["score"]
    return score


@pytest.mark.parametrize("kanji", ["山田 太郎", "山田太郎", "山田　太郎"])
@pytest.mark.parametrize(
    "latin", ["YAMADA TARO", "TARO YAMADA", "Yamada Tarō", "YAMADA TAROU", "YAMADA TAROH"]
)
def test_kanji_with_or_without_space_meets_hepburn(kanji: str, latin: str) -> None:
    assert _name_score(latin, [kanji]) == 1.0


@pytest.mark.parametrize("kana", ["やまだ たろう", "ヤマダ タロウ", "ヤマダ タロー", "ヤマダ　タロウ"])
def test_kana_meets_hepburn(kana: str) -> None:
    assert _name_score("YAMADA TARO", [kana], ()) == 1.0
    assert _name_score("YAMADA TAROH", [kana], ()) == 1.0


@pytest.mark.parametrize("kana", ["やまだ たろう", "ヤマダ タロウ"])
def test_kanji_meets_kana(kana: str) -> None:
    assert _name_score(kana, ["山田 太郎"]) == 1.0
    hit = compare(PersonQuery(names=["山田太郎"], nationalities=["JP"]), PersonRecord(id="p", names=[kana]))
    assert hit.why["names"]["score"] == 1.0


@pytest.mark.parametrize("latin", ["SATO YOSUKE", "SATOH YOSUKE", "SATOU YOUSUKE", "Satō Yōsuke"])
@pytest.mark.parametrize("record", [["佐藤 洋介"], ["サトウ ヨウスケ"], ["さとう ようすけ"]])
def test_long_vowels_in_every_spelling(latin: str, record: list[str]) -> None:
    assert _name_score(latin, record) == 1.0


@pytest.mark.parametrize("latin", ["ONO", "OHNO", "OONO", "Ōno"])
def test_double_o(latin: str) -> None:
    assert _name_score(f"{latin} YUICHI", ["大野 優一"]) == 1.0
    assert _name_score(f"{latin} YUICHI", ["オオノ ユウイチ"], ()) == 1.0


@pytest.mark.parametrize(("latin", "kana"), [("HOMMA", "ほんま"), ("HONMA", "ほんま"), ("NAMBA", "ナンバ")])
def test_syllabic_n_before_labials(latin: str, kana: str) -> None:
    assert _name_score(f"{latin} KEN", [f"{kana} けん"], ()) == 1.0


def test_japanese_match_alerts_with_a_birth_date() -> None:
    record = PersonRecord(id="p", names=["山田太郎"], nationalities=["JP"], birth_date="1980-04-01")
    query = PersonQuery(names=["TARO YAMADA"], birth_date="1980-04-01", nationalities=["JP"])
    assert compare(query, record).score >= MATCH_THRESHOLD


def test_kana_in_any_name_makes_the_kanji_japanese() -> None:
    record = PersonRecord(id="p", names=["山田 太郎", "ヤマダ タロウ"])
    assert compare(PersonQuery(names=["山田 太郎"]), record).why["names"]["score"] == 1.0
    prepared = prepare_names(record.names)
    assert any([part.text for part in name] == ["やまだ", "たろう"] for name in prepared)


def test_kanji_without_a_japanese_hint_keeps_its_chinese_reading_only() -> None:
    chinese = prepare_names(["山田 太郎"])
    assert all(part.script == "Hani" for name in chinese for part in name)
    assert _name_score("YAMADA TARO", ["山田 太郎"], ("CN",)) == 0.0
    assert _name_score("SHAN TIAN TAI LANG", ["山田 太郎"], ("CN",)) == 1.0


def test_japanese_reading_adds_to_the_chinese_one() -> None:
    assert _name_score("SHAN TIAN TAI LANG", ["山田 太郎"]) == 1.0
    assert _name_score("ZHANG WEI", ["张伟"]) == 1.0


def test_chinese_and_latin_forms_are_unchanged() -> None:
    assert token_forms("张").forms == ("zhang", "chang")
    assert token_forms("sato").forms == ("sato",)
    assert token_forms("satoh").forms == ("satoh",)


def test_index_finds_a_kanji_only_record_from_passport_latin() -> None:
    records = [
        PersonRecord(id="ja", names=["山田太郎"], nationalities=["JP"], birth_date="1980-04-01"),
        PersonRecord(id="cn", names=["山田太郎"], nationalities=["CN"], birth_date="1980-04-01"),
        PersonRecord(id="sato", names=["佐藤 洋介"], nationalities=["JP"]),
        PersonRecord(id="other", names=["YAMAMOTO JIRO"], nationalities=["JP"]),
    ]
    index = PersonIndex.build(records)
    hits = index.search(PersonQuery(names=["TARO YAMADA"], birth_date="1980-04-01"), limit=5)
    assert [hit.id for hit in hits if hit.match] == ["ja"]
    hits = index.search_many([PersonQuery(names=["SATOH YOSUKE"])], limit=5)[0]
    assert hits[0].id == "sato"
    assert hits[0].why["names"]["score"] == 1.0
