"""The request document: the JSON a National Central Bureau submits to ask for a notice.

This module implements ``request-document.md`` exactly: field names and meanings must not change,
fields may only be added. It holds the *format* rules (types, required fields, the rules that tie
``kind``, ``purpose`` and ``recipients`` together). Whether a well-formed request meets the
minimum criteria for publication is decided in ``criteria.py``.

Every error raised here by our own validators is a ``PydanticCustomError`` whose type is a stable
``request.<code>``, so an API can report each offending path with a code clients can rely on.
Unknown fields are ignored and not stored.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    ValidationInfo,
    WithJsonSchema,
    field_validator,
    model_validator,
)
from pydantic_core import PydanticCustomError

SHORT_TEXT_MAX = 500
FACTS_MAX = 20_000

_COUNTRY = re.compile(r"[A-Z]{2}")
_PARTIAL_DATE = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")


def _error(code: str, message: str) -> PydanticCustomError:
    return PydanticCustomError(f"request.{code}", message)


def _check_country(value: str) -> str:
    if not _COUNTRY.fullmatch(value):
        raise _error("country_code", "must be an ISO 3166-1 alpha-2 code in upper case, e.g. 'FR'")
    return value


def _text_checker(max_length: int) -> AfterValidator:
    def check(value: str) -> str:
        value = value.strip()
        if not value:
            raise _error("blank", "must not be empty or only whitespace")
        if len(value) > max_length:
            raise _error("too_long", f"must be at most {max_length} characters")
        return value

    return AfterValidator(check)


def _check_not_negative(value: float) -> float:
    if value < 0:
        raise _error("negative", "must not be negative")
    return value


def _date_to_text(value: object) -> object:
    return value.isoformat() if isinstance(value, date) else value


def partial_date_parts(value: str) -> tuple[int, int | None, int | None]:
    """Split a partial date ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` into (year, month, day)."""
    match = _PARTIAL_DATE.fullmatch(value)
    if match is None:
        raise ValueError(f"not a partial date: {value!r}")
    year, month, day = match.groups()
    return int(year), int(month) if month else None, int(day) if day else None


def _check_partial_date(value: str) -> str:
    if _PARTIAL_DATE.fullmatch(value) is None:
        raise _error("partial_date_format", "must be YYYY, YYYY-MM or YYYY-MM-DD")
    year, month, day = partial_date_parts(value)
    try:
        date(year, month or 1, day or 1)
    except ValueError:
        raise _error("partial_date_invalid", "is not a real calendar date") from None
    return value


CountryCode = Annotated[
    str,
    AfterValidator(_check_country),
    WithJsonSchema(
        {
            "type": "string",
            "pattern": "^[A-Z]{2}$",
            "description": "ISO 3166-1 alpha-2 code of a member country",
        }
    ),
]
ShortText = Annotated[
    str,
    _text_checker(SHORT_TEXT_MAX),
    WithJsonSchema({"type": "string", "minLength": 1, "maxLength": SHORT_TEXT_MAX}),
]
FactsText = Annotated[
    str,
    _text_checker(FACTS_MAX),
    WithJsonSchema({"type": "string", "minLength": 1, "maxLength": FACTS_MAX}),
]
NonNegative = Annotated[
    float, AfterValidator(_check_not_negative), WithJsonSchema({"type": "number", "minimum": 0})
]
PartialDate = Annotated[
    str,
    BeforeValidator(_date_to_text),
    AfterValidator(_check_partial_date),
    WithJsonSchema(
        {
            "type": "string",
            "pattern": r"^\d{4}(-\d{2}(-\d{2})?)?$",
            "description": "a date that may be partial: YYYY, YYYY-MM or YYYY-MM-DD",
        }
    ),
]
StrictBool = Annotated[bool, Field(strict=True)]

Kind = Literal["red_notice", "diffusion"]
Purpose = Literal["arrest", "locate"]
WarrantKind = Literal["arrest_warrant", "judgment"]
ProceedingKind = Literal[
    "extradition_refused",
    "extradition_granted",
    "asylum_granted",
    "acquitted",
    "proceedings_transferred",
]


class _Part(BaseModel):
    """Base of every part of the document: immutable, unknown fields ignored and dropped."""

    model_config = ConfigDict(extra="ignore", frozen=True)


class Name(_Part):
    """One name of the subject: either 'full' alone, or parts ('given' and/or 'family')."""

    model_config = ConfigDict(
        json_schema_extra={
            "oneOf": [
                {"required": ["full"]},
                {"anyOf": [{"required": ["given"]}, {"required": ["family"]}]},
            ]
        }
    )

    full: ShortText | None = Field(None, description="The whole name as written, any script.")
    given: ShortText | None = Field(None, description="Given name(s).")
    family: ShortText | None = Field(None, description="Family name(s).")
    patronymic: ShortText | None = Field(None, description="Patronymic, where the culture has one.")

    @model_validator(mode="after")
    def _one_form(self) -> Name:
        has_parts = any((self.given, self.family, self.patronymic))
        if self.full is not None and has_parts:
            raise _error("name_mixed", "give either 'full' or name parts, not both")
        if self.full is None and not (self.given or self.family):
            raise _error("name_empty", "give 'full', or at least 'given' or 'family'")
        return self

    def as_full(self) -> str:
        """The name as one string; parts are joined as given, patronymic, family."""
        if self.full is not None:
            return self.full
        return " ".join(p for p in (self.given, self.patronymic, self.family) if p)


class IdentityDocument(_Part):
    """A passport, national identity card or similar document of the subject."""

    kind: ShortText = Field(description="Kind of document, e.g. 'passport', 'national_id'.")
    number: ShortText = Field(description="Document number as printed.")
    country: CountryCode = Field(description="Issuing country.")


class Subject(_Part):
    """The wanted person, as the requester identifies them."""

    names: list[Name] = Field(description="At least one name; any script.", json_schema_extra={"minItems": 1})
    sex: Literal["M", "F", "X"] | None = Field(None, description="M, F or X; absent if unknown.")
    birth_date: PartialDate | None = Field(None, title="Birth date")
    birth_place: ShortText | None = Field(None, description="Place of birth, free text.")
    nationalities: list[CountryCode] = Field(default_factory=list, description="Alpha-2 codes.")
    occupations: list[ShortText] = Field(
        default_factory=list, description="Occupations as the requester states them."
    )
    identity_documents: list[IdentityDocument] = Field(
        default_factory=list, description="Passports, national identity cards."
    )

    @field_validator("names")
    @classmethod
    def _at_least_one_name(cls, names: list[Name]) -> list[Name]:
        if not names:
            raise _error("names_missing", "give at least one name")
        return names

    def full_names(self) -> list[str]:
        """Each name of the subject as one string, in the order given."""
        return [name.as_full() for name in self.names]


class Offence(_Part):
    """One offence the person is sought for."""

    provision: ShortText = Field(description="The law and article, e.g. 'Criminal Code, art. 159 part 4'.")
    description: ShortText = Field(description="What the offence is, in words.")
    category: ShortText | None = Field(
        None, description="Category from the project's controlled vocabulary (lowercase slug)."
    )
    committed_on: date | None = Field(None, description="Date of the offence, or start of period.")
    place: ShortText | None = Field(None, description="Where the offence was committed.")


class Warrant(_Part):
    """The national arrest warrant or court judgment the request rests on."""

    kind: WarrantKind = Field(description="'arrest_warrant' or 'judgment'.")
    authority: ShortText = Field(description="The court or authority that issued it.")
    issued_on: date = Field(description="Date of issue.")
    reference: ShortText = Field(description="Number or reference of the warrant or judgment.")


class Penalty(_Part):
    """Either max_years (to prosecute) or sentence_years with remaining_months (to enforce)."""

    max_years: NonNegative | None = Field(
        None, description="Maximum penalty in years for the offence (to prosecute)."
    )
    sentence_years: NonNegative | None = Field(
        None, description="Sentence imposed, in years (to enforce a sentence)."
    )
    remaining_months: NonNegative | None = Field(
        None, description="Months of the sentence still to be served."
    )

    @model_validator(mode="after")
    def _one_form(self) -> Penalty:
        sentence = (self.sentence_years, self.remaining_months)
        if self.max_years is not None and any(v is not None for v in sentence):
            raise _error("penalty_mixed", "give max_years, or sentence_years and remaining_months, not both")
        if self.max_years is None and all(v is None for v in sentence):
            raise _error("penalty_empty", "give max_years, or sentence_years and remaining_months")
        if self.max_years is None and any(v is None for v in sentence):
            raise _error("penalty_incomplete", "sentence_years and remaining_months go together")
        if (
            self.sentence_years is not None
            and self.remaining_months is not None
            and (self.remaining_months > self.sentence_years * 12)
        ):
            raise _error(
                "penalty_remaining_exceeds_sentence",
                "remaining_months cannot exceed the sentence",
            )
        return self

    @property
    def is_sentence(self) -> bool:
        """True when the request is to enforce a sentence rather than to prosecute."""
        return self.max_years is None


class PriorProceeding(_Part):
    """What another country already decided about the person in this case."""

    country: CountryCode = Field(description="The country that decided.")
    kind: ProceedingKind = Field(description="What it decided.")
    on: date = Field(description="Date of the decision.")


def _when(field: str, value: str, then: dict[str, Any]) -> dict[str, Any]:
    return {"if": {"properties": {field: {"const": value}}, "required": [field]}, "then": then}


_CONDITIONS: list[Any] = [
    _when("kind", "red_notice", {"properties": {"purpose": {"const": "arrest"}}}),
    _when(
        "kind",
        "diffusion",
        {"required": ["recipients"], "properties": {"recipients": {"minItems": 1}}},
    ),
    _when(
        "purpose",
        "arrest",
        {
            "required": ["warrant", "penalty", "extradition_will_be_sought"],
            "properties": {
                "warrant": {"type": "object"},
                "penalty": {"type": "object"},
                "extradition_will_be_sought": {"type": "boolean"},
            },
        },
    ),
]


class RequestDocument(_Part):
    """A request for a red notice or a diffusion, as submitted by a National Central Bureau."""

    model_config = ConfigDict(title="Request document", json_schema_extra={"allOf": _CONDITIONS})

    kind: Kind = Field(
        description="A red notice goes to every member country; a diffusion only to recipients."
    )
    purpose: Purpose = Field(description="What the requester wants done; a red notice is arrest.")
    requesting_country: CountryCode = Field(description="Must equal the submitting bureau's country.")
    recipients: list[CountryCode] = Field(
        default_factory=list,
        validate_default=True,
        description="Diffusion only: at least one country, never the requester, no duplicates.",
        json_schema_extra={"uniqueItems": True},
    )
    subject: Subject = Field(description="The wanted person.")
    offences: list[Offence] = Field(description="At least one offence.", json_schema_extra={"minItems": 1})
    warrant: Warrant | None = Field(None, validate_default=True, description="Required for arrest.")
    penalty: Penalty | None = Field(None, validate_default=True, description="Required for arrest.")
    facts: FactsText = Field(description="Summary of facts: what the person did, when and where, their role.")
    extradition_will_be_sought: StrictBool | None = Field(
        None, validate_default=True, description="The requester's assurance; required for arrest."
    )
    conviction_in_absentia: StrictBool | None = Field(
        None, description="For a sentence: the person was tried without being present."
    )
    limitation_expires_on: date | None = Field(
        None, description="When prosecution or enforcement becomes time-barred."
    )
    prior_proceedings: list[PriorProceeding] = Field(
        default_factory=list, description="What other countries already decided in this case."
    )

    @field_validator("purpose")
    @classmethod
    def _red_notice_is_arrest(cls, purpose: str, info: ValidationInfo) -> str:
        if info.data.get("kind") == "red_notice" and purpose != "arrest":
            raise _error("red_notice_not_arrest", "a red notice is always for arrest")
        return purpose

    @field_validator("recipients")
    @classmethod
    def _recipients_fit_kind(cls, recipients: list[str], info: ValidationInfo) -> list[str]:
        kind = info.data.get("kind")
        if kind == "red_notice" and recipients:
            raise _error("recipients_not_allowed", "a red notice goes to every member; omit recipients")
        if kind == "diffusion" and not recipients:
            raise _error("recipients_missing", "a diffusion needs at least one recipient")
        if info.data.get("requesting_country") in recipients:
            raise _error("recipient_is_requester", "the requesting country cannot be a recipient")
        if len(set(recipients)) != len(recipients):
            raise _error("recipients_duplicate", "each recipient may appear only once")
        return recipients

    @field_validator("offences")
    @classmethod
    def _at_least_one_offence(cls, offences: list[Offence]) -> list[Offence]:
        if not offences:
            raise _error("offences_missing", "give at least one offence")
        return offences

    @field_validator("warrant", "penalty", "extradition_will_be_sought")
    @classmethod
    def _required_for_arrest(cls, value: Any, info: ValidationInfo) -> Any:
        if value is None and info.data.get("purpose") == "arrest":
            raise _error("required_for_arrest", "required when the purpose is arrest")
        return value
