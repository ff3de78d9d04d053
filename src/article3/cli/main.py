"""The root command: registers one sub-app per noun."""

from __future__ import annotations

import typer

from article3.cli import (
    audit,
    complaints,
    countries,
    db,
    messages,
    oversight,
    register,
    reports,
    requests,
    review,
    scenario,
    screening,
    search,
    serve,
    sim,
    users,
)

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
app.add_typer(register.app, name="register")
app.add_typer(screening.app, name="screening")
app.add_typer(sim.app, name="sim")
app.add_typer(complaints.app, name="complaints")
app.add_typer(messages.app, name="messages")
app.add_typer(oversight.app, name="measures")
app.add_typer(reports.app, name="report")
countries.app.command("record")(oversight.record_command)
app.command("search")(search.search_command)
app.command("match")(search.match_command)


def main() -> None:
    app()
