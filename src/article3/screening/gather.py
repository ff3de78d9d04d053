"""What the system knows about a request's subject, gathered for the screening.

- **Register hits**: register entries matching the subject (all names in any script, birth date,
  nationalities) through the person-search engine, read by the register's own `hits_for` (the
  same as `register.service.matches`; one search serves register entries and requests alike).
- **Earlier requests** for the same person: the request index searched with the system's full view
  (every status, every country), the request itself excluded; for each, its status, requesting
  country, cited provisions, decision date and refusal grounds. Requests rejected at intake are left
  out when they failed the format or the minimum criteria (no one decided on their substance, and a
  corrected resubmission is not a relabelling), but kept, as `rejected` with their Art. 3 grounds,
  when intake found every offence purely political, military, religious or racial: that is a
  decision on substance, and a new request under other charges is the relabelling of P4.
- **Flags on earlier requests**: how many, and from which countries.
- **The requester's record**: published and refused requests; complaints and reversals by the
  commission are *passed in* by the caller (the complaints domain fills them; 0 until it does).
- **Departure**: a refugee or asylum entry's ``since`` date says the person was abroad by then.
- **Open cases before the commission** about the person (pre-emptive or not): the index's
  ``complaint`` entries, which only the commission's cases put there and take out when they close
  (complaints/later.py). Only their references: what the applicant wrote stays with the commission.

Searches run in a separate read-only session, so the in-memory index only ever catches up with
committed changes (never with the caller's open transaction, which may still roll back).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import bindparam, func, select
from sqlalchemy.orm import Session

from article3.notices import rules as notice_rules
from article3.notices.document import RequestDocument
from article3.notices.models import Flag, Request
from article3.register import service as register
from article3.register.schemas import RegisterHit as RegisterMatch
from article3.screening import inputs
from article3.search.access import COMPLAINT_SOURCE
from article3.search.engine import SearchEngine
from article3.search.schemas import MatchHit, PersonQuery
from article3.search.service import access_of

REQUEST_SOURCE = "request"
EARLIER_LIMIT = 20
REGISTER_LIMIT = 5
COMPLAINT_LIMIT = 5

# Review grounds (review.rules.Ground) that have a screening/commission ground of another name.
# Kept as plain strings: the screening sits below the review domain and does not import it.
REVIEW_GROUND_TO_SCREENING = {
    "article3_political": "art3_political_predominance",
    "article3_military": "art3_military",
    "article3_religious": "art3_religious",
    "article3_racial": "art3_racial",
    "refugee_policy": "refugee_protected_status",
    "protected_official": "international_official_in_capacity",
    "minimum_criteria": "minimum_criteria_not_met",
}
# How workflows word a refusal in ``status_reason`` ("<prefix>: code, code").
REFUSAL_PREFIXES = ("refused on review:", "blocked by screening:")

_STATUS = {
    "refused": inputs.EarlierStatus.REFUSED,
    "deleted": inputs.EarlierStatus.DELETED,
    "published": inputs.EarlierStatus.PUBLISHED,
    "expired": inputs.EarlierStatus.PUBLISHED,
    "suspended": inputs.EarlierStatus.PUBLISHED,
    "cancelled": inputs.EarlierStatus.CANCELLED,
    "withdrawn": inputs.EarlierStatus.WITHDRAWN,
    "in_review": inputs.EarlierStatus.IN_REVIEW,
}
_UNDECIDED = frozenset({"in_review"})
_PROTECTED = frozenset({inputs.RegisterKind.REFUGEE, inputs.RegisterKind.ASYLUM_SEEKER})


@dataclass(frozen=True, slots=True)
class Gathered:
    """Everything the screening found in the system about one request's subject."""

    register_hits: tuple[inputs.RegisterHit, ...] = ()
    earlier_requests: tuple[inputs.EarlierRequest, ...] = ()
    flags_on_earlier: inputs.FlagsOnEarlier = field(default_factory=inputs.FlagsOnEarlier)
    requester_record: inputs.RequesterRecord = field(default_factory=inputs.RequesterRecord)
    left_country_on: date | None = None
    register_detail: dict[str, str] = field(default_factory=dict)
    """For the reviewer only: per register entry, who registered it and against which country."""
    commission_cases: tuple[str, ...] = ()


def person_query(document: RequestDocument) -> PersonQuery:
    """The subject as the search engine looks for it: every name, birth date, nationalities, sex."""
    subject = document.subject
    return PersonQuery(
        names=subject.full_names(),
        birth_date=subject.birth_date,
        nationalities=list(subject.nationalities),
        sex=subject.sex,
    )


def refusal_codes(status_reason: str | None) -> tuple[str, ...]:
    """The grounds of a refusal, from the reason workflows stored, in the screening's vocabulary."""
    text = (status_reason or "").strip()
    for prefix in REFUSAL_PREFIXES:
        if text.startswith(prefix):
            codes = (c.strip() for c in text[len(prefix) :].split(","))
            return tuple(REVIEW_GROUND_TO_SCREENING.get(c, c) for c in codes if c)
    return ()


def provisions_of(document: dict[str, object] | None) -> tuple[str, ...]:
    """The provisions an earlier request cited (none once its data were deleted)."""
    offences = (document or {}).get("offences")
    if not isinstance(offences, list):
        return ()
    return tuple(str(o["provision"]) for o in offences if isinstance(o, dict) and o.get("provision"))


def earlier_from(row: Request) -> inputs.EarlierRequest | None:
    """The neutral view of an earlier request; None when it says nothing (rejected on form)."""
    if row.status == "rejected":
        return _art3_rejection(row)
    status = _STATUS.get(row.status)
    if status is None:
        return None
    decided = None if row.status in _UNDECIDED else row.status_changed_at.date()
    return inputs.EarlierRequest(
        id=row.ref,
        requesting_country=row.requesting_country,
        status=status,
        provisions=provisions_of(row.document),
        decided_on=decided,
        refusal_codes=refusal_codes(row.status_reason) if status is inputs.EarlierStatus.REFUSED else (),
    )


def _art3_rejection(row: Request) -> inputs.EarlierRequest | None:
    grounds = notice_rules.art3_rejection(str(f.get("code", "")) for f in row.intake_failures)
    if not grounds:
        return None
    return inputs.EarlierRequest(
        id=row.ref,
        requesting_country=row.requesting_country,
        status=inputs.EarlierStatus.REJECTED,
        provisions=provisions_of(row.document),
        decided_on=row.status_changed_at.date(),
        refusal_codes=grounds,
    )


def to_register_hit(hit: RegisterMatch) -> inputs.RegisterHit:
    return inputs.RegisterHit(
        entry_id=hit.ref,
        kind=inputs.RegisterKind(hit.kind.value),
        against_country=hit.against_country,
        organisation=hit.organisation,
        since=hit.since,
        score=round(hit.score, 4),
    )


def register_detail(hit: RegisterMatch) -> str:
    against = f"; protected against {hit.against_country}" if hit.against_country else ""
    return f"registered by {hit.registered_by or 'unknown'}{against}"


def left_country_on(hits: Iterable[inputs.RegisterHit], requester: str) -> date | None:
    """The person was abroad by the earliest ``since`` of a refugee or asylum entry (any country)."""
    dates = [
        h.since for h in hits if h.kind in _PROTECTED and h.since and (h.against_country in {None, requester})
    ]
    return min(dates) if dates else None


def requester_record(
    session: Session, country: str, *, complaints: int = 0, overturned: int = 0
) -> inputs.RequesterRecord:
    """The requesting country's published and refused requests so far.

    ``complaints`` and ``overturned`` are the hook for the complaints domain: the number of this
    requester's requests challenged before the commission, and how many it found non-compliant.
    The screening does not count them itself; whoever owns the commission's decisions passes them.
    """
    counts = dict(session.execute(_STATUS_COUNTS, {"country": country}).all())
    published = sum(counts.get(s, 0) for s in ("published", "expired", "suspended"))
    return inputs.RequesterRecord(
        published=published,
        refused=counts.get("refused", 0),
        complaints=complaints,
        overturned=overturned,
    )


# Asked for every new request: built once (a statement built per call costs several times its
# execution), executed with ``country``.
_STATUS_COUNTS = (
    select(Request.status, func.count())
    .where(Request.requesting_country == bindparam("country"))
    .group_by(Request.status)
)


def _is_request(access: Mapping[str, Any]) -> bool:
    return access.get("source") == REQUEST_SOURCE


def _is_complaint(access: Mapping[str, Any]) -> bool:
    return access.get("source") == COMPLAINT_SOURCE


def search_once(reader: Session, *, engine: SearchEngine, person: PersonQuery) -> list[MatchHit]:
    """One search, with the system's full view, over register entries, requests and open cases."""
    [hits] = engine.search(
        reader,
        [person],
        limit=EARLIER_LIMIT + REGISTER_LIMIT + COMPLAINT_LIMIT,
        allowed=lambda a: _is_request(a) or register.is_register_entry(a) or _is_complaint(a),
    )
    return hits


def earlier_requests(
    reader: Session, *, engine: SearchEngine, person: PersonQuery, exclude_ref: str
) -> list[Request]:
    """Requests about the same person, whoever sent them and whatever their status (full view)."""
    [hits] = engine.search(reader, [person], limit=EARLIER_LIMIT, allowed=_is_request)
    return requests_for(reader, hits, exclude_ref=exclude_ref)


def requests_for(reader: Session, hits: Iterable[MatchHit], *, exclude_ref: str) -> list[Request]:
    """The requests behind search hits of requests, oldest first, the request itself left out."""
    refs = [h.id for h in hits if h.match and h.id != exclude_ref]
    if not refs:
        return []
    rows = reader.scalars(select(Request).where(Request.ref.in_(refs))).all()
    return sorted(rows, key=lambda r: r.id)


def flags_on(reader: Session, *, request_ids: list[int], requester: str) -> inputs.FlagsOnEarlier:
    """Other countries' flags on the earlier requests."""
    if not request_ids:
        return inputs.FlagsOnEarlier()
    rows = reader.execute(
        select(Flag.country_code, Flag.reason).where(
            Flag.request_id.in_(request_ids), Flag.country_code != requester
        )
    ).all()
    refused = {c for c, reason in rows if reason == notice_rules.FlagReason.EXTRADITION_REFUSED}
    others = [c for c, reason in rows if reason != notice_rules.FlagReason.EXTRADITION_REFUSED]
    return inputs.FlagsOnEarlier(
        count=len(others), countries=tuple(sorted(set(others))), extradition_refused=tuple(sorted(refused))
    )


@contextmanager
def read_only(session: Session) -> Iterator[Session]:
    """A second session on the same database that sees only committed data."""
    with Session(bind=session.get_bind()) as reader:
        try:
            yield reader
        finally:
            reader.rollback()


def gather(
    session: Session,
    *,
    engine: SearchEngine,
    request: Request,
    document: RequestDocument,
    complaints: int = 0,
    overturned: int = 0,
) -> Gathered:
    """Register hits, earlier requests and their flags, and the requester's record (module docstring)."""
    person = person_query(document)
    requester = request.requesting_country
    with read_only(session) as reader:
        hits = search_once(reader, engine=engine, person=person)
        kinds = {h.id: access_of(engine, h.id) for h in hits}
        matches = register.hits_for(reader, [h for h in hits if register.is_register_entry(kinds[h.id])])
        matches = matches[:REGISTER_LIMIT]
        rows = requests_for(reader, [h for h in hits if _is_request(kinds[h.id])], exclude_ref=request.ref)
        flags = flags_on(reader, request_ids=[r.id for r in rows], requester=requester)
        earlier = tuple(e for r in rows if (e := earlier_from(r)) is not None)
        cases = tuple(sorted(h.id for h in hits if h.match and _is_complaint(kinds[h.id])))
    found = tuple(to_register_hit(m) for m in matches)
    return Gathered(
        register_hits=found,
        earlier_requests=earlier,
        flags_on_earlier=flags,
        requester_record=requester_record(session, requester, complaints=complaints, overturned=overturned),
        left_country_on=left_country_on(found, requester),
        register_detail={m.ref: register_detail(m) for m in matches},
        commission_cases=cases[:COMPLAINT_LIMIT],
    )
