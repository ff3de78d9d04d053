"""Monitoring reads PDF attachments (bounded) and Han text; what it cannot read waits for a person."""

from __future__ import annotations

import base64

from article3.actors import Role
from article3.bootstrap import Runtime
from article3.messages import pdftext
from article3.register.rules import ProtectionKind
from tests.factories import messages as mf
from tests.factories.accounts import make_user
from tests.messages import pdfs

LETTER = (
    "National Central Bureau Moscow\n"
    "Dear colleagues,\n"
    "please establish the whereabouts of {name}, born 3 February 1988,\n"
    "and inform us of the current address.\n"
)
COVER = "Please find our letter attached."
PNG = {"filename": "photo.png", "content_base64": base64.b64encode(b"\x89PNG\r\n\x1a\n" + b"0" * 64).decode()}
WHERE_ZH = "请贵方协助查明王小明的下落并告知其住址。"


def test_a_pdf_asking_for_a_refused_person_is_held(runtime: Runtime) -> None:
    mf.refused(runtime, "RU")
    ru = make_user(runtime, Role.NCB_OFFICER, "RU")
    letter = pdfs.attachment(pdfs.pdf(LETTER.format(name="Irina Sokolova")))
    ref, status, reasons = mf.send(runtime, ru, body=COVER, attachments=[letter])
    assert (status, reasons) == ("held", ["refused_request_subject"])
    with runtime.session() as s:
        from article3.messages import service as messages  # noqa: PLC0415

        assert messages.by_ref(s, ref).concerned[0]["found_in"] == "attachment"


def test_the_same_pdf_about_an_unknown_person_is_delivered(runtime: Runtime) -> None:
    mf.refused(runtime, "RU")
    ru = make_user(runtime, Role.NCB_OFFICER, "RU")
    letter = pdfs.attachment(pdfs.pdf(LETTER.format(name="Marta Kowalczyk")))
    assert mf.send(runtime, ru, body=COVER, attachments=[letter])[1:] == ("delivered", [])


def test_a_name_hidden_behind_padding_in_a_long_pdf_is_still_found(runtime: Runtime) -> None:
    mf.refused(runtime, "RU")
    ru = make_user(runtime, Role.NCB_OFFICER, "RU")
    padding = "\n\n".join(f"Witness Number{i} Listed Person{i} Somebody{i}" for i in range(80))
    text = padding + "\n\n" + LETTER.format(name="Irina Sokolova")
    letter = pdfs.attachment(pdfs.pdf(text))
    assert mf.send(runtime, ru, body=COVER, attachments=[letter])[1:] == ("held", ["refused_request_subject"])


def test_unreadable_pdfs_are_held_for_a_person_to_read(runtime: Runtime) -> None:
    fr = make_user(runtime, Role.NCB_OFFICER, "FR")
    unreadable = {
        "encrypted": pdfs.pdf(LETTER.format(name="Marta Kowalczyk"), encrypted=True),
        "corrupt": b"%PDF-1.4 this is not a PDF at all",
        "no_text": pdfs.image_only(),
        "too_many_pages": pdfs.pdf(
            "A page of the file, with enough words on it.", pages=pdftext.MAX_PAGES + 1
        ),
    }
    for problem, content in unreadable.items():
        assert pdftext.extract(content).problem == problem
        sent = mf.send(
            runtime, fr, to=["DE"], body="The file is attached.", attachments=[pdfs.attachment(content)]
        )
        assert sent[1:] == ("held", ["attachment_unreadable"]), problem


def test_images_hold_only_messages_about_a_person(runtime: Runtime) -> None:
    fr = make_user(runtime, Role.NCB_OFFICER, "FR")
    assert mf.send(runtime, fr, body="Photos of the Lyon meeting.", attachments=[PNG])[1:] == (
        "delivered",
        [],
    )
    ask = "Please locate the man in the attached photo."
    assert mf.send(runtime, fr, body=ask, attachments=[PNG])[1:] == ("held", ["image_about_person"])
    person = {"names": ["Marta Kowalczyk"]}
    sent = mf.send(runtime, fr, body="Photo attached.", persons=[person], attachments=[PNG])
    assert sent[1:] == ("held", ["image_about_person"])


def test_chinese_text_naming_a_protected_person_is_held(runtime: Runtime) -> None:
    mf.protect(runtime, ProtectionKind.REFUGEE, "RU", ["王小明"])
    mf.protect(runtime, ProtectionKind.REFUGEE, "RU", ["Li Hua"])
    ru = make_user(runtime, Role.NCB_OFFICER, "RU")
    assert mf.send(runtime, ru, body=WHERE_ZH)[1:] == ("held", ["protected_person"])
    romanised = "请协助逮捕李华并告知其行踪。"  # registered in Latin script, written in Han
    assert mf.send(runtime, ru, body=romanised)[1:] == ("held", ["protected_person"])


def test_ordinary_chinese_messages_are_delivered(runtime: Runtime) -> None:
    mf.protect(runtime, ProtectionKind.REFUGEE, "RU", ["王小明"])
    ru = make_user(runtime, Role.NCB_OFFICER, "RU")
    unknown = "请贵方协助查明张伟的下落并告知其住址。"
    about = "我们已收到贵方关于王小明案件的来函，法院文件将于下周寄出。"
    admin = "我局值班警官将出席里昂会议，请更新贵局的联系方式。"
    for body in (unknown, about, admin):
        assert mf.send(runtime, ru, body=body)[1:] == ("delivered", []), body


def test_a_chinese_pdf_is_read_too(runtime: Runtime) -> None:
    mf.protect(runtime, ProtectionKind.REFUGEE, "RU", ["王小明"])
    ru = make_user(runtime, Role.NCB_OFFICER, "RU")
    letter = pdfs.attachment(pdfs.pdf(WHERE_ZH))
    assert mf.send(runtime, ru, body=COVER, attachments=[letter])[1:] == ("held", ["protected_person"])
