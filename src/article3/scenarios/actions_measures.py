"""The scenario actions ``measure`` (spec) and ``report`` (this build's addition).

``measure``: ``{"country", "kind", "action": "apply" | "lift", "reason"}``, as ``governance``. It
calls the same governance-only service as ``POST /api/v1/measures`` and
``POST /api/v1/measures/{id}/lift``; lifting names the measure of that kind in force on that
country. The line's ``status`` is the measure's (``in_force`` or ``lifted``), ``measures`` the
kinds in force on the country after the step.

``report``: ``{"year": Y, "country": alpha-2 (optional)}``, by anyone (the report is public). It
computes the year's report content exactly as ``article3 report build`` would publish it, without
storing or signing a snapshot, and outputs its ``measures`` (country, kind, applied, lifted) and,
when ``country`` is given, that country's published ``record``.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, Field
from sqlalchemy.orm import Session

from article3.accounts.permissions import Permission, require
from article3.errors import NotFound
from article3.oversight import service as oversight
from article3.oversight.models import Measure
from article3.oversight.rules import MeasureKind
from article3.oversight.schemas import MeasureApply, MeasureLift
from article3.scenarios.actions import Outcome, StepContext, Target, action, status_reader
from article3.transparency import service as transparency
from article3.types import CountryCode

MEASURE = "measure"


class MeasureStep(BaseModel):
    country: CountryCode
    kind: MeasureKind
    action: Literal["apply", "lift"]
    reason: str = Field(min_length=10, max_length=8000)


class ReportStep(BaseModel):
    year: int = Field(ge=1900, le=2999)
    country: CountryCode | None = None


@status_reader(MEASURE)
def measure_status(session: Session, key: str) -> str:
    measure = session.get(Measure, int(key))
    return "in_force" if measure is not None and measure.lifted_at is None else "lifted"


def _in_force_id(ctx: StepContext, step: MeasureStep) -> int:
    for m in oversight.list_measures(ctx.session, country=step.country):
        if m.kind is step.kind and m.lifted_at is None:
            return m.id
    raise NotFound(f"No {step.kind.value} measure is in force on {step.country}", code="measure.not_found")


@action(MEASURE, fields={"measures": []})
def measure(ctx: StepContext) -> Outcome:
    """Governance applies or lifts a measure, with its published reasons."""
    actor = require(ctx.actor, Permission.MEASURES_MANAGE)
    step = ctx.payload(MeasureStep)
    if step.action == "apply":
        data = MeasureApply(country=step.country, kind=step.kind, reason=step.reason)
        done = oversight.apply(ctx.session, actor=actor, data=data, now=ctx.now)
    else:
        done = oversight.lift(
            ctx.session,
            actor=actor,
            measure_id=_in_force_id(ctx, step),
            data=MeasureLift(reason=step.reason),
            now=ctx.now,
        )
    in_force = sorted(oversight.active_for(ctx.session, step.country))
    return Outcome(Target(MEASURE, str(done.id)), {"measures": in_force})


def _event(m: dict[str, Any]) -> dict[str, Any]:
    return {
        "country": m["country"],
        "kind": m["kind"],
        "applied": m["applied_at"][:10],
        "lifted": m["lifted_at"][:10] if m["lifted_at"] else None,
        "lifted_reason": m["lifted_reason"],
    }


@action("report", fields={"measures": [], "record": None})
def report(ctx: StepContext) -> Outcome:
    """What the year's public report says about measures (and one country), as it stands now."""
    step = ctx.payload(ReportStep)
    content = transparency.build_content(
        ctx.session,
        year=step.year,
        now=ctx.now,
        gap_threshold=ctx.settings.oversight_gap_threshold,
    )
    record = next((r for r in content["countries"] if r["country"] == step.country), None)
    return Outcome(None, {"measures": [_event(m) for m in content["measures"]], "record": record})
