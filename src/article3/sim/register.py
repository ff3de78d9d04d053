"""Adapter for the register: a host bureau registers a refugee; an accredited body a journalist."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from article3.actors import Actor
from article3.bootstrap import Runtime
from article3.db.session import transaction
from article3.register import service as register
from article3.register.rules import ProtectionKind
from article3.register.schemas import ProtectionRegister
from article3.search.schemas import PersonQuery


def add(rt: Runtime, actor: Actor, data: dict[str, Any], now: datetime) -> str:
    entry = ProtectionRegister(
        person=PersonQuery.model_validate(data["person"]),
        kind=ProtectionKind(data["kind"]),
        against_country=data.get("against"),
        since=date.fromisoformat(data["since"]),
    )
    with rt.session() as session, transaction(session):
        return register.add(session, actor=actor, data=entry, now=now).ref
