"""The screening model's card and retraining over real HTTP: 404 before any training, 409 with too
few decisions, the card after a retrain (the same version on the next read), audited as the caller."""

from __future__ import annotations

import httpx

from article3.actors import Role
from article3.audit import service as audit
from article3.bootstrap import Runtime
from article3.screening import model_files
from tests.factories.accounts import bearer, make_token
from tests.screening_service.test_training import generate_decisions

MODEL = "/api/v1/screening/model"


def test_no_model_is_404_then_a_retrain_returns_the_card_the_next_read_gives(
    runtime: Runtime, http: httpx.Client
) -> None:
    reader, senior = make_token(runtime, Role.GOVERNANCE), make_token(runtime, Role.SENIOR_REVIEWER)
    missing = http.get(MODEL, headers=bearer(reader))
    assert missing.status_code == 404
    assert missing.json()["error"]["code"] == "screening.model_not_trained"

    generate_decisions(runtime, 24, seed=5)
    trained = http.post(MODEL, headers=bearer(senior))
    assert trained.status_code == 200, trained.text
    card = trained.json()
    assert card["n"] == 24
    assert 0 < card["positives"] < 24
    assert card["version"] == runtime.clock.now().strftime("%Y%m%d%H%M%S")
    assert card["holdout"]["calibration_bins"]
    model = model_files.latest(runtime.settings.data_dir)
    assert model is not None and model.version == card["version"]

    again = http.get(MODEL, headers=bearer(reader))
    assert again.status_code == 200
    assert again.json() == card
    senior_id = http.get("/api/v1/me", headers=bearer(senior)).json()["id"]
    with runtime.session() as s:
        entry = next(e for e in audit.recent(s, limit=5) if e.action == "screening:model:trained")
    assert (entry.actor, entry.subject_id) == (f"user:{senior_id}", card["version"])


def test_too_few_decisions_is_409_and_leaves_no_model(runtime: Runtime, http: httpx.Client) -> None:
    senior = make_token(runtime, Role.SENIOR_REVIEWER)
    generate_decisions(runtime, 4)
    refused = http.post(MODEL, headers=bearer(senior))
    assert refused.status_code == 409
    assert refused.json()["error"]["code"] == "screening.training_data_insufficient"
    assert http.get(MODEL, headers=bearer(senior)).status_code == 404


def test_a_reviewer_reads_but_may_not_retrain_and_an_officer_may_not_read(
    runtime: Runtime, http: httpx.Client
) -> None:
    reviewer, officer = make_token(runtime, Role.REVIEWER), make_token(runtime, Role.NCB_OFFICER)
    forbidden = http.post(MODEL, headers=bearer(reviewer))
    assert forbidden.status_code == 403
    assert forbidden.json()["error"]["code"] == "auth.permission_denied"
    assert http.get(MODEL, headers=bearer(reviewer)).status_code == 404  # allowed: no model yet
    assert http.get(MODEL, headers=bearer(officer)).status_code == 403
