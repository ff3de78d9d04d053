"""The border check: one person, any script, the hits this country may see, each explained."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import Response
from pydantic import ValidationError

from article3.accounts.permissions import Permission
from article3.actors import Actor
from article3.db.session import transaction
from article3.deps import ClockDep, SearchDep, SessionDep, allow_web
from article3.errors import InvalidInput
from article3.search import service as search
from article3.search.schemas import PersonQuery
from article3.web.csrf import check_csrf
from article3.web.render import page

router = APIRouter()
Searcher = Annotated[Actor, allow_web(Permission.SEARCH_PERSONS)]
TEMPLATE = "search/search.html"


@router.get("/search")
def search_form(request: Request, actor: Searcher) -> Response:
    return page(request, TEMPLATE, form={}, hits=None, errors=[], info=search.ENGINE_INFO)


def _split(text: str) -> list[str]:
    return [part.strip().upper() for part in text.replace(";", ",").split(",") if part.strip()]


# A POST, not a GET: names must never land in URLs or access logs.
@router.post("/search")
def search_person(
    request: Request,
    session: SessionDep,
    clock: ClockDep,
    engine: SearchDep,
    actor: Searcher,
    csrf: Annotated[str, Form()],
    names: Annotated[str, Form()] = "",
    birth_date: Annotated[str, Form()] = "",
    nationalities: Annotated[str, Form()] = "",
    sex: Annotated[str, Form()] = "",
) -> Response:
    check_csrf(request, csrf)
    form = {"names": names, "birth_date": birth_date, "nationalities": nationalities, "sex": sex}
    raw = {
        "names": [n.strip() for n in names.splitlines() if n.strip()],
        "birth_date": birth_date or None,
        "nationalities": _split(nationalities),
        "sex": sex or None,
    }
    try:
        query = PersonQuery.model_validate(raw)
    except ValidationError as exc:
        errors = InvalidInput.from_validation(exc).details
        return page(
            request, TEMPLATE, status=422, form=form, hits=None, errors=errors, info=search.ENGINE_INFO
        )
    with transaction(session):
        hits = search.find(session, engine=engine, actor=actor, query=query, limit=10, now=clock.now())
    return page(request, TEMPLATE, form=form, hits=hits, errors=[], info=search.ENGINE_INFO)
