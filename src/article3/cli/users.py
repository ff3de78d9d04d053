"""``article3 users``: accounts and API tokens."""

from __future__ import annotations

import typer

from article3.accounts import service as accounts
from article3.accounts.demo import DEMO_ACCOUNTS
from article3.accounts.schemas import UserCreate
from article3.actors import Role
from article3.cli.context import CLI_ACTOR, emit, fail, handle_errors, state
from article3.config import Environment
from article3.db.session import transaction
from article3.errors import InvalidInput

app = typer.Typer(help="Accounts and API tokens.", no_args_is_help=True)


@app.command()
@handle_errors
def create(
    ctx: typer.Context,
    username: str,
    role: Role,
    country: str = typer.Option(None, help="Alpha-2 code, for NCB roles"),
    password: str = typer.Option(..., prompt=True, hide_input=True, confirmation_prompt=True),
) -> None:
    """Create an account."""
    st = state(ctx)
    try:
        data = UserCreate(username=username, role=role, country=country, password=password)
    except ValueError as exc:
        raise InvalidInput(str(exc)) from exc
    with st.session() as session, transaction(session):
        user = accounts.create(session, actor=CLI_ACTOR, data=data, now=st.runtime.clock.now())
    typer.echo(f"created {user.username} ({user.role.value})")


@app.command()
@handle_errors
def token(
    ctx: typer.Context,
    username: str,
    name: str = "cli",
    days: int = typer.Option(None, help="Validity in days (default: the setting)"),
    json: bool = typer.Option(False, "--json"),
) -> None:
    """Issue an API token for USERNAME. It is shown once and stored hashed."""
    st = state(ctx)
    with st.session() as session, transaction(session):
        created = accounts.create_token(
            session,
            actor=CLI_ACTOR,
            username=username,
            name=name,
            days=days or st.runtime.settings.token_default_days,
            now=st.runtime.clock.now(),
        )
    emit(created, as_json=json, lines=lambda c: c.token)


@app.command("list")
@handle_errors
def list_(ctx: typer.Context, json: bool = typer.Option(False, "--json")) -> None:
    """List the accounts."""
    with state(ctx).session() as session:
        rows = accounts.list_users(session)
    emit(
        rows,
        as_json=json,
        lines=lambda rs: "\n".join(f"{u.username:<20} {u.role.value:<16} {u.country or ''}" for u in rs),
    )


@app.command()
@handle_errors
def demo(ctx: typer.Context) -> None:
    """Create the demo accounts (one per role) where missing, and print them."""
    st = state(ctx)
    if st.runtime.settings.environment is Environment.PRODUCTION:
        fail("users.demo_in_production", "demo accounts are never created in production")
    with st.session() as session, transaction(session):
        for acc in DEMO_ACCOUNTS:
            if not accounts.exists(session, acc.username):
                data = UserCreate(
                    username=acc.username, role=acc.role, country=acc.country, password=acc.password
                )
                accounts.create(session, actor=CLI_ACTOR, data=data, now=st.runtime.clock.now())
    typer.echo("Demo accounts (username / password / role):")
    for acc in DEMO_ACCOUNTS:
        where = f" for {acc.country}" if acc.country else ""
        typer.echo(f"  {acc.username:<16} {acc.password:<22} {acc.role.value}{where}")
