"""Messages between bureaus, their recipients (with read receipts), request references and attachments.

``Message.reasons`` and ``Message.concerned`` hold why monitoring held a message and which index
entries (request refs, register refs — ids only, never names) it matched: compliance staff see them,
the sender never does.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from article3.db.base import Base


class Message(Base):
    __tablename__ = "messages"

    id: Mapped[int] = mapped_column(primary_key=True)
    ref: Mapped[str] = mapped_column(String(24), unique=True)
    thread_id: Mapped[int | None] = mapped_column(ForeignKey("messages.id"), index=True)
    reply_to_id: Mapped[int | None] = mapped_column(ForeignKey("messages.id"))
    sender_country: Mapped[str] = mapped_column(ForeignKey("countries.code"), index=True)
    sent_by: Mapped[int] = mapped_column(ForeignKey("users.id"))
    subject: Mapped[str] = mapped_column(String(300))
    body: Mapped[str] = mapped_column(Text)
    persons: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    status: Mapped[str] = mapped_column(String(16), index=True)
    asks: Mapped[list[str]] = mapped_column(JSON, default=list)
    asking: Mapped[bool] = mapped_column(default=False, index=True)
    reasons: Mapped[list[str]] = mapped_column(JSON, default=list)
    concerned: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    held: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[datetime] = mapped_column(index=True)
    delivered_at: Mapped[datetime | None]
    decided_at: Mapped[datetime | None]
    decided_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    decision_grounds: Mapped[str | None] = mapped_column(Text)
    linked_at: Mapped[datetime | None]
    recipients: Mapped[list[MessageRecipient]] = relationship(
        back_populates="message", cascade="all, delete-orphan"
    )
    request_refs: Mapped[list[MessageRequestRef]] = relationship(
        back_populates="message", cascade="all, delete-orphan"
    )
    attachments: Mapped[list[Attachment]] = relationship(
        back_populates="message", cascade="all, delete-orphan", order_by="Attachment.id"
    )


class MessageRecipient(Base):
    """A bureau a message is addressed to, and when it read the message."""

    __tablename__ = "message_recipients"

    message_id: Mapped[int] = mapped_column(ForeignKey("messages.id"), primary_key=True)
    country_code: Mapped[str] = mapped_column(ForeignKey("countries.code"), primary_key=True, index=True)
    read_at: Mapped[datetime | None]
    read_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    message: Mapped[Message] = relationship(back_populates="recipients")


class MessageRequestRef(Base):
    """A request a message refers to by its reference (kept as text: deleted requests stay findable)."""

    __tablename__ = "message_request_refs"

    message_id: Mapped[int] = mapped_column(ForeignKey("messages.id"), primary_key=True)
    request_ref: Mapped[str] = mapped_column(String(32), primary_key=True, index=True)
    message: Mapped[Message] = relationship(back_populates="request_refs")


class Attachment(Base):
    """A file stored under the data directory with a random name; served only as a download.

    ``text_read`` and ``unread_reason`` (a ``reading.Unread`` code) say whether monitoring read its
    text; both are None on attachments sent before monitoring recorded it (revision 0011a1b2c3d4).
    """

    __tablename__ = "message_attachments"

    id: Mapped[int] = mapped_column(primary_key=True)
    token: Mapped[str] = mapped_column(String(40), unique=True)
    message_id: Mapped[int] = mapped_column(ForeignKey("messages.id"), index=True)
    filename: Mapped[str] = mapped_column(String(120))
    media_type: Mapped[str] = mapped_column(String(40))
    size: Mapped[int]
    sha256: Mapped[str] = mapped_column(String(64))
    stored_name: Mapped[str] = mapped_column(String(80))
    text_read: Mapped[bool | None]
    unread_reason: Mapped[str | None] = mapped_column(String(24))
    message: Mapped[Message] = relationship(back_populates="attachments")
