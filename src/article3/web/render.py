"""Render a full page, or only a named fragment when htmx asks (HX-Request)."""

from __future__ import annotations

from importlib import resources
from typing import Annotated, Any

from fastapi import Depends, Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates
from starlette.datastructures import FormData

from article3 import __version__
from article3.accounts.permissions import Permission, allowed
from article3.actors import Role
from article3.web.csrf import csrf_token

_templates = Jinja2Templates(directory=str(resources.files("article3.web") / "templates"))

NAV: tuple[tuple[str, str, Permission], ...] = (
    ("/requests", "Requests", Permission.REQUESTS_READ),
    ("/requests/new", "Submit a request", Permission.REQUESTS_SUBMIT),
    ("/review", "Review queue", Permission.REVIEW_WORK),
    ("/screening/model", "Screening model", Permission.SCREENING_MODEL_READ),
    ("/inbox", "Inbox", Permission.INBOX_READ),
    ("/messages", "Messages", Permission.MESSAGES_READ),
    ("/compliance/messages", "Held messages", Permission.MESSAGES_COMPLIANCE),
    ("/search", "Person search", Permission.SEARCH_PERSONS),
    ("/register", "Register", Permission.REGISTER_READ),
    ("/portal/cases", "My cases", Permission.COMPLAINTS_FOLLOW),
    ("/complaints", "Complaints", Permission.COMPLAINTS_READ),
    ("/consultations", "Commission consultations", Permission.COMPLAINTS_ANSWER),
    ("/countries", "Countries", Permission.COUNTRIES_READ),
    ("/oversight", "Country records", Permission.STATISTICS_READ),
    ("/measures", "Measures", Permission.COUNTRIES_READ),  # public page: every role sees the link
    ("/transparency/reports", "Reports", Permission.COUNTRIES_READ),  # public page
)


def nav_links(role: Role | None) -> list[dict[str, str]]:
    """The links of the header a role may follow, in the order of ``NAV``."""
    if role is None:
        return []
    return [{"href": href, "label": label} for href, label, perm in NAV if allowed(role, perm)]


def page(
    request: Request, template: str, *, status: int = 200, fragment: str | None = None, **context: Any
) -> HTMLResponse:
    name = fragment if fragment and request.headers.get("hx-request") else template
    me = getattr(request.state, "user", None)
    base = {
        "request": request,
        "csrf": csrf_token(request),
        "version": __version__,
        "me": me,
        "nav": nav_links(getattr(me, "role", None)),
    }
    return _templates.TemplateResponse(request, name, base | context, status_code=status)


def render_error(
    request: Request, *, status: int, code: str, message: str, details: list[dict[str, Any]]
) -> HTMLResponse:
    return page(request, "error.html", status=status, code=code, message=message, details=details)


async def form_data(request: Request) -> FormData:
    """The posted form, read once (Starlette caches it) so that sync handlers can take it."""
    return await request.form()


FormDep = Annotated[FormData, Depends(form_data)]


def form_text(form: FormData) -> dict[str, str]:
    """The text fields of a posted form (the last value of each name), for re-displaying it."""
    return {key: value for key, value in form.multi_items() if isinstance(value, str)}
