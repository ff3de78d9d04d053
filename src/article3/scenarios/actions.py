"""What each scenario action does: a registry of small handlers, one per ``do``.

A handler receives a ``StepContext`` (the session of the step's own transaction, the acting
account, the target its ``ref`` names, the payload, the time) and calls the same permission check
and the same workflow or service as the API route would; it returns an ``Outcome`` naming what it
created or acted on, and any extra output keys. It never commits and never catches a domain error:
the runner turns an ``Article3Error`` into ``ok: false`` and rolls the step back.

Adding an action (the spec lists more than this build has): write a handler in a module per group
(``scenarios/messages.py``, ``scenarios/complaints.py``...) decorated with ``@action("message")``,
and import that module in ``scenarios/__init__.py``. The decorator replaces the placeholder
registered below by ``unavailable(...)``; until then the action answers ``ok: false`` with
``scenario.action_unavailable``. A new kind of target also registers how to read its status with
``@status_reader("message")``.

Choices the spec leaves open, made here:

- ``review``: the spec's payload has no predominance factors. When ``factors`` is absent every
  factor is recorded as ``not_assessed`` with the note "recorded by scenario" (the review rules
  require each factor to be recorded, and an approval is only barred by a factor judged
  predominantly political). A ground that is not a ``Ground`` value is refused with
  ``scenario.unknown_ground`` before anything is recorded. The reviewer need not claim first: the
  service lets a reviewer decide an unclaimed item. The step is one reviewer's decision, as at the
  desk: on fast track and standard review a first refusal is only proposed (the request stays
  ``in_review``, ``review_state: refusal_pending``), so the scenario says who confirms it in a
  second ``review`` step (``senior_reviewer`` confirming is just a second reviewer). Every review
  step outputs ``review_state``.
- ``flag``: the spec's ``reason`` is free text, the system's is a ``FlagReason``. A reason that is
  one of its values (``national_law``, ``protected_status``...) is used as is, with the optional
  ``note``; any other text is stored as ``essential_interests`` (the broadest category, a
  state's own judgement of its interests) with the text itself as the note, so nothing said is
  lost and no more specific legal ground is invented.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError
from sqlalchemy.orm import Session

from article3.accounts.permissions import Permission, require
from article3.actors import Actor
from article3.config import Settings
from article3.errors import Article3Error, InvalidInput, NotAuthenticated
from article3.notices import service as notices
from article3.notices.document import RequestDocument
from article3.notices.rules import FlagReason, Status
from article3.notices.schemas import FlagRaise, Reason
from article3.review.rules import Assessment, Factor, Ground
from article3.review.schemas import ReviewDecide
from article3.scenarios.model import Step
from article3.search.engine import SearchEngine
from article3.workflows import decide_review_outcome, end_request, submit_request

M = TypeVar("M", bound=BaseModel)
REQUEST = "request"
SCENARIO_FACTOR_NOTE = "recorded by scenario"


@dataclass(frozen=True, slots=True)
class Target:
    """What a step created or acts on: its kind (``request``...) and the system's key for it."""

    kind: str
    key: str


@dataclass(frozen=True, slots=True)
class Outcome:
    """What a handler reports: its target, and extra output keys (``route``, ``risk``...)."""

    target: Target | None
    fields: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class StepContext:
    """Everything a handler may use for one step."""

    session: Session
    step: Step
    caller: Actor | None
    target: Target | None
    settings: Settings
    now: datetime
    engine: SearchEngine | None = None
    labels: Mapping[str, str] = field(default_factory=dict)  # the system's key → the file's label

    @property
    def actor(self) -> Actor:
        """The acting account; the public has none, so the system answers as to an anonymous caller."""
        if self.caller is None:
            raise NotAuthenticated(f"{self.step.as_!r} acts without an account; {self.step.do!r} needs one")
        return self.caller

    def payload(self, schema: type[M], data: Mapping[str, Any] | None = None) -> M:
        """The step's ``with`` (or ``data``) validated as ``schema``; InvalidInput naming each field."""
        try:
            return schema.model_validate(self.step.with_ if data is None else data)
        except ValidationError as exc:
            raise InvalidInput.from_validation(exc, prefix="with") from None

    def target_key(self, kind: str) -> str:
        """The system's key of the ``ref`` target, which must be of this kind."""
        if self.target is None or self.target.kind != kind:
            found = self.target.kind if self.target else "nothing"
            raise Article3Error(
                f"{self.step.do!r} acts on a {kind}; {self.step.ref!r} is a {found}",
                code="scenario.wrong_target",
            )
        return self.target.key


Handler = Callable[[StepContext], Outcome]
StatusReader = Callable[[Session, str], str]


@dataclass(frozen=True, slots=True)
class Action:
    """One ``do``: its handler (None while this build lacks it), whether it needs a ``ref``, and the
    output keys every line of it carries, with their values when the step is refused."""

    name: str
    handler: Handler | None
    needs_ref: bool = False
    fields: Mapping[str, Any] = field(default_factory=dict)


REGISTRY: dict[str, Action] = {}
STATUS_READERS: dict[str, StatusReader] = {}


def action(
    name: str, *, needs_ref: bool = False, fields: Mapping[str, Any] | None = None
) -> Callable[[Handler], Handler]:
    """Register a handler for ``do: name`` (replacing an ``unavailable`` placeholder)."""

    def register(handler: Handler) -> Handler:
        existing = REGISTRY.get(name)
        if existing is not None and existing.handler is not None:
            raise ValueError(f"the scenario action {name!r} is registered twice")
        REGISTRY[name] = Action(name, handler, needs_ref, dict(fields or {}))
        return handler

    return register


def unavailable(name: str, *, needs_ref: bool = False) -> None:
    """Register an action of the spec that this build does not run yet."""
    REGISTRY.setdefault(name, Action(name, None, needs_ref))


def status_reader(kind: str) -> Callable[[StatusReader], StatusReader]:
    """Register how to read the status of a target of this kind (after the step)."""

    def register(reader: StatusReader) -> StatusReader:
        STATUS_READERS[kind] = reader
        return reader

    return register


def not_built(name: str) -> Article3Error:
    return Article3Error(
        f"The action {name!r} is not available in this build of article3", code="scenario.action_unavailable"
    )


# --- requests -------------------------------------------------------------------------------


@status_reader(REQUEST)
def request_status(session: Session, key: str) -> str:
    return notices.by_ref(session, key).status


@action("submit", fields={"route": None, "risk": None, "reasons": []})
def submit(ctx: StepContext) -> Outcome:
    """Submit, screen and queue a request exactly as ``POST /requests`` does."""
    actor = require(ctx.actor, Permission.REQUESTS_SUBMIT)
    document = ctx.payload(RequestDocument)
    request, result = submit_request(
        ctx.session, actor=actor, document=document, settings=ctx.settings, now=ctx.now, search=ctx.engine
    )
    fields: dict[str, Any]
    if result is None:  # rejected at intake: not screened; the reasons are the unmet criteria
        fields = {"route": None, "risk": None, "reasons": [f["code"] for f in request.intake_failures]}
    else:
        fields = {
            "route": result.route.value,
            "risk": round(result.risk, 3),
            "reasons": [str(code) for code in result.codes],
        }
    return Outcome(Target(REQUEST, request.ref), fields)


@action("review", needs_ref=True)
def review(ctx: StepContext) -> Outcome:
    """A reviewer decides, claimed or not; factors default to ``not_assessed`` (module docstring)."""
    actor = require(ctx.actor, Permission.REVIEW_WORK)
    payload = dict(ctx.step.with_)
    _check_grounds(payload.get("grounds"))
    payload.setdefault(
        "factors",
        {
            f.value: {"assessment": Assessment.NOT_ASSESSED.value, "note": SCENARIO_FACTOR_NOTE}
            for f in Factor
        },
    )
    data = ctx.payload(ReviewDecide, payload)
    outcome = decide_review_outcome(
        ctx.session, actor=actor, ref=ctx.target_key(REQUEST), data=data, now=ctx.now
    )
    return Outcome(Target(REQUEST, outcome.request.ref), {"review_state": outcome.state.value})


def _check_grounds(grounds: object) -> None:
    if not isinstance(grounds, list):
        return  # ReviewDecide reports a missing or malformed list
    known = {g.value for g in Ground}
    unknown = [g for g in grounds if g not in known]
    if unknown:
        names = ", ".join(repr(g) for g in unknown)
        raise InvalidInput(
            f"Unknown review ground {names}; the grounds are: {', '.join(sorted(known))}",
            code="scenario.unknown_ground",
        )


def _end(ctx: StepContext, permission: Permission, target: Status) -> Outcome:
    actor = require(ctx.actor, permission)
    reason = ctx.payload(Reason).reason
    request = end_request(
        ctx.session, actor=actor, ref=ctx.target_key(REQUEST), target=target, reason=reason, now=ctx.now
    )
    return Outcome(Target(REQUEST, request.ref))


@action("withdraw", needs_ref=True)
def withdraw(ctx: StepContext) -> Outcome:
    """The requesting bureau withdraws its request."""
    return _end(ctx, Permission.REQUESTS_WITHDRAW, Status.WITHDRAWN)


@action("cancel", needs_ref=True)
def cancel(ctx: StepContext) -> Outcome:
    """A senior reviewer cancels a request."""
    return _end(ctx, Permission.REQUESTS_CANCEL, Status.CANCELLED)


@action("flag", needs_ref=True)
def flag(ctx: StepContext) -> Outcome:
    """Another member will not act on a published request on its territory (reason: module docstring)."""
    actor = require(ctx.actor, Permission.REQUESTS_FLAG)
    payload = dict(ctx.step.with_)
    reason = payload.get("reason")
    if isinstance(reason, str) and reason not in {r.value for r in FlagReason}:
        note = payload.get("note")
        payload = {
            "reason": FlagReason.ESSENTIAL_INTERESTS.value,
            "note": f"{reason}\n{note}" if isinstance(note, str) and note else reason,
        }
    data = ctx.payload(FlagRaise, payload)
    request = notices.flag(ctx.session, actor=actor, ref=ctx.target_key(REQUEST), data=data, now=ctx.now)
    return Outcome(Target(REQUEST, request.ref))


# --- in the spec, not built yet ---------------------------------------------------------------

for _name in ("register_protection", "search", "message", "complain", "measure"):
    unavailable(_name)
unavailable("ccf_decide", needs_ref=True)
