"""What the screening sees: frozen, ORM-free values filled by the screening service.

Dates are plain `date`s; "today" is part of the input, never read from a clock. Collections are
tuples (and a frozenset for measures) so an input cannot change while it is being screened.
Country values are whatever code the countries registry uses (ISO 3166-1 alpha-2 in practice);
the dissent-law catalogue is keyed by alpha-2 and also knows alpha-3 codes.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum


class RegisterKind(StrEnum):
    """Kinds of entries in the protected-persons register."""

    REFUGEE = "refugee"
    ASYLUM_SEEKER = "asylum_seeker"
    INTERNATIONAL_OFFICIAL = "international_official"
    JOURNALIST = "journalist"
    HUMAN_RIGHTS_DEFENDER = "human_rights_defender"
    POLITICIAN = "politician"
    OPPOSITION_FIGURE = "opposition_figure"
    CCF_DELETION = "ccf_deletion"


class EarlierStatus(StrEnum):
    """Status of an earlier request about the same person."""

    REFUSED = "refused"
    DELETED = "deleted"
    PUBLISHED = "published"
    CANCELLED = "cancelled"
    WITHDRAWN = "withdrawn"
    IN_REVIEW = "in_review"
    REJECTED = "rejected"


class ProceedingKind(StrEnum):
    """Kinds of prior proceedings the request or the service can report.

    Unknown kinds are allowed in `PriorProceeding.kind` (it is a plain string) and ignored.
    """

    INVESTIGATION_OPENED = "investigation_opened"
    CHARGED = "charged"
    WARRANT = "warrant"
    CONVICTION = "conviction"
    IN_ABSENTIA = "in_absentia"
    CIVIL = "civil"
    ARBITRATION = "arbitration"
    EXTRADITION_REFUSED = "extradition_refused"


@dataclass(frozen=True, slots=True)
class Offence:
    """One offence as cited by the requester."""

    provision: str
    description: str = ""
    category: str = ""
    committed_on: date | None = None
    place: str = ""


@dataclass(frozen=True, slots=True)
class PriorProceeding:
    """A step in the proceedings behind the request (or a parallel civil case)."""

    country: str
    kind: str
    on: date | None = None


@dataclass(frozen=True, slots=True)
class Request:
    """The request being screened (red notice, diffusion or message asking for arrest/location)."""

    kind: str
    purpose: str
    requesting_country: str
    recipients: tuple[str, ...] = ()
    subject_names: tuple[str, ...] = ()
    birth_date: date | None = None
    nationalities: tuple[str, ...] = ()
    occupations: tuple[str, ...] = ()
    offences: tuple[Offence, ...] = ()
    facts: str = ""
    warrant_issued_on: date | None = None
    prior_proceedings: tuple[PriorProceeding, ...] = ()


@dataclass(frozen=True, slots=True)
class RegisterHit:
    """A match of the subject against the protected-persons register."""

    entry_id: str
    kind: RegisterKind
    against_country: str | None = None
    organisation: str | None = None
    since: date | None = None
    score: float = 1.0


@dataclass(frozen=True, slots=True)
class EarlierRequest:
    """An earlier request about the same person (from any country)."""

    id: str
    requesting_country: str
    status: EarlierStatus
    provisions: tuple[str, ...] = ()
    decided_on: date | None = None
    refusal_codes: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class FlagsOnEarlier:
    """Recipient flags ("no action on our territory") on earlier requests for the person."""

    count: int = 0
    countries: tuple[str, ...] = ()
    # Countries whose flag says they refused extradition in the case (counted apart from the rest).
    extradition_refused: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class RequesterRecord:
    """The requesting country's record over a period (counts of its requests)."""

    published: int = 0
    refused: int = 0
    complaints: int = 0
    overturned: int = 0
    period_start: date | None = None
    period_end: date | None = None


@dataclass(frozen=True, slots=True)
class ScreeningInput:
    """Everything one screening run sees."""

    request: Request
    today: date
    criteria_failures: tuple[str, ...] = ()
    register_hits: tuple[RegisterHit, ...] = ()
    earlier_requests: tuple[EarlierRequest, ...] = ()
    flags_on_earlier: FlagsOnEarlier = field(default_factory=FlagsOnEarlier)
    requester_record: RequesterRecord = field(default_factory=RequesterRecord)
    measures_in_force: frozenset[str] = frozenset()
    commission_cases: tuple[str, ...] = ()  # open cases about the subject (the commission's refs)
    subject_left_country_on: date | None = None
    subject_criticised_on: date | None = None
