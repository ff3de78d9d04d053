"""One error hierarchy with stable codes.

Every error carries a dotted ``code`` that clients can rely on, a human ``message`` and
``details`` (for invalid input: a list of ``{"path", "code", "message"}``). The entry layers map
classes to HTTP statuses, CLI exit codes and page messages in one place each.
"""

from __future__ import annotations

from typing import Any

from pydantic import ValidationError


class Article3Error(Exception):
    """Base of every error article3 raises on purpose."""

    code = "error"

    def __init__(
        self, message: str, *, code: str | None = None, details: list[dict[str, Any]] | None = None
    ) -> None:
        super().__init__(message)
        self.message = message
        if code is not None:
            self.code = code
        self.details: list[dict[str, Any]] = details or []


class NotFound(Article3Error):
    code = "not_found"


class NotAuthenticated(Article3Error):
    code = "auth.not_authenticated"


class PermissionDenied(Article3Error):
    code = "auth.permission_denied"


class InvalidInput(Article3Error):
    code = "invalid_input"

    @classmethod
    def from_validation(cls, exc: ValidationError, *, prefix: str = "") -> InvalidInput:
        """Turn a Pydantic error into one InvalidInput naming every offending field path."""
        return cls("The input is not valid", details=field_errors(exc, prefix=prefix))


class InvalidTransition(Article3Error):
    code = "invalid_transition"


class Conflict(Article3Error):
    code = "conflict"


class DeadlineMissed(Article3Error):
    code = "deadline_missed"


class PayloadTooLarge(Article3Error):
    code = "request.too_large"


def field_path(loc: tuple[int | str, ...]) -> str:
    """``("subject", "names", 0, "full")`` → ``subject.names[0].full``."""
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out or "$"


def field_errors(exc: ValidationError, *, prefix: str = "") -> list[dict[str, Any]]:
    """One ``{"path", "code", "message"}`` per problem found by Pydantic."""
    details = []
    for err in exc.errors(include_url=False, include_input=False, include_context=False):
        loc = tuple(p for p in err["loc"] if not is_union_tag(p))
        path = field_path(loc)
        if prefix:
            path = f"{prefix}.{path}" if path != "$" else prefix
        details.append({"path": path, "code": str(err["type"]), "message": str(err["msg"])})
    return details


def is_union_tag(part: int | str) -> bool:
    # Pydantic names the union member it tried ("FullName", "function-after[...]"): not a field.
    return isinstance(part, str) and (part[:1].isupper() or "[" in part)
