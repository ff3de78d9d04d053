"""One error envelope for every API error, and the classes' HTTP statuses."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel

from article3 import errors

STATUS: dict[type[errors.Article3Error], int] = {
    errors.NotFound: 404,
    errors.NotAuthenticated: 401,
    errors.PermissionDenied: 403,
    errors.InvalidInput: 422,
    errors.InvalidTransition: 409,
    errors.Conflict: 409,
    errors.DeadlineMissed: 409,
    errors.PayloadTooLarge: 413,
}


def status_for(exc: errors.Article3Error) -> int:
    for cls in type(exc).__mro__:
        if cls in STATUS:
            return STATUS[cls]
    return 400


class ErrorBody(BaseModel):
    code: str
    message: str
    details: list[dict[str, Any]] = []


class ErrorEnvelope(BaseModel):
    error: ErrorBody


def envelope(code: str, message: str, details: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    return {"error": {"code": code, "message": message, "details": details or []}}


def _doc(description: str) -> dict[str, Any]:
    # Errors are JSON even on routes that answer success in another type (the PEM key, streams).
    json_body = {"application/json": {"schema": {"$ref": "#/components/schemas/ErrorEnvelope"}}}
    return {"model": ErrorEnvelope, "description": description, "content": json_body}


ERROR_RESPONSES: dict[int | str, dict[str, Any]] = {
    400: _doc("Malformed request (for example, malformed JSON)"),
    401: _doc("No valid API token"),
    403: _doc("The account's role may not do this"),
    404: _doc("Not found"),
    405: _doc("Method not allowed"),
    413: _doc("Request body too large"),
    422: _doc("Invalid input: details name every offending field path"),
    500: _doc("Unexpected error; the message carries a request id"),
}
CONFLICT_RESPONSE: dict[int | str, dict[str, Any]] = {
    409: _doc("Not allowed in the current state (invalid transition, conflict, missed deadline)"),
}
