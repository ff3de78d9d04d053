"""Intake minimum criteria: every rule failing and passing, and the excluded-offence catalogue."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from article3.notices import criteria
from article3.notices.criteria import RULES, CriterionFailure, evaluate, excluded_categories
from article3.notices.document import RequestDocument, Warrant
from article3.notices.excluded import (
    EXCLUDED_CATEGORIES,
    amounts,
    excluded_matches,
    load_catalogue,
    normalize,
)
from tests.notices.samples import OMIT, diffusion, fraud_offence, homicide_offence, red_notice

TODAY = date(2026, 11, 22)
NEUTRAL_FACTS = (
    "On 2 May 2022 in the port district of the capital the subject acted as described in the "
    "charge, according to a complaint lodged by a neighbour and two witness statements."
)


def parse(data: dict[str, Any]) -> RequestDocument:
    return RequestDocument.model_validate(data)


def codes(data: dict[str, Any] | RequestDocument) -> list[str]:
    document = data if isinstance(data, RequestDocument) else parse(data)
    return [failure.code for failure in evaluate(document, today=TODAY)]


def charged_with(description: str, *, country: str = "FR", **offence: Any) -> RequestDocument:
    """A red notice whose only offence is ``description`` and whose facts say nothing special."""
    item = homicide_offence(
        provision=offence.pop("provision", "Penal Code"),
        description=description,
        category=offence.pop("category", OMIT),
    )
    item = {k: v for k, v in item.items() if v is not OMIT}
    facts = offence.pop("facts", NEUTRAL_FACTS)
    return parse(red_notice(requesting_country=country, offences=[item], facts=facts))


def entries(document: RequestDocument) -> set[str | None]:
    return {m.entry_id for m in excluded_matches(document) if not m.excepted}


# --- the samples and the ruleset -------------------------------------------------------------


@pytest.mark.parametrize("sample", [red_notice, diffusion])
def test_samples_meet_every_criterion(sample: Any) -> None:
    assert codes(sample()) == []


def test_locate_diffusion_without_warrant_penalty_or_assurance_passes() -> None:
    data = diffusion(purpose="locate", warrant=OMIT, penalty=OMIT, extradition_will_be_sought=OMIT)

    assert codes(data) == []


def test_ruleset_is_named_and_versioned() -> None:
    assert criteria.RULESET == "intake-criteria"
    assert re.fullmatch(r"\d{4}\.\d+", criteria.RULESET_VERSION)
    names = [rule.name for rule in RULES]
    assert len(names) == len(set(names))
    assert [n for n in names if n.startswith("excluded_offence.")] == [
        f"excluded_offence.{c}" for c in EXCLUDED_CATEGORIES
    ]


def test_evaluate_returns_every_failure_with_stable_codes() -> None:
    data = red_notice(
        penalty={"max_years": 1},
        extradition_will_be_sought=False,
        facts="Committed a crime.",
        limitation_expires_on="2020-01-01",
        offences=[homicide_offence(description="Adultery", place=OMIT)],
    )

    failures = evaluate(parse(data), today=TODAY)

    assert [f.code for f in failures] == [
        "criteria.facts_too_short",
        "criteria.facts_boilerplate",
        "criteria.facts_time_place_missing",
        "criteria.penalty_below_threshold",
        "criteria.extradition_not_assured",
        "criteria.time_barred",
        "criteria.excluded_offence.behavioural_norm",
    ]
    assert all(re.fullmatch(r"criteria(\.[a-z_]+)+", f.code) for f in failures)
    assert all(isinstance(f, CriterionFailure) and f.message and f.rule for f in failures)


# --- warrant ---------------------------------------------------------------------------------


def test_warrant_missing_for_arrest() -> None:
    document = parse(red_notice()).model_copy(update={"warrant": None})

    [failure] = evaluate(document, today=TODAY)

    assert (failure.code, failure.rule, failure.field) == (
        "criteria.warrant_missing",
        "warrant_present",
        "warrant",
    )


@pytest.mark.parametrize("empty", ["authority", "reference"])
def test_warrant_incomplete(empty: str) -> None:
    document = parse(red_notice())
    assert document.warrant is not None
    hollow = Warrant.model_construct(**{**document.warrant.model_dump(), empty: "  "})

    failures = evaluate(document.model_copy(update={"warrant": hollow}), today=TODAY)

    assert [(f.code, f.field) for f in failures] == [("criteria.warrant_incomplete", f"warrant.{empty}")]


def test_warrant_issued_in_the_future() -> None:
    data = red_notice(warrant={**red_notice()["warrant"], "issued_on": "2026-11-23"})

    assert codes(data) == ["criteria.warrant_issued_in_future"]


def test_warrant_issued_today_is_fine() -> None:
    assert codes(red_notice(warrant={**red_notice()["warrant"], "issued_on": "2026-11-22"})) == []


def test_warrant_before_the_offence() -> None:
    data = red_notice(warrant={**red_notice()["warrant"], "issued_on": "2023-03-13"})

    assert codes(data) == ["criteria.warrant_before_offence"]


def test_offence_in_the_future() -> None:
    data = red_notice(
        offences=[homicide_offence(committed_on="2027-01-01")],
        warrant={**red_notice()["warrant"], "issued_on": "2026-01-01"},
    )

    assert "criteria.offence_in_future" in codes(data)


# --- facts -----------------------------------------------------------------------------------


def test_facts_too_short() -> None:
    assert "criteria.facts_too_short" in codes(red_notice(facts="Stabbed a man in Lyon, 2023."))


@pytest.mark.parametrize(
    "facts",
    [
        "The accused committed the crime provided for by article 221-1 of the criminal code "
        "(murder) at an unknown time in an unknown place under unknown circumstances.",
        "Murder murder murder murder murder murder murder murder murder murder murder murder.",
        "Находясь в неустановленном месте, в неустановленное время, при неустановленных "
        "обстоятельствах, совершил преступление, предусмотренное статьей 221-1 кодекса.",
    ],
)
def test_facts_boilerplate(facts: str) -> None:
    assert "criteria.facts_boilerplate" in codes(red_notice(facts=facts))


def test_facts_without_any_date_need_dated_and_placed_offences() -> None:
    facts = red_notice()["facts"].replace("2023", "last year")
    undated = red_notice(facts=facts, offences=[homicide_offence(place=OMIT)])

    failures = evaluate(parse(undated), today=TODAY)

    assert [(f.code, f.field) for f in failures] == [
        ("criteria.facts_time_place_missing", "offences.0.place")
    ]
    assert codes(red_notice(facts=facts)) == []


def test_a_year_in_the_facts_is_enough_time() -> None:
    data = red_notice(offences=[homicide_offence(place=OMIT, committed_on=OMIT)])

    assert codes(data) == []


def test_a_year_after_today_does_not_count() -> None:
    facts = red_notice()["facts"].replace("2023", "2031")
    data = red_notice(facts=facts, offences=[homicide_offence(place=OMIT)])

    assert "criteria.facts_time_place_missing" in codes(data)


# --- penalty ---------------------------------------------------------------------------------


@given(st.floats(min_value=0, max_value=100, allow_nan=False))
def test_prosecution_threshold_is_two_years(max_years: float) -> None:
    failed = "criteria.penalty_below_threshold" in codes(red_notice(penalty={"max_years": max_years}))

    assert failed == (max_years < 2)


@given(st.floats(min_value=0, max_value=600, allow_nan=False), st.floats(0.5, 50))
def test_enforcement_threshold_is_six_months_remaining(remaining: float, years: float) -> None:
    remaining = min(remaining, years * 12)
    data = red_notice(penalty={"sentence_years": years, "remaining_months": remaining})

    failed = "criteria.penalty_below_threshold" in codes(data)

    assert failed == (remaining < 6)


def test_penalty_failure_points_at_the_field() -> None:
    data = red_notice(penalty={"sentence_years": 3, "remaining_months": 2})

    [failure] = evaluate(parse(data), today=TODAY)

    assert failure.field == "penalty.remaining_months"


def test_penalty_missing_for_arrest() -> None:
    document = parse(red_notice()).model_copy(update={"penalty": None})

    assert codes(document) == ["criteria.penalty_missing"]


def test_penalty_of_a_locate_request_is_still_checked_when_given() -> None:
    data = diffusion(purpose="locate", penalty={"max_years": 1})

    assert codes(data) == ["criteria.penalty_below_threshold"]


# --- extradition, limitation -----------------------------------------------------------------


def test_extradition_must_be_assured_for_arrest() -> None:
    assert codes(red_notice(extradition_will_be_sought=False)) == ["criteria.extradition_not_assured"]
    assert codes(diffusion(purpose="locate", extradition_will_be_sought=False)) == []


@pytest.mark.parametrize(
    ("expires", "barred"), [("2026-11-21", True), ("2026-11-22", True), ("2026-11-23", False)]
)
def test_time_barred(expires: str, barred: bool) -> None:
    failed = "criteria.time_barred" in codes(red_notice(limitation_expires_on=expires))

    assert failed == barred


# --- excluded offences: the catalogue --------------------------------------------------------

EXAMPLES_BY_LANGUAGE = {
    "defamation": [
        "Criminal defamation of a businessman",
        "Diffamation publique envers un particulier",
        "Delito de calumnias",
        "Клевета в отношении судьи",
        "جريمة القذف والتشهير",
        "Kamu görevlisine hakaret",
    ],
    "adultery": [
        "Adultery",
        "Adultère",
        "Adulterio",
        "Прелюбодеяние",
        "جريمة الزنا",
        "Zina suçu",
    ],
    "blasphemy": [
        "Blasphemy against the prophet",
        "Blasphème",
        "Blasfemia",
        "Оскорбление религиозных чувств верующих",
        "ازدراء الأديان",
        "Halkın benimsediği dini değerleri aşağılama",
    ],
    "desertion": [
        "Desertion from the armed forces",
        "Désertion en temps de paix",
        "Deserción",
        "Дезертирство",
        "الفرار من الخدمة العسكرية",
        "Askerden firar",
    ],
    "treason": [
        "High treason",
        "Haute trahison",
        "Traición a la patria",
        "Государственная измена",
        "الخيانة العظمى",
        "Vatana ihanet",
    ],
    "insulting_head_of_state": [
        "Insulting the President",
        "Offense au chef de l'État",
        "Injurias al Rey",
        "Оскорбление Президента",
        "إهانة رئيس الدولة",
        "CUMHURBAŞKANINA HAKARET",
    ],
    "bounced_cheque": [
        "Issuing a bounced cheque",
        "Émission d'un chèque sans provision",
        "Libramiento de cheque sin fondos",
        "Выдача необеспеченного чека",
        "إصدار شيك بدون رصيد",
        "Karşılıksız çek keşide etmek",
    ],
    "alimony_child_support": [
        "Non-payment of child support",
        "Abandon de famille",
        "Impago de pensiones",
        "Злостное уклонение от уплаты алиментов",
        "عدم دفع النفقة",
        "Nafaka yükümlülüğünün ihlali",
    ],
    "tax_declaration_fine": [
        "Administrative fine for late tax declaration",
        "Amende administrative pour retard de déclaration",
        "Multa administrativa por infracción tributaria",
        "Административный штраф за непредставление налоговой декларации",
        "غرامة إدارية لعدم تقديم الإقرار الضريبي",
        "Beyanname verilmemesi nedeniyle idari para cezası",
    ],
}
LANGUAGES = ["en", "fr", "es", "ru", "ar", "tr"]


@pytest.mark.parametrize(
    ("entry", "language", "description"),
    [
        (entry, language, text)
        for entry, texts in EXAMPLES_BY_LANGUAGE.items()
        for language, text in zip(LANGUAGES, texts, strict=True)
    ],
)
def test_catalogue_matches_in_each_language(entry: str, language: str, description: str) -> None:
    assert entry in entries(charged_with(description))


@pytest.mark.parametrize(
    "description",
    [
        "Murder of a police officer",
        "Armed robbery of a bank in the car park of a shopping centre",
        "Importing 40 kg of cocaine (drug trafficking)",
        "Rape of a minor",
        "Racially motivated assault causing grievous bodily harm",
        "Tax fraud: VAT carousel with false invoices",
        "Causing death by dangerous driving",
        "Escroquerie en bande organisée",
        "Assassinat",
        "Homicidio doloso",
        "Estafa agravada",
        "Убийство",
        "Мошенничество в особо крупном размере",
        "Незаконный сбыт наркотических средств",
        "القتل العمد",
        "الاحتيال على المستثمرين",
        "Kasten öldürme",
        "Nitelikli dolandırıcılık",
    ],
)
def test_ordinary_crimes_are_not_excluded(description: str) -> None:
    assert excluded_categories(charged_with(description, country="RU")) == []


def test_declared_category_is_matched() -> None:
    assert excluded_categories(charged_with("Offence", category="defamation")) == [
        "behavioural_cultural_norms"
    ]
    assert excluded_categories(charged_with("Offence", category="political")) == ["political"]
    assert excluded_categories(charged_with("Offence", category="private_dispute")) == ["private_disputes"]


def test_article_numbers_match_for_the_requesting_country_only() -> None:
    provision = "Уголовный кодекс РФ, ст. 275"

    assert entries(charged_with("Преступление", country="RU", provision=provision)) == {"treason"}
    assert entries(charged_with("Преступление", country="FR", provision=provision)) == set()
    fraud = "Criminal Code of the Russian Federation, art. 159 part 4"
    assert entries(charged_with("Large-scale fraud", country="RU", provision=fraud)) == set()


def test_excluded_offence_failure_names_the_category_code_and_offence() -> None:
    data = red_notice(offences=[homicide_offence(), fraud_offence(description="Breach of contract")])

    [failure] = evaluate(parse(data), today=TODAY)

    assert failure.code == "criteria.excluded_offence.private_dispute"
    assert failure.rule == "excluded_offence.private_disputes"
    assert failure.field == "offences.1"


def test_several_categories_fail_separately() -> None:
    document = charged_with("Desertion and blasphemy")

    assert codes(document) == [
        "criteria.excluded_offence.military",
        "criteria.excluded_offence.religious",
    ]


@pytest.mark.parametrize(
    ("description", "facts"),
    [
        ("Trafficking in human beings for forced prostitution", NEUTRAL_FACTS),
        ("Production of pornography involving children", NEUTRAL_FACTS),
        ("Defamation", NEUTRAL_FACTS + " He led an organised crime group extorting shopkeepers."),
        ("Industrial espionage: theft of trade secrets", NEUTRAL_FACTS),
        ("Speeding offence causing death of a pedestrian", NEUTRAL_FACTS),
        ("Breach of contract by fraud", NEUTRAL_FACTS),
    ],
)
def test_catalogue_exceptions_lift_the_exclusion(description: str, facts: str) -> None:
    document = charged_with(description, facts=facts)

    assert any(m.excepted for m in excluded_matches(document))
    assert excluded_categories(document) == []


@pytest.mark.parametrize(
    ("facts", "excluded"),
    [
        (NEUTRAL_FACTS + " The cheque was for USD 5,000.", True),
        (NEUTRAL_FACTS + " The cheque was for USD 25,000.", False),
        (NEUTRAL_FACTS + " The cheque was for $10,000.", False),
        (NEUTRAL_FACTS + " Le chèque était de 12.000 €.", False),
        (NEUTRAL_FACTS + " The cheque was for 2 000 000 roubles.", True),
        (NEUTRAL_FACTS + " He issued 14 cheques to the same supplier.", False),
        (NEUTRAL_FACTS + " Неоднократно выдавал чеки.", False),
    ],
)
def test_bounced_cheque_threshold(facts: str, excluded: bool) -> None:
    document = charged_with("Issuing a bounced cheque", facts=facts)

    assert ("private_disputes" in excluded_categories(document)) == excluded


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("USD 12,500", [("USD", 12500.0)]),
        ("9.999,50 €", [("EUR", 9999.5)]),
        ("2 million dollars", [("USD", 2_000_000.0)]),
        ("£ 10 000", [("GBP", 10000.0)]),
        ("C$ 50,000", []),
        ("50,000 roubles", []),
    ],
)
def test_amounts(text: str, found: list[tuple[str, float]]) -> None:
    assert amounts(text) == found


def test_catalogue_file_is_versioned_sourced_and_complete() -> None:
    catalogue = load_catalogue()

    assert re.fullmatch(r"\d{4}\.\d+", catalogue.version)
    assert catalogue.sources and all(s.startswith(("http://", "https://")) for s in catalogue.sources)
    assert tuple(catalogue.codes) == EXCLUDED_CATEGORIES
    assert all(re.fullmatch(r"criteria\.excluded_offence\.[a-z_]+", c) for c in catalogue.codes.values())
    ids = [entry.id for entry in catalogue.entries]
    assert len(ids) == len(set(ids))
    assert {entry.category for entry in catalogue.entries} == set(EXCLUDED_CATEGORIES)
    assert all(set(entry.exceptions) <= set(catalogue.markers) for entry in catalogue.entries)


@pytest.mark.parametrize(
    ("raw", "normal"),
    [
        ("CUMHURBAŞKANINA hakaret", "cumhurbaskanina hakaret"),
        ("İstanbul'da", "istanbul da"),
        ("Diffamation — publique!", "diffamation publique"),
        ("إهانة رئيس الدولة", "اهانه رييس الدوله"),
        ("Ёлка, Йошкар-Ола", "елка иошкар ола"),
    ],
)
def test_normalize(raw: str, normal: str) -> None:
    assert normalize(raw) == normal


@given(st.text())
def test_normalize_is_idempotent(text: str) -> None:
    assert normalize(normalize(text)) == normalize(text)
