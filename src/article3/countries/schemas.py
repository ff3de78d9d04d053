"""What the country interfaces return."""

from __future__ import annotations

from pydantic import BaseModel


class BureauRead(BaseModel):
    id: int
    name: str


class CountryRead(BaseModel):
    code: str
    alpha3: str
    name: str
    region: str
    member: bool
    bureau: BureauRead
