"""How fast ``make run`` loads its demo world: requests, events, wall and CPU seconds per run.

Each run prepares a fresh temporary SQLite database as ``make run`` does (migrations, the member
countries, the demo accounts; not timed), then times ``article3.sim.run.demo`` (``article3 sim
demo``): one generated year of the largest requesting countries replayed through intake,
screening, the review queue, the search index, the audit chain and the notifications.

    .venv/bin/python -m bench.sim.demo [--scale 0.12] [--runs 3] [--seed 1]

The machine's load moves the wall time by ±20% between runs: compare two versions of the code in
alternating runs, and read the CPU seconds beside the wall seconds.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

from article3.accounts import service as accounts
from article3.accounts.demo import DEMO_ACCOUNTS
from article3.accounts.schemas import UserCreate
from article3.config import Settings
from article3.db.session import transaction
from article3.sim import run

BENCH_ACTOR = "system:bench"


def prepare(folder: Path) -> Settings:
    """A migrated database with the member countries and the demo accounts, as ``make run`` has."""
    settings = Settings(database_url=f"sqlite:///{folder / 'demo.db'}", data_dir=folder / "data")
    now = datetime.now(UTC)
    rt = run.fresh_runtime(settings, now)
    try:
        with rt.session() as session, transaction(session):
            for acc in DEMO_ACCOUNTS:
                data = UserCreate(
                    username=acc.username, role=acc.role, country=acc.country, password=acc.password
                )
                accounts.create(session, actor=BENCH_ACTOR, data=data, now=now)
    finally:
        rt.close()
    return settings


def one_run(scale: float, seed: int) -> tuple[int, int, float, float]:
    """(requests, events, wall seconds, CPU seconds) of one load into a fresh database."""
    with tempfile.TemporaryDirectory(prefix="article3-demo-") as folder:
        settings = prepare(Path(folder))
        wall, cpu = time.perf_counter(), time.process_time()
        loaded = run.demo(settings, seed, scale=scale, progress=False)
        wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    if loaded is None:
        raise SystemExit("the fresh database already held a demo world")
    return int(loaded["requests"]), int(loaded["events"]), wall, cpu


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--scale", type=float, default=run.DEMO_SCALE, help="fraction of the real yearly volumes"
    )
    parser.add_argument("--runs", type=int, default=3, help="loads, each into a fresh database")
    parser.add_argument("--seed", type=int, default=1, help="the world's seed (make run uses 1)")
    args = parser.parse_args()
    print(f"demo world at scale {args.scale}, seed {args.seed}, {args.runs} run(s)")
    walls = []
    for number in range(1, args.runs + 1):
        requests, events, wall, cpu = one_run(args.scale, args.seed)
        walls.append(wall)
        print(
            f"run {number}: {requests} requests, {events} events, {wall:.1f} s wall, {cpu:.1f} s CPU, "
            f"{requests / wall:.0f} requests/s"
        )
    if len(walls) > 1:
        print(f"wall: min {min(walls):.1f} s, max {max(walls):.1f} s")


if __name__ == "__main__":
    main()
