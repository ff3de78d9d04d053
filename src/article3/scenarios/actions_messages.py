"""The scenario action ``message``: a bureau writes to others; monitoring delivers or holds it.

Payload (spec/scenarios.md): ``{"to": [alpha-2...], "body": "...", "persons": [{names, birth_date}]}``,
plus, optionally, ``subject`` (default "Message"), ``requests`` (labels of earlier steps, or request
refs) and ``reply_to`` (the label of an earlier message). Output: ``status`` ``delivered`` or
``held``, and ``reasons`` (the stable hold reasons, most important first; empty when delivered).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from article3.accounts.permissions import Permission, require
from article3.messages import service as messages
from article3.messages.schemas import MessageSend
from article3.scenarios.actions import Outcome, StepContext, Target, action, status_reader

MESSAGE = "message"
DEFAULT_SUBJECT = "Message"


@status_reader(MESSAGE)
def message_status(session: Session, key: str) -> str:
    return messages.by_ref(session, key).status


def _payload(ctx: StepContext) -> dict[str, Any]:
    keys = {label: key for key, label in ctx.labels.items()}
    payload = dict(ctx.step.with_)
    payload.setdefault("subject", DEFAULT_SUBJECT)
    refs = payload.get("requests")
    if isinstance(refs, list):
        payload["requests"] = [keys.get(r, r) if isinstance(r, str) else r for r in refs]
    reply_to = payload.get("reply_to")
    if isinstance(reply_to, str):
        payload["reply_to"] = keys.get(reply_to, reply_to)
    return payload


@action(MESSAGE, fields={"reasons": []})
def send_message(ctx: StepContext) -> Outcome:
    """Send as the API does: monitored before delivery; held messages report why."""
    actor = require(ctx.actor, Permission.MESSAGES_SEND)
    data = ctx.payload(MessageSend, _payload(ctx))
    assert ctx.engine is not None, "the runner always hands the engine to a step"
    message = messages.send(
        ctx.session, actor=actor, engine=ctx.engine, data=data, data_dir=ctx.settings.data_dir, now=ctx.now
    )
    return Outcome(Target(MESSAGE, message.ref), {"reasons": list(message.reasons)})
