"""Country records, graduated measures (public list; governance applies and lifts) and proposals."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from article3.accounts.permissions import Permission
from article3.actors import Actor
from article3.api.errors import CONFLICT_RESPONSE, ERROR_RESPONSES
from article3.db.session import transaction
from article3.deps import ClockDep, RuntimeDep, SessionDep, SettingsDep, allow
from article3.oversight import service as oversight
from article3.oversight.schemas import MeasureApply, MeasureLift, MeasureRead
from article3.transparency import service as transparency
from article3.transparency.schemas import CountryRecord, ProposalRead
from article3.transparency.stats import Period

router = APIRouter(tags=["oversight"], responses=ERROR_RESPONSES | CONFLICT_RESPONSE)
Year = Annotated[
    int | None, Query(ge=1900, le=2999, description="A calendar year; default: the trailing window")
]


def period_for(year: int | None, runtime: RuntimeDep, clock: ClockDep) -> Period:
    if year is not None:
        return Period.year(year)
    return Period.trailing(clock.now(), runtime.settings.oversight_window_days)


@router.get(
    "/oversight/records",
    summary="Every active country's record, widest gap first",
    response_model=list[CountryRecord],
)
def records(
    session: SessionDep,
    runtime: RuntimeDep,
    clock: ClockDep,
    _actor: Annotated[Actor, allow(Permission.STATISTICS_READ)],
    year: Year = None,
) -> list[CountryRecord]:
    return transparency.all_records(
        session,
        period=period_for(year, runtime, clock),
        now=clock.now(),
        sources=runtime.statistics,
        gap_threshold=runtime.settings.oversight_gap_threshold,
    )


@router.get("/oversight/records/{code}", summary="One country's record", response_model=CountryRecord)
def record(
    code: str,
    session: SessionDep,
    runtime: RuntimeDep,
    clock: ClockDep,
    _actor: Annotated[Actor, allow(Permission.STATISTICS_READ)],
    year: Year = None,
) -> CountryRecord:
    return transparency.country_record(
        session,
        code,
        period=period_for(year, runtime, clock),
        now=clock.now(),
        sources=runtime.statistics,
        gap_threshold=runtime.settings.oversight_gap_threshold,
    )


@router.get(
    "/measures",
    summary="Every measure, in force or lifted, with dates and reasons (public)",
    response_model=list[MeasureRead],
)
def list_measures(session: SessionDep, country: str | None = None) -> list[MeasureRead]:
    return oversight.list_measures(session, country=country)


@router.get(
    "/measures/proposals",
    summary="Measures the records propose; governance decides",
    response_model=list[ProposalRead],
)
def proposals(
    session: SessionDep,
    runtime: RuntimeDep,
    clock: ClockDep,
    settings: SettingsDep,
    _actor: Annotated[Actor, allow(Permission.STATISTICS_READ)],
) -> list[ProposalRead]:
    return transparency.proposals(session, settings=settings, now=clock.now(), sources=runtime.statistics)


@router.post(
    "/measures",
    summary="Apply a measure, with published reasons",
    response_model=MeasureRead,
    status_code=201,
)
def apply(
    body: MeasureApply,
    session: SessionDep,
    clock: ClockDep,
    actor: Annotated[Actor, allow(Permission.MEASURES_MANAGE)],
) -> MeasureRead:
    with transaction(session):
        return oversight.apply(session, actor=actor, data=body, now=clock.now())


@router.post(
    "/measures/{measure_id}/lift",
    summary="Lift a measure, with published reasons",
    response_model=MeasureRead,
)
def lift(
    measure_id: int,
    body: MeasureLift,
    session: SessionDep,
    clock: ClockDep,
    actor: Annotated[Actor, allow(Permission.MEASURES_MANAGE)],
) -> MeasureRead:
    with transaction(session):
        return oversight.lift(session, actor=actor, measure_id=measure_id, data=body, now=clock.now())
