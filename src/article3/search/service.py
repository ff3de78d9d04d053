"""Index persons (in the caller's transaction), search them with entitlement, and log every search."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator
from datetime import datetime
from typing import Any, cast

from pydantic import BaseModel
from sqlalchemy import CursorResult, update
from sqlalchemy.orm import Session

from article3.actors import Actor
from article3.audit.chain import canonical
from article3.search import access as rules
from article3.search.engine import SearchEngine
from article3.search.lists import match_lists
from article3.search.matching import ALGORITHM, ALGORITHM_VERSION, MATCH_THRESHOLD
from article3.search.models import IndexChange, IndexedPerson, SearchLog
from article3.search.schemas import MatchHit, PersonQuery, PersonRecord


def upsert(session: Session, *, record: PersonRecord, access: dict[str, Any], now: datetime) -> None:
    """Store or refresh a person record and its visibility; every index picks it up from the outbox.

    Not audited on its own: it is part of the change (submission, transition) that the caller audits.
    """
    row = session.get(IndexedPerson, record.id)
    data = record.model_dump(mode="json")
    if row is None:
        session.add(IndexedPerson(entry_id=record.id, record=data, access=access, updated_at=now))
    else:
        row.record, row.access, row.updated_at = data, access, now
    session.add(IndexChange(entry_id=record.id, at=now))


def add(session: Session, *, record: PersonRecord, access: dict[str, Any], now: datetime) -> None:
    """As ``upsert`` for an id that was never indexed (a new request's reference): no read first."""
    data = record.model_dump(mode="json")
    session.add(IndexedPerson(entry_id=record.id, record=data, access=access, updated_at=now))
    session.add(IndexChange(entry_id=record.id, at=now))


def set_access(session: Session, *, entry_id: str, access: dict[str, Any], now: datetime) -> None:
    """Change who may see an entry, if it is indexed: one UPDATE, no read first."""
    changed = session.execute(
        update(IndexedPerson).where(IndexedPerson.entry_id == entry_id).values(access=access, updated_at=now)
    )
    if cast(CursorResult[Any], changed).rowcount:
        session.add(IndexChange(entry_id=entry_id, at=now))


def remove(session: Session, *, entry_id: str, now: datetime) -> None:
    """Purge a person record: gone from every index at the next query (the outbox keeps only the id)."""
    row = session.get(IndexedPerson, entry_id)
    if row is not None:
        session.delete(row)
    session.add(IndexChange(entry_id=entry_id, at=now))


def query_hash(query: PersonQuery) -> str:
    return hashlib.sha256(canonical(query.model_dump(mode="json"))).hexdigest()


def _log(
    session: Session, *, actor: Actor, kind: str, digest: str, hits: Iterable[str], now: datetime
) -> None:
    session.add(
        SearchLog(
            at=now,
            actor=actor.audit_name,
            country=actor.country,
            kind=kind,
            query_hash=digest,
            hit_ids=sorted(set(hits)),
        )
    )


def find(
    session: Session, *, engine: SearchEngine, actor: Actor, query: PersonQuery, limit: int, now: datetime
) -> list[MatchHit]:
    """The best hits the actor is entitled to, best first; the search is logged (ids and a hash)."""
    [hits] = engine.search(session, [query], limit=limit, allowed=lambda a: rules.entitled(actor, a))
    _log(session, actor=actor, kind="person", digest=query_hash(query), hits=[h.id for h in hits], now=now)
    return hits


def find_many(
    session: Session,
    *,
    engine: SearchEngine,
    actor: Actor,
    queries: list[PersonRecord],
    limit: int,
    now: datetime,
    chunk: int = 200,
) -> Iterator[dict[str, Any]]:
    """Screen a list (a passenger manifest): one result line per person, each search logged."""
    for start in range(0, len(queries), chunk):
        part = queries[start : start + chunk]
        results = engine.search(session, part, limit=limit, allowed=lambda a: rules.entitled(actor, a))
        for person, hits in zip(part, results, strict=True):
            _log(
                session,
                actor=actor,
                kind="list",
                digest=query_hash(person),
                hits=[h.id for h in hits],
                now=now,
            )
            yield {"query": person.id, "hits": [h.model_dump(mode="json") for h in hits]}


def access_of(engine: SearchEngine, entry_id: str) -> dict[str, Any]:
    return engine.access.get(entry_id, {})


class EngineInfo(BaseModel):
    algorithm: str = ALGORITHM
    version: str = ALGORITHM_VERSION
    threshold: float = MATCH_THRESHOLD


ENGINE_INFO = EngineInfo()
__all__ = ["ENGINE_INFO", "add", "find", "find_many", "match_lists", "remove", "set_access", "upsert"]
