"""Complaints for tests: lodged, declared admissible, with the source consulted."""

from __future__ import annotations

from typing import Any

from article3 import workflows
from article3.actors import Actor, Role
from article3.bootstrap import Runtime
from article3.complaints import service as complaints
from article3.complaints.schemas import (
    Assessment,
    ComplaintLodge,
    ConsultationAnswer,
    ConsultationOpen,
    DecisionRecord,
)
from article3.db.session import transaction
from tests.factories import requests as rq
from tests.factories.accounts import make_user

PDF = b"%PDF-1.4\n% a tiny test document\n"


def lodge_data(**overrides: Any) -> ComplaintLodge:
    base: dict[str, Any] = {
        "kind": "deletion",
        "applicant": {"names": ["Nadia Kerimova"], "birth_date": "1980-02-02"},
        "contact": "nadia@example.org",
        "statement": "The notice is a reprisal for my reporting.",
        "grounds": ["art3_political_predominance"],
    }
    return ComplaintLodge.model_validate(base | overrides)


def lodged(
    rt: Runtime,
    *,
    refs: list[str] | None = None,
    documents: list[tuple[str, bytes]] | None = None,
    **overrides: Any,
) -> str:
    with rt.session() as s, transaction(s):
        return complaints.lodge(
            s,
            actor=None,
            data=lodge_data(refs=refs or [], **overrides),
            documents=documents or [],
            engine=rt.search,
            data_dir=rt.settings.data_dir,
            now=rt.clock.now(),
        ).ref


def assess(rt: Runtime, ref: str, secretariat: Actor | None = None) -> str:
    actor = secretariat or make_user(rt, Role.CCF_SECRETARIAT)
    with rt.session() as s, transaction(s):
        complaints.assess(
            s, actor=actor, ref=ref, data=Assessment(admissible=True, reason="in order"), now=rt.clock.now()
        )
    return ref


def on_published(rt: Runtime, country: str = "FR") -> tuple[str, str]:
    """A published request of ``country`` and a complaint citing it: (complaint ref, request ref)."""
    request_ref = rq.published(rt, country)
    return lodged(rt, refs=[request_ref]), request_ref


def admissible(rt: Runtime, country: str = "FR") -> str:
    return assess(rt, on_published(rt, country)[0])


def consulted(rt: Runtime, country: str = "FR", *, answered: bool = False) -> tuple[str, int]:
    ref = admissible(rt, country)
    secretariat = make_user(rt, Role.CCF_SECRETARIAT)
    officer = make_user(rt, Role.NCB_OFFICER, country)
    with rt.session() as s, transaction(s):
        consultation = complaints.consult(
            s,
            actor=secretariat,
            ref=ref,
            data=ConsultationOpen(questions="Did he personally benefit?"),
            now=rt.clock.now(),
        )
        cid = consultation.id
    if answered:
        with rt.session() as s, transaction(s):
            complaints.answer(
                s,
                actor=officer,
                consultation_id=cid,
                data=ConsultationAnswer(
                    answer="Yes, see the file.", restrictions=["confidentiality_of_investigation"]
                ),
                now=rt.clock.now(),
            )
    return ref, cid


def with_document(rt: Runtime) -> tuple[str, int]:
    ref = lodged(rt, documents=[("power.pdf", PDF)])
    with rt.session() as s:
        return ref, complaints.get(s, ref).documents[0].id


LATER_SUBJECT = {"names": [{"given": "Ilya", "family": "Voronin"}], "birth_date": "1975-03-04", "sex": "M"}


def later_linked(rt: Runtime, country: str = "FR") -> tuple[str, str]:
    """A pre-emptive case about a person, then a request about that person, linked to the case and
    waiting for the commission's word: (case ref, request ref). The person is not the sample
    requests' subject, so other requests in the same database do not wait."""
    case = lodged(rt, applicant={"names": ["Ilya Voronin"], "birth_date": "1975-03-04"}, pre_emptive=True)
    officer = make_user(rt, Role.NCB_OFFICER, country)
    request = rq.submit(rt, officer, rq.document(country, subject=LATER_SUBJECT))
    return case, request


def decided(rt: Runtime, refs: list[str], outcome: DecisionRecord, member: Actor | None = None) -> str:
    """A case about ``refs``, declared admissible and decided through the workflow (deletion hooks
    and wording counts as the entry points run them); its reference."""
    ref = assess(rt, lodged(rt, refs=refs))
    actor = member or make_user(rt, Role.CCF_MEMBER)
    with rt.session() as s, transaction(s):
        workflows.decide_complaint(
            s, actor=actor, ref=ref, data=outcome, now=rt.clock.now(), settings=rt.settings
        )
    return ref
