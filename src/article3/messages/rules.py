"""Pure rules of messaging: states, who reads what, and when monitoring holds a message.

Nothing here touches the database or the clock: the service gathers the facts (what the text asks,
whom it concerns, the measures in force, the sender's recent traffic) and these functions decide.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from article3.actors import Actor, Role


class Status(StrEnum):
    HELD = "held"  # waiting for a compliance reviewer; recipients see nothing
    DELIVERED = "delivered"  # in the recipients' inboxes
    BLOCKED = "blocked"  # a compliance reviewer refused to deliver it; counts against the sender


class Ask(StrEnum):
    """What a message asks about a person (detected in the text, any supported language)."""

    WHEREABOUTS = "whereabouts"
    ADDRESS = "address"
    TRAVEL = "travel"
    CONTACTS = "contacts"
    ARREST = "arrest"
    DETENTION = "detention"


LOCATION_OR_ARREST = frozenset(
    {Ask.WHEREABOUTS, Ask.ADDRESS, Ask.TRAVEL, Ask.ARREST, Ask.DETENTION}
)  # what a measure on the sender holds


class Reason(StrEnum):
    """Why monitoring held a message: stable codes, in order of importance. Never shown to the sender."""

    PROTECTED_PERSON = "protected_person"  # in the register against the sender (or against everyone)
    DELETED_REQUEST_SUBJECT = "deleted_request_subject"  # the commission deleted the sender's data on them
    REFUSED_REQUEST_SUBJECT = "refused_request_subject"  # the sender was refused a notice on them
    BLOCKED_REQUEST_SUBJECT = "blocked_request_subject"  # data on them provisionally blocked
    MEASURE_MESSAGE_HOLD = "measure_message_hold"
    MEASURE_ENHANCED_REVIEW = "measure_enhanced_review"
    REPEATED_BLOCKED_ATTEMPTS = "repeated_blocked_attempts"
    UNUSUAL_VOLUME = "unusual_volume"
    ATTACHMENT_UNREADABLE = "attachment_unreadable"  # a PDF whose text could not be read whole
    IMAGE_ABOUT_PERSON = "image_about_person"  # an image (unread) on a message about a person


ORDER = {reason: rank for rank, reason in enumerate(Reason)}
MEASURE_REASONS = {
    "message_hold": Reason.MEASURE_MESSAGE_HOLD,
    "enhanced_review": Reason.MEASURE_ENHANCED_REVIEW,
}

# Volume: a bureau's asking messages (whereabouts, address, travel, contacts, arrest, detention) in
# the last VOLUME_WINDOW, against its own daily average over the BASELINE_WINDOW before that.
VOLUME_WINDOW = timedelta(hours=24)
BASELINE_WINDOW = timedelta(days=30)
VOLUME_FLOOR = 20  # never unusual at or below this many asking messages a day
VOLUME_FACTOR = 3.0  # unusual above this multiple of the bureau's own daily average
# Repeated attempts: blocked messages in the window make every later asking message wait for review.
BLOCKED_WINDOW = timedelta(days=180)
BLOCKED_LIMIT = 2

# A structured reference counts when the search engine calls it a match. A span of free text must
# also agree on the name itself (name similarity, 0..1): no birth date backs it, and text is noisy.
TEXT_NAME_MIN_SIMILARITY = 0.95

COMPLIANCE = frozenset({Role.REVIEWER, Role.SENIOR_REVIEWER})


class Concern(StrEnum):
    """How a person the message mentions stands towards the sender."""

    PROTECTED = "protected"
    DELETED = "deleted"
    REFUSED = "refused"
    BLOCKED = "blocked"


CONCERN_REASON = {
    Concern.PROTECTED: Reason.PROTECTED_PERSON,
    Concern.DELETED: Reason.DELETED_REQUEST_SUBJECT,
    Concern.REFUSED: Reason.REFUSED_REQUEST_SUBJECT,
    Concern.BLOCKED: Reason.BLOCKED_REQUEST_SUBJECT,
}


@dataclass(frozen=True, slots=True)
class Facts:
    """Everything monitoring decides on, gathered by the service."""

    asks: frozenset[Ask]
    concerns: frozenset[Concern]
    measures: frozenset[str]
    asking_last_window: int  # the sender's asking messages in VOLUME_WINDOW, this one excluded
    asking_baseline: int  # the sender's asking messages in BASELINE_WINDOW before that
    blocked_recently: int  # the sender's blocked messages in BLOCKED_WINDOW
    unreadable_attachment: bool = False  # a PDF was encrypted, malformed, image-only or over a limit
    image_attachment: bool = False  # a PNG or JPEG is attached (no OCR: never read)
    names_person: bool = False  # structured persons or request refs given


def about_person(facts: Facts) -> bool:
    """A message is about a person when it names one (persons, requests) or asks something about one."""
    return facts.names_person or bool(facts.asks)


def attachment_reasons(facts: Facts) -> set[Reason]:
    """Attachments monitoring could not read: an unreadable PDF always waits for a person to read it;
    an image only on a message about a person (a photo or a scanned request with "where is he?")."""
    reasons = set()
    if facts.unreadable_attachment:
        reasons.add(Reason.ATTACHMENT_UNREADABLE)
    if facts.image_attachment and about_person(facts):
        reasons.add(Reason.IMAGE_ABOUT_PERSON)
    return reasons


def volume_threshold(asking_baseline: int) -> float:
    """How many asking messages a day is usual for this bureau (at least VOLUME_FLOOR)."""
    per_day = asking_baseline / (BASELINE_WINDOW / timedelta(days=1))
    return max(float(VOLUME_FLOOR), VOLUME_FACTOR * per_day)


def hold_reasons(facts: Facts) -> list[Reason]:
    """Why to hold the message, most important first; empty means deliver.

    A message that asks nothing about a person's location, contacts, arrest or detention is held
    only for its attachments (``attachment_reasons``): mentioning a refused or protected person is
    not enough.
    """
    reasons = attachment_reasons(facts)
    if not facts.asks:
        return sorted(reasons, key=ORDER.__getitem__)
    reasons |= {CONCERN_REASON[c] for c in facts.concerns}
    if facts.asks & LOCATION_OR_ARREST:
        reasons |= {MEASURE_REASONS[m] for m in facts.measures if m in MEASURE_REASONS}
        if facts.blocked_recently >= BLOCKED_LIMIT:
            reasons.add(Reason.REPEATED_BLOCKED_ATTEMPTS)
    if facts.asking_last_window + 1 > volume_threshold(facts.asking_baseline):
        reasons.add(Reason.UNUSUAL_VOLUME)
    return sorted(reasons, key=ORDER.__getitem__)


def may_read(actor: Actor, *, sender: str, recipients: frozenset[str], status: Status, held: bool) -> bool:
    """The sender's bureau always; a recipient once delivered; compliance only what monitoring held."""
    if actor.role.bound_to_country:
        if actor.country == sender:
            return True
        return status is Status.DELIVERED and actor.country in recipients
    return actor.role in COMPLIANCE and held


def may_decide(status: Status) -> bool:
    return status is Status.HELD


def sender_status(status: Status) -> str:
    """What the sending bureau is told: held messages are "held for review", never why."""
    return "held for review" if status is Status.HELD else status.value


def window_start(now: datetime, window: timedelta) -> datetime:
    return now - window
