"""FastAPI dependencies shared by the API and the web pages."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated, Any

from fastapi import Depends, Request
from sqlalchemy.orm import Session

from article3.accounts import service as accounts
from article3.accounts.permissions import Permission, require
from article3.actors import Actor
from article3.bootstrap import Runtime
from article3.clock import Clock
from article3.config import Settings
from article3.errors import NotAuthenticated
from article3.search.engine import SearchEngine


def get_runtime(request: Request) -> Runtime:
    runtime: Runtime = request.app.state.runtime
    return runtime


RuntimeDep = Annotated[Runtime, Depends(get_runtime)]


def get_session(runtime: RuntimeDep) -> Iterator[Session]:
    """A session per request. Handlers commit explicitly with ``transaction``; this only closes."""
    session = runtime.session_factory()
    try:
        yield session
    finally:
        session.rollback()
        session.close()


def get_search(runtime: RuntimeDep) -> SearchEngine:
    return runtime.search


def get_clock(runtime: RuntimeDep) -> Clock:
    return runtime.clock


def get_settings(runtime: RuntimeDep) -> Settings:
    return runtime.settings


SessionDep = Annotated[Session, Depends(get_session)]
ClockDep = Annotated[Clock, Depends(get_clock)]
SettingsDep = Annotated[Settings, Depends(get_settings)]
SearchDep = Annotated[SearchEngine, Depends(get_search)]


def api_actor(request: Request, session: SessionDep, clock: ClockDep) -> Actor:
    """The account behind ``Authorization: Bearer <token>``; 401 without a valid one."""
    header = request.headers.get("authorization", "")
    scheme, _, token = header.partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise NotAuthenticated("Send an API token as 'Authorization: Bearer <token>'")
    return accounts.actor_for_token(session, token=token.strip(), now=clock.now())


def web_actor(request: Request, session: SessionDep) -> Actor:
    """The account logged in through the web session cookie; 401 (login page) without one."""
    user_id = request.session.get("user_id")
    if not isinstance(user_id, int):
        raise NotAuthenticated("Please log in")
    actor = accounts.actor_for_id(session, user_id)
    request.state.user = accounts.get(session, user_id)  # shown in the page header
    return actor


class Gate:
    """A dependency that lets through only roles holding one permission. One per action."""

    def __init__(self, permission: Permission, *, web: bool = False) -> None:
        self.permission = permission
        self.web = web

    def __call__(self, request: Request, session: SessionDep, clock: ClockDep) -> Actor:
        actor = web_actor(request, session) if self.web else api_actor(request, session, clock)
        return require(actor, self.permission)


def allow(permission: Permission) -> Any:
    """``actor: Annotated[Actor, allow(Permission.X)]`` on an API route."""
    return Depends(Gate(permission))


def allow_web(permission: Permission) -> Any:
    """The same gate for a web page, through the session cookie."""
    return Depends(Gate(permission, web=True))


ApiActorDep = Annotated[Actor, Depends(api_actor)]
WebActorDep = Annotated[Actor, Depends(web_actor)]
