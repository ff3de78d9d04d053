"""Read-only statistics per requesting country and for the whole system, with SQL aggregates.

Cohort and events (docs/transparency.md):

- requests and what became of them (rejected at intake, blocked by a screening rule, refused or
  published after review, still pending) count the requests **submitted** in the period, whatever
  happened to them since; the reasons, rules and grounds count the same requests;
- flags, deletions and cancellations count the events **dated** in the period;
- complaint and message figures come from the providers in ``sources`` (None when absent).

"Passing the initial checks" means being published after review; the trials are the requests
decided (rejected, blocked, refused or published). JSON lists (reasons, grounds, findings) are
expanded in Python: the two supported databases spell JSON array functions differently.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import and_, case, func, or_, select
from sqlalchemy.orm import Session
from sqlalchemy.sql.elements import ColumnElement

from article3.notices.models import Flag, Request
from article3.oversight.models import Measure
from article3.review.models import ReviewDecision, ReviewItem
from article3.screening.models import ScreeningRun
from article3.transparency import rules
from article3.transparency import sources as other
from article3.transparency.schemas import CountryRecord, IntervalRead, PeriodRead, RateRead, RequestFigures

ALL = "ALL"
DEFAULT_GAP_THRESHOLD = 0.25


@dataclass(frozen=True, slots=True)
class Period:
    """A half-open period [start, end) in UTC."""

    start: datetime
    end: datetime
    label: str

    @classmethod
    def year(cls, year: int) -> Period:
        return cls(datetime(year, 1, 1, tzinfo=UTC), datetime(year + 1, 1, 1, tzinfo=UTC), str(year))

    @classmethod
    def trailing(cls, now: datetime, days: int) -> Period:
        """The last ``days`` days, up to and including ``now``."""
        start = now - timedelta(days=days)
        return cls(start, now + timedelta(microseconds=1), f"{start:%Y-%m-%d} to {now:%Y-%m-%d}")

    def read(self) -> PeriodRead:
        return PeriodRead(start=self.start, end=self.end, label=self.label)


def _within(column: Any, period: Period) -> ColumnElement[bool]:
    return and_(column >= period.start, column < period.end)


def _only(column: Any, country: str | None) -> ColumnElement[bool]:
    condition: ColumnElement[bool] = column == country if country else column.is_not(None)
    return condition


def _count_if(condition: ColumnElement[bool]) -> Any:
    return func.sum(case((condition, 1), else_=0))


# --- requests: one grouped query -----------------------------------------------------------------


def request_figures(
    session: Session, period: Period, country: str | None = None
) -> dict[str, RequestFigures]:
    """Requests submitted in the period per requesting country, by kind and by outcome."""
    not_blocked = func.coalesce(Request.route, "") != "blocked"
    rows = session.execute(
        select(
            Request.requesting_country,
            Request.kind,
            func.count(Request.id),
            _count_if(Request.status == "rejected"),
            _count_if(Request.route == "blocked"),
            _count_if(and_(Request.status == "refused", not_blocked)),
            _count_if(Request.published_at.is_not(None)),
            _count_if(Request.status == "in_review"),
        )
        .where(_within(Request.submitted_at, period), _only(Request.requesting_country, country))
        .group_by(Request.requesting_country, Request.kind)
    ).all()
    out: dict[str, dict[str, int]] = defaultdict(Counter)
    for code, kind, total, rejected, blocked, refused, published, pending in rows:
        figures = out[code]
        figures["red_notices" if kind == "red_notice" else "diffusions"] += total
        figures["total"] += total
        figures["rejected_at_intake"] += int(rejected or 0)
        figures["blocked"] += int(blocked or 0)
        figures["refused_after_review"] += int(refused or 0)
        figures["published_after_review"] += int(published or 0)
        figures["pending"] += int(pending or 0)
    return {code: RequestFigures(**figures) for code, figures in out.items()}


# --- why: intake criteria, blocking rules, review grounds ----------------------------------------


def _tally(rows: Iterable[tuple[str, Iterable[str]]]) -> dict[str, dict[str, int]]:
    out: dict[str, Counter[str]] = defaultdict(Counter)
    for code, items in rows:
        out[code].update(items)
    return {code: dict(sorted(c.items())) for code, c in out.items()}


def intake_reasons(session: Session, period: Period, country: str | None = None) -> dict[str, dict[str, int]]:
    rows = session.execute(
        select(Request.requesting_country, Request.intake_failures).where(
            Request.status == "rejected",
            _within(Request.submitted_at, period),
            _only(Request.requesting_country, country),
        )
    )
    return _tally((code, {str(f.get("code")) for f in failures or []}) for code, failures in rows)


def block_reasons(session: Session, period: Period, country: str | None = None) -> dict[str, dict[str, int]]:
    rows = session.execute(
        select(Request.requesting_country, ScreeningRun.findings)
        .join(ScreeningRun, ScreeningRun.request_id == Request.id)
        .where(
            ScreeningRun.route == "blocked",
            _within(Request.submitted_at, period),
            _only(Request.requesting_country, country),
        )
    )
    return _tally(
        (code, {str(f.get("code")) for f in findings or [] if f.get("severity") == "block"})
        for code, findings in rows
    )


def refusal_grounds(
    session: Session, period: Period, country: str | None = None
) -> dict[str, dict[str, int]]:
    # Once per request refused on review, with every refusing reviewer's grounds (a refusal on fast
    # track or standard review is confirmed by a second reviewer; a proposal overruled is not one).
    rows = session.execute(
        select(Request.id, Request.requesting_country, ReviewDecision.grounds)
        .join(ReviewItem, ReviewItem.request_id == Request.id)
        .join(ReviewDecision, ReviewDecision.item_id == ReviewItem.id)
        .where(
            ReviewDecision.decision == "refuse",
            Request.status == "refused",
            _within(Request.submitted_at, period),
            _only(Request.requesting_country, country),
        )
    )
    per_request: dict[int, tuple[str, set[str]]] = {}
    for request_id, code, grounds in rows:
        per_request.setdefault(request_id, (code, set()))[1].update(str(g) for g in grounds or [])
    return _tally(per_request.values())


# --- events: flags, deletions, cancellations ------------------------------------------------------


def flags(session: Session, period: Period, country: str | None = None) -> dict[str, dict[str, int]]:
    """Flags raised in the period on each country's requests, by reason."""
    rows = session.execute(
        select(Request.requesting_country, Flag.reason, func.count(Flag.id))
        .join(Request, Request.id == Flag.request_id)
        .where(_within(Flag.created_at, period), _only(Request.requesting_country, country))
        .group_by(Request.requesting_country, Flag.reason)
    )
    out: dict[str, dict[str, int]] = defaultdict(dict)
    for code, reason, n in rows:
        out[code][reason] = int(n)
    return dict(out)


def flagged_requests(session: Session, period: Period, country: str | None = None) -> dict[str, int]:
    """Requests submitted in the period that at least one other member flagged."""
    rows = session.execute(
        select(Request.requesting_country, func.count(func.distinct(Flag.request_id)))
        .join(Request, Request.id == Flag.request_id)
        .where(_within(Request.submitted_at, period), _only(Request.requesting_country, country))
        .group_by(Request.requesting_country)
    )
    return {code: int(n) for code, n in rows}


def endings(session: Session, period: Period, country: str | None = None) -> dict[str, dict[str, int]]:
    """Deletions and cancellations that happened in the period."""
    rows = session.execute(
        select(Request.requesting_country, Request.status, func.count(Request.id))
        .where(
            Request.status.in_(("deleted", "cancelled")),
            _within(Request.status_changed_at, period),
            _only(Request.requesting_country, country),
        )
        .group_by(Request.requesting_country, Request.status)
    )
    out: dict[str, dict[str, int]] = defaultdict(dict)
    for code, status, n in rows:
        out[code][status] = int(n)
    return dict(out)


def measures_in_force(session: Session, at: datetime, country: str | None = None) -> dict[str, list[str]]:
    """The kinds of measure in force on each country at a moment."""
    rows = session.execute(
        select(Measure.country_code, Measure.kind)
        .where(
            Measure.applied_at <= at,
            or_(Measure.lifted_at.is_(None), Measure.lifted_at > at),
            _only(Measure.country_code, country),
        )
        .order_by(Measure.country_code, Measure.kind)
    )
    out: dict[str, list[str]] = defaultdict(list)
    for code, kind in rows:
        out[code].append(kind)
    return dict(out)


# --- assembling records ---------------------------------------------------------------------------


def derive(record: CountryRecord, *, gap_threshold: float = DEFAULT_GAP_THRESHOLD) -> CountryRecord:
    """Fill the derived rates (Wilson intervals), the gap and whether it stands out."""
    r = record.requests
    passed = rules.rate(r.published_after_review, r.decided)
    overturned = (
        rules.rate(record.overturned, record.complaints)
        if record.complaints is not None and record.overturned is not None
        else None
    )
    flagged = rules.rate(min(record.flagged_requests, r.published_after_review), r.published_after_review)
    gap = rules.gap(passed, overturned)
    return record.model_copy(
        update={
            "pass_rate": RateRead.of(passed),
            "overturn_rate": RateRead.of(overturned),
            "flag_share": RateRead.of(flagged),
            "gap": IntervalRead.of(gap),
            "divergent": rules.divergent(gap, gap_threshold),
        }
    )


def records(
    session: Session,
    period: Period,
    *,
    now: datetime,
    sources: other.Sources = other.NO_SOURCES,
    country: str | None = None,
    members: Iterable[str] = (),
    gap_threshold: float = DEFAULT_GAP_THRESHOLD,
) -> dict[str, CountryRecord]:
    """The record of every country with activity in the period (or of one country), by code.

    ``members`` adds countries to ask the providers about even without requests in the period.
    """
    reqs = request_figures(session, period, country)
    intake, blocks = intake_reasons(session, period, country), block_reasons(session, period, country)
    grounds, flag_rows = refusal_grounds(session, period, country), flags(session, period, country)
    flagged, ends = flagged_requests(session, period, country), endings(session, period, country)
    in_force = measures_in_force(session, min(period.end, now), country)
    codes = set(reqs) | set(flag_rows) | set(ends) | set(in_force) | set(members)
    if country:
        codes = {country}
    end = period.end if period.end < now else None
    if len(codes) > 1:
        sources = other.prefetched(
            sources, session, since=(period.start, end) if end is not None else (period.start,)
        )
    out = {}
    for code in sorted(codes):
        extra = other.read(sources, session, code, start=period.start, end=end)
        record = CountryRecord(
            country=code,
            period=period.read(),
            requests=reqs.get(code, RequestFigures()),
            intake_reasons=intake.get(code, {}),
            block_reasons=blocks.get(code, {}),
            refusal_grounds=grounds.get(code, {}),
            flags_received=sum(flag_rows.get(code, {}).values()),
            flags_by_reason=dict(sorted(flag_rows.get(code, {}).items())),
            flagged_requests=flagged.get(code, 0),
            deletions=ends.get(code, {}).get("deleted", 0),
            cancellations=ends.get(code, {}).get("cancelled", 0),
            complaints=extra.complaints,
            overturned=extra.overturned,
            commission_decisions=extra.decisions,
            deadlines_met=extra.deadlines_met,
            deadlines_missed=extra.deadlines_missed,
            messages_held=extra.messages_held,
            messages_blocked=extra.messages_blocked,
            messages_delivered=extra.messages_delivered,
            measures_in_force=in_force.get(code, []),
        )
        out[code] = derive(record, gap_threshold=gap_threshold)
    return out


def _add(a: dict[str, int] | None, b: dict[str, int] | None) -> dict[str, int] | None:
    if a is None or b is None:
        return a if b is None else b
    return dict(sorted((Counter(a) + Counter(b)).items()))


def _plus(a: int | None, b: int | None) -> int | None:
    return None if a is None and b is None else (a or 0) + (b or 0)


def overall(rows: Iterable[CountryRecord], period: Period, *, gap_threshold: float) -> CountryRecord:
    """The whole system's record: the sum of the countries' records, its rates derived again."""
    total = CountryRecord(country=ALL, period=period.read(), requests=RequestFigures())
    for row in rows:
        requests = Counter(total.requests.model_dump()) + Counter(row.requests.model_dump())
        update: dict[str, Any] = {"requests": RequestFigures(**requests)}
        for name in ("intake_reasons", "block_reasons", "refusal_grounds", "flags_by_reason"):
            update[name] = _add(getattr(total, name), getattr(row, name)) or {}
        update["commission_decisions"] = _add(total.commission_decisions, row.commission_decisions)
        for name in ("flags_received", "flagged_requests", "deletions", "cancellations"):
            update[name] = getattr(total, name) + getattr(row, name)
        for name in (
            "complaints",
            "overturned",
            "deadlines_met",
            "deadlines_missed",
            "messages_held",
            "messages_blocked",
            "messages_delivered",
        ):
            update[name] = _plus(getattr(total, name), getattr(row, name))
        total = total.model_copy(update=update)
    return derive(total, gap_threshold=gap_threshold)
