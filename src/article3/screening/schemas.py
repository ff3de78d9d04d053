"""What the screening interfaces return."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pydantic import BaseModel


class ScreeningRead(BaseModel):
    ruleset: str
    version: str
    risk: float
    route: str
    findings: list[dict[str, Any]]
    created_at: datetime


class CalibrationBin(BaseModel):
    lower: float
    upper: float
    count: int
    mean_predicted: float
    observed_rate: float


class HoldoutMetrics(BaseModel):
    n: int
    brier: float
    roc_auc: float | None
    calibration_bins: list[CalibrationBin]


class ModelCardRead(BaseModel):
    """The learned component's model card (``model_card.json``), as the API returns it."""

    name: str
    version: str
    trained_at: datetime | None = None
    n: int
    positives: int
    base_rate: float
    label: str
    estimator: str
    features: list[str]
    use: str
    sources: str | None = None
    holdout: HoldoutMetrics | None


class WordingPhraseRead(BaseModel):
    """A phrase used by at least ten decided requests, with its tally and how much it weighs."""

    phrase: str
    non_compliant: int
    let_stand: int
    log_odds: float


class WordingCalibrationRead(BaseModel):
    slope: float
    intercept: float
    n: int
    positives: int
    fitted_at: datetime


class WordingRead(BaseModel):
    """What the wording counts hold (docs/screening.md, "Wording evidence")."""

    use: str  # ARTICLE3_WORDING: off, learn or screen
    decided: int  # requests counted
    non_compliant: int  # of which the commission found non-compliant
    phrases: int  # phrases counted (most of them kept as keyed hashes only)
    phrases_usable: int  # used by at least min_uses decided requests: scored, and shown
    min_uses: int
    calibration: WordingCalibrationRead | None
    leaning: list[WordingPhraseRead]  # most towards a non-compliant outcome first
