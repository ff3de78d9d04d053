"""The root command: registers one sub-app per noun."""

from __future__ import annotations

import typer

from article3.cli import audit, countries, db, serve, users

app = typer.Typer(
    name="article3",
    help="article3: notices that resist political abuse.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
)
app.add_typer(db.app, name="db")
app.add_typer(countries.app, name="countries")
app.add_typer(users.app, name="users")
app.add_typer(audit.app, name="audit")
app.add_typer(serve.app, name="serve")


def main() -> None:
    app()
