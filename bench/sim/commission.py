"""What a model of the request's wording, learned from the commission's decisions, would add.

``bench.sim.oracle`` shows that the wording of this world's requests holds what the screening's
findings do not, for a model that knows the truth. A deployment never knows the truth; the
closest it has is the commission's binding decisions: which requests it found non-compliant, and
which it let stand. This bench asks what learning from those alone would give, without reading
the future: for each year from the second on, a logistic regression of the findings and the
wording (as in ``bench.sim.oracle``) is trained on the requests the commission had decided before
1 January, and scores that year's requests. Its score then takes the place of the risk in the
frontier of ``sim/frontier.py``, on top of the replay's decisions. The requests of the first
year score 0: they stay as the replay decided them.

It prints each year's training set (requests decided, found non-compliant, and how often the
commission's outcome agrees with the truth), what the last model weighs most towards a
non-compliant outcome, then the frontier's two figures for the screening's risk and for this
score. It is not a replay: refusing more would change what later screenings
and the commission see.

    .venv/bin/python -m bench.sim.commission WORLD OUTCOMES DATABASE_URL
"""

from __future__ import annotations

import argparse
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import numpy as np
from sqlalchemy import case, create_engine, func, select
from sqlalchemy.orm import Session

from article3.complaints.models import ComplaintLink, Decision
from article3.complaints.rules import Outcome
from article3.notices.models import Request
from bench.sim import oracle

LEANING = 12  # features of each kind printed that weigh most towards a non-compliant outcome


def decided(url: str) -> dict[str, tuple[bool, datetime]]:
    """Each request a decided complaint concerned: whether a decision found it non-compliant, and
    when the first decision about it was taken."""
    non_compliant = func.max(case((Decision.outcome == Outcome.NON_COMPLIANT.value, 1), else_=0))
    query = (
        select(Request.ref, non_compliant, func.min(Decision.decided_at))
        .join(ComplaintLink, ComplaintLink.request_id == Request.id)
        .join(Decision, Decision.complaint_id == ComplaintLink.complaint_id)
        .group_by(Request.ref)
    )
    with Session(create_engine(url)) as session:
        rows = session.execute(query).all()
    return {
        ref: (bool(flag), when.replace(tzinfo=UTC) if when.tzinfo is None else when)
        for ref, flag, when in rows
    }


def yearly_scores(
    outcomes: list[dict[str, Any]], x: Any, labels: dict[str, tuple[bool, datetime]]
) -> tuple[np.ndarray[Any, Any], Any]:
    """Each request's score from the model trained on the decisions taken before its year, and the
    last year's model."""
    from sklearn.linear_model import LogisticRegression  # noqa: PLC0415 - slow import

    years = np.array([o["year"] for o in outcomes])
    truth = np.array([bool(o["abusive"]) for o in outcomes])
    labelled = [i for i, o in enumerate(outcomes) if o.get("ref") in labels]
    scores, model = np.zeros(len(outcomes)), None
    print(f"{'year':<6} {'decided':>8} {'non-compliant':>14} {'outcome = truth':>16}")
    for year in range(int(years.min()) + 1, int(years.max()) + 1):
        start = datetime(year, 1, 1, tzinfo=UTC)
        train = [i for i in labelled if labels[outcomes[i]["ref"]][1] < start]
        y = np.array([labels[outcomes[i]["ref"]][0] for i in train])
        if len(set(y.tolist())) < 2:
            continue
        model = LogisticRegression(max_iter=3000, C=4.0).fit(x[train], y)
        scored = np.flatnonzero(years == year)
        scores[scored] = model.predict_proba(x[scored])[:, 1]
        print(f"{year:<6} {len(train):>8} {int(y.sum()):>14} {np.mean(y == truth[train]):>16.1%}")
    return scores, model


Inputs = tuple[dict[str, tuple[str, list[str], str]], list[dict[str, Any]], dict[str, tuple[bool, datetime]]]


def inputs(doc: str) -> Inputs:
    """The command line of a bench on the commission's decisions, read: the world's requests, the
    replay's outcomes and the decided requests of the replay's database."""
    parser = argparse.ArgumentParser(description=doc.splitlines()[0])
    parser.add_argument("world", type=Path)
    parser.add_argument("outcomes", type=Path, help="written by sim evaluate --outcomes (gzip)")
    parser.add_argument("database", help="the database the replay filled (ARTICLE3_DATABASE_URL)")
    args = parser.parse_args()
    return oracle.requests(args.world), list(oracle.lines(args.outcomes)), decided(args.database)


def header() -> None:
    """The two heading lines of the frontier figures (``oracle.line``)."""
    print(f"{'score refused on top of the replay':<44} {'abusive published':>22} {'legitimate refused':>22}")
    print(f"{'':<44} {'(legit refused < 2%)':>22} {'(abusive pub. < 5%)':>22}")


def main() -> None:
    from scipy.sparse import hstack  # noqa: PLC0415 - slow import
    from sklearn.feature_extraction import DictVectorizer  # noqa: PLC0415 - slow import
    from sklearn.feature_extraction.text import TfidfVectorizer  # noqa: PLC0415 - slow import

    world, outcomes, labels = inputs(__doc__)
    found, words = DictVectorizer(), TfidfVectorizer(ngram_range=(1, 2), min_df=3, sublinear_tf=True)
    x = hstack(
        [
            found.fit_transform([oracle.features(o) for o in outcomes]),
            words.fit_transform([world[o["world_id"]][2] for o in outcomes]),
        ]
    ).tocsr()
    scores, last = yearly_scores(outcomes, x, labels)
    if last is not None:
        weights, split = last.coef_[0], len(found.get_feature_names_out())
        for label, names, part in (
            ("findings, requesters, channel", found.get_feature_names_out(), weights[:split]),
            ("phrases", words.get_feature_names_out(), weights[split:]),
        ):
            top = np.argsort(part)[::-1][:LEANING]
            print(f"the last model's {label} weighing most towards non-compliant:", "; ".join(names[top]))
    header()
    print(oracle.line("the screening's risk", outcomes, oracle.risks(outcomes)))
    print(oracle.line("findings and wording, from the commission", outcomes, scores))


if __name__ == "__main__":
    main()
