"""Adapter for messaging: a bureau sends a message; a compliance reviewer decides a held one."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from article3.actors import Actor
from article3.bootstrap import Runtime
from article3.db.session import transaction
from article3.messages import service as messages
from article3.messages.schemas import Decision, MessageDecide, MessageSend
from article3.search.schemas import PersonQuery


def send(
    rt: Runtime, actor: Actor, data: dict[str, Any], refs: list[str], now: datetime
) -> tuple[str, bool, list[str]]:
    """Returns the message's ref, whether monitoring held it, and why."""
    form = MessageSend(
        to=data["to"],
        subject=data["subject"],
        body=data["body"],
        persons=[PersonQuery.model_validate(data["person"])],
        requests=refs,
    )
    with rt.session() as session, transaction(session):
        message = messages.send(
            session, actor=actor, engine=rt.search, data=form, data_dir=rt.settings.data_dir, now=now
        )
        return message.ref, message.held, list(message.reasons)


def decide(rt: Runtime, reviewer: Actor, ref: str, *, release: bool, now: datetime) -> None:
    data = MessageDecide(
        decision=Decision.RELEASE if release else Decision.BLOCK,
        grounds="simulated compliance review, following monitoring's reasons",
    )
    with rt.session() as session, transaction(session):
        messages.decide(session, actor=reviewer, ref=ref, data=data, now=now)
