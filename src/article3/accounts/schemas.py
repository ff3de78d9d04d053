"""What the account interfaces take and return."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, Field

from article3.actors import Role
from article3.types import CountryCode


class UserCreate(BaseModel):
    username: str = Field(min_length=3, max_length=80, pattern=r"^[a-z0-9._-]+$")
    role: Role
    country: CountryCode | None = None
    nationality: CountryCode | None = Field(None, description="For secretariat and commission staff")
    organisation: str | None = Field(None, max_length=160, description="For registrars: the body")
    password: str = Field(min_length=10, max_length=200)


class UserRead(BaseModel):
    id: int
    username: str
    role: Role
    country: str | None
    nationality: str | None = None
    organisation: str | None = None
    active: bool


class TokenCreated(BaseModel):
    token: str
    name: str
    expires_at: datetime
