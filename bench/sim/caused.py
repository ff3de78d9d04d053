"""What the wording evidence changed in a replay: the refusals it caused, by truth, and what a weight
that starts higher up the lift would have traded.

For every request routed to enhanced review whose last screening carries ``wording_evidence``
(weight w > 0), the risk without it is ``1 - (1 - risk) / (1 - w)`` (the noisy-OR, rulesets.py).
The simulated reviewer refuses an enhanced-review item at ``policies.REFUSE_AT``; a refusal is
*caused* by the evidence when the risk reached that line and the risk without it did not. It prints:

- the caused refusals by truth and by tactic (abusive) or drafting (legitimate);
- the weight's 10th, 50th and 90th percentiles on the caused refusals, the other refused requests
  and the published ones, by truth;
- for a few starting points T, the same count if the weight had been 0.5 x (lift - T) / (1 - T)
  (0 below T) instead of 0.5 x lift: abusive and legitimate requests that would still have been
  refused because of it.

The last part is static (a replay with another weight would see other refusals later: the
requester's record, the counts), like ``sim/frontier.py``. It reads the replay's outcomes
(``sim evaluate --outcomes``) and database, and the truth in the outcomes.

    .venv/bin/python -m bench.sim.caused OUTCOMES DATABASE_URL
"""

from __future__ import annotations

import argparse
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

from article3.screening.rulesets import MODEL_WEIGHT
from article3.sim.policies import REFUSE_AT
from bench.sim import oracle
from bench.sim.refusals import weights as wording_weights

STARTS = (0.2, 0.4, 0.6)


def without(risk: float, weight: float) -> float:
    """The noisy-OR risk with one factor of this weight taken out."""
    return 1 - (1 - risk) / (1 - weight)


def started_at(weight: float, start: float) -> float:
    """The weight 0.5 x lift would have had, had it started at lift ``start``."""
    lift = weight / MODEL_WEIGHT
    return MODEL_WEIGHT * max(0.0, (lift - start) / (1 - start))


def truth(o: dict[str, Any]) -> str:
    return "abusive" if o["abusive"] else "legitimate"


def quantiles(values: list[float]) -> str:
    ordered = sorted(values)
    pick = [ordered[min(len(ordered) - 1, int(q * len(ordered)))] for q in (0.1, 0.5, 0.9)]
    return " ".join(f"{v:.3f}" for v in pick)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("outcomes", type=Path, help="written by sim evaluate --outcomes (gzip)")
    parser.add_argument("database", help="the database the replay filled (ARTICLE3_DATABASE_URL)")
    args = parser.parse_args()
    rows = [o for o in oracle.lines(args.outcomes) if o.get("ref")]
    weights = wording_weights(args.database, {o["ref"] for o in rows})
    caused: Counter[tuple[str, str]] = Counter()
    spread: dict[tuple[str, str], list[float]] = defaultdict(list)
    still: Counter[tuple[float, str]] = Counter()
    for o in rows:
        w = weights.get(o["ref"], 0.0)
        if w <= 0:
            continue
        enhanced = o["route"] == "enhanced_review"
        before = without(o["risk"], w) if enhanced else 1.0
        by_it = enhanced and o["risk"] >= REFUSE_AT and before < REFUSE_AT
        if by_it:
            caused[(truth(o), o.get("tactic") or o.get("drafting") or "?")] += 1
        fate = "caused" if by_it else ("refused" if o["status"] == "refused" else o["status"])
        spread[(truth(o), fate)].append(w)
        if enhanced and before < REFUSE_AT:
            for start in STARTS:
                still[(start, truth(o))] += 1 - (1 - before) * (1 - started_at(w, start)) >= REFUSE_AT
    print("refusals the wording evidence caused (risk >= REFUSE_AT only with it)")
    for key in ("abusive", "legitimate"):
        parts = sorted(((k[1], n) for k, n in caused.items() if k[0] == key), key=lambda kv: -kv[1])
        total = sum(n for _, n in parts)
        print(f"  {key:<11} {total:>6}  ({', '.join(f'{k} {n}' for k, n in parts)})")
    print(f"{'wording_evidence weight':<32} {'requests':>9}  q10 / q50 / q90")
    for (who, fate), values in sorted(spread.items()):
        print(f"  {who + ', ' + fate:<30} {len(values):>9}  {quantiles(values)}")
    print("had the weight started at lift T (static): refusals it would still cause")
    for start in STARTS:
        abusive, legitimate = still[(start, "abusive")], still[(start, "legitimate")]
        print(f"  T={start:.1f}  abusive {abusive:>6}  legitimate {legitimate:>6}")


if __name__ == "__main__":
    main()
