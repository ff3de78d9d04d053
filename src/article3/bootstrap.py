"""Composition root: settings → engine, session factory, clock. Used by app, CLI, sim and tests."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from article3.clock import Clock, SystemClock
from article3.complaints import service as complaints
from article3.config import Settings
from article3.db.session import make_engine, make_session_factory
from article3.messages import service as messages
from article3.search.engine import SearchEngine
from article3.transparency.sources import Sources


@dataclass
class Runtime:
    """What one process runs with. Built once; handed to the app, the CLI or a test."""

    settings: Settings
    engine: Engine
    session_factory: sessionmaker[Session]
    clock: Clock = field(default_factory=SystemClock)
    search: SearchEngine = field(default_factory=SearchEngine)
    # The complaint and message figures of the statistics (transparency/sources.py): wired here,
    # in the composition root, once those domains expose their counting functions.
    statistics: Sources = field(default_factory=Sources)

    @contextmanager
    def session(self) -> Iterator[Session]:
        with self.session_factory() as session:
            yield session

    def close(self) -> None:
        self.engine.dispose()


def bootstrap(settings: Settings, *, clock: Clock | None = None, bulk_load: bool = False) -> Runtime:
    """``bulk_load``: a loader's runtime on SQLite; its commits need not wait for the disk (db/session)."""
    engine = make_engine(settings.database_url, bulk_load=bulk_load)
    return Runtime(
        settings=settings,
        engine=engine,
        session_factory=make_session_factory(engine),
        clock=clock or SystemClock(),
        statistics=statistics_sources(),
    )


def statistics_sources() -> Sources:
    """The complaint and message figures of the statistics, read through their domains' services."""
    return Sources(
        complaint_outcomes=complaints.country_outcomes,
        message_counts=messages.country_counts,
        complaint_outcomes_by_country=complaints.outcomes_by_country,
        message_counts_by_country=messages.counts_by_country,
    )
