"""The protected-persons register."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter

from article3.accounts.permissions import Permission
from article3.actors import Actor
from article3.api.errors import CONFLICT_RESPONSE, ERROR_RESPONSES
from article3.db.session import transaction
from article3.deps import ClockDep, SessionDep, allow
from article3.register import service as register
from article3.register.schemas import ProtectionRead, ProtectionRegister

router = APIRouter(prefix="/register", tags=["register"], responses=ERROR_RESPONSES | CONFLICT_RESPONSE)


@router.post("", summary="Register a protected person", response_model=ProtectionRead, status_code=201)
def add(
    body: ProtectionRegister,
    session: SessionDep,
    clock: ClockDep,
    actor: Annotated[Actor, allow(Permission.REGISTER_WRITE)],
) -> ProtectionRead:
    with transaction(session):
        return register.add(session, actor=actor, data=body, now=clock.now())


@router.get("", summary="Register entries you may see (no names)", response_model=list[ProtectionRead])
def list_entries(
    session: SessionDep, actor: Annotated[Actor, allow(Permission.REGISTER_READ)]
) -> list[ProtectionRead]:
    return register.list_entries(session, actor=actor)
