"""Documents on disk follow the transaction: no file without its row, and the sweep settles what a
crash left staged."""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

import pytest
from sqlalchemy import event, func, select
from sqlalchemy.orm import Session
from typer.testing import CliRunner

from article3.audit.models import AuditEntry
from article3.bootstrap import Runtime
from article3.cli.main import app
from article3.complaints import service as complaints
from article3.complaints import uploads
from article3.complaints.models import ComplaintDocument
from article3.config import Settings
from article3.db.session import transaction
from tests.factories import complaints as cc

TEXT = ("statement.txt", b"my statement")
PDF = ("power.pdf", cc.PDF)


def _files(rt: Runtime) -> list[str]:
    folder = rt.settings.data_dir / uploads.SUBDIR
    return sorted(p.name for p in folder.iterdir()) if folder.is_dir() else []


def _lodge(s: Session, rt: Runtime) -> str:
    receipt = complaints.lodge(
        s,
        actor=None,
        data=cc.lodge_data(),
        documents=[TEXT, PDF],
        engine=rt.search,
        data_dir=rt.settings.data_dir,
        now=rt.clock.now(),
    )
    return receipt.ref


class Boom(Exception):
    pass


def test_a_committed_lodge_leaves_exactly_its_files(runtime: Runtime) -> None:
    with runtime.session() as s, transaction(s):
        ref = _lodge(s, runtime)
    with runtime.session() as s:
        names = sorted(d.stored_name for d in complaints.get(s, ref).documents)
        [doc_id] = [d.id for d in complaints.get(s, ref).documents if d.kind == "pdf"]
        _doc, content = complaints.document_bytes(
            s, ref=ref, document_id=doc_id, data_dir=runtime.settings.data_dir
        )
    assert _files(runtime) == names and len(names) == 2 and content == cc.PDF


def test_a_lodge_whose_transaction_fails_leaves_no_file(runtime: Runtime) -> None:
    with pytest.raises(Boom), runtime.session() as s, transaction(s):
        _lodge(s, runtime)
        assert len(_files(runtime)) == 2  # staged while the transaction runs
        raise Boom
    assert _files(runtime) == []
    with runtime.session() as s:
        assert s.scalar(select(func.count()).select_from(ComplaintDocument)) == 0


def test_a_failed_commit_leaves_no_file(runtime: Runtime) -> None:
    def refuse(_session: Session) -> None:
        raise Boom

    with pytest.raises(Boom), runtime.session() as s:
        event.listen(s, "before_commit", refuse)
        with transaction(s):
            _lodge(s, runtime)
    assert _files(runtime) == []


def test_a_session_closed_without_commit_leaves_no_file(runtime: Runtime) -> None:
    with runtime.session() as s:
        _lodge(s, runtime)
    assert _files(runtime) == []


def test_a_savepoint_that_rolls_back_takes_its_files_with_it(runtime: Runtime) -> None:
    with runtime.session() as s, transaction(s):
        kept = _lodge(s, runtime)
        with pytest.raises(Boom), s.begin_nested():
            _lodge(s, runtime)
            raise Boom
    with runtime.session() as s:
        names = sorted(d.stored_name for d in s.scalars(select(ComplaintDocument)))
        assert all(d.complaint.ref == kept for d in s.scalars(select(ComplaintDocument)))
    assert _files(runtime) == names and len(names) == 2


def _age(path: Path, seconds: float) -> None:
    then = time.time() - seconds
    os.utime(path, (then, then))


def _crash_leftovers(rt: Runtime) -> tuple[str, str, str]:
    """A committed document still staged, an old unclaimed staged file, a young one."""
    ref, doc_id = cc.with_document(rt)
    with rt.session() as s:
        committed = s.get_one(ComplaintDocument, doc_id).stored_name
    folder = rt.settings.data_dir / uploads.SUBDIR
    os.rename(folder / committed, folder / (committed + uploads.STAGED))  # died before the rename
    old, young = uploads.stage(rt.settings.data_dir, b"old"), uploads.stage(rt.settings.data_dir, b"new")
    _age(folder / (old + uploads.STAGED), 7200)
    with rt.session() as s:  # a committed document is readable even before the sweep finishes it
        assert complaints.document_bytes(s, ref=ref, document_id=doc_id, data_dir=rt.settings.data_dir)[1]
    return committed, old, young


def _swept(s: Session) -> int:
    action = "complaints:documents:swept"
    return s.scalar(select(func.count()).select_from(AuditEntry).where(AuditEntry.action == action)) or 0


def test_the_sweep_finishes_committed_files_and_deletes_old_unclaimed_ones(runtime: Runtime) -> None:
    committed, old, young = _crash_leftovers(runtime)
    cutoff = time.time() - 3600
    with runtime.session() as s, transaction(s):
        result = complaints.sweep_documents(
            s, actor="system:test", data_dir=runtime.settings.data_dir, cutoff=cutoff, now=runtime.clock.now()
        )
        assert len(_files(runtime)) == 3  # nothing changes on disk before the commit
    assert (result.finished, result.removed, result.kept) == (1, 1, 1)
    assert _files(runtime) == sorted([committed, young + uploads.STAGED])
    assert old not in "".join(_files(runtime))
    with runtime.session() as s, transaction(s):
        again = complaints.sweep_documents(
            s, actor="system:test", data_dir=runtime.settings.data_dir, cutoff=cutoff, now=runtime.clock.now()
        )
        assert _swept(s) == 1  # nothing changed the second time: no second entry
    assert (again.finished, again.removed, again.kept) == (0, 0, 1)


def test_the_sweep_command(runtime: Runtime, settings: Settings) -> None:
    committed, _old, _young = _crash_leftovers(runtime)
    cli = CliRunner(
        env={
            "ARTICLE3_DATABASE_URL": settings.database_url,
            "ARTICLE3_ENVIRONMENT": "test",
            "ARTICLE3_DATA_DIR": str(settings.data_dir),
        }
    )
    result = cli.invoke(app, ["complaints", "sweep-documents", "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout) == {"finished": 1, "removed": 1, "kept": 1}
    assert committed in _files(runtime)
    with runtime.session() as s:
        assert _swept(s) == 1
