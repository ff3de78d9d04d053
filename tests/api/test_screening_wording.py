"""The wording counts over real HTTP: a reviewer reads the figures the counted decisions give (a
phrase's text only once ten decided requests used it), the limit bounds the phrases listed, an NCB
officer may not read them. ``count_decisions`` is shared with the page and command tests."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime

import httpx

from article3.actors import Role
from article3.bootstrap import Runtime
from article3.config import WordingUse
from article3.db.session import transaction
from article3.notices import service as notices
from article3.notices.document import RequestDocument
from article3.screening import wording, wording_store
from tests.factories import requests as rq
from tests.factories.accounts import bearer, make_token, make_user
from tests.screening_service.test_training import POLITICAL, person

WORDING = "/api/v1/screening/wording"
RARE = "A quokka was seen near the car park."  # in one request only: counted, never named


@dataclass
class Counted:
    """What ``count_decisions`` counted: each phrase's (non-compliant, let stand) uses."""

    decided: int = 0
    non_compliant: int = 0
    uses: dict[str, Counter[bool]] = field(default_factory=dict)
    fitted_at: datetime | None = None

    def usable(self) -> set[str]:
        return {p for p, c in self.uses.items() if c.total() >= wording.MIN_USES}


def count_decisions(rt: Runtime, n: int = 12, *, calibrate: bool = True) -> Counted:
    """n political requests the commission found non-compliant and n ordinary ones it let stand,
    plus one ordinary one let stand with a rare sentence; counted as a decision would, then
    calibrated (``calibrate``, which needs 20 counted requests of both outcomes)."""
    ru, fr = make_user(rt, Role.NCB_OFFICER, "RU"), make_user(rt, Role.NCB_OFFICER, "FR")
    submitted = [
        (rq.submit(rt, ru, rq.document("RU", subject=person(i), **POLITICAL)), True) for i in range(n)
    ]
    submitted += [(rq.submit(rt, fr, rq.document("FR", subject=person(n + i))), False) for i in range(n)]
    rare = rq.document("FR", subject=person(2 * n))
    submitted.append((rq.submit(rt, fr, rare.model_copy(update={"facts": f"{rare.facts} {RARE}"})), False))
    counted = Counted()
    key = wording.key_from_secret(rt.settings.secret_key)
    with rt.session() as s, transaction(s):
        for ref, non_compliant in submitted:
            request = notices.by_ref(s, ref)
            document = RequestDocument.model_validate(request.document)
            wording_store.count_decided(
                s,
                actor="system:test",
                request_id=request.id,
                document=document,
                non_compliant=non_compliant,
                key=key,
                now=rt.clock.now(),
            )
            counted.decided += 1
            counted.non_compliant += non_compliant
            for phrase in wording_store.document_phrases(document):
                counted.uses.setdefault(phrase, Counter())[non_compliant] += 1
        if calibrate:
            assert wording_store.calibrate(s, actor="system:test", now=rt.clock.now()) is not None
            counted.fitted_at = rt.clock.now()
    return counted


def check_figures(body: dict[str, object], counted: Counted, use: str) -> None:
    """The figures and every phrase listed agree with what was counted."""
    assert body["use"] == use
    assert (body["decided"], body["non_compliant"]) == (counted.decided, counted.non_compliant)
    assert (body["phrases"], body["phrases_usable"]) == (len(counted.uses), len(counted.usable()))
    assert body["min_uses"] == wording.MIN_USES
    leaning = body["leaning"]
    assert isinstance(leaning, list) and leaning
    for row in leaning:
        uses = counted.uses[row["phrase"]]
        assert row["phrase"] in counted.usable()
        assert (row["non_compliant"], row["let_stand"]) == (uses[True], uses[False])
    assert [r["log_odds"] for r in leaning] == sorted((r["log_odds"] for r in leaning), reverse=True)


def test_a_reviewer_reads_the_counts_and_the_limit_bounds_the_phrases(
    runtime: Runtime, http: httpx.Client
) -> None:
    reviewer = make_token(runtime, Role.REVIEWER)
    empty = http.get(WORDING, headers=bearer(reviewer))
    assert empty.status_code == 200, empty.text
    assert empty.json()["use"] == runtime.settings.wording.value
    assert (empty.json()["decided"], empty.json()["calibration"], empty.json()["leaning"]) == (0, None, [])

    counted = count_decisions(runtime)
    runtime.settings = runtime.settings.model_copy(update={"wording": WordingUse.LEARN})
    full = http.get(WORDING, params={"limit": 200}, headers=bearer(reviewer))
    assert full.status_code == 200, full.text
    body = full.json()
    check_figures(body, counted, "learn")
    assert len(body["leaning"]) == min(200, len(counted.usable()))
    assert not any("quokka" in row["phrase"] for row in body["leaning"])
    assert any("quokka" in p for p in counted.uses)  # counted, as a keyed hash only
    top = body["leaning"][0]  # a phrase only the non-compliant requests used
    assert (top["non_compliant"], top["let_stand"]) == (counted.non_compliant, 0)
    calibration = body["calibration"]
    assert (calibration["n"], calibration["positives"]) == (counted.decided, counted.non_compliant)
    assert counted.fitted_at is not None
    assert datetime.fromisoformat(calibration["fitted_at"]).replace(tzinfo=None) == counted.fitted_at.replace(
        tzinfo=None
    )

    limited = http.get(WORDING, params={"limit": 3}, headers=bearer(reviewer)).json()
    assert limited["leaning"] == body["leaning"][:3]
    assert http.get(WORDING, params={"limit": 0}, headers=bearer(reviewer)).status_code == 422
    assert http.get(WORDING, params={"limit": 201}, headers=bearer(reviewer)).status_code == 422


def test_an_ncb_officer_may_not_read_the_counts(runtime: Runtime, http: httpx.Client) -> None:
    officer = make_token(runtime, Role.NCB_OFFICER)
    forbidden = http.get(WORDING, headers=bearer(officer))
    assert forbidden.status_code == 403
    assert forbidden.json()["error"]["code"] == "auth.permission_denied"
    assert http.get(WORDING).status_code == 401


def test_a_senior_reviewer_calibrates_without_retraining_the_model(
    runtime: Runtime, http: httpx.Client
) -> None:
    senior, reviewer = make_token(runtime, Role.SENIOR_REVIEWER), make_token(runtime, Role.REVIEWER)
    short = http.post(WORDING, headers=bearer(senior))
    assert short.status_code == 409
    assert short.json()["error"]["code"] == "screening.wording_data_insufficient"
    counted = count_decisions(runtime, calibrate=False)
    assert http.post(WORDING, headers=bearer(reviewer)).status_code == 403
    fitted = http.post(WORDING, headers=bearer(senior))
    assert fitted.status_code == 200, fitted.text
    assert (fitted.json()["n"], fitted.json()["positives"]) == (counted.decided, counted.non_compliant)
    assert fitted.json()["slope"] > 0  # more non-compliant phrases, higher probability
    assert http.get(WORDING, headers=bearer(reviewer)).json()["calibration"] == fitted.json()
    assert not (runtime.settings.data_dir / "screening" / "model.bin").exists()
