"""Pure rules of measures: their kinds and what each restricts."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class MeasureKind(StrEnum):
    ENHANCED_REVIEW = "enhanced_review"  # every request to two reviewers, never fast-tracked
    DIFFUSION_HOLD = "diffusion_hold"  # diffusions held: the country may not send them
    MESSAGE_HOLD = "message_hold"  # messages asking for location or arrest held for compliance review
    SUSPENSION = "suspension"  # no new requests accepted


def refuses_request(measures: frozenset[str], kind: str) -> str | None:
    """The measure that stops a new request of this kind, if any."""
    if MeasureKind.SUSPENSION in measures:
        return MeasureKind.SUSPENSION
    if kind == "diffusion" and MeasureKind.DIFFUSION_HOLD in measures:
        return MeasureKind.DIFFUSION_HOLD
    return None


# --- proposals: thresholds that propose a measure; only governance decides -------------------


@dataclass(frozen=True, slots=True)
class Thresholds:
    """When a country's record proposes a measure (settings ``ARTICLE3_OVERSIGHT_*``).

    Rates are compared through the lower bound of their confidence interval, so that a small
    number of cases never proposes anything on its own.
    """

    min_decided: int = 20
    min_complaints: int = 10
    gap: float = 0.25
    overturn: float = 0.40
    suspension: float = 0.75
    flag_share: float = 0.25
    blocked_messages: int = 5


@dataclass(frozen=True, slots=True)
class RecordFigures:
    """The part of a country's record the thresholds read (computed by ``transparency``)."""

    country: str
    decided: int
    published: int
    complaints: int | None = None
    gap_low: float | None = None
    overturn_low: float | None = None
    flag_share_low: float | None = None
    blocked_messages: int | None = None


@dataclass(frozen=True, slots=True)
class Proposal:
    """A measure the record proposes: governance decides, with its own written reasons."""

    country: str
    kind: MeasureKind
    criterion: str
    figure: float
    threshold: float
    explanation: str


def _pct(x: float) -> str:
    return f"{100 * x:.0f} %"


def _rate_proposals(f: RecordFigures, t: Thresholds) -> list[Proposal]:
    out: list[Proposal] = []
    enough_complaints = f.complaints is not None and f.complaints >= t.min_complaints
    if enough_complaints and f.decided >= t.min_decided and f.gap_low is not None and f.gap_low >= t.gap:
        out.append(
            Proposal(
                f.country,
                MeasureKind.ENHANCED_REVIEW,
                "gap",
                f.gap_low,
                t.gap,
                f"the initial pass rate exceeds the commission's confirmation rate by at least "
                f"{_pct(f.gap_low)} (threshold {_pct(t.gap)})",
            )
        )
    if f.published >= t.min_decided and f.flag_share_low is not None and f.flag_share_low >= t.flag_share:
        out.append(
            Proposal(
                f.country,
                MeasureKind.ENHANCED_REVIEW,
                "flags",
                f.flag_share_low,
                t.flag_share,
                f"at least {_pct(f.flag_share_low)} of its published requests were flagged by other "
                f"members (threshold {_pct(t.flag_share)})",
            )
        )
    if enough_complaints and f.overturn_low is not None:
        for kind, limit in ((MeasureKind.DIFFUSION_HOLD, t.overturn), (MeasureKind.SUSPENSION, t.suspension)):
            if f.overturn_low >= limit:
                out.append(
                    Proposal(
                        f.country,
                        kind,
                        "overturn",
                        f.overturn_low,
                        limit,
                        f"the commission overturned at least {_pct(f.overturn_low)} of the requests "
                        f"complained about (threshold {_pct(limit)})",
                    )
                )
    return out


def propose(figures: RecordFigures, thresholds: Thresholds, in_force: frozenset[str]) -> list[Proposal]:
    """The measures a record proposes, one per kind (the first criterion met), minus those in force."""
    found = _rate_proposals(figures, thresholds)
    if figures.blocked_messages is not None and figures.blocked_messages >= thresholds.blocked_messages:
        found.append(
            Proposal(
                figures.country,
                MeasureKind.MESSAGE_HOLD,
                "blocked_messages",
                float(figures.blocked_messages),
                float(thresholds.blocked_messages),
                f"{figures.blocked_messages} of its messages were blocked "
                f"(threshold {thresholds.blocked_messages})",
            )
        )
    seen: set[MeasureKind] = set()
    out = []
    for p in found:
        if p.kind in seen or p.kind.value in in_force:
            continue
        seen.add(p.kind)
        out.append(p)
    return out
