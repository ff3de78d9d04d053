"""Retrain the learned component from the decisions stored in the system.

Each example is one screened request whose fate is known, with the features the screening saw
when it ran (``ScreeningRun.features``, the latest run of the request):

- label 1: refused by a reviewer (a request the rules blocked is not a reviewer's decision and is
  left out: the model must learn what people decided, not echo the hard rules);
- label 0: published (whatever happened after: expired, suspended, cancelled);
- the commission's outcomes, when the complaints domain passes them (``commission_outcomes``:
  request ref → True when the commission found the request non-compliant, False when it stood),
  override the review outcome: a published request the commission overturned is a 1.

Requests still in review, withdrawn before a decision, or rejected at intake say nothing and are
skipped. `train_from_decisions` writes the model and its card under the settings' ``data_dir``
and records ``screening:model:trained``.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from article3.audit import service as audit
from article3.audit.actions import AuditAction
from article3.errors import Conflict
from article3.notices.models import Request
from article3.screening import learned, model_files
from article3.screening.models import ScreeningRun

MIN_EXAMPLES = 20
INSUFFICIENT = "screening.training_data_insufficient"  # the Conflict's code: too few decisions
BLOCKED = "blocked"


def label(*, status: str, published: bool, route: str, overturned: bool | None = None) -> bool | None:
    """The outcome of one request for training (module docstring); None when it says nothing."""
    if overturned is not None:
        return overturned
    if status == "refused":
        return None if route == BLOCKED else True
    if published and status != "deleted":
        return False
    return None


def examples(
    session: Session, *, commission_outcomes: Mapping[str, bool] | None = None
) -> list[learned.TrainingExample]:
    """The training examples stored in the system (module docstring)."""
    outcomes = commission_outcomes or {}
    latest = (
        select(func.max(ScreeningRun.id))
        .where(ScreeningRun.features.is_not(None))
        .group_by(ScreeningRun.request_id)
    )
    rows = session.execute(
        select(ScreeningRun.features, ScreeningRun.route, Request.ref, Request.status, Request.published_at)
        .join(Request, Request.id == ScreeningRun.request_id)
        .where(ScreeningRun.id.in_(latest))
        .order_by(ScreeningRun.id)
    ).all()
    out: list[learned.TrainingExample] = []
    for features, route, ref, status, published_at in rows:
        if not isinstance(features, list) or len(features) != len(learned.FEATURE_NAMES):
            continue  # screened under another feature set: not comparable
        outcome = label(
            status=status, published=published_at is not None, route=route, overturned=outcomes.get(ref)
        )
        if outcome is not None:
            out.append(learned.TrainingExample(tuple(float(v) for v in features), outcome))
    return out


def train_from_decisions(
    session: Session,
    *,
    actor: str,
    data_dir: Path,
    now: datetime,
    commission_outcomes: Mapping[str, bool] | None = None,
    seed: int = 0,
) -> dict[str, Any]:
    """Train on the stored decisions, write the model and its card; return the card.

    Records ``screening:model:trained``. Conflict ``screening.training_data_insufficient`` when
    there are fewer than MIN_EXAMPLES examples or only one outcome.
    """
    found = examples(session, commission_outcomes=commission_outcomes)
    positives = sum(1 for e in found if e.outcome)
    if len(found) < MIN_EXAMPLES or positives in {0, len(found)}:
        raise Conflict(
            f"Training needs at least {MIN_EXAMPLES} decided requests with both outcomes; "
            f"found {len(found)} ({positives} refused or overturned)",
            code=INSUFFICIENT,
        )
    version = now.strftime("%Y%m%d%H%M%S")
    model = learned.train(found, version=version, seed=seed)
    card = dict(model.card) | {
        "trained_at": now.isoformat(),
        "sources": "review decisions stored in article3"
        + (f" and {len(commission_outcomes)} commission outcomes" if commission_outcomes else ""),
    }
    model = learned.LearnedModel(
        model.estimator, model.name, model.version, model.feature_names, model.n_train, card
    )
    paths = model_files.write(data_dir, model)
    audit.record(
        session,
        actor=actor,
        action=AuditAction.SCREENING_MODEL_TRAINED,
        subject_type="screening_model",
        subject_id=version,
        change={"card": card},
        now=now,
    )
    return card | {"files": {k: str(v) for k, v in paths.items()}}
