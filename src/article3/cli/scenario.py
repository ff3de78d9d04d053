"""``article3 scenario``: replay a scenario file on a fresh instance (spec/scenarios.md)."""

from __future__ import annotations

import json
from pathlib import Path

import typer

from article3.cli.context import handle_errors
from article3.scenarios import runner

app = typer.Typer(help="Replay scenario files on a fresh instance.", no_args_is_help=True)


@app.command()
@handle_errors
def run(
    file: Path = typer.Argument(
        ..., exists=True, dir_okay=False, readable=True, help="The scenario file (YAML or JSON)"
    ),
    database: str | None = typer.Option(
        None, "--database", help="An empty database URL to run on, instead of a temporary SQLite file"
    ),
) -> None:
    """Replay FILE and print one JSON line per step; exit 1, printing nothing, if the file is invalid."""
    scenario = runner.load(file)
    for line in runner.run(scenario, database_url=database):
        typer.echo(json.dumps(line, ensure_ascii=False))
