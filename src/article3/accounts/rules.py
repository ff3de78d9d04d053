"""Pure rules about accounts."""

from __future__ import annotations

from article3.actors import Actor, Role

TOKEN_PREFIX = "a3_"  # noqa: S105 - a public prefix, not a secret
# A secret the system generates (the applicant's login) has 128 random bits: it is stored as
# ``sha256$<hex digest>``, fast to compute, as API tokens are; chosen passwords keep argon2
# (docs/accounts.md).
GENERATED_SECRET_BYTES = 16
GENERATED_SCHEME = "sha256$"


def country_binding_problem(role: Role, country: str | None) -> str | None:
    """NCB roles are bound to exactly one country; secretariat and commission roles to none."""
    if role.bound_to_country and not country:
        return f"the role {role.value!r} needs a country"
    if not role.bound_to_country and country:
        return f"the role {role.value!r} is not bound to a country"
    return None


def may_manage(manager: Actor, role: Role, country: str | None) -> bool:
    """An NCB admin creates officer accounts of its own country only."""
    return manager.role is Role.NCB_ADMIN and role is Role.NCB_OFFICER and country == manager.country
