"""The in-memory index of one process, kept current from the outbox table."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from article3.search.index import PersonIndex
from article3.search.models import IndexChange, IndexedPerson
from article3.search.schemas import MatchHit, PersonQuery, PersonRecord

_BATCH = 500  # entries re-read per query when catching up


class SearchEngine:
    """An index built from the database on first use and caught up from the outbox before each query."""

    def __init__(self) -> None:
        self.index = PersonIndex()
        self.access: dict[str, dict[str, Any]] = {}
        self.seen = -1
        self._lock = threading.Lock()

    def catch_up(self, session: Session) -> None:
        with self._lock:
            self._catch_up_locked(session)

    def _catch_up_locked(self, session: Session) -> None:
        if self.seen < 0:
            self._build(session)
        else:
            self._apply(session)

    def _build(self, session: Session) -> None:
        last = session.scalars(select(IndexChange.seq).order_by(IndexChange.seq.desc()).limit(1)).first()
        rows = session.scalars(select(IndexedPerson).execution_options(yield_per=5000))
        records = []
        for row in rows:
            records.append(PersonRecord.model_validate(row.record))
            self.access[row.entry_id] = row.access
        self.index = PersonIndex.build(records)
        self.seen = last or 0

    def _apply(self, session: Session) -> None:
        """Apply the outbox since the last query: each changed entry is re-read once, in batches."""
        changes = session.execute(
            select(IndexChange.seq, IndexChange.entry_id)
            .where(IndexChange.seq > self.seen)
            .order_by(IndexChange.seq)
        ).all()
        if not changes:
            return
        ids = list(dict.fromkeys(entry_id for _, entry_id in changes))
        for start in range(0, len(ids), _BATCH):
            batch = ids[start : start + _BATCH]
            rows = {
                r.entry_id: r
                for r in session.scalars(select(IndexedPerson).where(IndexedPerson.entry_id.in_(batch)))
            }
            for entry_id in batch:
                self.index.remove(entry_id)
                self.access.pop(entry_id, None)
                row = rows.get(entry_id)
                if row is not None:
                    self.index.add(PersonRecord.model_validate(row.record))
                    self.access[entry_id] = row.access
        self.seen = changes[-1][0]

    def accept(self, allowed: Callable[[dict[str, Any]], bool]) -> Callable[[str], bool]:
        return lambda entry_id: entry_id in self.access and allowed(self.access[entry_id])

    def search(
        self,
        session: Session,
        queries: Iterable[PersonQuery],
        *,
        limit: int,
        allowed: Callable[[dict[str, Any]], bool],
    ) -> list[list[MatchHit]]:
        """Catch up, then answer each query. One lock: the index must not change during a search."""
        accept = self.accept(allowed)
        with self._lock:
            self._catch_up_locked(session)
            return [self.index.search(q, limit=limit, accept=accept) for q in queries]
