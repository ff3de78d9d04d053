"""Lodging a complaint: check the documents, open the case, give the applicant a login, store the
documents with the transaction, and link the case to the requests it concerns."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from article3.accounts import service as accounts
from article3.actors import Actor, Role
from article3.audit import service as audit
from article3.audit.actions import AuditAction
from article3.complaints import later, rules, uploads
from article3.complaints.cases import CLOCK_ACTOR, PORTAL_ACTOR
from article3.complaints.documents import stage
from article3.complaints.models import Complaint, ComplaintDocument, ComplaintLink
from article3.complaints.rules import Kind, Status
from article3.complaints.schemas import ComplaintLodge, LodgeReceipt
from article3.errors import InvalidInput, NotFound
from article3.notices import service as notices
from article3.search.engine import SearchEngine
from article3.search.schemas import PersonQuery


def lodge(
    session: Session,
    *,
    actor: Actor | None,
    data: ComplaintLodge,
    documents: Sequence[tuple[str, bytes]],
    engine: SearchEngine,
    data_dir: Path,
    now: datetime,
) -> LodgeReceipt:
    """Take a complaint from an applicant or their lawyer (no account needed), store its documents,
    match it to requests through the person search (for the commission only), put the applicant in
    the person index for later requests (``later``), and give the applicant a case number and a
    login. The documents become final files only if the caller's
    transaction commits. Records ``complaints:complaint:lodged``."""
    _check_documents(documents)
    if data.representative is not None and not data.representative.power_of_representation:
        raise InvalidInput(
            "A lawyer lodges with a power of representation",
            details=[{"path": "representative.power_of_representation", "code": "required", "message": ""}],
        )
    parent = _parent(session, data)
    complaint = _open(data, parent, now)
    session.add(complaint)
    session.flush()  # flush: the case number is built from the new id
    prefix = "CCFR" if parent else "CCF"
    complaint.ref = f"{prefix}-{now.year}-{complaint.id:06d}"
    complaint.applicant_user_id, username, password = _login(session, actor, complaint.ref, now)
    _store(session, complaint, documents, data_dir, now)
    _match(session, complaint, data.applicant, engine, now)
    later.index(session, complaint, data.applicant, now)
    audit.record(
        session,
        actor=actor or PORTAL_ACTOR,
        action=AuditAction.COMPLAINT_LODGED,
        subject_type="complaint",
        subject_id=complaint.id,
        change=data.model_dump(mode="json"),
        now=now,
    )
    return LodgeReceipt(
        ref=complaint.ref,
        status=Status.RECEIVED,
        username=username,
        password=password,
        admissibility_due=complaint.admissibility_due,
    )


def _check_documents(documents: Sequence[tuple[str, bytes]]) -> None:
    if len(documents) > uploads.MAX_FILES:
        raise InvalidInput(
            f"At most {uploads.MAX_FILES} documents",
            details=[{"path": "documents", "code": "complaint.too_many_documents", "message": "too many"}],
        )
    details = [
        {"path": f"documents[{i}]", "code": "complaint.document_refused", "message": problem}
        for i, (name, content) in enumerate(documents)
        if (problem := uploads.problem(name, content)) is not None
    ]
    if details:
        raise InvalidInput("A document was refused", details=details)


def _parent(session: Session, data: ComplaintLodge) -> Complaint | None:
    if data.kind is not Kind.REVISION:
        return None
    parent = session.scalars(select(Complaint).where(Complaint.ref == (data.parent_ref or ""))).first()
    if parent is None:
        raise InvalidInput(
            "A revision names the decided case it asks to revise",
            details=[{"path": "parent_ref", "code": "complaint.parent_unknown", "message": "no such case"}],
        )
    return parent


def _open(data: ComplaintLodge, parent: Complaint | None, now: datetime) -> Complaint:
    return Complaint(
        ref="pending",
        kind=data.kind.value,
        status=Status.RECEIVED.value,
        lodged_by="lawyer" if data.representative else "applicant",
        applicant={**data.applicant.model_dump(mode="json"), "contact": data.contact},
        representative=data.representative.model_dump(mode="json") if data.representative else None,
        statement=data.statement,
        grounds_raised=[g.value for g in data.grounds],
        cited_refs=list(data.refs),
        pre_emptive=data.pre_emptive,
        parent_id=parent.id if parent else None,
        new_fact=data.new_fact,
        fact_discovered_on=data.fact_discovered_on,
        received_at=now,
        admissibility_due=rules.admissibility_due(now),
    )


def _login(session: Session, actor: Actor | None, ref: str, now: datetime) -> tuple[int, str, str | None]:
    """The applicant's account: the caller's own if it is an applicant, else a new one for this case
    with a generated secret (shown once)."""
    if actor is not None and actor.role is Role.APPLICANT:
        return actor.user_id, accounts.get(session, actor.user_id).username, None
    user, secret = accounts.create_with_secret(
        session, actor=CLOCK_ACTOR, username=ref.lower(), role=Role.APPLICANT, now=now
    )
    return user.id, user.username, secret


def _store(
    session: Session,
    complaint: Complaint,
    files: Sequence[tuple[str, bytes]],
    data_dir: Path,
    now: datetime,
) -> None:
    for name, content in files:
        checked = uploads.check(name, content)
        assert checked is not None  # _check_documents refused anything else
        session.add(
            ComplaintDocument(
                complaint_id=complaint.id,
                stored_name=stage(session, data_dir, content),
                kind=checked.kind,
                size=checked.size,
                sha256=checked.sha256,
                uploaded_at=now,
            )
        )


def _match(
    session: Session, complaint: Complaint, person: PersonQuery, engine: SearchEngine, now: datetime
) -> None:
    found: dict[str, tuple[str, float]] = {}
    for ref in complaint.cited_refs:
        found[ref] = ("cited", 1.0)
    [hits] = engine.search(session, [person], limit=10, allowed=lambda a: a.get("source") == "request")
    for hit in hits:
        if hit.match and hit.id not in found:
            found[hit.id] = ("matched", hit.score)
    for ref, (source, score) in found.items():
        try:
            request = notices.by_ref(session, ref)
        except NotFound:
            continue  # a cited ref that does not exist: the complaint stands as pre-emptive
        session.add(
            ComplaintLink(
                complaint_id=complaint.id, request_id=request.id, source=source, score=score, linked_at=now
            )
        )
