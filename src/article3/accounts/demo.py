"""One demo account per role, for ``make run`` and the tests. Refused outside development/test."""

from __future__ import annotations

from dataclasses import dataclass

from article3.actors import Role


@dataclass(frozen=True, slots=True)
class DemoAccount:
    username: str
    role: Role
    country: str | None
    password: str


DEMO_ACCOUNTS: tuple[DemoAccount, ...] = (
    DemoAccount("officer.fr", Role.NCB_OFFICER, "FR", "demo-officer-fr"),
    DemoAccount("admin.fr", Role.NCB_ADMIN, "FR", "demo-admin-fr"),
    DemoAccount("officer.de", Role.NCB_OFFICER, "DE", "demo-officer-de"),
    DemoAccount("officer.ru", Role.NCB_OFFICER, "RU", "demo-officer-ru"),
    DemoAccount("reviewer", Role.REVIEWER, None, "demo-reviewer"),
    DemoAccount("senior", Role.SENIOR_REVIEWER, None, "demo-senior"),
    DemoAccount("ccf.member", Role.CCF_MEMBER, None, "demo-ccf-member"),
    DemoAccount("ccf.secretariat", Role.CCF_SECRETARIAT, None, "demo-ccf-secretariat"),
    DemoAccount("governance", Role.GOVERNANCE, None, "demo-governance"),
    DemoAccount("auditor", Role.AUDITOR, None, "demo-auditor"),
    DemoAccount("registrar.icc", Role.REGISTRAR, None, "demo-registrar"),
)
