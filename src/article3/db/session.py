"""Engines, sessions and the one way to run a unit of work: ``with transaction(session)``."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker


def make_engine(url: str, *, bulk_load: bool = False, **kwargs: Any) -> Engine:
    """An engine for ``url``. SQLite gets foreign keys, WAL and write-serialising transactions.

    ``bulk_load`` (SQLite only; the demo and the simulator's replays into a throwaway database):
    commits do not wait for the disk (``synchronous=NORMAL``, safe from corruption in WAL mode; a
    power cut may lose the last transactions, a crash of the process loses nothing).
    """
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite":
        return create_engine(url, pool_pre_ping=True, **kwargs)
    if parsed.database and parsed.database != ":memory:":
        Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": 30}, **kwargs)
    event.listen(engine, "connect", _sqlite_on_connect)
    if bulk_load:
        event.listen(engine, "connect", _sqlite_bulk_load)
    event.listen(engine, "begin", _sqlite_begin)
    return engine


def _sqlite_on_connect(dbapi_conn: Any, _record: Any) -> None:
    # Let SQLAlchemy, not the driver, emit BEGIN (the documented pysqlite recipe).
    dbapi_conn.isolation_level = None
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA busy_timeout=30000")
    cur.close()


# A loader's page cache (SQLite's default is 2 MiB): the demo's database outgrows the default within
# minutes, and every evicted index page is read again on the next write to it.
BULK_LOAD_CACHE_KIB = 64 * 1024


def _sqlite_bulk_load(dbapi_conn: Any, _record: Any) -> None:
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.execute(f"PRAGMA cache_size=-{BULK_LOAD_CACHE_KIB}")
    cur.close()


WRITE_OPTION = "article3_write"


def _sqlite_begin(conn: Any) -> None:
    # A unit of work opened by transaction() takes the write lock at once (BEGIN IMMEDIATE), so
    # two writers never both read the audit chain's head: SQLite's equivalent of the advisory
    # lock on PostgreSQL. Plain reads begin deferred and never block writers (WAL).
    immediate = conn.get_execution_options().get(WRITE_OPTION)
    conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


def make_session_factory(engine: Engine) -> sessionmaker[Session]:
    return sessionmaker(bind=engine, expire_on_commit=False, autoflush=True)


@contextmanager
def transaction(session: Session) -> Iterator[Session]:
    """Commit on success, roll back on any error. Only entry points call this."""
    if not session.in_transaction():
        session.connection(execution_options={WRITE_OPTION: True})
    try:
        yield session
        session.commit()
    except BaseException:
        session.rollback()
        raise


def is_sqlite(engine_or_session: Engine | Session) -> bool:
    bind = engine_or_session.get_bind() if isinstance(engine_or_session, Session) else engine_or_session
    return bind.dialect.name == "sqlite"
