"""Over HTTP: the sender sees "held for review" and never why; recipients see nothing of it;
compliance decides; attachments download with a safe type and nosniff."""

from __future__ import annotations

import base64

import httpx

from article3.actors import Role
from article3.bootstrap import Runtime
from tests.factories import messages as mf
from tests.factories.accounts import bearer, make_token
from tests.messages import pdfs

WHERE = "Please tell us where Irina Sokolova lives and arrest her upon arrival."


def test_held_message_over_http(runtime: Runtime, http: httpx.Client) -> None:
    mf.refused(runtime, "RU")
    ru, ae = make_token(runtime, Role.NCB_OFFICER, "RU"), make_token(runtime, Role.NCB_OFFICER, "AE")
    reviewer = make_token(runtime, Role.REVIEWER)
    sent = http.post(
        "/api/v1/messages", json={"to": ["AE"], "subject": "Case", "body": WHERE}, headers=bearer(ru)
    )
    assert sent.status_code == 201, sent.text
    body = sent.json()
    assert (body["status"], body["status_label"]) == ("held", "held for review")
    assert "reasons" not in body and "concerned" not in body and "refused" not in sent.text
    ref = body["ref"]
    assert http.get(f"/api/v1/messages/{ref}", headers=bearer(ae)).status_code == 404
    assert http.get("/api/v1/messages/inbox", headers=bearer(ae)).json() == []
    queue = http.get("/api/v1/compliance/messages", headers=bearer(reviewer)).json()
    assert [m["ref"] for m in queue] == [ref]
    held = http.get(f"/api/v1/compliance/messages/{ref}", headers=bearer(reviewer)).json()
    assert held["reasons"] == ["refused_request_subject"]
    assert held["concerned"][0]["found_in"] == "text"
    decided = http.post(
        f"/api/v1/compliance/messages/{ref}/decide",
        json={"decision": "release", "grounds": "service of court documents only"},
        headers=bearer(reviewer),
    )
    assert decided.status_code == 200 and decided.json()["status"] == "delivered"
    assert [m["ref"] for m in http.get("/api/v1/messages/inbox", headers=bearer(ae)).json()] == [ref]
    assert http.post(f"/api/v1/messages/{ref}/read", headers=bearer(ae)).status_code == 204
    receipts = http.get(f"/api/v1/messages/{ref}", headers=bearer(ru)).json()["recipients"]
    assert receipts[0]["read_at"] is not None


def test_attachment_download_headers(runtime: Runtime, http: httpx.Client) -> None:
    fr, de = make_token(runtime, Role.NCB_OFFICER, "FR"), make_token(runtime, Role.NCB_OFFICER, "DE")
    html = base64.b64encode(b"<html><script>alert(1)</script></html>").decode()
    sent = http.post(
        "/api/v1/messages",
        json={
            "to": ["DE"],
            "subject": "Files",
            "body": "See attached.",
            "attachments": [{"filename": "page.html", "content_base64": html}],
        },
        headers=bearer(fr),
    ).json()
    att = sent["attachments"][0]
    assert att["filename"] == "page.txt" and att["media_type"] == "text/plain"
    got = http.get(f"/api/v1/messages/{sent['ref']}/attachments/{att['id']}", headers=bearer(de))
    assert got.status_code == 200
    assert got.headers["content-type"] == "text/plain; charset=utf-8"
    assert got.headers["x-content-type-options"] == "nosniff"
    assert got.headers["content-disposition"].startswith("attachment;")
    bad = http.post(
        "/api/v1/messages",
        json={
            "to": ["DE"],
            "subject": "x",
            "body": "x",
            "attachments": [{"filename": "a.exe", "content_base64": "TVqQAAM="}],
        },
        headers=bearer(fr),
    )
    assert bad.status_code == 422
    assert bad.json()["error"]["details"][0]["path"] == "attachments[0]"


def test_a_pdf_request_is_held_over_http(runtime: Runtime, http: httpx.Client) -> None:
    mf.refused(runtime, "RU")
    ru, reviewer = make_token(runtime, Role.NCB_OFFICER, "RU"), make_token(runtime, Role.REVIEWER)
    text = "Dear colleagues,\nplease establish the whereabouts of Irina Sokolova, born 3 February 1988."
    letter = pdfs.attachment(pdfs.pdf(text))
    body = {"to": ["AE"], "subject": "Case", "body": "Our letter is attached.", "attachments": [letter]}
    sent = http.post("/api/v1/messages", json=body, headers=bearer(ru))
    assert sent.status_code == 201, sent.text
    assert sent.json()["status"] == "held" and "reasons" not in sent.json()
    held = http.get(f"/api/v1/compliance/messages/{sent.json()['ref']}", headers=bearer(reviewer)).json()
    assert held["reasons"] == ["refused_request_subject"]
    assert held["concerned"][0]["found_in"] == "attachment"
    garbage = pdfs.attachment(b"%PDF-1.7\n\x00\x01garbage")
    body["attachments"] = [garbage]
    unread = http.post("/api/v1/messages", json=body, headers=bearer(ru)).json()
    assert unread["status"] == "held"
    held = http.get(f"/api/v1/compliance/messages/{unread['ref']}", headers=bearer(reviewer)).json()
    assert held["reasons"] == ["attachment_unreadable"]
