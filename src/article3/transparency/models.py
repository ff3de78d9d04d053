"""A built transparency report: its published files, frozen with their signatures."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from article3.db.base import Base


class Report(Base):
    """A snapshot: once built, a report never changes (triggers refuse UPDATE and DELETE)."""

    __tablename__ = "transparency_reports"

    id: Mapped[int] = mapped_column(primary_key=True)
    year: Mapped[int] = mapped_column(index=True)
    built_at: Mapped[datetime]
    built_by: Mapped[str] = mapped_column(String(64))
    audit_head_seq: Mapped[int]
    audit_head_hash: Mapped[str] = mapped_column(String(64))
    content_sha256: Mapped[str] = mapped_column(String(64))
    key_id: Mapped[str] = mapped_column(String(32))
    json_text: Mapped[str] = mapped_column(Text)
    csv_text: Mapped[str] = mapped_column(Text)
    html_text: Mapped[str] = mapped_column(Text)
    signatures: Mapped[dict[str, Any]] = mapped_column(JSON)
