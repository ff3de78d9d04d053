"""Register protected persons (indexed for matching), list them, and match a person against them."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from article3.accounts import service as accounts
from article3.actors import Actor, Role
from article3.audit import service as audit
from article3.audit.actions import AuditAction
from article3.countries import service as countries
from article3.errors import InvalidInput, NotFound, PermissionDenied
from article3.register import rules
from article3.register.models import ProtectionEntry
from article3.register.schemas import ProtectionRead, ProtectionRegister, RegisterHit
from article3.search import service as search
from article3.search.engine import SearchEngine
from article3.search.schemas import MatchHit, PersonQuery, PersonRecord

REGISTER_SOURCE = "register"


def _read(e: ProtectionEntry) -> ProtectionRead:
    return ProtectionRead(
        ref=e.ref,
        kind=rules.ProtectionKind(e.kind),
        against_country=e.against_country,
        organisation=e.organisation,
        since=e.since,
        created_at=e.created_at,
        revoked_at=e.revoked_at,
    )


def add(session: Session, *, actor: Actor, data: ProtectionRegister, now: datetime) -> ProtectionRead:
    """Register a person as protected; the person is indexed for matching at once.

    Records ``register:entry:registered`` (the names are hashed into the change, never stored in it).
    """
    problem = rules.registration_problem(actor, data.kind, data.against_country)
    if problem:
        raise PermissionDenied(problem, code="register.not_allowed")
    if data.against_country:
        countries.require_members(session, {"against_country": data.against_country})
    if actor.role is Role.REGISTRAR and not data.organisation:
        data = data.model_copy(update={"organisation": accounts.get(session, actor.user_id).organisation})
    if data.kind is rules.ProtectionKind.INTERNATIONAL_OFFICIAL and not data.organisation:
        raise InvalidInput(
            "Name the body the official serves",
            details=[
                {"path": "organisation", "code": "register.organisation_missing", "message": "required"}
            ],
        )
    entry = ProtectionEntry(
        ref="pending",
        kind=data.kind.value,
        against_country=data.against_country,
        organisation=data.organisation,
        registered_by=actor.user_id,
        registering_country=actor.country,
        since=data.since,
        note=data.note,
        created_at=now,
        revoked_at=None,
    )
    session.add(entry)
    session.flush()  # flush: the reference is built from the new id
    entry.ref = f"P-{entry.id:06d}"
    record = PersonRecord(id=entry.ref, **data.person.model_dump())
    search.upsert(session, record=record, access={"source": REGISTER_SOURCE, "kind": entry.kind}, now=now)
    audit.record(
        session,
        actor=actor,
        action=AuditAction.PROTECTION_REGISTERED,
        subject_type="register_entry",
        subject_id=entry.id,
        change=data.model_dump(mode="json"),
        now=now,
    )
    return _read(entry)


def list_entries(session: Session, *, actor: Actor) -> list[ProtectionRead]:
    """The secretariat and the commission see the register; a body sees what it registered."""
    query = select(ProtectionEntry).order_by(ProtectionEntry.id.desc())
    if actor.role not in rules.SEES_REGISTER:
        query = query.where(ProtectionEntry.registered_by == actor.user_id)
    return [_read(e) for e in session.scalars(query)]


def matches(
    session: Session, *, engine: SearchEngine, person: PersonQuery, limit: int = 5
) -> list[RegisterHit]:
    """Register entries matching a person at the engine's threshold (for the screening and messaging)."""
    [hits] = engine.search(
        session, [person], limit=limit, allowed=lambda access: access.get("source") == REGISTER_SOURCE
    )
    return hits_for(session, hits)


def is_register_entry(access: Mapping[str, Any]) -> bool:
    """Whether an indexed person is a register entry (by its access record)."""
    return access.get("source") == REGISTER_SOURCE


def hits_for(session: Session, hits: Iterable[MatchHit]) -> list[RegisterHit]:
    """The register entries in force behind search hits of register entries (``is_register_entry``).

    For a caller that searched the index once for several sources (the screening).
    """
    found = [h for h in hits if h.match]
    if not found:
        return []
    entries = {
        e.ref: e
        for e in session.scalars(
            select(ProtectionEntry).where(
                ProtectionEntry.ref.in_([h.id for h in found]), ProtectionEntry.revoked_at.is_(None)
            )
        )
    }
    return [
        RegisterHit(
            ref=e.ref,
            kind=rules.ProtectionKind(e.kind),
            against_country=e.against_country,
            organisation=e.organisation,
            since=e.since,
            score=h.score,
            registered_by=_registrant(session, e),
        )
        for h in found
        if (e := entries.get(h.id)) is not None
    ]


def _registrant(session: Session, entry: ProtectionEntry) -> str:
    """Who registered an entry, for reviewers only: a country's bureau, or the body of the account."""
    if entry.registering_country:
        return f"bureau of {entry.registering_country}"
    account = accounts.get(session, entry.registered_by)
    if account.role is Role.CCF_MEMBER:
        return "the complaints commission"
    return account.organisation or entry.organisation or f"account #{entry.registered_by}"


def status_of(session: Session, ref: str) -> str:
    """``registered`` or ``revoked`` (for the scenario runner's status of a step)."""
    entry = session.scalars(select(ProtectionEntry).where(ProtectionEntry.ref == ref)).first()
    if entry is None:
        raise NotFound("No such register entry", code="register.not_found")
    return "revoked" if entry.revoked_at else "registered"
