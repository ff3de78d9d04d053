"""The text of a PDF attachment, read with pdfminer.six in a child process under hard limits.

A PDF is a program of sorts: compressed streams can inflate a thousandfold, page trees can loop,
fonts can be malformed. So ``extract`` never parses in the sending process: it pipes the bytes to
``python -m article3.messages.pdftext``, which caps its own memory and CPU time, reads at most
``MAX_PAGES`` pages and ``MAX_CHARS`` characters, and stops at ``DEADLINE_SECONDS``; the parent kills
it after ``TIMEOUT_SECONDS`` whatever it is doing. Whatever cannot be read whole comes back as a
``problem`` (never as partial text that would look clean): monitoring holds such a message.
"""

from __future__ import annotations

import io
import json
import resource
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

MAX_PAGES = 100
MAX_CHARS = 200_000
MIN_LETTERS = 10  # fewer letters than this in the whole file: a scan (or a title page), read by nobody
DEADLINE_SECONDS = 8.0  # the child stops between pages after this
TIMEOUT_SECONDS = 12.0  # the parent kills the child after this
MEMORY_BYTES = 1_024 * 1_024 * 1_024
PROBLEMS = ("encrypted", "malformed", "no_text", "too_many_pages", "too_long", "timeout")


@dataclass(frozen=True, slots=True)
class PdfText:
    text: str = ""
    problem: str | None = None  # one of PROBLEMS, or None when the whole text was read


def extract(content: bytes) -> PdfText:
    """The whole text of the PDF, or why it could not be read (see ``PROBLEMS``)."""
    try:
        done = subprocess.run(
            [sys.executable, "-m", "article3.messages.pdftext"],
            input=content,
            capture_output=True,
            timeout=TIMEOUT_SECONDS,
            check=False,
        )
    except subprocess.TimeoutExpired:
        return PdfText(problem="timeout")
    try:
        answer = json.loads(done.stdout.decode("utf-8"))
        return PdfText(text=str(answer["text"]), problem=answer["problem"])
    except (ValueError, KeyError, TypeError):  # killed by a limit, or crashed
        return PdfText(problem="timeout" if done.returncode < 0 else "malformed")


def _letters(text: str) -> int:
    return sum(1 for char in text if unicodedata.category(char)[0] == "L")


def _read(content: bytes) -> PdfText:
    """In the child: parse, count pages, convert page by page within the limits."""
    start = time.monotonic()
    try:
        document = PDFDocument(PDFParser(io.BytesIO(content)))
    except (PDFEncryptionError, PDFPasswordIncorrect):
        return PdfText(problem="encrypted")
    out = io.StringIO()
    manager = PDFResourceManager(caching=True)
    converter = TextConverter(manager, out, laparams=LAParams())
    interpreter = PDFPageInterpreter(manager, converter)
    for number, page in enumerate(PDFPage.create_pages(document), start=1):
        if number > MAX_PAGES:
            return PdfText(problem="too_many_pages")
        if time.monotonic() - start > DEADLINE_SECONDS:
            return PdfText(problem="timeout")
        interpreter.process_page(page)
        if out.tell() > MAX_CHARS:
            return PdfText(problem="too_long")
    text = out.getvalue()
    return PdfText(text=text) if _letters(text) >= MIN_LETTERS else PdfText(problem="no_text")


def _limit_self() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_BYTES, MEMORY_BYTES))
    cpu = int(TIMEOUT_SECONDS)
    resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu))


def main() -> None:
    """Child process: PDF bytes on stdin, ``{"text", "problem"}`` as JSON on stdout."""
    _limit_self()
    content = sys.stdin.buffer.read()
    try:
        found = _read(content)
    except MemoryError:
        found = PdfText(problem="too_long")
    except Exception:  # any parser failure on hostile or broken input is "malformed"
        found = PdfText(problem="malformed")
    sys.stdout.write(json.dumps({"text": found.text, "problem": found.problem}))


if __name__ == "__main__":
    main()
