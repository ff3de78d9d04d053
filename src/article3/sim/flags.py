"""Adapter for flags: the host country's bureau flags a published request "no action on our
territory" (``notices.service.flag``). A request that is not published at the flag's time (refused,
deleted, still in review, or never seen by the host) cannot be flagged: the flag is skipped."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from article3.actors import Actor
from article3.bootstrap import Runtime
from article3.db.session import transaction
from article3.errors import Conflict, NotFound
from article3.notices import service as notices
from article3.notices.rules import FlagReason
from article3.notices.schemas import FlagRaise

NOT_FLAGGABLE = frozenset({"request.not_found", "request.flag_not_allowed", "request.already_flagged"})


def raise_flag(rt: Runtime, officer: Actor, ref: str, data: dict[str, Any], now: datetime) -> bool:
    """One use case, one transaction; returns whether the flag was raised (False: skipped)."""
    form = FlagRaise(reason=FlagReason(data["reason"]), note=data.get("note"))
    try:
        with rt.session() as session, transaction(session):
            notices.flag(session, actor=officer, ref=ref, data=form, now=now)
    except (NotFound, Conflict) as exc:
        if exc.code in NOT_FLAGGABLE:
            return False
        raise
    return True
