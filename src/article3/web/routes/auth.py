"""Log in and out with a session cookie (HttpOnly, SameSite=Lax, CSRF-checked forms)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import RedirectResponse, Response

from article3.accounts import service as accounts
from article3.deps import SessionDep
from article3.errors import NotAuthenticated
from article3.web.csrf import check_csrf
from article3.web.render import page

router = APIRouter()


def _safe_next(target: str | None) -> str:
    return target if target and target.startswith("/") and not target.startswith("//") else "/"


@router.get("/login")
def login_form(request: Request, next: str | None = None) -> Response:
    return page(request, "login.html", next=_safe_next(next), error=None)


@router.post("/login")
def login(
    request: Request,
    session: SessionDep,
    username: Annotated[str, Form()],
    password: Annotated[str, Form()],
    csrf: Annotated[str, Form()],
    next: Annotated[str, Form()] = "/",
) -> Response:
    check_csrf(request, csrf)
    try:
        actor = accounts.authenticate(session, username=username, password=password)
    except NotAuthenticated as exc:
        return page(request, "login.html", status=401, next=_safe_next(next), error=exc.message)
    request.session.clear()
    request.session["user_id"] = actor.user_id
    return RedirectResponse(_safe_next(next), status_code=303)


@router.post("/logout")
def logout(request: Request, csrf: Annotated[str, Form()]) -> Response:
    check_csrf(request, csrf)
    request.session.clear()
    return RedirectResponse("/login", status_code=303)
