"""The request document: format rules, stable error codes and the published JSON Schema."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import ValidationError

from article3.notices.document import (
    FACTS_MAX,
    Name,
    RequestDocument,
    Subject,
    partial_date_parts,
)
from tests.notices.samples import OMIT, diffusion, fraud_offence, red_notice, warrant

SPEC_FIELDS = {
    "kind",
    "purpose",
    "requesting_country",
    "recipients",
    "subject",
    "offences",
    "warrant",
    "penalty",
    "facts",
    "extradition_will_be_sought",
    "conviction_in_absentia",
    "limitation_expires_on",
    "prior_proceedings",
}


def errors(data: dict[str, Any]) -> list[tuple[tuple[int | str, ...], str]]:
    with pytest.raises(ValidationError) as caught:
        RequestDocument.model_validate(data)
    return [(tuple(e["loc"]), e["type"]) for e in caught.value.errors()]


def subject(**overrides: Any) -> dict[str, Any]:
    return {"names": [{"full": "Jane Roe"}], **overrides}


def test_valid_red_notice() -> None:
    document = RequestDocument.model_validate(red_notice())

    assert document.kind == "red_notice"
    assert document.warrant is not None
    assert document.warrant.issued_on == date(2023, 4, 2)
    assert document.penalty is not None
    assert document.penalty.max_years == 30
    assert not document.penalty.is_sentence
    assert document.subject.full_names() == ["Marc Delorme", "Марк Делорм"]


def test_valid_diffusion() -> None:
    document = RequestDocument.model_validate(diffusion())

    assert document.recipients == ["PT", "FR"]
    assert document.offences[0].committed_on == date(2021, 1, 15)
    assert document.subject.birth_date == "1979-11"


def test_spec_example_locate_diffusion_needs_no_warrant_or_penalty() -> None:
    document = RequestDocument.model_validate(
        {
            "kind": "diffusion",
            "purpose": "locate",
            "requesting_country": "XA",
            "recipients": ["XB"],
            "subject": {
                "names": [{"full": "Jane Roe"}],
                "birth_date": "1980-02",
                "nationalities": ["XA"],
            },
            "offences": [
                {
                    "provision": "Penal Code art. 1",
                    "description": "fraud",
                    "committed_on": "2023-05-01",
                    "place": "Capital",
                }
            ],
            "facts": "Between May and June 2023 the subject obtained 2 million by deception",
            "extradition_will_be_sought": False,
        }
    )

    assert document.warrant is None
    assert document.penalty is None
    assert document.extradition_will_be_sought is False


def test_round_trip_through_json() -> None:
    document = RequestDocument.model_validate(red_notice())

    again = RequestDocument.model_validate_json(document.model_dump_json())

    assert again == document


def test_unknown_fields_are_ignored_and_not_stored() -> None:
    data = red_notice(note_to_reviewer="ignore the politics")
    data["subject"] = subject(favourite_colour="red")

    document = RequestDocument.model_validate(data)

    assert "note_to_reviewer" not in document.model_dump()
    assert "favourite_colour" not in document.subject.model_dump()


def test_text_is_stripped() -> None:
    document = RequestDocument.model_validate(red_notice(facts="  " + red_notice()["facts"] + "\n"))

    assert document.facts == red_notice()["facts"]


def test_sentence_penalty_is_accepted() -> None:
    data = red_notice(penalty={"sentence_years": 4, "remaining_months": 30})

    penalty = RequestDocument.model_validate(data).penalty

    assert penalty is not None
    assert penalty.is_sentence


@pytest.mark.parametrize(
    ("name", "full"),
    [
        ({"full": "Игорь Пестриков"}, "Игорь Пестриков"),
        ({"given": "Igor", "patronymic": "Ivanovich", "family": "Pestrikov"}, "Igor Ivanovich Pestrikov"),
        ({"family": "王"}, "王"),
        ({"given": "محمد", "family": "العلي"}, "محمد العلي"),
    ],
)
def test_each_name_as_one_string(name: dict[str, str], full: str) -> None:
    assert Name.model_validate(name).as_full() == full


@pytest.mark.parametrize("birth_date", ["1984", "1984-07", "1984-07-12", "2000-02-29"])
def test_partial_birth_dates(birth_date: str) -> None:
    assert Subject.model_validate(subject(birth_date=birth_date)).birth_date == birth_date


def test_birth_date_given_as_a_date_object() -> None:
    value = Subject.model_validate(subject(birth_date=date(1984, 7, 12))).birth_date

    assert value == "1984-07-12"


@given(st.dates(min_value=date(1000, 1, 1)), st.integers(min_value=1, max_value=3))
def test_any_real_date_is_a_valid_partial_date(day: date, parts: int) -> None:
    text = day.isoformat()[: {1: 4, 2: 7, 3: 10}[parts]]

    assert Subject.model_validate(subject(birth_date=text)).birth_date == text
    year, month, _ = partial_date_parts(text)
    assert year == day.year
    assert month == (day.month if parts > 1 else None)


STRUCTURAL_ERRORS = [
    (red_notice(purpose="locate"), ("purpose",), "request.red_notice_not_arrest"),
    (red_notice(recipients=["DE"]), ("recipients",), "request.recipients_not_allowed"),
    (diffusion(recipients=OMIT), ("recipients",), "request.recipients_missing"),
    (diffusion(recipients=[]), ("recipients",), "request.recipients_missing"),
    (diffusion(recipients=["PT", "ES"]), ("recipients",), "request.recipient_is_requester"),
    (diffusion(recipients=["PT", "PT"]), ("recipients",), "request.recipients_duplicate"),
    (diffusion(recipients=["pt"]), ("recipients", 0), "request.country_code"),
    (red_notice(requesting_country="fr"), ("requesting_country",), "request.country_code"),
    (red_notice(requesting_country="FRA"), ("requesting_country",), "request.country_code"),
    (
        red_notice(subject=subject(nationalities=["F1"])),
        ("subject", "nationalities", 0),
        "request.country_code",
    ),
    (red_notice(subject={"names": []}), ("subject", "names"), "request.names_missing"),
    (
        red_notice(subject={"names": [{"full": "A B", "given": "A"}]}),
        ("subject", "names", 0),
        "request.name_mixed",
    ),
    (red_notice(subject={"names": [{}]}), ("subject", "names", 0), "request.name_empty"),
    (
        red_notice(subject={"names": [{"patronymic": "Ivanovich"}]}),
        ("subject", "names", 0),
        "request.name_empty",
    ),
    (red_notice(subject={"names": [{"full": "   "}]}), ("subject", "names", 0, "full"), "request.blank"),
    (
        red_notice(subject=subject(birth_date="12/07/1984")),
        ("subject", "birth_date"),
        "request.partial_date_format",
    ),
    (
        red_notice(subject=subject(birth_date="1984-02-30")),
        ("subject", "birth_date"),
        "request.partial_date_invalid",
    ),
    (
        red_notice(subject=subject(birth_date="1984-13")),
        ("subject", "birth_date"),
        "request.partial_date_invalid",
    ),
    (red_notice(subject=subject(sex="male")), ("subject", "sex"), "literal_error"),
    (
        red_notice(
            subject=subject(identity_documents=[{"kind": "passport", "number": "1", "country": "France"}])
        ),
        ("subject", "identity_documents", 0, "country"),
        "request.country_code",
    ),
    (red_notice(offences=[]), ("offences",), "request.offences_missing"),
    (red_notice(offences=OMIT), ("offences",), "missing"),
    (red_notice(offences=[fraud_offence(provision=" ")]), ("offences", 0, "provision"), "request.blank"),
    (
        red_notice(offences=[fraud_offence(committed_on="2021-02-30")]),
        ("offences", 0, "committed_on"),
        "date_from_datetime_parsing",
    ),
    (red_notice(facts=""), ("facts",), "request.blank"),
    (red_notice(facts="x" * (FACTS_MAX + 1)), ("facts",), "request.too_long"),
    (red_notice(warrant=OMIT), ("warrant",), "request.required_for_arrest"),
    (red_notice(penalty=None), ("penalty",), "request.required_for_arrest"),
    (
        red_notice(extradition_will_be_sought=OMIT),
        ("extradition_will_be_sought",),
        "request.required_for_arrest",
    ),
    (red_notice(extradition_will_be_sought="yes"), ("extradition_will_be_sought",), "bool_type"),
    (red_notice(warrant=warrant(kind="summons")), ("warrant", "kind"), "literal_error"),
    (red_notice(warrant=warrant(reference="")), ("warrant", "reference"), "request.blank"),
    (red_notice(penalty={}), ("penalty",), "request.penalty_empty"),
    (red_notice(penalty={"max_years": 5, "sentence_years": 5}), ("penalty",), "request.penalty_mixed"),
    (red_notice(penalty={"sentence_years": 5}), ("penalty",), "request.penalty_incomplete"),
    (red_notice(penalty={"remaining_months": 5}), ("penalty",), "request.penalty_incomplete"),
    (
        red_notice(penalty={"sentence_years": 1, "remaining_months": 13}),
        ("penalty",),
        "request.penalty_remaining_exceeds_sentence",
    ),
    (red_notice(penalty={"max_years": -1}), ("penalty", "max_years"), "request.negative"),
    (
        red_notice(prior_proceedings=[{"country": "DE", "kind": "pardoned", "on": "2024-01-01"}]),
        ("prior_proceedings", 0, "kind"),
        "literal_error",
    ),
    (red_notice(kind="yellow_notice"), ("kind",), "literal_error"),
]


@pytest.mark.parametrize(("data", "loc", "code"), STRUCTURAL_ERRORS)
def test_structural_error_reports_path_and_code(
    data: dict[str, Any], loc: tuple[int | str, ...], code: str
) -> None:
    assert errors(data) == [(loc, code)]


def test_every_error_is_reported_at_once() -> None:
    data = diffusion(
        requesting_country="es",
        recipients=["PT", "PT"],
        warrant=OMIT,
        penalty={"max_years": -3},
        facts=" ",
    )

    assert errors(data) == [
        (("requesting_country",), "request.country_code"),
        (("recipients",), "request.recipients_duplicate"),
        (("warrant",), "request.required_for_arrest"),
        (("penalty", "max_years"), "request.negative"),
        (("facts",), "request.blank"),
    ]


def test_json_schema_has_the_spec_fields_titles_and_rules() -> None:
    schema = RequestDocument.model_json_schema()

    assert set(schema["properties"]) == SPEC_FIELDS
    assert schema["title"] == "Request document"
    assert set(schema["required"]) == {
        "kind",
        "purpose",
        "requesting_country",
        "subject",
        "offences",
        "facts",
    }
    assert all("description" in p for p in schema["properties"].values())
    arrest = next(c for c in schema["allOf"] if c["if"]["properties"] == {"purpose": {"const": "arrest"}})
    assert set(arrest["then"]["required"]) == {"warrant", "penalty", "extradition_will_be_sought"}
    assert schema["properties"]["requesting_country"]["pattern"] == "^[A-Z]{2}$"
    assert "oneOf" in schema["$defs"]["Name"]
    assert schema["$defs"]["PriorProceeding"]["properties"]["kind"]["enum"] == [
        "extradition_refused",
        "extradition_granted",
        "asylum_granted",
        "acquitted",
        "proceedings_transferred",
    ]
