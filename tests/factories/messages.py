"""Messages for tests: refused subjects, register entries, and sending through the service."""

from __future__ import annotations

from typing import Any

from article3.actors import Actor, Role
from article3.bootstrap import Runtime
from article3.db.session import transaction
from article3.messages import service as messages
from article3.messages.schemas import MessageSend
from article3.register import service as register
from article3.register.rules import ProtectionKind
from article3.register.schemas import ProtectionRegister
from article3.search.schemas import PersonQuery
from tests.factories import requests as rq
from tests.factories.accounts import make_user
from tests.messages import pdfs

SOKOLOVA = {"names": [{"full": "Ирина Соколова"}, {"given": "Irina", "family": "Sokolova"}],
            "sex": "F", "birth_date": "1988-02-03", "nationalities": ["RU"]}  # fmt: skip


def refused(rt: Runtime, country: str = "RU", subject: dict[str, Any] | None = None) -> str:
    """A request of ``country`` about ``subject`` (default Irina Sokolova), refused on review."""
    officer = make_user(rt, Role.NCB_OFFICER, country)
    doc = rq.document(country, subject=subject or SOKOLOVA)
    ref = rq.submit(rt, officer, doc)
    rq.decide(rt, make_user(rt, Role.REVIEWER), ref, rq.refuse())
    return ref


def protect(rt: Runtime, kind: ProtectionKind, against: str | None, names: list[str]) -> str:
    """Register a person: a refugee by DE, a deletion by the commission, a journalist by a registrar."""
    role, country = {
        ProtectionKind.REFUGEE: (Role.NCB_OFFICER, "DE"),
        ProtectionKind.CCF_DELETION: (Role.CCF_MEMBER, None),
    }.get(kind, (Role.REGISTRAR, None))
    actor = make_user(rt, role, country)
    data = ProtectionRegister(person=PersonQuery(names=names), kind=kind, against_country=against)
    with rt.session() as s, transaction(s):
        return register.add(s, actor=actor, data=data, now=rt.clock.now()).ref


def send(rt: Runtime, sender: Actor, **fields: Any) -> tuple[str, str, list[str]]:
    """Send a message; return its ref, status and hold reasons."""
    fields.setdefault("subject", "Case")
    fields.setdefault("to", ["AE"])
    data = MessageSend.model_validate(fields)
    with rt.session() as s, transaction(s):
        m = messages.send(
            s, actor=sender, engine=rt.search, data=data, data_dir=rt.settings.data_dir, now=rt.clock.now()
        )
        return m.ref, m.status, list(m.reasons)


# A real one-page PDF with text (monitoring reads PDFs; an unreadable one would hold the message).
PDF = pdfs.attachment(pdfs.pdf("Judgment of the district court, served on the parties."), "judgment.pdf")


def delivered(rt: Runtime, sender: str = "FR", to: str = "DE") -> tuple[str, str]:
    """A delivered message with one PDF attachment; returns its ref and the attachment's id."""
    actor = make_user(rt, Role.NCB_OFFICER, sender)
    ref = send(rt, actor, to=[to], body="The judgment is attached.", attachments=[PDF])[0]
    with rt.session() as s:
        return ref, messages.by_ref(s, ref).attachments[0].token


def held(rt: Runtime) -> tuple[str, str]:
    """A message held under a message_hold measure on RU, with one attachment: ref, attachment id."""
    from article3.oversight import service as oversight  # noqa: PLC0415
    from article3.oversight.schemas import MeasureApply  # noqa: PLC0415

    with rt.session() as s:
        in_force = "message_hold" in oversight.active_for(s, "RU")
    if not in_force:
        gov = make_user(rt, Role.GOVERNANCE)
        with rt.session() as s, transaction(s):
            data = MeasureApply(country="RU", kind="message_hold", reason="abuse of the messaging channel")
            oversight.apply(s, actor=gov, data=data, now=rt.clock.now())
    actor = make_user(rt, Role.NCB_OFFICER, "RU")
    ref = send(rt, actor, to=["DE"], body="Please arrest him on arrival.", attachments=[PDF])[0]
    with rt.session() as s:
        return ref, messages.by_ref(s, ref).attachments[0].token
