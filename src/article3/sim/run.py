"""Entry points behind ``article3 sim``: generate a world file, evaluate it, load the demo world."""

from __future__ import annotations

import gzip
import json
from collections import Counter
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from article3.bootstrap import Runtime, bootstrap
from article3.clock import FixedClock
from article3.config import Settings
from article3.countries import service as countries
from article3.db import migrate
from article3.db.session import transaction
from article3.errors import Conflict
from article3.sim import checkpoint, generate, history, metrics, world
from article3.sim.progress import bar
from article3.sim.replay import SIM_ACTOR, Outcome, Replay, Results, already_loaded

DEFAULT_SAMPLE = 0.01
DEMO_SCALE = 0.14
DEMO_YEARS = (2025, 2025)
DEMO_COUNTRIES = 12
INCOMPLETE = (
    "this database already holds a simulated world that is not a complete demo (a demo load was "
    "interrupted, or `sim evaluate` replayed a world into it), and a demo load cannot be resumed: remove the "
    "database and its data folder, then load again (for `make run`: `rm -rf var`, then `make run`)"
)


def make_world(
    seed: int,
    years: tuple[int, int],
    scale: float,
    out: Path,
    *,
    progress: bool = True,
    repeats: float = 0.0,
    flags: bool = True,
    pre_emptive: float = generate.PRE_EMPTIVE_SHARE,
) -> dict[str, Any]:
    total = round((generate.RED_NOTICES_PER_YEAR + generate.DIFFUSIONS_PER_YEAR) * scale) * (
        years[1] - years[0] + 1
    )
    with bar("generating", total, enabled=progress) as advance:
        header, events = generate.generate(
            seed, years[0], years[1], scale, advance, repeats=repeats, flags=flags, pre_emptive=pre_emptive
        )
    n = world.write(out, header, events)
    kinds = Counter(e["type"] for e in events)
    abusive = sum(1 for e in events if e["type"] == "request" and e["truth"]["abusive"])
    summary = {"path": str(out), "events": n, "by_type": dict(kinds), "abusive_requests": abusive}
    return summary | ({"flags": flag_summary(events)} if flags else {})


def flag_summary(events: list[dict[str, Any]]) -> dict[str, dict[str, int]]:
    """The hosts' flags by the truth of the flagged request and by why the host flagged."""
    out: dict[str, Counter[str]] = {"on_abusive": Counter(), "on_genuine": Counter()}
    for e in events:
        if e["type"] == "flag":
            out["on_abusive" if e["truth"]["abusive"] else "on_genuine"][e["truth"]["why"]] += 1
    return {k: {"total": sum(c.values()), **dict(sorted(c.items()))} for k, c in out.items()}


def fresh_runtime(settings: Settings, start: datetime) -> Runtime:
    """Migrate the settings' database and load the member countries when they are missing."""
    migrate.upgrade(settings.database_url, "heads")
    rt = bootstrap(settings, clock=FixedClock(start), bulk_load=True)
    with rt.session() as session, transaction(session):
        if not countries.member_codes(session):
            countries.load(session, actor=SIM_ACTOR, now=start)
    return rt


@dataclass(frozen=True, slots=True)
class Checkpoints:
    """Where a long replay keeps its checkpoints (sim/checkpoint.py), and whether to resume."""

    folder: Path
    resume: bool = False


@dataclass(frozen=True, slots=True)
class Switches:
    """How a world is replayed: the reviewers' error, and the yearly retraining or calibration."""

    reviewer_error: float
    retrain: bool = False
    calibrate: bool = False


def replay(
    settings: Settings,
    w: world.World,
    how: Switches,
    *,
    progress: bool,
    checkpoints: Checkpoints | None = None,
    run_for: dict[str, Any] | None = None,
) -> Results:
    """Replay ``w`` into the settings' database. With ``checkpoints``, take one each 1 January and,
    with ``resume``, first put the last one back and carry on from it (``run_for``: what the
    checkpoint must have been taken for)."""
    seed = int(w.header["seed"])
    start = datetime(int(w.header["years"][0]) - 3, 1, 1, tzinfo=UTC)
    database = checkpoint.sqlite_path(settings.database_url) if checkpoints else None
    saved = checkpoint.load(checkpoints.folder, run_for or {}) if checkpoints and checkpoints.resume else None
    if saved is not None and database is not None:
        checkpoint.restore(saved, database)
    rt = fresh_runtime(settings, start)
    try:
        with bar("replaying", len(w.events), enabled=progress) as advance:
            first = 0
            if saved is None:
                loader = Replay(rt, reviewer_error=how.reviewer_error, seed=seed, advance=advance,
                                retrain=how.retrain, calibrate=how.calibrate)  # fmt: skip
            else:
                loader, first = saved.state, int(saved.manifest["next_event"])
                loader.attach(rt, advance)
                advance(first)

            def take(index: int) -> None:
                if checkpoints is not None and database is not None:
                    manifest = (run_for or {}) | {"next_event": index}
                    checkpoint.save(checkpoints.folder, database=database, state=loader, manifest=manifest)

            return loader.run(w, start=first, checkpoint=take if checkpoints else None)
    finally:
        rt.close()


def evaluate(
    settings: Settings,
    path: Path,
    *,
    sample: float,
    how: Switches,
    progress: bool = True,
    outcomes: Path | None = None,
    checkpoints: Checkpoints | None = None,
) -> dict[str, Any]:
    """Replay a sample of the world and score it; with ``outcomes``, also write what became of each
    request there (``write_outcomes``). ``how``: with ``retrain``, the screening's learned component
    is retrained every 1 January from the decisions stored so far (``Replay.train``); with
    ``calibrate`` (and not ``retrain``), only the wording counts are calibrated then
    (``Replay.calibrate_wording``). With ``checkpoints``, see ``replay``."""
    w = world.read(path, fraction=sample)
    described = {
        "world": str(path),
        "sample": sample,
        "reviewer_error": how.reviewer_error,
        "retrain": how.retrain,
        "calibrate": how.calibrate,
        "wording": settings.wording.value,
    }
    run_for = described | {"world": str(path.resolve()), "events": len(w.events)}
    results = replay(settings, w, how, progress=progress, checkpoints=checkpoints, run_for=run_for)
    if outcomes is not None:
        write_outcomes(outcomes, results.outcomes)
    return described | metrics.evaluate(results, int(w.header["seed"]))


def write_outcomes(path: Path, outcomes: list[Outcome]) -> None:
    """One JSON line per replayed request (gzip when the name ends in .gz): its world id, year,
    requester, kind, truth (abusive, tactic, drafting), route, risk, reason codes, status and
    publication time. No names or facts about a person: the world file holds those."""
    path.parent.mkdir(parents=True, exist_ok=True)
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "wt", encoding="utf-8") as out:
        for o in outcomes:
            out.write(json.dumps(asdict(o), default=str, separators=(",", ":")) + "\n")


def demo_world(seed: int, scale: float = DEMO_SCALE) -> world.World:
    """A small world: one year of the largest requesters (and every abuser among them)."""
    header, events = generate.generate(seed, DEMO_YEARS[0], DEMO_YEARS[1], scale, lambda n: None)
    ranked = sorted(header["sizes"], key=lambda c: -header["sizes"][c])[:DEMO_COUNTRIES]
    keep = set(ranked)
    events = [e for e in events if e["truth"]["country"] in keep]
    return world.World(header={**header, "countries": ranked}, events=events)


def demo(
    settings: Settings, seed: int, *, scale: float = DEMO_SCALE, progress: bool = True
) -> dict[str, Any] | None:
    """Load the demo world into the settings' database; None when it is already loaded. Before
    the replay, some history (the measures of 10 March 2022 on Russia, the court's officials);
    after it, the year's signed report (sim/history.py)."""
    rt = bootstrap(settings, clock=FixedClock(datetime(2025, 1, 1, tzinfo=UTC)), bulk_load=True)
    try:
        if already_loaded(rt):
            if history.complete(rt, DEMO_YEARS[1]):
                return None
            raise Conflict(INCOMPLETE, code="sim.demo_incomplete")
        w = demo_world(seed, scale)
        with bar("replaying", len(w.events), enabled=progress) as advance:
            loader = Replay(rt, reviewer_error=0.02, seed=seed, advance=advance)
            before = history.before(rt, seed, governance=loader.staff["governance"])
            results = loader.run(w, finish=False)
        after = history.after(rt, DEMO_YEARS[1])
    finally:
        rt.close()
    return {
        "events": len(w.events),
        "requests": len(results.outcomes),
        "countries": w.header["countries"],
        **before,
        **after,
    }
