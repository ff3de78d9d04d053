"""Chosen passwords are argon2 hashes; secrets the system generates are fast SHA-256 digests.
Both log in through ``authenticate``, and every path costs one argon2 verification."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from article3.accounts import rules
from article3.accounts import service as accounts
from article3.accounts.models import User
from article3.actors import Role
from article3.bootstrap import Runtime
from article3.complaints import service as complaints
from article3.db.session import transaction
from article3.errors import NotAuthenticated
from tests.factories import complaints as cc
from tests.factories.accounts import PASSWORD, make_user


def _stored(rt: Runtime, username: str) -> str:
    with rt.session() as s:
        return s.scalars(select(User.password_hash).where(User.username == username)).one()


def _generated(rt: Runtime, username: str = "ccf-2026-000042") -> str:
    with rt.session() as s, transaction(s):
        _user, secret = accounts.create_with_secret(
            s, actor="system:test", username=username, role=Role.APPLICANT, now=rt.clock.now()
        )
    return secret


def test_a_generated_secret_is_long_stored_as_a_digest_and_logs_in(runtime: Runtime) -> None:
    secret = _generated(runtime)
    stored = _stored(runtime, "ccf-2026-000042")
    assert len(secret) >= 22  # token_urlsafe(16): 128 bits
    assert stored.startswith(rules.GENERATED_SCHEME) and secret not in stored
    with runtime.session() as s:
        assert accounts.authenticate(s, username="ccf-2026-000042", password=secret).role is Role.APPLICANT
        for wrong in (secret[:-1], secret + "x", stored, stored.removeprefix(rules.GENERATED_SCHEME), ""):
            with pytest.raises(NotAuthenticated):
                accounts.authenticate(s, username="ccf-2026-000042", password=wrong)


def test_two_generated_secrets_differ(runtime: Runtime) -> None:
    assert _generated(runtime, "ccf-2026-000001") != _generated(runtime, "ccf-2026-000002")


def test_a_chosen_password_keeps_argon2(runtime: Runtime) -> None:
    make_user(runtime, Role.CCF_MEMBER, username="member")
    assert _stored(runtime, "member").startswith("$argon2id$")
    with runtime.session() as s:
        assert accounts.authenticate(s, username="member", password=PASSWORD).role is Role.CCF_MEMBER
        with pytest.raises(NotAuthenticated):
            accounts.authenticate(s, username="member", password=PASSWORD + "!")


def test_lodging_gives_the_applicant_a_generated_secret(runtime: Runtime) -> None:
    with runtime.session() as s, transaction(s):
        receipt = complaints.lodge(
            s,
            actor=None,
            data=cc.lodge_data(),
            documents=[],
            engine=runtime.search,
            data_dir=runtime.settings.data_dir,
            now=runtime.clock.now(),
        )
    assert receipt.password is not None and len(receipt.password) >= 22
    assert _stored(runtime, receipt.username).startswith(rules.GENERATED_SCHEME)
    with runtime.session() as s:
        actor = accounts.authenticate(s, username=receipt.username, password=receipt.password)
    assert actor.role is Role.APPLICANT


def test_every_login_path_costs_one_argon2_verification(
    runtime: Runtime, monkeypatch: pytest.MonkeyPatch
) -> None:
    secret = _generated(runtime)
    make_user(runtime, Role.CCF_MEMBER, username="member")
    calls: list[str] = []
    real = accounts._hasher

    class Counting:
        def verify(self, stored: str, password: str) -> bool:
            calls.append(stored)
            return real.verify(stored, password)

    monkeypatch.setattr(accounts, "_hasher", Counting())
    attempts = [
        ("ccf-2026-000042", secret, True),
        ("ccf-2026-000042", "wrong-secret", False),
        ("member", PASSWORD, True),
        ("member", "wrong-password", False),
        ("nobody", "whatever-it-is", False),
    ]
    with runtime.session() as s:
        for username, password, ok in attempts:
            calls.clear()
            try:
                accounts.authenticate(s, username=username, password=password)
                succeeded = True
            except NotAuthenticated:
                succeeded = False
            assert (succeeded, len(calls)) == (ok, 1), username
