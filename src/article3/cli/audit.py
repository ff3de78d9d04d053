"""``article3 audit``: verify the chain."""

from __future__ import annotations

import typer

from article3.audit import service as audit
from article3.cli.context import emit, fail, handle_errors, state

app = typer.Typer(help="The tamper-evident audit chain.", no_args_is_help=True)


@app.command()
@handle_errors
def verify(ctx: typer.Context, json: bool = typer.Option(False, "--json")) -> None:
    """Recompute the whole chain; exit 1 naming the first broken entry."""
    with state(ctx).session() as session:
        result = audit.verify(session)
    emit(result, as_json=json, lines=lambda r: f"chain intact: {r.checked} entries, head {r.head_hash}")
    if not result.ok:
        fail("audit.chain_broken", f"entry {result.first_broken_seq}: {result.reason}")


@app.command()
@handle_errors
def tail(ctx: typer.Context, limit: int = 20, json: bool = typer.Option(False, "--json")) -> None:
    """Show the latest entries (ids and hashes only)."""
    with state(ctx).session() as session:
        rows = audit.recent(session, limit=limit)
    emit(
        rows,
        as_json=json,
        lines=lambda rs: "\n".join(
            f"{e.seq:>7} {e.at:%Y-%m-%d %H:%M:%S} {e.actor:<12} {e.action:<36} "
            f"{e.subject_type}:{e.subject_id}"
            for e in rs
        ),
    )
