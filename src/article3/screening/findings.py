"""Findings: what one check concluded, with the evidence a reviewer can follow."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from article3.screening.reasons import REASONS, SEVERITY_RANK, ReasonCode, Severity, severity_for


class EvidenceKind(StrEnum):
    """What an evidence reference points at."""

    REGISTER_ENTRY = "register_entry"
    FACTS = "facts"
    OFFENCE = "offence"
    OCCUPATION = "occupation"
    EARLIER_REQUEST = "earlier_request"
    CATALOGUE_ENTRY = "catalogue_entry"
    CRITERION = "criterion"
    PROCEEDING = "proceeding"
    FLAGS = "flags"
    REQUESTER_RECORD = "requester_record"
    MEASURE = "measure"
    COMMISSION_CASE = "commission_case"
    MODEL = "model"
    WORDING = "wording"


@dataclass(frozen=True, slots=True)
class Evidence:
    """A pointer to the thing a finding rests on.

    `ref` identifies it (a register entry id, an earlier request id, a catalogue entry id,
    `offences[0]`, `facts[120:141]`); `detail` quotes or summarises it.
    """

    kind: EvidenceKind
    ref: str
    detail: str = ""


@dataclass(frozen=True, slots=True)
class Finding:
    """One reason, with its weight in the risk and its evidence."""

    code: ReasonCode
    severity: Severity
    weight: float
    explanation: str
    evidence: tuple[Evidence, ...] = ()
    ground: str | None = None

    @property
    def hard(self) -> bool:
        """True when this finding blocks the request outright."""
        return self.severity is Severity.BLOCK


def finding(
    code: ReasonCode,
    weight: float,
    explanation: str,
    evidence: Iterable[Evidence] = (),
    *,
    ground: str | None = None,
) -> Finding:
    """Build a finding; severity and default ground come from the reason catalogue."""
    info = REASONS[code]
    w = 1.0 if info.hard else min(max(weight, 0.0), 0.99)
    return Finding(
        code=code,
        severity=severity_for(w, hard=info.hard),
        weight=round(w, 4),
        explanation=explanation,
        evidence=tuple(evidence),
        ground=ground if ground is not None else (info.ground.value if info.ground else None),
    )


def ordered(findings: Iterable[Finding]) -> tuple[Finding, ...]:
    """Most important first: hard blocks, then by weight, then by code for stability."""
    return tuple(sorted(findings, key=lambda f: (SEVERITY_RANK[f.severity], -f.weight, f.code.value)))


def noisy_or(weights: Iterable[float]) -> float:
    """Combine independent pieces of evidence: 1 - prod(1 - w)."""
    remaining = 1.0
    for w in weights:
        remaining *= 1.0 - min(max(w, 0.0), 1.0)
    return 1.0 - remaining
