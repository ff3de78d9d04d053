"""Settings: one typed object built from ``ARTICLE3_`` environment variables.

This is the only module that reads the environment. Every field is documented in
``docs/configuration.md``; a test fails when one is not.
"""

from __future__ import annotations

from enum import StrEnum
from functools import lru_cache
from pathlib import Path

from pydantic import Field, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

DEMO_SECRET_KEY = "demo-secret-key-do-not-use-in-production"  # noqa: S105 - a known placeholder


class Environment(StrEnum):
    DEVELOPMENT = "development"
    TEST = "test"
    PRODUCTION = "production"


class WordingUse(StrEnum):
    """What the deployment does with the wording of the requests the commission decides."""

    OFF = "off"  # count nothing, score nothing
    LEARN = "learn"  # count each decided request's phrases; the screening does not use them
    SCREEN = "screen"  # count, and add the ``wording_evidence`` finding to every screening


class Settings(BaseSettings):
    """Everything article3 can be configured with."""

    model_config = SettingsConfigDict(env_prefix="ARTICLE3_", extra="ignore")

    environment: Environment = Environment.DEVELOPMENT
    database_url: str = "sqlite:///./var/article3.db"
    secret_key: str = DEMO_SECRET_KEY
    host: str = "127.0.0.1"
    port: int = Field(default=8000, ge=1, le=65535)
    max_body_bytes: int = Field(default=5_000_000, ge=1_024)
    session_max_age_seconds: int = Field(default=8 * 3600, ge=60)
    token_default_days: int = Field(default=90, ge=1)
    secure_cookies: bool = False
    fast_track_publishes: bool = False
    wording: WordingUse = WordingUse.OFF
    log_level: str = "INFO"
    data_dir: Path = Path("./var")
    report_signing_key: Path | None = None
    oversight_window_days: int = Field(default=365, ge=1)
    oversight_min_decided: int = Field(default=20, ge=1)
    oversight_min_complaints: int = Field(default=10, ge=1)
    oversight_gap_threshold: float = Field(default=0.25, gt=0, le=1)
    oversight_overturn_threshold: float = Field(default=0.40, gt=0, le=1)
    oversight_suspension_threshold: float = Field(default=0.75, gt=0, le=1)
    oversight_flag_threshold: float = Field(default=0.25, gt=0, le=1)
    oversight_blocked_messages_threshold: int = Field(default=5, ge=1)

    @model_validator(mode="after")
    def _refuse_demo_secret_in_production(self) -> Settings:
        if self.environment is Environment.PRODUCTION and self.secret_key == DEMO_SECRET_KEY:
            msg = "ARTICLE3_SECRET_KEY must be set to a real secret in production"
            raise ValueError(msg)
        if self.environment is Environment.PRODUCTION and len(self.secret_key) < 32:
            msg = "ARTICLE3_SECRET_KEY must be at least 32 characters in production"
            raise ValueError(msg)
        return self


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    """The settings of this process, read once from the environment."""
    return Settings()
