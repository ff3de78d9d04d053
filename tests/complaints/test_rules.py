"""Pure rules: the statutory clocks (hypothesis), the status machine, admissibility, decisions, uploads."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from article3.complaints import rules, uploads
from article3.complaints.rules import Clock, ClockState, Finding, Ground, Kind, Outcome, Status
from article3.errors import InvalidTransition

moments = st.datetimes(
    min_value=datetime(2000, 1, 1), max_value=datetime(2090, 12, 31), timezones=st.just(UTC)
)


@given(moments, st.integers(min_value=0, max_value=6))
def test_admissibility_is_one_calendar_month_plus_extensions(received: datetime, extra: int) -> None:
    due = rules.admissibility_due(received, extra)
    assert due > received
    months = (due.year - received.year) * 12 + due.month - received.month
    assert months == 1 + extra
    assert due.day == min(received.day, due.day) and due.time() == received.time()


@given(moments, st.sampled_from(list(Kind)), st.integers(min_value=0, max_value=6))
def test_decision_due_is_four_or_nine_months_after_admissibility(
    admissible: datetime, kind: Kind, extra: int
) -> None:
    due = rules.decision_due(kind, admissible, extra)
    months = (due.year - admissible.year) * 12 + due.month - admissible.month
    assert months == (4 if kind is Kind.ACCESS else 9) + extra
    assert rules.decision_due(kind, admissible, extra + 1) > due


@given(moments, st.integers(min_value=0, max_value=40))
def test_extensions_only_ever_move_a_deadline_later(received: datetime, extra: int) -> None:
    assert rules.admissibility_due(received, extra + 1) > rules.admissibility_due(received, extra)


def test_month_end_is_clamped() -> None:
    assert rules.admissibility_due(datetime(2026, 1, 31, tzinfo=UTC)) == datetime(2026, 2, 28, tzinfo=UTC)
    assert rules.decision_due(Kind.ACCESS, datetime(2027, 10, 31, tzinfo=UTC)) == datetime(
        2028, 2, 29, tzinfo=UTC
    )


@given(
    st.dates(min_value=date(2000, 1, 1), max_value=date(2090, 1, 1)),
    st.integers(min_value=-30, max_value=400),
)
def test_revision_window_is_six_months_from_discovery(discovered: date, days: int) -> None:
    received = discovered + timedelta(days=days)
    inside = rules.revision_window_open(discovered, received)
    if days < 0 or days > 184:
        assert not inside
    if 0 <= days <= 180:
        assert inside


@given(moments, st.integers(min_value=-60, max_value=60))
def test_clock_state_warns_fourteen_days_ahead_then_overdue(due: datetime, days: int) -> None:
    now = due + timedelta(days=days)
    state = rules.clock_state(due, now)
    if days > 0:
        assert state is ClockState.OVERDUE
    elif days >= -rules.WARN_DAYS:
        assert state is ClockState.DUE_SOON
    else:
        assert state is ClockState.RUNNING
    assert rules.clock_state(due, now, done_at=due) is ClockState.MET
    assert rules.clock_state(due, now, done_at=due + timedelta(seconds=1)) is ClockState.MISSED


def test_overdue_lists_only_open_cases_past_their_running_clock() -> None:
    t = datetime(2026, 1, 1, tzinfo=UTC)
    cases = [
        ("late-admissibility", rules.Clocks(Status.RECEIVED, t, None, None, None)),
        ("late-decision", rules.Clocks(Status.CONSULTATION, t, t, t + timedelta(days=1), None)),
        ("in-time", rules.Clocks(Status.ADMISSIBLE, t, t, t + timedelta(days=300), None)),
        ("decided", rules.Clocks(Status.DECIDED, t, t, t, t)),
    ]
    late = rules.overdue(cases, t + timedelta(days=10))
    assert [(k, c) for k, c, _ in late] == [
        ("late-admissibility", Clock.ADMISSIBILITY),
        ("late-decision", Clock.DECISION),
    ]


def test_status_machine() -> None:
    rules.check_transition(Status.RECEIVED, Status.ADMISSIBLE)
    rules.check_transition(Status.DELIBERATION, Status.DECIDED)
    for current, target in [
        (Status.RECEIVED, Status.DECIDED),
        (Status.DECIDED, Status.ADMISSIBLE),
        (Status.INADMISSIBLE, Status.ADMISSIBLE),
    ]:
        with pytest.raises(InvalidTransition):
            rules.check_transition(current, target)


def test_revision_admissibility() -> None:
    ok = {"received_on": date(2026, 5, 1), "new_fact": "asylum granted", "discovered_on": date(2026, 3, 1)}
    assert rules.admissibility_problem(Kind.REVISION, parent_decided=True, **ok) is None  # type: ignore[arg-type]
    assert rules.admissibility_problem(Kind.REVISION, parent_decided=False, **ok)  # type: ignore[arg-type]
    late = ok | {"discovered_on": date(2025, 9, 1)}
    assert "six months" in (rules.admissibility_problem(Kind.REVISION, parent_decided=True, **late) or "")  # type: ignore[arg-type]
    assert (
        rules.admissibility_problem(
            Kind.DELETION,
            received_on=date(2026, 1, 1),
            new_fact=None,
            discovered_on=None,
            parent_decided=False,
        )
        is None
    )


def test_decision_consistency_and_not_examined_grounds() -> None:
    art3, private = Ground.ART3_POLITICAL_PREDOMINANCE, Ground.PRIVATE_DISPUTE
    findings = rules.complete_findings([art3, private], {private: Finding.UPHELD})
    assert findings == {art3: Finding.NOT_EXAMINED, private: Finding.UPHELD}
    assert rules.decision_problem(Outcome.NON_COMPLIANT, findings, None) is None
    assert rules.decision_problem(Outcome.NON_COMPLIANT, {art3: Finding.REJECTED}, None)
    assert rules.decision_problem(Outcome.COMPLIANT, findings, None)
    assert rules.decision_problem(Outcome.COMPLIANT_WITH_UPDATE, findings, None)
    assert (
        rules.decision_problem(Outcome.COMPLIANT_WITH_UPDATE, findings, "extradition refused by Latvia")
        is None
    )


@pytest.mark.parametrize(
    ("name", "content", "ok"),
    [
        ("a.pdf", b"%PDF-1.7 ...", True),
        ("a.PNG", b"\x89PNG\r\n\x1a\n....", True),
        ("a.jpg", b"\xff\xd8\xff\xe0....", True),
        ("a.txt", "Привет, commission\n".encode(), True),
        ("a.pdf", b"<html><script>alert(1)</script>", False),
        ("a.html", b"<html></html>", False),
        ("a.svg", b"<svg/>", False),
        ("a.txt", b"MZ\x90\x00\x03", False),
        ("noext", b"%PDF-", False),
        ("a.pdf", b"", False),
        ("a.pdf", b"%PDF-" + b"x" * uploads.MAX_BYTES, False),
    ],
)
def test_uploads_are_checked_by_extension_and_signature(name: str, content: bytes, ok: bool) -> None:
    assert (uploads.problem(name, content) is None) is ok
