"""Structured logging that never carries names or facts about a person."""

from __future__ import annotations

import logging
from collections.abc import MutableMapping
from typing import Any

import structlog

PERSONAL_KEYS = frozenset(
    {
        "name",
        "names",
        "full",
        "given",
        "family",
        "patronymic",
        "birth_date",
        "birth_place",
        "facts",
        "statement",
        "body",
        "subject",
        "applicant",
        "persons",
        "email",
        "password",
        "token",
        "query",
    }
)


def drop_personal_fields(
    _logger: Any, _method: str, event: MutableMapping[str, Any]
) -> MutableMapping[str, Any]:
    """A structlog processor: removes any key that could carry personal data."""
    for key in [k for k in event if k in PERSONAL_KEYS]:
        event[key] = "[removed]"
    return event


def configure(level: str = "INFO") -> None:
    """Set up key-value logging once per process."""
    logging.basicConfig(format="%(message)s", level=level)
    structlog.configure(
        processors=[
            structlog.contextvars.merge_contextvars,
            structlog.processors.add_log_level,
            structlog.processors.TimeStamper(fmt="iso", utc=True),
            drop_personal_fields,
            structlog.processors.KeyValueRenderer(key_order=["event"]),
        ],
        wrapper_class=structlog.make_filtering_bound_logger(logging.getLevelName(level)),
        cache_logger_on_first_use=True,
    )


def get_logger(name: str) -> Any:
    return structlog.get_logger(name)
