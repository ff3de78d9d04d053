"""A screening run: the route, risk and findings the screening gave a request."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from article3.db.base import Base


class ScreeningRun(Base):
    __tablename__ = "screening_runs"

    id: Mapped[int] = mapped_column(primary_key=True)
    request_id: Mapped[int] = mapped_column(ForeignKey("requests.id"), index=True)
    ruleset: Mapped[str] = mapped_column(String(40))
    version: Mapped[str] = mapped_column(String(40))
    risk: Mapped[float]
    route: Mapped[str] = mapped_column(String(24))
    findings: Mapped[list[dict[str, Any]]] = mapped_column(JSON)
    # The learned component's input at screening time (learned.FEATURE_NAMES), kept so that the
    # model is retrained on what the screening saw then, not on what the system knows later.
    features: Mapped[list[float] | None] = mapped_column(JSON)
    created_at: Mapped[datetime]


class WordingPhrase(Base):
    """One phrase's tally over the commission's decided requests (screening/wording.py).

    ``key`` is the phrase's keyed hash; ``phrase`` its text, kept only once at least
    ``wording.MIN_USES`` decided requests have used it (a rarer phrase could say something about
    one request whose data the commission had deleted)."""

    __tablename__ = "wording_phrases"

    key: Mapped[str] = mapped_column(String(32), primary_key=True)
    phrase: Mapped[str | None] = mapped_column(Text)
    overturned: Mapped[int] = mapped_column(default=0)
    stood: Mapped[int] = mapped_column(default=0)


class WordingDecision(Base):
    """That a decided request's phrases were counted, under which outcome, and the raw score its
    wording had from the counts before it was counted (what the calibration is fitted on)."""

    __tablename__ = "wording_decisions"

    request_id: Mapped[int] = mapped_column(ForeignKey("requests.id"), primary_key=True)
    non_compliant: Mapped[bool]
    score: Mapped[float]
    decided_at: Mapped[datetime]


class WordingCalibration(Base):
    """One fit of the raw score to a probability; the screening uses the latest."""

    __tablename__ = "wording_calibrations"

    id: Mapped[int] = mapped_column(primary_key=True)
    slope: Mapped[float]
    intercept: Mapped[float]
    n: Mapped[int]
    positives: Mapped[int]
    fitted_at: Mapped[datetime]
