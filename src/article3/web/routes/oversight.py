"""Oversight pages: every country's record, one country's dashboard with charts, and governance's
forms to apply and lift measures (with written reasons) from the proposals."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response
from pydantic import ValidationError

from article3.accounts.permissions import Permission, allowed
from article3.actors import Actor
from article3.db.session import transaction
from article3.deps import ClockDep, RuntimeDep, SessionDep, allow_web
from article3.errors import InvalidInput
from article3.oversight import service as oversight
from article3.oversight.rules import MeasureKind
from article3.oversight.schemas import MeasureApply, MeasureLift
from article3.transparency import charts, svg
from article3.transparency import service as transparency
from article3.transparency.schemas import CountryRecord
from article3.transparency.stats import Period
from article3.web.csrf import check_csrf
from article3.web.render import FormDep, page

router = APIRouter()
Reader = Annotated[Actor, allow_web(Permission.STATISTICS_READ)]
Governance = Annotated[Actor, allow_web(Permission.MEASURES_MANAGE)]


def _period(runtime: RuntimeDep, clock: ClockDep, year: int | None) -> Period:
    return Period.year(year) if year else Period.trailing(clock.now(), runtime.settings.oversight_window_days)


def _rate(value: Any) -> dict[str, float] | None:
    return None if value is None else {"value": value.value, "low": value.low, "high": value.high}


def dashboard_charts(record: CountryRecord, measures: list[dict[str, Any]], period: Period) -> dict[str, str]:
    """The charts of one country's dashboard (exact counts: the page is not public)."""
    q = record.requests.model_dump()
    overturn = _rate(record.overturn_rate)
    confirmed = (
        None
        if overturn is None
        else {"value": 1 - overturn["value"], "low": 1 - overturn["high"], "high": 1 - overturn["low"]}
    )
    grounds = [(code, {"intake": n}) for code, n in record.intake_reasons.items()]
    grounds += [(code, {"rule": n}) for code, n in record.block_reasons.items()]
    grounds += [(code, {"review": n}) for code, n in record.refusal_grounds.items()]
    stages = (
        svg.Series("intake", "intake criteria", "#b26b00"),
        svg.Series("rule", "blocking rule", "#6b1b6e"),
        svg.Series("review", "review ground", "#a61b1b"),
    )
    flags = [(reason, {"flags": n}) for reason, n in record.flags_by_reason.items()]
    return {
        "requests": svg.stacked_bars(
            "requests", "Requests and what became of them", [(record.country, q)], charts.OUTCOMES
        ),
        "gap": svg.dumbbell(
            "gap",
            "Passed the initial checks vs confirmed by the commission",
            [
                {
                    "country": record.country,
                    "pass": _rate(record.pass_rate),
                    "confirmed": confirmed,
                    "divergent": record.divergent,
                }
            ],
        ),
        "grounds": svg.stacked_bars("grounds", "Refusals by ground", grounds, stages),
        "flags": svg.stacked_bars(
            "flags", "Flags received, by reason", flags, (svg.Series("flags", "flags", "#174ea6"),)
        ),
        "measures": svg.timeline("measures", "Measures", measures, period.start, period.end),
    }


@router.get("/oversight")
def overview(
    request: Request,
    session: SessionDep,
    runtime: RuntimeDep,
    clock: ClockDep,
    actor: Reader,
    year: int | None = None,
) -> Response:
    """Every country with activity, widest pass/overturn gap first, and the proposals."""
    period = _period(runtime, clock, year)
    rows = transparency.all_records(
        session,
        period=period,
        now=clock.now(),
        sources=runtime.statistics,
        gap_threshold=runtime.settings.oversight_gap_threshold,
    )
    proposals = transparency.proposals(
        session, settings=runtime.settings, now=clock.now(), sources=runtime.statistics
    )
    return page(
        request,
        "oversight/overview.html",
        records=rows,
        proposals=proposals,
        period=period,
        governs=allowed(actor.role, Permission.MEASURES_MANAGE),
        kinds=list(MeasureKind),
    )


@router.get("/oversight/countries/{code}")
def dashboard(
    request: Request,
    session: SessionDep,
    runtime: RuntimeDep,
    clock: ClockDep,
    actor: Reader,
    code: str,
    year: int | None = None,
) -> Response:
    """One country's record with charts, its measures, and (for governance) the forms."""
    return _dashboard(request, session, runtime, clock, actor, code.upper(), year)


def _dashboard(
    request: Request,
    session: SessionDep,
    runtime: RuntimeDep,
    clock: ClockDep,
    actor: Actor,
    code: str,
    year: int | None,
    *,
    status: int = 200,
    errors: list[dict[str, Any]] | None = None,
) -> Response:
    period = _period(runtime, clock, year)
    record = transparency.country_record(
        session,
        code,
        period=period,
        now=clock.now(),
        sources=runtime.statistics,
        gap_threshold=runtime.settings.oversight_gap_threshold,
    )
    measures = oversight.list_measures(session, country=code)
    during = [
        m.model_dump() | {"kind": m.kind.value}
        for m in reversed(measures)
        if m.applied_at < period.end and (m.lifted_at is None or m.lifted_at >= period.start)
    ]
    return page(
        request,
        "oversight/dashboard.html",
        status=status,
        record=record,
        measures=measures,
        charts=dashboard_charts(record, during, period),
        period=period,
        errors=errors or [],
        governs=allowed(actor.role, Permission.MEASURES_MANAGE),
        kinds=list(MeasureKind),
    )


def _problems(exc: ValidationError) -> list[dict[str, Any]]:
    return InvalidInput.from_validation(exc).details


@router.post("/oversight/measures")
def apply(
    request: Request,
    form: FormDep,
    session: SessionDep,
    runtime: RuntimeDep,
    clock: ClockDep,
    actor: Governance,
) -> Response:
    check_csrf(request, str(form.get("csrf") or ""))
    country = str(form.get("country") or "").upper()
    try:
        data = MeasureApply.model_validate(
            {"country": country, "kind": form.get("kind"), "reason": form.get("reason")}
        )
    except ValidationError as exc:
        return _dashboard(
            request, session, runtime, clock, actor, country, None, status=422, errors=_problems(exc)
        )
    with transaction(session):
        oversight.apply(session, actor=actor, data=data, now=clock.now())
    return RedirectResponse(f"/oversight/countries/{country}", status_code=303)


@router.post("/oversight/measures/{measure_id}/lift")
def lift(
    request: Request,
    form: FormDep,
    session: SessionDep,
    runtime: RuntimeDep,
    clock: ClockDep,
    actor: Governance,
    measure_id: int,
) -> Response:
    check_csrf(request, str(form.get("csrf") or ""))
    country = str(form.get("country") or "").upper()
    try:
        data = MeasureLift.model_validate({"reason": form.get("reason")})
    except ValidationError as exc:
        return _dashboard(
            request, session, runtime, clock, actor, country, None, status=422, errors=_problems(exc)
        )
    with transaction(session):
        lifted = oversight.lift(session, actor=actor, measure_id=measure_id, data=data, now=clock.now())
    return RedirectResponse(f"/oversight/countries/{lifted.country}", status_code=303)
