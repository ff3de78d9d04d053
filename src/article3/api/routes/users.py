"""Accounts an NCB admin manages for its own bureau."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter

from article3.accounts import service as accounts
from article3.accounts.permissions import Permission
from article3.accounts.schemas import UserCreate, UserRead
from article3.actors import Actor
from article3.api.errors import CONFLICT_RESPONSE, ERROR_RESPONSES
from article3.db.session import transaction
from article3.deps import ClockDep, SessionDep, allow

router = APIRouter(prefix="/users", tags=["accounts"], responses=ERROR_RESPONSES | CONFLICT_RESPONSE)


@router.get("", summary="Accounts of the admin's bureau", response_model=list[UserRead])
def list_users(
    session: SessionDep, actor: Annotated[Actor, allow(Permission.USERS_MANAGE)]
) -> list[UserRead]:
    return accounts.list_users(session, country=actor.country)


@router.post(
    "", summary="Create an officer account for the admin's bureau", response_model=UserRead, status_code=201
)
def create_user(
    data: UserCreate,
    session: SessionDep,
    clock: ClockDep,
    actor: Annotated[Actor, allow(Permission.USERS_MANAGE)],
) -> UserRead:
    with transaction(session):
        return accounts.create(session, actor=actor, data=data, now=clock.now())
