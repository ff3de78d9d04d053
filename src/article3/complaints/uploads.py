"""Supporting documents: an allow-list of types checked by content signature, random names on disk.

A file is accepted only if its extension is on the list *and* its first bytes are that type's
signature (plain text: valid UTF-8 without control bytes). It is stored under
``<data_dir>/complaints/`` with a random name and no extension, readable by the owner only, and
served back only as ``application/octet-stream`` attachments with ``nosniff``.
"""

from __future__ import annotations

import hashlib
import os
import secrets
from dataclasses import dataclass
from pathlib import Path

MAX_BYTES = 2_000_000
MAX_FILES = 4
SUBDIR = "complaints"
SIGNATURES: dict[str, tuple[bytes, ...]] = {
    "pdf": (b"%PDF-",),
    "png": (b"\x89PNG\r\n\x1a\n",),
    "jpg": (b"\xff\xd8\xff",),
    "jpeg": (b"\xff\xd8\xff",),
    "txt": (),
}
TYPE_OF = {"pdf": "pdf", "png": "png", "jpg": "jpeg", "jpeg": "jpeg", "txt": "text"}
_ALLOWED_CONTROL = {9, 10, 13}


@dataclass(frozen=True, slots=True)
class Checked:
    kind: str  # pdf | png | jpeg | text
    size: int
    sha256: str


def _extension(filename: str) -> str:
    return filename.rsplit(".", 1)[-1].lower() if "." in filename else ""


def _is_text(content: bytes) -> bool:
    try:
        text = content.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return all(ord(ch) >= 32 or ord(ch) in _ALLOWED_CONTROL for ch in text)


def problem(filename: str, content: bytes) -> str | None:
    """Why a file is refused (size, type not allowed, content not of its type), or None."""
    ext = _extension(filename)
    if ext not in SIGNATURES:
        return f"only {', '.join(sorted(SIGNATURES))} files are accepted"
    if not content:
        return "the file is empty"
    if len(content) > MAX_BYTES:
        return f"a file may not exceed {MAX_BYTES} bytes"
    signatures = SIGNATURES[ext]
    ok = _is_text(content) if not signatures else any(content.startswith(s) for s in signatures)
    return None if ok else f"the content is not a {ext} file"


def check(filename: str, content: bytes) -> Checked | None:
    if problem(filename, content) is not None:
        return None
    return Checked(TYPE_OF[_extension(filename)], len(content), hashlib.sha256(content).hexdigest())


def store(data_dir: Path, content: bytes) -> str:
    """Write the bytes under a random name; return the name (never derived from the upload)."""
    folder = data_dir / SUBDIR
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    name = secrets.token_hex(16)
    fd = os.open(folder / name, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as out:
        out.write(content)
    return name


def load(data_dir: Path, name: str) -> bytes:
    if not name.isalnum():
        raise ValueError("not a stored document name")
    return (data_dir / SUBDIR / name).read_bytes()
