"""Accounts and tokens for tests."""

from __future__ import annotations

import itertools

from article3.accounts import service as accounts
from article3.accounts.schemas import UserCreate
from article3.actors import Actor, Role
from article3.bootstrap import Runtime
from article3.db.session import transaction

_n = itertools.count(1)
PASSWORD = "correct horse battery"


def make_user(rt: Runtime, role: Role, country: str | None = None, username: str | None = None) -> Actor:
    """Create an account (NCB roles default to FR) and return its actor."""
    if role.bound_to_country and country is None:
        country = "FR"
    name = username or f"{role.value.replace('_', '-')}-{next(_n)}"
    with rt.session() as session, transaction(session):
        user = accounts.create(
            session,
            actor="system:test",
            data=UserCreate(username=name, role=role, country=country, password=PASSWORD),
            now=rt.clock.now(),
        )
    return Actor(user_id=user.id, role=role, country=country)


def make_token(rt: Runtime, role: Role, country: str | None = None) -> str:
    """A bearer token for a new account of that role."""
    actor = make_user(rt, role, country)
    with rt.session() as session, transaction(session):
        username = accounts.get(session, actor.user_id).username
        return accounts.create_token(
            session, actor="system:test", username=username, name="test", days=30, now=rt.clock.now()
        ).token


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}
