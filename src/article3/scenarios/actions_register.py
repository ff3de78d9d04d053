"""The scenario action ``register_protection``: a host country, a body or the commission registers
a protected person (spec/scenarios.md). The actor is the registering party: an alpha-2 code is that
country's bureau (refugees, asylum seekers), an international body's short name (ICC, UN...) a
``registrar`` account of that body (its officials, journalists, human-rights defenders), ``ccf``
the commission (its deletions)."""

from __future__ import annotations

from sqlalchemy.orm import Session

from article3.accounts.permissions import Permission, require
from article3.register import service as register
from article3.register.schemas import ProtectionRegister
from article3.scenarios.actions import Outcome, StepContext, Target, action, status_reader

REGISTER_ENTRY = "register_entry"


@status_reader(REGISTER_ENTRY)
def entry_status(session: Session, key: str) -> str:
    return register.status_of(session, key)


@action("register_protection")
def register_protection(ctx: StepContext) -> Outcome:
    """Register a person as the API would (the person is matched against every later request)."""
    actor = require(ctx.actor, Permission.REGISTER_WRITE)
    data = ctx.payload(ProtectionRegister)
    entry = register.add(ctx.session, actor=actor, data=data, now=ctx.now)
    return Outcome(Target(REGISTER_ENTRY, entry.ref))
