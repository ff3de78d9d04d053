"""``article3 requests``: submit, list, show, withdraw, cancel, flag, and the expiry job."""

from __future__ import annotations

import json as jsonlib
from pathlib import Path

import typer
from pydantic import ValidationError

from article3.accounts import service as accounts
from article3.actors import Actor
from article3.cli.context import emit, handle_errors, state
from article3.db.session import transaction
from article3.errors import InvalidInput
from article3.notices import service as notices
from article3.notices.document import RequestDocument
from article3.notices.rules import FlagReason, Status
from article3.notices.schemas import FlagRaise
from article3.workflows import end_request, submit_request

app = typer.Typer(help="Requests for red notices and diffusions.", no_args_is_help=True)
AS = typer.Option(..., "--as", help="Username of the account acting")


def _actor(ctx: typer.Context, username: str) -> Actor:
    with state(ctx).session() as session:
        return accounts.actor_by_username(session, username)


def _document(path: Path) -> RequestDocument:
    try:
        raw = jsonlib.loads(path.read_text("utf-8"))
    except (OSError, ValueError) as exc:
        raise InvalidInput(f"Cannot read {path} as JSON: {exc}", code="request.malformed_json") from exc
    try:
        return RequestDocument.model_validate(raw)
    except ValidationError as exc:
        raise InvalidInput.from_validation(exc) from exc


@app.command()
@handle_errors
def submit(
    ctx: typer.Context, file: Path, username: str = AS, json: bool = typer.Option(False, "--json")
) -> None:
    """Submit the request document in FILE (JSON) as the NCB account USERNAME."""
    st, actor, document = state(ctx), _actor(ctx, username), _document(file)
    with st.session() as session, transaction(session):
        request, result = submit_request(
            session,
            actor=actor,
            document=document,
            settings=st.runtime.settings,
            now=st.runtime.clock.now(),
            search=st.runtime.search,
        )
        read = notices.to_read(request, actor)
    out = {
        "ref": read.ref,
        "status": read.status.value,
        "route": result.route.value if result else None,
        "risk": result.risk if result else None,
        "reasons": [str(c) for c in result.requester_codes]
        if result
        else [f["code"] for f in read.intake_failures],
    }
    emit(
        out,
        as_json=json,
        lines=lambda o: f"{o['ref']} {o['status']} route={o['route']} reasons={o['reasons']}",
    )


@app.command("list")
@handle_errors
def list_(
    ctx: typer.Context,
    username: str = AS,
    status: Status | None = None,
    json: bool = typer.Option(False, "--json"),
) -> None:
    """List the requests USERNAME may see."""
    actor = _actor(ctx, username)
    with state(ctx).session() as session:
        rows = notices.list_visible(session, actor=actor, status=status, limit=500)
    emit(
        rows,
        as_json=json,
        lines=lambda rs: "\n".join(
            f"{r.ref}  {r.kind:<10} {r.requesting_country} {r.status.value:<10} {r.route or ''}" for r in rs
        ),
    )


@app.command()
@handle_errors
def show(ctx: typer.Context, ref: str, username: str = AS) -> None:
    """Show one request as JSON, if USERNAME may see it."""
    actor = _actor(ctx, username)
    with state(ctx).session() as session:
        read = notices.to_read(notices.get_visible(session, actor=actor, ref=ref), actor)
    emit(read, as_json=True)


def _end(ctx: typer.Context, ref: str, username: str, target: Status, reason: str) -> None:
    st, actor = state(ctx), _actor(ctx, username)
    with st.session() as session, transaction(session):
        request = end_request(
            session, actor=actor, ref=ref, target=target, reason=reason, now=st.runtime.clock.now()
        )
        typer.echo(f"{request.ref} {request.status}")


@app.command()
@handle_errors
def withdraw(ctx: typer.Context, ref: str, reason: str = typer.Option(...), username: str = AS) -> None:
    """The requesting bureau withdraws REF."""
    _end(ctx, ref, username, Status.WITHDRAWN, reason)


@app.command()
@handle_errors
def cancel(ctx: typer.Context, ref: str, reason: str = typer.Option(...), username: str = AS) -> None:
    """A senior reviewer cancels REF."""
    _end(ctx, ref, username, Status.CANCELLED, reason)


@app.command()
@handle_errors
def flag(
    ctx: typer.Context,
    ref: str,
    reason: FlagReason = typer.Option(...),
    note: str | None = None,
    username: str = AS,
) -> None:
    """Another member flags REF "no action on our territory"."""
    st, actor = state(ctx), _actor(ctx, username)
    with st.session() as session, transaction(session):
        notices.flag(
            session,
            actor=actor,
            ref=ref,
            data=FlagRaise(reason=reason, note=note),
            now=st.runtime.clock.now(),
        )
    typer.echo(f"{ref} flagged by {actor.country}")


@app.command()
@handle_errors
def expire(ctx: typer.Context, json: bool = typer.Option(False, "--json")) -> None:
    """The clock's job (cron): prompt renewals six months ahead, expire requests past five years."""
    st = state(ctx)
    with st.session() as session, transaction(session):
        counts = notices.expire_due(session, now=st.runtime.clock.now())
    emit(counts, as_json=json, lines=lambda c: f"renewal prompts: {c['prompted']}, expired: {c['expired']}")
