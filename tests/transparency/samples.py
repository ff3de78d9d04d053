"""A fixed report content for the renderer tests: three countries, one that stands out."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from article3.transparency import render, stats
from article3.transparency.schemas import CountryRecord, RequestFigures
from article3.transparency.sources import Sources, available

PERIOD = stats.Period.year(2025)


def record(country: str, **fields: Any) -> CountryRecord:
    requests = RequestFigures(**fields.pop("requests"))
    return stats.derive(CountryRecord(country=country, period=PERIOD.read(), requests=requests, **fields))


def records() -> list[CountryRecord]:
    return [
        record(
            "FR",
            requests={
                "red_notices": 40,
                "diffusions": 12,
                "total": 52,
                "rejected_at_intake": 3,
                "refused_after_review": 2,
                "published_after_review": 45,
                "pending": 2,
            },
            intake_reasons={"criteria.penalty_below_threshold": 3},
            refusal_grounds={"private_dispute": 2},
            complaints=12,
            overturned=1,
            deadlines_met=11,
            deadlines_missed=1,
            messages_held=0,
            messages_blocked=0,
            messages_delivered=30,
        ),
        record(
            "RU",
            requests={
                "red_notices": 180,
                "diffusions": 20,
                "total": 200,
                "rejected_at_intake": 6,
                "blocked": 4,
                "refused_after_review": 10,
                "published_after_review": 180,
            },
            intake_reasons={"criteria.excluded_offence": 6},
            block_reasons={"protected_official": 4},
            refusal_grounds={"article3_political": 8, "article2_human_rights": 2},
            flags_received=14,
            flags_by_reason={"article3_concern": 11, "national_law": 3},
            flagged_requests=12,
            deletions=9,
            cancellations=2,
            complaints=80,
            overturned=41,
            deadlines_met=60,
            deadlines_missed=20,
            messages_held=25,
            messages_blocked=3,
            messages_delivered=400,
            measures_in_force=["enhanced_review"],
        ),
        record(
            "TV",
            requests={"red_notices": 2, "total": 2, "published_after_review": 2},
            complaints=1,
            overturned=1,
            deadlines_met=1,
            deadlines_missed=0,
            messages_held=0,
            messages_blocked=0,
            messages_delivered=1,
        ),
    ]


MEASURES = [
    {
        "id": 1,
        "country": "RU",
        "kind": "enhanced_review",
        "applied_at": "2025-03-10T00:00:00+00:00",
        "applied_reason": "90 % passed intake; the commission overturned half of those complained about.",
        "lifted_at": None,
        "lifted_reason": None,
    },
    {
        "id": 2,
        "country": "TR",
        "kind": "suspension",
        "applied_at": "2024-11-01T00:00:00+00:00",
        "applied_reason": "Mass upload of requests.",
        "lifted_at": "2025-06-30T00:00:00+00:00",
        "lifted_reason": "Independent audit found the bureau's requests compliant.",
    },
]


def content() -> dict[str, Any]:
    rows = records()
    everything = Sources(*(lambda *a, **k: None for _ in range(4)))
    return {
        "title": "article3 transparency report 2025",
        "year": 2025,
        "period": {"start": PERIOD.start.isoformat(), "end": PERIOD.end.isoformat()},
        "built_at": datetime(2026, 1, 15, 12, 0, tzinfo=UTC).isoformat(),
        "audit_head": {"seq": 4242, "hash": "ab" * 32},
        "confidence": 0.95,
        "gap_threshold": 0.25,
        "available": available(everything),
        "notes": {"suppression": "Counts from 1 to 4 are shown as <5.", "rates": "95 % Wilson intervals."},
        "overall": render.public_record(stats.overall(rows, PERIOD, gap_threshold=0.25)),
        "countries": [render.public_record(r) for r in rows],
        "measures": MEASURES,
    }
