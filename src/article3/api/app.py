"""The API router: every domain router under /api/v1."""

from __future__ import annotations

from fastapi import APIRouter

from article3.api.routes import audit, countries, inbox, register, requests, review, search, system, users
from article3.api.routes import complaints as complaints_routes
from article3.api.routes import messages as messages_routes
from article3.api.routes import oversight as oversight_routes
from article3.api.routes import screening as screening_routes
from article3.api.routes import transparency as transparency_routes

PREFIX = "/api/v1"
ROUTERS: tuple[APIRouter, ...] = (
    system.router,
    countries.router,
    audit.router,
    users.router,
    requests.router,
    review.router,
    inbox.router,
    search.router,
    register.router,
    complaints_routes.router,
    messages_routes.router,
    oversight_routes.router,
    transparency_routes.router,
    screening_routes.router,
)


def api_router() -> APIRouter:
    router = APIRouter(prefix=PREFIX)
    for child in ROUTERS:
        router.include_router(child)
    return router
