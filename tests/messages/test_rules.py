"""Pure rules: when to hold, who reads, and the attachment checks."""

from __future__ import annotations

import pytest

from article3.actors import Actor, Role
from article3.messages import files, rules
from article3.messages.rules import Ask, Concern, Facts, Reason, Status


def facts(**overrides: object) -> Facts:
    base: dict[str, object] = {
        "asks": frozenset({Ask.WHEREABOUTS}),
        "concerns": frozenset(),
        "measures": frozenset(),
        "asking_last_window": 0,
        "asking_baseline": 0,
        "blocked_recently": 0,
    }
    return Facts(**(base | overrides))  # type: ignore[arg-type]


def test_no_ask_is_never_held_whatever_it_concerns() -> None:
    f = facts(asks=frozenset(), concerns=frozenset(Concern), measures=frozenset({"message_hold"}))
    assert rules.hold_reasons(f) == []


def test_attachments_monitoring_could_not_read() -> None:
    quiet = facts(asks=frozenset())
    assert rules.hold_reasons(facts(asks=frozenset(), unreadable_attachment=True)) == [
        Reason.ATTACHMENT_UNREADABLE
    ]
    assert (
        rules.hold_reasons(facts(asks=frozenset(), image_attachment=True)) == [] == rules.hold_reasons(quiet)
    )
    named = facts(asks=frozenset(), image_attachment=True, names_person=True)
    assert rules.hold_reasons(named) == [Reason.IMAGE_ABOUT_PERSON]
    asked = facts(image_attachment=True, concerns=frozenset({Concern.REFUSED}))
    assert rules.hold_reasons(asked) == [Reason.REFUSED_REQUEST_SUBJECT, Reason.IMAGE_ABOUT_PERSON]


def test_an_ordinary_ask_is_delivered() -> None:
    assert rules.hold_reasons(facts()) == []


def test_reasons_come_most_important_first() -> None:
    f = facts(
        concerns=frozenset({Concern.REFUSED, Concern.PROTECTED}),
        measures=frozenset({"enhanced_review", "message_hold"}),
    )
    assert rules.hold_reasons(f) == [
        Reason.PROTECTED_PERSON,
        Reason.REFUSED_REQUEST_SUBJECT,
        Reason.MEASURE_MESSAGE_HOLD,
        Reason.MEASURE_ENHANCED_REVIEW,
    ]


def test_a_measure_holds_location_and_arrest_asks_but_not_contacts() -> None:
    held = facts(measures=frozenset({"message_hold"}), asks=frozenset({Ask.ARREST}))
    assert rules.hold_reasons(held) == [Reason.MEASURE_MESSAGE_HOLD]
    contacts = facts(measures=frozenset({"message_hold"}), asks=frozenset({Ask.CONTACTS}))
    assert rules.hold_reasons(contacts) == []
    assert rules.hold_reasons(facts(measures=frozenset({"suspension"}))) == []


def test_contacts_asked_about_a_refused_person_is_held() -> None:
    f = facts(asks=frozenset({Ask.CONTACTS}), concerns=frozenset({Concern.REFUSED}))
    assert rules.hold_reasons(f) == [Reason.REFUSED_REQUEST_SUBJECT]


def test_volume_floor_and_own_baseline() -> None:
    assert rules.volume_threshold(0) == rules.VOLUME_FLOOR
    assert rules.volume_threshold(30 * 100) == 300.0  # 100 a day usually: unusual above 300
    assert rules.hold_reasons(facts(asking_last_window=rules.VOLUME_FLOOR - 1)) == []
    assert rules.hold_reasons(facts(asking_last_window=rules.VOLUME_FLOOR)) == [Reason.UNUSUAL_VOLUME]
    assert rules.hold_reasons(facts(asking_last_window=250, asking_baseline=3000)) == []


def test_repeated_blocks_hold_later_location_asks() -> None:
    assert rules.hold_reasons(facts(blocked_recently=rules.BLOCKED_LIMIT - 1)) == []
    assert rules.hold_reasons(facts(blocked_recently=rules.BLOCKED_LIMIT)) == [
        Reason.REPEATED_BLOCKED_ATTEMPTS
    ]


FR, DE, AE = (Actor(1, Role.NCB_OFFICER, c) for c in ("FR", "DE", "AE"))
REVIEWER, CCF = Actor(9, Role.REVIEWER), Actor(8, Role.CCF_MEMBER)


@pytest.mark.parametrize(
    ("actor", "status", "held", "expected"),
    [
        (FR, Status.HELD, True, True),
        (DE, Status.HELD, True, False),
        (DE, Status.BLOCKED, True, False),
        (DE, Status.DELIVERED, True, True),
        (AE, Status.DELIVERED, False, False),
        (REVIEWER, Status.DELIVERED, False, False),
        (REVIEWER, Status.DELIVERED, True, True),
        (REVIEWER, Status.HELD, True, True),
        (CCF, Status.HELD, True, False),
    ],
)
def test_who_reads(actor: Actor, status: Status, held: bool, expected: bool) -> None:
    assert (
        rules.may_read(actor, sender="FR", recipients=frozenset({"DE"}), status=status, held=held) is expected
    )


def test_the_sender_is_told_held_for_review_only() -> None:
    assert rules.sender_status(Status.HELD) == "held for review"
    assert rules.sender_status(Status.DELIVERED) == "delivered"


@pytest.mark.parametrize(
    ("content", "media_type"),
    [
        (b"%PDF-1.7\n...", "application/pdf"),
        (b"\x89PNG\r\n\x1a\n....", "image/png"),
        (b"\xff\xd8\xff\xe0....", "image/jpeg"),
        ("Протокол допроса\n".encode(), "text/plain"),
        (b"<html><script>alert(1)</script>", "text/plain"),
        (b"MZ\x90\x00\x03", None),
        (b"GIF89a\x00\x00", None),
        (b"\x00\x01binary", None),
    ],
)
def test_type_comes_from_the_content(content: bytes, media_type: str | None) -> None:
    assert files.sniff(content) == media_type


def test_size_and_empty_files_are_refused() -> None:
    assert files.problem(b"") == "the file is empty"
    assert files.problem(b"a" * (files.MAX_BYTES + 1))
    assert files.problem(b"%PDF-1.4") is None


def test_filenames_lose_paths_and_get_the_real_extension() -> None:
    assert files.safe_filename("../../etc/passwd", "text/plain") == "passwd.txt"
    assert files.safe_filename("C:\\x\\report.exe", "application/pdf") == "report.pdf"
    assert files.safe_filename("<script>.html", "text/plain") == "script.txt"
    assert files.safe_filename("...", "image/png") == "attachment.png"
