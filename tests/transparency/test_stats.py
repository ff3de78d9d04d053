"""Country records from the database, with providers standing in for complaints and messages."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from sqlalchemy.orm import Session

from article3.actors import Role
from article3.bootstrap import Runtime
from article3.config import Settings
from article3.db.session import transaction
from article3.notices import service as notices
from article3.notices.rules import Status
from article3.notices.schemas import FlagRaise
from article3.review.rules import Ground
from article3.transparency import service as transparency
from article3.transparency import stats
from article3.transparency.sources import Sources
from article3.workflows import end_request
from tests.factories import oversight as ov
from tests.factories import requests as rq
from tests.factories.accounts import make_user

YEAR = 2026


def _history(rt: Runtime) -> None:
    """RU: 3 published (one flagged by DE, one cancelled), 1 refused on review, 1 rejected, 1 pending."""
    officer, reviewer = make_user(rt, Role.NCB_OFFICER, "RU"), make_user(rt, Role.REVIEWER)
    published = [rq.published(rt, "RU") for _ in range(3)]
    refused = rq.submit(rt, officer, rq.document("RU"))
    rq.decide(rt, reviewer, refused, rq.refuse(Ground.ARTICLE3_POLITICAL))
    rq.submit(rt, officer, rq.document("RU", penalty={"max_years": 1}))
    rq.submit(rt, officer, rq.document("RU", "diffusion"))
    flagger, senior = make_user(rt, Role.NCB_OFFICER, "DE"), make_user(rt, Role.SENIOR_REVIEWER)
    with rt.session() as s, transaction(s):
        notices.flag(
            s, actor=flagger, ref=published[0], data=FlagRaise(reason="national_law"), now=rt.clock.now()
        )
        end_request(
            s, actor=senior, ref=published[1], target=Status.CANCELLED, reason="x", now=rt.clock.now()
        )


def test_a_country_record_counts_outcomes_grounds_and_flags(runtime: Runtime) -> None:
    _history(runtime)
    ov.applied(runtime, country="RU")
    with runtime.session() as s:
        record = transparency.country_record(s, "RU", period=stats.Period.year(YEAR), now=runtime.clock.now())
    q = record.requests
    assert (q.total, q.red_notices, q.diffusions) == (6, 5, 1)
    assert (q.published_after_review, q.refused_after_review, q.rejected_at_intake, q.pending) == (3, 1, 1, 1)
    assert q.decided == 5
    assert record.refusal_grounds == {"article3_political": 1}
    assert record.intake_reasons == {"criteria.penalty_below_threshold": 1}
    assert (record.flags_received, record.flags_by_reason, record.flagged_requests) == (
        1,
        {"national_law": 1},
        1,
    )
    assert (record.cancellations, record.deletions) == (1, 0)
    assert record.pass_rate is not None
    assert (record.pass_rate.successes, record.pass_rate.trials) == (3, 5)
    assert record.complaints is None and record.overturn_rate is None and record.gap is None  # no provider
    assert record.measures_in_force == ["enhanced_review"]


def test_another_year_is_empty(runtime: Runtime) -> None:
    _history(runtime)
    with runtime.session() as s:
        record = transparency.country_record(
            s, "RU", period=stats.Period.year(YEAR - 1), now=runtime.clock.now()
        )
    assert record.requests.total == 0 and record.pass_rate is None


def _provider(figures: dict[str, Any]) -> Any:
    """A stand-in for a domain's counting function: everything happened at ``at``."""

    def count(session: Session, country: str, *, since: datetime | None = None) -> Any:
        assert isinstance(session, Session)
        value = figures.get(country, figures.get("*"))
        empty = (0, 0) if isinstance(value, tuple) else dict.fromkeys(value or {}, 0)
        return value if since is None or since <= figures["at"] else empty

    return count


def test_providers_fill_complaints_and_messages_and_the_gap_stands_out(runtime: Runtime) -> None:
    for _ in range(9):
        rq.published(runtime, "RU")
    at = runtime.clock.now()
    sources = Sources(
        complaint_outcomes=_provider({"RU": (40, 20), "*": (0, 0), "at": at}),
        complaint_decisions=_provider({"*": {"compliant": 20, "non_compliant": 20}, "at": at}),
        complaint_deadlines=_provider({"*": {"met": 30, "missed": 10}, "at": at}),
        message_counts=_provider({"*": {"held": 7, "blocked": 6, "delivered": 100}, "at": at}),
    )
    later = at + timedelta(days=400)
    with runtime.session() as s:
        record = transparency.country_record(
            s, "RU", period=stats.Period.year(YEAR), now=later, sources=sources, gap_threshold=0.15
        )
        previous = transparency.country_record(
            s, "RU", period=stats.Period.year(YEAR + 1), now=later, sources=sources
        )
        everyone = transparency.all_records(s, period=stats.Period.year(YEAR), now=later, sources=sources)
    assert (record.complaints, record.overturned, record.messages_held, record.messages_blocked) == (
        40,
        20,
        7,
        6,
    )
    assert record.commission_decisions == {"compliant": 20, "non_compliant": 20}
    assert (record.deadlines_met, record.deadlines_missed) == (30, 10)
    assert record.pass_rate is not None and record.pass_rate.value == 1.0
    assert record.gap is not None and record.gap.value == 0.5
    assert record.divergent
    assert previous.complaints == 0  # the provider's events all fall in YEAR: f(since=start) - f(since=end)
    assert everyone[0].country == "RU"  # the widest gap first (9 cases: not enough to stand out at 0.25)
    assert not everyone[0].divergent
    total = stats.overall(everyone, stats.Period.year(YEAR), gap_threshold=0.25)
    assert total.requests.published_after_review == 9


def test_proposals_read_the_trailing_window(runtime: Runtime) -> None:
    for _ in range(3):
        rq.published(runtime, "RU")
    at = runtime.clock.now()
    sources = Sources(complaint_outcomes=_provider({"RU": (30, 24), "*": (0, 0), "at": at}))
    settings = Settings(
        database_url="sqlite://",
        oversight_min_decided=3,
        oversight_min_complaints=10,
        oversight_gap_threshold=0.1,
    )
    with runtime.session() as s:
        found = transparency.proposals(s, settings=settings, now=at + timedelta(hours=1), sources=sources)
    assert {(p.country, p.kind) for p in found} == {("RU", "enhanced_review"), ("RU", "diffusion_hold")}
