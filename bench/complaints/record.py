"""The requester's record: what the screening's read of it costs, per call, before and now.

At every submission the screening asks ``complaints.requester_outcomes(country)``: how many
complaints about the country's requests the commission has decided, and how many it found
non-compliant. Until migration 0015 the read found those complaints through every request the
country had sent (``complaint_links`` joined to ``requests``), so each screening cost more as the
country's requests grew, and a replay of the whole world slowed down as it went. Now it reads
``complaint_decision_countries`` through its index, and its cost follows the country's decided
complaints.

The bench takes a database a replay has filled (``article3 sim evaluate``; migrated to the head
here, which backfills decisions taken before 0015), checks that both reads give the same pair for
every requesting country with a decided complaint, and prints for the largest ones the requests
sent, the pair, and the milliseconds per call of each read (best of ``--repeat`` rounds of
``--calls`` calls; CPU time, the machine being shared):

    ARTICLE3_DATABASE_URL=sqlite:////tmp/r/eval.db ARTICLE3_DATA_DIR=/tmp/r \\
      .venv/bin/article3 sim evaluate --world W --sample 0.03
    .venv/bin/python -m bench.complaints.record sqlite:////tmp/r/eval.db [--countries 8]
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable

from sqlalchemy import case, create_engine, func, select
from sqlalchemy.orm import Session

from article3.complaints import service as complaints
from article3.complaints.models import ComplaintLink, Decision, DecisionCountry
from article3.complaints.rules import Outcome
from article3.db import migrate
from article3.notices.models import Request

HEADER = f"{'country':<8} {'requests':>9} {'decided':>8} {'overturned':>10} {'before ms':>10} {'now ms':>8}"


def before(session: Session, country: str) -> tuple[int, int]:
    """The read as it was until 0015: the decisions of the complaints linked to any of the
    country's requests."""
    linked = (
        select(ComplaintLink.complaint_id)
        .join(Request, Request.id == ComplaintLink.request_id)
        .where(Request.requesting_country == country)
    )
    non_compliant = case((Decision.outcome == Outcome.NON_COMPLIANT.value, 1), else_=0)
    query = select(func.count(), func.coalesce(func.sum(non_compliant), 0)).where(
        Decision.complaint_id.in_(linked)
    )
    decided, overturned = session.execute(query).one()
    return int(decided), int(overturned)


def per_call(read: Callable[[Session, str], tuple[int, int]], session: Session, country: str,
             calls: int, repeat: int) -> float:  # fmt: skip
    """Best CPU milliseconds per call over ``repeat`` rounds of ``calls`` calls."""
    best = float("inf")
    for _ in range(repeat):
        started = time.process_time()
        for _ in range(calls):
            read(session, country)
        best = min(best, (time.process_time() - started) / calls)
    return best * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("database_url")
    parser.add_argument("--countries", type=int, default=8)
    parser.add_argument("--calls", type=int, default=50)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    migrate.upgrade(args.database_url, "heads")
    engine = create_engine(args.database_url)
    with Session(engine) as session:
        codes = session.scalars(select(DecisionCountry.country_code).distinct()).all()
        mismatched = [c for c in codes if before(session, c) != complaints.requester_outcomes(session, c)]
        if mismatched:
            raise SystemExit(f"the two reads differ for {', '.join(sorted(mismatched))}")
        sent = dict(
            session.execute(
                select(Request.requesting_country, func.count()).group_by(Request.requesting_country)
            ).all()
        )
        largest = sorted(codes, key=lambda c: -sent.get(c, 0))[: args.countries]
        print(f"{len(codes)} requesting countries with decided complaints; both reads agree for every one")
        print(HEADER)
        for code in largest:
            decided, overturned = complaints.requester_outcomes(session, code)
            old = per_call(before, session, code, args.calls, args.repeat)
            new = per_call(complaints.requester_outcomes, session, code, args.calls, args.repeat)
            print(f"{code:<8} {sent.get(code, 0):>9} {decided:>8} {overturned:>10} {old:>10.3f} {new:>8.3f}")
    engine.dispose()


if __name__ == "__main__":
    main()
