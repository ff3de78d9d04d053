"""``article3 complaints``: the clock-driven deadline job, the overdue list, cases, the figures, and the
sweep of staged documents."""

from __future__ import annotations

import time

import typer

from article3.cli import complaints_acts
from article3.cli.context import CLI_ACTOR, emit, handle_errors, state
from article3.complaints import service as complaints
from article3.complaints.rules import Status
from article3.db.session import transaction

app = typer.Typer(help="The complaints commission's cases and statutory clocks.", no_args_is_help=True)
complaints_acts.register(app)  # the commission's acts, one command per API route
JSON = typer.Option(False, "--json")


@app.command("check-deadlines")
@handle_errors
def check_deadlines(ctx: typer.Context, json: bool = JSON) -> None:
    """Warn before statutory deadlines, record missed ones, let unanswered consultations lapse.

    Run it from cron or a systemd timer; each warning and miss is recorded once.
    """
    st = state(ctx)
    with st.session() as session, transaction(session):
        run = complaints.check_deadlines(session, now=st.runtime.clock.now())
    emit(
        run,
        as_json=json,
        lines=lambda r: (
            f"warned={len(r.warned)} missed={len(r.missed)} lapsed={len(r.lapsed_consultations)} "
            f"overdue={len(r.overdue)}"
            + "".join(f"\n{o.ref} {o.clock.value} due {o.due.date()}" for o in r.overdue)
        ),
    )


@app.command("overdue")
@handle_errors
def overdue(ctx: typer.Context, json: bool = JSON) -> None:
    """List the open cases past a statutory deadline, oldest deadline first."""
    st = state(ctx)
    with st.session() as session:
        rows = complaints.overdue_list(session, now=st.runtime.clock.now())
    emit(
        rows,
        as_json=json,
        lines=lambda rs: "\n".join(f"{o.ref} {o.clock.value} due {o.due.date()}" for o in rs),
    )


@app.command("list")
@handle_errors
def list_(ctx: typer.Context, status: Status | None = None, json: bool = JSON) -> None:
    """List the cases (commission view; run by the operator), newest first."""
    st = state(ctx)
    now = st.runtime.clock.now()
    with st.session() as session:
        rows = [
            complaints.to_read(session, c, now=now) for c in complaints.list_cases(session, status=status)
        ]
    emit(
        rows, as_json=json, lines=lambda rs: "\n".join(f"{c.ref} {c.kind.value} {c.status.value}" for c in rs)
    )


@app.command("figures")
@handle_errors
def figures(
    ctx: typer.Context, year: int = typer.Option(..., help="Calendar year"), json: bool = JSON
) -> None:
    """The commission's figures for a year (requests by type, outcomes, deadline compliance)."""
    st = state(ctx)
    with st.session() as session:
        data = complaints.figures(session, year=year, now=st.runtime.clock.now())
    emit(data, as_json=json, lines=lambda d: d.model_dump_json(indent=2))


@app.command("sweep-documents")
@handle_errors
def sweep_documents(
    ctx: typer.Context,
    older_than_minutes: int = typer.Option(60, min=1, help="Delete unclaimed staged files older than this"),
    json: bool = JSON,
) -> None:
    """Settle the documents a crash left staged: finish those a committed case names, delete the
    others once older than --older-than-minutes (younger ones may still be in a transaction).

    Safe to run at any time (cron); records one audit entry when it changes anything.
    """
    st = state(ctx)
    cutoff = time.time() - older_than_minutes * 60
    with st.session() as session, transaction(session):
        result = complaints.sweep_documents(
            session,
            actor=CLI_ACTOR,
            data_dir=st.runtime.settings.data_dir,
            cutoff=cutoff,
            now=st.runtime.clock.now(),
        )
    emit(result, as_json=json, lines=lambda r: f"finished={r.finished} removed={r.removed} kept={r.kept}")
