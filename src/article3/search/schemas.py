"""Pydantic models of the persons that are searched and the hits a search returns."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from article3.search.normalize import parse_birth_date

Sex = Literal["M", "F", "X"]


class PersonQuery(BaseModel):
    """Who is being looked for: full names in any script, and what else is known."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    names: list[str] = Field(min_length=1)
    birth_date: str | None = None
    nationalities: list[str] = Field(default_factory=list)
    sex: Sex | None = None

    @field_validator("names")
    @classmethod
    def _names_not_blank(cls, names: list[str]) -> list[str]:
        cleaned = [name.strip() for name in names]
        if not all(cleaned):
            raise ValueError("names must not be blank")
        return cleaned

    @field_validator("birth_date")
    @classmethod
    def _birth_date_format(cls, value: str | None) -> str | None:
        if value is None or not value.strip():
            return None
        parse_birth_date(value)
        return value.strip()

    @field_validator("nationalities")
    @classmethod
    def _alpha_2(cls, codes: list[str]) -> list[str]:
        upper = [code.strip().upper() for code in codes]
        if not all(len(code) == 2 and code.isascii() and code.isalpha() for code in upper):
            raise ValueError("nationalities must be ISO 3166-1 alpha-2 codes")
        return upper


class PersonRecord(PersonQuery):
    """A person held in a gallery (a notice subject, a manifest line), with its id."""

    id: str = Field(min_length=1)


class MatchHit(BaseModel):
    """One candidate found for a query: its id, score in 0..1, decision and explanation."""

    model_config = ConfigDict(frozen=True)

    id: str
    score: float = Field(ge=0.0, le=1.0)
    match: bool
    why: dict[str, Any]
