"""The simulated governance body. Once a quarter of simulated time it sits and:

1. reviews every measure in force that it adopted: it reads the country's record over the
   trailing window exactly as the proposals do (``transparency.service.trailing_figures``, read
   once per sitting and used for both steps) and
   asks whether that record would still propose the measure if no measure were in force
   (``oversight.rules.propose`` with nothing in force). When it would not at ``LIFT_AFTER``
   consecutive sittings, the body lifts the measure through ``oversight.service.lift`` with a
   written reason quoting the criterion that adopted it, the current figure, the threshold and the
   sittings: never quietly;
2. reads the measure proposals exactly as the oversight page and API compute them
   (``transparency.service.proposals_for`` those records) and applies every proposed measure through
   ``oversight.service.apply``, with a written reason.

Each decision is its own transaction. Country codes are not personal data: the adopted and lifted
measures are reported by country (docs/simulation.md, "Governance").
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime

from article3.actors import Actor
from article3.bootstrap import Runtime
from article3.db.session import transaction
from article3.errors import Article3Error
from article3.oversight import service as oversight
from article3.oversight.rules import MeasureKind, RecordFigures, Thresholds, propose
from article3.oversight.schemas import MeasureApply, MeasureLift, MeasureRead
from article3.transparency import service as transparency

USERNAME = "sim.governance"
QUARTER_MONTHS = (1, 4, 7, 10)
# A measure is lifted when its grounds have been absent at this many consecutive sittings: four
# sittings are one year. Fixed a priori, not fitted: a measure should outlast a quiet quarter or two
# (a bureau under a measure sends fewer requests, so one clean window proves little), and a year
# is the period the record itself is judged over (ARTICLE3_OVERSIGHT_WINDOW_DAYS, 365 by default).
LIFT_AFTER = 4
# What each criterion reads from the record (the names ``oversight.rules.propose`` gives them).
FIGURES: dict[str, Callable[[RecordFigures], float | None]] = {
    "gap": lambda f: f.gap_low,
    "flags": lambda f: f.flag_share_low,
    "overturn": lambda f: f.overturn_low,
    "blocked_messages": lambda f: None if f.blocked_messages is None else float(f.blocked_messages),
}


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
        return _row(self.at, self.country, self.kind, self.criterion, self.figure, self.threshold)


@dataclass(frozen=True, slots=True)
class Lifted:
    """One measure the simulated governance lifted: its adopting criterion's figure at the lifting
    (None when the window holds too few cases to compute it), and the quiet sittings behind it."""

    at: datetime
    country: str
    kind: str
    criterion: str
    figure: float | None
    threshold: float
    sittings: int

    def as_dict(self) -> dict[str, object]:
        row = _row(self.at, self.country, self.kind, self.criterion, self.figure, self.threshold)
        return row | {"sittings": self.sittings}


def _row(
    at: datetime, country: str, kind: str, criterion: str, figure: float | None, threshold: float
) -> dict[str, object]:
    """A measure as the report lists it (country codes are not personal data)."""
    return {
        "at": at.date().isoformat(),
        "country": country,
        "kind": kind,
        "criterion": criterion,
        "figure": None if figure is None else round(figure, 4),
        "threshold": threshold,
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


def _show(criterion: str, x: float) -> str:
    return f"{x:g}" if criterion == "blocked_messages" else f"{100 * x:.0f} %"


def lift_reason(lifted: Lifted, *, window_days: int) -> str:
    """The published reasons of a lifting: the criterion, the figure, the threshold, the sittings."""
    c = lifted.criterion
    if lifted.figure is None:
        figure = "cannot be computed: the record holds too few cases"
    else:
        figure = f"stands at {_show(c, lifted.figure)}"
        if lifted.figure >= lifted.threshold:
            figure += ", on fewer cases than the criterion's minimum"
    return (
        f"Decision of the governance body at its sitting of {lifted.at.date().isoformat()}: the "
        f"{lifted.kind} measure on {lifted.country} is lifted. It was adopted on the criterion {c} "
        f"(threshold {_show(c, lifted.threshold)}). Over the trailing {window_days} days that figure "
        f"{figure}, and the country's record has met no criterion proposing this measure at "
        f"{lifted.sittings} consecutive sittings: its grounds are gone."
    )


@dataclass
class Body:
    """The simulated governance body: its account, and what it keeps between sittings (the grounds
    of each measure it adopted, and how many sittings in a row those grounds have been absent)."""

    rt: Runtime
    actor: Actor
    grounds: dict[int, Adopted] = field(default_factory=dict)
    quiet: dict[int, int] = field(default_factory=dict)

    def sit(self, now: datetime) -> tuple[list[Adopted], list[Lifted]]:
        """One sitting: read the records once, review the measures in force, then adopt what is proposed."""
        with self.rt.session() as session:
            records = transparency.trailing_figures(
                session, settings=self.rt.settings, now=now, sources=self.rt.statistics
            )
        lifted = self.review(now, records)
        return self.adopt(now, records), lifted

    def adopt(self, now: datetime, records: list[RecordFigures]) -> list[Adopted]:
        """Read the proposals, apply each in its own transaction; returns what was adopted."""
        limits = transparency.thresholds(self.rt.settings)
        with self.rt.session() as session:
            found = transparency.proposals_for(session, records, limits=limits)
        adopted = []
        for p in found:
            data = MeasureApply(
                country=p.country, kind=MeasureKind(p.kind), reason=reason(p.explanation, p.criterion, now)
            )
            try:
                with self.rt.session() as session, transaction(session):
                    measure = oversight.apply(session, actor=self.actor, data=data, now=now)
            except Article3Error:
                continue  # already in force (two criteria proposing one kind): nothing to adopt
            done = Adopted(now, p.country, p.kind, p.criterion, p.figure, p.threshold)
            self.grounds[measure.id] = done
            adopted.append(done)
        return adopted

    def review(self, now: datetime, records: list[RecordFigures]) -> list[Lifted]:
        """Count, for each measure in force that this body adopted, the sittings its record has not
        proposed it; lift those at ``LIFT_AFTER``, each in its own transaction, with written reasons."""
        with self.rt.session() as session:
            in_force = [m for m in oversight.list_measures(session) if m.lifted_at is None]
        by_country = {f.country: f for f in records}
        limits = transparency.thresholds(self.rt.settings)
        lifted = []
        for m in in_force:
            if m.id not in self.grounds:
                continue  # not adopted by this body: its grounds are not for it to review
            record = by_country.get(m.country, RecordFigures(country=m.country, decided=0, published=0))
            if grounded(record, limits, m.kind):
                self.quiet[m.id] = 0
                continue
            self.quiet[m.id] = self.quiet.get(m.id, 0) + 1
            if self.quiet[m.id] < LIFT_AFTER:
                continue
            try:
                lifted.append(self.lift(m, record, now))
            except Article3Error:
                continue  # lifted since the review began: nothing left to lift
        return lifted

    def lift(self, m: MeasureRead, record: RecordFigures, now: datetime) -> Lifted:
        grounds = self.grounds[m.id]
        figure = FIGURES[grounds.criterion](record)
        done = Lifted(
            now, m.country, m.kind.value, grounds.criterion, figure, grounds.threshold, self.quiet.pop(m.id)
        )
        text = lift_reason(done, window_days=self.rt.settings.oversight_window_days)
        with self.rt.session() as session, transaction(session):
            oversight.lift(session, actor=self.actor, measure_id=m.id, data=MeasureLift(reason=text), now=now)
        return done


def grounded(record: RecordFigures, limits: Thresholds, kind: str) -> bool:
    """Would this record propose a measure of this kind if none were in force? Any criterion
    counts: lifting a measure that another criterion proposes would only re-adopt it."""
    return any(p.kind.value == kind for p in propose(record, limits, frozenset()))
