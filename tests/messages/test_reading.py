"""Each attachment's reading: the PDF child's reasons (each one produced for real), a decompression
bomb stopped by the child's memory limit, and the per-attachment result on the held message."""

from __future__ import annotations

import resource
import signal
import time

import pytest
from sqlalchemy import select

from article3.actors import Role
from article3.audit.models import AuditEntry
from article3.bootstrap import Runtime
from article3.messages import pdftext, reading
from article3.messages import service as messages
from article3.messages.reading import Unread
from tests.factories import messages as mf
from tests.factories.accounts import make_user
from tests.messages import pdfs

LETTER = "Judgment of the district court, served on the parties."
LINE = "ab " * 6_700  # 20,100 characters a page: ten pages pass MAX_CHARS


def _mib(kib: int) -> float:
    return kib / 1024  # ru_maxrss is in KiB on Linux


@pytest.mark.parametrize(
    ("reason", "content"),
    [
        (Unread.ENCRYPTED, pdfs.pdf(LETTER, encrypted=True)),
        (Unread.CORRUPT, b"%PDF-1.4 this is not a PDF at all"),
        (Unread.CORRUPT, pdfs.pdf(LETTER)[:700]),  # truncated half way
        (Unread.NO_TEXT, pdfs.image_only()),
        (Unread.TOO_MANY_PAGES, pdfs.pdf(LETTER, pages=pdftext.MAX_PAGES + 1)),
        (Unread.TOO_MUCH_TEXT, pdfs.pdf(LINE, pages=10)),
    ],
    ids=["encrypted", "corrupt", "truncated", "no_text", "too_many_pages", "too_much_text"],
)
def test_the_child_tells_why_it_could_not_read(reason: Unread, content: bytes) -> None:
    assert pdftext.extract(content) == pdftext.PdfText(problem=reason)


def test_a_readable_pdf_is_read_whole() -> None:
    found = pdftext.extract(pdfs.pdf(LETTER, pages=3))
    assert found.problem is None and found.text.count(LETTER) == 3


def test_time_limits_the_childs_deadline_and_the_parents_kill() -> None:
    letter = pdfs.pdf(LETTER, pages=2)
    assert pdftext.extract(letter, deadline=0.0).problem is Unread.TIME_LIMIT  # the child stops itself
    started = time.monotonic()
    assert pdftext.extract(letter, timeout=0.05).problem is Unread.TIME_LIMIT  # killed by the parent
    assert time.monotonic() - started < 5


def test_a_child_that_dies_without_answering() -> None:
    assert pdftext.answer(-signal.SIGXCPU, b"").problem is Unread.TIME_LIMIT  # its CPU limit
    assert pdftext.answer(-signal.SIGKILL, b"").problem is Unread.MEMORY_LIMIT  # the kernel, out of memory
    assert pdftext.answer(-signal.SIGSEGV, b"").problem is Unread.CORRUPT
    assert (
        pdftext.answer(
            1,
            b'{"text": "',
        ).problem
        is Unread.CORRUPT
    )
    assert pdftext.answer(0, b'{"text": "", "problem": "encrypted"}').problem is Unread.ENCRYPTED


def test_every_reason_has_plain_words() -> None:
    assert set(reading.HELP) == set(Unread)
    assert "password" in (reading.explain("encrypted") or "")
    assert reading.explain(None) is None and reading.explain("no_such_code") is None


def test_a_decompression_bomb_is_stopped_by_the_childs_memory_limit() -> None:
    bomb = pdfs.bomb()  # 5 KB inflating to 2 GiB
    assert len(bomb) < 10_000
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    started = time.monotonic()
    found = pdftext.extract(bomb)
    elapsed = time.monotonic() - started
    assert found == pdftext.PdfText(problem=Unread.MEMORY_LIMIT)
    assert elapsed < pdftext.TIMEOUT_SECONDS  # stopped by memory, not by time
    grown = _mib(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before)
    assert grown < 64, f"the parent grew by {grown:.0f} MiB"
    child = _mib(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
    assert child <= pdftext.MEMORY_BYTES / 2**20, f"a child reached {child:.0f} MiB"


def test_a_held_message_says_which_attachment_was_not_read_and_why(runtime: Runtime) -> None:
    fr = make_user(runtime, Role.NCB_OFFICER, "FR")
    sent = [
        pdfs.attachment(pdfs.pdf(LETTER), "judgment.pdf"),
        pdfs.attachment(pdfs.pdf(LETTER, encrypted=True), "locked.pdf"),
        pdfs.attachment(b"Minutes of the meeting.", "minutes.txt"),
        pdfs.attachment(pdfs.bomb(), "bomb.pdf"),
    ]
    ref, status, reasons = mf.send(runtime, fr, to=["DE"], body="Files attached.", attachments=sent)
    assert (status, reasons) == ("held", ["attachment_unreadable"])
    with runtime.session() as s:
        rows = messages.by_ref(s, ref).attachments
        got = [(a.filename, a.media_type, a.text_read, a.unread_reason) for a in rows]
    assert got == [
        ("judgment.pdf", "application/pdf", True, None),
        ("locked.pdf", "application/pdf", False, "encrypted"),
        ("minutes.txt", "text/plain", True, None),
        ("bomb.pdf", "application/pdf", False, "memory_limit"),
    ]


def test_images_are_recorded_as_not_read(runtime: Runtime) -> None:
    fr = make_user(runtime, Role.NCB_OFFICER, "FR")
    png = pdfs.attachment(b"\x89PNG\r\n\x1a\n" + b"0" * 64, "photo.png")
    ref, status, _ = mf.send(runtime, fr, to=["DE"], body="Photos of the Lyon meeting.", attachments=[png])
    assert status == "delivered"
    with runtime.session() as s:
        (photo,) = messages.by_ref(s, ref).attachments
        assert (photo.text_read, photo.unread_reason) == (False, "image")


def test_file_names_stay_out_of_the_audit_and_the_logs(
    runtime: Runtime, caplog: pytest.LogCaptureFixture
) -> None:
    fr = make_user(runtime, Role.NCB_OFFICER, "FR")
    locked = pdfs.attachment(pdfs.pdf(LETTER, encrypted=True), "Kowalczyk-Marta-warrant.pdf")
    with caplog.at_level("DEBUG"):
        mf.send(runtime, fr, to=["DE"], body="File attached.", attachments=[locked])
    assert "Kowalczyk" not in caplog.text
    with runtime.session() as s:
        entries = s.scalars(select(AuditEntry)).all()
        assert entries and not any("Kowalczyk" in repr(vars(e)) for e in entries)
