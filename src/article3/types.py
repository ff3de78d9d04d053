"""Shared annotated types."""

from __future__ import annotations

from typing import Annotated

from pydantic import StringConstraints

CountryCode = Annotated[str, StringConstraints(pattern=r"^[A-Z]{2}$")]
NonEmptyStr = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
