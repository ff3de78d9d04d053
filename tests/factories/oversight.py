"""Measures for tests: applied (and lifted) by a governance account, with reasons."""

from __future__ import annotations

from article3.actors import Role
from article3.bootstrap import Runtime
from article3.db.session import transaction
from article3.oversight import service as oversight
from article3.oversight.rules import MeasureKind
from article3.oversight.schemas import MeasureApply, MeasureLift
from tests.factories.accounts import make_user

REASON = "initial pass rate far above the commission's confirmation rate"


def applied(rt: Runtime, kind: MeasureKind = MeasureKind.ENHANCED_REVIEW, country: str = "RU") -> int:
    """The id of a new measure in force."""
    governance = make_user(rt, Role.GOVERNANCE)
    with rt.session() as s, transaction(s):
        data = MeasureApply(country=country, kind=kind, reason=REASON)
        return oversight.apply(s, actor=governance, data=data, now=rt.clock.now()).id


def lifted(rt: Runtime, measure_id: int, reason: str = "record back within the thresholds") -> None:
    governance = make_user(rt, Role.GOVERNANCE)
    with rt.session() as s, transaction(s):
        oversight.lift(
            s, actor=governance, measure_id=measure_id, data=MeasureLift(reason=reason), now=rt.clock.now()
        )
