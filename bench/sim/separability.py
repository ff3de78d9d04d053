"""How far the simulated world's drafts give the truth away through their wording.

A bag-of-words classifier (TF-IDF of the summary, the offences and the stated occupation, plus
the requester and the channel; logistic regression) is trained on the world's **truth** for the
early years and tested on the later ones. It prints the share of abusive requests it would catch
if it could flag 0.5%, 1% or 2% of the genuine ones, per tactic, and the words it leans on.

This is not a screening: it reads the ground truth no deployment has. It measures the world. A
high figure means the drafts come from too few templates for a learned text model to be measured
on this world (it would learn the templates, not abuse); the rules-based screening, written
without the simulator, is not affected. See docs/simulation.md, "What the world cannot measure".

    .venv/bin/python -m bench.sim.separability var/sim/world.jsonl.gz [--split 2020] [--genuine 0.15]
        [--summary-only] [--exclusive]

``--summary-only`` reads the summary of facts alone (no offences, occupation, requester or
channel): how far the wording of the drafts, rather than what a request names, gives the truth away.

``--exclusive`` asks where that comes from for the largest leak, financial charges: among the
economic cases (abusive financial charges; genuine fraud, embezzlement, corruption, tax, smuggling
and illegal-business cases), the phrases of two or three words (summary and charge titles) that at
least 1% of one class's requests use and none of the other's, and the share of each class's
requests that use one. A phrase one class never uses is the world's choice (a charge or a dispute
shape drawn for one class only), not a sign the domain files give as telling the classes apart.
"""

from __future__ import annotations

import argparse
import random
from pathlib import Path
from typing import Any

import numpy as np

from article3.sim.offences import ECONOMIC
from bench.sim.oracle import request_events

BUDGETS = (0.005, 0.01, 0.02)


def rows(
    path: Path, genuine_share: float, seed: int, *, summary_only: bool = False
) -> list[tuple[str, bool, int, str]]:
    """(text, abusive, year, tactic) of every abusive request and a sample of genuine ones."""
    rng = random.Random(seed)
    out = []
    for event in request_events(path):
        abusive = bool(event["truth"]["abusive"])
        if not abusive and rng.random() > genuine_share:
            continue
        data = event["data"]
        occupations = "_".join(data["subject"].get("occupations") or ["none"]).replace(" ", "_")
        text = " ".join(
            [
                data["facts"],
                *(f"{o['description']} {o['provision']}" for o in data["offences"]),
                f"occ_{occupations} from_{data['requesting_country']} kind_{data['kind']}",
            ]
        )
        if summary_only:
            text = data["facts"]
        out.append((text, abusive, int(event["t"][:4]), str(event["truth"].get("tactic"))))
    return out


SHOWN = 8  # exclusive phrases printed per class


def economic_cases(path: Path) -> tuple[list[str], np.ndarray[Any, Any]]:
    """Summary and charge titles of every economic case, and whether it is an abusive one."""
    texts, abusive = [], []
    for event in request_events(path):
        truth = event["truth"]
        financial = bool(truth["abusive"]) and truth.get("tactic") == "financial_charges"
        if not financial and (truth["abusive"] or truth.get("offence") not in ECONOMIC):
            continue
        titles = " ; ".join(o["description"] for o in event["data"]["offences"])
        texts.append(f"{event['data']['facts']} || {titles}")
        abusive.append(financial)
    return texts, np.array(abusive)


def exclusive(path: Path) -> None:
    """Print the phrases one class of economic cases uses and the other never does (``--exclusive``)."""
    from sklearn.feature_extraction.text import CountVectorizer  # noqa: PLC0415 - slow import

    texts, y = economic_cases(path)
    vectoriser = CountVectorizer(ngram_range=(2, 3), binary=True, min_df=20)
    x = vectoriser.fit_transform(texts).tocsc()
    names = np.array(vectoriser.get_feature_names_out())
    share = {True: np.asarray(x[y].mean(axis=0)).ravel(), False: np.asarray(x[~y].mean(axis=0)).ravel()}
    print(f"{int(y.sum())} abusive financial charges, {int((~y).sum())} genuine economic cases")
    for cls, label, other in (
        (True, "abusive financial charges", "genuine"),
        (False, "genuine cases", "abusive"),
    ):
        only = (share[cls] >= 0.01) & (share[not cls] == 0)
        using = np.asarray(x[:, only].sum(axis=1)).ravel() > 0
        print(f"{label}: {using[y == cls].mean():.1%} use a phrase no {other} economic case uses")
        top = np.argsort(-share[cls] * only)[:SHOWN]
        print("   ", "; ".join(f"'{names[i]}' {share[cls][i]:.0%}" for i in top if only[i]))


def main() -> None:
    from sklearn.feature_extraction.text import TfidfVectorizer  # noqa: PLC0415 - slow import
    from sklearn.linear_model import LogisticRegression  # noqa: PLC0415 - slow import

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("world", type=Path)
    parser.add_argument("--split", type=int, default=2020, help="train on years up to this one")
    parser.add_argument("--genuine", type=float, default=0.15, help="share of genuine requests read")
    parser.add_argument("--summary-only", action="store_true", help="read the summary of facts alone")
    parser.add_argument(
        "--exclusive", action="store_true", help="phrases one class of economic cases never uses"
    )
    args = parser.parse_args()
    if args.exclusive:
        exclusive(args.world)
        return
    data = rows(args.world, args.genuine, seed=0, summary_only=args.summary_only)
    texts = [t for t, *_ in data]
    y = np.array([a for _, a, _, _ in data])
    years = np.array([yr for _, _, yr, _ in data])
    tactics = np.array([tc for *_, tc in data])
    train, test = years <= args.split, years > args.split
    vectoriser = TfidfVectorizer(ngram_range=(1, 2), min_df=3, sublinear_tf=True)
    x = vectoriser.fit_transform(texts)
    model = LogisticRegression(max_iter=3000, C=4.0, class_weight="balanced").fit(x[train], y[train])
    p = model.predict_proba(x[test])[:, 1]
    yt, tt = y[test], tactics[test]
    genuine = np.sort(p[~yt])
    print(f"train: {int(train.sum())} requests up to {args.split}; test: {int(test.sum())} after it")
    print(f"test: {int(yt.sum())} abusive, {int((~yt).sum())} genuine (a {args.genuine:.0%} sample)")
    for budget in BUDGETS:
        cut = genuine[min(len(genuine) - 1, int(len(genuine) * (1 - budget)))]
        caught = p[yt] > cut
        per = ", ".join(f"{t} {caught[tt[yt] == t].mean():.2f}" for t in sorted(set(tt[yt])))
        print(f"flagging {budget:.1%} of genuine requests catches {caught.mean():.1%} of abusive ({per})")
    names = np.array(vectoriser.get_feature_names_out())
    order = np.argsort(model.coef_[0])
    print("words that point to abuse:", ", ".join(names[order[-20:]][::-1]))
    print("words that point to a genuine case:", ", ".join(names[order[:20]]))


if __name__ == "__main__":
    main()
