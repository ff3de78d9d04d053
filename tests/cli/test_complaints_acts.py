"""The commission's acts on the command line, in process, against a real database: the same
services, permissions and field errors as the API."""

from __future__ import annotations

import json
from typing import Any

import httpx
import pytest
from sqlalchemy import select
from typer.testing import CliRunner, Result

from article3.actors import Role
from article3.bootstrap import Runtime
from article3.cli.context import State
from article3.cli.main import app
from article3.complaints import service as complaints
from article3.notices.models import Request
from article3.search.models import IndexedPerson
from tests.factories import complaints as cc
from tests.factories.accounts import bearer, make_token, make_user


class Cli:
    """``article3 …`` run in process on the test's runtime (its database, clock and search index)."""

    def __init__(self, runtime: Runtime) -> None:
        self.runtime = runtime

    def __call__(self, *args: str) -> Result:
        st = State()
        st._runtime = self.runtime
        return CliRunner().invoke(app, list(args), obj=st)

    def json(self, *args: str) -> Any:
        result = self(*args, "--json")
        assert result.exit_code == 0, result.output
        return json.loads(result.stdout)


@pytest.fixture
def cli(runtime: Runtime) -> Cli:
    return Cli(runtime)


def _users(runtime: Runtime) -> None:
    make_user(runtime, Role.CCF_SECRETARIAT, username="sec")
    make_user(runtime, Role.CCF_MEMBER, username="member")
    make_user(runtime, Role.NCB_OFFICER, "FR", username="officer.fr")


def test_the_full_procedure_ends_in_a_binding_deletion(runtime: Runtime, cli: Cli) -> None:
    ref, request_ref = cc.on_published(runtime, "FR")
    _users(runtime)

    case = cli.json("complaints", "assess", ref, "--admissible", "--reason", "in order", "--as", "sec")
    assert case["status"] == "admissible" and case["admissibility_reason"] == "in order"

    asked = cli.json("complaints", "consult", ref, "--questions", "Did he benefit?", "--as", "sec")
    assert (asked["request_ref"], asked["country"], asked["answer"]) == (request_ref, "FR", None)
    listed = cli.json("complaints", "consultations", "--as", "officer.fr")
    assert [c["id"] for c in listed] == [asked["id"]]

    answered = cli.json(
        "complaints", "answer", str(asked["id"]), "--answer", "See the file.",
        "--restriction", "confidentiality_of_investigation", "--as", "officer.fr",
    )  # fmt: skip
    assert answered["answer"] == "See the file."
    assert answered["restrictions"] == ["confidentiality_of_investigation"]

    blocked = cli.json("complaints", "block", ref, "--reason", "imminent extradition", "--as", "member")
    assert [link["blocked"] for link in blocked["links"]] == [True]

    decided = cli(
        "complaints", "decide", ref, "--outcome", "non_compliant",
        "--upheld", "art3_political_predominance", "--applicant-text", "Deleted.", "--as", "member",
    )  # fmt: skip
    assert decided.exit_code == 0, decided.output
    assert decided.stdout.startswith(f"{ref} decided: non_compliant; {request_ref} deleted")

    shown = cli.json("complaints", "show", ref)
    assert shown["decision"]["outcome"] == "non_compliant"
    assert shown["decision"]["findings"] == {"art3_political_predominance": "upheld"}
    with runtime.session() as s:
        request = s.scalars(select(Request).where(Request.ref == request_ref)).one()
        assert (request.status, request.document) == ("deleted", None)
        assert s.get(IndexedPerson, request_ref) is None


def test_clear_ends_the_wait_of_a_request_linked_later(runtime: Runtime, cli: Cli) -> None:
    case, request_ref = cc.later_linked(runtime, "FR")
    _users(runtime)
    with runtime.session() as s:
        assert complaints.publication_hold(s, ref=request_ref, now=runtime.clock.now()) is not None

    result = cli("complaints", "clear", case, request_ref, "--reason", "no risk shown", "--as", "member")

    assert result.exit_code == 0, result.output
    assert result.stdout.strip() == f"{case} received: {request_ref} cleared (no block)"
    with runtime.session() as s:
        assert complaints.publication_hold(s, ref=request_ref, now=runtime.clock.now()) is None
    [link] = cli.json("complaints", "show", case)["links"]
    assert link["cleared_at"] is not None and link["blocked"] is False
    shown = cli("complaints", "show", case).stdout.splitlines()
    assert shown[0] == f"{case} deletion received received 2026-01-05"
    assert shown[-1].startswith(f"request {request_ref} FR ") and shown[-1].endswith(" cleared 2026-01-05")


def test_a_bureau_officer_may_not_decide_here_nor_over_http(
    runtime: Runtime, cli: Cli, http: httpx.Client
) -> None:
    ref = cc.admissible(runtime, "FR")
    _users(runtime)
    token = make_token(runtime, Role.NCB_OFFICER, "FR")
    body = {"outcome": "compliant", "findings": {}}

    result = cli("complaints", "decide", ref, "--outcome", "compliant", "--as", "officer.fr")
    over_http = http.post(f"/api/v1/complaints/{ref}/decision", json=body, headers=bearer(token))

    assert over_http.status_code == 403
    assert over_http.json()["error"]["code"] == "auth.permission_denied"
    assert result.exit_code == 1
    assert "error[auth.permission_denied]" in result.stderr
    assert cli.json("complaints", "show", ref)["status"] == "admissible"


def test_bad_values_name_the_field_as_the_api_does(runtime: Runtime, cli: Cli, http: httpx.Client) -> None:
    ref = cc.lodged(runtime)
    _users(runtime)
    token = make_token(runtime, Role.CCF_SECRETARIAT)
    over_http = http.post(
        f"/api/v1/complaints/{ref}/admissibility",
        json={"admissible": True, "reason": "x"},
        headers=bearer(token),
    )
    [detail] = over_http.json()["error"]["details"]

    result = cli("complaints", "assess", ref, "--admissible", "--reason", "x", "--as", "sec")

    assert over_http.status_code == 422 and detail["path"] == "reason"
    assert result.exit_code == 1
    assert "error[invalid_input]" in result.stderr
    assert f"  reason: {detail['message']}" in result.stderr
    assert cli.json("complaints", "show", ref)["status"] == "received"


def test_out_of_range_months_and_unknown_vocabulary_are_refused(runtime: Runtime, cli: Cli) -> None:
    ref = cc.lodged(runtime)
    _users(runtime)

    months = cli(
        "complaints", "extend", ref, "--clock", "admissibility", "--months", "7",
        "--reason", "a long file", "--as", "sec",
    )  # fmt: skip
    outcome = cli("complaints", "decide", ref, "--outcome", "guilty", "--as", "member")
    both = cli(
        "complaints", "decide", ref, "--outcome", "compliant", "--upheld", "art3_military",
        "--rejected", "art3_military", "--as", "member",
    )  # fmt: skip

    assert months.exit_code == 1 and "  months: " in months.stderr
    assert outcome.exit_code == 2 and "--outcome" in outcome.output
    assert both.exit_code == 1 and "  findings.art3_military: given both upheld and rejected" in both.stderr


def test_extend_and_restriction(runtime: Runtime, cli: Cli) -> None:
    ref, consultation_id = cc.consulted(runtime, "FR", answered=True)
    _users(runtime)

    extended = cli.json(
        "complaints", "extend", ref, "--clock", "decision", "--months", "2",
        "--reason", "waiting for the court's file", "--as", "sec",
    )  # fmt: skip
    ruled = cli.json(
        "complaints", "restriction", ref, str(consultation_id), "--accept", "--note", "ok", "--as", "member"
    )

    assert [(e["clock"], e["months"]) for e in extended["extensions"]] == [("decision", 2)]
    assert [c["restriction_accepted"] for c in ruled["consultations"]] == [True]


def test_lodge_from_a_file_gives_a_case_and_a_login(runtime: Runtime, cli: Cli, tmp_path: Any) -> None:
    file = tmp_path / "complaint.json"
    file.write_text(json.dumps(cc.lodge_data(pre_emptive=True).model_dump(mode="json")))
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"kind": "deletion"}))

    receipt = cli.json("complaints", "lodge", str(file))
    refused = cli("complaints", "lodge", str(bad))

    assert receipt["ref"].startswith("CCF-2026-") and receipt["password"]
    assert cli.json("complaints", "show", receipt["ref"])["status"] == "received"
    assert refused.exit_code == 1 and "  applicant: Field required" in refused.stderr
