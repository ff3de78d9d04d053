"""Exception handlers: every error becomes the envelope (API) or an error page (web)."""

from __future__ import annotations

import uuid
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, RedirectResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException

from article3 import errors
from article3.api.errors import envelope, status_for
from article3.logging import get_logger

log = get_logger(__name__)

HTTP_CODES = {
    404: "not_found",
    405: "method_not_allowed",
    413: "request.too_large",
    401: "auth.not_authenticated",
    403: "auth.permission_denied",
}


def _is_api(request: Request) -> bool:
    return request.url.path.startswith("/api/")


def _respond(
    request: Request, status: int, code: str, message: str, details: list[dict[str, Any]] | None = None
) -> Response:
    if _is_api(request):
        return JSONResponse(envelope(code, message, details), status_code=status)
    if status == 401:
        return RedirectResponse(f"/login?next={request.url.path}", status_code=303)
    from article3.web.render import render_error  # noqa: PLC0415 - the web layer is optional here

    return render_error(request, status=status, code=code, message=message, details=details or [])


async def on_article3_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, errors.Article3Error)
    return _respond(request, status_for(exc), exc.code, exc.message, exc.details)


async def on_validation_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, RequestValidationError)
    raw = exc.errors()
    if any(e.get("type") == "json_invalid" for e in raw):
        return _respond(
            request,
            400,
            "request.malformed_json",
            "The request body is not valid JSON",
            [{"path": "body", "code": "json_invalid", "message": "Malformed JSON"}],
        )
    details = [
        {
            "path": errors.field_path(_body_relative(e["loc"])),
            "code": str(e["type"]),
            "message": str(e["msg"]),
        }
        for e in raw
    ]
    return _respond(request, 422, "invalid_input", "The input is not valid", details)


def _body_relative(loc: tuple[int | str, ...]) -> tuple[int | str, ...]:
    """Paths name fields of the document sent (``subject.names[0]``), not FastAPI's ``body``."""
    parts = tuple(p for p in loc if not errors.is_union_tag(p))
    return parts[1:] if parts[:1] == ("body",) and len(parts) > 1 else parts


async def on_http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, StarletteHTTPException)
    code = HTTP_CODES.get(exc.status_code, f"http.{exc.status_code}")
    message = exc.detail if isinstance(exc.detail, str) else "HTTP error"
    return _respond(request, exc.status_code, code, message)


async def on_unexpected(request: Request, exc: Exception) -> Response:
    request_id = uuid.uuid4().hex[:12]
    log.error("unexpected_error", request_id=request_id, error_type=type(exc).__name__, path=request.url.path)
    return _respond(
        request,
        500,
        "internal_error",
        f"Unexpected error (request id {request_id})",
        [{"request_id": request_id}],
    )


def install(app: FastAPI) -> None:
    app.add_exception_handler(errors.Article3Error, on_article3_error)
    app.add_exception_handler(RequestValidationError, on_validation_error)
    app.add_exception_handler(StarletteHTTPException, on_http_error)
    app.add_exception_handler(Exception, on_unexpected)
