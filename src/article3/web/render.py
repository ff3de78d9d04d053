"""Render a full page, or only a named fragment when htmx asks (HX-Request)."""

from __future__ import annotations

from importlib import resources
from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates

from article3 import __version__
from article3.web.csrf import csrf_token

_templates = Jinja2Templates(directory=str(resources.files("article3.web") / "templates"))


def page(
    request: Request, template: str, *, status: int = 200, fragment: str | None = None, **context: Any
) -> HTMLResponse:
    name = fragment if fragment and request.headers.get("hx-request") else template
    base = {
        "request": request,
        "csrf": csrf_token(request),
        "version": __version__,
        "me": getattr(request.state, "user", None),
    }
    return _templates.TemplateResponse(request, name, base | context, status_code=status)


def render_error(
    request: Request, *, status: int, code: str, message: str, details: list[dict[str, Any]]
) -> HTMLResponse:
    return page(request, "error.html", status=status, code=code, message=message, details=details)
