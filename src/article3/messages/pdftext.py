"""The text of a PDF attachment, read with pdfminer.six in a child process under hard limits.

A PDF is a program of sorts: compressed streams can inflate a thousandfold (a millionfold when
filters are chained), page trees can loop, fonts can be malformed. So ``extract`` never parses in the
sending process: it pipes the bytes to ``python -m article3.messages.pdftext``, which caps its own
memory (address space) and CPU time, reads at most ``MAX_PAGES`` pages and ``MAX_CHARS`` characters,
and stops at the deadline; the parent kills it after ``TIMEOUT_SECONDS`` whatever it is doing, and
keeps only its answer (at most ``MAX_CHARS`` characters of text; the child's error output is thrown
away). Whatever cannot be read whole comes back as a ``problem`` (a ``reading.Unread`` code, never
partial text that would look clean): monitoring holds such a message.
"""

from __future__ import annotations

import io
import json
import logging
import resource
import signal
import subprocess
import sys
import time
import unicodedata
from dataclasses import dataclass

from pdfminer.converter import TextConverter
from pdfminer.layout import LAParams
from pdfminer.pdfdocument import PDFDocument, PDFEncryptionError, PDFPasswordIncorrect
from pdfminer.pdfinterp import PDFPageInterpreter, PDFResourceManager
from pdfminer.pdfpage import PDFPage
from pdfminer.pdfparser import PDFParser

from article3.messages.reading import MAX_CHARS, MAX_PAGES, Unread

MIN_LETTERS = 10  # fewer letters than this in the whole file: a scan (or a title page), read by nobody
DEADLINE_SECONDS = 8.0  # the child stops between pages after this
TIMEOUT_SECONDS = 12.0  # the parent kills the child after this (and its CPU limit)
MEMORY_BYTES = 1_024 * 1_024 * 1_024
__all__ = ["MAX_CHARS", "MAX_PAGES", "PdfText", "answer", "extract"]


@dataclass(frozen=True, slots=True)
class PdfText:
    text: str = ""
    problem: Unread | None = None  # None when the whole text was read


def extract(
    content: bytes, *, deadline: float = DEADLINE_SECONDS, timeout: float = TIMEOUT_SECONDS
) -> PdfText:
    """The whole text of the PDF, or why it could not be read (tests pass shorter limits)."""
    try:
        done = subprocess.run(  # noqa: S603 (our interpreter, our module and a number)
            [sys.executable, "-m", "article3.messages.pdftext", str(deadline)],
            input=content,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            timeout=timeout,
            check=False,
        )
    except subprocess.TimeoutExpired:  # killed by the parent
        return PdfText(problem=Unread.TIME_LIMIT)
    return answer(done.returncode, done.stdout)


def answer(returncode: int, stdout: bytes) -> PdfText:
    """What the child said; when it died without a word, what its end tells: over its CPU limit
    (SIGXCPU), killed from outside (SIGKILL: the kernel out of memory), or anything else."""
    try:
        said = json.loads(stdout.decode("utf-8"))
        problem = said["problem"]
        return PdfText(text=str(said["text"]), problem=Unread(problem) if problem else None)
    except (ValueError, KeyError, TypeError):
        if returncode == -signal.SIGXCPU:
            return PdfText(problem=Unread.TIME_LIMIT)
        if returncode == -signal.SIGKILL:
            return PdfText(problem=Unread.MEMORY_LIMIT)
        return PdfText(problem=Unread.CORRUPT)


def _letters(text: str) -> int:
    return sum(1 for char in text if unicodedata.category(char)[0] == "L")


def _read(content: bytes, deadline: float) -> PdfText:
    """In the child: parse, count pages, convert page by page within the limits."""
    start = time.monotonic()
    try:
        document = PDFDocument(PDFParser(io.BytesIO(content)))
    except (PDFEncryptionError, PDFPasswordIncorrect):
        return PdfText(problem=Unread.ENCRYPTED)
    out = io.StringIO()
    manager = PDFResourceManager(caching=True)
    converter = TextConverter(manager, out, laparams=LAParams())
    interpreter = PDFPageInterpreter(manager, converter)
    for number, page in enumerate(PDFPage.create_pages(document), start=1):
        if number > MAX_PAGES:
            return PdfText(problem=Unread.TOO_MANY_PAGES)
        if time.monotonic() - start > deadline:
            return PdfText(problem=Unread.TIME_LIMIT)
        interpreter.process_page(page)
        if out.tell() > MAX_CHARS:
            return PdfText(problem=Unread.TOO_MUCH_TEXT)
    text = out.getvalue()
    return PdfText(text=text) if _letters(text) >= MIN_LETTERS else PdfText(problem=Unread.NO_TEXT)


def _limit_self() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_BYTES, MEMORY_BYTES))
    cpu = int(TIMEOUT_SECONDS)  # SIGXCPU a second before the hard limit's SIGKILL
    resource.setrlimit(resource.RLIMIT_CPU, (cpu - 1, cpu))


def main() -> None:
    """Child process: PDF bytes on stdin, the deadline in seconds as its argument, ``{"text",
    "problem"}`` as JSON on stdout."""
    _limit_self()
    logging.disable(logging.CRITICAL)  # pdfminer's warnings on hostile input are nobody's business
    deadline = float(sys.argv[1]) if len(sys.argv) > 1 else DEADLINE_SECONDS
    content = sys.stdin.buffer.read()
    try:
        found = _read(content, deadline)
    except MemoryError:  # the address-space limit: a stream inflating past it
        found = PdfText(problem=Unread.MEMORY_LIMIT)
    except Exception:  # any parser failure on hostile or broken input
        found = PdfText(problem=Unread.CORRUPT)
    sys.stdout.write(json.dumps({"text": found.text, "problem": found.problem}))


if __name__ == "__main__":
    main()
