"""The figures other domains hold, read through callables the entry layer passes in.

The complaints commission and messaging are separate domains that may or may not be part of a
build. Statistics never import them: the composition root (``bootstrap.py``) hands a ``Sources``
with whichever functions exist, and every figure they would give is ``None`` ("not available")
when its function is missing. The expected signatures::

    complaint_outcomes(session, country, *, since=None) -> (complaints, overturned)
    complaint_decisions(session, country, *, since=None) -> {outcome: count}
    complaint_deadlines(session, country, *, since=None) -> {"met": n, "missed": n}
    message_counts(session, country, *, since=None) -> {"held": n, "blocked": n, "delivered": n}
                                                       (or any object with those attributes)

Each counts the events dated at or after ``since`` (all of them when None). A closed period
[start, end) is read as ``f(since=start) - f(since=end)``.

Two of them may also come in a form that answers for every country in one query, which the
records of all countries (the statistics pages, the report, each governance sitting) use instead
of one query per member country; a country missing from the answer has none::

    complaint_outcomes_by_country(session, *, since=None) -> {country: (complaints, overturned)}
    message_counts_by_country(session, *, since=None) -> {country: message_counts(...)}

Each must answer for every country what its per-country form answers (``prefetched``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

Provider = Callable[..., Any]
MESSAGE_KEYS = ("held", "blocked", "delivered")
DEADLINE_KEYS = ("met", "missed")


@dataclass(frozen=True, slots=True)
class Sources:
    """Optional providers of the complaint and message figures (module docstring)."""

    complaint_outcomes: Provider | None = None
    complaint_decisions: Provider | None = None
    complaint_deadlines: Provider | None = None
    message_counts: Provider | None = None
    complaint_outcomes_by_country: Provider | None = None
    message_counts_by_country: Provider | None = None


NO_SOURCES = Sources()


def _as_counts(value: Any, keys: tuple[str, ...] | None = None) -> dict[str, int]:
    if isinstance(value, Mapping):
        items = {str(k): int(v) for k, v in value.items()}
        return {k: items.get(k, 0) for k in keys} if keys else items
    if isinstance(value, tuple) and keys and len(value) == len(keys):
        return {k: int(v) for k, v in zip(keys, value, strict=True)}
    if keys:
        return {k: int(getattr(value, k, 0) or 0) for k in keys}
    raise TypeError(f"cannot read counts from {type(value).__name__}")


def _minus(a: dict[str, int], b: dict[str, int]) -> dict[str, int]:
    return {k: a.get(k, 0) - b.get(k, 0) for k in sorted(set(a) | set(b)) if a.get(k, 0) - b.get(k, 0)}


def _between(
    provider: Provider,
    session: Session,
    country: str,
    start: datetime | None,
    end: datetime | None,
    keys: tuple[str, ...] | None,
) -> dict[str, int]:
    since = _as_counts(provider(session, country, since=start), keys)
    if end is None:
        return since
    later = _as_counts(provider(session, country, since=end), keys)
    out = _minus(since, later)
    return {k: out.get(k, 0) for k in keys} if keys else out


@dataclass(frozen=True, slots=True)
class OtherFigures:
    """One country's figures from the other domains; None where the build lacks the provider."""

    complaints: int | None = None
    overturned: int | None = None
    decisions: dict[str, int] | None = None
    deadlines_met: int | None = None
    deadlines_missed: int | None = None
    messages_held: int | None = None
    messages_blocked: int | None = None
    messages_delivered: int | None = None


def read(
    sources: Sources, session: Session, country: str, *, start: datetime | None, end: datetime | None
) -> OtherFigures:
    """Everything the given providers say about one country over [start, end)."""
    out: dict[str, Any] = {}
    if sources.complaint_outcomes is not None:
        pair = _between(sources.complaint_outcomes, session, country, start, end, ("c", "o"))
        out |= {"complaints": pair["c"], "overturned": pair["o"]}
    if sources.complaint_decisions is not None:
        out["decisions"] = _between(sources.complaint_decisions, session, country, start, end, None)
    if sources.complaint_deadlines is not None:
        met = _between(sources.complaint_deadlines, session, country, start, end, DEADLINE_KEYS)
        out |= {"deadlines_met": met["met"], "deadlines_missed": met["missed"]}
    if sources.message_counts is not None:
        m = _between(sources.message_counts, session, country, start, end, MESSAGE_KEYS)
        out |= {f"messages_{k}": m[k] for k in MESSAGE_KEYS}
    return OtherFigures(**out)


def prefetched(sources: Sources, session: Session, *, since: Iterable[datetime | None]) -> Sources:
    """The same sources, each per-country provider that has a by-country form answered from one
    query per ``since`` value instead of one per country (for reading many countries at once)."""
    changes: dict[str, Provider] = {}
    if sources.complaint_outcomes is not None and sources.complaint_outcomes_by_country is not None:
        changes["complaint_outcomes"] = _lookup(sources.complaint_outcomes_by_country, session, since, (0, 0))
    if sources.message_counts is not None and sources.message_counts_by_country is not None:
        changes["message_counts"] = _lookup(sources.message_counts_by_country, session, since, {})
    return replace(sources, **changes) if changes else sources


def _lookup(by_country: Provider, session: Session, since: Iterable[datetime | None], empty: Any) -> Provider:
    answers = {when: by_country(session, since=when) for when in set(since)}

    def provider(_: Session, country: str, *, since: datetime | None = None) -> Any:
        return answers[since].get(country, empty)

    return provider


def available(sources: Sources) -> dict[str, bool]:
    """Which groups of figures this build can fill (the report says so)."""
    return {
        "complaints": sources.complaint_outcomes is not None,
        "commission_decisions": sources.complaint_decisions is not None,
        "commission_deadlines": sources.complaint_deadlines is not None,
        "messages": sources.message_counts is not None,
    }
