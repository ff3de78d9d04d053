"""The simulated commission consults the source bureau on a deletion case, and the bureau answers
through the product; the decision never depends on the answer."""

from __future__ import annotations

import random
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select

from article3.audit.actions import AuditAction
from article3.audit.models import AuditEntry
from article3.bootstrap import Runtime, bootstrap
from article3.clock import FixedClock
from article3.complaints import service as complaints_service
from article3.complaints.models import Complaint, Decision
from article3.config import Settings
from article3.sim import complaints, generate, metrics, offences, policies, world
from article3.sim.replay import Replay, Results
from tests.support import databases

START = datetime(2025, 3, 1, 9, tzinfo=UTC)


def _world() -> world.World:
    """Two genuine published requests, from France and Germany, about two persons who then ask the
    commission to delete them; the French one is abusive in the commission's eyes (its truth)."""
    gen = generate.Generator(random.Random(5), 2025, 2025, 0.01)
    for country, abusive in (("FR", True), ("DE", False)):
        person = gen.person(country, START.date())
        text, drafting = gen.ordinary_facts("fraud", START.date(), person.sex)
        truth = {
            "abusive": False,
            "tactic": None,
            "status": "ordinary",
            "offence": "fraud",
            "drafting": drafting,
        }
        charges = [offences.ordinary_charge(country, "fraud", gen.rng)]
        gen.request(START, "red_notice", person, charges, text, None, truth)
        statement = "I ask the commission to delete the notice about me."
        data = {"kind": "deletion", "person": person.query(), "statement": statement}
        gen.emit(START + timedelta(days=10), "complaint", person, data, {"abusive": abusive})
    events = sorted(gen.events, key=lambda e: (e["t"], e["id"]))
    return world.World(header={"seed": 5, "years": [2025, 2025]}, events=events)


def _replay(rt: Runtime) -> tuple[Replay, Results]:
    replay = Replay(rt, reviewer_error=0.0, seed=5, advance=lambda n: None)
    return replay, replay.run(_world())


@pytest.fixture
def other_runtime(
    database_factory: databases.Factory, settings: Settings, clock: FixedClock
) -> Iterator[Runtime]:
    url = database_factory.clone()
    rt = bootstrap(settings.model_copy(update={"database_url": url}), clock=clock)
    yield rt
    rt.close()
    database_factory.drop(url)


def test_the_commission_consults_the_source_bureau_which_answers(runtime: Runtime) -> None:
    replay, results = _replay(runtime)
    by_country = {o.country: o for o in results.outcomes}
    assert all(o.published is not None for o in by_country.values())
    with runtime.session() as session:
        for country, outcome in by_country.items():
            [consultation] = complaints_service.consultations_for(session, country=country)
            assert consultation.request_ref == outcome.ref
            # The deletion of the French request purged the answer about it (complaints/effects.py).
            assert consultation.answer == (None if country == "FR" else complaints.ANSWER)
            assert consultation.answered_at is not None and consultation.lapsed_at is None
            assert consultation.answered_at - consultation.asked_at == timedelta(
                days=policies.CONSULTATION_ANSWER_DAYS
            )
            assert consultation.answered_at < consultation.due_at
            assert (
                consultation.asked_at.date()
                == (START + timedelta(days=10 + policies.COMPLAINT_ADMISSIBILITY_DAYS)).date()
            )
            answered_by = session.scalars(
                select(AuditEntry.actor).where(
                    AuditEntry.action == AuditAction.COMPLAINT_CONSULTATION_ANSWERED.value,
                    AuditEntry.subject_id == str(consultation.id),
                )
            ).one()
            assert answered_by == replay.officer(country).audit_name
    assert results.tally[2025]["consultations"] == 2
    assert results.tally[2025]["consultations_answered"] == 2
    assert not any(k.startswith("error:") for k in results.tally[2025])


def test_a_consultation_waits_for_its_answer_when_the_replay_stops_early(runtime: Runtime) -> None:
    replay = Replay(runtime, reviewer_error=0.0, seed=5, advance=lambda n: None)
    replay.run(_world(), finish=False)  # the last event is the second complaint: nothing after it
    with runtime.session() as session:
        assert session.scalars(select(Complaint.status)).all() == ["received", "received"]
    replay.drain(START + timedelta(days=10 + policies.COMPLAINT_ADMISSIBILITY_DAYS + 1))
    with runtime.session() as session:
        waiting = complaints_service.consultations_for(session, country="FR")
        assert [c.answer for c in waiting] == [None]
        assert set(session.scalars(select(Complaint.status))) == {"consultation"}


def _decisions(rt: Runtime) -> dict[str, str]:
    with rt.session() as session:
        rows = session.execute(select(Complaint.ref, Decision.outcome).join(Decision)).all()
        return {row.ref: row.outcome for row in rows}


def test_the_decision_does_not_depend_on_the_answer(
    runtime: Runtime, other_runtime: Runtime, monkeypatch: pytest.MonkeyPatch
) -> None:
    _, answered = _replay(runtime)
    # The same world where the bureaus answer only after the commission has decided.
    monkeypatch.setattr(policies, "CONSULTATION_ANSWER_DAYS", 2 * policies.COMPLAINT_DECISION_DAYS)
    _, unanswered = _replay(other_runtime)
    assert unanswered.tally[2025]["consultations"] == 2
    assert (
        answered.tally[2025]["consultations_answered"],
        unanswered.tally[2025]["consultations_answered"],
    ) == (2, 0)
    # A decided case takes no more answers (the product refuses them).
    late_answers = sum(t["error:consultation.case_closed"] for t in unanswered.tally.values())
    assert late_answers == 2
    decided = _decisions(runtime)
    assert decided == _decisions(other_runtime) and len(decided) == 2
    assert sorted(decided.values()) == ["compliant", "non_compliant"]  # the truth, drawn without error
    late = metrics.evaluate(unanswered, seed=5)
    assert late.pop("errors") == {"error:consultation.case_closed": 2}
    assert metrics.evaluate(answered, seed=5) == late | {"errors": {}}
    assert answered.tally[2025]["deletions"] == unanswered.tally[2025]["deletions"] == 1
