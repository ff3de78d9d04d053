"""The API router: every domain router under /api/v1."""

from __future__ import annotations

from fastapi import APIRouter

from article3.api.routes import audit, countries, inbox, register, requests, review, search, system, users

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
)


def api_router() -> APIRouter:
    router = APIRouter(prefix=PREFIX)
    for child in ROUTERS:
        router.include_router(child)
    return router
