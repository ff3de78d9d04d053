"""The wording counts end to end: counted at the commission's decisions before the purge,
calibrated at retraining, used by the next screening, and nothing readable left of a rare phrase."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import func, select

from article3 import workflows
from article3.actors import Role
from article3.audit import service as audit
from article3.bootstrap import Runtime
from article3.config import Settings, WordingUse
from article3.db.session import transaction
from article3.notices import service as notices
from article3.screening import service as screening
from article3.screening import wording, wording_store
from article3.screening.models import WordingCalibration, WordingDecision, WordingPhrase
from tests.factories import complaints as cc
from tests.factories import requests as rq
from tests.factories.accounts import make_user
from tests.screening_service.test_record import COMPLIANT, NON_COMPLIANT
from tests.screening_service.test_training import person

RAID = "The subject, head of an unregistered association, received EUR 40,000 in grants and spent it."
ORDINARY = "The subject sold stolen cars through a garage in the port and kept the proceeds."
PER_CASE = 12  # requests a complaint concerns: every phrase of one kind reaches MIN_USES


@pytest.fixture
def settings(settings: Settings) -> Settings:
    return settings.model_copy(update={"wording": WordingUse.SCREEN})


def submitted(rt: Runtime, facts: str, first: int) -> list[str]:
    officer = make_user(rt, Role.NCB_OFFICER, "FR")
    return [
        rq.submit(rt, officer, rq.document("FR", subject=person(first + i), facts=facts))
        for i in range(PER_CASE)
    ]


def tallies(rt: Runtime, *texts: str) -> dict[str, Any]:
    key = wording.key_from_secret(rt.settings.secret_key)
    with rt.session() as s:
        rows = {r.key: r for r in s.scalars(select(WordingPhrase))}
        return {t: rows.get(wording.phrase_key(key, t)) for t in texts}


def test_each_decision_counts_its_requests_before_the_purge(runtime: Runtime) -> None:
    raids, ordinary = submitted(runtime, RAID, 0), submitted(runtime, ORDINARY, 100)
    cc.decided(runtime, raids, NON_COMPLIANT)
    cc.decided(runtime, ordinary, COMPLIANT)
    found = tallies(runtime, "unregistered association", "stolen cars", "the subject")
    assert (found["unregistered association"].overturned, found["unregistered association"].stood) == (12, 0)
    assert (found["stolen cars"].overturned, found["stolen cars"].stood) == (0, 12)
    assert (found["the subject"].overturned, found["the subject"].stood) == (12, 12)
    with runtime.session() as s:
        assert all(notices.by_ref(s, ref).document is None for ref in raids)  # the purge still happens
        assert all(notices.by_ref(s, ref).document is not None for ref in ordinary)
        assert s.scalar(select(func.count()).select_from(WordingDecision)) == 2 * PER_CASE
        actions = [e.action for e in audit.recent(s, limit=200)]
    assert actions.count("screening:wording:counted") == 2 * PER_CASE


def test_a_rare_phrase_and_the_subjects_names_leave_nothing_readable(runtime: Runtime) -> None:
    raids = submitted(runtime, RAID, 0)
    rare = submitted(runtime, RAID + " He met his cousin in Tulle.", 200)[:1]
    cc.decided(runtime, raids[: PER_CASE - 1] + rare, NON_COMPLIANT)
    found = tallies(runtime, "cousin in tulle", "unregistered association")
    assert found["cousin in tulle"] is not None and found["cousin in tulle"].phrase is None  # a hash only
    assert found["unregistered association"].phrase == "unregistered association"  # used by 12
    names = {w.lower() for i in [*range(PER_CASE - 1), 200] for n in person(i)["names"] for w in n.values()}
    with runtime.session() as s:
        texts = [p for p in s.scalars(select(WordingPhrase.phrase)) if p]
    assert texts and not any(word in names for t in texts for word in t.split())


def test_a_request_let_stand_then_found_non_compliant_moves_column(runtime: Runtime) -> None:
    refs = submitted(runtime, ORDINARY, 0)
    cc.decided(runtime, refs, COMPLIANT)
    cc.decided(runtime, refs[:1], NON_COMPLIANT)
    cc.decided(runtime, refs[1:2], COMPLIANT)  # counted once: a second "let stand" changes nothing
    found = tallies(runtime, "stolen cars")["stolen cars"]
    assert (found.overturned, found.stood) == (1, PER_CASE - 1)
    with runtime.session() as s:
        assert wording_store.totals(s) == wording.Tally(overturned=1, stood=PER_CASE - 1)


def test_retraining_calibrates_and_the_next_screening_weighs_the_wording(runtime: Runtime) -> None:
    cc.decided(runtime, submitted(runtime, RAID, 0), NON_COMPLIANT)
    cc.decided(runtime, submitted(runtime, ORDINARY, 100), COMPLIANT)
    with runtime.session() as s, transaction(s):
        card = workflows.train_screening(
            s, actor="system:test", data_dir=runtime.settings.data_dir, now=runtime.clock.now()
        )
    assert (card["wording"]["n"], card["wording"]["positives"]) == (2 * PER_CASE, PER_CASE)
    officer = make_user(runtime, Role.NCB_OFFICER, "FR")
    p = {}
    for facts in (RAID, ORDINARY):
        ref = rq.submit(runtime, officer, rq.document("FR", subject=person(500 + len(p)), facts=facts))
        with runtime.session() as s:
            run = screening.latest(s, request_id=notices.by_ref(s, ref).id)
        assert run is not None
        (found,) = [f for f in run.findings if f["code"] == "wording_evidence"]
        p[facts] = found["weight"]
        if facts == RAID:  # the phrases it names are the raid's, as the commission counted them
            assert found["evidence"] and all(
                e["ref"] in wording.phrases([RAID], []) for e in found["evidence"]
            )
            assert {e["detail"] for e in found["evidence"]} == {"12 non-compliant, 0 let stand"}
    assert p[RAID] > p[ORDINARY]


def test_off_counts_nothing_and_learn_does_not_screen(runtime: Runtime, settings: Settings) -> None:
    runtime.settings = settings.model_copy(update={"wording": WordingUse.OFF})
    cc.decided(runtime, submitted(runtime, RAID, 0), NON_COMPLIANT)
    with runtime.session() as s:
        assert s.scalar(select(func.count()).select_from(WordingPhrase)) == 0
    runtime.settings = settings.model_copy(update={"wording": WordingUse.LEARN})
    cc.decided(runtime, submitted(runtime, RAID, 100), NON_COMPLIANT)
    cc.decided(runtime, submitted(runtime, ORDINARY, 200), COMPLIANT)
    with runtime.session() as s, transaction(s):
        assert wording_store.calibrate(s, actor="system:test", now=runtime.clock.now()) is not None
        assert s.scalar(select(func.count()).select_from(WordingCalibration)) == 1
    ref = rq.submit(runtime, make_user(runtime, Role.NCB_OFFICER, "FR"), rq.document("FR", facts=RAID))
    with runtime.session() as s:
        run = screening.latest(s, request_id=notices.by_ref(s, ref).id)
    assert run is not None and "wording_evidence" not in [f["code"] for f in run.findings]
