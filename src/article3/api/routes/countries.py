"""Member countries and their bureaus."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter

from article3.accounts.permissions import Permission
from article3.actors import Actor
from article3.api.errors import ERROR_RESPONSES
from article3.countries import service as countries
from article3.countries.schemas import CountryRead
from article3.deps import SessionDep, allow

router = APIRouter(prefix="/countries", tags=["countries"], responses=ERROR_RESPONSES)


@router.get("", summary="List the member countries", response_model=list[CountryRead])
def list_countries(
    session: SessionDep, _actor: Annotated[Actor, allow(Permission.COUNTRIES_READ)]
) -> list[CountryRead]:
    return countries.list_countries(session)


@router.get("/{code}", summary="One member country and its bureau", response_model=CountryRead)
def get_country(
    code: str, session: SessionDep, _actor: Annotated[Actor, allow(Permission.COUNTRIES_READ)]
) -> CountryRead:
    return countries.get(session, code)
