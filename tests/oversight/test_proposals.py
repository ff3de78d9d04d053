"""Thresholds propose measures (pure rules); governance alone decides; the database refuses a
measure that would end without a recorded decision."""

from __future__ import annotations

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from article3.bootstrap import Runtime
from article3.oversight.rules import MeasureKind, RecordFigures, Thresholds, propose
from tests.factories import oversight as ov

RUSSIA_2024 = RecordFigures(
    country="RU",
    decided=200,
    published=180,
    complaints=60,
    gap_low=0.31,
    overturn_low=0.37,
    flag_share_low=0.05,
)


def test_the_russian_pattern_proposes_enhanced_review() -> None:
    found = propose(RUSSIA_2024, Thresholds(), frozenset())
    assert [(p.kind, p.criterion) for p in found] == [(MeasureKind.ENHANCED_REVIEW, "gap")]
    assert "31 %" in found[0].explanation


def test_higher_overturn_rates_propose_graver_measures() -> None:
    grave = RecordFigures(
        country="XX", decided=50, published=40, complaints=30, gap_low=0.5, overturn_low=0.8
    )
    kinds = [p.kind for p in propose(grave, Thresholds(), frozenset())]
    assert kinds == [MeasureKind.ENHANCED_REVIEW, MeasureKind.DIFFUSION_HOLD, MeasureKind.SUSPENSION]


def test_measures_in_force_and_thin_records_propose_nothing() -> None:
    assert propose(RUSSIA_2024, Thresholds(), frozenset({"enhanced_review"})) == []
    thin = RecordFigures(country="XX", decided=5, published=5, complaints=3, gap_low=0.9, overturn_low=0.9)
    assert propose(thin, Thresholds(), frozenset()) == []


def test_flags_and_blocked_messages() -> None:
    flagged = RecordFigures(country="XX", decided=40, published=40, flag_share_low=0.3, blocked_messages=7)
    found = {(p.kind, p.criterion) for p in propose(flagged, Thresholds(), frozenset())}
    assert found == {(MeasureKind.ENHANCED_REVIEW, "flags"), (MeasureKind.MESSAGE_HOLD, "blocked_messages")}


@pytest.mark.parametrize(
    "statement",
    [
        "DELETE FROM measures",
        "UPDATE measures SET lifted_at = applied_at",  # no decision: no reason, no one
        "UPDATE measures SET lifted_at = applied_at, lifted_by = applied_by, lifted_reason = ' '",
        "UPDATE measures SET kind = 'suspension'",
    ],
)
def test_the_database_refuses_a_quiet_end(runtime: Runtime, statement: str) -> None:
    ov.applied(runtime)
    with runtime.engine.connect() as conn, pytest.raises(DBAPIError, match="recorded lifting decision"):
        conn.execute(text(statement))
        conn.commit()


def test_a_lifted_measure_stays_lifted(runtime: Runtime) -> None:
    measure = ov.applied(runtime)
    ov.lifted(runtime, measure)
    with runtime.engine.connect() as conn, pytest.raises(DBAPIError):
        conn.execute(text("UPDATE measures SET lifted_at = NULL, lifted_by = NULL, lifted_reason = NULL"))
        conn.commit()
