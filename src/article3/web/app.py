"""The web router: every page."""

from __future__ import annotations

from fastapi import APIRouter

from article3.web.routes import auth, countries, home, inbox, portal, register, requests, review, search
from article3.web.routes import complaints as complaints_pages
from article3.web.routes import messages as messages_pages
from article3.web.routes import oversight as oversight_pages
from article3.web.routes import screening as screening_pages
from article3.web.routes import transparency as transparency_pages


def web_router() -> APIRouter:
    router = APIRouter(include_in_schema=False)
    for module in (auth, home, countries, requests, review, inbox, search, register):
        router.include_router(module.router)
    router.include_router(portal.router)
    router.include_router(complaints_pages.router)
    router.include_router(messages_pages.router)
    router.include_router(oversight_pages.router)
    router.include_router(screening_pages.router)
    router.include_router(transparency_pages.router)
    return router
