"""Host countries' flags in the replay: raised through the real service on published requests
only, seen by the screening of later requests about the person, truth kept out of the tables."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta

from sqlalchemy import select

from article3.all_models import Base
from article3.bootstrap import Runtime
from article3.notices.models import Flag, Request
from article3.sim import abuse, generate, hosts, metrics, offences, report, world
from article3.sim.people import Person
from article3.sim.replay import Replay
from article3.sim.world import Event

START = datetime(2025, 3, 1, 9, tzinfo=UTC)
WHYS = ("torture_risk", "protection_granted", "political_case")


def _flagged_world() -> world.World:
    """A published FR notice flagged by DE, then a second FR request about the same person; a
    blocked RU request and an FR request still in review, both 'flagged' (skipped)."""
    gen = generate.Generator(random.Random(2), 2025, 2025, 0.01)

    def ordinary(when: datetime, person: Person, offence: str) -> Event:
        text, drafting = gen.ordinary_facts(offence, when.date(), person.sex)
        charges = [offences.ordinary_charge("FR", offence, gen.rng)]
        truth = {
            "abusive": False,
            "tactic": None,
            "status": "ordinary",
            "offence": offence,
            "drafting": drafting,
        }
        eid = gen.request(when, "red_notice", person, charges, text, None, truth)
        return next(e for e in gen.events if e["id"] == eid)

    wanted = gen.person("FR", START.date())
    first = ordinary(START, wanted, "homicide")
    ordinary(START + timedelta(days=60), wanted, "robbery")
    pending = ordinary(START + timedelta(days=2), gen.person("FR", START.date()), "fraud")
    refugee = gen.person("RU", START.date())
    truth = {"abusive": True, "tactic": "flee_asylum", "status": "refugee", "host": "DE"}
    gen.register(START - timedelta(days=30), refugee, "refugee", "DE", truth)
    _, text = abuse.family_case(gen.rng, "RU", True, START.date(), refugee.sex, learned=False)
    charges = [offences.Charge("Criminal Code, art. 160", "Embezzlement", "fraud", 10)]
    eid = gen.request(START, "red_notice", refugee, charges, text, None, truth)
    blocked = next(e for e in gen.events if e["id"] == eid)
    gen.events += [
        hosts.flag_event(first, "DE", "torture_risk", "human_rights_concern", START + timedelta(days=30)),
        hosts.flag_event(
            pending, "GB", "political_case", "article3_concern", START + timedelta(days=2, hours=2)
        ),
        hosts.flag_event(blocked, "DE", "protection_granted", "protected_status", START + timedelta(days=30)),
    ]
    events = sorted(gen.events, key=lambda e: (e["t"], e["id"]))
    return world.World(header={"seed": 2, "years": [2025, 2025]}, events=events)


def test_flags_are_raised_on_published_requests_only_and_seen_later(runtime: Runtime) -> None:
    results = Replay(runtime, reviewer_error=0.0, seed=2, advance=lambda n: None).run(_flagged_world())
    with runtime.session() as session:
        rows = session.execute(select(Flag.country_code, Flag.reason, Request.requesting_country)
                               .join(Request, Request.id == Flag.request_id)).all()  # fmt: skip
    assert [tuple(r) for r in rows] == [("DE", "human_rights_concern", "FR")]
    flagged = [o for o in results.outcomes if o.flagged]
    assert len(flagged) == 1 and not flagged[0].abusive
    later = [o for o in results.outcomes if metrics.SEES_FLAGS in o.codes]
    assert [o.country for o in later] == ["FR"] and later[0].submitted == START + timedelta(days=60)
    scored = metrics.evaluate(results, seed=2)
    assert scored["flags"] == {
        "raised_on_abusive": 0, "raised_on_genuine": 1, "skipped": 2, "skipped_on_abusive": 1,
        "skipped_on_genuine": 1, "seen_by_later_abusive": 0, "seen_by_later_genuine": 1,
    }  # fmt: skip
    assert scored["by_year"]["2025"]["flags"]["raised_on_genuine"] == 1
    assert "host-country flags: raised on abusive 0, on genuine 1" in report.tactics(scored)


def test_the_flags_truth_never_reaches_the_system(runtime: Runtime) -> None:
    Replay(runtime, reviewer_error=0.0, seed=2, advance=lambda n: None).run(_flagged_world())
    with runtime.session() as session:
        dumped = [str(session.execute(select(table)).all()) for table in Base.metadata.sorted_tables]
        notes = session.scalars(select(Flag.note)).all()
    assert notes == [hosts.NOTES["human_rights_concern"]]
    assert not any(why in text for why in WHYS for text in dumped)
