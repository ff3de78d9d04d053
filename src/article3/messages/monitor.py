"""Monitoring before delivery: gather the facts about one message, then let ``rules`` decide.

The text is read for asks first; a message that asks nothing about a person is delivered without
any look-up. Otherwise the persons it concerns are looked for, with the system's full view, among
the sender's refused, deleted and provisionally blocked requests and in the protected-persons
register: the structured references when the engine calls them a match, the candidate name spans
of the free text only when the name itself agrees too (``rules.TEXT_NAME_MIN_SIMILARITY``). What is
kept is ids and scores, never names.

Attachments are read first (``read_attachments``): text files as they are, PDFs through
``pdftext`` (a bounded child process); their text is monitored like the body, its name spans taken
nearest the asks (``detect.focused_spans``). Each attachment's ``reading.Result`` (read, or why not)
goes onto its row. A PDF that cannot be read whole, and an image on a message about a person, are
facts for ``rules.attachment_reasons``.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from article3.messages import detect, files, pdftext, reading, rules
from article3.messages.models import Message
from article3.messages.rules import Ask, Concern, Reason
from article3.notices.models import Request
from article3.oversight import service as oversight
from article3.register.models import ProtectionEntry
from article3.search import service as search
from article3.search.engine import SearchEngine
from article3.search.schemas import MatchHit, PersonQuery

# Only Art. 3 rejections at intake are in the index (notices.rules.art3_rejection): a refusal too.
GONE_STATUSES = {"refused": Concern.REFUSED, "rejected": Concern.REFUSED, "deleted": Concern.DELETED}
REGISTER = "register"


@dataclass(frozen=True, slots=True)
class Examination:
    asks: frozenset[Ask]
    reasons: list[Reason]
    concerned: list[dict[str, Any]]


@dataclass(frozen=True, slots=True)
class AttachmentReading:
    """What monitoring could read of the attachments: their texts, and each one's ``reading.Result``."""

    texts: tuple[str, ...] = ()
    results: tuple[reading.Result, ...] = ()  # one per attachment, in the order sent

    @property
    def unreadable(self) -> bool:
        """A PDF whose text could not be read whole."""
        return any(r.reason in reading.PDF_PROBLEMS for r in self.results)

    @property
    def images(self) -> int:
        return sum(1 for r in self.results if r.reason is reading.Unread.IMAGE)


def read_attachments(attached: Sequence[tuple[str, bytes, str]]) -> AttachmentReading:
    """Read ``(filename, content, media type)`` attachments: text as is, PDFs within the limits."""
    texts, results = [], []
    for position, (_, content, media_type) in enumerate(attached, start=1):
        if media_type == files.TEXT:
            texts.append(content.decode("utf-8"))
            results.append(reading.read(position, media_type))
        elif media_type == "application/pdf":
            found = pdftext.extract(content)
            if found.problem:
                results.append(reading.unread(position, media_type, found.problem))
            else:
                texts.append(found.text)
                results.append(reading.read(position, media_type))
        else:
            results.append(reading.unread(position, media_type, reading.Unread.IMAGE))
    return AttachmentReading(tuple(texts), tuple(results))


def _relevant(sender: str) -> Any:
    """Index entries that can make an asking message wait: only those, so the rest cost nothing."""

    def allowed(access: dict[str, Any]) -> bool:
        if access.get("source") == REGISTER:
            return True
        if access.get("source") != "request":
            return False
        return bool(access.get("blocked")) or (
            access.get("country") == sender and access.get("status") in GONE_STATUSES
        )

    return allowed


def _request_concern(sender: str, access: dict[str, Any]) -> Concern | None:
    if access.get("blocked"):
        return Concern.BLOCKED
    if access.get("country") == sender:
        return GONE_STATUSES.get(str(access.get("status")))
    return None


def _queries(
    persons: Sequence[PersonQuery], text: str, attached: Sequence[str] = ()
) -> list[tuple[PersonQuery, str, float]]:
    """Each query, where it comes from, and the name similarity its hits need."""
    found = [(p, "reference", 0.0) for p in persons]
    spans = dict.fromkeys(detect.name_spans(text), "text")
    for content in attached:
        for span in detect.focused_spans(content):
            spans.setdefault(span, "attachment")
    found += [
        (PersonQuery(names=[span]), where, rules.TEXT_NAME_MIN_SIMILARITY) for span, where in spans.items()
    ]
    return found


def _accepted(hit: MatchHit, minimum_name: float) -> bool:
    names = hit.why.get("names") or {}
    return hit.match and float(names.get("score") or 0.0) >= minimum_name


def _protected(session: Session, refs: Iterable[str], sender: str) -> dict[str, Concern]:
    """Register entries in force against the sender (or against everyone), by ref."""
    wanted = list(refs)
    if not wanted:
        return {}
    rows = session.execute(
        select(ProtectionEntry.ref, ProtectionEntry.kind, ProtectionEntry.against_country).where(
            ProtectionEntry.ref.in_(wanted), ProtectionEntry.revoked_at.is_(None)
        )
    )
    out: dict[str, Concern] = {}
    for ref, kind, against in rows:
        if against is None or against == sender:
            out[ref] = Concern.DELETED if kind == "ccf_deletion" else Concern.PROTECTED
    return out


def concerned_persons(
    session: Session,
    *,
    engine: SearchEngine,
    sender: str,
    persons: Sequence[PersonQuery],
    text: str,
    attached: Sequence[str] = (),
) -> list[dict[str, Any]]:
    """The relevant index entries the message's persons match: ``{entry, concern, found_in, score}``
    (``found_in``: ``reference``, ``text`` or ``attachment``)."""
    queries = _queries(persons, text, attached)
    if not queries:
        return []
    results = engine.search(session, [q for q, _, _ in queries], limit=5, allowed=_relevant(sender))
    best: dict[str, tuple[float, str]] = {}
    for (_, where, minimum), hits in zip(queries, results, strict=True):
        for hit in hits:
            if _accepted(hit, minimum) and hit.score > best.get(hit.id, (0.0, ""))[0]:
                best[hit.id] = (hit.score, where)
    register = _protected(
        session, (i for i in best if search.access_of(engine, i).get("source") == REGISTER), sender
    )
    out = []
    for entry, (score, where) in best.items():
        access = search.access_of(engine, entry)
        concern = (
            register.get(entry) if access.get("source") == REGISTER else _request_concern(sender, access)
        )
        if concern is not None:
            out.append(
                {"entry": entry, "concern": concern.value, "found_in": where, "score": round(score, 3)}
            )
    return out


def referenced_requests(
    engine: SearchEngine, sender: str, requests: Sequence[Request]
) -> list[dict[str, Any]]:
    """Requests named by ref: the sender's refused or deleted ones, and any provisionally blocked."""
    out = []
    for request in requests:
        access = dict(search.access_of(engine, request.ref))
        access.setdefault("country", request.requesting_country)
        access.setdefault("status", request.status)
        concern = _request_concern(sender, access)
        if concern is not None:
            out.append({"entry": request.ref, "concern": concern.value, "found_in": "request", "score": 1.0})
    return out


def _count(session: Session, *conditions: Any) -> int:
    return int(session.scalar(select(func.count(Message.id)).where(*conditions)) or 0)


def facts(
    session: Session,
    *,
    sender: str,
    asks: frozenset[Ask],
    concerned: list[dict[str, Any]],
    now: datetime,
    attachments: rules.Facts,
) -> rules.Facts:
    recent = rules.window_start(now, rules.VOLUME_WINDOW)
    base = rules.window_start(recent, rules.BASELINE_WINDOW)
    mine = (Message.sender_country == sender, Message.asking.is_(True))
    return rules.Facts(
        asks=asks,
        concerns=frozenset(Concern(c["concern"]) for c in concerned),
        measures=oversight.active_for(session, sender),
        asking_last_window=_count(session, *mine, Message.created_at > recent, Message.created_at <= now),
        asking_baseline=_count(session, *mine, Message.created_at > base, Message.created_at <= recent),
        blocked_recently=_count(
            session,
            Message.sender_country == sender,
            Message.status == rules.Status.BLOCKED.value,
            Message.decided_at > rules.window_start(now, rules.BLOCKED_WINDOW),
        ),
        unreadable_attachment=attachments.unreadable_attachment,
        image_attachment=attachments.image_attachment,
        names_person=attachments.names_person,
    )


def _attachment_facts(
    asks: frozenset[Ask], attached: AttachmentReading, *, names_person: bool
) -> rules.Facts:
    """The facts that need no look-up: enough to decide a message that asks nothing."""
    return rules.Facts(
        asks=asks,
        concerns=frozenset(),
        measures=frozenset(),
        asking_last_window=0,
        asking_baseline=0,
        blocked_recently=0,
        unreadable_attachment=attached.unreadable,
        image_attachment=attached.images > 0,
        names_person=names_person,
    )


def examine(
    session: Session,
    *,
    engine: SearchEngine,
    sender: str,
    text: str,
    persons: Sequence[PersonQuery],
    requests: Sequence[Request],
    now: datetime,
    attachments: AttachmentReading | None = None,
) -> Examination:
    """Read the message and its attachments, find whom it concerns, decide whether to hold it (and why)."""
    attached = attachments or AttachmentReading()
    asks = detect.asks("\n".join([text, *attached.texts]))
    plain = _attachment_facts(asks, attached, names_person=bool(persons or requests))
    if not asks:
        return Examination(asks, rules.hold_reasons(plain), [])
    engine.catch_up(session)
    concerned = referenced_requests(engine, sender, requests)
    concerned += concerned_persons(
        session, engine=engine, sender=sender, persons=persons, text=text, attached=attached.texts
    )
    found = facts(session, sender=sender, asks=asks, concerned=concerned, now=now, attachments=plain)
    return Examination(asks, rules.hold_reasons(found), concerned)
