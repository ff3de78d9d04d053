"""Shared fixtures: settings, a fresh migrated database per test, clock, runtime, session, server.

Fixture strategy (written once, here): every test that touches data gets its own database,
cloned from a template that the migrations built and the member countries filled — a file copy
on SQLite, ``CREATE DATABASE ... TEMPLATE`` on PostgreSQL. The suite runs on SQLite by default and
on PostgreSQL when ``ARTICLE3_TEST_DATABASE_URL`` names a server (``make test`` does both). Entity
data is built inline with the per-domain factories in ``tests/factories``.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import httpx
import pytest
from sqlalchemy.orm import Session

from article3.bootstrap import Runtime, bootstrap
from article3.clock import FixedClock
from article3.config import Environment, Settings
from tests.support import databases
from tests.support.serving import serve

START = datetime(2026, 1, 5, 9, 0, tzinfo=UTC)
TEST_SECRET = "test-secret-key-that-is-long-enough-0123456789"


@pytest.fixture(scope="session")
def database_factory(tmp_path_factory: pytest.TempPathFactory, worker_id: str) -> Iterator[databases.Factory]:
    factory = databases.make_factory(tmp_path_factory.mktemp("db"), worker_id)
    yield factory
    factory.close()


@pytest.fixture
def database_url(database_factory: databases.Factory) -> Iterator[str]:
    url = database_factory.clone()
    yield url
    database_factory.drop(url)


@pytest.fixture
def empty_database_url(database_factory: databases.Factory) -> Iterator[str]:
    url = database_factory.empty()
    yield url
    database_factory.drop(url)


@pytest.fixture
def settings(database_url: str, tmp_path: Path) -> Settings:
    """Each test keeps what it writes (keys, models, uploads) in its own folder, never in ./var."""
    return Settings(
        environment=Environment.TEST,
        database_url=database_url,
        secret_key=TEST_SECRET,
        data_dir=tmp_path / "data",
    )


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(START)


@pytest.fixture
def runtime(settings: Settings, clock: FixedClock) -> Iterator[Runtime]:
    rt = bootstrap(settings, clock=clock)
    yield rt
    rt.close()


@pytest.fixture
def session(runtime: Runtime) -> Iterator[Session]:
    with runtime.session() as s:
        yield s


@pytest.fixture
def server(runtime: Runtime) -> Iterator[str]:
    """The real app served by uvicorn on a free loopback port, in a thread."""
    with serve(runtime) as url:
        yield url


@pytest.fixture
def http(server: str) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=server, timeout=30) as client:
        yield client


@pytest.fixture
def artifacts(tmp_path: Path) -> Path:
    out = tmp_path / "artifacts"
    out.mkdir()
    return out
