"""Building, storing, signing and verifying the yearly report; the CLI; the frozen snapshot."""

from __future__ import annotations

import json
from pathlib import Path

import httpx
import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError
from typer.testing import CliRunner

from article3.bootstrap import Runtime
from article3.cli.main import app
from article3.db.session import transaction
from article3.transparency import service as transparency
from article3.transparency import signing
from tests.factories import oversight as ov
from tests.factories import requests as rq

YEAR = 2026


def build(rt: Runtime) -> int:
    signer = transparency.signer_for(rt.settings)
    with rt.session() as s, transaction(s):
        return transparency.build_report(
            s, year=YEAR, actor=transparency.REPORT_ACTOR, signer=signer, now=rt.clock.now()
        ).id


def test_a_report_carries_the_head_hash_and_verifies(runtime: Runtime) -> None:
    rq.published(runtime, "RU")
    ov.lifted(runtime, ov.applied(runtime, country="RU"))
    with runtime.session() as s:
        head = s.execute(text("SELECT seq, hash FROM audit_entries ORDER BY seq DESC LIMIT 1")).one()
    report_id = build(runtime)
    public = transparency.signer_for(runtime.settings).public
    with runtime.session() as s:
        read = transparency.get_report(s, report_id)
        verified = transparency.verify_report(s, report_id, public=public)
        last = s.execute(text("SELECT action FROM audit_entries ORDER BY seq DESC LIMIT 1")).scalar_one()
    assert (read.audit_head_seq, read.audit_head_hash) == tuple(head)
    assert read.content["audit_head"] == {"seq": head[0], "hash": head[1]}
    assert [(m["country"], m["kind"]) for m in read.content["measures"]] == [("RU", "enhanced_review")]
    assert read.content["measures"][0]["lifted_reason"] == "record back within the thresholds"
    assert verified.ok, verified.problems
    assert last == "transparency:report:built"
    assert (runtime.settings.data_dir / "keys" / signing.KEY_FILE).stat().st_mode & 0o777 == 0o600


def test_verification_fails_with_another_key(runtime: Runtime, tmp_path: Path) -> None:
    report_id = build(runtime)
    other = signing.load_or_create(tmp_path / "other.pem").public
    with runtime.session() as s:
        verified = transparency.verify_report(s, report_id, public=other)
    assert not verified.ok and not verified.signatures_ok


def test_a_stored_report_is_frozen(runtime: Runtime) -> None:
    build(runtime)
    for statement in ("UPDATE transparency_reports SET year = 1999", "DELETE FROM transparency_reports"):
        with runtime.engine.connect() as conn, pytest.raises(DBAPIError, match="frozen"):
            conn.execute(text(statement))
            conn.commit()


@pytest.fixture
def cli(settings: object, monkeypatch: pytest.MonkeyPatch) -> CliRunner:
    for name in ("database_url", "data_dir", "secret_key", "environment"):
        monkeypatch.setenv(f"ARTICLE3_{name.upper()}", str(getattr(settings, name)))
    return CliRunner()


def test_cli_builds_files_that_verify_and_fail_on_any_altered_byte(
    runtime: Runtime, cli: CliRunner, tmp_path: Path
) -> None:
    rq.published(runtime, "FR")
    out = tmp_path / "out"
    result = cli.invoke(app, ["report", "build", "--year", str(YEAR), "--out", str(out)])
    assert result.exit_code == 0, result.output
    names = sorted(p.name for p in out.iterdir())
    assert names == [f"article3-report-{YEAR}.{e}{s}" for e in ("csv", "html", "json") for s in ("", ".sig")]
    for ext in ("csv", "html", "json"):
        path = out / f"article3-report-{YEAR}.{ext}"
        ok = cli.invoke(app, ["report", "verify", str(path)])
        assert ok.exit_code == 0, ok.output
        data = bytearray(path.read_bytes())
        data[len(data) // 2] ^= 0x01  # one bit of one byte
        path.write_bytes(bytes(data))
        bad = cli.invoke(app, ["report", "verify", str(path)])
        assert bad.exit_code == 1
        assert "error[report.verification_failed]" in bad.stderr


def test_verify_with_a_published_public_key_and_a_forged_sig(
    runtime: Runtime, cli: CliRunner, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    assert cli.invoke(app, ["report", "build", "--year", str(YEAR), "--out", str(out)]).exit_code == 0
    path = out / f"article3-report-{YEAR}.json"
    pub = signing.public_path(runtime.settings.data_dir / "keys" / signing.KEY_FILE)
    assert cli.invoke(app, ["report", "verify", str(path), "--public-key", str(pub)]).exit_code == 0
    sig_path = path.with_name(path.name + ".sig")
    forged = json.loads(sig_path.read_text())
    forger = signing.load_or_create(tmp_path / "forger.pem")
    forged["signature"], forged["key_id"] = forger.sign(path.read_bytes()), forger.key_id
    sig_path.write_text(json.dumps(forged))
    result = cli.invoke(app, ["report", "verify", str(path), "--public-key", str(pub)])
    assert result.exit_code == 1
    assert "not with" in result.stderr


def test_public_api_and_pages_need_no_login(runtime: Runtime, http: httpx.Client) -> None:
    report_id = build(runtime)
    listed = http.get("/api/v1/reports").json()
    assert [r["id"] for r in listed] == [report_id]
    assert http.get(f"/api/v1/reports/{report_id}").json()["content"]["year"] == YEAR
    assert http.get(f"/api/v1/reports/{report_id}/verify").json()["ok"] is True
    assert "BEGIN PUBLIC KEY" in http.get("/api/v1/reports/key").text
    assert http.get("/api/v1/reports/999").json()["error"]["code"] == "report.not_found"
    page = http.get("/transparency/reports")
    assert page.status_code == 200 and "<svg" in page.text
    name = f"article3-report-{YEAR}.html"
    stored = http.get(f"/transparency/reports/{report_id}/{name}")
    sig = http.get(f"/transparency/reports/{report_id}/{name}.sig").json()
    assert sig["sha256"] == signing.sha256(stored.content)
    assert http.get(f"/transparency/reports/{report_id}").status_code == 200
