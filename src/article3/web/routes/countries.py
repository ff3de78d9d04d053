"""The member countries page."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Request
from fastapi.responses import Response

from article3.accounts.permissions import Permission
from article3.actors import Actor
from article3.countries import service as countries
from article3.deps import SessionDep, allow_web
from article3.web.render import page

router = APIRouter()


@router.get("/countries")
def list_countries(
    request: Request, session: SessionDep, actor: Annotated[Actor, allow_web(Permission.COUNTRIES_READ)]
) -> Response:
    return page(request, "countries.html", countries=countries.list_countries(session))
