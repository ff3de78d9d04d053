"""Retraining the learned component from decisions stored in the system, and using it."""

from __future__ import annotations

import json
import random
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select
from typer.testing import CliRunner

from article3.actors import Role
from article3.bootstrap import Runtime
from article3.cli.main import app
from article3.complaints import service as complaints
from article3.config import Settings
from article3.db.session import transaction
from article3.errors import Conflict
from article3.notices import service as notices
from article3.notices.models import Request
from article3.register.rules import ProtectionKind
from article3.review.rules import Ground
from article3.screening import model_files, training
from article3.screening import service as screening
from article3.screening.learned import FEATURE_NAMES
from tests.factories import complaints as cc
from tests.factories import requests as rq
from tests.factories.accounts import make_user
from tests.screening_service.test_gather import SUBJECT, protect
from tests.screening_service.test_record import COMPLIANT, NON_COMPLIANT

POLITICAL = {
    "offences": [
        {
            "provision": "Criminal Code of the Russian Federation, art. 212 part 2",
            "description": "Participation in mass riots",
            "category": "other",
            "committed_on": "2023-03-01",
            "place": "Moscow",
        }
    ],
    "facts": "The subject published posts criticising the government and took part in protests in Moscow "
    "on 1 March 2023, calling on others to join them.",
}


def person(i: int) -> dict[str, Any]:
    """A distinct invented person per number (no two match each other)."""
    rng = random.Random(i)
    given = "".join(rng.choice("bcdfghklmnprstvz") + rng.choice("aeiou") for _ in range(3)).title()
    family = "".join(rng.choice("bcdfghklmnprstvz") + rng.choice("aeiou") for _ in range(4)).title()
    born = f"{1950 + i % 50}-{1 + i % 12:02d}-{1 + i % 28:02d}"
    return {"names": [{"given": given, "family": family}], "birth_date": born}


def generate_decisions(rt: Runtime, n: int, seed: int = 3) -> None:
    """n decided requests: political ones mostly refused, ordinary ones mostly published."""
    rng = random.Random(seed)
    reviewer, second = make_user(rt, Role.REVIEWER), make_user(rt, Role.SENIOR_REVIEWER)
    officers = {c: make_user(rt, Role.NCB_OFFICER, c) for c in ("RU", "FR", "BR")}
    for i in range(n):
        political = i % 3 == 0
        country = "RU" if political else rng.choice(["RU", "FR", "BR"])
        overrides = {"subject": person(i), **(POLITICAL if political else {})}
        ref = rq.submit(rt, officers[country], rq.document(country, **overrides))
        refused = rng.random() < (0.85 if political else 0.1)
        decided = rq.decide(
            rt, reviewer, ref, rq.refuse(Ground.ARTICLE3_POLITICAL) if refused else rq.approve()
        )
        if decided.status == "in_review":  # enhanced review: four eyes
            rq.decide(rt, second, ref, rq.approve())


def test_label_of_one_request() -> None:
    assert training.label(status="refused", published=False, route="enhanced_review") is True
    assert training.label(status="refused", published=False, route="blocked") is None
    assert training.label(status="published", published=True, route="fast_track") is False
    assert training.label(status="expired", published=True, route="fast_track") is False
    assert training.label(status="in_review", published=False, route="fast_track") is None
    assert training.label(status="published", published=True, route="fast_track", overturned=True) is True


def test_too_few_decisions_is_a_conflict(runtime: Runtime, tmp_path: Path) -> None:
    generate_decisions(runtime, 4)
    with runtime.session() as s, transaction(s), pytest.raises(Conflict) as error:
        training.train_from_decisions(s, actor="system:test", data_dir=tmp_path, now=runtime.clock.now())
    assert error.value.code == "screening.training_data_insufficient"


def test_train_from_stored_decisions_then_screen_with_the_model(
    runtime: Runtime, settings: Settings, tmp_path: Path
) -> None:
    generate_decisions(runtime, 48)
    with runtime.session() as s:
        examples = training.examples(s)
    assert len(examples) == 48
    assert all(len(e.features) == len(FEATURE_NAMES) for e in examples)
    runtime.settings = settings.model_copy(update={"data_dir": tmp_path})
    with runtime.session() as s, transaction(s):
        card = training.train_from_decisions(
            s, actor="system:test", data_dir=tmp_path, now=runtime.clock.now()
        )
    assert card["n"] == 48
    assert card["holdout"]["roc_auc"] > 0.7
    stored = json.loads((tmp_path / "screening" / "model_card.json").read_text())
    assert stored["version"] == card["version"]
    assert "Brier score" in (tmp_path / "screening" / "model_card.md").read_text()
    model = model_files.latest(tmp_path)
    assert model is not None and model.version == card["version"]

    # the next screening uses the model: its evidence is listed, and a hard block stays a block
    officer = make_user(runtime, Role.NCB_OFFICER, "RU")
    ref = rq.submit(runtime, officer, rq.document("RU", subject=person(999), **POLITICAL))
    with runtime.session() as s:
        run = screening.latest(s, request_id=notices.by_ref(s, ref).id)
    assert run is not None
    assert "model_evidence" in [f["code"] for f in run.findings]
    protect(runtime, ProtectionKind.REFUGEE, country="DE", against="RU")
    blocked = rq.submit(runtime, officer, rq.document("RU", subject=SUBJECT, **POLITICAL))
    with runtime.session() as s:
        assert notices.by_ref(s, blocked).route == "blocked"


def test_commission_outcomes_override_the_review_outcome(runtime: Runtime) -> None:
    generate_decisions(runtime, 6)
    with runtime.session() as s:
        plain = training.examples(s)
        refs = list(s.scalars(select(Request.ref).where(Request.status == "published")))
        overturned = training.examples(s, commission_outcomes=dict.fromkeys(refs, True))
    assert sum(e.outcome for e in overturned) == sum(e.outcome for e in plain) + len(refs)


def cli_train(settings: Settings, data_dir: Path) -> dict[str, Any]:
    """``article3 screening train --json`` on the test database; the card it prints."""
    env = {
        "ARTICLE3_DATABASE_URL": settings.database_url,
        "ARTICLE3_ENVIRONMENT": "test",
        "ARTICLE3_DATA_DIR": str(data_dir),
    }
    result = CliRunner(env=env).invoke(app, ["screening", "train", "--json"])
    assert result.exit_code == 0, result.output
    card: dict[str, Any] = json.loads(result.stdout)
    return card


def test_cli_train(runtime: Runtime, settings: Settings, tmp_path: Path) -> None:
    generate_decisions(runtime, 24, seed=5)
    card = cli_train(settings, tmp_path)
    assert card["n"] == 24
    assert Path(card["files"]["model"]).exists()


def test_cli_train_learns_what_the_commission_overturned(
    runtime: Runtime, settings: Settings, tmp_path: Path
) -> None:
    generate_decisions(runtime, 24, seed=5)
    member = make_user(runtime, Role.CCF_MEMBER)
    deleted_ref, stood_ref = rq.published(runtime, "FR"), rq.published(runtime, "FR")
    for request_ref, outcome in ((deleted_ref, NON_COMPLIANT), (stood_ref, COMPLIANT)):
        cc.decided(runtime, [request_ref], outcome, member)
    with runtime.session() as s:
        assert complaints.request_outcomes(s) == {deleted_ref: True, stood_ref: False}
        plain = training.examples(s)
    card = cli_train(settings, tmp_path)
    # the deleted request says nothing to the reviewers' labels; the commission's outcome makes it a
    # positive, and the request that stood is one more negative
    assert len(plain) == 25 and card["n"] == 26
    assert card["positives"] == sum(e.outcome for e in plain) + 1
    assert "2 commission outcomes" in card["sources"]
