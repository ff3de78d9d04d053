"""Complaints tests store uploads under the test's own temporary data directory."""

from __future__ import annotations

from pathlib import Path

import pytest

from article3.config import Environment, Settings
from tests.conftest import TEST_SECRET


@pytest.fixture
def settings(database_url: str, tmp_path: Path) -> Settings:
    return Settings(
        environment=Environment.TEST,
        database_url=database_url,
        secret_key=TEST_SECRET,
        data_dir=tmp_path / "data",
    )
