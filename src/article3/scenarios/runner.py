"""Replay a scenario on a fresh instance: database, member countries, fake clock, actors, one line per step.

The instance is a temporary SQLite database (or the empty or freshly migrated database given as
``database_url``; migrating and loading the countries are idempotent), migrated, with the member
countries loaded and a ``FixedClock`` at the file's ``start``. Its settings are the defaults of a
test deployment, whatever the environment says, so that a file replays the same everywhere; in
particular ``fast_track_publishes`` is off, so every screened request waits for a reviewer, and the
data directory is an empty temporary one, so no learned screening model is used.

Actors are made on first use, each in its own transaction before the step: an alpha-2 member code
is that country's NCB (an ``ncb_officer``), ``reviewer`` and ``senior_reviewer`` are two
secretariat accounts with no nationality (they may review any country), ``ccf`` a
``ccf_member``, ``governance`` a ``governance`` account. ``public`` acts without an account, so the
system answers it as an anonymous caller (``auth.not_authenticated``). Any other name is an
international body's short name (ICC, UN, RSF...): a ``registrar`` account of that organisation.

Each step runs in its own transaction. A refusal by the system (an invalid document, an action the
actor may not take, a transition the rules forbid) rolls the step back and is reported as
``ok: false`` with the system's error code; the run goes on. Anything else is a bug and propagates.
"""

from __future__ import annotations

import secrets
import tempfile
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from datetime import datetime
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from article3.accounts import service as accounts
from article3.accounts.schemas import UserCreate
from article3.actors import Actor, Role
from article3.bootstrap import Runtime, bootstrap
from article3.clock import FixedClock
from article3.config import Environment, Settings
from article3.countries import service as countries
from article3.db import migrate
from article3.db.session import transaction
from article3.errors import Article3Error, InvalidInput
from article3.scenarios import actions
from article3.scenarios.actions import Action, Outcome, StepContext, Target
from article3.scenarios.model import Scenario, Step, parse, read_source

SCENARIO_ACTOR = "system:scenario"
ACCOUNTS = {
    "reviewer": Role.REVIEWER,
    "senior_reviewer": Role.SENIOR_REVIEWER,
    "ccf": Role.CCF_MEMBER,
    "governance": Role.GOVERNANCE,
}
PUBLIC = "public"


def load(path_or_text: str | Path) -> Scenario:
    """Read and check a scenario file (see ``model.read_source`` for path or text)."""
    return parse(read_source(path_or_text), actions=actions.REGISTRY)


def run_scenario(path_or_text: str | Path, *, database_url: str | None = None) -> list[dict[str, Any]]:
    """Check the whole file, then replay it; one output dict per step (spec/scenarios.md)."""
    return list(run(load(path_or_text), database_url=database_url))


def run(scenario: Scenario, *, database_url: str | None = None) -> Iterator[dict[str, Any]]:
    """Replay a checked scenario on a fresh instance, yielding each step's line as it happens."""
    with instance(scenario.start, database_url=database_url) as system:
        labels: dict[str, Target | None] = {}
        for number, step in enumerate(scenario.steps, start=1):
            yield system.play(number, step, labels)


@contextmanager
def instance(start: datetime, *, database_url: str | None = None) -> Iterator[System]:
    """A migrated database with the member countries, a fixed clock at ``start``, no accounts yet."""
    with ExitStack() as stack:
        folder = stack.enter_context(tempfile.TemporaryDirectory(prefix="article3-scenario-"))
        if database_url is None:
            database_url = f"sqlite:///{Path(folder) / 'scenario.db'}"
        migrate.upgrade(database_url)
        clock = FixedClock(start)
        settings = Settings(
            environment=Environment.TEST,
            database_url=database_url,
            secret_key=secrets.token_urlsafe(32),
            fast_track_publishes=False,
            data_dir=Path(folder),  # empty: no learned model, the rules alone decide
        )
        runtime = bootstrap(settings, clock=clock)
        stack.callback(runtime.close)
        with runtime.session() as session, transaction(session):
            countries.load(session, actor=SCENARIO_ACTOR, now=clock.now())
        yield System(runtime, clock)


class System:
    """The running instance: plays steps, knows its actors."""

    def __init__(self, runtime: Runtime, clock: FixedClock) -> None:
        self.runtime, self.clock = runtime, clock
        self._actors: dict[str, Actor] = {}
        with runtime.session() as session:
            self._members = countries.member_codes(session)

    def play(self, number: int, step: Step, labels: dict[str, Target | None]) -> dict[str, Any]:
        """Run one step in its own transaction and describe what happened."""
        if step.at is not None:
            self.clock.set(step.at)
        act = actions.REGISTRY[step.do]
        acted_on = labels.get(step.ref) if step.ref is not None else None
        error: dict[str, str] | None = None
        try:
            keys = {t.key: label for label, t in labels.items() if t is not None}
            outcome = self._perform(act, step, acted_on, keys)
        except ValidationError as exc:  # a schema built outside ctx.payload; still the input's fault
            outcome, error = Outcome(acted_on), describe(InvalidInput.from_validation(exc))
        except Article3Error as exc:
            outcome, error = Outcome(acted_on), describe(exc)
        if step.id is not None:
            labels[step.id] = outcome.target
        line: dict[str, Any] = {
            "step": number,
            "do": step.do,
            "id": step.id,
            "ref": step.ref,
            "ok": error is None,
        }
        if error is not None:
            line["error"] = error
        line["status"] = self._status(outcome.target)
        line |= dict(act.fields) | dict(outcome.fields)
        return line

    def _perform(self, act: Action, step: Step, acted_on: Target | None, keys: dict[str, str]) -> Outcome:
        if act.handler is None:
            raise actions.not_built(step.do)
        if step.ref is not None and acted_on is None:
            raise Article3Error(
                f"{step.ref!r} names a step that created nothing (it was refused)",
                code="scenario.ref_unresolved",
            )
        now = self.clock.now()
        caller = self.actor(step.as_, now=now)
        with self.runtime.session() as session, transaction(session):
            ctx = StepContext(
                session=session,
                step=step,
                caller=caller,
                target=acted_on,
                settings=self.runtime.settings,
                now=now,
                engine=self.runtime.search,
                labels=keys,
            )
            return act.handler(ctx)

    def _status(self, target: Target | None) -> str | None:
        reader = actions.STATUS_READERS.get(target.kind) if target is not None else None
        if target is None or reader is None:
            return None
        with self.runtime.session() as session:
            return reader(session, target.key)

    def actor(self, name: str, *, now: datetime) -> Actor | None:
        """The account acting as ``name``, created on first use; None for the public."""
        if name == PUBLIC:
            return None
        if name not in self._actors:
            self._actors[name] = self._create(name, now=now)
        return self._actors[name]

    def _create(self, name: str, *, now: datetime) -> Actor:
        organisation = None
        if name in ACCOUNTS:
            role, country, username = ACCOUNTS[name], None, f"scenario.{name}"
        elif name in self._members:
            role, country, username = Role.NCB_OFFICER, name, f"scenario.ncb.{name.lower()}"
        else:  # the file's loader admits only member codes and body names (model._actor)
            role, country, username = Role.REGISTRAR, None, f"scenario.body.{name.lower()}"
            organisation = name
        data = UserCreate(
            username=username,
            role=role,
            country=country,
            nationality=None,
            organisation=organisation,
            password=secrets.token_urlsafe(24),
        )
        with self.runtime.session() as session, transaction(session):
            user = accounts.create(session, actor=SCENARIO_ACTOR, data=data, now=now)
        return Actor(user_id=user.id, role=user.role, country=user.country)


def describe(exc: Article3Error) -> dict[str, str]:
    """The output's ``error``: the stable code, and a message naming each offending field."""
    fields = [f"{d['path']}: {d.get('message', '')}" for d in exc.details if "path" in d]
    message = f"{exc.message} ({'; '.join(fields)})" if fields else exc.message
    return {"code": exc.code, "message": message}
