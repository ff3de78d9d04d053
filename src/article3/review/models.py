"""Queue entries and the decisions taken on them."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from article3.db.base import Base


class ReviewItem(Base):
    __tablename__ = "review_items"

    id: Mapped[int] = mapped_column(primary_key=True)
    request_id: Mapped[int] = mapped_column(ForeignKey("requests.id"), unique=True)
    route: Mapped[str] = mapped_column(String(24))
    enqueued_at: Mapped[datetime]
    claimed_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    claimed_at: Mapped[datetime | None]
    closed_at: Mapped[datetime | None]
    awaiting_info: Mapped[bool] = mapped_column(default=False)
    decisions: Mapped[list[ReviewDecision]] = relationship(
        back_populates="item", order_by="ReviewDecision.id"
    )


class ReviewDecision(Base):
    __tablename__ = "review_decisions"

    id: Mapped[int] = mapped_column(primary_key=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("review_items.id"), index=True)
    reviewer_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    decision: Mapped[str] = mapped_column(String(16))
    grounds: Mapped[list[str]] = mapped_column(JSON)
    factors: Mapped[dict[str, Any]] = mapped_column(JSON)
    note: Mapped[str | None] = mapped_column(Text)
    decided_at: Mapped[datetime]
    item: Mapped[ReviewItem] = relationship(back_populates="decisions")
