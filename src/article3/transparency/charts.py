"""The charts of a report: which figures each draws, from the published content (pure)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any

from article3.transparency import svg

OUTCOMES = (
    svg.Series("published_after_review", "published", "#1b6e3a"),
    svg.Series("refused_after_review", "refused on review", "#a61b1b"),
    svg.Series("blocked", "blocked by a rule", "#6b1b6e"),
    svg.Series("rejected_at_intake", "rejected at intake", "#b26b00"),
    svg.Series("pending", "pending", "#8a94a6"),
)


def _busiest(countries: Sequence[Mapping[str, Any]], limit: int = 25) -> list[Mapping[str, Any]]:
    return sorted(countries, key=lambda r: (-svg.amount(r["requests"]["total"]), r["country"]))[:limit]


def _confirmed(overturn: Mapping[str, float] | None) -> dict[str, float] | None:
    if overturn is None:
        return None
    return {"value": 1 - overturn["value"], "low": 1 - overturn["high"], "high": 1 - overturn["low"]}


def gap_rows(countries: Sequence[Mapping[str, Any]]) -> list[dict[str, object]]:
    """The rows of the gap chart, the widest gap first."""
    rows = [
        {
            "country": r["country"],
            "pass": r["pass_rate"],
            "confirmed": _confirmed(r["overturn_rate"]),
            "divergent": r["divergent"],
            "gap": (r["gap"] or {}).get("value", -2.0),
        }
        for r in countries
        if r["pass_rate"] is not None
    ]
    return sorted(rows, key=lambda r: (-float(str(r["gap"])), str(r["country"])))


def _grounds(overall: Mapping[str, Any]) -> list[tuple[str, dict[str, svg.Published]]]:
    out: list[tuple[str, dict[str, svg.Published]]] = []
    for key, stage in (
        ("intake_reasons", "intake"),
        ("block_reasons", "rule"),
        ("refusal_grounds", "review"),
    ):
        for code, n in (overall.get(key) or {}).items():
            out.append((f"{code}", {stage: n}))
    return out


def charts(content: Mapping[str, Any]) -> dict[str, str]:
    """Every chart of a report, by name, as SVG text."""
    countries, overall = content["countries"], content["overall"]
    busiest = _busiest(countries)
    complained = [r for r in countries if r["complaints"] not in (None, 0)]
    deadlines = [r for r in countries if (r["deadlines_met"] or r["deadlines_missed"])]
    measures = [
        {**m, "applied_at": _dt(m["applied_at"]), "lifted_at": _dt(m["lifted_at"])}
        for m in content["measures"]
    ]
    stages = (
        svg.Series("intake", "intake criteria", "#b26b00"),
        svg.Series("rule", "blocking rule", "#6b1b6e"),
    )
    return {
        "requests": svg.stacked_bars(
            "requests",
            "Requests per country and what became of them",
            [(r["country"], r["requests"]) for r in busiest],
            OUTCOMES,
        ),
        "gap": svg.dumbbell(
            "gap", "Passed the initial checks vs confirmed by the commission", gap_rows(countries)
        ),
        "grounds": svg.stacked_bars(
            "grounds",
            "Refusals by ground",
            _grounds(overall),
            (*stages, svg.Series("review", "review ground", "#a61b1b")),
        ),
        "complaints": _availability(content, "complaints")
        or svg.stacked_bars(
            "complaints",
            "Complaints and outcomes",
            [
                (r["country"], {"overturned": r["overturned"], "upheld": r["not_overturned"]})
                for r in complained
            ],
            (
                svg.Series("overturned", "overturned", "#a61b1b"),
                svg.Series("upheld", "not overturned", "#1b6e3a"),
            ),
        ),
        "deadlines": _availability(content, "commission_deadlines")
        or svg.stacked_bars(
            "deadlines",
            "Commission deadline compliance",
            [(r["country"], {"met": r["deadlines_met"], "missed": r["deadlines_missed"]}) for r in deadlines],
            (svg.Series("met", "within the deadline", "#1b6e3a"), svg.Series("missed", "late", "#a61b1b")),
        ),
        "measures": svg.timeline(
            "measures",
            "Measures in force during the period",
            measures,
            _dt(content["period"]["start"]),
            _dt(content["period"]["end"]),
        ),
    }


def _availability(content: Mapping[str, Any], key: str) -> str | None:
    if content["available"].get(key):
        return None
    title = {
        "complaints": "Complaints and outcomes",
        "commission_deadlines": "Commission deadline compliance",
    }
    return svg.empty(key, title[key], "Not available: this build has no complaints commission yet.")


def _dt(value: Any) -> Any:
    return datetime.fromisoformat(value) if isinstance(value, str) else value
