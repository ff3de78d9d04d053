"""``article3 review``: the queue and decisions."""

from __future__ import annotations

import typer

from article3.accounts import service as accounts
from article3.cli.context import emit, handle_errors, state
from article3.db.session import transaction
from article3.review import service as review
from article3.review.rules import Assessment, Decision, Factor, Ground
from article3.review.schemas import FactorRecord, ReviewDecide
from article3.workflows import decide_review_outcome

app = typer.Typer(help="The review queue.", no_args_is_help=True)
AS = typer.Option(..., "--as", help="Username of the reviewer")


@app.command()
@handle_errors
def queue(ctx: typer.Context, username: str = AS, json: bool = typer.Option(False, "--json")) -> None:
    """Open items by route, then by waiting time."""
    st = state(ctx)
    with st.session() as session:
        actor = accounts.actor_by_username(session, username)
        rows = review.queue(session, actor=actor, now=st.runtime.clock.now())
    emit(
        rows,
        as_json=json,
        lines=lambda rs: "\n".join(
            f"{r.request_ref}  {r.route.value:<16} {r.requesting_country} {r.waiting_hours:>7.1f} h "
            f"approvals {r.approvals}/{r.approvals_needed}  {r.state_label}"
            for r in rs
        ),
    )


@app.command()
@handle_errors
def decide(
    ctx: typer.Context,
    ref: str,
    decision: Decision,
    username: str = AS,
    ground: list[Ground] = typer.Option(..., help="Repeat for several grounds"),
    factor: list[str] = typer.Option([], help="FACTOR=ASSESSMENT, repeat for each of the six factors"),
    note: str | None = None,
) -> None:
    """Approve, refuse or ask for information on REF, with grounds and the predominance factors.

    On fast track and standard review a first refusal is only proposed (review: refusal_pending)
    until a second reviewer confirms it; if the second approves, a senior reviewer decides.
    """
    st = state(ctx)
    factors = {}
    for item in factor:
        name, _, value = item.partition("=")
        factors[Factor(name)] = FactorRecord(assessment=Assessment(value))
    data = ReviewDecide(decision=decision, grounds=ground, factors=factors, note=note)
    with st.session() as session, transaction(session):
        actor = accounts.actor_by_username(session, username)
        outcome = decide_review_outcome(session, actor=actor, ref=ref, data=data, now=st.runtime.clock.now())
        typer.echo(f"{outcome.request.ref} {outcome.request.status} (review: {outcome.state.value})")
