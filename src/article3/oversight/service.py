"""Apply and lift measures (governance only, with reasons, audited); read the measures in force."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import bindparam, select
from sqlalchemy.orm import Session

from article3.actors import Actor, Role
from article3.audit import service as audit
from article3.audit.actions import AuditAction
from article3.countries import service as countries
from article3.errors import Conflict, NotFound, PermissionDenied
from article3.oversight.models import Measure
from article3.oversight.schemas import MeasureApply, MeasureLift, MeasureRead


def _read(m: Measure) -> MeasureRead:
    return MeasureRead(
        id=m.id,
        country=m.country_code,
        kind=m.kind,
        applied_reason=m.applied_reason,
        applied_at=m.applied_at,
        lifted_reason=m.lifted_reason,
        lifted_at=m.lifted_at,
    )


def _governance(actor: Actor) -> None:
    if actor.role is not Role.GOVERNANCE:
        raise PermissionDenied("Only the governance body applies or lifts measures")


def apply(session: Session, *, actor: Actor, data: MeasureApply, now: datetime) -> MeasureRead:
    """Apply a measure to a country, with published reasons. Records ``oversight:measure:applied``."""
    _governance(actor)
    countries.require_members(session, {"country": data.country})
    if data.kind.value in active_for(session, data.country):
        raise Conflict(f"{data.country} is already under {data.kind.value}", code="measure.in_force")
    measure = Measure(
        country_code=data.country,
        kind=data.kind.value,
        applied_reason=data.reason,
        applied_by=actor.user_id,
        applied_at=now,
        lifted_reason=None,
        lifted_by=None,
        lifted_at=None,
    )
    session.add(measure)
    session.flush()  # flush: the audit entry names the new id
    audit.record(
        session,
        actor=actor,
        action=AuditAction.MEASURE_APPLIED,
        subject_type="measure",
        subject_id=measure.id,
        change={"country": data.country, "kind": data.kind.value, "reason": data.reason},
        now=now,
    )
    return _read(measure)


def lift(session: Session, *, actor: Actor, measure_id: int, data: MeasureLift, now: datetime) -> MeasureRead:
    """End a measure: only by such a decision, with published reasons.

    Records ``oversight:measure:lifted``.
    """
    _governance(actor)
    measure = session.get(Measure, measure_id)
    if measure is None:
        raise NotFound("No such measure", code="measure.not_found")
    if measure.lifted_at is not None:
        raise Conflict("This measure was already lifted", code="measure.lifted")
    measure.lifted_reason, measure.lifted_by, measure.lifted_at = data.reason, actor.user_id, now
    audit.record(
        session,
        actor=actor,
        action=AuditAction.MEASURE_LIFTED,
        subject_type="measure",
        subject_id=measure.id,
        change={"reason": data.reason},
        now=now,
    )
    return _read(measure)


def active_for(session: Session, country: str) -> frozenset[str]:
    """The kinds of measure in force on a country now."""
    return frozenset(session.scalars(_IN_FORCE, {"country": country}))


# Asked for every new request: built once (a statement built per call costs several times its
# execution), executed with ``country``.
_IN_FORCE = select(Measure.kind).where(
    Measure.country_code == bindparam("country"), Measure.lifted_at.is_(None)
)


def list_measures(session: Session, *, country: str | None = None) -> list[MeasureRead]:
    """Every measure, in force or lifted, newest first: this list is public."""
    query = select(Measure).order_by(Measure.applied_at.desc(), Measure.id.desc())
    if country:
        query = query.where(Measure.country_code == country)
    return [_read(m) for m in session.scalars(query)]
