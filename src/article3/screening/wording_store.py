"""The wording evidence: its tallies in the database, counted at each commission decision.

``count_decided`` runs inside the commission's decision, before a ``non_compliant`` outcome purges
the request's document: it scores the request with the counts so far, keeps that score with the
outcome, then adds the request's phrases to the tallies. A request is counted once; when a later
decision finds a request non-compliant that an earlier one let stand, its phrases move from one
column to the other. ``calibrate`` fits the scores kept so far (``screening train``);
``evidence_for`` gives the screening what it adds for a new request. The pure part is ``wording``.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import asdict
from datetime import datetime

from sqlalchemy import Table, bindparam, case, func, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from article3.actors import Actor
from article3.audit import service as audit
from article3.audit.actions import AuditAction
from article3.notices.document import RequestDocument
from article3.screening import wording
from article3.screening.models import WordingCalibration, WordingDecision, WordingPhrase
from article3.screening.schemas import WordingCalibrationRead, WordingPhraseRead, WordingRead
from article3.screening.wording import Calibration, Tally, WordingEvidence

MIN_DECIDED = 20  # decided requests, of both outcomes, before a calibration is fitted
_CHUNK = 500  # keys per IN (...) query
_PHRASES: Table = WordingPhrase.__table__  # type: ignore[assignment]


def document_phrases(document: RequestDocument) -> frozenset[str]:
    """The phrases of a request: its summary of facts, its charges (words and provisions) and the
    subject's stated occupations, without the subject's names."""
    parts = [document.facts, *(f"{o.description} {o.provision}" for o in document.offences)]
    parts.extend(document.subject.occupations)
    return wording.phrases(parts, document.subject.full_names())


def totals(session: Session) -> Tally:
    """How many counted requests were found non-compliant / let stand."""
    rows = dict(
        session.execute(
            select(WordingDecision.non_compliant, func.count()).group_by(WordingDecision.non_compliant)
        ).all()
    )
    return Tally(overturned=int(rows.get(True, 0)), stood=int(rows.get(False, 0)))


def tallies(session: Session, keyed: dict[str, str], *, usable_only: bool = False) -> dict[str, Tally]:
    """Phrase text -> tally, for the given {key: phrase text} that have been counted."""
    out: dict[str, Tally] = {}
    keys = list(keyed)
    for start in range(0, len(keys), _CHUNK):
        query = select(WordingPhrase.key, WordingPhrase.overturned, WordingPhrase.stood).where(
            WordingPhrase.key.in_(keys[start : start + _CHUNK])
        )
        if usable_only:
            query = query.where(WordingPhrase.overturned + WordingPhrase.stood >= wording.MIN_USES)
        for key, overturned, stood in session.execute(query):
            out[keyed[key]] = Tally(overturned, stood)
    return out


def latest_calibration(session: Session) -> Calibration | None:
    row = session.scalars(select(WordingCalibration).order_by(WordingCalibration.id.desc()).limit(1)).first()
    if row is None:
        return None
    return Calibration(row.slope, row.intercept, row.n, row.positives, row.fitted_at)


def _keyed(document: RequestDocument, key: bytes) -> dict[str, str]:
    """The request's phrases by their keys: {key: phrase text}."""
    return {wording.phrase_key(key, p): p for p in document_phrases(document)}


def evidence_for(session: Session, *, document: RequestDocument, key: bytes) -> WordingEvidence | None:
    """What the counts say about a request's wording; None before the first calibration."""
    calibration = latest_calibration(session)
    if calibration is None:
        return None
    found = tallies(session, _keyed(document, key), usable_only=True)
    return wording.evidence(found, totals(session), calibration)


def count_decided(
    session: Session,
    *,
    actor: Actor | str,
    request_id: int,
    document: RequestDocument,
    non_compliant: bool,
    key: bytes,
    now: datetime,
) -> None:
    """Count one decided request's phrases (module docstring); nothing when it is counted already
    under this outcome or found non-compliant. Records ``screening:wording:counted`` (the outcome
    and how many phrases; never a phrase)."""
    earlier = session.get(WordingDecision, request_id)
    if earlier is not None and (earlier.non_compliant or not non_compliant):
        return
    keyed = _keyed(document, key)
    if earlier is None:
        score = wording.raw_score(tallies(session, keyed, usable_only=True).values(), totals(session))
        session.add(
            WordingDecision(request_id=request_id, non_compliant=non_compliant, score=score, decided_at=now)
        )
        _add(session, keyed, overturned=int(non_compliant), stood=int(not non_compliant))
    else:  # let stand before, non-compliant now: the same phrases change column
        earlier.non_compliant = True
        _add(session, keyed, overturned=1, stood=-1)
    _name_the_common(session, keyed)
    audit.record(
        session,
        actor=actor,
        action=AuditAction.SCREENING_WORDING_COUNTED,
        subject_type="request",
        subject_id=request_id,
        change={"non_compliant": non_compliant, "phrases": len(keyed), "moved": earlier is not None},
        now=now,
    )


def _add(session: Session, keyed: dict[str, str], *, overturned: int, stood: int) -> None:
    """Add to each phrase's tally, inserting the phrases never counted (one statement per chunk)."""
    dialect = session.get_bind().dialect.name
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    for chunk in _chunks(sorted(keyed)):
        statement = insert(_PHRASES).values(
            [
                {"key": k, "phrase": None, "overturned": max(overturned, 0), "stood": max(stood, 0)}
                for k in chunk
            ]
        )
        session.execute(
            statement.on_conflict_do_update(
                index_elements=[_PHRASES.c.key],
                set_={"overturned": _PHRASES.c.overturned + overturned, "stood": _PHRASES.c.stood + stood},
            )
        )


def _name_the_common(session: Session, keyed: dict[str, str]) -> None:
    """Keep the text of each phrase of this request that has now reached ``MIN_USES``."""
    for chunk in _chunks(sorted(keyed)):
        reached = session.scalars(
            select(WordingPhrase.key).where(
                WordingPhrase.key.in_(chunk),
                WordingPhrase.phrase.is_(None),
                WordingPhrase.overturned + WordingPhrase.stood >= wording.MIN_USES,
            )
        ).all()
        if reached:
            session.execute(
                update(_PHRASES).where(_PHRASES.c.key == bindparam("k")).values(phrase=bindparam("p")),
                [{"k": k, "p": keyed[k]} for k in reached],
            )


def _chunks(keys: Sequence[str]) -> Iterable[Sequence[str]]:
    return (keys[i : i + _CHUNK] for i in range(0, len(keys), _CHUNK))


def calibrate(session: Session, *, actor: str, now: datetime) -> Calibration | None:
    """Fit the scores kept so far to the outcomes; None (nothing stored) with fewer than
    ``MIN_DECIDED`` counted requests or one outcome only. Records ``screening:wording:calibrated``."""
    rows = session.execute(select(WordingDecision.score, WordingDecision.non_compliant)).all()
    positives = sum(1 for _, flag in rows if flag)
    if len(rows) < MIN_DECIDED or positives in {0, len(rows)}:
        return None
    from sklearn.linear_model import LogisticRegression  # noqa: PLC0415 - slow import

    fit = LogisticRegression().fit([[s] for s, _ in rows], [int(f) for _, f in rows])
    calibration = Calibration(float(fit.coef_[0][0]), float(fit.intercept_[0]), len(rows), positives, now)
    session.add(
        WordingCalibration(
            slope=calibration.slope,
            intercept=calibration.intercept,
            n=calibration.n,
            positives=positives,
            fitted_at=now,
        )
    )
    audit.record(
        session,
        actor=actor,
        action=AuditAction.SCREENING_WORDING_CALIBRATED,
        subject_type="wording_calibration",
        subject_id=now.strftime("%Y%m%d%H%M%S"),
        change={
            "n": calibration.n,
            "positives": positives,
            "slope": calibration.slope,
            "intercept": calibration.intercept,
        },
        now=now,
    )
    return calibration


def leaning(session: Session, *, limit: int) -> list[tuple[str, Tally, float]]:
    """The phrases with a text (used by at least ``MIN_USES`` decided requests), most towards a
    non-compliant outcome first: (phrase, tally, log-odds)."""
    counted = totals(session)
    rows = session.execute(
        select(WordingPhrase.phrase, WordingPhrase.overturned, WordingPhrase.stood).where(
            WordingPhrase.phrase.is_not(None)
        )
    ).all()
    weighed = [
        (p or "", t, v) for p, o, s in rows if (v := wording.log_odds(t := Tally(o, s), counted)) is not None
    ]
    return sorted(weighed, key=lambda x: (-x[2], x[0]))[:limit]


def phrase_counts(session: Session) -> tuple[int, int]:
    """How many phrases are counted, and how many are usable (used by ``MIN_USES`` or more)."""
    usable = case((WordingPhrase.overturned + WordingPhrase.stood >= wording.MIN_USES, 1), else_=0)
    counted, shown = session.execute(
        select(func.count(), func.coalesce(func.sum(usable), 0)).select_from(WordingPhrase)
    ).one()
    return int(counted), int(shown)


def summary(session: Session, *, use: str, limit: int = 30) -> WordingRead:
    """What the counts hold now, for the page, the command and the API."""
    counted = totals(session)
    phrases, usable = phrase_counts(session)
    calibration = latest_calibration(session)
    return WordingRead(
        use=use,
        decided=counted.uses,
        non_compliant=counted.overturned,
        phrases=phrases,
        phrases_usable=usable,
        min_uses=wording.MIN_USES,
        calibration=WordingCalibrationRead.model_validate(asdict(calibration)) if calibration else None,
        leaning=[
            WordingPhraseRead(phrase=p, non_compliant=t.overturned, let_stand=t.stood, log_odds=round(v, 4))
            for p, t, v in leaning(session, limit=limit)
        ],
    )
