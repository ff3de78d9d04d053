"""`python -m bench.intake.run [--requests 300] [--seed 1] [--profile FILE]`: CPU per request.

A fresh instance (a temporary SQLite database unless ``--database-url`` names an empty one, the
member countries, a bureau account per requesting country, two reviewers, a fixed clock) takes
request documents through the real use cases, each in its own transaction as the API does. The
documents are those `make run` loads (the requests of `article3 sim demo --seed 1`, in order), the
screening benchmark's (``--documents generated``, `bench.screening.service_data`), or a JSON file's
(a list of documents: the simulator changes, a saved list compares two versions of the code).
Every request that reaches the queue is approved, so every one is published:

* submit + screen: ``workflows.submit_request`` (intake criteria, person index, screening, queue);
* review: ``review.service.decide`` inside ``workflows.decide_review`` (a second approval for
  enhanced review);
* publish: ``notices.service.transition`` to ``published`` inside the same decision (the
  notifications to every member, the index's access update, the audit entries).

Every figure is CPU time of this process (``time.process_time``: the machine is shared), so the
database's own work counts when it runs in-process (SQLite) and not when it runs in a server.
"""

from __future__ import annotations

import argparse
import cProfile
import itertools
import json
import pstats
import random
import secrets
import statistics
import tempfile
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from article3.accounts import service as users
from article3.accounts.schemas import UserCreate
from article3.actors import Actor, Role
from article3.audit import service as audit
from article3.bootstrap import Runtime, bootstrap
from article3.clock import FixedClock
from article3.config import Environment, Settings
from article3.countries import service as countries
from article3.db import migrate
from article3.db.session import transaction
from article3.notices import criteria
from article3.notices import service as notices
from article3.notices.document import RequestDocument
from article3.notices.rules import Status
from article3.review import service as review
from article3.screening import service as screening
from article3.search.engine import SearchEngine
from article3.sim.run import demo_world
from article3.workflows import decide_review, submit_request
from bench.screening.service_data import COUNTRIES, document, new_person, refuse

START = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
WARM_UP = 10


class Clocks:
    """CPU milliseconds per named step, one list entry per measured request."""

    def __init__(self) -> None:
        self.times: dict[str, list[float]] = defaultdict(list)
        self.open: dict[str, float] = defaultdict(float)
        self.on = False

    @contextmanager
    def step(self, name: str) -> Iterator[None]:
        t0 = time.process_time()
        try:
            yield
        finally:
            self.open[name] += (time.process_time() - t0) * 1000

    def close(self, *names: str) -> None:
        """End one request: keep the time of each named step (0 when it did not run)."""
        for name in names:
            if self.on:
                self.times[name].append(self.open[name])
            self.open[name] = 0.0

    def wrap(self, owner: Any, attribute: str, name: str, when: Callable[..., bool] | None = None) -> None:
        """Time every call of ``owner.attribute`` (those ``when`` accepts) under ``name``."""
        original = getattr(owner, attribute)

        def timed(*args: Any, **kwargs: Any) -> Any:
            if when is not None and not when(*args, **kwargs):
                return original(*args, **kwargs)
            with self.step(name):
                return original(*args, **kwargs)

        setattr(owner, attribute, timed)


class Intake:
    """A running instance and its accounts; submits and decides requests under the clocks."""

    def __init__(self, database_url: str, folder: Path, clocks: Clocks) -> None:
        migrate.upgrade(database_url)
        self.clock = FixedClock(START)
        settings = Settings(
            environment=Environment.TEST,
            database_url=database_url,
            secret_key="bench-secret-key-long-enough-0123456789",
            data_dir=folder,
        )
        self.rt: Runtime = bootstrap(settings, clock=self.clock)
        with self.rt.session() as s, transaction(s):
            countries.load(s, actor="system:bench", now=self.clock.now())
        self.actors = {
            "reviewer": self.account("bench.reviewer", Role.REVIEWER, None),
            "senior": self.account("bench.senior", Role.SENIOR_REVIEWER, None),
        }
        self.clocks = clocks
        self.settings = settings

    def account(self, username: str, role: Role, country: str | None) -> Actor:
        data = UserCreate(username=username, role=role, country=country, password=secrets.token_urlsafe(16))
        with self.rt.session() as s, transaction(s):
            user = users.create(s, actor="system:bench", data=data, now=self.clock.now())
        return Actor(user_id=user.id, role=user.role, country=user.country)

    def officer(self, country: str) -> Actor:
        if country not in self.actors:
            self.actors[country] = self.account(f"bench.{country.lower()}", Role.NCB_OFFICER, country)
        return self.actors[country]

    def tick(self) -> datetime:
        self.clock.set(self.clock.now() + timedelta(minutes=7))
        return self.clock.now()

    def submit(self, doc: dict[str, Any]) -> tuple[str, str | None]:
        actor, now = self.officer(doc["requesting_country"]), self.tick()
        with self.clocks.step("submit+screen"), self.rt.session() as s, transaction(s):
            request, result = submit_request(
                s,
                actor=actor,
                document=RequestDocument.model_validate(doc),
                settings=self.rt.settings,
                now=now,
                search=self.rt.search,
            )
            return request.ref, (result.route.value if result else None)

    def approve(self, ref: str) -> bool:
        """Approve (twice for enhanced review); True when the request is published."""
        with self.clocks.step("review+publish"):
            for who in ("reviewer", "senior"):
                with self.rt.session() as s, transaction(s):
                    request = decide_review(
                        s, actor=self.actors[who], ref=ref, data=refuse(approve=True), now=self.tick()
                    )
                    if request.status != Status.IN_REVIEW.value:
                        return request.status == Status.PUBLISHED.value
        return False


STEPS = (
    "submit+screen",
    "  intake criteria",
    "  screening",
    "  index catch-up",
    "review+publish",
    "  review decision",
    "  publish transition",
    "audit entries (in all)",
    "session flushes (in all)",
)


def instrument(clocks: Clocks) -> None:
    clocks.wrap(criteria, "evaluate", "  intake criteria")
    clocks.wrap(screening, "screen", "  screening")
    clocks.wrap(SearchEngine, "_catch_up_locked", "  index catch-up")
    clocks.wrap(review, "decide", "  review decision")
    clocks.wrap(audit, "record", "audit entries (in all)")
    clocks.wrap(Session, "flush", "session flushes (in all)")
    clocks.wrap(
        notices, "transition", "  publish transition", lambda *a, **k: k["target"] is Status.PUBLISHED
    )


def generated(seed: int) -> Iterator[dict[str, Any]]:
    rng = random.Random(seed)
    for i in itertools.count():
        country = rng.choice(COUNTRIES)
        style = "dissent" if rng.random() < 0.1 else "ordinary"
        yield document(rng, country, new_person(rng, i, country), style)


def demo(seed: int) -> Iterator[dict[str, Any]]:
    for event in demo_world(seed).events:
        if event["type"] == "request":
            yield event["data"]


def source(name: str, seed: int) -> Iterator[dict[str, Any]]:
    if name == "demo":
        return demo(seed)
    if name == "generated":
        return generated(seed)
    return iter(json.loads(Path(name).read_text("utf-8")))


def run(bench: Intake, documents: Iterator[dict[str, Any]], n: int) -> Counter[str]:
    routes: Counter[str] = Counter()
    for i, doc in enumerate(itertools.islice(documents, n + WARM_UP)):
        bench.clocks.on = i >= WARM_UP
        ref, route = bench.submit(doc)
        routes[route or "rejected"] += bench.clocks.on
        if route not in {None, "blocked"} and bench.approve(ref):
            routes["published"] += bench.clocks.on
        bench.clocks.close(*STEPS)
    return routes


def report(clocks: Clocks, routes: Counter[str]) -> None:
    n = len(clocks.times["submit+screen"])
    print(f"{n} requests measured (after {WARM_UP} unmeasured), CPU ms per request (time.process_time)")
    print("  routes: " + ", ".join(f"{k} {v}" for k, v in sorted(routes.items())))
    print(f"  {'step':24} {'mean':>7} {'p50':>7} {'p95':>7}   (over requests that ran the step)")
    for name in STEPS:
        ran = [t for t in clocks.times[name] if t > 0]
        if not ran:
            continue
        ran.sort()
        p95 = ran[max(0, int(0.95 * len(ran)) - 1)]
        print(f"  {name:24} {statistics.fmean(ran):7.2f} {statistics.median(ran):7.2f} {p95:7.2f}")
    cycle = [sum(clocks.times[s][i] for s in ("submit+screen", "review+publish")) for i in range(n)]
    print(f"  {'whole cycle':24} {statistics.fmean(cycle):7.2f}   (submit to publication, all requests)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=300)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--documents",
        default="demo",
        help="demo (the requests `make run` loads), generated, or a JSON file holding a list of documents",
    )
    parser.add_argument("--database-url", default=None, help="an empty database (default: temporary SQLite)")
    parser.add_argument("--profile", type=Path, default=None, help="write a cProfile of the measured loop")
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="article3-bench-intake-"))
    url = args.database_url or f"sqlite:///{folder / 'bench.db'}"
    clocks = Clocks()
    bench = Intake(url, folder, clocks)
    instrument(clocks)
    documents = source(args.documents, args.seed)
    profiler = cProfile.Profile() if args.profile else None
    if profiler:
        profiler.enable()
    try:
        routes = run(bench, documents, args.requests)
    finally:
        if profiler:
            profiler.disable()
            profiler.dump_stats(args.profile)
            pstats.Stats(str(args.profile)).sort_stats("cumulative").print_stats(40)
        bench.rt.close()
    report(clocks, routes)


if __name__ == "__main__":
    main()
