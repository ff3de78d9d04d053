"""Test databases: a migrated template per engine and worker, cloned for each test."""

from __future__ import annotations

import itertools
import os
import shutil
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from article3.bootstrap import bootstrap
from article3.config import Environment, Settings
from article3.countries import service as countries
from article3.db import migrate
from article3.db.session import transaction

TEMPLATE_SECRET = "template-secret-key-that-is-long-enough-0123"


class Factory(Protocol):
    def clone(self) -> str: ...
    def empty(self) -> str: ...
    def drop(self, url: str) -> None: ...
    def close(self) -> None: ...


def _seed(url: str) -> None:
    migrate.upgrade(url)
    rt = bootstrap(Settings(environment=Environment.TEST, database_url=url, secret_key=TEMPLATE_SECRET))
    with rt.session() as session, transaction(session):
        countries.load(session, actor="system:test", now=rt.clock.now())
    rt.close()


@dataclass
class SqliteFactory:
    folder: Path
    counter: itertools.count[int] = field(default_factory=itertools.count)

    def __post_init__(self) -> None:
        self.template = self.folder / "template.db"
        _seed(f"sqlite:///{self.template}")

    def clone(self) -> str:
        path = self.folder / f"t{next(self.counter)}.db"
        shutil.copyfile(self.template, path)
        return f"sqlite:///{path}"

    def empty(self) -> str:
        return f"sqlite:///{self.folder / f'e{next(self.counter)}.db'}"

    def drop(self, url: str) -> None:
        path = Path(make_url(url).database or "")
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)

    def close(self) -> None:
        pass


@dataclass
class PostgresFactory:
    base_url: str
    worker: str

    def __post_init__(self) -> None:
        self.admin = create_engine(self.base_url, isolation_level="AUTOCOMMIT")
        self.prefix = f"a3_{self.worker}_{uuid.uuid4().hex[:6]}"
        self.template = f"{self.prefix}_tpl"
        self._create(self.template)
        _seed(self._url(self.template))

    def _url(self, name: str) -> str:
        return make_url(self.base_url).set(database=name).render_as_string(hide_password=False)

    def _create(self, name: str, template: str | None = None) -> None:
        extra = f" TEMPLATE {template} STRATEGY FILE_COPY" if template else ""
        with self.admin.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"{extra}'))

    def clone(self) -> str:
        name = f"{self.prefix}_{uuid.uuid4().hex[:8]}"
        self._create(name, self.template)
        return self._url(name)

    def empty(self) -> str:
        name = f"{self.prefix}_{uuid.uuid4().hex[:8]}"
        self._create(name)
        return self._url(name)

    def drop(self, url: str) -> None:
        name = make_url(url).database
        with self.admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))

    def close(self) -> None:
        self.drop(self._url(self.template))
        self.admin.dispose()


def make_factory(folder: Path, worker: str) -> Factory:
    url = os.environ.get("ARTICLE3_TEST_DATABASE_URL")
    if url:
        return PostgresFactory(url, worker)
    return SqliteFactory(folder)
