"""Complaints to the commission, their documents, the requests they concern, consultations of the
source, extensions of the statutory clocks, and decisions."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import JSON, ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from article3.db.base import Base


class Complaint(Base):
    """A case. ``applicant`` and ``statement`` hold the applicant's personal data."""

    __tablename__ = "complaints"

    id: Mapped[int] = mapped_column(primary_key=True)
    ref: Mapped[str] = mapped_column(String(24), unique=True)
    kind: Mapped[str] = mapped_column(String(16))
    status: Mapped[str] = mapped_column(String(16), index=True)
    lodged_by: Mapped[str] = mapped_column(String(16))  # applicant | lawyer
    applicant_user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), index=True)
    applicant: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    representative: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    statement: Mapped[str | None] = mapped_column(Text)
    grounds_raised: Mapped[list[str]] = mapped_column(JSON, default=list)
    cited_refs: Mapped[list[str]] = mapped_column(JSON, default=list)
    pre_emptive: Mapped[bool] = mapped_column(default=False)
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("complaints.id"))
    new_fact: Mapped[str | None] = mapped_column(Text)
    fact_discovered_on: Mapped[date | None]
    received_at: Mapped[datetime]
    admissibility_due: Mapped[datetime]
    assessed_at: Mapped[datetime | None]
    admissibility_reason: Mapped[str | None] = mapped_column(Text)
    decision_due: Mapped[datetime | None]
    decided_at: Mapped[datetime | None]
    blocked_at: Mapped[datetime | None]
    block_reason: Mapped[str | None] = mapped_column(Text)
    warned_at: Mapped[datetime | None]  # the running clock's warning (reset when a clock starts)
    overdue_at: Mapped[datetime | None]  # the running clock's miss, recorded once
    documents: Mapped[list[ComplaintDocument]] = relationship(back_populates="complaint")
    links: Mapped[list[ComplaintLink]] = relationship(back_populates="complaint")
    consultations: Mapped[list[Consultation]] = relationship(back_populates="complaint")
    extensions: Mapped[list[Extension]] = relationship(back_populates="complaint")
    decision: Mapped[Decision | None] = relationship(back_populates="complaint", uselist=False)


class ComplaintDocument(Base):
    """A supporting document, stored on disk under a random name (``stored_name``)."""

    __tablename__ = "complaint_documents"

    id: Mapped[int] = mapped_column(primary_key=True)
    complaint_id: Mapped[int] = mapped_column(ForeignKey("complaints.id"), index=True)
    stored_name: Mapped[str] = mapped_column(String(64), unique=True)
    kind: Mapped[str] = mapped_column(String(8))
    size: Mapped[int]
    sha256: Mapped[str] = mapped_column(String(64))
    uploaded_at: Mapped[datetime]
    complaint: Mapped[Complaint] = relationship(back_populates="documents")


class ComplaintLink(Base):
    """A request the complaint concerns: cited by the applicant or found by the person search."""

    __tablename__ = "complaint_links"
    __table_args__ = (UniqueConstraint("complaint_id", "request_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    complaint_id: Mapped[int] = mapped_column(ForeignKey("complaints.id"), index=True)
    request_id: Mapped[int] = mapped_column(ForeignKey("requests.id"), index=True)
    source: Mapped[str] = mapped_column(String(16))  # cited | matched
    score: Mapped[float]
    linked_at: Mapped[datetime]
    cleared_at: Mapped[datetime | None]  # the commission saw no reason for a provisional block
    complaint: Mapped[Complaint] = relationship(back_populates="links")


class Consultation(Base):
    """The source bureau asked about a request, with a deadline; its answer and any restriction."""

    __tablename__ = "complaint_consultations"

    id: Mapped[int] = mapped_column(primary_key=True)
    complaint_id: Mapped[int] = mapped_column(ForeignKey("complaints.id"), index=True)
    request_id: Mapped[int] = mapped_column(ForeignKey("requests.id"))
    country_code: Mapped[str] = mapped_column(ForeignKey("countries.code"), index=True)
    questions: Mapped[str] = mapped_column(Text)
    asked_at: Mapped[datetime]
    due_at: Mapped[datetime]
    answer: Mapped[str | None] = mapped_column(Text)
    answered_at: Mapped[datetime | None]
    lapsed_at: Mapped[datetime | None]
    restrictions: Mapped[list[str]] = mapped_column(JSON, default=list)
    restriction_note: Mapped[str | None] = mapped_column(Text)
    restriction_accepted: Mapped[bool | None]
    restriction_decided_at: Mapped[datetime | None]
    complaint: Mapped[Complaint] = relationship(back_populates="consultations")


class Extension(Base):
    """One extension of a statutory clock, with its reason."""

    __tablename__ = "complaint_extensions"

    id: Mapped[int] = mapped_column(primary_key=True)
    complaint_id: Mapped[int] = mapped_column(ForeignKey("complaints.id"), index=True)
    clock: Mapped[str] = mapped_column(String(16))
    months: Mapped[int]
    reason: Mapped[str] = mapped_column(Text)
    extended_by: Mapped[int] = mapped_column(ForeignKey("users.id"))
    extended_at: Mapped[datetime]
    complaint: Mapped[Complaint] = relationship(back_populates="extensions")


class Decision(Base):
    """The commission's binding decision, with a finding per ground examined (or not examined)."""

    __tablename__ = "complaint_decisions"

    id: Mapped[int] = mapped_column(primary_key=True)
    complaint_id: Mapped[int] = mapped_column(ForeignKey("complaints.id"), unique=True)
    outcome: Mapped[str] = mapped_column(String(24), index=True)
    findings: Mapped[dict[str, str]] = mapped_column(JSON)
    update_text: Mapped[str | None] = mapped_column(Text)
    applicant_text: Mapped[str | None] = mapped_column(Text)
    data_type: Mapped[str | None] = mapped_column(String(16))
    requester_region: Mapped[str | None] = mapped_column(String(40))
    requesting_countries: Mapped[list[str]] = mapped_column(JSON, default=list)
    decided_by: Mapped[int] = mapped_column(ForeignKey("users.id"))
    decided_at: Mapped[datetime]
    on_time: Mapped[bool]
    complaint: Mapped[Complaint] = relationship(back_populates="decision")
    countries: Mapped[list[DecisionCountry]] = relationship(cascade="all, delete-orphan")


class DecisionCountry(Base):
    """One requesting country whose request a decided complaint concerned, and whether the decision
    found it non-compliant: the requester's record, which the screening reads at every submission
    from one index (``complaints.requester_outcomes``) rather than from all the country's requests.
    Written with the decision; a decided complaint takes no new links (complaints/later.py)."""

    __tablename__ = "complaint_decision_countries"
    __table_args__ = (Index("ix_decision_countries_record", "country_code", "non_compliant"),)

    decision_id: Mapped[int] = mapped_column(ForeignKey("complaint_decisions.id"), primary_key=True)
    country_code: Mapped[str] = mapped_column(ForeignKey("countries.code"), primary_key=True)
    non_compliant: Mapped[bool]
