"""The pages: write with an attachment, read in the inbox, acknowledge; held ones in the queue."""

from __future__ import annotations

import httpx

from article3.actors import Role
from article3.bootstrap import Runtime
from tests.factories import messages as mf
from tests.factories.accounts import make_user
from tests.messages import pdfs
from tests.web.test_page_permissions import login

JUDGMENT = "Judgment of the district court, served on the parties."


def csrf(http: httpx.Client, path: str) -> str:
    return http.get(path).text.split('name="csrf" value="')[1].split('"')[0]


def test_write_read_acknowledge(runtime: Runtime, server: str) -> None:
    make_user(runtime, Role.NCB_OFFICER, "FR", username="web-fr")
    make_user(runtime, Role.NCB_OFFICER, "DE", username="web-de")
    with httpx.Client(base_url=server, timeout=30) as fr:
        login(fr, "web-fr")
        token = csrf(fr, "/messages/new")
        sent = fr.post(
            "/messages",
            data={"csrf": token, "to": "DE", "subject": "Judgment", "body": "The judgment is attached."},
            files={"attachments": ("judgment.pdf", pdfs.pdf(JUDGMENT), "application/pdf")},
        )
        assert sent.status_code == 303, sent.text
        ref = sent.headers["location"].rsplit("/", 1)[1]
        bad = fr.post("/messages", data={"csrf": token, "to": "", "subject": "", "body": ""})
        assert bad.status_code == 422 and 'data-testid="form-errors"' in bad.text
    with httpx.Client(base_url=server, timeout=30) as de:
        login(de, "web-de")
        assert ref in de.get("/messages").text
        page = de.get(f"/messages/{ref}").text
        assert "judgment.pdf" in page and 'data-testid="mark-read"' in page
        assert (
            de.post(f"/messages/{ref}/read", data={"csrf": csrf(de, f"/messages/{ref}")}).status_code == 303
        )
        assert 'data-testid="mark-read"' not in de.get(f"/messages/{ref}").text


def test_held_message_in_the_queue_and_released(runtime: Runtime, server: str) -> None:
    ref, _ = mf.held(runtime)
    make_user(runtime, Role.REVIEWER, username="web-reviewer")
    with httpx.Client(base_url=server, timeout=30) as rv:
        login(rv, "web-reviewer")
        assert ref in rv.get("/compliance/messages").text
        page = rv.get(f"/compliance/messages/{ref}").text
        assert 'data-reason="measure_message_hold"' in page
        token = csrf(rv, f"/compliance/messages/{ref}")
        short = rv.post(
            f"/compliance/messages/{ref}/decide", data={"csrf": token, "decision": "block", "grounds": "no"}
        )
        assert short.status_code == 422
        done = rv.post(
            f"/compliance/messages/{ref}/decide",
            data={"csrf": token, "decision": "block", "grounds": "asks to arrest under a message hold"},
        )
        assert done.status_code == 303
        assert "Decided on" in rv.get(f"/compliance/messages/{ref}").text
