"""Intake, transitions, flags, visibility, validity and the bureaus' inboxes."""

from __future__ import annotations

from datetime import datetime
from typing import cast

from sqlalchemy import Insert, Table, bindparam, exists, func, insert, null, or_, select
from sqlalchemy.orm import Session, selectinload
from sqlalchemy.sql.elements import ColumnElement

from article3.actors import Actor
from article3.audit import service as audit
from article3.audit.actions import AuditAction
from article3.countries import service as countries
from article3.countries.models import Country
from article3.errors import Conflict, InvalidInput, NotFound, PermissionDenied
from article3.notices import criteria, rules
from article3.notices.document import RequestDocument
from article3.notices.models import Flag, Notification, Request, RequestRecipient
from article3.notices.rules import Status
from article3.notices.schemas import FlagRaise, FlagRead, NotificationRead, RequestRead
from article3.search import access as search_access
from article3.search import service as search
from article3.search.schemas import PersonRecord

SYSTEM_ACTOR = "system:clock"


def submit(session: Session, *, actor: Actor, document: RequestDocument, now: datetime) -> Request:
    """Take a request from an NCB: check the minimum criteria; store it ``in_review`` or ``rejected``.

    Records ``notices:request:submitted`` or ``notices:request:rejected``. A rejected request is kept
    with its reasons so that it counts in the statistics.
    """
    if not actor.role.bound_to_country:
        raise PermissionDenied("Only a National Central Bureau submits requests")
    if document.requesting_country != actor.country:
        raise InvalidInput(
            "The requesting country must be your bureau's country",
            details=[
                {
                    "path": "requesting_country",
                    "code": "request.not_your_country",
                    "message": f"you submit for {actor.country}",
                }
            ],
        )
    codes = {"requesting_country": document.requesting_country}
    codes |= {f"recipients[{i}]": c for i, c in enumerate(document.recipients)}
    codes |= {f"subject.nationalities[{i}]": c for i, c in enumerate(document.subject.nationalities)}
    countries.require_members(session, codes)
    failures = criteria.evaluate(document, today=now.date())
    status = Status.REJECTED if failures else Status.IN_REVIEW
    request = Request(
        ref="pending",
        kind=document.kind,
        purpose=document.purpose,
        requesting_country=document.requesting_country,
        status=status.value,
        status_reason=None,
        document=document.model_dump(mode="json"),
        submitted_by=actor.user_id,
        submitted_at=now,
        status_changed_at=now,
        intake_failures=[f.__dict__ for f in failures],
        recipients=[RequestRecipient(country_code=c) for c in document.recipients],
    )
    session.add(request)
    session.flush()  # flush: the public reference is built from the new id
    request.ref = f"A3-{now.year}-{request.id:06d}"
    if not failures or rules.art3_rejection(f.code for f in failures):
        # An Art. 3 rejection is indexed too (no country is entitled to a rejected request), so a
        # later request for the same person under other charges is read as a re-submission.
        search.add(session, record=person_record(request.ref, document), access=_access(request), now=now)
    action = AuditAction.REQUEST_REJECTED if failures else AuditAction.REQUEST_SUBMITTED
    audit.record(
        session,
        actor=actor,
        action=action,
        subject_type="request",
        subject_id=request.id,
        change={"status": status.value, "document": request.document},
        now=now,
    )
    return request


def transition(
    session: Session,
    *,
    actor: Actor | None,
    request: Request,
    target: Status,
    reason: str | None,
    now: datetime,
) -> Request:
    """Move a request to ``target`` if the table allows it and the actor may; tell who must know.

    Records ``notices:request:transitioned``.
    """
    current = Status(request.status)
    rules.check_transition(current, target)
    if not rules.may_move(actor, request.requesting_country, target, current):
        raise PermissionDenied(f"You may not move this request to {target.value}")
    request.status, request.status_reason, request.status_changed_at = target.value, reason, now
    if target is Status.PUBLISHED and request.published_at is None:
        request.published_at, request.expires_at = now, rules.expiry_from(now)
    if target is Status.DELETED:
        search.remove(session, entry_id=request.ref, now=now)
    else:
        search.set_access(session, entry_id=request.ref, access=_access(request), now=now)
    audit.record(
        session,
        actor=actor or SYSTEM_ACTOR,
        action=AuditAction.REQUEST_TRANSITIONED,
        subject_type="request",
        subject_id=request.id,
        change={"from": current.value, "to": target.value, "reason": reason},
        now=now,
    )
    _tell_others(session, request=request, target=target, was=current, now=now)
    return request


def person_record(ref: str, document: RequestDocument) -> PersonRecord:
    """The neutral person record the search engine indexes for a request's subject."""
    subject = document.subject
    return PersonRecord(
        id=ref,
        names=subject.full_names(),
        birth_date=subject.birth_date,
        nationalities=list(subject.nationalities),
        sex=subject.sex,
    )


def _access(request: Request) -> dict[str, object]:
    return search_access.request_access(
        status=request.status,
        kind=request.kind,
        requesting_country=request.requesting_country,
        recipients=[r.country_code for r in request.recipients],
        blocked=bool(request.blocked),
    )


def _tell_others(session: Session, *, request: Request, target: Status, was: Status, now: datetime) -> None:
    if target is Status.PUBLISHED and was is Status.IN_REVIEW:
        _notify(session, request, "published", now, purge=False)
    elif (target in rules.GONE and was is Status.PUBLISHED) or target is Status.DELETED:
        _notify(session, request, target.value, now, purge=True)


def _notify(session: Session, request: Request, kind: str, now: datetime, *, purge: bool) -> None:
    targets = rules.notice_recipients(
        request.kind,
        request.requesting_country,
        frozenset(r.country_code for r in request.recipients),
        countries.member_codes(session),
    )
    if targets:  # one INSERT … SELECT, rows in code order (no ORM objects): a red notice tells 195 bureaus
        params = {
            "kind": kind,
            "request_id": request.id,
            "now": now,
            "purge": purge,
            "codes": sorted(targets),
        }
        session.execute(_INBOX_ROWS, params)
    audit.record(
        session,
        actor=SYSTEM_ACTOR,
        action=AuditAction.NOTIFICATION_SENT,
        subject_type="request",
        subject_id=request.id,
        change={"kind": kind, "countries": sorted(targets)},
        now=now,
    )


def _inbox_rows() -> Insert:
    """One notification per country of ``codes`` (each a country of the table), made by the database
    in code order; built once, executed with ``kind``, ``request_id``, ``now``, ``purge`` and ``codes``."""
    table = cast(Table, Notification.__table__)
    c = table.c
    rows = (
        select(
            Country.code,
            bindparam("kind", type_=c.kind.type),
            bindparam("request_id", type_=c.request_id.type),
            bindparam("now", type_=c.created_at.type),
            null(),
            bindparam("purge", type_=c.purge_required.type),
            null(),
        )
        .where(Country.code.in_(bindparam("codes", expanding=True)))
        .order_by(Country.code)
    )
    columns = [
        c.country_code,
        c.kind,
        c.request_id,
        c.created_at,
        c.read_at,
        c.purge_required,
        c.purge_confirmed_at,
    ]
    return insert(table).from_select(columns, rows)


_INBOX_ROWS = _inbox_rows()


def notify_requester(session: Session, *, request: Request, kind: str, now: datetime) -> None:
    """Tell the requesting bureau itself (refusal, a question, a renewal due, a flag)."""
    session.add(
        Notification(
            country_code=request.requesting_country,
            kind=kind,
            request_id=request.id,
            created_at=now,
            read_at=None,
            purge_required=False,
            purge_confirmed_at=None,
        )
    )
    audit.record(
        session,
        actor=SYSTEM_ACTOR,
        action=AuditAction.NOTIFICATION_SENT,
        subject_type="request",
        subject_id=request.id,
        change={"kind": kind, "countries": [request.requesting_country]},
        now=now,
    )


def _visibility(request: Request) -> rules.Visibility:
    return rules.Visibility(
        Status(request.status),
        request.kind,
        request.requesting_country,
        frozenset(r.country_code for r in request.recipients),
        bool(request.blocked),
    )


def by_ref(session: Session, ref: str) -> Request:
    request = session.scalars(
        select(Request)
        .where(Request.ref == ref)
        .options(selectinload(Request.recipients), selectinload(Request.flags))
    ).first()
    if request is None:
        raise NotFound(f"No request {ref!r}", code="request.not_found")
    return request


def get_visible(session: Session, *, actor: Actor, ref: str) -> Request:
    """The request if the actor may see it; otherwise the same NotFound as for no request at all."""
    request = by_ref(session, ref)
    if not rules.visible_to(actor, _visibility(request)):
        raise NotFound(f"No request {ref!r}", code="request.not_found")
    return request


def _visible_clause(actor: Actor) -> ColumnElement[bool] | None:
    if actor.role in rules.SEES_EVERYTHING:
        return None
    if not actor.role.bound_to_country:
        return Request.id.is_(None)
    addressed = exists().where(
        RequestRecipient.request_id == Request.id, RequestRecipient.country_code == actor.country
    )
    return or_(
        Request.requesting_country == actor.country,
        (Request.status == Status.PUBLISHED.value)
        & Request.blocked.is_(False)
        & ((Request.kind == "red_notice") | addressed),
    )


def list_visible(
    session: Session,
    *,
    actor: Actor,
    status: Status | None = None,
    mine: bool = False,
    limit: int = 50,
    offset: int = 0,
) -> list[RequestRead]:
    """The requests an actor may see, newest first."""
    query = select(Request).options(selectinload(Request.recipients), selectinload(Request.flags))
    clause = _visible_clause(actor)
    if clause is not None:
        query = query.where(clause)
    if status is not None:
        query = query.where(Request.status == status.value)
    if mine:
        query = query.where(Request.requesting_country == actor.country)
    rows = session.scalars(query.order_by(Request.id.desc()).limit(limit).offset(offset))
    return [to_read(r, actor) for r in rows]


def to_read(request: Request, actor: Actor) -> RequestRead:
    """The request as the actor may read it: flags only for the requester and the secretariat."""
    sees_flags = actor.role in rules.SEES_EVERYTHING or actor.country == request.requesting_country
    flags = (
        [
            FlagRead(
                country=f.country_code,
                reason=rules.FlagReason(f.reason),
                note=f.note,
                created_at=f.created_at,
            )
            for f in request.flags
        ]
        if sees_flags
        else []
    )
    return RequestRead(
        ref=request.ref,
        kind=request.kind,
        purpose=request.purpose,
        requesting_country=request.requesting_country,
        recipients=sorted(r.country_code for r in request.recipients),
        status=Status(request.status),
        status_reason=request.status_reason,
        route=request.route,
        risk=request.risk,
        submitted_at=request.submitted_at,
        published_at=request.published_at,
        expires_at=request.expires_at,
        intake_failures=request.intake_failures,
        document=request.document,
        flag_count=len(request.flags),
        flags=flags,
    )


def flag(session: Session, *, actor: Actor, ref: str, data: FlagRaise, now: datetime) -> Request:
    """A member flags a published request "no action on our territory". Records ``notices:flag:raised``."""
    request = get_visible(session, actor=actor, ref=ref)
    if request.status != Status.PUBLISHED.value or actor.country == request.requesting_country:
        raise Conflict("Only another member can flag a published request", code="request.flag_not_allowed")
    if any(f.country_code == actor.country for f in request.flags):
        raise Conflict("Your country has already flagged this request", code="request.already_flagged")
    assert actor.country is not None
    request.flags.append(
        Flag(
            country_code=actor.country,
            reason=data.reason.value,
            note=data.note,
            created_by=actor.user_id,
            created_at=now,
        )
    )
    audit.record(
        session,
        actor=actor,
        action=AuditAction.REQUEST_FLAGGED,
        subject_type="request",
        subject_id=request.id,
        change={"country": actor.country, "reason": data.reason.value},
        now=now,
    )
    notify_requester(session, request=request, kind="flagged", now=now)
    return request


def renew(session: Session, *, actor: Actor, ref: str, reason: str, now: datetime) -> Request:
    """The requester extends a published request for another five years, giving reasons.

    Allowed once the renewal prompt is due. Records ``notices:request:renewed``.
    """
    request = get_visible(session, actor=actor, ref=ref)
    if rules.mover(actor, request.requesting_country) != rules.REQUESTER:
        raise PermissionDenied("Only the requesting bureau renews its request")
    if request.status != Status.PUBLISHED.value or request.expires_at is None:
        raise Conflict("Only a published request can be renewed", code="request.not_renewable")
    if not rules.renewal_prompt_due(request.expires_at, now):
        raise Conflict("Renewal opens six months before expiry", code="request.renewal_not_due")
    request.expires_at = rules.expiry_from(request.expires_at)
    request.renewal_prompted_at = None
    audit.record(
        session,
        actor=actor,
        action=AuditAction.REQUEST_RENEWED,
        subject_type="request",
        subject_id=request.id,
        change={"expires_at": request.expires_at.isoformat(), "reason": reason},
        now=now,
    )
    return request


def expire_due(session: Session, *, now: datetime) -> dict[str, int]:
    """The clock's job: prompt renewals six months ahead; expire requests past their validity."""
    live = session.scalars(
        select(Request)
        .where(
            Request.status.in_([Status.PUBLISHED.value, Status.SUSPENDED.value]),
            Request.expires_at.is_not(None),
        )
        .options(selectinload(Request.recipients))
    )
    counts = {"prompted": 0, "expired": 0}
    for request in live:
        assert request.expires_at is not None
        if request.expires_at <= now:
            transition(
                session,
                actor=None,
                request=request,
                target=Status.EXPIRED,
                reason="validity ended without renewal",
                now=now,
            )
            counts["expired"] += 1
        elif request.renewal_prompted_at is None and rules.renewal_prompt_due(request.expires_at, now):
            request.renewal_prompted_at = now
            audit.record(
                session,
                actor=SYSTEM_ACTOR,
                action=AuditAction.REQUEST_EXPIRY_PROMPTED,
                subject_type="request",
                subject_id=request.id,
                change={"at": now.isoformat()},
                now=now,
            )
            notify_requester(session, request=request, kind="renewal_due", now=now)
            counts["prompted"] += 1
    return counts


def inbox(session: Session, *, country: str, unread_only: bool = False) -> list[NotificationRead]:
    """A bureau's notifications, newest first."""
    query = (
        select(Notification, Request.ref)
        .join(Request, Request.id == Notification.request_id)
        .where(Notification.country_code == country)
    )
    if unread_only:
        query = query.where(Notification.read_at.is_(None))
    rows = session.execute(query.order_by(Notification.id.desc()).limit(500))
    return [
        NotificationRead(
            id=n.id,
            kind=n.kind,
            request_ref=ref,
            created_at=n.created_at,
            read_at=n.read_at,
            purge_required=n.purge_required,
            purge_confirmed_at=n.purge_confirmed_at,
        )
        for n, ref in rows
    ]


def _own_notification(session: Session, actor: Actor, notification_id: int) -> Notification:
    note = session.get(Notification, notification_id)
    if note is None or note.country_code != actor.country:
        raise NotFound("No such notification", code="notification.not_found")
    return note


def mark_read(session: Session, *, actor: Actor, notification_id: int, now: datetime) -> None:
    """Mark one inbox entry read. Records ``notices:notification:read``."""
    note = _own_notification(session, actor, notification_id)
    if note.read_at is None:
        note.read_at = now
        audit.record(
            session,
            actor=actor,
            action=AuditAction.NOTIFICATION_READ,
            subject_type="notification",
            subject_id=note.id,
            change={"read_at": now.isoformat()},
            now=now,
        )


def confirm_purge(session: Session, *, actor: Actor, notification_id: int, now: datetime) -> None:
    """The recipient confirms it purged its national copies.

    Records ``notices:notification:purge_confirmed``.
    """
    note = _own_notification(session, actor, notification_id)
    if not note.purge_required:
        raise Conflict("This notification asks for no purge", code="notification.no_purge")
    if note.purge_confirmed_at is None:
        note.purge_confirmed_at = now
        note.read_at = note.read_at or now
        audit.record(
            session,
            actor=actor,
            action=AuditAction.PURGE_CONFIRMED,
            subject_type="notification",
            subject_id=note.id,
            change={"confirmed_at": now.isoformat()},
            now=now,
        )


def purge_outstanding(session: Session, *, ref: str) -> int:
    """How many recipients have not yet confirmed purging a deleted request."""
    request = by_ref(session, ref)
    return (
        session.scalar(
            select(func.count())
            .select_from(Notification)
            .where(
                Notification.request_id == request.id,
                Notification.purge_required.is_(True),
                Notification.purge_confirmed_at.is_(None),
            )
        )
        or 0
    )
