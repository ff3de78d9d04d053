"""The by-country providers answer what the per-country ones answer, in one query per ``since``."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import timedelta
from typing import Any

from sqlalchemy import event
from sqlalchemy.orm import Session

from article3.actors import Role
from article3.bootstrap import Runtime, statistics_sources
from article3.clock import FixedClock
from article3.complaints import service as complaints
from article3.complaints.schemas import DecisionRecord
from article3.countries import service as countries
from article3.db.session import transaction
from article3.messages import service as messages
from article3.transparency import service as transparency
from article3.transparency import stats
from article3.transparency.sources import Sources
from tests.factories import complaints as cc
from tests.factories import messages as mf
from tests.factories.accounts import make_user

MESSAGE_KEYS = ("delivered", "held", "pending", "released", "blocked")


def _world(rt: Runtime, clock: FixedClock) -> None:
    """Complaints on FR (one decided non-compliant) and TR, messages from FR and RU (held), over
    two days, so that a ``since`` between them counts only the second day's."""
    cc.admissible(rt, "FR")
    mf.delivered(rt, "FR", "DE")
    clock.advance(timedelta(days=1))
    _non_compliant(rt, cc.admissible(rt, "FR"))
    cc.on_published(rt, "TR")
    mf.held(rt)
    mf.send(rt, make_user(rt, Role.NCB_OFFICER, "TR"), body="Hello.")


def _non_compliant(rt: Runtime, ref: str) -> None:
    member = make_user(rt, Role.CCF_MEMBER)
    data = DecisionRecord(
        outcome="non_compliant", findings={"private_dispute": "upheld"}, applicant_text="Deleted."
    )
    with rt.session() as s, transaction(s):
        complaints.decide(s, actor=member, ref=ref, data=data, now=rt.clock.now())


@contextmanager
def _counting(session: Session) -> Iterator[list[str]]:
    statements: list[str] = []

    def count(*args: Any) -> None:
        statements.append(str(args[2]))

    engine = session.get_bind()
    event.listen(engine, "before_cursor_execute", count)
    try:
        yield statements
    finally:
        event.remove(engine, "before_cursor_execute", count)


def test_by_country_answers_as_each_country(runtime: Runtime, clock: FixedClock) -> None:
    start = clock.now()
    _world(runtime, clock)
    with runtime.session() as s:
        codes = countries.member_codes(s)
        for since in (None, start, start + timedelta(hours=12), clock.now() + timedelta(days=1)):
            outcomes = complaints.outcomes_by_country(s, since=since)
            sent = messages.counts_by_country(s, since=since)
            for code in codes:
                assert outcomes.get(code, (0, 0)) == complaints.country_outcomes(s, code, since=since)
                expected = messages.country_counts(s, code, since=since)
                assert sent.get(code, dict.fromkeys(MESSAGE_KEYS, 0)) == expected
        assert complaints.outcomes_by_country(s) == {"FR": (2, 1), "TR": (1, 0)}
        assert complaints.outcomes_by_country(s, since=start + timedelta(hours=12)) == {
            "FR": (1, 1),
            "TR": (1, 0),
        }


def test_all_records_read_every_country_in_a_few_queries(runtime: Runtime, clock: FixedClock) -> None:
    _world(runtime, clock)
    now = clock.now() + timedelta(days=2)
    batched = statistics_sources()
    per_country = Sources(
        complaint_outcomes=batched.complaint_outcomes, message_counts=batched.message_counts
    )
    period = stats.Period.trailing(now, 30)
    closed = stats.Period(period.start, now - timedelta(days=1), "closed")
    with runtime.session() as s:
        for p in (period, closed):
            with _counting(s) as slow:
                expected = transparency.all_records(s, period=p, now=now, sources=per_country)
            with _counting(s) as fast:
                found = transparency.all_records(s, period=p, now=now, sources=batched)
            assert found == expected
            assert len(slow) > len(countries.member_codes(s))  # one query per member and provider
            assert len(fast) < 20
        assert {r.country: (r.complaints, r.overturned) for r in found if r.complaints} == {
            "FR": (2, 1),
            "TR": (1, 0),
        }
