"""Attachment files under ``<data_dir>/attachments``, each under a random name (never the sender's)."""

from __future__ import annotations

import hashlib
import secrets
from pathlib import Path

from article3.errors import NotFound

FOLDER = "attachments"


def save(data_dir: Path, content: bytes) -> tuple[str, str]:
    """Write the bytes under a fresh random name; return (stored name, SHA-256)."""
    folder = data_dir / FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    name = secrets.token_hex(20)
    (folder / name).write_bytes(content)
    return name, hashlib.sha256(content).hexdigest()


def load(data_dir: Path, stored_name: str) -> bytes:
    if not stored_name.isalnum():  # our own random hex names only: never a path
        raise NotFound("No such attachment", code="message.attachment_not_found")
    path = data_dir / FOLDER / stored_name
    try:
        return path.read_bytes()
    except OSError as exc:
        raise NotFound("The attachment's file is missing", code="message.attachment_missing") from exc
