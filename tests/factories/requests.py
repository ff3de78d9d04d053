"""Requests for tests: submit through the workflow, publish through a reviewer's decision."""

from __future__ import annotations

from typing import Any

from article3.actors import Actor, Role
from article3.bootstrap import Runtime
from article3.db.session import transaction
from article3.notices.document import RequestDocument
from article3.notices.models import Request
from article3.review.rules import Assessment, Decision, Factor, Ground, ReviewState
from article3.review.schemas import FactorRecord, ReviewDecide
from article3.workflows import decide_review, decide_review_outcome, submit_request
from tests.factories.accounts import make_user
from tests.notices.samples import diffusion, red_notice

ALL_FACTORS = {f: FactorRecord(assessment=Assessment.ORDINARY_CRIME, note="ordinary crime") for f in Factor}


def approve() -> ReviewDecide:
    return ReviewDecide(decision=Decision.APPROVE, grounds=[Ground.CRITERIA_MET], factors=ALL_FACTORS)


def refuse(ground: Ground = Ground.ARTICLE3_POLITICAL) -> ReviewDecide:
    return ReviewDecide(decision=Decision.REFUSE, grounds=[ground], factors=ALL_FACTORS)


def document(country: str, kind: str = "red_notice", **overrides: Any) -> RequestDocument:
    base = (
        red_notice(requesting_country=country)
        if kind == "red_notice"
        else diffusion(
            requesting_country=country,
            **({"recipients": ["DE"]} if country != "DE" else {"recipients": ["FR"]}),
        )
    )
    base.update(overrides)
    return RequestDocument.model_validate(base)


def submit(rt: Runtime, actor: Actor, doc: RequestDocument) -> str:
    with rt.session() as s, transaction(s):
        request, _ = submit_request(
            s, actor=actor, document=doc, settings=rt.settings, now=rt.clock.now(), search=rt.search
        )
        return request.ref


def decide(rt: Runtime, reviewer: Actor, ref: str, data: ReviewDecide, *, confirm: bool = True) -> Request:
    """One reviewer's decision. A refusal the route says a second reviewer must confirm (fast track,
    standard review) is confirmed by a new reviewer, as a desk would; ``confirm=False`` leaves it
    proposed (the request stays in review)."""
    with rt.session() as s, transaction(s):
        outcome = decide_review_outcome(s, actor=reviewer, ref=ref, data=data, now=rt.clock.now())
    if not confirm or outcome.state is not ReviewState.REFUSAL_PENDING:
        return outcome.request
    second = make_user(rt, Role.REVIEWER)
    with rt.session() as s, transaction(s):
        return decide_review(s, actor=second, ref=ref, data=data, now=rt.clock.now())


def published(rt: Runtime, country: str = "FR", kind: str = "red_notice") -> str:
    """A request of ``country``, submitted and approved by a reviewer: published."""
    officer = make_user(rt, Role.NCB_OFFICER, country)
    ref = submit(rt, officer, document(country, kind))
    decide(rt, make_user(rt, Role.REVIEWER), ref, approve())
    return ref


def in_review(rt: Runtime, country: str = "FR", kind: str = "red_notice") -> str:
    return submit(rt, make_user(rt, Role.NCB_OFFICER, country), document(country, kind))
