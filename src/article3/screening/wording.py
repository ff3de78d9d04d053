"""The wording evidence: what the commission's decisions say about a request's phrases (pure part).

A ``non_compliant`` decision purges the request's document at once, so no model can be retrained
later on the wording of the requests the commission overturned. What can be kept is an aggregate
taken at the moment of each decision, before the purge: for each phrase (one to three words of the
summary of facts, the charges and the stated occupations, with the subject's names taken out), how
many decided requests found non-compliant and how many let stand used it. Nothing about any one
request: a phrase is stored as a keyed hash (``phrase_key``), and its text only once at least
``MIN_USES`` decided requests have used it (``wording_store``).

A request is scored by a naive Bayes log-odds over its phrases that at least ``MIN_USES`` decided
requests used (``raw_score``); the score each decided request had *before* it was counted is kept
with its outcome, and those out-of-sample scores calibrate the log-odds into a probability (a
one-feature logistic regression, fitted when the learned component is retrained). That
probability is among the requests the commission decides, a third of them non-compliant, not among
all requests: the evidence is its lift above that base rate, ``(p - base) / (1 - base)``, and none
when the wording says no more than that the request could be complained about. The screening adds
it as one finding, ``wording_evidence``, with weight ``MODEL_WEIGHT * lift``: like the learned
model, it only adds evidence and never lowers a route. docs/screening.md, "Wording evidence".
"""

from __future__ import annotations

import hashlib
import math
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime

from article3.screening.findings import Evidence, EvidenceKind, Finding, finding
from article3.screening.reasons import ReasonCode

MIN_USES = 10  # a phrase fewer decided requests used is neither scored nor shown
ALPHA = 1.0  # Laplace smoothing of the counts
LONGEST = 3  # words in the longest phrase
SHOWN = 5  # phrases a finding names
_WORD = re.compile(r"\w+", re.UNICODE)


@dataclass(frozen=True, slots=True)
class Tally:
    """How many decided requests found non-compliant (``overturned``) / let stand used a phrase."""

    overturned: int = 0
    stood: int = 0

    @property
    def uses(self) -> int:
        return self.overturned + self.stood


@dataclass(frozen=True, slots=True)
class Calibration:
    """The one-feature logistic regression from raw score to probability, and what it was fitted on."""

    slope: float
    intercept: float
    n: int
    positives: int
    fitted_at: datetime

    @property
    def base_rate(self) -> float:
        """The share of the decided requests it was fitted on that were found non-compliant."""
        return self.positives / self.n

    def probability(self, score: float) -> float:
        z = self.slope * score + self.intercept
        return 1.0 / (1.0 + math.exp(-z)) if z >= 0 else math.exp(z) / (1.0 + math.exp(z))


@dataclass(frozen=True, slots=True)
class WordingEvidence:
    """What the screening adds for one request: the probability and the phrases that weigh most."""

    p: float
    leaning: tuple[tuple[str, Tally], ...]  # phrases of the request, most towards non-compliant first
    calibration: Calibration

    @property
    def lift(self) -> float:
        """How far the wording raises the probability above the decided requests' base rate (0..1)."""
        base = self.calibration.base_rate
        return max(0.0, (self.p - base) / (1.0 - base))


def key_from_secret(secret: str) -> bytes:
    """The key of the phrase hashes, derived from the deployment's secret key (rotating the secret
    starts the counts afresh: docs/configuration.md)."""
    return hashlib.blake2b(secret.encode(), digest_size=32, person=b"article3-wording").digest()


def phrase_key(key: bytes, phrase: str) -> str:
    """A phrase as stored while fewer than ``MIN_USES`` decided requests used it: a keyed hash."""
    return hashlib.blake2s(phrase.encode(), key=key, digest_size=16).hexdigest()


def phrases(parts: Iterable[str], names: Iterable[str]) -> frozenset[str]:
    """The phrases of a request: one to ``LONGEST`` consecutive words of each part, lower-cased,
    never spanning nor containing a word of the subject's names."""
    banned = {w for name in names for w in _WORD.findall(name.lower())}
    out: set[str] = set()
    for part in parts:
        run: list[str] = []
        for word in [*_WORD.findall(part.lower()), ""]:
            if word and word not in banned:
                run.append(word)
                continue
            for n in range(1, LONGEST + 1):
                out.update(" ".join(run[i : i + n]) for i in range(len(run) - n + 1))
            run = []
    return frozenset(out)


def log_odds(tally: Tally, totals: Tally) -> float | None:
    """How much a phrase's use weighs towards non-compliant; None below ``MIN_USES``."""
    if tally.uses < MIN_USES:
        return None
    return math.log((tally.overturned + ALPHA) / (totals.overturned + 2 * ALPHA)) - math.log(
        (tally.stood + ALPHA) / (totals.stood + 2 * ALPHA)
    )


def raw_score(tallies: Iterable[Tally], totals: Tally) -> float:
    """The naive Bayes log-odds of a request whose phrases have these tallies."""
    prior = math.log((totals.overturned + ALPHA) / (totals.stood + ALPHA))
    return prior + sum(v for t in tallies if (v := log_odds(t, totals)) is not None)


def evidence(tallies: Mapping[str, Tally], totals: Tally, calibration: Calibration) -> WordingEvidence:
    """The evidence for a request whose phrases (text -> tally) are given."""
    score = raw_score(tallies.values(), totals)
    weighed = [(v, p, t) for p, t in tallies.items() if (v := log_odds(t, totals)) is not None and v > 0]
    leaning = tuple((p, t) for _, p, t in sorted(weighed, key=lambda x: (-x[0], x[1]))[:SHOWN])
    return WordingEvidence(calibration.probability(score), leaning, calibration)


def wording_finding(found: WordingEvidence, weight: float) -> Finding:
    """The ``wording_evidence`` finding: weight ``weight * lift``, naming the phrases that weigh most
    and how many decided requests of each outcome used them."""
    c = found.calibration
    named = "; ".join(f"'{p}' ({t.overturned} non-compliant, {t.stood} let stand)" for p, t in found.leaning)
    return finding(
        ReasonCode.WORDING_EVIDENCE,
        weight * found.lift,
        f"The wording of the request, against the phrases of the {c.n} requests the commission "
        f"decided ({c.positives} found non-compliant; calibrated {c.fitted_at.date().isoformat()}), "
        f"gives a probability of {found.p:.2f} that it would be found non-compliant, against "
        f"{c.base_rate:.2f} for any decided request; weight {weight:.2f} x the lift above that rate "
        f"({found.lift:.2f})." + (f" Phrases weighing towards non-compliant: {named}." if named else ""),
        [
            Evidence(EvidenceKind.WORDING, p, f"{t.overturned} non-compliant, {t.stood} let stand")
            for p, t in found.leaning
        ],
    )
