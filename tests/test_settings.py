"""Settings: typed, from ARTICLE3_ variables, refusing the demo secret in production."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from article3.config import DEMO_SECRET_KEY, Environment, Settings


def test_production_refuses_the_demo_secret() -> None:
    with pytest.raises(ValidationError, match="SECRET_KEY"):
        Settings(environment=Environment.PRODUCTION, secret_key=DEMO_SECRET_KEY)


def test_production_accepts_a_real_secret() -> None:
    assert (
        Settings(environment=Environment.PRODUCTION, secret_key="x" * 40).environment
        is Environment.PRODUCTION
    )


def test_environment_variables_are_read(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ARTICLE3_PORT", "9100")
    assert Settings().port == 9100
