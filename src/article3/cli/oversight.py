"""``article3 measures``: apply, lift and list graduated measures; ``article3 countries record``."""

from __future__ import annotations

import typer

from article3.accounts import service as accounts
from article3.cli.context import emit, handle_errors, state
from article3.db.session import transaction
from article3.oversight import service as oversight
from article3.oversight.rules import MeasureKind
from article3.oversight.schemas import MeasureApply, MeasureLift, MeasureRead
from article3.transparency import service as transparency
from article3.transparency.schemas import CountryRecord, RateRead
from article3.transparency.stats import Period

app = typer.Typer(help="Graduated measures on member countries.", no_args_is_help=True)
AS = typer.Option(..., "--as", help="Username of the governance account")
REASON = typer.Option(..., "--reason", help="The published reasons (at least 10 characters)")
JSON = typer.Option(False, "--json")


def _line(m: MeasureRead) -> str:
    lifted = f"lifted {m.lifted_at:%Y-%m-%d}: {m.lifted_reason}" if m.lifted_at else "IN FORCE"
    applied = f"applied {m.applied_at:%Y-%m-%d}: {m.applied_reason}"
    return f"{m.id:>5} {m.country} {m.kind.value:<16} {applied} | {lifted}"


@app.command()
@handle_errors
def apply(
    ctx: typer.Context,
    country: str,
    kind: MeasureKind,
    username: str = AS,
    reason: str = REASON,
    json: bool = JSON,
) -> None:
    """Apply KIND to COUNTRY (governance only), with published reasons."""
    st = state(ctx)
    data = MeasureApply(country=country.upper(), kind=kind, reason=reason)
    with st.session() as session, transaction(session):
        actor = accounts.actor_by_username(session, username)
        measure = oversight.apply(session, actor=actor, data=data, now=st.runtime.clock.now())
    emit(measure, as_json=json, lines=_line)


@app.command()
@handle_errors
def lift(
    ctx: typer.Context, measure_id: int, username: str = AS, reason: str = REASON, json: bool = JSON
) -> None:
    """End measure MEASURE_ID (governance only), with published reasons: no measure ends otherwise."""
    st = state(ctx)
    with st.session() as session, transaction(session):
        actor = accounts.actor_by_username(session, username)
        measure = oversight.lift(
            session,
            actor=actor,
            measure_id=measure_id,
            data=MeasureLift(reason=reason),
            now=st.runtime.clock.now(),
        )
    emit(measure, as_json=json, lines=_line)


@app.command("list")
@handle_errors
def list_measures(ctx: typer.Context, country: str | None = None, json: bool = JSON) -> None:
    """Every measure, in force or lifted, newest first (this list is public)."""
    with state(ctx).session() as session:
        rows = oversight.list_measures(session, country=country.upper() if country else None)
    emit(rows, as_json=json, lines=lambda rs: "\n".join(_line(m) for m in rs) or "no measures")


@app.command()
@handle_errors
def proposals(ctx: typer.Context, json: bool = JSON) -> None:
    """The measures the countries' records propose over the trailing window; governance decides."""
    st = state(ctx)
    rt = st.runtime
    with st.session() as session:
        rows = transparency.proposals(
            session, settings=rt.settings, now=rt.clock.now(), sources=rt.statistics
        )
    emit(
        rows,
        as_json=json,
        lines=lambda rs: "\n".join(f"{p.country} {p.kind:<16} {p.explanation}" for p in rs) or "no proposals",
    )


def _rate(r: RateRead | None) -> str:
    if r is None:
        return "n/a"
    return f"{100 * r.value:.0f} % ({100 * r.low:.0f}-{100 * r.high:.0f}, {r.successes}/{r.trials})"


def _record_lines(r: CountryRecord) -> str:
    q = r.requests
    gap = (
        f"{100 * r.gap.value:+.0f} points ({100 * r.gap.low:+.0f} to {100 * r.gap.high:+.0f})"
        if r.gap
        else "n/a"
    )
    lines = [
        f"{r.country} · {r.period.label}",
        f"requests {q.total} (red notices {q.red_notices}, diffusions {q.diffusions})",
        f"rejected at intake {q.rejected_at_intake} · blocked {q.blocked} · refused on review "
        f"{q.refused_after_review} · published {q.published_after_review} · pending {q.pending}",
        f"refusal grounds {r.refusal_grounds or '-'} · blocking rules {r.block_reasons or '-'}",
        f"flags received {r.flags_received} · deletions {r.deletions} · cancellations {r.cancellations}",
        f"complaints {_n(r.complaints)} · overturned {_n(r.overturned)} · messages held {_n(r.messages_held)}"
        f" · blocked {_n(r.messages_blocked)}",
        f"passed initial checks {_rate(r.pass_rate)} · overturned {_rate(r.overturn_rate)} · gap {gap}"
        + ("  << STANDS OUT" if r.divergent else ""),
        f"measures in force: {', '.join(r.measures_in_force) or 'none'}",
    ]
    return "\n".join(lines)


def _n(value: int | None) -> str:
    return "n/a" if value is None else str(value)


@handle_errors
def record_command(
    ctx: typer.Context,
    code: str,
    year: int | None = typer.Option(None, help="A calendar year; default: the trailing window"),
    json: bool = JSON,
) -> None:
    """A member country's record: requests, outcomes, grounds, flags, complaints, rates and measures."""
    st = state(ctx)
    rt = st.runtime
    now = rt.clock.now()
    period = Period.year(year) if year else Period.trailing(now, rt.settings.oversight_window_days)
    with st.session() as session:
        record = transparency.country_record(
            session,
            code.upper(),
            period=period,
            now=now,
            sources=rt.statistics,
            gap_threshold=rt.settings.oversight_gap_threshold,
        )
    emit(record, as_json=json, lines=_record_lines)
