"""Complaint documents on disk follow the database transaction that records them.

A document is written under a staging name (``uploads.stage``) inside the transaction; when the
session commits, it is renamed to its final name; when it rolls back (or closes without
committing), the staged file is deleted. A process that dies in between leaves a staged file:
``sweep`` renames the ones a committed row names and deletes the others once they are old enough
that no transaction can still be writing them.

The bindings are session events (``after_commit``, ``after_soft_rollback``,
``after_transaction_end``), registered once per session and tracked in ``session.info``; a file
staged inside a savepoint that rolls back is deleted with it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from functools import partial
from pathlib import Path

from sqlalchemy import event, select
from sqlalchemy.orm import Session, SessionTransaction

from article3.actors import Actor
from article3.audit import service as audit
from article3.audit.actions import AuditAction
from article3.complaints import uploads
from article3.complaints.models import ComplaintDocument
from article3.complaints.schemas import DocumentSweep
from article3.logging import get_logger

log = get_logger(__name__)
_KEY = "article3.complaints.files"


@dataclass(slots=True)
class _Pending:
    """File operations waiting for the transaction's outcome."""

    on_commit: list[tuple[SessionTransaction, Callable[[], object]]] = field(default_factory=list)
    on_rollback: list[tuple[SessionTransaction, Callable[[], object]]] = field(default_factory=list)


def stage(session: Session, data_dir: Path, content: bytes) -> str:
    """Write a document for the session's transaction; it becomes final only if that commits."""
    name = uploads.stage(data_dir, content)
    _defer(
        session,
        on_commit=partial(uploads.publish, data_dir, name),
        on_rollback=partial(uploads.discard, data_dir, name),
    )
    return name


def sweep(
    session: Session, *, actor: Actor | str, data_dir: Path, cutoff: float, now: datetime
) -> DocumentSweep:
    """Settle the staged files a crash left: finish those a committed row names, delete the others
    last modified before ``cutoff`` (seconds since the epoch), keep the younger ones (a transaction
    may still be writing them). The files change after the caller's transaction commits. Records
    ``complaints:documents:swept`` when it changes anything."""
    files = uploads.staged(data_dir)
    named = set(
        session.scalars(select(ComplaintDocument.stored_name).where(ComplaintDocument.stored_name.in_(files)))
    )
    finish = sorted(n for n in files if n in named)
    remove = sorted(n for n, mtime in files.items() if n not in named and mtime < cutoff)
    result = DocumentSweep(
        finished=len(finish), removed=len(remove), kept=len(files) - len(finish) - len(remove)
    )
    if finish or remove:
        for name in finish:
            _defer(session, on_commit=partial(uploads.publish, data_dir, name))
        for name in remove:
            _defer(session, on_commit=partial(uploads.discard, data_dir, name))
        audit.record(
            session,
            actor=actor,
            action=AuditAction.COMPLAINT_DOCUMENTS_SWEPT,
            subject_type="complaint_documents",
            subject_id="staged",
            change={"finished": finish, "removed": remove},
            now=now,
        )
    return result


def _defer(
    session: Session, *, on_commit: Callable[[], object], on_rollback: Callable[[], object] | None = None
) -> None:
    pending = _pending(session)
    current = session.get_nested_transaction() or session.get_transaction()
    assert current is not None, "stage files inside the unit of work's transaction"
    pending.on_commit.append((current, on_commit))
    if on_rollback is not None:
        pending.on_rollback.append((current, on_rollback))


def _pending(session: Session) -> _Pending:
    pending = session.info.get(_KEY)
    if not isinstance(pending, _Pending):
        pending = session.info[_KEY] = _Pending()
        event.listen(session, "after_commit", _committed)
        event.listen(session, "after_soft_rollback", _rolled_back)
        event.listen(session, "after_transaction_end", _ended)
    return pending


def _committed(session: Session) -> None:
    if session.in_nested_transaction():
        return  # a savepoint released: its files wait for the outermost commit
    pending = _pending(session)
    todo = [op for _tx, op in pending.on_commit]
    pending.on_commit.clear()
    pending.on_rollback.clear()
    _run(todo)


def _rolled_back(session: Session, previous: SessionTransaction) -> None:
    """Undo what was staged in the transaction that rolled back (or in a savepoint inside it)."""
    pending = _pending(session)
    undo = [op for tx, op in pending.on_rollback if _within(tx, previous)]
    pending.on_commit[:] = [(tx, op) for tx, op in pending.on_commit if not _within(tx, previous)]
    pending.on_rollback[:] = [(tx, op) for tx, op in pending.on_rollback if not _within(tx, previous)]
    _run(undo)


def _ended(session: Session, transaction: SessionTransaction) -> None:
    """A root transaction that ended without committing (e.g. the session closed): undo the rest."""
    if transaction.parent is None:
        _rolled_back(session, transaction)


def _within(tx: SessionTransaction | None, outer: SessionTransaction) -> bool:
    while tx is not None:
        if tx is outer:
            return True
        tx = tx.parent
    return False


def _run(operations: list[Callable[[], object]]) -> None:
    # The data is committed (or rolled back) already: a failed file operation must not turn that
    # into an error; the staged file stays readable and the next sweep settles it.
    for operation in operations:
        try:
            operation()
        except OSError as exc:
            log.warning("complaint_document_not_settled", error=type(exc).__name__)
