"""CSRF tokens for forms: one random token per session, compared in constant time."""

from __future__ import annotations

import hmac
import secrets

from fastapi import Request

from article3.errors import PermissionDenied


def csrf_token(request: Request) -> str:
    token = request.session.get("csrf")
    if not isinstance(token, str):
        token = secrets.token_urlsafe(32)
        request.session["csrf"] = token
    return token


def check_csrf(request: Request, submitted: str | None) -> None:
    expected = request.session.get("csrf")
    if not isinstance(expected, str) or not submitted or not hmac.compare_digest(expected, submitted):
        raise PermissionDenied(
            "The form has expired or did not come from this site; reload and try again", code="auth.csrf"
        )
