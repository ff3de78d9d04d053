"""What the messaging interfaces take and return."""

from __future__ import annotations

import base64
import binascii
from datetime import datetime
from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field, field_validator

from article3.messages.files import MAX_FILES
from article3.messages.rules import Status
from article3.search.schemas import PersonQuery
from article3.types import CountryCode

RequestRef = str


class AttachmentUpload(BaseModel):
    """A file sent with a message, base64-encoded in JSON (the web form sends it as multipart)."""

    model_config = ConfigDict(extra="forbid")

    filename: str = Field(min_length=1, max_length=200)
    content_base64: str = Field(min_length=1)

    def content(self) -> bytes:
        try:
            return base64.b64decode(self.content_base64, validate=True)
        except (binascii.Error, ValueError):
            return b""


class MessageSend(BaseModel):
    model_config = ConfigDict(extra="forbid")

    to: list[CountryCode] = Field(min_length=1, max_length=50, description="The bureaus addressed")
    subject: str = Field(min_length=1, max_length=300)
    body: str = Field(min_length=1, max_length=20_000, description="Any language")
    persons: list[PersonQuery] = Field(default_factory=list, max_length=20)
    requests: list[RequestRef] = Field(default_factory=list, max_length=20, description="Request refs")
    reply_to: str | None = Field(None, description="The ref of the message this answers")
    attachments: list[AttachmentUpload] = Field(default_factory=list, max_length=MAX_FILES)

    @field_validator("to")
    @classmethod
    def _distinct(cls, codes: list[str]) -> list[str]:
        return list(dict.fromkeys(codes))

    @field_validator("requests")
    @classmethod
    def _refs(cls, refs: list[str]) -> list[str]:
        cleaned = list(dict.fromkeys(r.strip() for r in refs))
        if not all(0 < len(r) <= 32 for r in cleaned):
            raise ValueError("request refs are 1 to 32 characters")
        return cleaned


class AttachmentRead(BaseModel):
    """An attachment; whether monitoring read its text is shown to the sender and compliance staff
    only (None for recipients, and for attachments sent before it was recorded)."""

    id: str
    position: int = Field(description="1 for the first attachment sent, 2 for the second...")
    filename: str
    media_type: str
    size: int
    text_read: bool | None = Field(None, description="Whether monitoring read its text")
    unread_reason: str | None = Field(
        None,
        description="Why not: encrypted, corrupt, no_text, too_many_pages, too_much_text, "
        "time_limit, memory_limit or image (docs/messages.md)",
    )
    unread_help: str | None = Field(None, description="The reason in plain words: what the sender can do")


class RecipientRead(BaseModel):
    country: str
    read_at: datetime | None = Field(None, description="Read receipts: shown to the sender only")


class MessageRead(BaseModel):
    """A message as its sender or a recipient sees it (never why monitoring held it)."""

    ref: str
    thread: str
    reply_to: str | None
    sender_country: str
    recipients: list[RecipientRead]
    subject: str
    body: str
    persons: list[PersonQuery]
    requests: list[str]
    attachments: list[AttachmentRead]
    status: Status
    status_label: str
    created_at: datetime
    delivered_at: datetime | None


class MessageSummary(BaseModel):
    ref: str
    thread: str
    sender_country: str
    recipients: list[str]
    subject: str
    status: Status
    status_label: str
    created_at: datetime
    read_at: datetime | None = Field(None, description="In an inbox: when your bureau read it")


class MessageReview(MessageRead):
    """What compliance staff see of a held (or linked) message: why, and what it matched (ids only)."""

    asks: list[str]
    reasons: list[str]
    concerned: list[dict[str, object]]
    decided_at: datetime | None
    decision_grounds: str | None
    linked_at: datetime | None


class Decision(StrEnum):
    RELEASE = "release"
    BLOCK = "block"


class MessageDecide(BaseModel):
    model_config = ConfigDict(extra="forbid")

    decision: Decision
    grounds: str = Field(min_length=10, max_length=8000, description="Why, in words (audited)")


class CountryCounts(BaseModel):
    """One bureau's messages by outcome, for its record and the statistics."""

    country: str
    delivered: int
    held: int
    pending: int
    released: int
    blocked: int
