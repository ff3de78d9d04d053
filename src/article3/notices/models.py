"""Requests (red notices and diffusions), their recipients, flags and the bureaus' inboxes."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from article3.db.base import Base


class Request(Base):
    """A request as submitted. ``document`` holds the personal data and is purged on deletion."""

    __tablename__ = "requests"
    # A requester's record (the screening counts its requests by status at every submission)
    # reads this index alone, not the wide rows; it also serves every lookup by country.
    __table_args__ = (Index("ix_requests_country_status", "requesting_country", "status"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    ref: Mapped[str] = mapped_column(String(32), unique=True)
    kind: Mapped[str] = mapped_column(String(16))
    purpose: Mapped[str] = mapped_column(String(16))
    requesting_country: Mapped[str] = mapped_column(ForeignKey("countries.code"))
    status: Mapped[str] = mapped_column(String(16), index=True)
    status_reason: Mapped[str | None] = mapped_column(Text)
    route: Mapped[str | None] = mapped_column(String(24))
    risk: Mapped[float | None]
    document: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    intake_failures: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    submitted_by: Mapped[int] = mapped_column(ForeignKey("users.id"))
    submitted_at: Mapped[datetime]
    status_changed_at: Mapped[datetime]
    published_at: Mapped[datetime | None]
    expires_at: Mapped[datetime | None]
    renewal_prompted_at: Mapped[datetime | None]
    blocked: Mapped[bool] = mapped_column(default=False)  # the commission's provisional block
    recipients: Mapped[list[RequestRecipient]] = relationship(
        back_populates="request", cascade="all, delete-orphan"
    )
    flags: Mapped[list[Flag]] = relationship(back_populates="request", cascade="all, delete-orphan")


class RequestRecipient(Base):
    """A country a diffusion is addressed to."""

    __tablename__ = "request_recipients"

    request_id: Mapped[int] = mapped_column(ForeignKey("requests.id"), primary_key=True)
    country_code: Mapped[str] = mapped_column(ForeignKey("countries.code"), primary_key=True, index=True)
    request: Mapped[Request] = relationship(back_populates="recipients")


class Flag(Base):
    """A member's "no action on our territory" on a published request."""

    __tablename__ = "request_flags"
    __table_args__ = (UniqueConstraint("request_id", "country_code"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    request_id: Mapped[int] = mapped_column(ForeignKey("requests.id"), index=True)
    country_code: Mapped[str] = mapped_column(ForeignKey("countries.code"))
    reason: Mapped[str] = mapped_column(String(40))
    note: Mapped[str | None] = mapped_column(Text)
    created_by: Mapped[int] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime]
    request: Mapped[Request] = relationship(back_populates="flags")


class Notification(Base):
    """One message in a bureau's inbox about a request; deletions ask for a purge confirmation."""

    __tablename__ = "notifications"

    id: Mapped[int] = mapped_column(primary_key=True)
    country_code: Mapped[str] = mapped_column(ForeignKey("countries.code"), index=True)
    kind: Mapped[str] = mapped_column(String(24))
    request_id: Mapped[int] = mapped_column(ForeignKey("requests.id"), index=True)
    created_at: Mapped[datetime]
    read_at: Mapped[datetime | None]
    purge_required: Mapped[bool] = mapped_column(default=False)
    purge_confirmed_at: Mapped[datetime | None]
