"""The protected-persons register: who may register what, and matching across scripts."""

from __future__ import annotations

import pytest

from article3.actors import Role
from article3.bootstrap import Runtime
from article3.db.session import transaction
from article3.errors import PermissionDenied
from article3.register import service as register
from article3.register.rules import ProtectionKind
from article3.register.schemas import ProtectionRegister
from article3.search.schemas import PersonQuery
from tests.factories.accounts import make_user

PERSON = PersonQuery(names=["Олег Соколов"], birth_date="1978-05-02", nationalities=["RU"])


def add(
    rt: Runtime, role: Role, kind: ProtectionKind, against: str | None, country: str | None = None
) -> str:
    actor = make_user(rt, role, country)
    with rt.session() as s, transaction(s):
        return register.add(
            s,
            actor=actor,
            data=ProtectionRegister(
                person=PERSON,
                kind=kind,
                against_country=against,
                organisation="ICC" if role is Role.REGISTRAR else None,
            ),
            now=rt.clock.now(),
        ).ref


def test_a_host_country_registers_a_refugee_and_the_register_matches_latin_spellings(
    runtime: Runtime,
) -> None:
    ref = add(runtime, Role.NCB_OFFICER, ProtectionKind.REFUGEE, "RU", "DE")
    with runtime.session() as s:
        hits = register.matches(
            s, engine=runtime.search, person=PersonQuery(names=["SOKOLOV OLEG"], birth_date="1978")
        )
    assert [(h.ref, h.kind, h.against_country) for h in hits] == [(ref, ProtectionKind.REFUGEE, "RU")]


@pytest.mark.parametrize(
    ("role", "kind", "against", "country"),
    [
        (Role.NCB_OFFICER, ProtectionKind.JOURNALIST, None, "DE"),
        (Role.REGISTRAR, ProtectionKind.REFUGEE, "RU", None),
        (Role.NCB_OFFICER, ProtectionKind.REFUGEE, None, "DE"),
        (Role.NCB_OFFICER, ProtectionKind.REFUGEE, "DE", "DE"),
        (Role.REVIEWER, ProtectionKind.CCF_DELETION, "RU", None),
    ],
)
def test_who_may_register_what(
    runtime: Runtime, role: Role, kind: ProtectionKind, against: str | None, country: str | None
) -> None:
    with pytest.raises(PermissionDenied):
        add(runtime, role, kind, against, country)


def test_the_register_never_shows_in_a_countrys_search(runtime: Runtime) -> None:
    from article3.search import service as search  # noqa: PLC0415

    add(runtime, Role.REGISTRAR, ProtectionKind.INTERNATIONAL_OFFICIAL, None)
    officer = make_user(runtime, Role.NCB_OFFICER, "RU")
    with runtime.session() as s, transaction(s):
        assert (
            search.find(
                s, engine=runtime.search, actor=officer, query=PERSON, limit=5, now=runtime.clock.now()
            )
            == []
        )
