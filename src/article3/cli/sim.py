"""``article3 sim``: generate a simulated world, evaluate the screening on it, load the demo world."""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

import typer

from article3.accounts.demo import DEMO_ACCOUNTS
from article3.cli.context import fail, handle_errors, state
from article3.config import Environment, WordingUse
from article3.sim import report, run
from article3.sim.generate import PRE_EMPTIVE_SHARE

app = typer.Typer(help="A simulated world: generate, evaluate, demo.", no_args_is_help=True)
DEFAULT_WORLD = Path("var/sim/world.jsonl.gz")


def _years(text: str) -> tuple[int, int]:
    first, _, last = text.partition("-")
    try:
        years = (int(first), int(last or first))
    except ValueError:
        fail("sim.years", "give years as YYYY-YYYY, e.g. 2016-2025")
        raise
    if years[0] > years[1]:
        fail("sim.years", "the first year comes first")
    return years


@app.command()
@handle_errors
def generate(
    seed: int = typer.Option(1, help="Same seed, same world"),
    years: str = typer.Option("2016-2025", help="First and last year, YYYY-YYYY"),
    scale: float = typer.Option(1.0, min=0.001, help="Fraction of the real yearly volumes"),
    out: Path = typer.Option(DEFAULT_WORLD, help="Where to write the world file"),
    genuine_repeats: float = typer.Option(
        0.0, min=0.0, max=1.0, help="Share of genuine requests followed by another about the same person"
    ),
    host_flags: bool = typer.Option(
        True, "--host-flags/--no-host-flags", help="Host countries flag requests about the persons they host"
    ),
    pre_emptive: float = typer.Option(
        PRE_EMPTIVE_SHARE, min=0.0, max=1.0, help="Share of complaints lodged before the request"
    ),
    as_json: bool = typer.Option(False, "--json"),
) -> None:
    """Generate a world file: requests, registrations, complaints, messages and flags, with ground truth."""
    started = time.monotonic()
    summary = run.make_world(
        seed,
        _years(years),
        scale,
        out,
        progress=not as_json,
        repeats=genuine_repeats,
        flags=host_flags,
        pre_emptive=pre_emptive,
    )
    summary["seconds"] = round(time.monotonic() - started, 1)
    if as_json:
        sys.stdout.write(json.dumps(summary, indent=2) + "\n")
    else:
        typer.echo(
            f"wrote {summary['events']} events to {out} in {summary['seconds']} s: {summary['by_type']}"
        )


@app.command()
@handle_errors
def evaluate(
    ctx: typer.Context,
    world: Path = typer.Option(DEFAULT_WORLD, help="The world file"),
    sample: float = typer.Option(run.DEFAULT_SAMPLE, min=0.0001, max=1.0, help="Share of persons replayed"),
    reviewer_error: float = typer.Option(0.02, min=0.0, max=1.0, help="Each simulated reviewer's error rate"),
    svg: Path = typer.Option(Path("var/sim/evaluation.svg"), help="Where to write the SVG chart"),
    as_json: bool = typer.Option(False, "--json"),
    outcomes: Path | None = typer.Option(
        None, help="Also write each request's outcome here, one JSON line each (.gz: compressed)"
    ),
    retrain: bool = typer.Option(
        False, help="Retrain the screening's learned component every 1 January, as `screening train` does"
    ),
    wording: WordingUse | None = typer.Option(
        None, help="Replay with this ARTICLE3_WORDING (screen needs --retrain or --calibrate)"
    ),
    calibrate: bool = typer.Option(
        False, help="Calibrate the wording counts every 1 January, as `screening calibrate` does (no model)"
    ),
    checkpoint: Path | None = typer.Option(
        None, help="Keep a checkpoint of the replay here each 1 January (SQLite database only)"
    ),
    resume: bool = typer.Option(
        False, help="Carry on from the checkpoint in --checkpoint instead of starting again"
    ),
) -> None:
    """Replay the world through intake, screening and a simulated reviewer; compare with the baseline.

    Uses the database of ARTICLE3_DATABASE_URL: give it a fresh one (docs/simulation.md). A replay
    of the whole world takes hours: with --checkpoint, a crash loses at most one simulated year, and
    the same command with --resume carries on."""
    if not world.exists():
        fail("sim.no_world", f"no world at {world}: run `article3 sim generate` first")
    if resume and checkpoint is None:
        fail("sim.resume_needs_checkpoint", "--resume: name the checkpoint folder with --checkpoint")
    settings = state(ctx).runtime.settings
    if wording is not None:
        settings = settings.model_copy(update={"wording": wording})
    result = run.evaluate(
        settings,
        world,
        sample=sample,
        how=run.Switches(reviewer_error, retrain=retrain, calibrate=calibrate),
        progress=not as_json,
        outcomes=outcomes,
        checkpoints=run.Checkpoints(checkpoint, resume=resume) if checkpoint else None,
    )
    svg.parent.mkdir(parents=True, exist_ok=True)
    svg.write_text(report.svg(result), encoding="utf-8")
    if as_json:
        sys.stdout.write(json.dumps(result, indent=2, default=str) + "\n")
        return
    typer.echo(report.table(result))
    typer.echo("")
    typer.echo(report.chart(result))
    typer.echo("")
    typer.echo(report.tactics(result))
    typer.echo(f"\nSVG chart: {svg}")


@app.command()
@handle_errors
def demo(
    ctx: typer.Context,
    seed: int = typer.Option(1),
    scale: float = typer.Option(
        run.DEMO_SCALE, min=0.001, max=1.0, help="Fraction of the real yearly volumes"
    ),
) -> None:
    """Load a small generated world into the database (does nothing when it is already loaded)."""
    settings = state(ctx).runtime.settings
    if settings.environment is Environment.PRODUCTION:
        fail("sim.demo_in_production", "the demo world is never loaded in production")
    started = time.monotonic()
    loaded = run.demo(settings, seed, scale=scale)
    if loaded is None:
        typer.echo("demo world already loaded")
    else:
        typer.echo(
            f"demo world loaded: {loaded['requests']} requests, {loaded['events']} events, "
            f"in {time.monotonic() - started:.0f} s"
        )
    typer.echo("Log in with (username / password / role):")
    for acc in DEMO_ACCOUNTS:
        where = f" for {acc.country}" if acc.country else ""
        typer.echo(f"  {acc.username:<16} {acc.password:<22} {acc.role.value}{where}")
