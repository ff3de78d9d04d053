"""The best any weighing of the screening's findings could do, measured with the truth.

After a replay (``article3 sim evaluate --outcomes O``), each request has the reason codes its
screening found, its combined risk, its requester and its channel: everything the screening made
of what it saw. This bench trains classifiers on those, **with the world's truth as the label**
(which no deployment has), cross-validated so that no person's requests are both trained and
scored, and puts their out-of-fold score in the place of the risk in the frontier of
``sim/frontier.py``: every request scoring at least ``t`` refused on top of the replay's
decisions. It prints, per classifier, the abusive share published with legitimate refused under
2%, and the legitimate share refused with abusive published under 5%, beside the same lines for
the screening's own risk. The last two lines add what the findings summarise away: the articles
each request cites (the requester's code and the main article number, as the screening reads
them), then the request's whole wording (summary of facts, charges and stated occupations, as
TF-IDF of words and pairs of words, in a logistic regression).

If even the truth-trained weighing misses issue 9's targets, no re-weighting of the rules'
findings (by hand, or learned from reviewers or the commission) can meet them: the findings do
not hold the information. It reads the truth; it is not a screening. The separability bench
(``bench.sim.separability``) asks the same of the request's whole wording.

    .venv/bin/python -m bench.sim.oracle WORLD OUTCOMES [--folds 5]
"""

from __future__ import annotations

import argparse
import gzip
import json
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

import numpy as np

from article3.screening.rules_common import main_article
from article3.sim import frontier
from article3.sim.metrics import LEGIT_REFUSED, PUBLISHED

RARE = 20  # articles cited by fewer requests are left out (they would only be memorised)


def lines(path: Path) -> Iterator[dict[str, Any]]:
    with gzip.open(path, "rt", encoding="utf-8") as src:
        for line in src:
            if line.strip():
                yield json.loads(line)


def request_events(path: Path) -> Iterator[dict[str, Any]]:
    """The world's request events, one line at a time (the header line has no ``type``)."""
    return (e for e in lines(path) if e.get("type") == "request")


def requests(world: Path) -> dict[str, tuple[str, list[str], str]]:
    """World id of each request -> its person, the articles it cites (``country:article``) and
    its wording."""
    out = {}
    for e in request_events(world):
        data = e["data"]
        articles = [f"{data['requesting_country']}:{main_article(o['provision'])}" for o in data["offences"]]
        charges = [f"{o['description']} {o['provision']}" for o in data["offences"]]
        wording = " ".join([data["facts"], *charges, *(data["subject"].get("occupations") or [])])
        out[e["id"]] = (e["person"], articles, wording)
    return out


def risks(outcomes: list[dict[str, Any]]) -> np.ndarray[Any, Any]:
    """The screening's combined risk of each replayed request (0 when it was not screened)."""
    return np.array([float(o["risk"] or 0.0) for o in outcomes])


def features(outcome: dict[str, Any], articles: Sequence[str] = ()) -> dict[str, float]:
    """What the screening made of a request (its reason codes, risk, requester and channel), and
    the articles given."""
    row = {f"code:{c}": 1.0 for c in outcome["codes"]}
    row["risk"] = float(outcome["risk"] or 0.0)
    row[f"requester:{outcome['country']}"] = 1.0
    row[f"kind:{outcome['kind']}"] = 1.0
    row.update({f"article:{a}": 1.0 for a in articles})
    return row


def out_of_fold(
    model: Callable[[], Any], x: Any, y: np.ndarray[Any, Any], groups: np.ndarray[Any, Any], folds: int
) -> np.ndarray[Any, Any]:
    """Each request's score from a model that never saw its person."""
    from sklearn.model_selection import GroupKFold  # noqa: PLC0415 - slow import

    scores = np.zeros(len(y))
    for train, test in GroupKFold(folds).split(x, y, groups):
        scores[test] = model().fit(x[train], y[train]).predict_proba(x[test])[:, 1]
    return scores


def line(name: str, outcomes: list[dict[str, Any]], scores: np.ndarray[Any, Any]) -> str:
    """The frontier's two figures when ``scores`` replace the risk."""
    abusive = [o for o in outcomes if o["abusive"]]
    pairs = list(zip(outcomes, scores, strict=True))
    published = [s for o, s in pairs if o["abusive"] and (o["published"] or o["status"] in PUBLISHED)]
    legit_open = [s for o, s in pairs if not o["abusive"] and o["status"] not in LEGIT_REFUSED]
    legit_refused = sum(1 for o in outcomes if not o["abusive"] and o["status"] in LEGIT_REFUSED)
    f = frontier.compute(published, len(abusive), legit_open, legit_refused, len(outcomes) - len(abusive))
    at_legit, at_abusive = f["at_legitimate_refused_target"], f["at_abusive_published_target"]
    first = f"{at_legit['abusive_published_share']:.1%}" if at_legit else "no threshold"
    second = f"{at_abusive['legitimate_refused_share']:.1%}" if at_abusive else "no threshold"
    return f"{name:<44} {first:>22} {second:>22}"


def main() -> None:
    from scipy.sparse import hstack  # noqa: PLC0415 - slow import
    from sklearn.ensemble import HistGradientBoostingClassifier  # noqa: PLC0415 - slow import
    from sklearn.feature_extraction import DictVectorizer  # noqa: PLC0415 - slow import
    from sklearn.feature_extraction.text import TfidfVectorizer  # noqa: PLC0415 - slow import
    from sklearn.linear_model import LogisticRegression  # noqa: PLC0415 - slow import

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("world", type=Path)
    parser.add_argument("outcomes", type=Path, help="written by sim evaluate --outcomes")
    parser.add_argument("--folds", type=int, default=5)
    args = parser.parse_args()
    world = requests(args.world)
    outcomes = list(lines(args.outcomes))
    cited = Counter(a for o in outcomes for a in world[o["world_id"]][1])
    kept = [[a for a in world[o["world_id"]][1] if cited[a] >= RARE] for o in outcomes]
    x = DictVectorizer(sparse=False).fit_transform([features(o) for o in outcomes])
    x_articles = DictVectorizer(sparse=False).fit_transform(
        [features(o, a) for o, a in zip(outcomes, kept, strict=True)]
    )
    y = np.array([bool(o["abusive"]) for o in outcomes])
    groups = np.array([world[o["world_id"]][0] for o in outcomes])
    n, k = len(outcomes), int(y.sum())
    print(f"{n} requests ({k} abusive), {x.shape[1]} features, {args.folds} folds by person")
    for head in (
        ("score refused on top of the replay", "abusive published", "legitimate refused"),
        ("(then classifiers trained on the truth)", "(legit refused < 2%)", "(abusive pub. < 5%)"),
    ):
        print(f"{head[0]:<44} {head[1]:>22} {head[2]:>22}")
    print(line("the screening's risk", outcomes, risks(outcomes)))
    models: dict[str, Callable[[], Any]] = {
        "findings, logistic regression": lambda: LogisticRegression(max_iter=3000),
        "findings, gradient boosting": lambda: HistGradientBoostingClassifier(max_iter=300, random_state=0),
    }
    for name, model in models.items():
        print(line(name, outcomes, out_of_fold(model, x, y, groups, args.folds)))
    boosted = models["findings, gradient boosting"]
    scores = out_of_fold(boosted, x_articles, y, groups, args.folds)
    print(line(f"findings, {x_articles.shape[1] - x.shape[1]} articles cited, boosting", outcomes, scores))
    words = TfidfVectorizer(ngram_range=(1, 2), min_df=3, sublinear_tf=True)
    x_words = hstack([x, words.fit_transform([world[o["world_id"]][2] for o in outcomes])]).tocsr()
    scores = out_of_fold(lambda: LogisticRegression(max_iter=3000, C=4.0), x_words, y, groups, args.folds)
    print(line("findings and wording, logistic regression", outcomes, scores))


if __name__ == "__main__":
    main()
