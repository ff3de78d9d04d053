"""Screening through the real service: database, register, earlier requests, flags.

.venv/bin/python -m bench.screening.service_run [N] [SEED] [DATABASE_URL]

Builds a fresh instance (a temporary SQLite database unless a URL is given: it must be empty or
freshly migrated), registers protected persons, then submits N generated requests through
`workflows.submit_request` (intake, screening, queue), each in its own transaction, as the API
does. Kinds: ordinary crimes (homicide, drug trafficking, fraud with identified victims, child
abuse) from many countries; catalogued dissent laws with political facts; subjects registered as
refugees against the requester, as officials of an international court, or as journalists;
re-submissions of a refused request; persons whose earlier published request other countries
flagged. Prints how many of each kind land on each route, and the time spent in
`screening.service.screen` per request (gathering included; the target is well under 50 ms).
"""

from __future__ import annotations

import random
import statistics
import sys
import tempfile
import time
from collections import Counter, defaultdict
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from article3.actors import Actor
from article3.bootstrap import bootstrap
from article3.clock import FixedClock
from article3.config import Environment, Settings
from article3.countries import service as countries
from article3.db import migrate
from article3.db.session import transaction
from article3.notices import service as notices
from article3.notices.document import RequestDocument
from article3.notices.rules import FlagReason
from article3.notices.schemas import FlagRaise
from article3.register import service as register
from article3.register.rules import ProtectionKind
from article3.register.schemas import ProtectionRegister
from article3.screening import service as screening
from article3.search.schemas import PersonQuery
from article3.workflows import decide_review, submit_request
from bench.screening.service_data import COUNTRIES, DISSENT, KINDS, accounts, document, new_person, refuse

START = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
ROUTES = ("blocked", "enhanced_review", "standard_review", "fast_track")


class Bench:
    """A running instance, its accounts, and a timer around the screening service."""

    def __init__(self, database_url: str) -> None:
        migrate.upgrade(database_url)
        self.clock = FixedClock(START)
        folder = tempfile.mkdtemp(prefix="article3-bench-")
        settings = Settings(
            environment=Environment.TEST,
            database_url=database_url,
            secret_key="bench-secret-key-long-enough-0123456789",
            data_dir=Path(folder),
        )
        self.rt = bootstrap(settings, clock=self.clock)
        with self.rt.session() as s, transaction(s):
            countries.load(s, actor="system:bench", now=self.clock.now())
        self.actors = accounts(self.rt)
        self.times: list[float] = []
        original = screening.screen

        def timed(*args: Any, **kwargs: Any) -> Any:
            t0 = time.perf_counter()
            try:
                return original(*args, **kwargs)
            finally:
                self.times.append((time.perf_counter() - t0) * 1000)

        screening.screen = timed  # type: ignore[assignment]
        self._restore: Callable[[], None] = lambda: setattr(screening, "screen", original)

    def tick(self) -> datetime:
        self.clock.set(self.clock.now() + timedelta(minutes=7))
        return self.clock.now()

    def submit(self, country: str, doc: dict[str, Any]) -> tuple[str, str | None]:
        ref, route, _ = self.submit_coded(country, doc)
        return ref, route

    def submit_coded(self, country: str, doc: dict[str, Any]) -> tuple[str, str | None, list[str]]:
        now = self.tick()
        with self.rt.session() as s, transaction(s):
            request, result = submit_request(
                s,
                actor=self.actors[country],
                document=RequestDocument.model_validate(doc),
                settings=self.rt.settings,
                now=now,
                search=self.rt.search,
            )
            codes = [str(c) for c in result.codes] if result else []
            return request.ref, (result.route.value if result else None), codes

    def protect(self, who: str, person: dict[str, Any], kind: ProtectionKind, against: str | None) -> None:
        query = PersonQuery(names=person["all_names"], birth_date=person["birth_date"])
        data = ProtectionRegister(person=query, kind=kind, against_country=against, since=person["since"])
        with self.rt.session() as s, transaction(s):
            register.add(s, actor=self.actors[who], data=data, now=self.tick())

    def decide(self, ref: str, *, approve: bool) -> None:
        reviewer: Actor = self.actors["reviewer"]
        with self.rt.session() as s, transaction(s):
            decide_review(s, actor=reviewer, ref=ref, data=refuse(approve=approve), now=self.tick())
            if approve and notices.by_ref(s, ref).status == "in_review":
                decide_review(
                    s, actor=self.actors["senior"], ref=ref, data=refuse(approve=True), now=self.tick()
                )

    def flag(self, ref: str, country: str) -> None:
        with self.rt.session() as s, transaction(s):
            notices.flag(
                s,
                actor=self.actors[country],
                ref=ref,
                data=FlagRaise(reason=FlagReason.NATIONAL_LAW),
                now=self.tick(),
            )


def prepare(bench: Bench, rng: random.Random, kind: str, country: str, person: dict[str, Any]) -> None:
    """What happened before the measured request: registrations, refusals, flags."""
    if kind == "refugee":
        host = rng.choice([c for c in ("DE", "LT", "FR", "NL", "SE") if c != country])
        bench.protect(host, person, ProtectionKind.REFUGEE, country)
    elif kind == "official":
        bench.protect("ICC", person, ProtectionKind.INTERNATIONAL_OFFICIAL, None)
    elif kind == "journalist":
        bench.protect("CPJ", person, ProtectionKind.JOURNALIST, None)
    elif kind == "resubmission":
        ref, route = bench.submit(country, document(rng, country, person, "dissent"))
        if route not in {None, "blocked"}:
            bench.decide(ref, approve=False)
    elif kind == "flagged":
        ref, route = bench.submit(country, document(rng, country, person, "ordinary"))
        if route not in {None, "blocked"}:
            bench.decide(ref, approve=True)
            for other in rng.sample([c for c in ("DE", "NO", "CH", "GB") if c != country], 2):
                bench.flag(ref, other)


def main(n: int = 3000, seed: int = 11, database_url: str | None = None) -> None:
    rng = random.Random(seed)
    folder = tempfile.mkdtemp(prefix="article3-bench-db-")
    bench = Bench(database_url or f"sqlite:///{Path(folder) / 'bench.db'}")
    table: dict[str, Counter[str]] = defaultdict(Counter)
    reasons: dict[str, Counter[str]] = defaultdict(Counter)
    measured: list[float] = []
    for i in range(n):
        kind = rng.choices(list(KINDS), weights=list(KINDS.values()))[0]
        country = rng.choice(sorted(DISSENT) if kind in {"dissent", "resubmission"} else COUNTRIES)
        person = new_person(rng, i, country)
        prepare(bench, rng, kind, country, person)
        style = "dissent" if kind in {"dissent", "resubmission", "journalist"} else "ordinary"
        if kind == "official":
            style = "official"
        before = len(bench.times)
        _, route, codes = bench.submit_coded(country, document(rng, country, person, style))
        table[kind][route or "rejected"] += 1
        reasons[kind].update(codes)
        if len(bench.times) > before:
            measured.append(bench.times[-1])
    report(table, measured, n)
    print("most frequent reasons per kind:")
    for kind in KINDS:
        top = ", ".join(f"{code} {count}" for code, count in reasons[kind].most_common(4))
        print(f"  {kind:14} {top or '-'}")


def report(table: dict[str, Counter[str]], times: list[float], n: int) -> None:
    columns = (*ROUTES, "rejected")
    print(f"{n} measured requests (plus the earlier requests the history kinds need)")
    print(f"{'kind':14}" + "".join(f"{c:>17}" for c in columns) + f"{'total':>8}")
    for kind in KINDS:
        row = table.get(kind, Counter())
        print(f"{kind:14}" + "".join(f"{row[c]:>17}" for c in columns) + f"{sum(row.values()):>8}")
    times = sorted(times)
    k = len(times)
    p50, p95, p99 = times[k // 2], times[int(0.95 * k) - 1], times[int(0.99 * k) - 1]
    print(
        f"screening per request ({k} measured, gathering included): mean {statistics.fmean(times):.2f} ms, "
        f"p50 {p50:.2f} ms, p95 {p95:.2f} ms, p99 {p99:.2f} ms, max {times[-1]:.2f} ms (target < 50 ms)"
    )


if __name__ == "__main__":
    args = sys.argv[1:]
    main(
        int(args[0]) if args else 3000,
        int(args[1]) if len(args) > 1 else 11,
        args[2] if len(args) > 2 else None,
    )
