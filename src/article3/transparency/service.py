"""Country records, measure proposals, and the yearly report: built, stored, signed, verified.

Reading figures changes nothing. Building a report stores a snapshot of its three files (JSON,
CSV, HTML) with the audit chain's head at that moment and an Ed25519 signature of each file's
exact bytes, and records ``transparency:report:built``.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import datetime
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from sqlalchemy import select
from sqlalchemy.orm import Session

from article3.actors import Actor
from article3.audit import service as audit
from article3.audit.actions import AuditAction
from article3.audit.models import AuditEntry
from article3.config import Settings
from article3.countries import service as countries
from article3.errors import NotFound
from article3.oversight import service as oversight
from article3.oversight.rules import RecordFigures, Thresholds, propose
from article3.transparency import render, rules, signing, stats
from article3.transparency.models import Report
from article3.transparency.schemas import (
    CountryRecord,
    MeasureEvent,
    ProposalRead,
    ReportRead,
    ReportSummary,
    ReportVerifyRead,
)
from article3.transparency.sources import NO_SOURCES, Sources, available
from article3.transparency.stats import Period

FORMATS = ("json", "csv", "html")
REPORT_ACTOR = "system:reports"


def thresholds(settings: Settings) -> Thresholds:
    """The proposal thresholds of this deployment (``ARTICLE3_OVERSIGHT_*``)."""
    return Thresholds(
        min_decided=settings.oversight_min_decided,
        min_complaints=settings.oversight_min_complaints,
        gap=settings.oversight_gap_threshold,
        overturn=settings.oversight_overturn_threshold,
        suspension=settings.oversight_suspension_threshold,
        flag_share=settings.oversight_flag_threshold,
        blocked_messages=settings.oversight_blocked_messages_threshold,
    )


def country_record(
    session: Session,
    country: str,
    *,
    period: Period,
    now: datetime,
    sources: Sources = NO_SOURCES,
    gap_threshold: float = stats.DEFAULT_GAP_THRESHOLD,
) -> CountryRecord:
    """One member country's record over a period (NotFound for an unknown code)."""
    code = countries.get(session, country).code
    found = stats.records(
        session, period, now=now, sources=sources, country=code, gap_threshold=gap_threshold
    )
    return found[code]


def all_records(
    session: Session,
    *,
    period: Period,
    now: datetime,
    sources: Sources = NO_SOURCES,
    gap_threshold: float = stats.DEFAULT_GAP_THRESHOLD,
) -> list[CountryRecord]:
    """Every country with activity in the period, the widest pass/overturn gap first."""
    members = countries.member_codes(session) if any(available(sources).values()) else ()
    found = stats.records(
        session, period, now=now, sources=sources, members=members, gap_threshold=gap_threshold
    )
    active = [r for r in found.values() if _active(r)]
    return sorted(active, key=lambda r: (-(r.gap.value if r.gap else -2.0), r.country))


def _active(r: CountryRecord) -> bool:
    counts = (r.requests.total, r.flags_received, r.deletions, r.cancellations, r.complaints, r.messages_held)
    return any(counts) or bool(r.messages_blocked) or bool(r.measures_in_force)


def figures(record: CountryRecord) -> RecordFigures:
    """What the proposal thresholds read from a record."""
    return RecordFigures(
        country=record.country,
        decided=record.requests.decided,
        published=record.requests.published_after_review,
        complaints=record.complaints,
        gap_low=record.gap.low if record.gap else None,
        overturn_low=record.overturn_rate.low if record.overturn_rate else None,
        flag_share_low=record.flag_share.low if record.flag_share else None,
        blocked_messages=record.messages_blocked,
    )


def trailing_figures(
    session: Session, *, settings: Settings, now: datetime, sources: Sources = NO_SOURCES
) -> list[RecordFigures]:
    """What the proposal thresholds read from each active country's record over the trailing
    ``ARTICLE3_OVERSIGHT_WINDOW_DAYS``: the figures ``proposals`` judges, measures in force or not."""
    period = Period.trailing(now, settings.oversight_window_days)
    gap = settings.oversight_gap_threshold
    return [
        figures(r) for r in all_records(session, period=period, now=now, sources=sources, gap_threshold=gap)
    ]


def proposals(
    session: Session, *, settings: Settings, now: datetime, sources: Sources = NO_SOURCES
) -> list[ProposalRead]:
    """The measures each country's record over the trailing window proposes (none in force).

    A proposal is only a proposal: governance applies a measure, with its own written reasons.
    """
    found = trailing_figures(session, settings=settings, now=now, sources=sources)
    return proposals_for(session, found, limits=thresholds(settings))


def proposals_for(
    session: Session, records: Iterable[RecordFigures], *, limits: Thresholds
) -> list[ProposalRead]:
    """What ``proposals`` returns, for records already read (``trailing_figures``): the measures
    they propose, less the kinds in force on each country now."""
    out = []
    for found in records:
        in_force = oversight.active_for(session, found.country)
        for p in propose(found, limits, in_force):
            out.append(
                ProposalRead(
                    country=p.country,
                    kind=p.kind.value,
                    criterion=p.criterion,
                    figure=p.figure,
                    threshold=p.threshold,
                    explanation=p.explanation,
                )
            )
    return out


def measures_during(session: Session, period: Period) -> list[MeasureEvent]:
    """Measures in force at any time in the period, with their dates and published reasons."""
    out = []
    for m in reversed(oversight.list_measures(session)):
        if m.applied_at < period.end and (m.lifted_at is None or m.lifted_at >= period.start):
            out.append(
                MeasureEvent(
                    id=m.id,
                    country=m.country,
                    kind=m.kind.value,
                    applied_at=m.applied_at,
                    applied_reason=m.applied_reason,
                    lifted_at=m.lifted_at,
                    lifted_reason=m.lifted_reason,
                )
            )
    return out


NOTES = {
    "suppression": 'Counts from 1 to 4 are shown as "<5"; "n/a" means this build does not hold the figure.',
    "rates": "Rates are shown with their 95 % Wilson interval, only when based on 5 cases or more; the gap "
    "is the pass rate minus the commission's confirmation rate, with Newcombe's interval; a row stands "
    "out when the gap's lower bound reaches the threshold.",
    "cohort": "Requests count those submitted in the period, whatever became of them since; flags, "
    "deletions, complaints and messages count the events dated in the period.",
}


def build_content(
    session: Session, *, year: int, now: datetime, sources: Sources = NO_SOURCES, gap_threshold: float
) -> dict[str, Any]:
    """The public content of a year's report (suppressed counts, no personal data)."""
    period = Period.year(year)
    rows = all_records(session, period=period, now=now, sources=sources, gap_threshold=gap_threshold)
    total = stats.overall(rows, period, gap_threshold=gap_threshold)
    head = audit.head(session)
    return {
        "title": f"article3 transparency report {year}",
        "year": year,
        "period": {"start": period.start.isoformat(), "end": period.end.isoformat()},
        "built_at": now.isoformat(),
        "audit_head": {"seq": head.seq if head else 0, "hash": head.hash if head else ""},
        "confidence": rules.CONFIDENCE,
        "gap_threshold": gap_threshold,
        "available": available(sources),
        "notes": NOTES,
        "overall": render.public_record(total),
        "countries": [render.public_record(r) for r in sorted(rows, key=lambda r: r.country)],
        "measures": [m.model_dump(mode="json") for m in measures_during(session, period)],
    }


def files(report: Report) -> dict[str, bytes]:
    return {
        "json": report.json_text.encode(),
        "csv": report.csv_text.encode(),
        "html": report.html_text.encode(),
    }


def build_report(
    session: Session,
    *,
    year: int,
    actor: Actor | str,
    signer: signing.Signer,
    now: datetime,
    sources: Sources = NO_SOURCES,
    gap_threshold: float = stats.DEFAULT_GAP_THRESHOLD,
) -> ReportSummary:
    """Build, sign and store the year's report. Records ``transparency:report:built``."""
    content = build_content(session, year=year, now=now, sources=sources, gap_threshold=gap_threshold)
    data = {"json": render.to_json(content), "csv": render.to_csv(content), "html": render.to_html(content)}
    report = Report(
        year=year,
        built_at=now,
        built_by=actor.audit_name if isinstance(actor, Actor) else actor,
        audit_head_seq=content["audit_head"]["seq"],
        audit_head_hash=content["audit_head"]["hash"],
        content_sha256=signing.sha256(data["json"]),
        key_id=signer.key_id,
        json_text=data["json"].decode(),
        csv_text=data["csv"].decode(),
        html_text=data["html"].decode(),
        signatures={fmt: signer.sign(data[fmt]) for fmt in FORMATS},
    )
    session.add(report)
    session.flush()  # flush: the audit entry names the new id
    audit.record(
        session,
        actor=actor,
        action=AuditAction.REPORT_BUILT,
        subject_type="report",
        subject_id=report.id,
        change={"year": year, "content_sha256": report.content_sha256, "signatures": report.signatures},
        now=now,
    )
    return _summary(report)


def build_year(
    session: Session, *, year: int, settings: Settings, now: datetime, sources: Sources = NO_SOURCES
) -> ReportSummary:
    """Build the year's report as this deployment builds it (``article3 report build``, the demo):
    signed with its key (``signer_for``), its gap threshold, in the name of ``REPORT_ACTOR``."""
    return build_report(
        session,
        year=year,
        actor=REPORT_ACTOR,
        signer=signer_for(settings),
        now=now,
        sources=sources,
        gap_threshold=settings.oversight_gap_threshold,
    )


def reports_folder(settings: Settings, year: int) -> Path:
    """Where a year's report files are written unless told otherwise: ``<data_dir>/reports/<year>``."""
    return settings.data_dir / "reports" / str(year)


def write_files(report: Report, folder: Path) -> list[Path]:
    """Write a stored report's three files into ``folder``, each with its ``FILE.sig``; returns the files."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for fmt, data in files(report).items():
        path = folder / file_name(report, fmt)
        path.write_bytes(data)
        path.with_name(path.name + ".sig").write_bytes(sidecar(report, fmt))
        written.append(path)
    return written


def _summary(r: Report) -> ReportSummary:
    return ReportSummary(
        id=r.id,
        year=r.year,
        built_at=r.built_at,
        audit_head_seq=r.audit_head_seq,
        audit_head_hash=r.audit_head_hash,
        content_sha256=r.content_sha256,
        key_id=r.key_id,
    )


def list_reports(session: Session) -> list[ReportSummary]:
    """Every report built, newest year first, then newest build first. Public."""
    rows = session.scalars(select(Report).order_by(Report.year.desc(), Report.id.desc()))
    return [_summary(r) for r in rows]


def load(session: Session, report_id: int) -> Report:
    report = session.get(Report, report_id)
    if report is None:
        raise NotFound("No such report", code="report.not_found")
    return report


def get_report(session: Session, report_id: int) -> ReportRead:
    report = load(session, report_id)
    return ReportRead(
        **_summary(report).model_dump(),
        content=json.loads(report.json_text),
        signatures=dict(report.signatures),
    )


def sidecar(report: Report, fmt: str) -> bytes:
    """The detached signature of one file (``FILE.sig``), as JSON."""
    data = files(report)[fmt]
    body = {
        "algorithm": signing.ALGORITHM,
        "key_id": report.key_id,
        "file": file_name(report, fmt),
        "sha256": signing.sha256(data),
        "signature": report.signatures[fmt],
        "report_id": report.id,
        "year": report.year,
        "audit_head_hash": report.audit_head_hash,
    }
    return (json.dumps(body, indent=2, sort_keys=True) + "\n").encode()


def file_name(report: Report, fmt: str) -> str:
    return f"article3-report-{report.year}.{fmt}"


def verify_file(data: bytes, sig: dict[str, Any], public: Ed25519PublicKey) -> list[str]:
    """What is wrong with a report file and its ``.sig``; empty when every byte is as signed."""
    problems = []
    if sig.get("algorithm") != signing.ALGORITHM:
        problems.append(f"unknown algorithm {sig.get('algorithm')!r}")
    if sig.get("key_id") != signing.key_id(public):
        problems.append(f"signed with key {sig.get('key_id')!r}, not with {signing.key_id(public)!r}")
    if sig.get("sha256") != signing.sha256(data):
        problems.append("the file's SHA-256 differs from the signed one: it was altered")
    if not signing.verify(public, data, str(sig.get("signature", ""))):
        problems.append("the signature does not match the file's bytes")
    return problems


def verify_report(session: Session, report_id: int, *, public: Ed25519PublicKey) -> ReportVerifyRead:
    """Check a stored report: each file's signature, its content digest, and that the head hash it
    carries is the chain's entry at that position in an intact chain."""
    report = load(session, report_id)
    data, problems = files(report), []
    signatures_ok = all(signing.verify(public, data[f], report.signatures.get(f, "")) for f in FORMATS)
    if not signatures_ok:
        problems.append("a file's signature does not verify with this deployment's key")
    content_ok = signing.sha256(data["json"]) == report.content_sha256
    if not content_ok:
        problems.append("the content digest differs")
    entry = session.scalars(select(AuditEntry).where(AuditEntry.seq == report.audit_head_seq)).first()
    head_in_chain = report.audit_head_seq == 0 or (entry is not None and entry.hash == report.audit_head_hash)
    if not head_in_chain:
        problems.append("the head hash the report carries is not in the audit chain")
    chain_ok = audit.verify(session).ok
    if not chain_ok:
        problems.append("the audit chain is broken")
    ok = signatures_ok and content_ok and head_in_chain and chain_ok
    return ReportVerifyRead(
        id=report.id,
        ok=ok,
        signatures_ok=signatures_ok,
        content_ok=content_ok,
        head_in_chain=head_in_chain,
        chain_ok=chain_ok,
        problems=problems,
    )


def key_path(settings: Settings) -> Path:
    """Where this deployment's report signing key lives (``ARTICLE3_REPORT_SIGNING_KEY``)."""
    return settings.report_signing_key or signing.default_key_path(settings.data_dir)


def signer_for(settings: Settings) -> signing.Signer:
    """This deployment's signing key, made on first use."""
    return signing.load_or_create(key_path(settings))
