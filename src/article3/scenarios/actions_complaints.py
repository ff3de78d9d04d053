"""The scenario actions ``complain``, ``ccf_decide`` and ``ccf_block`` (the complaints commission).

Choices the spec leaves open, made here:

- ``complain`` is public: it needs no account (``as: public`` works), exactly like the portal. Its
  ``refs`` are labels of earlier steps (or request refs); ``contact`` defaults to "by scenario". The
  applicant gets a login bound to the case, as on the portal.
- ``ccf_decide``'s ``grounds`` are ground codes; each is recorded as ``upheld`` for a
  ``non_compliant`` or ``compliant_with_update`` outcome and ``rejected`` for ``compliant``, unless
  written ``code:finding`` (``art3_political_predominance:not_examined``). ``findings`` (a mapping)
  may be given instead. Grounds the applicant raised and the decision leaves aside are recorded as
  ``not_examined``. A complaint still ``received`` is first declared admissible on the commission's
  behalf ("declared admissible by scenario"), since the scenario's ``ccf`` actor is a member.
- ``ccf_block`` (``as: ccf``, ``ref`` a complaint, ``with: {"reason": ...}``) orders a provisional block.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, Field

from article3.accounts.permissions import Permission, require
from article3.complaints import service as complaints
from article3.complaints.rules import Finding, Ground, Kind, Outcome, Status
from article3.complaints.schemas import Assessment, BlockOrder, ComplaintLodge, DecisionRecord
from article3.errors import InvalidInput
from article3.scenarios.actions import Outcome as StepOutcome
from article3.scenarios.actions import StepContext, Target, action, status_reader
from article3.search.schemas import PersonQuery
from article3.workflows import decide_complaint

COMPLAINT = "complaint"


class ComplainPayload(BaseModel):
    kind: Kind
    applicant: PersonQuery
    refs: list[str] = Field(default_factory=list)
    statement: str = Field(min_length=1)
    grounds: list[Ground] = Field(default_factory=list)
    pre_emptive: bool = False
    contact: str = "by scenario"


class DecidePayload(BaseModel):
    outcome: Outcome
    grounds: list[str] = Field(default_factory=list)
    findings: dict[Ground, Finding] = Field(default_factory=dict)
    update_text: str | None = None
    applicant_text: str | None = None


@status_reader(COMPLAINT)
def complaint_status(session: Any, key: str) -> str:
    return complaints.get(session, key).status


@action("complain", fields={"case": None})
def complain(ctx: StepContext) -> StepOutcome:
    """Lodge a complaint as the portal does; the output names the case number."""
    data = ctx.payload(ComplainPayload)
    by_label = {label: key for key, label in ctx.labels.items()}
    assert ctx.engine is not None, "the runner always hands the engine to a step"
    receipt = complaints.lodge(
        ctx.session,
        actor=ctx.caller,
        data=ComplaintLodge(
            kind=data.kind,
            applicant=data.applicant,
            contact=data.contact if len(data.contact) >= 3 else "by scenario",
            statement=data.statement.ljust(10, "."),
            grounds=data.grounds,
            refs=[by_label.get(r, r) for r in data.refs],
            pre_emptive=data.pre_emptive,
        ),
        documents=[],
        engine=ctx.engine,
        data_dir=ctx.settings.data_dir,
        now=ctx.now,
    )
    return StepOutcome(Target(COMPLAINT, receipt.ref), {"case": receipt.ref})


def _findings(data: DecidePayload) -> dict[Ground, Finding]:
    default = Finding.REJECTED if data.outcome is Outcome.COMPLIANT else Finding.UPHELD
    out = dict(data.findings)
    for item in data.grounds:
        code, _, finding = item.partition(":")
        try:
            out[Ground(code)] = Finding(finding) if finding else default
        except ValueError:
            raise InvalidInput(
                f"Unknown ground or finding {item!r}; grounds: {', '.join(g.value for g in Ground)}",
                code="scenario.unknown_ground",
            ) from None
    return out


@action("ccf_decide", needs_ref=True)
def ccf_decide(ctx: StepContext) -> StepOutcome:
    """A commission member decides (declaring the case admissible first if still received)."""
    actor = require(ctx.actor, Permission.COMPLAINTS_DECIDE)
    ref = ctx.target_key(COMPLAINT)
    data = ctx.payload(DecidePayload)
    if complaints.get(ctx.session, ref).status == Status.RECEIVED.value:
        complaints.assess(
            ctx.session,
            actor=actor,
            ref=ref,
            data=Assessment(admissible=True, reason="declared admissible by scenario"),
            now=ctx.now,
        )
    record = DecisionRecord(
        outcome=data.outcome,
        findings=_findings(data),
        update_text=data.update_text
        or ("update recorded by scenario" if data.outcome is Outcome.COMPLIANT_WITH_UPDATE else None),
        applicant_text=data.applicant_text,
    )
    decide_complaint(ctx.session, actor=actor, ref=ref, data=record, now=ctx.now, settings=ctx.settings)
    return StepOutcome(Target(COMPLAINT, ref))


@action("ccf_block", needs_ref=True)
def ccf_block(ctx: StepContext) -> StepOutcome:
    """A commission member orders a provisional block of the requests the complaint concerns."""
    actor = require(ctx.actor, Permission.COMPLAINTS_DECIDE)
    ref = ctx.target_key(COMPLAINT)
    data = ctx.payload(BlockOrder)
    complaints.block(ctx.session, actor=actor, ref=ref, data=data, now=ctx.now)
    return StepOutcome(Target(COMPLAINT, ref))
