"""A commission deletion purges every quote of the request from its screening runs, not only its
document: the codes, weights and route stay for the statistics and the learned component."""

from __future__ import annotations

import json

from article3.actors import Role
from article3.bootstrap import Runtime
from article3.notices import service as notices
from article3.screening import service as screening
from tests.factories import complaints as cc
from tests.factories import requests as rq
from tests.factories.accounts import make_user
from tests.screening_service.test_record import COMPLIANT, NON_COMPLIANT
from tests.screening_service.test_training import POLITICAL, person

QUOTE = "criticising the government"


def screened(rt: Runtime, i: int) -> str:
    officer = make_user(rt, Role.NCB_OFFICER, "RU")
    return rq.submit(rt, officer, rq.document("RU", subject=person(i), **POLITICAL))


def run_of(rt: Runtime, ref: str) -> dict[str, object]:
    with rt.session() as s:
        run = screening.latest(s, request_id=notices.by_ref(s, ref).id)
        assert run is not None
        return run.model_dump(mode="json")


def test_a_deletion_purges_the_quotes_and_keeps_the_codes(runtime: Runtime) -> None:
    deleted, stood = screened(runtime, 1), screened(runtime, 2)
    before = run_of(runtime, deleted)
    assert QUOTE in json.dumps(before["findings"])  # the rules quote the summary of facts
    for ref, outcome in ((deleted, NON_COMPLIANT), (stood, COMPLIANT)):
        cc.decided(runtime, [ref], outcome)
    after = run_of(runtime, deleted)
    assert QUOTE not in json.dumps(after["findings"])
    assert [f["code"] for f in after["findings"]] == [f["code"] for f in before["findings"]]  # type: ignore[attr-defined]
    assert [f["weight"] for f in after["findings"]] == [f["weight"] for f in before["findings"]]  # type: ignore[attr-defined]
    assert (after["route"], after["risk"]) == (before["route"], before["risk"])
    assert QUOTE in json.dumps(run_of(runtime, stood)["findings"])  # a request let stand keeps them
