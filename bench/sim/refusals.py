"""Why one requester's legitimate requests were refused in a replay: the reasons they carried, and
what the wording evidence weighed on them against its abusive requests.

For the requests of ``--country`` from ``--since`` on, it prints:
- the legitimate requests, and how many were refused after screening (status ``refused``);
- the reason codes those refused requests carried, most frequent first, with how many carried each;
- the weight of ``wording_evidence`` (from the stored screening runs) on the refused and the other
  requests, legitimate and abusive: how many requests, the mean and the median;
- over every request of the replay, how many carry ``requester_high_refusal_rate`` and its highest
  weight (capped at 0.20 since ruleset 2026.11.5).

It reads the replay's outcomes (``sim evaluate --outcomes``, gzip) and its database; it is not a
replay. It is how docs/simulation.md (twelfth session) tells the wording evidence's own weight from
the findings that grew with the refusals (``requester_high_refusal_rate``, the learned component's).

    .venv/bin/python -m bench.sim.refusals OUTCOMES DATABASE_URL [--country RU] [--since 2023]
"""

from __future__ import annotations

import argparse
import statistics
from collections import Counter, defaultdict
from pathlib import Path

from sqlalchemy import create_engine, select
from sqlalchemy.orm import Session

from article3.notices.models import Request
from article3.screening.models import ScreeningRun
from article3.screening.reasons import ReasonCode
from bench.sim import oracle

SHOWN = 12


def weights(url: str, refs: set[str], code: ReasonCode = ReasonCode.WORDING_EVIDENCE) -> dict[str, float]:
    """The weight of ``code`` (``wording_evidence`` unless told) in each given request's screening
    runs (the last one that carries it)."""
    out: dict[str, float] = {}
    query = (
        select(Request.ref, ScreeningRun.findings)
        .join(ScreeningRun, ScreeningRun.request_id == Request.id)
        .order_by(ScreeningRun.id)
    )
    with Session(create_engine(url)) as session:
        for ref, findings in session.execute(query):
            if ref in refs:
                out.update((ref, f["weight"]) for f in findings if f["code"] == code.value)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("outcomes", type=Path, help="written by sim evaluate --outcomes (gzip)")
    parser.add_argument("database", help="the database the replay filled (ARTICLE3_DATABASE_URL)")
    parser.add_argument("--country", default="RU")
    parser.add_argument("--since", type=int, default=2023)
    args = parser.parse_args()
    rows = [
        o for o in oracle.lines(args.outcomes) if o["country"] == args.country and o["year"] >= args.since
    ]
    legit = [o for o in rows if not o["abusive"]]
    refused = [o for o in legit if o["status"] == "refused"]
    print(f"{args.country} from {args.since}: {len(legit)} legitimate requests, {len(refused)} refused")
    codes = Counter(c for o in refused for c in o["codes"])
    print("reasons on the refused:", "; ".join(f"{c} {n}" for c, n in codes.most_common(SHOWN)))
    wording = weights(args.database, {o["ref"] for o in rows if o.get("ref")})
    groups: dict[tuple[str, str], list[float]] = defaultdict(list)
    for o in rows:
        if o.get("ref") in wording:
            truth = "abusive" if o["abusive"] else "legitimate"
            groups[(truth, "refused" if o["status"] == "refused" else "not refused")].append(
                wording[o["ref"]]
            )
    print(f"{'wording_evidence weight':<36} {'requests':>9} {'mean':>6} {'median':>7}")
    for (truth, fate), values in sorted(groups.items()):
        label = f"{truth}, {fate}"
        print(
            f"{label:<36} {len(values):>9} {statistics.mean(values):>6.3f} {statistics.median(values):>7.3f}"
        )

    every = {o["ref"] for o in oracle.lines(args.outcomes) if o.get("ref")}
    rate = weights(args.database, every, ReasonCode.REQUESTER_HIGH_REFUSAL_RATE)
    top = max(rate.values(), default=0.0)
    print(f"requester_high_refusal_rate, every requester: {len(rate)} requests, highest weight {top:.3f}")


if __name__ == "__main__":
    main()
