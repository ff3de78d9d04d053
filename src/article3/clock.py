"""Time comes from a clock so that tests and scenarios can move it. Everything is UTC."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Protocol


class Clock(Protocol):
    def now(self) -> datetime: ...


class SystemClock:
    """The real time."""

    def now(self) -> datetime:
        return datetime.now(UTC)


class FixedClock:
    """A clock that only moves when told to (tests, scenarios, simulations)."""

    def __init__(self, start: datetime) -> None:
        if start.tzinfo is None:
            msg = "FixedClock needs a timezone-aware start"
            raise ValueError(msg)
        self._now = start.astimezone(UTC)

    def now(self) -> datetime:
        return self._now

    def advance(self, delta: timedelta) -> None:
        self._now += delta

    def set(self, when: datetime) -> None:
        if when.tzinfo is None:
            when = when.replace(tzinfo=UTC)
        if when < self._now:
            msg = "the clock does not run backwards"
            raise ValueError(msg)
        self._now = when.astimezone(UTC)
