"""``article3 db``: migrations."""

from __future__ import annotations

import typer

from article3.cli.context import handle_errors, state
from article3.db import migrate

app = typer.Typer(help="Create and migrate the database.", no_args_is_help=True)


@app.command()
@handle_errors
def upgrade(ctx: typer.Context, revision: str = "heads") -> None:
    """Apply the migrations up to REVISION (default: the latest)."""
    migrate.upgrade(state(ctx).runtime.settings.database_url, revision)
    typer.echo(f"database at {revision}")


@app.command()
@handle_errors
def downgrade(ctx: typer.Context, revision: str) -> None:
    """Undo migrations down to REVISION ("base" for an empty database)."""
    migrate.downgrade(state(ctx).runtime.settings.database_url, revision)
    typer.echo(f"database at {revision}")


@app.command()
@handle_errors
def check(ctx: typer.Context) -> None:
    """Fail when the models and the migrations disagree."""
    migrate.check(state(ctx).runtime.settings.database_url)
    typer.echo("models and migrations agree")
