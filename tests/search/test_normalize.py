import pytest
from hypothesis import given
from hypothesis import strategies as st

from article3.search.normalize import (
    BirthDate,
    glued_variant,
    parse_birth_date,
    script_of,
    skeleton,
    token_forms,
    tokens,
)
from article3.search.romanize import cyrillic_forms


@pytest.mark.parametrize(
    ("text", "script"),
    [
        ("Пестриков", "Cyrl"),
        ("Παπαδόπουλος", "Grek"),
        ("محمد", "Arab"),
        ("حسینی", "Arab"),
        ("כהן", "Hebr"),
        ("Պետրոսյան", "Armn"),
        ("ბერიძე", "Geor"),
        ("शर्मा", "Deva"),
        ("পোদ্দার", "Beng"),
        ("ராஜா", "Taml"),
        ("สมชาย", "Thai"),
        ("王伟", "Hani"),
        ("たなか", "Hira"),
        ("タロウ", "Kana"),
        ("김민준", "Hang"),
        ("Müller", "Latn"),
        ("123", "Zyyy"),
    ],
)
def test_script_of(text: str, script: str) -> None:
    assert script_of(text) == script


@pytest.mark.parametrize(
    ("token", "expected"),
    [
        ("пестриков", "pestrikov"),
        ("παπαδόπουλος", "papadopoulos"),
        ("محمد", "mhmd"),
        ("כהן", "khn"),
        ("պետրոսյան", "petrosyan"),
        ("ბერიძე", "beridze"),
        ("शर्मा", "sarma"),
        ("สมชาย", "smchay"),
        ("张", "zhang"),
        ("秀英", "xiuying"),
        ("たなか", "tanaka"),
        ("김", "kim"),
        ("müller", "muller"),
        ("çelik", "celik"),
    ],
)
def test_every_script_has_a_latin_form(token: str, expected: str) -> None:
    assert expected in token_forms(token).forms


def test_cyrillic_has_every_official_romanisation() -> None:
    forms = cyrillic_forms("пестриков")
    for spelling in ("pestrikov", "pestrikow", "pestrikoff", "pestrykov"):
        assert spelling in forms
    assert "sacharow" in cyrillic_forms("захаров")  # German
    assert "joukov" in cyrillic_forms("жуков")  # French
    assert "zhukov" in cyrillic_forms("жуков")  # ICAO / BGN
    assert "hrusev" in cyrillic_forms("хрущёв")  # ISO 9, folded to ASCII


def test_skeleton_folds_romanisation_differences() -> None:
    keys = {skeleton(form) for form in ("pestrikov", "pestrikow", "pestrikoff", "pestrykov")}
    assert keys == {"bstrkv"}
    assert skeleton("mohammed") == skeleton("muhammad") == skeleton("mhmd")
    assert skeleton("yuriy") == skeleton("iurii") == skeleton("juri")
    assert skeleton("ivanov") != skeleton("petrov")


def test_tokens_fold_case_split_hyphens_and_drop_honorifics() -> None:
    assert tokens("Mr. John AL-HASSAN") == ["john", "al", "hassan"]
    assert tokens("O'Brien") == ["obrien"]
    assert tokens("Г-н Ерсен Бодуров") == ["ерсен", "бодуров"]
    assert tokens("राहुल शर्मा") == ["राहुल", "शर्मा"]  # combining marks stay in the word


def test_family_name_split_for_hangul_and_han() -> None:
    assert tokens("김민준") == ["김", "민준"]
    assert tokens("张秀英") == ["张", "秀英"]


def test_glued_variant() -> None:
    assert glued_variant(["ludwig", "van", "der", "berg"]) == ["ludwig", "vanderberg"]
    assert glued_variant(["ivan", "petrov"]) is None


def test_initial_and_particle_flags() -> None:
    assert token_forms("i").initial
    assert token_forms("bin").particle
    assert not token_forms("petrov").particle


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1961", BirthDate(1961)),
        ("1961-03", BirthDate(1961, 3)),
        ("1961-03-14", BirthDate(1961, 3, 14)),
        ("2000-02-29", BirthDate(2000, 2, 29)),
        (None, None),
        ("", None),
    ],
)
def test_parse_birth_date(text: str | None, expected: BirthDate | None) -> None:
    assert parse_birth_date(text) == expected


@pytest.mark.parametrize("text", ["61", "1961-13", "1961-02-30", "1900-02-29", "14.03.1961", "1700"])
def test_parse_birth_date_rejects(text: str) -> None:
    with pytest.raises(ValueError, match="birth"):
        parse_birth_date(text)


@given(st.text(max_size=40))
def test_tokens_never_fail_and_forms_are_ascii(text: str) -> None:
    for token in tokens(text):
        assert token
        forms = token_forms(token).forms
        assert forms
        assert all(form.isascii() or form == token for form in forms)
