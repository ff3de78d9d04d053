"""A register entry. The person's names live in the search index's record (one place to purge)."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from article3.db.base import Base


class ProtectionEntry(Base):
    __tablename__ = "protection_entries"

    id: Mapped[int] = mapped_column(primary_key=True)
    ref: Mapped[str] = mapped_column(String(24), unique=True)
    kind: Mapped[str] = mapped_column(String(32))
    against_country: Mapped[str | None] = mapped_column(ForeignKey("countries.code"))
    organisation: Mapped[str | None] = mapped_column(String(160))
    registered_by: Mapped[int] = mapped_column(ForeignKey("users.id"))
    registering_country: Mapped[str | None] = mapped_column(String(2))
    since: Mapped[date | None]
    note: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime]
    revoked_at: Mapped[datetime | None]
