"""Ed25519 keys and signatures for the transparency reports.

The private key lives in one PEM file (PKCS#8, mode 0600), made on first use; the public key is
written beside it (``.pub.pem``) for anyone who wants to verify a report offline. A key is named by
its id: the first 16 hex digits of the SHA-256 of the raw public key.
"""

from __future__ import annotations

import base64
import hashlib
import os
from dataclasses import dataclass
from pathlib import Path

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

ALGORITHM = "ed25519"
KEY_FILE = "report-signing-ed25519.pem"


def default_key_path(data_dir: Path) -> Path:
    return data_dir / "keys" / KEY_FILE


def public_path(private_path: Path) -> Path:
    return private_path.with_name(private_path.name.removesuffix(".pem") + ".pub.pem")


def key_id(public: Ed25519PublicKey) -> str:
    raw = public.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    return hashlib.sha256(raw).hexdigest()[:16]


def public_pem(public: Ed25519PublicKey) -> str:
    return public.public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    ).decode()


@dataclass(frozen=True)
class Signer:
    """A loaded private key: signs bytes, and tells its public half."""

    private: Ed25519PrivateKey

    @property
    def public(self) -> Ed25519PublicKey:
        return self.private.public_key()

    @property
    def key_id(self) -> str:
        return key_id(self.public)

    def sign(self, data: bytes) -> str:
        return base64.b64encode(self.private.sign(data)).decode()


def _write_new(path: Path, data: bytes, mode: int) -> bool:
    """Create ``path`` with ``data`` only if it does not exist yet; False when it already did."""
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, mode)
    except FileExistsError:
        return False
    with os.fdopen(fd, "wb") as handle:
        handle.write(data)
    return True


def load_or_create(path: Path) -> Signer:
    """The signing key at ``path``; generated (with its public half beside it) on first use."""
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        fresh = Ed25519PrivateKey.generate()
        pem = fresh.private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
        )
        _write_new(path, pem, 0o600)  # another process may have won the race: read what is there
    loaded = serialization.load_pem_private_key(path.read_bytes(), password=None)
    if not isinstance(loaded, Ed25519PrivateKey):
        raise ValueError(f"{path} does not hold an Ed25519 private key")
    signer = Signer(loaded)
    pub = public_path(path)
    if not pub.exists():
        _write_new(pub, public_pem(signer.public).encode(), 0o644)
    return signer


def load_public(path: Path) -> Ed25519PublicKey:
    """A public key from a PEM file (a ``.pub.pem``, or the private key itself)."""
    data = path.read_bytes()
    if b"PRIVATE KEY" in data:
        private = serialization.load_pem_private_key(data, password=None)
        if not isinstance(private, Ed25519PrivateKey):
            raise ValueError(f"{path} does not hold an Ed25519 key")
        return private.public_key()
    public = serialization.load_pem_public_key(data)
    if not isinstance(public, Ed25519PublicKey):
        raise ValueError(f"{path} does not hold an Ed25519 public key")
    return public


def verify(public: Ed25519PublicKey, data: bytes, signature: str) -> bool:
    """True when ``signature`` (base64) is this key's signature of exactly these bytes."""
    try:
        public.verify(base64.b64decode(signature, validate=True), data)
    except (InvalidSignature, ValueError):
        return False
    return True


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()
