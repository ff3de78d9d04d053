"""``article3 complaints``: the commission's acts, one command per API route (show, lodge, assess,
consult, consultations, answer, restriction, extend, block, clear, decide).

Each command acts as a named account (``--as USERNAME``), checks the permission the API route's
``allow(...)`` checks, builds the route's schema from the options (so bad input names the same
fields as over HTTP) and calls the same service function in one transaction. Registered on the
``complaints`` app by :func:`register`.
"""

from __future__ import annotations

import json as jsonlib
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any, TypeVar

import typer
from pydantic import BaseModel, ValidationError
from sqlalchemy.orm import Session

from article3.accounts import service as accounts
from article3.accounts.permissions import Permission, require
from article3.actors import Actor
from article3.cli.context import emit, handle_errors, state
from article3.complaints import service as complaints
from article3.complaints.rules import Clock, Ground, Outcome, RestrictionReason
from article3.complaints.schemas import (
    Assessment,
    BlockOrder,
    ClearOrder,
    ComplaintLodge,
    ComplaintRead,
    ConsultationAnswer,
    ConsultationOpen,
    ConsultationRead,
    DecisionRecord,
    ExtensionGrant,
    RestrictionRuling,
)
from article3.db.session import transaction
from article3.errors import InvalidInput
from article3.workflows import decide_complaint

M = TypeVar("M", bound=BaseModel)
T = TypeVar("T")
R = TypeVar("R")
AS = typer.Option(..., "--as", help="Username of the account acting")
JSON = typer.Option(False, "--json")
REASON = typer.Option(..., help="Why, in words (3 to 4,000 characters)")
Act = Callable[[Session, Actor, datetime], T]


def _schema(model: type[M], data: dict[str, Any]) -> M:
    """The route's schema, with the API's field errors (``invalid_input``, one path per field)."""
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        raise InvalidInput.from_validation(exc) from None


def _run(
    ctx: typer.Context,
    username: str,
    permission: Permission,
    act: Act[T],
    read: Callable[[Session, Actor, T, datetime], R],
) -> R:
    """One use case in one transaction as ``username`` (its role must hold ``permission``, as for the
    API route), then the read the route answers with."""
    st = state(ctx)
    now = st.runtime.clock.now()
    with st.session() as session:
        with transaction(session):
            actor = require(accounts.actor_by_username(session, username), permission)
            result = act(session, actor, now)
        return read(session, actor, result, now)


def _on_case(
    ctx: typer.Context, username: str, permission: Permission, ref: str, act: Act[T]
) -> ComplaintRead:
    return _run(
        ctx,
        username,
        permission,
        act,
        lambda s, _a, _r, now: complaints.to_read(s, complaints.get(s, ref), now=now),
    )


def _case_out(case: ComplaintRead, as_json: bool, what: str) -> None:
    emit(case, as_json=as_json, lines=lambda c: f"{c.ref} {c.status.value}: {what}")


def _consultation_line(c: ConsultationRead) -> str:
    answered = f"answered {c.answered_at.date()}" if c.answered_at else f"due {c.due_at.date()}"
    if c.lapsed_at:
        answered = f"lapsed {c.lapsed_at.date()}"
    return f"{c.id} {c.complaint_ref} {c.request_ref} {c.country} {answered}"


def show(ctx: typer.Context, ref: str, json: bool = JSON) -> None:
    """One case as the commission sees it: status, clock, linked requests, consultations, decision.

    Run by the operator, like `list`.
    """
    st = state(ctx)
    with st.session() as session:
        case = complaints.to_read(session, complaints.get(session, ref), now=st.runtime.clock.now())

    def lines(c: ComplaintRead) -> str:
        out = [f"{c.ref} {c.kind.value} {c.status.value} received {c.received_at.date()}"]
        if c.clock:
            out.append(f"clock {c.clock.clock.value} due {c.clock.due.date()} ({c.clock.state.value})")
        out += [
            f"request {x.request_ref} {x.requesting_country} {x.request_status}"
            + (" blocked" if x.blocked else "")
            + (f" cleared {x.cleared_at.date()}" if x.cleared_at else "")
            for x in c.links
        ]
        out += [f"consultation {_consultation_line(x)}" for x in c.consultations]
        if c.decision:
            out.append(f"decision {c.decision.outcome.value} {c.decision.decided_at.date()}")
        return "\n".join(out)

    emit(case, as_json=json, lines=lines)


def lodge(
    ctx: typer.Context,
    file: Path = typer.Argument(
        ..., exists=True, dir_okay=False, help="The complaint as JSON (the API's ComplaintLodge)"
    ),
    document: list[Path] = typer.Option(
        [], exists=True, dir_okay=False, help="A supporting document (pdf, png, jpg, txt); repeat"
    ),
    username: str | None = typer.Option(None, "--as", help="An applicant's login, to add the case to it"),
    json: bool = JSON,
) -> None:
    """Lodge a complaint (or a revision: kind "revision", parent_ref, new_fact) from a JSON file.

    Prints the case number and, for a new login, its password: shown once.
    """
    try:
        raw = jsonlib.loads(file.read_text(encoding="utf-8"))
    except ValueError:
        raise InvalidInput("The complaint file is not JSON", code="complaint.malformed_json") from None
    data = _schema(ComplaintLodge, raw)
    files = [(p.name, p.read_bytes()) for p in document]
    st = state(ctx)
    with st.session() as session, transaction(session):
        actor = accounts.actor_by_username(session, username) if username else None
        receipt = complaints.lodge(
            session,
            actor=actor,
            data=data,
            documents=files,
            engine=st.runtime.search,
            data_dir=st.runtime.settings.data_dir,
            now=st.runtime.clock.now(),
        )
    emit(
        receipt,
        as_json=json,
        lines=lambda r: (
            f"{r.ref} {r.status.value}: login {r.username}"
            + (f" password {r.password} (shown once)" if r.password else "")
        ),
    )


def assess(
    ctx: typer.Context,
    ref: str,
    admissible: bool = typer.Option(..., "--admissible/--inadmissible", help="The finding"),
    reason: str = REASON,
    username: str = AS,
    json: bool = JSON,
) -> None:
    """Declare case REF admissible or not, with the reason (secretariat)."""

    def act(s: Session, actor: Actor, now: datetime) -> object:
        data = _schema(Assessment, {"admissible": admissible, "reason": reason})
        return complaints.assess(s, actor=actor, ref=ref, data=data, now=now)

    case = _on_case(ctx, username, Permission.COMPLAINTS_ASSESS, ref, act)
    _case_out(case, json, "admissibility assessed")


def consult(
    ctx: typer.Context,
    ref: str,
    questions: str = typer.Option(..., help="What the source bureau is asked"),
    request: str | None = typer.Option(None, help="The request; default: the first the case concerns"),
    months: int = typer.Option(1, help="Time to answer, 1 to 3 months"),
    username: str = AS,
    json: bool = JSON,
) -> None:
    """Consult the bureau that is the source of a request of case REF (secretariat)."""

    def act(s: Session, actor: Actor, now: datetime) -> tuple[str, int]:
        data = _schema(ConsultationOpen, {"request_ref": request, "questions": questions, "months": months})
        created = complaints.consult(s, actor=actor, ref=ref, data=data, now=now)
        return created.country_code, created.id

    found = _run(
        ctx,
        username,
        Permission.COMPLAINTS_ASSESS,
        act,
        lambda s, _a, key, _n: complaints.consultation_for(s, country=key[0], consultation_id=key[1]),
    )
    emit(found, as_json=json, lines=lambda c: f"{ref} consultation {_consultation_line(c)}")


def consultations(ctx: typer.Context, username: str = AS, json: bool = JSON) -> None:
    """Your bureau's consultations by the commission (never the applicant's identity)."""
    st = state(ctx)
    with st.session() as session:
        actor = require(accounts.actor_by_username(session, username), Permission.COMPLAINTS_ANSWER)
        assert actor.country is not None  # COMPLAINTS_ANSWER is held by NCB roles only
        rows = complaints.consultations_for(session, country=actor.country)
    emit(rows, as_json=json, lines=lambda rs: "\n".join(_consultation_line(c) for c in rs))


def answer(
    ctx: typer.Context,
    consultation_id: int,
    text: str = typer.Option(..., "--answer", help="The bureau's answer"),
    restriction: list[RestrictionReason] = typer.Option(
        [], help="Ask to restrict what the applicant is told, on this listed ground; repeat"
    ),
    restriction_note: str | None = typer.Option(None, help="Why the restriction is needed"),
    username: str = AS,
    json: bool = JSON,
) -> None:
    """Answer consultation CONSULTATION_ID as the source bureau (an officer of that country)."""

    def act(s: Session, actor: Actor, now: datetime) -> int:
        data = _schema(
            ConsultationAnswer,
            {"answer": text, "restrictions": restriction, "restriction_note": restriction_note},
        )
        return complaints.answer(s, actor=actor, consultation_id=consultation_id, data=data, now=now).id

    found = _run(
        ctx,
        username,
        Permission.COMPLAINTS_ANSWER,
        act,
        lambda s, actor, cid, _n: complaints.consultation_for(
            s, country=actor.country or "", consultation_id=cid
        ),
    )
    emit(found, as_json=json, lines=lambda c: f"{c.complaint_ref} consultation {_consultation_line(c)}")


def restriction(
    ctx: typer.Context,
    ref: str,
    consultation_id: int,
    accept: bool = typer.Option(..., "--accept/--reject", help="Accept or reject the source's restriction"),
    note: str | None = typer.Option(None, help="The commission's note"),
    username: str = AS,
    json: bool = JSON,
) -> None:
    """Accept or reject the source's restriction in CONSULTATION_ID of case REF (commission member)."""

    def act(s: Session, actor: Actor, now: datetime) -> object:
        data = _schema(RestrictionRuling, {"accept": accept, "note": note})
        return complaints.rule_restriction(
            s, actor=actor, ref=ref, consultation_id=consultation_id, data=data, now=now
        )

    case = _on_case(ctx, username, Permission.COMPLAINTS_DECIDE, ref, act)
    _case_out(case, json, f"restriction {'accepted' if accept else 'rejected'}")


def extend(
    ctx: typer.Context,
    ref: str,
    clock: Clock = typer.Option(..., help="The running clock"),
    months: int = typer.Option(..., help="Whole months, 1 to 6 (at most 6 per clock in all)"),
    reason: str = REASON,
    username: str = AS,
    json: bool = JSON,
) -> None:
    """Extend the running clock of case REF by whole months, with a reason (secretariat)."""

    def act(s: Session, actor: Actor, now: datetime) -> object:
        data = _schema(ExtensionGrant, {"clock": clock, "months": months, "reason": reason})
        return complaints.extend(s, actor=actor, ref=ref, data=data, now=now)

    case = _on_case(ctx, username, Permission.COMPLAINTS_ASSESS, ref, act)
    due = case.clock.due.date() if case.clock else "-"
    _case_out(case, json, f"{clock.value} clock extended by {months} month(s), due {due}")


def block(ctx: typer.Context, ref: str, reason: str = REASON, username: str = AS, json: bool = JSON) -> None:
    """Order a provisional block of the requests case REF concerns (commission member).

    They vanish at once from every other country's view, until the decision.
    """

    def act(s: Session, actor: Actor, now: datetime) -> object:
        return complaints.block(
            s, actor=actor, ref=ref, data=_schema(BlockOrder, {"reason": reason}), now=now
        )

    case = _on_case(ctx, username, Permission.COMPLAINTS_DECIDE, ref, act)
    _case_out(case, json, "provisional block: " + ", ".join(x.request_ref for x in case.links if x.blocked))


def clear(
    ctx: typer.Context,
    ref: str,
    request_ref: str,
    reason: str = REASON,
    username: str = AS,
    json: bool = JSON,
) -> None:
    """No provisional block for REQUEST_REF, linked to case REF (commission member).

    The request no longer waits for the commission before a reviewer may approve it.
    """

    def act(s: Session, actor: Actor, now: datetime) -> object:
        data = _schema(ClearOrder, {"reason": reason})
        return complaints.clear(s, actor=actor, ref=ref, request_ref=request_ref, data=data, now=now)

    case = _on_case(ctx, username, Permission.COMPLAINTS_DECIDE, ref, act)
    _case_out(case, json, f"{request_ref} cleared (no block)")


def _findings(upheld: list[Ground], rejected: list[Ground], not_examined: list[Ground]) -> dict[str, str]:
    findings: dict[str, str] = {}
    for finding, grounds in (("upheld", upheld), ("rejected", rejected), ("not_examined", not_examined)):
        for ground in grounds:
            given = findings.setdefault(ground.value, finding)
            if given != finding:
                message = f"given both {given} and {finding}"
                path = {
                    "path": f"findings.{ground.value}",
                    "code": "conflicting_findings",
                    "message": message,
                }
                raise InvalidInput("The input is not valid", details=[path])
    return findings


def decide(
    ctx: typer.Context,
    ref: str,
    outcome: Outcome = typer.Option(..., help="The binding outcome"),
    upheld: list[Ground] = typer.Option([], help="A ground upheld; repeat"),
    rejected: list[Ground] = typer.Option([], help="A ground rejected; repeat"),
    not_examined: list[Ground] = typer.Option([], help="A ground not examined; repeat"),
    update_text: str | None = typer.Option(None, help="The update (compliant_with_update)"),
    applicant_text: str | None = typer.Option(None, help="What the applicant is told"),
    username: str = AS,
    json: bool = JSON,
) -> None:
    """Decide case REF (commission member; binding). non_compliant deletes every linked request.

    Grounds the applicant raised and the decision does not address are recorded not_examined.
    """

    def act(s: Session, actor: Actor, now: datetime) -> object:
        data = _schema(
            DecisionRecord,
            {
                "outcome": outcome,
                "findings": _findings(upheld, rejected, not_examined),
                "update_text": update_text,
                "applicant_text": applicant_text,
            },
        )
        return decide_complaint(
            s, actor=actor, ref=ref, data=data, now=now, settings=state(ctx).runtime.settings
        )

    case = _on_case(ctx, username, Permission.COMPLAINTS_DECIDE, ref, act)
    touched = ", ".join(f"{x.request_ref} {x.request_status}" for x in case.links)
    _case_out(case, json, outcome.value + (f"; {touched}" if touched else ""))


COMMANDS: dict[str, Callable[..., None]] = {
    "show": show,
    "lodge": lodge,
    "assess": assess,
    "consult": consult,
    "consultations": consultations,
    "answer": answer,
    "restriction": restriction,
    "extend": extend,
    "block": block,
    "clear": clear,
    "decide": decide,
}


def register(app: typer.Typer) -> None:
    """Add the acts to the ``complaints`` app, each printing ``error[code]`` on a domain error."""
    for name, command in COMMANDS.items():
        app.command(name)(handle_errors(command))
