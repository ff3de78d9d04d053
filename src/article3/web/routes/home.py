"""The home page: what each role can do from here."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import Response

from article3.deps import WebActorDep
from article3.web.render import page

router = APIRouter()


@router.get("/")
def home(request: Request, actor: WebActorDep) -> Response:
    return page(request, "home.html", role=actor.role.value, country=actor.country)
