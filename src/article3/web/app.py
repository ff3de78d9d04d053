"""The web router: every page."""

from __future__ import annotations

from fastapi import APIRouter

from article3.web.routes import auth, countries, home, inbox, requests, review, search


def web_router() -> APIRouter:
    router = APIRouter(include_in_schema=False)
    for module in (auth, home, countries, requests, review, inbox, search):
        router.include_router(module.router)
    return router
