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
