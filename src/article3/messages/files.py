"""Pure checks of attachments: the type comes from the content's signature, never from the name.

Accepted: PDF, PNG, JPEG, and plain UTF-8 text (no NUL byte, no control characters besides tab
and line breaks). Anything else, or a file larger than ``MAX_BYTES``, is refused.
"""

from __future__ import annotations

import re
import unicodedata

MAX_BYTES = 2_000_000
MAX_FILES = 5
SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"%PDF-", "application/pdf"),
    (b"\x89PNG\r\n\x1a\n", "image/png"),
    (b"\xff\xd8\xff", "image/jpeg"),
)
TEXT = "text/plain"
EXTENSIONS = {"application/pdf": ".pdf", "image/png": ".png", "image/jpeg": ".jpg", TEXT: ".txt"}
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_UNSAFE = re.compile(r"[^\w.\- ]+")


def sniff(content: bytes) -> str | None:
    """The media type the bytes are, by signature; None for anything not accepted."""
    for magic, media_type in SIGNATURES:
        if content.startswith(magic):
            return media_type
    try:
        text = content.decode("utf-8")
    except UnicodeDecodeError:
        return None
    return TEXT if text and not _CONTROL.search(text) else None


def problem(content: bytes) -> str | None:
    """Why this file is refused, or None."""
    if not content:
        return "the file is empty"
    if len(content) > MAX_BYTES:
        return f"the file is larger than {MAX_BYTES} bytes"
    if sniff(content) is None:
        return "only PDF, PNG, JPEG and plain UTF-8 text files are accepted (checked by content)"
    return None


def safe_filename(name: str, media_type: str) -> str:
    """A display name without paths or odd characters, ending in the extension of its real type."""
    base = unicodedata.normalize("NFKC", name).replace("\\", "/").rsplit("/", 1)[-1]
    stem = _UNSAFE.sub("_", base.rsplit(".", 1)[0] if "." in base else base).strip(" ._")[:80]
    return f"{stem or 'attachment'}{EXTENSIONS[media_type]}"
