"""Pure rules of measures: their kinds and what each restricts."""

from __future__ import annotations

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
