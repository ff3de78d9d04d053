"""``article3 countries``: the member countries."""

from __future__ import annotations

import typer

from article3.cli.context import CLI_ACTOR, emit, handle_errors, state
from article3.countries import service as countries
from article3.db.session import transaction

app = typer.Typer(help="Member countries and their bureaus.", no_args_is_help=True)


@app.command()
@handle_errors
def load(ctx: typer.Context) -> None:
    """Load or refresh the 196 member countries from the package's data file."""
    st = state(ctx)
    with st.session() as session, transaction(session):
        changed = countries.load(session, actor=CLI_ACTOR, now=st.runtime.clock.now())
    typer.echo(f"{changed} countries added or updated")


@app.command("list")
@handle_errors
def list_(ctx: typer.Context, json: bool = typer.Option(False, "--json", help="Print JSON")) -> None:
    """List the member countries."""
    with state(ctx).session() as session:
        rows = countries.list_countries(session)
    emit(
        rows,
        as_json=json,
        lines=lambda rs: "\n".join(f"{c.code}  {c.alpha3}  {c.region:<9} {c.name}" for c in rs),
    )
