"""``article3 screening``: retrain the learned component from the decisions stored in the system."""

from __future__ import annotations

import typer

from article3 import workflows
from article3.cli.context import CLI_ACTOR, emit, handle_errors, state
from article3.db.session import transaction

app = typer.Typer(help="The screening's learned component.", no_args_is_help=True)


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
