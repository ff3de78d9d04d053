"""The wording evidence's pure part: phrases, keys, log-odds, calibration and the finding."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from article3.screening.learned import FEATURE_NAMES
from article3.screening.reasons import WITHHELD_FROM_REQUESTER, ReasonCode
from article3.screening.rulesets import DEFAULT_RULESET, ROUTE_ORDER, Route, assess
from article3.screening.wording import (
    MIN_USES,
    SHOWN,
    Calibration,
    Tally,
    evidence,
    key_from_secret,
    log_odds,
    phrase_key,
    phrases,
    raw_score,
    wording_finding,
)
from tests.screening.test_learned import CASES

FITTED = Calibration(slope=1.0, intercept=0.0, n=40, positives=12, fitted_at=datetime(2026, 1, 1, tzinfo=UTC))


def test_phrases_are_one_to_three_words_lower_cased() -> None:
    found = phrases(["Received Grants and spent"], names=[])
    assert {"received", "received grants", "received grants and", "grants and spent"} <= found
    assert "received grants and spent" not in found  # four words
    assert len(found) == 4 + 3 + 2


def test_phrases_never_hold_nor_span_the_subjects_names() -> None:
    found = phrases(["Ivan Petrov, head of an association, received grants"], names=["Ivan PETROV"])
    assert not any(word in p.split() for p in found for word in ("ivan", "petrov"))
    assert "head of an" in found
    assert "received grants" in found


def test_phrase_keys_depend_on_the_deployments_secret() -> None:
    one, two = key_from_secret("a" * 32), key_from_secret("b" * 32)
    assert phrase_key(one, "police found") == phrase_key(one, "police found")
    assert phrase_key(one, "police found") != phrase_key(two, "police found")
    assert phrase_key(one, "police found") != phrase_key(one, "police found it")
    assert "police" not in phrase_key(one, "police found")


def test_a_phrase_fewer_than_min_uses_decided_requests_used_weighs_nothing() -> None:
    totals = Tally(overturned=50, stood=150)
    assert log_odds(Tally(MIN_USES - 1, 0), totals) is None
    assert log_odds(Tally(MIN_USES, 0), totals) > 0  # type: ignore[operator]
    assert log_odds(Tally(0, MIN_USES), totals) < 0  # type: ignore[operator]
    rare = raw_score([Tally(MIN_USES - 1, 0)], totals)
    assert rare == raw_score([], totals)


def test_calibration_is_a_monotone_probability() -> None:
    values = [FITTED.probability(s) for s in (-800.0, -2.0, 0.0, 2.0, 800.0)]
    assert values == sorted(values)
    assert values[0] >= 0.0 and values[-1] <= 1.0
    assert FITTED.probability(0.0) == pytest.approx(0.5)


def test_evidence_names_only_the_phrases_weighing_towards_non_compliant() -> None:
    totals = Tally(overturned=40, stood=160)
    tallies = {f"raid {i}": Tally(10 + i, 1) for i in range(SHOWN + 2)}
    tallies |= {"ordinary": Tally(1, 30), "rare": Tally(3, 0)}
    found = evidence(tallies, totals, FITTED)
    names = [p for p, _ in found.leaning]
    assert len(names) == SHOWN
    assert names[0] == f"raid {SHOWN + 1}"  # the most lopsided first
    assert "ordinary" not in names and "rare" not in names
    assert found.p > evidence({"ordinary": Tally(1, 30)}, totals, FITTED).p


def test_the_finding_weighs_half_the_lift_above_the_base_rate_and_names_its_phrases() -> None:
    found = evidence({"police found": Tally(12, 1)}, Tally(40, 160), FITTED)
    base = FITTED.positives / FITTED.n
    assert found.p > base and found.lift == pytest.approx((found.p - base) / (1 - base))
    made = wording_finding(found, DEFAULT_RULESET.model_weight)
    assert made.code is ReasonCode.WORDING_EVIDENCE
    assert made.weight == pytest.approx(round(DEFAULT_RULESET.model_weight * found.lift, 4))
    assert "'police found' (12 non-compliant, 1 let stand)" in made.explanation
    assert [e.ref for e in made.evidence] == ["police found"]


def test_wording_no_likelier_than_any_decided_request_adds_nothing() -> None:
    plain = evidence({"stolen cars": Tally(1, 30)}, Tally(40, 160), FITTED)
    assert plain.p < FITTED.positives / FITTED.n
    assert plain.lift == 0.0 and wording_finding(plain, DEFAULT_RULESET.model_weight).weight == 0.0


def test_the_wording_evidence_is_neither_a_model_input_nor_told_to_the_requester() -> None:
    assert f"finding:{ReasonCode.WORDING_EVIDENCE.value}" not in FEATURE_NAMES
    assert ReasonCode.WORDING_EVIDENCE in WITHHELD_FROM_REQUESTER


@pytest.mark.parametrize("inp", CASES)
def test_wording_never_lowers_a_route_nor_lifts_a_block(inp) -> None:  # type: ignore[no-untyped-def]
    strong = evidence({"police found": Tally(30, 0)}, Tally(40, 160), FITTED)
    without = assess(inp)
    with_wording = assess(inp, wording=strong)
    assert ROUTE_ORDER.index(with_wording.route) >= ROUTE_ORDER.index(without.route)
    assert with_wording.risk >= without.risk
    if without.route is Route.BLOCKED:
        assert with_wording.route is Route.BLOCKED
    assert ReasonCode.WORDING_EVIDENCE in with_wording.codes
    assert ReasonCode.WORDING_EVIDENCE not in with_wording.requester_codes
