"""Pure rules of the register: kinds, and who may register which kind."""

from __future__ import annotations

from enum import StrEnum

from article3.actors import Actor, Role


class ProtectionKind(StrEnum):
    REFUGEE = "refugee"
    ASYLUM_SEEKER = "asylum_seeker"
    INTERNATIONAL_OFFICIAL = "international_official"
    JOURNALIST = "journalist"
    HUMAN_RIGHTS_DEFENDER = "human_rights_defender"
    POLITICIAN = "politician"
    OPPOSITION_FIGURE = "opposition_figure"
    CCF_DELETION = "ccf_deletion"


HOST_COUNTRY_KINDS = frozenset({ProtectionKind.REFUGEE, ProtectionKind.ASYLUM_SEEKER})
BODY_KINDS = frozenset(
    {
        ProtectionKind.INTERNATIONAL_OFFICIAL,
        ProtectionKind.JOURNALIST,
        ProtectionKind.HUMAN_RIGHTS_DEFENDER,
        ProtectionKind.POLITICIAN,
        ProtectionKind.OPPOSITION_FIGURE,
    }
)
NEEDS_AGAINST = frozenset({ProtectionKind.REFUGEE, ProtectionKind.ASYLUM_SEEKER, ProtectionKind.CCF_DELETION})
SEES_REGISTER = frozenset({Role.REVIEWER, Role.SENIOR_REVIEWER, Role.CCF_MEMBER, Role.CCF_SECRETARIAT})


def registration_problem(actor: Actor, kind: ProtectionKind, against_country: str | None) -> str | None:
    """Host countries register refugees and asylum seekers (fled from another country); international
    bodies and accredited organisations register their officials and the persons they protect; the
    commission's deletions register the person against the requester."""
    if kind in HOST_COUNTRY_KINDS and not actor.role.bound_to_country:
        return "only a host country's bureau registers refugees and asylum seekers"
    if kind in BODY_KINDS and actor.role is not Role.REGISTRAR:
        return "only an international body or accredited organisation registers this kind"
    if kind is ProtectionKind.CCF_DELETION and actor.role is not Role.CCF_MEMBER:
        return "only the complaints commission registers its deletions"
    if kind in NEEDS_AGAINST and not against_country:
        return "name the country the person is protected against"
    if against_country and against_country == actor.country:
        return "a country cannot register a person as protected against itself"
    return None


def kinds_for(actor: Actor) -> list[ProtectionKind]:
    """The kinds of entry this actor may register (the form offers only these)."""
    if actor.role.bound_to_country:
        allowed = HOST_COUNTRY_KINDS
    elif actor.role is Role.REGISTRAR:
        allowed = BODY_KINDS
    elif actor.role is Role.CCF_MEMBER:
        allowed = frozenset({ProtectionKind.CCF_DELETION})
    else:
        allowed = frozenset()
    return [k for k in ProtectionKind if k in allowed]
