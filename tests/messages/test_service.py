"""Monitoring before delivery, reading rights, receipts, threads, the compliance review, the hooks."""

from __future__ import annotations

import base64
from datetime import timedelta

import pytest
from sqlalchemy import select

from article3.actors import Role
from article3.audit.models import AuditEntry
from article3.bootstrap import Runtime
from article3.clock import FixedClock
from article3.db.session import transaction
from article3.errors import Conflict, InvalidInput, NotFound
from article3.messages import queries, rules
from article3.messages import service as messages
from article3.messages.schemas import Decision, MessageDecide
from article3.notices import service as notices
from article3.oversight import service as oversight
from article3.oversight.schemas import MeasureApply
from article3.register.rules import ProtectionKind
from article3.search import service as search
from tests.factories import messages as mf
from tests.factories import requests as rq
from tests.factories.accounts import make_user
from tests.messages import pdfs

WHERE_RU = "Просим установить местонахождение гражданки Ирины Соколовой и сообщить её адрес."
WHERE_EN = "Please tell us where Irina Sokolova lives and arrest her upon arrival."
INNOCENT = "We received your letter concerning Irina Sokolova; the court documents follow next week."


def test_a_location_ask_about_a_refused_person_in_free_text_is_held(runtime: Runtime) -> None:
    mf.refused(runtime, "RU")
    ru = make_user(runtime, Role.NCB_OFFICER, "RU")
    assert mf.send(runtime, ru, body=WHERE_RU)[1:] == ("held", ["refused_request_subject"])
    assert mf.send(runtime, ru, body=WHERE_EN)[1:] == ("held", ["refused_request_subject"])


def test_a_location_ask_after_a_political_rejection_at_intake_is_held(runtime: Runtime) -> None:
    officer = make_user(runtime, Role.NCB_OFFICER, "RU")
    treason = {"provision": "Criminal Code, art. 275", "description": "High treason", "category": None,
               "committed_on": "2021-01-15", "place": "Moscow"}  # fmt: skip
    ref = rq.submit(runtime, officer, rq.document("RU", subject=mf.SOKOLOVA, offences=[treason]))
    with runtime.session() as s:
        assert notices.by_ref(s, ref).status == "rejected"
    assert mf.send(runtime, officer, body=WHERE_EN)[1:] == ("held", ["refused_request_subject"])


def test_no_ask_about_a_refused_person_is_delivered(runtime: Runtime) -> None:
    mf.refused(runtime, "RU")
    ru = make_user(runtime, Role.NCB_OFFICER, "RU")
    assert mf.send(runtime, ru, body=INNOCENT)[1:] == ("delivered", [])


def test_another_country_may_ask_about_the_person_refused_to_russia(runtime: Runtime) -> None:
    mf.refused(runtime, "RU")
    fr = make_user(runtime, Role.NCB_OFFICER, "FR")
    assert mf.send(runtime, fr, body=WHERE_EN)[1:] == ("delivered", [])


def test_structured_references_persons_and_requests(runtime: Runtime) -> None:
    ref = mf.refused(runtime, "RU")
    ru = make_user(runtime, Role.NCB_OFFICER, "RU")
    body = "Please locate the person and provide the home address."
    person = {"names": ["SOKOLOVA IRINA"], "birth_date": "1988-02-03"}
    assert mf.send(runtime, ru, body=body, persons=[person])[1:] == ("held", ["refused_request_subject"])
    assert mf.send(runtime, ru, body=body, requests=[ref])[1:] == ("held", ["refused_request_subject"])


def test_a_deleted_request_is_found_through_the_register(runtime: Runtime) -> None:
    mf.protect(runtime, ProtectionKind.CCF_DELETION, "RU", ["Irina Sokolova"])
    ru = make_user(runtime, Role.NCB_OFFICER, "RU")
    assert mf.send(runtime, ru, body=WHERE_EN)[1:] == ("held", ["deleted_request_subject"])


def test_protected_against_the_sender_or_everyone(runtime: Runtime) -> None:
    mf.protect(runtime, ProtectionKind.REFUGEE, "RU", ["Ирина Соколова"])
    mf.protect(runtime, ProtectionKind.JOURNALIST, None, ["Armen Aramyan"])
    ru, tr = make_user(runtime, Role.NCB_OFFICER, "RU"), make_user(runtime, Role.NCB_OFFICER, "TR")
    assert mf.send(runtime, ru, body=WHERE_EN)[1:] == ("held", ["protected_person"])
    assert mf.send(runtime, tr, body=WHERE_EN)[1:] == ("delivered", [])
    ask = "Please establish the whereabouts of Armen Aramyan."
    assert mf.send(runtime, tr, body=ask)[1:] == ("held", ["protected_person"])


def test_a_provisionally_blocked_request_holds_whoever_asks(runtime: Runtime) -> None:
    ref = rq.published(runtime, "FR")
    with runtime.session() as s, transaction(s):
        runtime.search.catch_up(s)
        access = dict(search.access_of(runtime.search, ref)) | {"blocked": True}
        search.set_access(s, entry_id=ref, access=access, now=runtime.clock.now())
    de = make_user(runtime, Role.NCB_OFFICER, "DE")
    assert mf.send(runtime, de, body="Please locate Marc Delorme.")[1:] == (
        "held",
        ["blocked_request_subject"],
    )


def test_a_measure_holds_location_and_arrest_asks_only(runtime: Runtime) -> None:
    gov = make_user(runtime, Role.GOVERNANCE)
    with runtime.session() as s, transaction(s):
        data = MeasureApply(country="RU", kind="message_hold", reason="abuse of the messaging channel")
        oversight.apply(s, actor=gov, data=data, now=runtime.clock.now())
    ru = make_user(runtime, Role.NCB_OFFICER, "RU")
    assert mf.send(runtime, ru, body="Please arrest him on arrival.")[1:] == (
        "held",
        ["measure_message_hold"],
    )
    assert mf.send(runtime, ru, body="Happy new year to all colleagues.")[1:] == ("delivered", [])


def test_unusual_volume_holds_the_next_asks(runtime: Runtime) -> None:
    fr = make_user(runtime, Role.NCB_OFFICER, "FR")
    statuses = [
        mf.send(runtime, fr, body="Please locate the subject.")[1] for _ in range(rules.VOLUME_FLOOR + 1)
    ]
    assert statuses[:-1] == ["delivered"] * rules.VOLUME_FLOOR
    assert statuses[-1] == "held"
    assert isinstance(runtime.clock, FixedClock)
    runtime.clock.advance(rules.VOLUME_WINDOW + timedelta(minutes=1))
    assert mf.send(runtime, fr, body="Please locate the subject.")[1] == "delivered"


def test_read_rights_receipts_and_threads(runtime: Runtime) -> None:
    fr, de, it = (make_user(runtime, Role.NCB_OFFICER, c) for c in ("FR", "DE", "IT"))
    reviewer = make_user(runtime, Role.REVIEWER)
    ref, status, _ = mf.send(runtime, fr, to=["DE"], body="Meeting on Monday.")
    assert status == "delivered"
    with runtime.session() as s, transaction(s):
        with pytest.raises(NotFound):
            messages.get(s, actor=it, ref=ref)
        with pytest.raises(NotFound):
            messages.get(s, actor=reviewer, ref=ref)
        with pytest.raises(Conflict):
            messages.mark_read(s, actor=fr, ref=ref, now=runtime.clock.now())
        messages.mark_read(s, actor=de, ref=ref, now=runtime.clock.now())
    reply, _, _ = mf.send(runtime, de, to=["FR"], body="Agreed.", reply_to=ref)
    with runtime.session() as s:
        seen = queries.to_read(s, messages.get(s, actor=fr, ref=ref), fr)
        assert seen.recipients[0].read_at is not None
        assert queries.to_read(s, messages.get(s, actor=de, ref=ref), de).recipients[0].read_at is None
        root = messages.get(s, actor=fr, ref=reply)
        assert [m.ref for m in messages.thread(s, actor=fr, root=root)] == [ref, reply]
        assert queries.to_read(s, root, fr).thread == ref
        assert [m.ref for m in messages.inbox(s, country="DE")] == [ref]
        assert [m.ref for m in messages.outbox(s, country="DE")] == [reply]
    with pytest.raises(InvalidInput):
        mf.send(runtime, it, to=["FR"], body="x", reply_to=ref)


def test_release_and_block_are_audited_and_counted(runtime: Runtime) -> None:
    mf.refused(runtime, "RU")
    ru, ae = make_user(runtime, Role.NCB_OFFICER, "RU"), make_user(runtime, Role.NCB_OFFICER, "AE")
    reviewer = make_user(runtime, Role.REVIEWER)
    first, _, _ = mf.send(runtime, ru, body=WHERE_EN)
    second, _, _ = mf.send(runtime, ru, body=WHERE_RU)
    mf.send(runtime, ru, body=INNOCENT)
    with runtime.session() as s:
        assert messages.inbox(s, country="AE") != []
        assert {m.ref for m in messages.inbox(s, country="AE")}.isdisjoint({first, second})
        with pytest.raises(NotFound):
            messages.get(s, actor=ae, ref=first)
        assert [m.ref for m in messages.held_queue(s)] == [first, second]
        outbox = {m.ref: m.status_label for m in messages.outbox(s, country="RU")}
        assert outbox[first] == "held for review"
    grounds = "asks to locate a person refused on Article 3 grounds"
    with runtime.session() as s, transaction(s):
        messages.decide(
            s,
            actor=reviewer,
            ref=first,
            data=MessageDecide(decision=Decision.BLOCK, grounds=grounds),
            now=runtime.clock.now(),
        )
        messages.decide(
            s,
            actor=reviewer,
            ref=second,
            data=MessageDecide(decision=Decision.RELEASE, grounds="the court asked for service of documents"),
            now=runtime.clock.now(),
        )
        with pytest.raises(Conflict):
            messages.decide(
                s,
                actor=reviewer,
                ref=first,
                data=MessageDecide(decision=Decision.RELEASE, grounds=grounds),
                now=runtime.clock.now(),
            )
    with runtime.session() as s:
        assert messages.country_counts(s, "RU") == {
            "delivered": 2,
            "held": 2,
            "pending": 0,
            "released": 1,
            "blocked": 1,
        }
        assert messages.country_counts(s, "RU", since=runtime.clock.now() + timedelta(days=1))["held"] == 0
        assert second in {m.ref for m in messages.inbox(s, country="AE")}
        actions = [
            e.action for e in s.scalars(select(AuditEntry).where(AuditEntry.subject_type == "message"))
        ]
    assert actions.count("messages:message:held") == 2
    assert "messages:message:blocked" in actions and "messages:message:released" in actions


def test_repeated_blocks_hold_later_asks(runtime: Runtime) -> None:
    ru, reviewer = make_user(runtime, Role.NCB_OFFICER, "RU"), make_user(runtime, Role.REVIEWER)
    mf.refused(runtime, "RU")
    for _ in range(rules.BLOCKED_LIMIT):
        ref, _, _ = mf.send(runtime, ru, body=WHERE_EN)
        with runtime.session() as s, transaction(s):
            data = MessageDecide(decision=Decision.BLOCK, grounds="locating a refused person")
            messages.decide(s, actor=reviewer, ref=ref, data=data, now=runtime.clock.now())
    assert mf.send(runtime, ru, body="Please locate Ivan Ivanov.")[1:] == (
        "held",
        ["repeated_blocked_attempts"],
    )


def test_mark_linked_shows_messages_naming_a_deleted_request_to_compliance(runtime: Runtime) -> None:
    ref = rq.published(runtime, "FR")
    fr, reviewer = make_user(runtime, Role.NCB_OFFICER, "FR"), make_user(runtime, Role.REVIEWER)
    mref, status, _ = mf.send(runtime, fr, to=["DE"], body="Update on the case.", requests=[ref])
    assert status == "delivered"
    with runtime.session() as s, transaction(s):
        assert messages.mark_linked(s, request_ref=ref, now=runtime.clock.now()) == 1
        assert messages.mark_linked(s, request_ref=ref, now=runtime.clock.now()) == 0
    with runtime.session() as s:
        assert messages.get(s, actor=reviewer, ref=mref).linked_at is not None
        assert mref in {m.ref for m in messages.held_queue(s, include_decided=True)}


def test_attachments_are_checked_by_content_and_stored_with_random_names(runtime: Runtime) -> None:
    fr, de = make_user(runtime, Role.NCB_OFFICER, "FR"), make_user(runtime, Role.NCB_OFFICER, "DE")
    judgment = pdfs.pdf("Judgment of the district court, served on the parties.")
    pdf = {"filename": "../judgment.pdf", "content_base64": base64.b64encode(judgment).decode()}
    ref, _, _ = mf.send(runtime, fr, to=["DE"], body="Judgment attached.", attachments=[pdf])
    with runtime.session() as s:
        m = messages.get(s, actor=de, ref=ref)
        a = m.attachments[0]
        found, content = messages.attachment(
            s, actor=de, ref=ref, attachment_id=a.token, data_dir=runtime.settings.data_dir
        )
    assert (found.filename, found.media_type, content) == (
        "judgment.pdf",
        "application/pdf",
        judgment,
    )
    assert (
        "judgment" not in a.stored_name
        and (runtime.settings.data_dir / "attachments" / a.stored_name).exists()
    )
    exe = {"filename": "x.pdf", "content_base64": base64.b64encode(b"MZ\x90\x00").decode()}
    with pytest.raises(InvalidInput) as caught:
        mf.send(runtime, fr, to=["DE"], body="x", attachments=[exe])
    assert caught.value.details[0]["path"] == "attachments[0]"


def test_a_text_attachment_is_read_by_monitoring(runtime: Runtime) -> None:
    mf.refused(runtime, "RU")
    ru = make_user(runtime, Role.NCB_OFFICER, "RU")
    note = {"filename": "note.txt", "content_base64": base64.b64encode(WHERE_EN.encode()).decode()}
    assert mf.send(runtime, ru, body="See the note.", attachments=[note])[1] == "held"


def test_unknown_or_invisible_request_refs_are_refused(runtime: Runtime) -> None:
    other = rq.in_review(runtime, "DE")
    fr = make_user(runtime, Role.NCB_OFFICER, "FR")
    with pytest.raises(InvalidInput) as caught:
        mf.send(runtime, fr, to=["DE"], body="x", requests=[other])
    assert caught.value.details[0]["code"] == "message.unknown_request"
