"""The root command: registers one sub-app per noun."""

from __future__ import annotations

import typer

from article3.cli import audit, countries, db, requests, review, scenario, search, serve, users

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
app.add_typer(requests.app, name="requests")
app.add_typer(review.app, name="review")
app.add_typer(scenario.app, name="scenario")
app.add_typer(serve.app, name="serve")
app.command("search")(search.search_command)
app.command("match")(search.match_command)


def main() -> None:
    app()
