"""The audit chain: verification and recent entries (ids and hashes only)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from article3.accounts.permissions import Permission
from article3.actors import Actor
from article3.api.errors import ERROR_RESPONSES
from article3.audit import service as audit
from article3.audit.schemas import AuditEntryRead, AuditVerifyRead
from article3.deps import SessionDep, allow

router = APIRouter(prefix="/audit", tags=["audit"], responses=ERROR_RESPONSES)


@router.get(
    "/verify", summary="Recompute the chain and name the first broken entry", response_model=AuditVerifyRead
)
def verify(session: SessionDep, _actor: Annotated[Actor, allow(Permission.AUDIT_VERIFY)]) -> AuditVerifyRead:
    return audit.verify(session)


@router.get("/entries", summary="The latest audit entries", response_model=list[AuditEntryRead])
def entries(
    session: SessionDep,
    _actor: Annotated[Actor, allow(Permission.AUDIT_READ)],
    limit: Annotated[int, Query(ge=1, le=1000)] = 100,
) -> list[AuditEntryRead]:
    return audit.recent(session, limit=limit)
