"""The learned, calibrated component: its pure part.

A logistic regression, calibrated (sigmoid, cross-validated) when the data allow, trained on
past outcomes: label 1 when a request was refused at review or later overturned (deleted) by
the complaints commission, 0 when it was published and stood. Its input is a fixed feature
vector built from the screening input and the rules' findings, so the model learns how much
each rule's evidence actually mattered, per the decisions people took.

The model only *adds* evidence (see rulesets): it cannot lower a route or lift a block.
Serialisation uses pickle, for a local file the deployment itself wrote: never load a model
from an untrusted source.
"""

from __future__ import annotations

import math
import pickle
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from article3.screening.catalogue import country_key
from article3.screening.findings import Finding
from article3.screening.inputs import EarlierStatus, ScreeningInput
from article3.screening.reasons import LEARNED_CODES, ReasonCode

MODEL_NAME = "article3-screening-logreg"
FORMAT = b"article3-screening-model/1\n"
CALIBRATION_BINS = 10
MIN_PER_CLASS_FOR_CALIBRATION = 6

_CODE_FEATURES = tuple(c for c in ReasonCode if c not in LEARNED_CODES)
FEATURE_NAMES: tuple[str, ...] = (
    *(f"finding:{c.value}" for c in _CODE_FEATURES),
    "n_offences",
    "log_facts_chars",
    "n_register_hits",
    "n_earlier_by_requester",
    "n_earlier_refused",
    "log_flags",
    "requester_reversal_rate",
    "requester_refusal_rate",
    "n_measures",
    "left_before_warrant",
    "is_diffusion",
    "rules_risk",
)


@dataclass(frozen=True, slots=True)
class TrainingExample:
    """One past request: its features and what happened to it (True = refused/overturned)."""

    features: tuple[float, ...]
    outcome: bool


@dataclass(frozen=True, slots=True)
class LearnedModel:
    """A trained model with its identity and its model card."""

    estimator: Any
    name: str
    version: str
    feature_names: tuple[str, ...]
    n_train: int
    card: dict[str, Any] = field(default_factory=dict)


def _rate(numerator: int, denominator: int) -> float:
    return numerator / denominator if denominator > 0 else 0.0


def build_features(inputs: ScreeningInput, findings: Sequence[Finding]) -> tuple[float, ...]:
    """Feature vector (ordered as FEATURE_NAMES) from an input and the rules' findings."""
    strongest: dict[ReasonCode, float] = {}
    for f in findings:
        strongest[f.code] = max(strongest.get(f.code, 0.0), f.weight)
    req = inputs.request
    requester = country_key(req.requesting_country)
    mine = [e for e in inputs.earlier_requests if country_key(e.requesting_country) == requester]
    refused = (EarlierStatus.REFUSED, EarlierStatus.DELETED, EarlierStatus.REJECTED)
    rec = inputs.requester_record
    left, warrant = inputs.subject_left_country_on, req.warrant_issued_on
    clean = 1.0
    for f in findings:
        clean *= 1.0 - f.weight
    return (
        *(strongest.get(c, 0.0) for c in _CODE_FEATURES),
        float(len(req.offences)),
        math.log1p(len(req.facts)),
        float(len(inputs.register_hits)),
        float(len(mine)),
        float(sum(1 for e in mine if e.status in refused)),
        math.log1p(max(inputs.flags_on_earlier.count, 0)),
        _rate(rec.overturned, rec.complaints),
        _rate(rec.refused, rec.published + rec.refused),
        float(len(inputs.measures_in_force)),
        1.0 if left and warrant and left < warrant else 0.0,
        1.0 if "diffusion" in req.kind.lower() else 0.0,
        1.0 - clean,
    )


# scikit-learn (over a second to import) is imported inside the functions that train or measure,
# so that a command which neither trains nor scores does not pay for it.


def _estimator(y: np.ndarray[Any, Any], seed: int) -> Any:
    from sklearn.calibration import CalibratedClassifierCV  # noqa: PLC0415 - slow import, see above
    from sklearn.linear_model import LogisticRegression  # noqa: PLC0415 - slow import, see above

    base = LogisticRegression(max_iter=2000, C=1.0, random_state=seed)
    smallest = int(min(np.sum(y), len(y) - np.sum(y)))
    if smallest >= MIN_PER_CLASS_FOR_CALIBRATION:
        return CalibratedClassifierCV(base, method="sigmoid", cv=3)
    return base


def _arrays(
    examples: Sequence[TrainingExample],
) -> tuple[np.ndarray[Any, Any], np.ndarray[Any, Any]]:
    x = np.asarray([e.features for e in examples], dtype=float)
    y = np.asarray([1 if e.outcome else 0 for e in examples], dtype=int)
    if x.ndim != 2 or x.shape[1] != len(FEATURE_NAMES):
        raise ValueError(f"expected {len(FEATURE_NAMES)} features per example")
    return x, y


def train(
    examples: Sequence[TrainingExample],
    *,
    version: str = "0",
    holdout: float = 0.25,
    seed: int = 0,
) -> LearnedModel:
    """Fit on all examples; the model card reports metrics measured on a held-out split."""
    x, y = _arrays(examples)
    if len(set(y.tolist())) < 2:
        raise ValueError("training needs both outcomes (refused/overturned and stood)")
    card: dict[str, Any] = {"holdout": None}
    if min(np.sum(y), len(y) - np.sum(y)) >= 4 and len(y) >= 20:
        from sklearn.model_selection import train_test_split  # noqa: PLC0415 - slow import, see above

        x_tr, x_te, y_tr, y_te = train_test_split(x, y, test_size=holdout, random_state=seed, stratify=y)
        trial = _estimator(y_tr, seed).fit(x_tr, y_tr)
        card["holdout"] = metrics(y_te.tolist(), trial.predict_proba(x_te)[:, 1].tolist())
    estimator = _estimator(y, seed).fit(x, y)
    model = LearnedModel(estimator, MODEL_NAME, version, FEATURE_NAMES, len(y))
    card.update(_card_header(model, y))
    return LearnedModel(estimator, MODEL_NAME, version, FEATURE_NAMES, len(y), card)


def _card_header(model: LearnedModel, y: np.ndarray[Any, Any]) -> dict[str, Any]:
    return {
        "name": model.name,
        "version": model.version,
        "n": len(y),
        "positives": int(np.sum(y)),
        "base_rate": float(np.mean(y)),
        "label": "1 = refused at review or overturned by the commission; 0 = published and stood",
        "estimator": type(model.estimator).__name__,
        "features": list(model.feature_names),
        "use": "adds evidence only; never lowers a route or lifts a hard block",
    }


def predict(model: LearnedModel, features: Sequence[float]) -> float:
    """Calibrated probability (0..1) that a request with these features is refused/overturned."""
    if len(features) != len(model.feature_names):
        raise ValueError(f"expected {len(model.feature_names)} features, got {len(features)}")
    row = np.asarray([features], dtype=float)
    return float(model.estimator.predict_proba(row)[0, 1])


def metrics(y_true: Sequence[int], p: Sequence[float]) -> dict[str, Any]:
    """Brier score, ROC AUC (None with one class), calibration bins and n."""
    from sklearn.metrics import brier_score_loss, roc_auc_score  # noqa: PLC0415 - slow import, see above

    y = np.asarray(y_true, dtype=int)
    q = np.asarray(p, dtype=float)
    auc = float(roc_auc_score(y, q)) if len(set(y.tolist())) == 2 else None
    return {
        "n": len(y),
        "brier": float(brier_score_loss(y, q)),
        "roc_auc": auc,
        "calibration_bins": calibration_bins(y.tolist(), q.tolist()),
    }


def calibration_bins(y_true: Sequence[int], p: Sequence[float]) -> list[dict[str, float | int]]:
    """Equal-width bins of predicted probability: count, mean prediction, observed rate."""
    bins: list[dict[str, float | int]] = []
    for b in range(CALIBRATION_BINS):
        lo, hi = b / CALIBRATION_BINS, (b + 1) / CALIBRATION_BINS
        idx = [i for i, v in enumerate(p) if lo <= v < hi or (b == CALIBRATION_BINS - 1 and v == 1.0)]
        if not idx:
            continue
        bins.append(
            {
                "lower": lo,
                "upper": hi,
                "count": len(idx),
                "mean_predicted": sum(p[i] for i in idx) / len(idx),
                "observed_rate": sum(y_true[i] for i in idx) / len(idx),
            }
        )
    return bins


def model_card(model: LearnedModel) -> dict[str, Any]:
    """The model card: identity, data size, label, features and held-out metrics."""
    return dict(model.card)


def to_bytes(model: LearnedModel) -> bytes:
    """Serialise a model (pickle behind a format header)."""
    return FORMAT + pickle.dumps(model, protocol=pickle.HIGHEST_PROTOCOL)


def from_bytes(data: bytes) -> LearnedModel:
    """Load a model written by `to_bytes` (trusted local files only)."""
    if not data.startswith(FORMAT):
        raise ValueError("not an article3 screening model")
    model = pickle.loads(data[len(FORMAT) :])  # noqa: S301 - trusted local file, see docstring
    if not isinstance(model, LearnedModel):
        raise ValueError("not an article3 screening model")
    if model.feature_names != FEATURE_NAMES:
        raise ValueError("model was trained on a different feature set; retrain it")
    return model
