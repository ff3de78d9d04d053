"""``article3 screening``: retrain the learned component from the decisions stored in the system;
show what the wording counts hold."""

from __future__ import annotations

import typer

from article3 import workflows
from article3.cli.context import CLI_ACTOR, emit, handle_errors, state
from article3.db.session import transaction
from article3.screening import wording_store
from article3.screening.schemas import WordingRead

app = typer.Typer(help="The screening's learned component and wording counts.", no_args_is_help=True)


def _summary(card: dict[str, object]) -> str:
    holdout = card.get("holdout")
    metrics = (
        f"held-out n={holdout['n']} brier={holdout['brier']:.4f} roc_auc={holdout['roc_auc']}"
        if isinstance(holdout, dict)
        else "no held-out metrics (too few examples)"
    )
    files = card.get("files", {})
    where = ", ".join(str(v) for v in files.values()) if isinstance(files, dict) else ""
    return (
        f"trained {card['name']} {card['version']} on {card['n']} decisions "
        f"({card['positives']} refused or overturned); {metrics}\nwrote {where}"
    )


@app.command()
@handle_errors
def train(
    ctx: typer.Context,
    seed: int = typer.Option(0, help="Random seed of the held-out split"),
    json: bool = typer.Option(False, "--json"),
) -> None:
    """Retrain the model on stored review decisions (refused = 1, published = 0) and the
    commission's outcomes (overturned = 1, whatever the review decided); write it and its model
    card (JSON and Markdown) under the data directory. New screenings use it at once."""
    st = state(ctx)
    with st.session() as session, transaction(session):
        card = workflows.train_screening(
            session,
            actor=CLI_ACTOR,
            data_dir=st.runtime.settings.data_dir,
            now=st.runtime.clock.now(),
            seed=seed,
        )
    emit(card, as_json=json, lines=_summary)


def _wording(summary: WordingRead) -> str:
    c = summary.calibration
    calibration = (
        f"calibration: n={c.n} positives={c.positives} fitted_at={c.fitted_at.isoformat()} "
        f"slope={c.slope:.4f} intercept={c.intercept:.4f}"
        if c
        else "not calibrated yet: run `article3 screening train`"
    )
    lines = [
        f"wording: {summary.use}",
        f"requests counted: {summary.decided} ({summary.non_compliant} non-compliant)",
        f"phrases counted: {summary.phrases}, usable (used by >= {summary.min_uses}): "
        f"{summary.phrases_usable}",
        calibration,
    ]
    if not summary.leaning:
        return "\n".join([*lines, f"no phrase used by {summary.min_uses} decided requests yet"])
    lines.append(f"{'non-compliant':>13} {'let stand':>9} {'log-odds':>8}  phrase")
    lines.extend(
        f"{p.non_compliant:>13} {p.let_stand:>9} {p.log_odds:>+8.3f}  {p.phrase}" for p in summary.leaning
    )
    return "\n".join(lines)


@app.command()
@handle_errors
def wording(
    ctx: typer.Context,
    limit: int = typer.Option(30, min=1, max=200, help="Leaning phrases to list"),
    json: bool = typer.Option(False, "--json"),
) -> None:
    """Show what the wording counts hold: the setting in use (ARTICLE3_WORDING), the decided
    requests counted, the phrases counted and usable, the latest calibration and the phrases
    leaning most towards a non-compliant outcome (only those used by ten decided requests or more)."""
    st = state(ctx)
    with st.session() as session:
        summary = wording_store.summary(session, use=st.runtime.settings.wording.value, limit=limit)
    emit(summary, as_json=json, lines=_wording)


@app.command()
@handle_errors
def calibrate(ctx: typer.Context, json: bool = typer.Option(False, "--json")) -> None:
    """Fit the wording counts' calibration alone, without retraining the model (`train` fits it
    too). New screenings use it at once when ARTICLE3_WORDING=screen. Needs 20 counted decided
    requests of both outcomes."""
    st = state(ctx)
    with st.session() as session, transaction(session):
        fit = workflows.calibrate_wording(session, actor=CLI_ACTOR, now=st.runtime.clock.now())
    emit(
        fit,
        as_json=json,
        lines=lambda f: (
            f"calibrated the wording counts on {f['n']} decided requests "
            f"({f['positives']} non-compliant): slope={f['slope']:.4f} intercept={f['intercept']:.4f}"
        ),
    )
