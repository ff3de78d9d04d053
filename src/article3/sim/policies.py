"""The simulated reviewer, the simulated commission, and the baseline policy (all pure).

Reviewer: follows the screening. ``fast_track`` and ``standard_review`` are approved;
``blocked`` is refused by the rule before any reviewer; ``enhanced_review`` is refused when the
combined risk reaches ``REFUSE_AT`` (the findings' strength), approved otherwise. Each reviewer
makes the opposite call with probability ``error``, independently. The review rules decide how
many calls an item gets (review/rules.py): enhanced review has two reviewers and one refusal
refuses; on fast track and standard review a refusal is only proposed until a second reviewer
confirms it, and a senior reviewer settles a disagreement.

Latency (simulated, days from submission to the decision): fast track 1, standard review 3,
enhanced review 7 for the first reviewer and 3 more for the second.

Baseline: the organisation's checks as the public record describes them (interpol-rules.md §4.3,
2021): 503 refusals on Art. 2/3 grounds and 767 with no stated reason among 23,716 red notices and
diffusions. The baseline refuses an abusive request with probability 503 / 23,716 divided by the
world's abusive share (capped at 1), and a legitimate one with probability 767 / 23,716. With the
default world this gives about 90% passing for the worst country (§4.6: 90% of Russian requests
passed initial checks in 2024), which the report prints as a check.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

REFUSE_AT = 0.60
LATENCY_DAYS = {"fast_track": 1, "standard_review": 3, "enhanced_review": 7}
SECOND_REVIEWER_DAYS = 3
DELAYED_AFTER_DAYS = 7

ART23_REFUSED_2021 = 150 + 353
OTHER_REFUSED_2021 = 767
REQUESTS_2021 = 23_716
BASELINE_LEGIT_REFUSAL = OTHER_REFUSED_2021 / REQUESTS_2021

COMMISSION_ERROR = 0.05  # the commission's own error, both ways
# A request linked to an open case: the commission rules on a provisional block, or says there is
# no reason to block it, within two days (a priori: the urgent procedure, interpol-rules.md §3.3,
# run by a member on duty), well inside the product's window (complaints.rules.BLOCK_WINDOW_DAYS).
# A reviewer whose approval waits looks again the next day; one held off by a block, a month later.
BLOCK_DECISION_DAYS = 2
HELD_RETRY_DAYS = 30
HELD_GIVE_UP_DAYS = 3 * 365  # a hold longer than any case lasts is reported as an error
COMPLAINT_ADMISSIBILITY_DAYS = 25
COMPLAINT_DECISION_DAYS = 150
# Right after admissibility the commission consults the source bureau about each published
# request a deletion case concerns (CCF Statute Art. 34, "The source NCB is always consulted":
# ccf-decisions.md, "Consultation"), with the product's default deadline of one calendar month
# (complaints.rules.CONSULTATION_MONTHS). The bureau answers after 20 days: an assumption (no
# published figure), inside the shortest month, so no consultation lapses. The answer never changes
# the decision, which the simulated commission takes from the truth (commission_non_compliant).
CONSULTATION_MONTHS = 1
CONSULTATION_ANSWER_DAYS = 20
MESSAGE_REVIEW_DAYS = 2


def reviewer_approves(route: str, risk: float, rng: random.Random, error: float) -> bool:
    """One reviewer's call on an item of this route (module docstring)."""
    intended = route != "enhanced_review" or risk < REFUSE_AT
    return intended != (rng.random() < error)


def release_message(reasons: list[str], rng: random.Random, error: float) -> bool:
    """Compliance follows monitoring: a message held about a protected, deleted or refused
    subject is blocked; one held only for volume or a measure is released."""
    concerns = {
        "protected_person",
        "deleted_request_subject",
        "refused_request_subject",
        "blocked_request_subject",
    }
    intended = not (set(reasons) & concerns)
    return intended != (rng.random() < error)


def commission_non_compliant(abusive: bool, rng: random.Random) -> bool:
    return abusive != (rng.random() < COMMISSION_ERROR)


def commission_blocks(abusive: bool, rng: random.Random) -> bool:
    """The provisional block, on the applicant's evidence (which the screening never sees), with
    the commission's own error."""
    return commission_non_compliant(abusive, rng)


@dataclass(frozen=True, slots=True)
class Baseline:
    abusive_refusal: float
    legit_refusal: float = BASELINE_LEGIT_REFUSAL

    @classmethod
    def for_world(cls, abusive_share: float) -> Baseline:
        share = ART23_REFUSED_2021 / REQUESTS_2021
        return cls(abusive_refusal=min(1.0, share / abusive_share) if abusive_share else 1.0)

    def publishes(self, abusive: bool, rng: random.Random) -> bool:
        return rng.random() >= (self.abusive_refusal if abusive else self.legit_refusal)
