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
