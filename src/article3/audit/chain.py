"""Pure hashing of the audit chain: canonical bodies, linked hashes, verification."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

GENESIS_HASH = "0" * 64


def canonical(value: Any) -> bytes:
    """Deterministic JSON bytes: sorted keys, no spaces, UTF-8."""
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=str).encode()


def digest(value: Any) -> str:
    """SHA-256 of a value's canonical JSON: the "hash of the change" kept instead of the change."""
    return hashlib.sha256(canonical(value)).hexdigest()


def timestamp(at: datetime) -> str:
    return at.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


@dataclass(frozen=True, slots=True)
class EntryView:
    """What the chain hashes of one entry."""

    seq: int
    at: datetime
    actor: str
    action: str
    subject_type: str
    subject_id: str
    change_hash: str
    prev_hash: str
    hash: str

    def body(self) -> dict[str, Any]:
        return {
            "seq": self.seq,
            "at": timestamp(self.at),
            "actor": self.actor,
            "action": self.action,
            "subject_type": self.subject_type,
            "subject_id": self.subject_id,
            "change_hash": self.change_hash,
        }


def link(prev_hash: str, body: Mapping[str, Any]) -> str:
    """An entry's own hash: SHA-256 of the previous hash followed by its canonical body."""
    return hashlib.sha256(prev_hash.encode() + canonical(dict(body))).hexdigest()


@dataclass(frozen=True, slots=True)
class Verification:
    ok: bool
    checked: int
    head_hash: str
    first_broken_seq: int | None = None
    reason: str | None = None


def verify(entries: Iterable[EntryView]) -> Verification:
    """Recompute the chain in order; name the first entry whose link or hash does not hold."""
    prev, expected_seq, checked = GENESIS_HASH, 1, 0
    for entry in entries:
        reason = _problem(entry, prev, expected_seq)
        if reason:
            return Verification(False, checked, prev, entry.seq, reason)
        prev, expected_seq, checked = entry.hash, entry.seq + 1, checked + 1
    return Verification(True, checked, prev)


def _problem(entry: EntryView, prev: str, expected_seq: int) -> str | None:
    if entry.seq != expected_seq:
        return f"sequence gap: expected {expected_seq}"
    if entry.prev_hash != prev:
        return "previous hash does not match the entry before it"
    if link(prev, entry.body()) != entry.hash:
        return "hash does not match the entry's content"
    return None
