"""What the person index is built from, the outbox that keeps every worker's index current, and the
search log. ``IndexedPerson`` holds personal data and is purged on deletion; the others hold ids."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, String
from sqlalchemy.orm import Mapped, mapped_column

from article3.db.base import Base


class IndexedPerson(Base):
    """A neutral person record with what decides who may see it (never a Notice)."""

    __tablename__ = "indexed_persons"

    entry_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    record: Mapped[dict[str, Any]] = mapped_column(JSON)
    access: Mapped[dict[str, Any]] = mapped_column(JSON)
    updated_at: Mapped[datetime]


class IndexChange(Base):
    """Outbox: every change to the indexed persons, in commit order, for the in-memory indexes."""

    __tablename__ = "index_changes"

    seq: Mapped[int] = mapped_column(primary_key=True, autoincrement=True)
    entry_id: Mapped[str] = mapped_column(String(64))
    at: Mapped[datetime]


class SearchLog(Base):
    """Who searched, when, a hash of the query and the ids of the hits: accountability, no names."""

    __tablename__ = "search_log"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime]
    actor: Mapped[str] = mapped_column(String(64))
    country: Mapped[str | None] = mapped_column(String(2))
    kind: Mapped[str] = mapped_column(String(16))
    query_hash: Mapped[str] = mapped_column(String(64))
    hit_ids: Mapped[list[str]] = mapped_column(JSON)
