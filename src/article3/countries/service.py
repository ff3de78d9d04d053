"""Load the member countries from the package's data file; look them up."""

from __future__ import annotations

import csv
import io
from datetime import datetime
from importlib import resources
from weakref import WeakKeyDictionary

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session, selectinload

from article3.actors import Actor
from article3.audit import service as audit
from article3.audit.actions import AuditAction
from article3.countries.models import Bureau, Country
from article3.countries.schemas import CountryRead
from article3.errors import InvalidInput, NotFound


def _rows() -> list[dict[str, str]]:
    data = resources.files("article3.countries").joinpath("data/countries.csv").read_text("utf-8")
    return list(csv.DictReader(io.StringIO(data)))


def load(session: Session, *, actor: Actor | str, now: datetime) -> int:
    """Insert or refresh the member countries and their bureaus; returns how many changed.

    Records ``countries:country:loaded`` once when anything changed.
    """
    existing = {c.code: c for c in session.scalars(select(Country))}
    changed = 0
    for row in _rows():
        country = existing.get(row["code"])
        if country is None:
            country = Country(
                code=row["code"], alpha3=row["alpha3"], name=row["name"], region=row["region"], member=True
            )
            country.bureau = Bureau(name=f"NCB {row['name']}")
            session.add(country)
            changed += 1
        elif (country.name, country.region, country.alpha3) != (row["name"], row["region"], row["alpha3"]):
            country.name, country.region, country.alpha3 = row["name"], row["region"], row["alpha3"]
            changed += 1
    if changed:
        session.info[_LOADING] = True
        _MEMBERS.pop(session.get_bind().engine, None)
        audit.record(
            session,
            actor=actor,
            action=AuditAction.COUNTRIES_LOADED,
            subject_type="country",
            subject_id="*",
            change={"changed": changed},
            now=now,
        )
    return changed


def list_countries(session: Session) -> list[CountryRead]:
    """Every country, by code."""
    rows = session.scalars(select(Country).options(selectinload(Country.bureau)).order_by(Country.code))
    return [CountryRead.model_validate(c, from_attributes=True) for c in rows]


def get(session: Session, code: str) -> CountryRead:
    country = session.scalars(
        select(Country).options(selectinload(Country.bureau)).where(Country.code == code.upper())
    ).first()
    if country is None:
        raise NotFound(f"No country with code {code!r}", code="country.not_found")
    return CountryRead.model_validate(country, from_attributes=True)


def member_codes(session: Session) -> frozenset[str]:
    """The member countries' codes. Every request asks (its countries are checked, a publication
    tells every member): they are the package's data, changed only by ``load``, so they are read
    once per database and kept (``load`` forgets them; a session loading countries never keeps
    what it reads, which a rollback could undo). Another process's ``article3 countries load``
    reaches a running server when it restarts, as with the upgrade that brings a new data file."""
    engine = session.get_bind().engine
    known = _MEMBERS.get(engine)
    if known is not None:
        return known
    codes = frozenset(session.scalars(_MEMBER_CODES))
    if codes and not session.info.get(_LOADING):
        _MEMBERS[engine] = codes
    return codes


_MEMBER_CODES = select(Country.code).where(Country.member.is_(True))
_MEMBERS: WeakKeyDictionary[Engine, frozenset[str]] = WeakKeyDictionary()
_LOADING = "article3.countries.loading"  # session.info: this session changed the countries


def require_members(session: Session, codes: dict[str, str]) -> None:
    """Raise InvalidInput naming each field path whose code is not a member country."""
    members = member_codes(session)
    bad = [
        {"path": path, "code": "country.not_member", "message": f"{code!r} is not a member country"}
        for path, code in codes.items()
        if code not in members
    ]
    if bad:
        raise InvalidInput("Unknown or non-member country", details=bad)
