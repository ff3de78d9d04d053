"""A screening run: the route, risk and findings the screening gave a request."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, ForeignKey, String
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
