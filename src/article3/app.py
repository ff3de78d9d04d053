"""create_app(runtime): the FastAPI application serving the API under /api/v1 and the web at /."""

from __future__ import annotations

from importlib import resources

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles
from starlette.middleware.sessions import SessionMiddleware

from article3 import __version__
from article3.api import handlers
from article3.api.app import api_router
from article3.api.limits import BodyLimitMiddleware
from article3.bootstrap import Runtime
from article3.web.app import web_router


def create_app(runtime: Runtime) -> FastAPI:
    settings = runtime.settings
    app = FastAPI(
        title="article3",
        version=__version__,
        description="Wanted-person notices that cannot be turned into a tool of political persecution.",
        openapi_url="/api/v1/openapi.json",
        docs_url="/api/v1/docs",
        redoc_url=None,
    )
    app.state.runtime = runtime
    handlers.install(app)
    app.include_router(api_router())
    app.include_router(web_router())
    static = resources.files("article3.web") / "static"
    app.mount("/static", StaticFiles(directory=str(static)), name="static")
    app.add_middleware(
        SessionMiddleware,
        secret_key=settings.secret_key,
        session_cookie="article3_session",
        max_age=settings.session_max_age_seconds,
        same_site="lax",
        https_only=settings.secure_cookies,
    )
    app.add_middleware(BodyLimitMiddleware, max_bytes=settings.max_body_bytes)
    return app
