"""Score the same query/true-candidate and distractor/top-candidate pairs with
OpenSanctions' nomenklatura `logic-v2` and with article3, side by side."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from article3.search.matching import MATCH_THRESHOLD, compare_prepared
from article3.search.schemas import PersonQuery, PersonRecord

Pair = tuple[dict[str, Any], dict[str, Any], bool]
MAX_PAIRS = 600
NOMENKLATURA_THRESHOLD = 0.70  # yente's default


def pairs(people: list[dict[str, Any]], queries: list[dict[str, Any]], results: list[Any]) -> list[Pair]:
    """(query, candidate, is_same_person) pairs: true pairs and distractor vs its top hit."""
    by_id = {person["id"]: person for person in people}
    out: list[Pair] = []
    for query, hits in zip(queries, results, strict=True):
        if query["_truth"] is not None:
            out.append((query, by_id[query["_truth"]], True))
        elif hits:
            out.append((query, by_id[hits[0].id], False))
    return out[:MAX_PAIRS]


def _entity(model: Any, key: str, data: dict[str, Any]) -> Any:
    entity = model.make_entity("Person")
    entity.id = key
    for name in data["names"]:
        entity.add("name", name)
    if data.get("birth_date"):
        entity.add("birthDate", data["birth_date"])
    for code in data.get("nationalities") or ():
        entity.add("nationality", code.lower())
    if data.get("sex"):
        entity.add("gender", {"M": "male", "F": "female"}.get(data["sex"], "other"))
    return entity


def _rates(scores: list[tuple[float, bool]], threshold: float) -> tuple[float, float]:
    positives = [score for score, same in scores if same]
    negatives = [score for score, same in scores if not same]
    recall = sum(s >= threshold for s in positives) / max(len(positives), 1)
    false_alerts = sum(s >= threshold for s in negatives) / max(len(negatives), 1)
    return recall, false_alerts


def _clean(data: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in data.items() if not k.startswith("_")}


def _line(name: str, threshold: float, recall: float, false_alerts: float, rate: float) -> None:
    print(
        f"{name} at {threshold:.2f}: recall {recall:.4f}  false alerts {false_alerts:.4f}"
        f"  {rate:,.0f} pairs/s"
    )


def run(pairs_: list[Pair], prepare: Callable[[Any], Any]) -> None:
    print(f"\n== same {len(pairs_)} pairs scored by article3 and nomenklatura logic-v2 ==")
    ours = []
    started = time.perf_counter()
    for query, candidate, same in pairs_:
        q = prepare(PersonQuery(**{k: v for k, v in _clean(query).items() if k != "id"}))
        c = prepare(PersonRecord(**_clean(candidate)))
        ours.append((compare_prepared(q, c).score, same))
    ours_rate = len(pairs_) / (time.perf_counter() - started)
    recall, false_alerts = _rates(ours, MATCH_THRESHOLD)
    _line("article3", MATCH_THRESHOLD, recall, false_alerts, ours_rate)
    try:
        from followthemoney import model  # noqa: PLC0415 - optional dependency
        from nomenklatura.matching import LogicV2  # noqa: PLC0415 - optional dependency
    except ImportError as error:
        print(f"nomenklatura not available ({error}); pip install nomenklatura to compare")
        return
    config = LogicV2.default_config()
    LogicV2.compare(_entity(model, "w1", {"names": ["x"]}), _entity(model, "w2", {"names": ["y"]}), config)
    theirs = []
    started = time.perf_counter()
    for number, (query, candidate, same) in enumerate(pairs_):
        result = LogicV2.compare(
            _entity(model, f"q{number}", query), _entity(model, f"c{number}", candidate), config
        )
        theirs.append((float(result.score), same))
    rate = len(pairs_) / (time.perf_counter() - started)
    recall, false_alerts = _rates(theirs, NOMENKLATURA_THRESHOLD)
    _line("logic-v2", NOMENKLATURA_THRESHOLD, recall, false_alerts, rate)
