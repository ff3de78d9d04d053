"""Create accounts, check passwords, issue and resolve API tokens.

Chosen passwords are stored as argon2 hashes; secrets the system generates (128 random bits) as
``sha256$<hex>`` digests, like API tokens (docs/accounts.md).
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from collections.abc import Callable
from datetime import datetime, timedelta
from functools import cache

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import select
from sqlalchemy.orm import Session

from article3.accounts import rules
from article3.accounts.models import ApiToken, User
from article3.accounts.schemas import TokenCreated, UserCreate, UserRead
from article3.actors import Actor, Role
from article3.audit import service as audit
from article3.audit.actions import AuditAction
from article3.countries import service as countries
from article3.errors import Conflict, InvalidInput, NotAuthenticated, NotFound, PermissionDenied

_hasher = PasswordHasher()


def _read(user: User) -> UserRead:
    return UserRead(
        id=user.id,
        username=user.username,
        role=Role(user.role),
        country=user.country_code,
        nationality=user.nationality or user.country_code,
        organisation=user.organisation,
        active=user.active,
    )


def _actor(user: User) -> Actor:
    return Actor(user_id=user.id, role=Role(user.role), country=user.country_code)


def create(session: Session, *, actor: Actor | str, data: UserCreate, now: datetime) -> UserRead:
    """Create an account with an argon2 hash of its chosen password. Records ``accounts:user:created``."""
    return _create(session, actor=actor, data=data, digest=_hasher.hash, now=now)


def create_with_secret(
    session: Session,
    *,
    actor: Actor | str,
    username: str,
    role: Role,
    now: datetime,
    country: str | None = None,
    organisation: str | None = None,
) -> tuple[UserRead, str]:
    """Create an account whose secret the system generates (128 random bits, returned once to be
    shown to its holder) and store the secret's SHA-256 digest: a random secret of that length
    needs no slow password hash. Records ``accounts:user:created``."""
    secret = secrets.token_urlsafe(rules.GENERATED_SECRET_BYTES)
    data = UserCreate(
        username=username, role=role, country=country, organisation=organisation, password=secret
    )
    return _create(session, actor=actor, data=data, digest=_secret_digest, now=now), secret


def _create(
    session: Session, *, actor: Actor | str, data: UserCreate, digest: Callable[[str], str], now: datetime
) -> UserRead:
    problem = rules.country_binding_problem(data.role, data.country)
    if problem:
        raise InvalidInput(problem, details=[{"path": "country", "code": "user.country", "message": problem}])
    if isinstance(actor, Actor) and not rules.may_manage(actor, data.role, data.country):
        raise PermissionDenied("NCB admins create officer accounts of their own country only")
    if data.country:
        countries.require_members(session, {"country": data.country})
    if session.scalars(select(User).where(User.username == data.username)).first():
        raise Conflict(f"The username {data.username!r} is taken", code="user.exists")
    user = User(
        username=data.username,
        role=data.role.value,
        country_code=data.country,
        nationality=data.nationality,
        organisation=data.organisation,
        password_hash=digest(data.password),
        active=True,
        created_at=now,
    )
    session.add(user)
    session.flush()  # flush: the audit entry names the new id
    audit.record(
        session,
        actor=actor,
        action=AuditAction.USER_CREATED,
        subject_type="user",
        subject_id=user.id,
        change={"role": user.role, "country": user.country_code},
        now=now,
    )
    return _read(user)


def authenticate(session: Session, *, username: str, password: str) -> Actor:
    """The actor for a username and password (argon2 for chosen passwords, the SHA-256 digest for
    generated secrets); NotAuthenticated on any mismatch."""
    user = session.scalars(select(User).where(User.username == username)).first()
    usable = user if user is not None and user.active else None
    if not _verify(usable.password_hash if usable else None, password) or usable is None:
        raise NotAuthenticated("Wrong username or password")
    return _actor(usable)


def _verify(stored: str | None, password: str) -> bool:
    """Every path does one argon2 verification, so the time taken tells nothing about whether the
    account exists or which kind of secret it has (no user enumeration)."""
    if stored is None or stored.startswith(rules.GENERATED_SCHEME):
        _argon2_matches(_dummy_hash(), password)
        return stored is not None and hmac.compare_digest(stored.encode(), _secret_digest(password).encode())
    return _argon2_matches(stored, password)


def _argon2_matches(stored: str, password: str) -> bool:
    try:
        return _hasher.verify(stored, password)
    except (VerificationError, InvalidHashError):
        return False


def _secret_digest(secret: str) -> str:
    return rules.GENERATED_SCHEME + hashlib.sha256(secret.encode()).hexdigest()


@cache
def _dummy_hash() -> str:
    """An argon2 hash to verify against when there is none, made once on first use."""
    return _hasher.hash("not-a-real-password")


def _token_digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def create_token(
    session: Session, *, actor: Actor | str, username: str, name: str, days: int, now: datetime
) -> TokenCreated:
    """Issue an API token for an account; only its SHA-256 is stored. Records ``accounts:token:created``."""
    user = _by_username(session, username)
    token = rules.TOKEN_PREFIX + secrets.token_urlsafe(32)
    row = ApiToken(
        user_id=user.id,
        token_hash=_token_digest(token),
        name=name,
        created_at=now,
        expires_at=now + timedelta(days=days),
        revoked_at=None,
    )
    session.add(row)
    session.flush()  # flush: the audit entry names the new id
    audit.record(
        session,
        actor=actor,
        action=AuditAction.TOKEN_CREATED,
        subject_type="token",
        subject_id=row.id,
        change={"user": user.id, "days": days},
        now=now,
    )
    return TokenCreated(token=token, name=name, expires_at=row.expires_at)


def actor_for_token(session: Session, *, token: str, now: datetime) -> Actor:
    """The actor a bearer token stands for; NotAuthenticated if unknown, expired or revoked."""
    row = session.scalars(select(ApiToken).where(ApiToken.token_hash == _token_digest(token))).first()
    if row is None or row.revoked_at is not None or row.expires_at <= now or not row.user.active:
        raise NotAuthenticated("The API token is not valid")
    return _actor(row.user)


def actor_by_username(session: Session, username: str) -> Actor:
    """The actor for an account name (CLI and scenarios act as a named account)."""
    user = _by_username(session, username)
    if not user.active:
        raise NotAuthenticated(f"The account {username!r} is deactivated")
    return _actor(user)


def actor_for_id(session: Session, user_id: int) -> Actor:
    user = session.get(User, user_id)
    if user is None or not user.active:
        raise NotAuthenticated("The session is no longer valid")
    return _actor(user)


def _by_username(session: Session, username: str) -> User:
    user = session.scalars(select(User).where(User.username == username)).first()
    if user is None:
        raise NotFound(f"No account named {username!r}", code="user.not_found")
    return user


def get(session: Session, user_id: int) -> UserRead:
    user = session.get(User, user_id)
    if user is None:
        raise NotFound("No such account", code="user.not_found")
    return _read(user)


def list_users(session: Session, *, country: str | None = None) -> list[UserRead]:
    query = select(User).order_by(User.username)
    if country:
        query = query.where(User.country_code == country)
    return [_read(u) for u in session.scalars(query)]


def exists(session: Session, username: str) -> bool:
    return session.scalars(select(User.id).where(User.username == username)).first() is not None
