"""The learned component: features, training, calibration metrics, serialisation, and that it
never lowers a route."""

import random
from datetime import date

import pytest

from article3.screening.context import Context
from article3.screening.inputs import Offence, RegisterHit, RegisterKind, Request, ScreeningInput
from article3.screening.learned import (
    FEATURE_NAMES,
    TrainingExample,
    build_features,
    calibration_bins,
    from_bytes,
    model_card,
    predict,
    to_bytes,
    train,
)
from article3.screening.reasons import ReasonCode
from article3.screening.rulesets import DEFAULT_RULESET, ROUTE_ORDER, Route, assess, run_checks

TODAY = date(2026, 8, 24)


WITNESSED = "On 3 May 2024 in Kazan he stabbed the victim; two witnesses identified him."


def make(country="RU", provision="Article 105", facts=WITNESSED, hits=()):
    request = Request("red_notice", "arrest", country, offences=(Offence(provision, "x", "homicide"),),
                      facts=facts, warrant_issued_on=date(2025, 1, 1))  # fmt: skip
    return ScreeningInput(request=request, today=TODAY, register_hits=tuple(hits))


def examples(n=400, seed=1):
    rng = random.Random(seed)
    out = []
    for _ in range(n):
        political = rng.random() < 0.3
        if political:
            inp = make(provision="ст. 280.3 УК РФ", facts="He criticised the war at a protest.",
                       hits=[RegisterHit("R", RegisterKind.JOURNALIST, None, None, None, 0.9)])  # fmt: skip
        else:
            inp = make(country=rng.choice(["RU", "TR", "FR", "BR"]))
        findings = run_checks(inp, DEFAULT_RULESET, Context(weights=DEFAULT_RULESET.weights))
        outcome = rng.random() < (0.8 if political else 0.05)
        out.append(TrainingExample(build_features(inp, findings), outcome))
    return out


@pytest.fixture(scope="module")
def model():
    return train(examples(), version="test-1")


def test_feature_vector_has_a_name_per_value():
    inp = make()
    assert len(build_features(inp, ())) == len(FEATURE_NAMES)
    assert f"finding:{ReasonCode.STATUS_JOURNALIST.value}" in FEATURE_NAMES
    assert f"finding:{ReasonCode.MODEL_EVIDENCE.value}" not in FEATURE_NAMES


def test_predictions_are_probabilities_that_rank_risky_higher(model):
    political = examples(1, seed=3)
    risky = next(e for e in examples(50, seed=5) if e.features[-1] > 0.5)
    calm = next(e for e in examples(50, seed=5) if e.features[-1] == 0.0)
    assert 0.0 <= predict(model, calm.features) < predict(model, risky.features) <= 1.0
    assert political


def test_model_card_has_metrics(model):
    card = model_card(model)
    assert card["n"] == 400
    assert card["version"] == "test-1"
    holdout = card["holdout"]
    assert 0.0 <= holdout["brier"] < 0.25
    assert holdout["roc_auc"] > 0.8
    assert sum(b["count"] for b in holdout["calibration_bins"]) == holdout["n"]


def test_calibration_bins_cover_all_predictions():
    bins = calibration_bins([0, 1, 1, 0], [0.05, 0.95, 1.0, 0.5])
    assert sum(b["count"] for b in bins) == 4
    assert bins[-1]["observed_rate"] == 1.0


def test_round_trip_through_bytes(model):
    again = from_bytes(to_bytes(model))
    row = examples(1, seed=9)[0].features
    assert predict(again, row) == pytest.approx(predict(model, row))
    with pytest.raises(ValueError, match="not an article3"):
        from_bytes(b"garbage")


def test_training_needs_both_outcomes():
    only_ok = [TrainingExample(e.features, False) for e in examples(30)]
    with pytest.raises(ValueError, match="both outcomes"):
        train(only_ok)


def test_predict_rejects_wrong_feature_count(model):
    with pytest.raises(ValueError, match="features"):
        predict(model, (0.0, 1.0))


CASES = [
    make(),
    make(provision="ст. 280.3 УК РФ", facts="He criticised the war."),
    make(hits=[RegisterHit("R1", RegisterKind.REFUGEE, "RU", None, None, 0.99)]),
    make(country="TR", provision="TCK 299"),
    make(provision="ст. 159 УК РФ"),
]


@pytest.mark.parametrize("inp", CASES)
def test_model_never_lowers_a_route_nor_lifts_a_block(model, inp):
    without = assess(inp)
    with_model = assess(inp, model=model)
    assert ROUTE_ORDER.index(with_model.route) >= ROUTE_ORDER.index(without.route)
    assert with_model.risk >= without.risk
    assert with_model.rules_route is without.route
    if without.route is Route.BLOCKED:
        assert with_model.route is Route.BLOCKED
    assert ReasonCode.MODEL_EVIDENCE in with_model.codes
