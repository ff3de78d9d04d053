"""`python -m bench.complaints.lodge [N]`: CPU per complaint lodged, and per argon2 hash.

Lodges N complaints (one text document each) on a fresh SQLite database through
`complaints.service.lodge`, each in its own transaction as the portal does, after one warm-up
lodging; then hashes N passwords with the accounts' argon2 parameters. Lodging creates the
applicant's login with a generated secret (a SHA-256 digest, docs/accounts.md); before that change
it cost one argon2 hash more, which the second line prices. CPU time (`time.process_time`): the
machine is shared.
"""

from __future__ import annotations

import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

from argon2 import PasswordHasher

from article3.bootstrap import Runtime, bootstrap
from article3.clock import FixedClock
from article3.complaints import service as complaints
from article3.complaints.schemas import ComplaintLodge
from article3.config import Environment, Settings
from article3.db import migrate
from article3.db.session import transaction

FORM = {
    "kind": "access",
    "applicant": {"names": ["Nadia Kerimova"], "birth_date": "1980-02-02"},
    "contact": "applicant@example.org",
    "statement": "The notice is a reprisal for my reporting.",
}


def runtime(folder: Path) -> Runtime:
    url = f"sqlite:///{folder}/bench.db"
    migrate.upgrade(url, "heads")
    settings = Settings(environment=Environment.TEST, database_url=url, secret_key="x" * 40, data_dir=folder)
    return bootstrap(settings, clock=FixedClock(datetime(2026, 1, 5, 9, tzinfo=UTC)))


def lodge(rt: Runtime, data: ComplaintLodge) -> None:
    with rt.session() as session, transaction(session):
        complaints.lodge(
            session,
            actor=None,
            data=data,
            documents=[("statement.txt", b"my statement")],
            engine=rt.search,
            data_dir=rt.settings.data_dir,
            now=rt.clock.now(),
        )


def per_call_ms(n: int, call: Callable[[], object]) -> float:
    start = time.process_time()
    for _ in range(n):
        call()
    return (time.process_time() - start) / n * 1000


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 30
    rt = runtime(Path(tempfile.mkdtemp()))
    data = ComplaintLodge.model_validate(FORM)
    try:
        lodge(rt, data)  # warm-up: imports, the first index catch-up
        print(f"lodge a complaint     {per_call_ms(n, lambda: lodge(rt, data)):7.1f} ms CPU  (n={n})")
    finally:
        rt.close()
    hasher = PasswordHasher()
    argon2_ms = per_call_ms(n, lambda: hasher.hash("a chosen password"))
    print(f"one argon2 hash       {argon2_ms:7.1f} ms CPU  (n={n})")


if __name__ == "__main__":
    main()
