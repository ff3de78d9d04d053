"""The simulated governance body: once a quarter of simulated time it reads the measure proposals
exactly as the oversight page and API compute them (``transparency.service.proposals``, with the
deployment's thresholds and the runtime's complaint and message figures) and applies every proposed
measure through ``oversight.service.apply``, with a governance account and a written reason.

It lifts nothing: lifting needs a written decision on new facts, which this simulation does not
model (docs/simulation.md, "Governance"). Country codes are not personal data: the adopted
measures are reported by country.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from article3.actors import Actor
from article3.bootstrap import Runtime
from article3.db.session import transaction
from article3.errors import Article3Error
from article3.oversight import service as oversight
from article3.oversight.rules import MeasureKind
from article3.oversight.schemas import MeasureApply
from article3.transparency import service as transparency

USERNAME = "sim.governance"
QUARTER_MONTHS = (1, 4, 7, 10)


@dataclass(frozen=True, slots=True)
class Adopted:
    """One measure the simulated governance applied."""

    at: datetime
    country: str
    kind: str
    criterion: str
    figure: float
    threshold: float

    def as_dict(self) -> dict[str, object]:
        return {
            "at": self.at.date().isoformat(),
            "country": self.country,
            "kind": self.kind,
            "criterion": self.criterion,
            "figure": round(self.figure, 4),
            "threshold": self.threshold,
        }


def sittings(first: datetime, last: datetime) -> list[datetime]:
    """The first day of every quarter after ``first`` and up to ``last`` (09:00 UTC)."""
    out = []
    year = first.year
    while year <= last.year:
        for month in QUARTER_MONTHS:
            when = datetime(year, month, 1, 9, tzinfo=UTC)
            if first < when <= last:
                out.append(when)
        year += 1
    return out


def reason(explanation: str, criterion: str, when: datetime) -> str:
    return (
        f"Decision of the governance body at its sitting of {when.date().isoformat()}: {explanation} "
        f"(criterion: {criterion}). The measure applies until lifted by a written decision."
    )


def sit(rt: Runtime, actor: Actor, now: datetime) -> list[Adopted]:
    """One sitting: read the proposals, apply each in its own transaction; returns what was adopted."""
    with rt.session() as session:
        proposals = transparency.proposals(session, settings=rt.settings, now=now, sources=rt.statistics)
    adopted = []
    for p in proposals:
        data = MeasureApply(
            country=p.country, kind=MeasureKind(p.kind), reason=reason(p.explanation, p.criterion, now)
        )
        try:
            with rt.session() as session, transaction(session):
                oversight.apply(session, actor=actor, data=data, now=now)
        except Article3Error:
            continue  # already in force (two criteria proposing one kind): nothing to adopt
        adopted.append(Adopted(now, p.country, p.kind, p.criterion, p.figure, p.threshold))
    return adopted
