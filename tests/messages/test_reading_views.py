"""Which attachment was not read, and why: in the API (sender and compliance, never recipients), on
the review page and the sender's page, and in the CLI."""

from __future__ import annotations

import base64
from pathlib import Path

import httpx
from typer.testing import CliRunner

from article3.actors import Role
from article3.bootstrap import Runtime
from article3.cli.main import app
from article3.config import Settings
from tests.factories import messages as mf
from tests.factories.accounts import bearer, make_token, make_user
from tests.messages import pdfs
from tests.web.test_page_permissions import login

LETTER = "Judgment of the district court, served on the parties."
PNG = b"\x89PNG\r\n\x1a\n" + b"0" * 64


def _files() -> list[dict[str, str]]:
    return [
        pdfs.attachment(pdfs.pdf(LETTER), "judgment.pdf"),
        pdfs.attachment(pdfs.pdf(LETTER, encrypted=True), "locked.pdf"),
    ]


def _readings(body: dict[str, object]) -> list[tuple[object, ...]]:
    attachments = body["attachments"]
    assert isinstance(attachments, list)
    return [(a["position"], a["filename"], a["text_read"], a["unread_reason"]) for a in attachments]


def test_the_api_tells_the_sender_and_compliance(runtime: Runtime, http: httpx.Client) -> None:
    fr, reviewer = make_token(runtime, Role.NCB_OFFICER, "FR"), make_token(runtime, Role.REVIEWER)
    message = {"to": ["DE"], "subject": "Files", "body": "Files attached.", "attachments": _files()}
    sent = http.post("/api/v1/messages", json=message, headers=bearer(fr))
    assert sent.status_code == 201, sent.text
    body = sent.json()
    assert body["status_label"] == "held for review" and "reasons" not in body
    expected = [(1, "judgment.pdf", True, None), (2, "locked.pdf", False, "encrypted")]
    assert _readings(body) == expected
    assert "remove the password" in body["attachments"][1]["unread_help"].lower()
    held = http.get(f"/api/v1/compliance/messages/{body['ref']}", headers=bearer(reviewer)).json()
    assert held["reasons"] == ["attachment_unreadable"] and _readings(held) == expected


def test_recipients_do_not_see_how_monitoring_read(runtime: Runtime, http: httpx.Client) -> None:
    fr, de = make_token(runtime, Role.NCB_OFFICER, "FR"), make_token(runtime, Role.NCB_OFFICER, "DE")
    photo = {"filename": "lyon.png", "content_base64": base64.b64encode(PNG).decode()}
    message = {"to": ["DE"], "subject": "Lyon", "body": "Photos of the Lyon meeting.", "attachments": [photo]}
    ref = http.post("/api/v1/messages", json=message, headers=bearer(fr)).json()["ref"]
    assert _readings(http.get(f"/api/v1/messages/{ref}", headers=bearer(fr)).json()) == [
        (1, "lyon.png", False, "image")
    ]
    received = http.get(f"/api/v1/messages/{ref}", headers=bearer(de)).json()
    assert _readings(received) == [(1, "lyon.png", None, None)]
    assert received["attachments"][0]["unread_help"] is None


def test_the_review_page_and_the_senders_page(runtime: Runtime, server: str) -> None:
    fr = make_user(runtime, Role.NCB_OFFICER, "FR", username="read-fr")
    make_user(runtime, Role.REVIEWER, username="read-reviewer")
    ref = mf.send(runtime, fr, to=["DE"], body="Files attached.", attachments=_files())[0]
    with httpx.Client(base_url=server, timeout=30) as rv:
        login(rv, "read-reviewer")
        page = rv.get(f"/compliance/messages/{ref}").text
    table = page.split('data-testid="attachment-readings"')[1].split("</table>")[0]
    assert '<tr data-position="2">' in table and 'data-unread="encrypted"' in table
    assert "Remove the password" in table and 'data-unread="' not in table.split('data-position="2"')[0]
    assert 'data-testid="attachment-unread"' not in page  # once, in the table
    with httpx.Client(base_url=server, timeout=30) as sender:
        login(sender, "read-fr")
        mine = sender.get(f"/messages/{ref}").text
    assert 'data-unread="encrypted"' in mine and "Remove the password" in mine


def test_the_cli_shows_each_attachment(runtime: Runtime, settings: Settings, tmp_path: Path) -> None:
    make_user(runtime, Role.NCB_OFFICER, "FR", username="cli-fr")
    make_user(runtime, Role.REVIEWER, username="cli-reviewer")
    locked = tmp_path / "locked.pdf"
    locked.write_bytes(pdfs.pdf(LETTER, encrypted=True))
    cli = CliRunner(
        env={
            "ARTICLE3_DATABASE_URL": settings.database_url,
            "ARTICLE3_ENVIRONMENT": "test",
            "ARTICLE3_DATA_DIR": str(settings.data_dir),
        }
    )
    sent = cli.invoke(
        app,
        ["messages", "send", "--to", "DE", "--subject", "File", "--body", "Attached.",
         "--attach", str(locked), "--as", "cli-fr"],
    )  # fmt: skip
    assert sent.exit_code == 0, sent.output
    ref = sent.stdout.split()[0]
    assert "held for review" in sent.stdout and "1. locked.pdf (application/pdf" in sent.stdout
    assert "not read, encrypted: The PDF is protected by a password" in sent.stdout
    shown = cli.invoke(app, ["messages", "show", ref, "--as", "cli-reviewer"])
    assert shown.exit_code == 0, shown.output
    assert "reasons: attachment_unreadable" in shown.stdout and "not read, encrypted" in shown.stdout
