"""Supporting documents: an allow-list of types checked by content signature, random names on disk.

A file is accepted only if its extension is on the list *and* its first bytes are that type's
signature (plain text: valid UTF-8 without control bytes). It is stored under
``<data_dir>/complaints/`` with a random name and no extension, readable by the owner only, and
served back only as ``application/octet-stream`` attachments with ``nosniff``. It is first written
as ``<name>.staged`` and renamed to ``<name>`` once the row naming it is committed
(``documents`` ties this to the transaction).
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
STAGED = ".staged"  # a file written in a transaction that has not committed yet
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


def _folder(data_dir: Path) -> Path:
    folder = data_dir / SUBDIR
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    return folder


def _sync_folder(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def stage(data_dir: Path, content: bytes) -> str:
    """Write the bytes under a random name with the staging suffix, durably; return the final name
    (never derived from the upload). The file becomes final with ``publish`` once its row is committed."""
    folder = _folder(data_dir)
    name = secrets.token_hex(16)
    fd = os.open(folder / (name + STAGED), os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as out:
        out.write(content)
        out.flush()
        os.fsync(out.fileno())
    _sync_folder(folder)  # the name too survives a crash before the commit that refers to it
    return name


def publish(data_dir: Path, name: str) -> bool:
    """Give a staged file its final name (an atomic rename); False if it is no longer staged."""
    folder = data_dir / SUBDIR
    try:
        os.rename(folder / (name + STAGED), folder / name)
    except FileNotFoundError:
        return False
    _sync_folder(folder)
    return True


def discard(data_dir: Path, name: str) -> bool:
    """Delete a staged file; False if there was none."""
    try:
        (data_dir / SUBDIR / (name + STAGED)).unlink()
    except FileNotFoundError:
        return False
    return True


def staged(data_dir: Path) -> dict[str, float]:
    """The staged files: final name -> last modification (seconds since the epoch)."""
    folder = data_dir / SUBDIR
    found: dict[str, float] = {}
    for path in folder.glob("*" + STAGED) if folder.is_dir() else []:
        try:
            found[path.name.removesuffix(STAGED)] = path.stat().st_mtime
        except FileNotFoundError:
            continue  # published or discarded meanwhile
    return found


def load(data_dir: Path, name: str) -> bytes:
    """The stored bytes; a file whose row was committed but whose rename did not happen yet (the
    process died in between) is still read, from its staging name."""
    if not name.isalnum():
        raise ValueError("not a stored document name")
    folder = data_dir / SUBDIR
    for candidate in (name, name + STAGED):
        try:
            return (folder / candidate).read_bytes()
        except FileNotFoundError:
            continue
    return (folder / name).read_bytes()  # renamed between the two reads above, or missing: raises
