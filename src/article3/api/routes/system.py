"""Health and the caller's own account."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter
from pydantic import BaseModel
from sqlalchemy import text

from article3 import __version__
from article3.accounts import service as accounts
from article3.accounts.permissions import Permission
from article3.accounts.schemas import UserRead
from article3.actors import Actor
from article3.api.errors import ERROR_RESPONSES
from article3.deps import SessionDep, allow

router = APIRouter(responses=ERROR_RESPONSES)


class Health(BaseModel):
    status: str
    version: str
    database: str


@router.get("/health", summary="Liveness and database reachability", response_model=Health)
def health(session: SessionDep) -> Health:
    session.execute(text("SELECT 1"))
    return Health(status="ok", version=__version__, database=session.get_bind().dialect.name)


@router.get("/me", summary="The account behind the token", response_model=UserRead)
def me(session: SessionDep, actor: Annotated[Actor, allow(Permission.USERS_READ_SELF)]) -> UserRead:
    return accounts.get(session, actor.user_id)
