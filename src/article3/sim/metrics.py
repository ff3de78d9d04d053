"""Scores of a replay against the world's ground truth, per year and overall, beside the baseline."""

from __future__ import annotations

import random
from collections import Counter
from collections.abc import Iterable
from typing import Any

from article3.sim import frontier
from article3.sim.policies import DELAYED_AFTER_DAYS, Baseline
from article3.sim.replay import Outcome, Results
from article3.transparency.rules import wilson

PUBLISHED = frozenset({"published", "expired", "suspended", "deleted", "cancelled"})
LEGIT_REFUSED = frozenset({"refused", "not_accepted", "rejected"})
SEES_FLAGS = "recipient_flags_on_earlier"  # the screening's finding when earlier requests were flagged
SEES_CASE = "commission_case_pending"  # the screening's finding when the commission has an open case


def _ever_published(o: Outcome) -> bool:
    return o.published is not None or o.status in PUBLISHED


def _days(o: Outcome) -> float:
    """Days from submission to publication (a published outcome)."""
    assert o.published is not None
    return (o.published - o.submitted).total_seconds() / 86_400


def _delayed(o: Outcome) -> bool:
    """Published, more than DELAYED_AFTER_DAYS after submission."""
    return o.published is not None and _days(o) > DELAYED_AFTER_DAYS


def _share(part: int, whole: int) -> float:
    return round(part / whole, 4) if whole else 0.0


def _counted(part: int, whole: int) -> dict[str, Any]:
    """A share's counts and its 95% Wilson interval (None when there is nothing to count)."""
    interval = wilson(part, whole)
    span = None if interval is None else [round(interval.low, 4), round(interval.high, 4)]
    return {"count": part, "of": whole, "interval_95": span}


def score(outcomes: list[Outcome], tally: Counter[str], baseline: Baseline, seed: int) -> dict[str, Any]:
    """One period's figures (see docs/simulation.md for each definition)."""
    abusive = [o for o in outcomes if o.abusive]
    legit = [o for o in outcomes if not o.abusive]
    legit_refused = [o for o in legit if o.status in LEGIT_REFUSED]
    legit_published = [o for o in legit if _ever_published(o) and o.published]
    days = [_days(o) for o in legit_published]
    delayed = [o for o in legit_published if _delayed(o)]
    rng = random.Random(f"baseline:{seed}")  # noqa: S311
    base_abusive = sum(baseline.publishes(True, rng) for _ in abusive)
    base_legit_refused = sum(not baseline.publishes(False, rng) for _ in legit)
    published = sum(_ever_published(o) for o in abusive)
    return {
        "requests": len(outcomes),
        "abusive": len(abusive),
        "abusive_published_share": _share(published, len(abusive)),
        "legitimate_refused_share": _share(len(legit_refused), len(legit)),
        "legitimate_delayed_share": _share(len(delayed), len(legit)),
        "legitimate_pending": sum(o.status == "in_review" for o in legit),
        "counts": {
            "abusive_published": _counted(published, len(abusive)),
            "legitimate_refused": _counted(len(legit_refused), len(legit)),
            "legitimate_delayed": _counted(len(delayed), len(legit)),
        },
        "mean_days_to_publication": round(sum(days) / len(days), 2) if days else None,
        "review_decisions": tally["review_decisions"],
        "routes": dict(Counter(o.route or o.status for o in outcomes)),
        "complaints": tally["complaints"],
        "deletions": tally["deletions"],
        "measures_adopted": tally["measures_adopted"],
        "measures_lifted": tally["measures_lifted"],
        "messages": {
            k.removeprefix("messages_"): v for k, v in sorted(tally.items()) if k.startswith("messages_")
        },
        "errors": {k: v for k, v in tally.items() if k.startswith("error:")},
        "flags": flag_counts(outcomes, tally),
        "commission_cases": case_counts(outcomes, tally),
        "baseline": {
            "abusive_published_share": _share(base_abusive, len(abusive)),
            "legitimate_refused_share": _share(base_legit_refused, len(legit)),
        },
    }


def flag_counts(outcomes: list[Outcome], tally: Counter[str]) -> dict[str, int]:
    """Host countries' flags: raised (on a published request) or skipped (not published at the
    flag's time), by the truth of the flagged request; and later requests whose screening saw one."""
    seen = [o for o in outcomes if SEES_FLAGS in o.codes]
    return {
        "raised_on_abusive": tally["flags_raised_abusive"],
        "raised_on_genuine": tally["flags_raised_genuine"],
        "skipped": tally["flags_skipped_abusive"] + tally["flags_skipped_genuine"],
        "skipped_on_abusive": tally["flags_skipped_abusive"],
        "skipped_on_genuine": tally["flags_skipped_genuine"],
        "seen_by_later_abusive": sum(o.abusive for o in seen),
        "seen_by_later_genuine": sum(not o.abusive for o in seen),
    }


def case_counts(outcomes: list[Outcome], tally: Counter[str]) -> dict[str, int]:
    """Requests screened with an open case before the commission about their subject, by truth and
    what became of them; and the provisional blocks the commission ordered on them."""
    seen = [o for o in outcomes if SEES_CASE in o.codes]
    genuine = [o for o in seen if not o.abusive]
    return {
        "abusive": sum(o.abusive for o in seen),
        "abusive_published": sum(o.abusive and _ever_published(o) for o in seen),
        "genuine": len(genuine),
        "genuine_refused": sum(o.status in LEGIT_REFUSED for o in genuine),
        "genuine_delayed": sum(_delayed(o) for o in genuine),
        "provisional_blocks": tally["provisional_blocks"],
    }


def by_tactic(outcomes: Iterable[Outcome]) -> dict[str, dict[str, Any]]:
    """For abusive requests: how many of each tactic were published, and on which routes."""
    out: dict[str, dict[str, Any]] = {}
    for o in outcomes:
        if not o.abusive:
            continue
        row = out.setdefault(o.tactic or "?", {"requests": 0, "published": 0, "routes": Counter()})
        row["requests"] += 1
        row["published"] += int(_ever_published(o))
        row["routes"][o.route or o.status] += 1
    return {k: {**v, "routes": dict(v["routes"])} for k, v in sorted(out.items())}


def by_requester(outcomes: Iterable[Outcome]) -> dict[str, dict[str, int]]:
    """For each requesting country that sent an abusive request: its abusive requests and how many
    were published, its legitimate ones and how many were refused or delayed."""
    out: dict[str, dict[str, int]] = {}
    for o in outcomes:
        row = out.setdefault(
            o.country,
            {"abusive": 0, "abusive_published": 0, "legitimate": 0, "legitimate_refused": 0,
             "legitimate_delayed": 0},
        )  # fmt: skip
        if o.abusive:
            row["abusive"] += 1
            row["abusive_published"] += int(_ever_published(o))
        else:
            row["legitimate"] += 1
            row["legitimate_refused"] += int(o.status in LEGIT_REFUSED)
            row["legitimate_delayed"] += int(_delayed(o))
    ranked = sorted(out.items(), key=lambda kv: (-kv[1]["abusive_published"], -kv[1]["abusive"], kv[0]))
    return {country: row for country, row in ranked if row["abusive"]}


def by_drafting(outcomes: Iterable[Outcome]) -> dict[str, dict[str, int]]:
    """For legitimate requests, by how they were drafted (full, thin, dispute, a repeat request):
    how many were refused, and how many published after DELAYED_AFTER_DAYS."""
    out: dict[str, dict[str, int]] = {}
    for o in outcomes:
        if o.abusive:
            continue
        row = out.setdefault(o.drafting or "?", {"requests": 0, "refused": 0, "delayed": 0})
        row["requests"] += 1
        row["refused"] += int(o.status in LEGIT_REFUSED)
        row["delayed"] += int(_delayed(o))
    return dict(sorted(out.items()))


def worst_country_pass(outcomes: list[Outcome], baseline: Baseline, seed: int) -> tuple[str, float]:
    """The baseline's pass rate for the country with the largest abusive share (check: about 90%)."""
    by_country: dict[str, list[Outcome]] = {}
    for o in outcomes:
        by_country.setdefault(o.country, []).append(o)
    big = {c: v for c, v in by_country.items() if len(v) >= 20}
    if not big:
        return "-", 0.0
    worst = max(big, key=lambda c: (sum(o.abusive for o in big[c]) / len(big[c]), len(big[c])))
    rng = random.Random(f"worst:{seed}")  # noqa: S311
    passed = sum(baseline.publishes(o.abusive, rng) for o in big[worst])
    return worst, round(passed / len(big[worst]), 4)


def score_frontier(outcomes: list[Outcome]) -> dict[str, Any]:
    """What a single threshold on the screening's risk could trade (sim/frontier.py)."""
    abusive = [o for o in outcomes if o.abusive]
    legit = [o for o in outcomes if not o.abusive]
    refused = [o for o in legit if o.status in LEGIT_REFUSED]
    return frontier.compute(
        [o.risk for o in abusive if _ever_published(o)],
        len(abusive),
        [o.risk for o in legit if o.status not in LEGIT_REFUSED],
        len(refused),
        len(legit),
    )


def evaluate(results: Results, seed: int) -> dict[str, Any]:
    outcomes = results.outcomes
    abusive_share = sum(o.abusive for o in outcomes) / max(len(outcomes), 1)
    baseline = Baseline.for_world(abusive_share)
    years = sorted({o.year for o in outcomes})
    total: Counter[str] = Counter()
    for counts in results.tally.values():
        total.update(counts)
    overall = score(outcomes, total, baseline, seed)
    worst, passed = worst_country_pass(outcomes, baseline, seed)
    return {
        **overall,
        "by_year": {
            str(y): score([o for o in outcomes if o.year == y], results.tally[y], baseline, seed + y)
            for y in years
        },
        "by_tactic": by_tactic(outcomes),
        "legitimate_by_drafting": by_drafting(outcomes),
        "by_requester": by_requester(outcomes),
        "frontier": score_frontier(outcomes),
        "measures": [m.as_dict() for m in results.measures],
        "measures_lifted": [m.as_dict() for m in results.lifted],
        "models_trained": results.models,
        "wording_calibrated": results.calibrations,
        "baseline": {
            **overall["baseline"],
            "abusive_refusal_probability": round(baseline.abusive_refusal, 4),
            "legitimate_refusal_probability": round(baseline.legit_refusal, 4),
            "worst_country": worst,
            "worst_country_pass_share": passed,
        },
    }
