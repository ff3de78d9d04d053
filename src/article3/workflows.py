"""Processes that cross domains: submit → screen → route; decide → publish or refuse; withdraw.

No rules live here: each step calls the owning domain's service inside the caller's transaction.
"""

from __future__ import annotations

import dataclasses
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from article3.actors import Actor
from article3.complaints import service as complaints
from article3.complaints.effects import DeletedRequest, DeletionHook
from article3.complaints.models import Complaint
from article3.complaints.rules import Outcome
from article3.complaints.schemas import DecisionRecord
from article3.config import Settings, WordingUse
from article3.errors import Conflict
from article3.messages import service as messages
from article3.notices import service as notices
from article3.notices.document import RequestDocument
from article3.notices.models import Request
from article3.notices.rules import Status
from article3.oversight import service as oversight
from article3.oversight.rules import refuses_request
from article3.review import service as review
from article3.review.rules import Decision
from article3.review.schemas import ReviewDecide
from article3.screening import model_files, training, wording, wording_store
from article3.screening import service as screening
from article3.screening.findings import EvidenceKind
from article3.screening.reasons import ReasonCode
from article3.screening.rulesets import Assessment, Route
from article3.search.engine import SearchEngine

SCREENING_ACTOR = "system:screening"
# The codes of an approval the commission holds (``_check_no_hold``): not a failure, a wait.
HELD_BY_COMMISSION = frozenset({"review.awaiting_commission", "review.blocked_by_commission"})


def submit_request(
    session: Session,
    *,
    actor: Actor,
    document: RequestDocument,
    settings: Settings,
    now: datetime,
    search: SearchEngine | None = None,
) -> tuple[Request, Assessment | None]:
    """Intake, then screening, then the queue; a blocked request is refused by the rule at once.

    ``search`` is the process's person-search engine, which the screening uses to find register
    entries and earlier requests (built afresh from the database when not given). The screening
    also gets the requester's record before the commission: complaints decided about its
    requests, and how many the commission found non-compliant. The request is linked to the open
    cases before the commission that the screening found about its subject (complaints/later.py).
    """
    measures = oversight.active_for(session, document.requesting_country)
    stopping = refuses_request(measures, document.kind)
    if stopping:
        raise Conflict(
            f"{document.requesting_country} is under a {stopping} measure: this request is not accepted",
            code=f"measure.{stopping}",
        )
    request = notices.submit(session, actor=actor, document=document, now=now)
    if request.status != Status.IN_REVIEW.value:
        return request, None
    decided, overturned = complaints.requester_outcomes(session, document.requesting_country)
    result = screening.screen(
        session,
        actor=SCREENING_ACTOR,
        request=request,
        document=document,
        now=now,
        engine=search,
        model=model_files.latest(settings.data_dir),
        measures_in_force=measures,
        complaints=decided,
        overturned=overturned,
        wording_key=wording_key(settings, screening=True),
    )
    complaints.link_later(session, refs=commission_cases(result), request=request, now=now)
    if result.route is Route.BLOCKED:
        codes = ", ".join(str(f.code) for f in result.findings if f.hard)
        notices.transition(
            session,
            actor=None,
            request=request,
            target=Status.REFUSED,
            reason=f"blocked by screening: {codes}",
            now=now,
        )
        notices.notify_requester(session, request=request, kind="refused", now=now)
    elif result.route is Route.FAST_TRACK and settings.fast_track_publishes:
        notices.transition(
            session,
            actor=None,
            request=request,
            target=Status.PUBLISHED,
            reason="fast track without a reviewer (deployment policy)",
            now=now,
        )
    else:
        review.enqueue(session, actor=SCREENING_ACTOR, request=request, route=result.route, now=now)
    return request, result


def commission_cases(result: Assessment) -> list[str]:
    """The open cases before the commission that the screening found about the subject."""
    return [
        e.ref
        for f in result.findings
        if f.code is ReasonCode.COMMISSION_CASE_PENDING
        for e in f.evidence
        if e.kind is EvidenceKind.COMMISSION_CASE
    ]


def decide_review(session: Session, *, actor: Actor, ref: str, data: ReviewDecide, now: datetime) -> Request:
    """A reviewer's decision; when it completes the review, the request is published or refused."""
    return decide_review_outcome(session, actor=actor, ref=ref, data=data, now=now).request


def decide_review_outcome(
    session: Session, *, actor: Actor, ref: str, data: ReviewDecide, now: datetime
) -> review.Outcome:
    """As ``decide_review``, and where the review stands (``outcome.state``).

    A proposed refusal awaiting a second reviewer, or a disagreement awaiting a senior reviewer,
    leaves the request ``in_review`` and tells the requester nothing.
    """
    if data.decision is Decision.APPROVE:
        _check_no_hold(session, ref=ref, now=now)
    outcome = review.decide(session, actor=actor, ref=ref, data=data, now=now)
    request = outcome.request
    if outcome.publish:
        notices.transition(
            session, actor=actor, request=request, target=Status.PUBLISHED, reason=data.note, now=now
        )
    elif outcome.refuse:
        notices.transition(
            session,
            actor=actor,
            request=request,
            target=Status.REFUSED,
            reason=f"refused on review: {', '.join(outcome.refusal_grounds)}",
            now=now,
        )
        notices.notify_requester(session, request=request, kind="refused", now=now)
    elif outcome.ask_info:
        notices.notify_requester(session, request=request, kind="information_requested", now=now)
    return outcome


def _check_no_hold(session: Session, *, ref: str, now: datetime) -> None:
    """A request the commission has blocked, or whose newly linked case still has time to block
    it, is not approved (refusing never waits; complaints/later.py)."""
    hold = complaints.publication_hold(session, ref=ref, now=now)
    if hold is None:
        return
    if hold.reason == "blocked":
        raise Conflict(
            "The commission has provisionally blocked this request: it cannot be published before "
            "the commission decides",
            code="review.blocked_by_commission",
            details=[{"case": hold.case}],
        )
    until = hold.until.isoformat() if hold.until else None
    raise Conflict(
        f"Case {hold.case} before the commission concerns this person: approval waits until {until} "
        "for the commission's word on a provisional block (refusing does not wait)",
        code="review.awaiting_commission",
        details=[{"case": hold.case, "until": until}],
    )


def end_request(
    session: Session, *, actor: Actor, ref: str, target: Status, reason: str, now: datetime
) -> Request:
    """Withdraw, suspend, resume or cancel a request the actor can see; close its review if open."""
    request = notices.get_visible(session, actor=actor, ref=ref)
    notices.transition(session, actor=actor, request=request, target=target, reason=reason, now=now)
    if target in {Status.WITHDRAWN, Status.CANCELLED, Status.DELETED}:
        review.close_for(session, request=request, now=now)
    return request


# Called for every request a commission decision deletes (ids only). Messaging adds its hook here
# (e.g. ``messages.service.mark_for_deleted_request``) so that linked messages are marked.
def _mark_linked_messages(session: Session, deleted: DeletedRequest) -> None:
    """Messages that named a deleted request are marked for the compliance staff."""
    messages.mark_linked(session, request_ref=deleted.request_ref, now=deleted.decided_at)


COMPLAINT_DELETION_HOOKS: tuple[DeletionHook, ...] = (_mark_linked_messages,)


def decide_complaint(
    session: Session, *, actor: Actor, ref: str, data: DecisionRecord, now: datetime, settings: Settings
) -> Complaint:
    """The commission's binding decision, with every domain's deletion hook wired in; with
    ``ARTICLE3_WORDING`` on, the phrases of the requests it concerns are counted under its outcome
    from the documents as they were before it (a non-compliant outcome purges them)."""
    key = wording_key(settings, screening=False)
    before = complaints.linked_documents(session, ref) if key else []
    complaint = complaints.decide(
        session, actor=actor, ref=ref, data=data, now=now, on_deletion=COMPLAINT_DELETION_HOOKS
    )
    non_compliant = data.outcome is Outcome.NON_COMPLIANT
    for request_id, document in before:
        if key and document is not None:  # ``before`` is empty without a key; this says so to mypy
            wording_store.count_decided(
                session,
                actor=actor,
                request_id=request_id,
                document=RequestDocument.model_validate(document),
                non_compliant=non_compliant,
                key=key,
                now=now,
            )
    return complaint


def wording_key(settings: Settings, *, screening: bool) -> bytes | None:
    """The key of the wording counts when the deployment counts (``learn``) and, for the
    screening, when it also screens with them (``screen``); None otherwise."""
    if settings.wording is WordingUse.OFF or (screening and settings.wording is not WordingUse.SCREEN):
        return None
    return wording.key_from_secret(settings.secret_key)


# The Conflict's code when there are too few decisions to train on (for callers outside screening).
TRAINING_DATA_INSUFFICIENT = training.INSUFFICIENT
WORDING_DATA_INSUFFICIENT = "screening.wording_data_insufficient"


def calibrate_wording(session: Session, *, actor: str, now: datetime) -> dict[str, Any]:
    """Fit the wording counts' calibration alone, without retraining the learned component (which
    learns from the reviewers' decisions: docs/screening.md says why a deployment screening with
    the wording may not want both). Conflict ``screening.wording_data_insufficient`` when fewer than
    ``wording_store.MIN_DECIDED`` counted requests, or one outcome only, are there."""
    calibration = wording_store.calibrate(session, actor=actor, now=now)
    if calibration is None:
        raise Conflict(
            f"Calibrating needs at least {wording_store.MIN_DECIDED} counted decided requests of both "
            "outcomes (ARTICLE3_WORDING counts them at each commission decision)",
            code=WORDING_DATA_INSUFFICIENT,
        )
    return dataclasses.asdict(calibration)


def train_screening(
    session: Session, *, actor: str, data_dir: Path, now: datetime, seed: int = 0
) -> dict[str, Any]:
    """Retrain the screening's learned component on the reviewers' decisions and the commission's
    outcomes (a request the commission overturned is a positive, whatever the reviewer decided);
    returns the model card. The screening does not import the complaints domain: this passes them.
    The wording counts' calibration is fitted again too, when there are enough of them (the card's
    ``wording``; ``wording_store.calibrate``)."""
    calibration = wording_store.calibrate(session, actor=actor, now=now)
    card = training.train_from_decisions(
        session,
        actor=actor,
        data_dir=data_dir,
        now=now,
        commission_outcomes=complaints.request_outcomes(session),
        seed=seed,
    )
    return card | ({"wording": dataclasses.asdict(calibration)} if calibration else {})
