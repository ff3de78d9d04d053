"""Pure rules of a complaint: kinds, the status machine, admissibility, the statutory clocks.

"now" is always a parameter. Months are calendar months with the day clamped (31 January + 1 month
is the last day of February). Sources: interpol-rules.md §3 and §8 E, ccf-decisions.md §1 and §4.2.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from enum import StrEnum

from article3.errors import InvalidTransition

ADMISSIBILITY_MONTHS = 1
DECISION_MONTHS = {"access": 4, "correction": 9, "deletion": 9, "revision": 9}
REVISION_WINDOW_MONTHS = 6
CONSULTATION_MONTHS = 1
WARN_DAYS = 14
# The commission's time to order a provisional block on a request newly linked to an open case,
# before a reviewer may publish it (interpol-rules.md §3.3 "interim protection", §8 E 23).
BLOCK_WINDOW_DAYS = 14
MAX_EXTENSION_MONTHS = 6


class Kind(StrEnum):
    ACCESS = "access"
    CORRECTION = "correction"
    DELETION = "deletion"
    REVISION = "revision"


class Status(StrEnum):
    RECEIVED = "received"
    INADMISSIBLE = "inadmissible"
    ADMISSIBLE = "admissible"
    CONSULTATION = "consultation"
    DELIBERATION = "deliberation"
    DECIDED = "decided"


class Outcome(StrEnum):
    COMPLIANT = "compliant"
    COMPLIANT_WITH_UPDATE = "compliant_with_update"
    NON_COMPLIANT = "non_compliant"


class Finding(StrEnum):
    UPHELD = "upheld"
    REJECTED = "rejected"
    NOT_EXAMINED = "not_examined"


class Clock(StrEnum):
    ADMISSIBILITY = "admissibility"
    DECISION = "decision"


class ClockState(StrEnum):
    RUNNING = "running"
    DUE_SOON = "due_soon"
    OVERDUE = "overdue"
    MET = "met"
    MISSED = "missed"


class Ground(StrEnum):
    """The commission's grounds (ccf-decisions.md §1.3), in the code space screening shares."""

    ART3_POLITICAL_PREDOMINANCE = "art3_political_predominance"
    ART3_MILITARY = "art3_military"
    ART3_RELIGIOUS = "art3_religious"
    ART3_RACIAL = "art3_racial"
    MISUSE_OF_CHANNELS = "misuse_of_channels"
    ART2_HUMAN_RIGHTS = "art2_human_rights"
    ART2_FAIR_TRIAL = "art2_fair_trial"
    ART2_IN_ABSENTIA = "art2_in_absentia"
    REFUGEE_PROTECTED_STATUS = "refugee_protected_status"
    INSUFFICIENT_SUMMARY_OF_FACTS = "insufficient_summary_of_facts"
    NO_EFFECTIVE_PARTICIPATION = "no_effective_participation"
    INVALID_JUDICIAL_BASIS = "invalid_judicial_basis"
    NE_BIS_IN_IDEM = "ne_bis_in_idem"
    PRIVATE_DISPUTE = "private_dispute"
    FAMILY_MATTER = "family_matter"
    INSUFFICIENT_SERIOUSNESS = "insufficient_seriousness"
    PENALTY_THRESHOLD_NOT_MET = "penalty_threshold_not_met"
    PURPOSE_NOT_SERVED = "purpose_not_served"
    EXTRADITION_NOT_PURSUED = "extradition_not_pursued"
    EXTRADITION_REFUSED = "extradition_refused"
    PROCEEDINGS_TRANSFERRED = "proceedings_transferred"
    STATUTE_OF_LIMITATIONS_LAPSED = "statute_of_limitations_lapsed"
    AMNESTY_OR_PARDON = "amnesty_or_pardon"
    DATA_INACCURATE = "data_inaccurate"
    NCB_NON_COOPERATION = "ncb_non_cooperation"
    PRIOR_CCF_DELETION_SAME_FACTS = "prior_ccf_deletion_same_facts"


class RestrictionReason(StrEnum):
    """The listed grounds on which a source may restrict what the applicant is told (Art. 35)."""

    NATIONAL_SECURITY = "national_security"
    PUBLIC_ORDER = "public_order"
    PREVENTION_OF_CRIME = "prevention_of_crime"
    CONFIDENTIALITY_OF_INVESTIGATION = "confidentiality_of_investigation"
    PROTECTION_OF_OTHERS = "protection_of_others"


ALLOWED_TRANSITIONS: dict[Status, frozenset[Status]] = {
    Status.RECEIVED: frozenset({Status.ADMISSIBLE, Status.INADMISSIBLE}),
    Status.ADMISSIBLE: frozenset({Status.CONSULTATION, Status.DECIDED}),
    Status.CONSULTATION: frozenset({Status.DELIBERATION, Status.DECIDED}),
    Status.DELIBERATION: frozenset({Status.CONSULTATION, Status.DECIDED}),
}
OPEN = frozenset({Status.RECEIVED, Status.ADMISSIBLE, Status.CONSULTATION, Status.DELIBERATION})
PENDING_DECISION = OPEN - {Status.RECEIVED}


def check_transition(current: Status, target: Status) -> None:
    """Raise InvalidTransition unless the table allows ``current`` → ``target``."""
    if target not in ALLOWED_TRANSITIONS.get(current, frozenset()):
        raise InvalidTransition(
            f"A complaint cannot go from {current.value} to {target.value}",
            code="complaint.invalid_transition",
            details=[{"from": current.value, "to": target.value}],
        )


def add_months(moment: datetime, months: int) -> datetime:
    """Calendar months, clamping the day (31 January + 1 month = 28 or 29 February)."""
    index = moment.month - 1 + months
    year, month = moment.year + index // 12, index % 12 + 1
    day = min(moment.day, calendar.monthrange(year, month)[1])
    return moment.replace(year=year, month=month, day=day)


def admissibility_due(received_at: datetime, extension_months: int = 0) -> datetime:
    """One month from receipt, plus every recorded extension."""
    return add_months(received_at, ADMISSIBILITY_MONTHS + extension_months)


def decision_due(kind: Kind, admissible_at: datetime, extension_months: int = 0) -> datetime:
    """Four months from admissibility for access, nine for correction, deletion and revision."""
    return add_months(admissible_at, DECISION_MONTHS[kind.value] + extension_months)


def consultation_due(asked_at: datetime, months: int = CONSULTATION_MONTHS) -> datetime:
    return add_months(asked_at, months)


def revision_window_open(discovered_on: date, received_on: date) -> bool:
    """A revision must be lodged within six months of discovering the new fact (and not before it)."""
    start = datetime(discovered_on.year, discovered_on.month, discovered_on.day, tzinfo=UTC)
    end = add_months(start, REVISION_WINDOW_MONTHS).date()
    return discovered_on <= received_on <= end


def clock_state(due: datetime, now: datetime, done_at: datetime | None = None) -> ClockState:
    """Where one statutory clock stands: met or missed once done, else running, due soon or overdue."""
    if done_at is not None:
        return ClockState.MET if done_at <= due else ClockState.MISSED
    if now > due:
        return ClockState.OVERDUE
    if now >= due - timedelta(days=WARN_DAYS):
        return ClockState.DUE_SOON
    return ClockState.RUNNING


@dataclass(frozen=True, slots=True)
class Clocks:
    """A case's clocks as stored facts; which one runs depends on where the case stands."""

    status: Status
    admissibility_due: datetime
    admissible_at: datetime | None
    decision_due: datetime | None
    decided_at: datetime | None


def running_clock(c: Clocks) -> tuple[Clock, datetime] | None:
    """The clock that runs now: admissibility until assessed, then the decision until decided."""
    if c.status is Status.RECEIVED:
        return Clock.ADMISSIBILITY, c.admissibility_due
    if c.status in PENDING_DECISION and c.decision_due is not None:
        return Clock.DECISION, c.decision_due
    return None


def overdue(cases: list[tuple[str, Clocks]], now: datetime) -> list[tuple[str, Clock, datetime]]:
    """The open cases whose running clock has passed, oldest deadline first."""
    late = [
        (key, clock, due)
        for key, c in cases
        if (running := running_clock(c)) is not None
        for clock, due in [running]
        if now > due
    ]
    return sorted(late, key=lambda item: (item[2], item[0]))


def admissibility_problem(
    kind: Kind,
    *,
    received_on: date,
    new_fact: str | None,
    discovered_on: date | None,
    parent_decided: bool,
) -> str | None:
    """Why a complaint is inadmissible on its face, or None. Pre-emptive requests are admissible."""
    if kind is not Kind.REVISION:
        return None
    if not parent_decided:
        return "a revision needs an earlier decided case"
    if not new_fact or discovered_on is None:
        return "a revision needs a newly discovered decisive fact and the date of its discovery"
    if not revision_window_open(discovered_on, received_on):
        return "a revision must be lodged within six months of discovering the new fact"
    return None


def decision_problem(
    outcome: Outcome, findings: dict[Ground, Finding], update_text: str | None
) -> str | None:
    """A decision is consistent with its findings: deletion needs an upheld ground, compliance none
    (an update may rest on an upheld ground such as a refused extradition), and an update its text."""
    upheld = [g for g, f in findings.items() if f is Finding.UPHELD]
    if outcome is Outcome.NON_COMPLIANT and not upheld:
        return "a non-compliant decision needs at least one upheld ground"
    if outcome is Outcome.COMPLIANT and upheld:
        return "a compliant decision cannot uphold a ground; decide compliant_with_update or non_compliant"
    if outcome is Outcome.COMPLIANT_WITH_UPDATE and not (update_text and update_text.strip()):
        return "a decision compliant with update needs the update's text"
    return None


def complete_findings(raised: list[Ground], findings: dict[Ground, Finding]) -> dict[Ground, Finding]:
    """Every ground the applicant raised gets a finding; one the decision left aside is `not_examined`,
    so the statistics show the claims the commission did not reach."""
    return {**dict.fromkeys(raised, Finding.NOT_EXAMINED), **findings}


def may_block(status: Status) -> bool:
    """A provisional block may be ordered at once (urgent cases) and at any time before the decision."""
    return status in OPEN


def publication_waits_until(linked_at: datetime, now: datetime) -> datetime | None:
    """Until when a request linked at ``linked_at`` to an open, unblocked case waits for the
    commission's word before it may be published; None once the window has passed."""
    until = linked_at + timedelta(days=BLOCK_WINDOW_DAYS)
    return until if now < until else None
