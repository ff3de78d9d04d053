"""The simulated reviewer and the baseline derived from the public record."""

from __future__ import annotations

import random

from article3.sim.policies import REFUSE_AT, Baseline, release_message, reviewer_approves


def test_reviewer_follows_the_route_without_error() -> None:
    rng = random.Random(1)
    assert reviewer_approves("fast_track", 0.0, rng, 0.0)
    assert reviewer_approves("standard_review", 0.3, rng, 0.0)
    assert not reviewer_approves("enhanced_review", REFUSE_AT, rng, 0.0)
    assert reviewer_approves("enhanced_review", REFUSE_AT - 0.01, rng, 0.0)


def test_reviewer_errs_at_the_configured_rate() -> None:
    rng = random.Random(2)
    wrong = sum(not reviewer_approves("fast_track", 0.0, rng, 0.1) for _ in range(5000))
    assert 400 < wrong < 600


def test_baseline_from_the_2021_figures() -> None:
    base = Baseline.for_world(abusive_share=0.04)
    assert round(base.legit_refusal, 4) == round(767 / 23_716, 4)
    assert abs(base.abusive_refusal - (503 / 23_716) / 0.04) < 1e-9
    assert Baseline.for_world(0.01).abusive_refusal == 1.0


def test_compliance_blocks_messages_about_protected_or_refused_persons() -> None:
    rng = random.Random(3)
    assert not release_message(["protected_person"], rng, 0.0)
    assert release_message(["unusual_volume"], rng, 0.0)
