"""The scenario action ``search``: what the acting country is entitled to find."""

from __future__ import annotations

from article3.accounts.permissions import Permission, require
from article3.scenarios.actions import Outcome, StepContext, action
from article3.search import service as search
from article3.search.schemas import PersonQuery


@action("search", fields={"hits": []})
def search_persons(ctx: StepContext) -> Outcome:
    """Search as the actor would at a border: hits name the file's labels where it has one."""
    actor = require(ctx.actor, Permission.SEARCH_PERSONS)
    query = ctx.payload(PersonQuery)
    assert ctx.engine is not None, "the runner always hands the engine to a step"
    hits = search.find(ctx.session, engine=ctx.engine, actor=actor, query=query, limit=10, now=ctx.now)
    found = [{"ref": ctx.labels.get(h.id, h.id), "score": round(h.score, 3), "match": h.match} for h in hits]
    return Outcome(None, {"hits": found})
