"""What a model of the wording could learn from the commission while honouring its deletions.

``bench.sim.commission`` trains a model on the wording of the requests the commission decided. A
deployment cannot: a ``non_compliant`` decision purges the request's document at once
(docs/complaints.md), so the wording of exactly the requests the commission overturned is gone by
the time anyone retrains. What it could keep is an aggregate taken at the moment of the decision,
before the purge: for each phrase (one to three words of the summary, the charges' titles and
provisions, and the stated occupation), how many requests found non-compliant and how many let
stand used it, and nothing about any one request. This bench replays that:

- the decided requests are taken in the order of their first decision; each one is first scored
  with the counts so far (a naive Bayes log-odds over the phrases it uses that at least ``MIN_USES``
  decided requests used, which is all a deployment could show), the score kept with the outcome
  (a number, not a text), and only then are its phrases counted;
- each 1 January the scores kept so far calibrate the log-odds into a probability (a one-feature
  logistic regression: the scores were taken before each request was counted, so they are
  out-of-sample), and the counts as they stand score that year's requests;
- the frontier of ``sim/frontier.py`` is then computed, on top of the replay's decisions, for that
  probability alone and for the screening's risk with it added as the learned component's
  evidence is (noisy-OR with the learned component's weight ``MODEL_WEIGHT``:
  ``1 - (1 - risk)(1 - MODEL_WEIGHT * p)``).

It prints each year's counts (decided requests, found non-compliant, phrases usable), the phrases
that weigh most towards a non-compliant outcome at the end, and the frontier lines. It reads the
world's wording and the replay's database, never the truth but to score; it is not a replay. The
product counts the same way (``screening/wording.py``, ``ARTICLE3_WORDING``), with the subject's
names taken out; a replay with ``sim evaluate --retrain --wording screen`` measures it in place.

    .venv/bin/python -m bench.sim.wording WORLD OUTCOMES DATABASE_URL
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import numpy as np

from article3.screening import wording
from article3.screening.rulesets import MODEL_WEIGHT
from article3.screening.wording import MIN_USES, Tally
from bench.sim import commission, oracle

SHOWN = 15


def phrases(text: str) -> frozenset[str]:
    """One to three consecutive words of the text, as the product counts them (no names to drop:
    the world's wording is scored as one text)."""
    return wording.phrases([text], ())


class Counts:
    """Per phrase, how many decided requests found non-compliant / let stand used it; scored as
    the product scores them (``wording.log_odds``, ``wording.raw_score``)."""

    def __init__(self) -> None:
        self.used: dict[str, list[int]] = {}
        self.totals = [0, 0]  # let stand, non-compliant

    def add(self, words: frozenset[str], non_compliant: bool) -> None:
        self.totals[non_compliant] += 1
        for p in words:
            self.used.setdefault(p, [0, 0])[non_compliant] += 1

    def tally(self, p: str) -> Tally:
        stood, overturned = self.used.get(p, (0, 0))
        return Tally(overturned, stood)

    def total(self) -> Tally:
        return Tally(overturned=self.totals[1], stood=self.totals[0])

    def log_odds(self, p: str) -> float | None:
        return wording.log_odds(self.tally(p), self.total())

    def score(self, words: frozenset[str]) -> float:
        return wording.raw_score((self.tally(p) for p in words), self.total())

    def snapshot(self) -> Counts:
        copy = Counts()
        copy.used = {p: list(v) for p, v in self.used.items()}
        copy.totals = list(self.totals)
        return copy


def yearly(
    outcomes: list[dict[str, Any]], world: dict[str, tuple[str, list[str], str]], decided: dict[str, Any]
) -> tuple[np.ndarray[Any, Any], Counts]:
    """Each request's calibrated probability from the counts and scores kept before its year."""
    from sklearn.linear_model import LogisticRegression  # noqa: PLC0415 - slow import

    by_ref = {o["ref"]: o for o in outcomes if o.get("ref")}
    order = sorted((when, ref, flag) for ref, (flag, when) in decided.items() if ref in by_ref)
    counts, kept = Counts(), []  # kept: (score before counting, outcome) of each decided request
    snapshots: dict[int, tuple[Counts, list[tuple[float, bool]]]] = {}
    years = sorted({o["year"] for o in outcomes})
    pending = [datetime(y, 1, 1, tzinfo=UTC) for y in years[1:]]
    for when, ref, flag in order:
        while pending and when >= pending[0]:
            snapshots[pending[0].year] = (counts.snapshot(), list(kept))
            pending.pop(0)
        words = phrases(world[by_ref[ref]["world_id"]][2])
        kept.append((counts.score(words), flag))
        counts.add(words, flag)
    for start in pending:
        snapshots[start.year] = (counts.snapshot(), list(kept))
    print(f"{'year':<6} {'decided':>8} {'non-compliant':>14} {'phrases usable':>15}")
    out = np.zeros(len(outcomes))
    for year, (snap, scores) in sorted(snapshots.items()):
        labels = [f for _, f in scores]
        usable = sum(1 for v in snap.used.values() if sum(v) >= MIN_USES)
        print(f"{year:<6} {len(scores):>8} {sum(labels):>14} {usable:>15}")
        if len(set(labels)) < 2:
            continue
        platt = LogisticRegression().fit(np.array([[s] for s, _ in scores]), np.array(labels))
        rows = [i for i, o in enumerate(outcomes) if o["year"] == year]
        raw = np.array([[snap.score(phrases(world[outcomes[i]["world_id"]][2]))] for i in rows])
        out[rows] = platt.predict_proba(raw)[:, 1]
    return out, counts


def main() -> None:
    world, outcomes, decided = commission.inputs(__doc__)
    p, counts = yearly(outcomes, world, decided)
    leaning = sorted((-v, w) for w in counts.used if (v := counts.log_odds(w)) is not None)
    print("phrases weighing most towards non-compliant:", "; ".join(w for _, w in leaning[:SHOWN]))
    risk = oracle.risks(outcomes)
    commission.header()
    print(oracle.line("the screening's risk", outcomes, risk))
    print(oracle.line("wording counts from the commission", outcomes, p))
    combined = 1 - (1 - risk) * (1 - MODEL_WEIGHT * p)
    print(oracle.line("the risk with the wording's evidence", outcomes, combined))


if __name__ == "__main__":
    main()
