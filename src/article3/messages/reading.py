"""What monitoring could read of each attachment, and why not: stable codes, in plain words.

Pure: no I/O. ``pdftext`` (the bounded child process that reads PDFs) answers with these codes;
``monitor`` records one ``Result`` per attachment; the message keeps them on its attachment rows, and
the review page, the API and the CLI show them with ``HELP`` (what the sender can do about it).

An attachment of a type monitoring does not accept never gets this far: it is refused when the
message is sent (``message.attachment_refused``), the type being decided by the content whatever
the file's name says.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Unread(StrEnum):
    """Why the text of an attachment was not read (none of it is used: partial text is not text)."""

    ENCRYPTED = "encrypted"  # a PDF with a password
    CORRUPT = "corrupt"  # the PDF reader failed on it (damaged, truncated, or not really a PDF)
    NO_TEXT = "no_text"  # fewer than 10 letters in the whole PDF: a scan or a picture of a document
    TOO_MANY_PAGES = "too_many_pages"  # more than MAX_PAGES pages
    TOO_MUCH_TEXT = "too_much_text"  # more than MAX_CHARS characters
    TIME_LIMIT = "time_limit"  # reading went past the deadline, the CPU limit, or was killed
    MEMORY_LIMIT = "memory_limit"  # reading needed more than the child's memory limit (a "bomb")
    IMAGE = "image"  # a PNG or JPEG: there is no text recognition


PDF_PROBLEMS = frozenset(Unread) - {Unread.IMAGE}
MAX_PAGES = 100  # the PDF reader's limits (pdftext), here so that HELP can state them
MAX_CHARS = 200_000

HELP: dict[Unread, str] = {
    Unread.ENCRYPTED: "The PDF is protected by a password, so its text could not be read. "
    "Remove the password (save or print an unprotected copy) and send it again.",
    Unread.CORRUPT: "The file could not be read as a PDF: it is damaged, incomplete or not really "
    "a PDF. Save or export it again from the program that made it and send it again.",
    Unread.NO_TEXT: "The PDF contains no text, only images (a scan or a photograph of a document). "
    "Send a PDF with text (exported from the word processor, or after text recognition), "
    "or write the text into the message.",
    Unread.TOO_MANY_PAGES: f"The PDF has more than {MAX_PAGES} pages. Send only the pages that matter, "
    "or split it into several files.",
    Unread.TOO_MUCH_TEXT: f"The PDF holds more than {MAX_CHARS:,} characters of text. Send only the parts "
    "that matter, or split it into several files.",
    Unread.TIME_LIMIT: "Reading the PDF took longer than allowed. Save it again as an ordinary PDF "
    "(print to PDF), or send fewer pages.",
    Unread.MEMORY_LIMIT: "Reading the PDF needed more memory than allowed: its compressed contents "
    "expand to a very large size. Save it again as an ordinary PDF (print to PDF) and send it "
    "again; a reviewer treats such a file with care.",
    Unread.IMAGE: "Images are not read (there is no text recognition). On a message about a person "
    "a reviewer looks at them; for a scanned letter, write its text into the message or attach "
    "it as a PDF with text.",
}


@dataclass(frozen=True, slots=True)
class Result:
    """One attachment as monitoring saw it, in the order it was sent (``position`` from 1)."""

    position: int
    media_type: str
    text_read: bool
    reason: Unread | None = None  # set exactly when the text was not read


def read(position: int, media_type: str) -> Result:
    return Result(position, media_type, True)


def unread(position: int, media_type: str, reason: Unread) -> Result:
    return Result(position, media_type, False, reason)


def explain(reason: str | None) -> str | None:
    """The plain words for a stored code (None for none, or a code this release does not know)."""
    if reason is None:
        return None
    try:
        return HELP[Unread(reason)]
    except ValueError:
        return None
