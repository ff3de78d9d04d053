"""Measures: only governance applies and lifts them, with reasons; intake and screening read them."""

from __future__ import annotations

import pytest

from article3.actors import Role
from article3.bootstrap import Runtime
from article3.db.session import transaction
from article3.errors import Conflict, PermissionDenied
from article3.oversight import service as oversight
from article3.oversight.rules import MeasureKind
from article3.oversight.schemas import MeasureApply, MeasureLift
from article3.review import service as review
from tests.factories import requests as rq
from tests.factories.accounts import make_user

REASON = "initial pass rate far above the commission's confirmation rate"


def apply(rt: Runtime, kind: MeasureKind, country: str = "FR") -> int:
    governance = make_user(rt, Role.GOVERNANCE)
    with rt.session() as s, transaction(s):
        return oversight.apply(
            s,
            actor=governance,
            data=MeasureApply(country=country, kind=kind, reason=REASON),
            now=rt.clock.now(),
        ).id


def test_only_governance_applies_and_lifts_with_reasons(runtime: Runtime) -> None:
    senior = make_user(runtime, Role.SENIOR_REVIEWER)
    with runtime.session() as s, pytest.raises(PermissionDenied):
        oversight.apply(
            s,
            actor=senior,
            data=MeasureApply(country="FR", kind=MeasureKind.MESSAGE_HOLD, reason=REASON),
            now=runtime.clock.now(),
        )
    measure = apply(runtime, MeasureKind.MESSAGE_HOLD)
    with runtime.session() as s:
        assert oversight.active_for(s, "FR") == {"message_hold"}
    governance = make_user(runtime, Role.GOVERNANCE)
    with runtime.session() as s, transaction(s):
        oversight.lift(
            s,
            actor=governance,
            measure_id=measure,
            data=MeasureLift(reason="record back within the thresholds"),
            now=runtime.clock.now(),
        )
    with runtime.session() as s:
        assert oversight.active_for(s, "FR") == frozenset()
        assert (
            oversight.list_measures(s, country="FR")[0].lifted_reason == "record back within the thresholds"
        )


def test_a_suspended_country_cannot_submit(runtime: Runtime) -> None:
    apply(runtime, MeasureKind.SUSPENSION)
    with pytest.raises(Conflict) as caught:
        rq.in_review(runtime, "FR")
    assert caught.value.code == "measure.suspension"


def test_a_diffusion_hold_stops_diffusions_only(runtime: Runtime) -> None:
    apply(runtime, MeasureKind.DIFFUSION_HOLD)
    with pytest.raises(Conflict):
        rq.in_review(runtime, "FR", "diffusion")
    assert rq.in_review(runtime, "FR", "red_notice")


def test_enhanced_review_sends_an_ordinary_request_to_two_reviewers(runtime: Runtime) -> None:
    ordinary = rq.in_review(runtime, "FR")
    apply(runtime, MeasureKind.ENHANCED_REVIEW)
    watched = rq.in_review(runtime, "FR")
    with runtime.session() as s:
        assert review.item_for(s, ref=ordinary)[0].route == "fast_track"
        assert review.item_for(s, ref=watched)[0].route == "enhanced_review"
