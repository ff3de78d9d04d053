"""Screen a request: gather what the system knows (gather.py), run the named rules, store the run."""

from __future__ import annotations

from dataclasses import asdict
from datetime import date, datetime
from typing import Any, cast

from sqlalchemy import Table, insert, select
from sqlalchemy.orm import Session

from article3.actors import Actor
from article3.audit import service as audit
from article3.audit.actions import AuditAction
from article3.notices.document import RequestDocument, partial_date_parts
from article3.notices.models import Request
from article3.screening import inputs, wording_store
from article3.screening.findings import EvidenceKind, Finding
from article3.screening.gather import gather
from article3.screening.learned import LearnedModel, build_features
from article3.screening.models import ScreeningRun
from article3.screening.reasons import LEARNED_CODES, ReasonCode, label
from article3.screening.rulesets import Assessment, assess
from article3.screening.schemas import ScreeningRead
from article3.search.engine import SearchEngine


def _birth(value: str | None) -> date | None:
    if not value:
        return None
    year, month, day = partial_date_parts(value)
    return date(year, month or 1, day or 1)


def to_input(document: RequestDocument) -> inputs.Request:
    """The neutral view of a request document that the rules read."""
    return inputs.Request(
        kind=document.kind,
        purpose=document.purpose,
        requesting_country=document.requesting_country,
        recipients=tuple(document.recipients),
        subject_names=tuple(document.subject.full_names()),
        birth_date=_birth(document.subject.birth_date),
        nationalities=tuple(document.subject.nationalities),
        occupations=tuple(document.subject.occupations),
        offences=tuple(
            inputs.Offence(
                provision=o.provision,
                description=o.description or "",
                category=o.category or "",
                committed_on=_date(o.committed_on),
                place=o.place or "",
            )
            for o in document.offences
        ),
        facts=document.facts,
        warrant_issued_on=document.warrant.issued_on if document.warrant else None,
        prior_proceedings=tuple(
            inputs.PriorProceeding(country=p.country, kind=p.kind, on=p.on)
            for p in document.prior_proceedings
        ),
    )


def _date(value: object) -> date | None:
    if isinstance(value, date):
        return value
    return _birth(value) if isinstance(value, str) else None


def screen(
    session: Session,
    *,
    actor: Actor | str,
    request: Request,
    document: RequestDocument,
    now: datetime,
    engine: SearchEngine | None = None,
    model: LearnedModel | None = None,
    measures_in_force: frozenset[str] = frozenset(),
    complaints: int = 0,
    overturned: int = 0,
    wording_key: bytes | None = None,
) -> Assessment:
    """Gather what the system knows, run the ruleset (and the model, if any), store the run.

    ``engine`` is the process's person-search engine (a fresh one is built from the database when
    it is not given: correct, but slow on a large index). ``model`` is the learned component
    (`model_files.latest`); without it the rules decide alone. ``complaints`` and ``overturned``
    are the requester's complaints before the commission and its reversals: the hook the complaints
    domain fills (0 until it does). ``wording_key``, when given, adds the wording evidence
    (``wording_store.evidence_for``: the deployment's ``ARTICLE3_WORDING=screen``). Records
    ``screening:run:recorded``.
    """
    known = gather(
        session,
        engine=engine or SearchEngine(),
        request=request,
        document=document,
        complaints=complaints,
        overturned=overturned,
    )
    data = inputs.ScreeningInput(
        request=to_input(document),
        today=now.date(),
        criteria_failures=tuple(f["code"] for f in request.intake_failures),
        register_hits=known.register_hits,
        earlier_requests=known.earlier_requests,
        flags_on_earlier=known.flags_on_earlier,
        requester_record=known.requester_record,
        measures_in_force=measures_in_force,
        subject_left_country_on=known.left_country_on,
        commission_cases=known.commission_cases,
    )
    found_wording = (
        wording_store.evidence_for(session, document=document, key=wording_key) if wording_key else None
    )
    result = assess(data, model=model, wording=found_wording)
    rules_findings = [f for f in result.findings if f.code not in LEARNED_CODES]
    findings = [_finding(f, known.register_detail) for f in result.findings]
    # A run is written once and never changed: inserted on the table, with no object for the unit
    # of work to track (a fifth of the cost of an ORM insert).
    session.execute(
        _INSERT_RUN,
        {
            "request_id": request.id,
            "ruleset": result.ruleset,
            "version": result.version,
            "risk": result.risk,
            "route": result.route.value,
            "findings": findings,
            "features": list(build_features(data, rules_findings)),
            "created_at": now,
        },
    )
    request.route, request.risk = result.route.value, result.risk
    audit.record(
        session,
        actor=actor,
        action=AuditAction.SCREENING_RECORDED,
        subject_type="request",
        subject_id=request.id,
        change={"route": result.route.value, "risk": result.risk, "codes": [f["code"] for f in findings]},
        now=now,
    )
    return result


_INSERT_RUN = insert(cast(Table, ScreeningRun.__table__))


def _finding(finding: Finding, register_detail: dict[str, str]) -> dict[str, object]:
    """A finding as stored for the reviewer; register evidence says who registered the entry.

    Stored runs are read by reviewers only (never by the requester: see docs/screening.md).
    """
    raw = asdict(finding)
    for evidence in raw["evidence"]:
        extra = (
            register_detail.get(evidence["ref"]) if evidence["kind"] == EvidenceKind.REGISTER_ENTRY else None
        )
        if extra:
            evidence["detail"] = f"{evidence['detail']}; {extra}" if evidence["detail"] else extra
        evidence["kind"] = str(evidence["kind"])
    return {k: (str(v) if k in {"code", "severity"} else v) for k, v in raw.items()}


def latest(session: Session, *, request_id: int) -> ScreeningRead | None:
    run = session.scalars(
        select(ScreeningRun)
        .where(ScreeningRun.request_id == request_id)
        .order_by(ScreeningRun.id.desc())
        .limit(1)
    ).first()
    return ScreeningRead.model_validate(run, from_attributes=True) if run else None


# Evidence whose ref or detail quotes the request itself; the rest points at ids (a register entry,
# an earlier request, a catalogue entry...).
_QUOTING = frozenset(
    {EvidenceKind.FACTS, EvidenceKind.OFFENCE, EvidenceKind.OCCUPATION, EvidenceKind.WORDING}
)


def purge_texts(session: Session, *, request_id: int) -> None:
    """With the request's document purged (a commission deletion), its runs keep their codes,
    weights and routes, and lose every text that quoted it: explanations become the code's label,
    evidence keeps its kind (and the ids it points at), never a quote."""
    for run in session.scalars(select(ScreeningRun).where(ScreeningRun.request_id == request_id)):
        run.findings = [_without_text(f) for f in run.findings]


def _without_text(stored: dict[str, Any]) -> dict[str, Any]:
    evidence = [
        {"kind": e["kind"], "ref": "" if e["kind"] in _QUOTING else e["ref"], "detail": ""}
        for e in stored.get("evidence", [])
    ]
    return stored | {
        "explanation": f"{label(ReasonCode(stored['code']))} (text purged)",
        "evidence": evidence,
    }
