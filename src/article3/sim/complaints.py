"""Adapter for the commission: lodge a complaint, declare it admissible, consult the source bureau
and have it answer, block a linked request or say there is no reason to (``clear``), decide it.

The simulated commission decides from the world's ground truth, with its own error rate: it
examines the applicant's evidence, which the screening never sees (docs/simulation.md).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from article3 import workflows
from article3.actors import Actor
from article3.bootstrap import Runtime
from article3.complaints import service as complaints
from article3.complaints.rules import Finding, Ground, Kind, Outcome
from article3.complaints.schemas import (
    Assessment,
    BlockOrder,
    ClearOrder,
    ComplaintLodge,
    ConsultationAnswer,
    ConsultationOpen,
    DecisionRecord,
)
from article3.db.session import transaction
from article3.errors import Conflict
from article3.notices.rules import Status as RequestStatus
from article3.search.schemas import PersonQuery
from article3.sim import policies

QUESTIONS = (
    "The commission has received a complaint about this request (Statute Art. 34). Please send "
    "the judicial decision it rests on and your view of the applicant's claims."
)
ANSWER = "The request is maintained; the judicial decision is attached to the file."


def lodge(rt: Runtime, data: dict[str, Any], refs: list[str], now: datetime) -> str:
    form = ComplaintLodge(
        kind=Kind(data["kind"]),
        applicant=PersonQuery.model_validate(data["person"]),
        contact="applicant@example.org",
        statement=data["statement"],
        refs=refs,
        pre_emptive=bool(data.get("pre_emptive")),
    )
    with rt.session() as session, transaction(session):
        receipt = complaints.lodge(
            session,
            actor=None,
            data=form,
            documents=[],
            engine=rt.search,
            data_dir=rt.settings.data_dir,
            now=now,
        )
        return receipt.ref


def admit(rt: Runtime, secretariat: Actor, ref: str, now: datetime) -> None:
    with rt.session() as session, transaction(session):
        complaints.assess(
            session,
            actor=secretariat,
            ref=ref,
            data=Assessment(admissible=True, reason="admissible"),
            now=now,
        )


def consult(rt: Runtime, secretariat: Actor, ref: str, now: datetime) -> list[tuple[int, str]]:
    """Consult the source bureau about each published request the case concerns, each consultation
    in its own transaction; returns each consultation's id and the bureau's country."""
    with rt.session() as session:
        links = complaints.to_read(session, complaints.get(session, ref), now=now).links
    published = [link.request_ref for link in links if link.request_status == RequestStatus.PUBLISHED.value]
    asked: list[tuple[int, str]] = []
    for request_ref in published:
        data = ConsultationOpen(
            request_ref=request_ref, questions=QUESTIONS, months=policies.CONSULTATION_MONTHS
        )
        with rt.session() as session, transaction(session):
            made = complaints.consult(session, actor=secretariat, ref=ref, data=data, now=now)
            asked.append((made.id, made.country_code))
    return asked


def answer(rt: Runtime, officer: Actor, consultation_id: int, now: datetime) -> None:
    """The source bureau answers the commission (no restriction asked)."""
    data = ConsultationAnswer(answer=ANSWER)
    with rt.session() as session, transaction(session):
        complaints.answer(session, actor=officer, consultation_id=consultation_id, data=data, now=now)


def decide(rt: Runtime, member: Actor, ref: str, *, non_compliant: bool, now: datetime) -> int:
    """Returns how many linked requests the decision deleted."""
    finding = Finding.UPHELD if non_compliant else Finding.REJECTED
    data = DecisionRecord(
        outcome=Outcome.NON_COMPLIANT if non_compliant else Outcome.COMPLIANT,
        findings={Ground.ART3_POLITICAL_PREDOMINANCE: finding},
        applicant_text="The commission has examined your complaint.",
    )
    with rt.session() as session, transaction(session):
        complaint = workflows.decide_complaint(
            session, actor=member, ref=ref, data=data, now=now, settings=rt.settings
        )
        return len(complaint.links) if non_compliant else 0


def block(rt: Runtime, member: Actor, ref: str, now: datetime) -> bool:
    """A provisional block on the case's requests; False when the case has closed meanwhile."""
    data = BlockOrder(reason="provisional block")
    return _unless_refused(rt, lambda s: complaints.block(s, actor=member, ref=ref, data=data, now=now))


def clear(rt: Runtime, member: Actor, ref: str, request_ref: str, now: datetime) -> bool:
    """No reason to block this request; False when the case has closed or does not hold it."""
    data = ClearOrder(reason="no reason to block")
    return _unless_refused(
        rt, lambda s: complaints.clear(s, actor=member, ref=ref, request_ref=request_ref, data=data, now=now)
    )


def _unless_refused(rt: Runtime, act: Callable[[Session], object]) -> bool:
    """Run one commission act in its own transaction; False when the case refuses it (Conflict)."""
    try:
        with rt.session() as session, transaction(session):
            act(session)
    except Conflict:
        return False
    return True
